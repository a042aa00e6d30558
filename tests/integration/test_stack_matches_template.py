"""The local stack creates exactly what template.yaml declares, with its properties."""

from __future__ import annotations

import json

from infra.template import load
from tests.conftest import ROOT

RESOURCES = load(ROOT / "template.yaml")["Resources"]


def declared(kind: str) -> dict:
    return {name: r.get("Properties") or {} for name, r in RESOURCES.items() if r["Type"] == kind}


def test_tables_indexes_and_ttl_match_the_template(local):
    dynamodb = local.client("dynamodb")
    tables = dynamodb.list_tables()["TableNames"]
    assert sorted(tables) == sorted(f"janus-local-{name}" for name in declared("AWS::DynamoDB::Table"))
    for name, props in declared("AWS::DynamoDB::Table").items():
        table = dynamodb.describe_table(TableName=f"janus-local-{name}")["Table"]
        assert table["KeySchema"] == props["KeySchema"]
        assert table["BillingModeSummary"]["BillingMode"] == props["BillingMode"]
        want = {i["IndexName"]: i["KeySchema"] for i in props.get("GlobalSecondaryIndexes", [])}
        got = {i["IndexName"]: i["KeySchema"] for i in table.get("GlobalSecondaryIndexes", [])}
        assert got == want
        ttl = dynamodb.describe_time_to_live(TableName=f"janus-local-{name}")["TimeToLiveDescription"]
        assert ttl["AttributeName"] == props["TimeToLiveSpecification"]["AttributeName"]


def test_queues_and_their_redrive_policies_match_the_template(local):
    sqs = local.client("sqs")
    urls = sqs.list_queues().get("QueueUrls", [])
    assert sorted(url.rsplit("/", 1)[1] for url in urls) == sorted(
        f"janus-local-{name}" for name in declared("AWS::SQS::Queue")
    )
    for name, props in declared("AWS::SQS::Queue").items():
        url = sqs.get_queue_url(QueueName=f"janus-local-{name}")["QueueUrl"]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        if "VisibilityTimeout" in props:
            assert attributes["VisibilityTimeout"] == str(props["VisibilityTimeout"])
        if "RedrivePolicy" in props:
            policy = json.loads(attributes["RedrivePolicy"])
            dead_letter = props["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
            assert policy["deadLetterTargetArn"].endswith(f":janus-local-{dead_letter}")
            assert int(policy["maxReceiveCount"]) == props["RedrivePolicy"]["maxReceiveCount"]


def test_buckets_are_encrypted_and_block_public_access(local):
    s3 = local.client("s3")
    buckets = sorted(b["Name"] for b in s3.list_buckets()["Buckets"])
    assert buckets == sorted(f"janus-local-{name}".lower() for name in declared("AWS::S3::Bucket"))
    for bucket in buckets:
        rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
        assert all(s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values())


def test_bus_and_rules_route_to_the_declared_queues(local):
    events = local.client("events")
    assert "janus-local-bus" in [b["Name"] for b in events.list_event_buses()["EventBuses"]]
    for name, props in declared("AWS::Events::Rule").items():
        bus = "janus-local-bus" if "EventBusName" in props else "default"
        rules = {r["Name"]: r for r in events.list_rules(EventBusName=bus)["Rules"]}
        rule = rules[f"janus-local-{name}"]
        assert json.loads(rule["EventPattern"]) == props["EventPattern"]
        targets = events.list_targets_by_rule(Rule=rule["Name"], EventBusName=bus)["Targets"]
        queue = props["Targets"][0]["Arn"]["Fn::GetAtt"][0]
        assert targets[0]["Arn"].endswith(f":janus-local-{queue}")


def test_mail_identity_and_configuration_set_exist(local):
    ses = local.client("sesv2")
    sets = ses.list_configuration_sets()["ConfigurationSets"]
    assert sets == [f"janus-local-{name}" for name in declared("AWS::SES::ConfigurationSet")]
    identities = [i["IdentityName"] for i in ses.list_email_identities()["EmailIdentities"]]
    sender = load(ROOT / "template.yaml")["Parameters"]["SenderAddress"]["Default"]
    assert sender in identities


def test_every_api_event_in_the_template_is_served(local):
    import requests

    for name, props in declared("AWS::Serverless::Function").items():
        for event in props.get("Events", {}).values():
            if event["Type"] != "Api":
                continue
            path = event["Properties"]["Path"]
            for parameter in ("{employee_id}", "{cycle_id}", "{token}"):
                path = path.replace(parameter, "someone")
            answer = requests.request(event["Properties"]["Method"].upper(), f"{local.api}{path}", timeout=10)
            if event["Properties"].get("Auth", {}).get("Authorizer") == "NONE":
                assert answer.status_code in (404, 400), f"{name} {path} should exist and reject a bad token"
            else:
                assert answer.status_code == 401, f"{name} {path} should exist and ask for a token"
                assert answer.json()["error"]["code"] == "unauthenticated"
