"""template.yaml: lint-clean, buildable, and shaped the way the design asks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from bench import package
from infra.template import load
from tests.conftest import ROOT

TEMPLATE = load(ROOT / "template.yaml")
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]


def of_type(kind: str) -> dict[str, Any]:
    return {name: resource for name, resource in RESOURCES.items() if resource["Type"] == kind}


def sam() -> str:
    found = os.environ.get("JANUS_SAM") or shutil.which("sam")
    if not found:
        pytest.fail("the SAM CLI is missing: `make test` installs it into .venv-sam")
    return found


def test_cfn_lint_finds_nothing():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(ROOT / "template.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sam_validate_lint_passes():
    result = subprocess.run(
        [sam(), "validate", "--lint"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SAM_CLI_TELEMETRY": "0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sam_build_succeeds_for_arm64(tmp_path: Path):
    python_dir = os.environ.get("JANUS_LAMBDA_PYTHON_DIR") or ""
    if not (Path(python_dir) / "python3.13").exists() and not shutil.which("python3.13"):
        pytest.skip("no python3.13 on this machine: sam build needs the Lambda runtime's interpreter")
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "PATH": f"{python_dir}:{os.environ['PATH']}"}
    result = subprocess.run(
        [sam(), "build", "--build-dir", str(tmp_path / "build")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    layer = tmp_path / "build" / "JanusLayer" / "python"
    assert (layer / "janus" / "people" / "employees.py").exists()
    assert (layer / "pynamodb").is_dir()
    assert not (layer / "botocore").exists(), "the runtime's botocore must not be shipped again"
    assert not (layer / "pytest").exists() and not (layer / "moto").exists(), "no test tool ships to Lambda"
    assert not (layer / "textstat").exists() and not (layer / "pydantic").exists(), "authoring tools stay out"
    compiled = list(layer.rglob("*.so"))
    assert compiled and all("aarch64" in so.name for so in compiled), "native code must be built for arm64"
    handler = tmp_path / "build" / "CyclesFunction" / "app.py"
    assert handler.exists()
    assert [str(source) for source in [handler, *layer.rglob("*.py")] if not ships_bytecode(source)] == []
    assert not list(layer.rglob("swagger-ui*.js")), "Powertools' Swagger UI is not served from Lambda"


def ships_bytecode(source: Path) -> bool:
    """Whether the source has bytecode for the runtime's Python that Lambda uses without checking the
    source (PEP 552 unchecked hash: flags 0b01), so that no cold start compiles the module again."""
    compiled = package.bytecode_of(source, TEMPLATE["Globals"]["Function"]["Runtime"])
    return compiled.exists() and int.from_bytes(compiled.read_bytes()[4:8], "little") == 0b01


def test_functions_run_python_on_arm64_with_a_role_and_log_group_each():
    functions = of_type("AWS::Serverless::Function")
    assert functions
    glob = TEMPLATE["Globals"]["Function"]
    assert glob["Architectures"] == ["arm64"]
    assert glob["Runtime"].startswith("python3.1")
    roles = [function["Properties"]["Role"]["Fn::GetAtt"][0] for function in functions.values()]
    assert len(set(roles)) == len(functions), "one role per function"
    for name, function in functions.items():
        group = function["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
        assert RESOURCES[group]["Properties"]["RetentionInDays"], f"{name} logs must expire"


def actions_of(statement: dict[str, Any]) -> list[str]:
    """A policy statement's actions, whether it names one or a list."""
    return statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]


def test_lambda_traces_every_invocation_and_the_api_passes_its_traces_on():
    assert TEMPLATE["Globals"]["Function"]["Tracing"] == "Active"
    assert RESOURCES["Api"]["Properties"]["TracingEnabled"] is True
    for name, function in of_type("AWS::Serverless::Function").items():
        role = RESOURCES[function["Properties"]["Role"]["Fn::GetAtt"][0]]
        actions = {
            action
            for policy in role["Properties"]["Policies"]
            for statement in policy["PolicyDocument"]["Statement"]
            for action in actions_of(statement)
        }
        assert {"xray:PutTraceSegments", "xray:PutTelemetryRecords"} <= actions, f"{name} cannot send its traces"


def test_roles_grant_no_wildcard_actions_and_no_wildcard_table_access():
    for name, role in of_type("AWS::IAM::Role").items():
        for policy in role["Properties"]["Policies"]:
            for statement in policy["PolicyDocument"]["Statement"]:
                actions = actions_of(statement)
                assert not any(action.endswith(":*") or action == "*" for action in actions), name
                if any(action.startswith(("dynamodb:", "sqs:", "s3:")) for action in actions):
                    assert statement["Resource"] != "*", f"{name}: data access must name its resources"


def test_every_queue_has_a_dead_letter_queue_with_an_alarm():
    queues = of_type("AWS::SQS::Queue")
    dead_letter = {
        q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for q in queues.values()
        if "RedrivePolicy" in q["Properties"]
    }
    working = [name for name, q in queues.items() if name not in dead_letter]
    assert working, "there are queues"
    for name in working:
        assert "RedrivePolicy" in queues[name]["Properties"], f"{name} has no dead-letter queue"
    alarmed = {
        alarm["Properties"]["Dimensions"][0]["Value"]["Fn::GetAtt"][0]
        for alarm in of_type("AWS::CloudWatch::Alarm").values()
        if alarm["Properties"].get("Namespace") == "AWS/SQS"
    }
    assert dead_letter <= alarmed


def _alarm_actions(alarm: dict[str, Any]) -> None:
    assert alarm["Properties"]["AlarmActions"] == {
        "Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]
    }


def test_every_function_s_errors_and_throttles_raise_an_alarm():
    # Every function that every deployment has (the sign-up trigger comes only with federation).
    functions = {name for name, f in of_type("AWS::Serverless::Function").items() if "Condition" not in f}
    assert "PerformanceFunction" in functions and "CyclesFunction" in functions
    for alarm_name, metric in (("FunctionErrorsAlarm", "Errors"), ("FunctionThrottlesAlarm", "Throttles")):
        alarm = RESOURCES[alarm_name]
        queries = alarm["Properties"]["Metrics"]
        watched = {
            q["MetricStat"]["Metric"]["Dimensions"][0]["Value"]["Ref"]
            for q in queries
            if "MetricStat" in q and q["MetricStat"]["Metric"]["MetricName"] == metric
        }
        assert watched == functions, alarm_name
        (total,) = [q for q in queries if q.get("ReturnData")]
        assert total["Expression"] == "SUM(METRICS())"
        assert len(queries) <= 10  # CloudWatch's limit of metrics in one alarm
        _alarm_actions(alarm)


def test_the_api_s_5xx_answers_and_ses_bounce_rate_raise_alarms():
    api = RESOURCES["Api"]["Properties"]
    alarm = RESOURCES["ApiServerErrorsAlarm"]["Properties"]
    assert alarm["Namespace"] == "AWS/ApiGateway" and alarm["MetricName"] == "5XXError"
    dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
    assert dimensions == {"ApiName": api["Name"], "Stage": api["StageName"]}
    _alarm_actions(RESOURCES["ApiServerErrorsAlarm"])
    bounce = RESOURCES["MailBounceRateAlarm"]["Properties"]
    assert (bounce["Namespace"], bounce["MetricName"]) == ("AWS/SES", "Reputation.BounceRate")
    assert bounce["Threshold"] <= 0.05  # where SES puts an account under review
    _alarm_actions(RESOURCES["MailBounceRateAlarm"])


def test_the_operations_dashboard_shows_every_dead_letter_queue_function_the_api_mail_and_table():
    body = RESOURCES["OperationsDashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]
    widgets = json.loads(re.sub(r"\$\{[^}]+\}", "x", body))["widgets"]
    assert {w["properties"]["title"] for w in widgets} >= {"Dead-letter queues: messages waiting", "Function errors"}
    queues = of_type("AWS::SQS::Queue")
    dead_letter = {
        q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for q in queues.values()
        if "RedrivePolicy" in q["Properties"]
    }
    for queue in dead_letter:
        assert "${" + queue + ".QueueName}" in body, queue
    for name, function in of_type("AWS::Serverless::Function").items():
        if "Condition" not in function:
            assert body.count("${" + name + "}") == 2, name  # its errors and its throttles
    assert "${AWS::StackName}-api" in body and "${Table}" in body and "Reputation.BounceRate" in body


def test_queue_consumers_report_partial_batch_failures():
    for name, function in of_type("AWS::Serverless::Function").items():
        for event in function["Properties"].get("Events", {}).values():
            if event["Type"] == "SQS":
                assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"], name


def test_table_is_on_demand_with_recovery_ttl_and_indexes():
    table = RESOURCES["Table"]["Properties"]
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["TimeToLiveSpecification"]["Enabled"] is True
    assert {index["IndexName"] for index in table["GlobalSecondaryIndexes"]} == {f"GSI{n}" for n in range(1, 6)}


def test_every_index_the_models_read_is_in_the_table_with_its_key_attributes():
    from janus.store.items import MODELS

    table = RESOURCES["Table"]["Properties"]
    declared = {index["IndexName"]: index for index in table["GlobalSecondaryIndexes"]}
    defined = {a["AttributeName"] for a in table["AttributeDefinitions"]}
    for model in MODELS:
        for index in model._indexes.values():
            name = index.Meta.index_name
            keys = [k["AttributeName"] for k in declared[name]["KeySchema"]]
            assert keys == [f"{name}PK", f"{name}SK"] and set(keys) <= defined, name


def test_reports_bucket_is_encrypted_and_never_public():
    bucket = RESOURCES["ReportsBucket"]["Properties"]
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())


def test_a_reports_old_versions_go_so_that_an_erased_persons_reports_do_not_outlive_recovery():
    bucket = RESOURCES["ReportsBucket"]["Properties"]
    assert bucket["VersioningConfiguration"]["Status"] == "Enabled"
    (rule,) = bucket["LifecycleConfiguration"]["Rules"]
    assert rule["Status"] == "Enabled" and 0 < rule["NoncurrentVersionExpiration"]["NoncurrentDays"] <= 35


def test_api_is_throttled_and_authorised_by_default():
    api = RESOURCES["Api"]["Properties"]
    assert api["MethodSettings"][0]["ThrottlingRateLimit"]
    assert api["Auth"]["DefaultAuthorizer"]


# The cycles function signs the links of the forms a signed-in person still owes (GET /me).
LINK_KEY_USERS = {
    "FeedbackFunction": "FeedbackRole",
    "InvitationsFunction": "InvitationsRole",
    "CyclesFunction": "CyclesRole",
}


def test_link_key_is_a_generated_secret_of_64_letters_and_digits():
    secret = RESOURCES["LinkKey"]
    assert secret["Type"] == "AWS::SecretsManager::Secret"
    assert secret["Properties"]["GenerateSecretString"] == {"PasswordLength": 64, "ExcludePunctuation": True}
    assert "voids every link" in secret["Properties"]["Description"]


def test_only_the_functions_that_make_or_check_links_are_told_the_link_key():
    assert "LINK_KEY_SECRET" not in TEMPLATE["Globals"]["Function"]["Environment"]["Variables"]
    told = {
        name: function["Properties"]["Environment"]["Variables"]["LINK_KEY_SECRET"]
        for name, function in of_type("AWS::Serverless::Function").items()
        if "LINK_KEY_SECRET" in function["Properties"].get("Environment", {}).get("Variables", {})
    }
    assert told == {name: {"Ref": "LinkKey"} for name in LINK_KEY_USERS}


def test_only_the_link_key_users_roles_may_read_it_and_nothing_else():
    for name, role in of_type("AWS::IAM::Role").items():
        secret_statements = [
            statement
            for policy in role["Properties"]["Policies"]
            for statement in policy["PolicyDocument"]["Statement"]
            if any(action.startswith("secretsmanager:") for action in actions_of(statement))
        ]
        if name in LINK_KEY_USERS.values():
            assert len(secret_statements) == 1, name
            (statement,) = secret_statements
            assert statement["Effect"] == "Allow"
            assert statement["Action"] in ("secretsmanager:GetSecretValue", ["secretsmanager:GetSecretValue"]), name
            assert statement["Resource"] == {"Ref": "LinkKey"}, f"{name} may read the link key and no other secret"
        else:
            assert not secret_statements, f"{name} must not touch Secrets Manager"
    for function, role in LINK_KEY_USERS.items():
        assert RESOURCES[function]["Properties"]["Role"] == {"Fn::GetAtt": [role, "Arn"]}


def test_the_api_stage_writes_json_access_logs_without_tokens_to_a_kept_log_group():
    api = RESOURCES["Api"]["Properties"]
    setting = api["AccessLogSetting"]
    group = setting["DestinationArn"]["Fn::GetAtt"][0]
    assert RESOURCES[group]["Type"] == "AWS::Logs::LogGroup"
    assert RESOURCES[group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    line = json.loads(setting["Format"])  # one JSON object per request
    assert {"requestId", "status", "resourcePath", "httpMethod"} <= set(line)
    # The rater's token is in the path and tokens may be in a query string: neither is logged,
    # nor anything that names a person.
    for personal in ("$context.path", "querystring", "$context.identity.sourceIp", "claims", "$context.authorizer"):
        assert personal not in setting["Format"]
    assert line["resourcePath"] == "$context.resourcePath"


def test_the_idempotency_table_has_point_in_time_recovery():
    table = RESOURCES["IdempotencyTable"]["Properties"]
    assert table["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}


# ---------------------------------------------------------------- identity
CUSTOM_ATTRIBUTES = ("custom:org", "custom:employee_id")


def _only(kind: str) -> dict[str, Any]:
    (resource,) = of_type(kind).values()
    return resource["Properties"]


def test_the_admin_set_attributes_are_immutable_and_no_roles_attribute_is_left():
    schema = {attribute["Name"]: attribute for attribute in _only("AWS::Cognito::UserPool")["Schema"]}
    assert sorted(schema) == ["employee_id", "org"]
    assert all(attribute["Mutable"] is False for attribute in schema.values())


def test_roles_are_the_three_groups():
    groups = {resource["Properties"]["GroupName"] for resource in of_type("AWS::Cognito::UserPoolGroup").values()}
    assert groups == {"hr_admin", "manager", "employee"}


def test_the_console_client_signs_in_with_code_and_pkce_and_no_secret():
    client = _only("AWS::Cognito::UserPoolClient")
    assert client.get("GenerateSecret", False) is False
    assert client["AllowedOAuthFlowsUserPoolClient"] is True
    assert client["AllowedOAuthFlows"] == ["code"]
    assert sorted(client["AllowedOAuthScopes"]) == ["email", "openid", "profile"]
    # Cognito matches the redirect exactly: the console's callback page, and its home page after sign-out.
    assert client["CallbackURLs"] == [{"Fn::Sub": "${PublicUrlParameter.Value}/callback"}]
    assert client["LogoutURLs"] == [{"Fn::Sub": "${PublicUrlParameter.Value}/"}]


def test_users_can_write_neither_their_organisation_nor_their_employee_id():
    client = _only("AWS::Cognito::UserPoolClient")
    assert client["WriteAttributes"], "without WriteAttributes a client may write every writable attribute"
    assert not set(client["WriteAttributes"]) & set(CUSTOM_ATTRIBUTES)
    assert set(CUSTOM_ATTRIBUTES) <= set(client["ReadAttributes"])


def test_the_managed_login_domain_is_version_2_and_branded():
    domain = _only("AWS::Cognito::UserPoolDomain")
    assert domain["ManagedLoginVersion"] == 2
    assert _only("AWS::Cognito::ManagedLoginBranding")["ClientId"] == {"Ref": "ConsoleClient"}


def test_a_federated_identity_provider_is_made_only_when_asked_for_and_offered_by_the_client():
    (name, provider), *_ = of_type("AWS::Cognito::UserPoolIdentityProvider").items()
    assert provider["Condition"] == "IsFederated"
    assert "email" in provider["Properties"]["AttributeMapping"]
    providers = _only("AWS::Cognito::UserPoolClient")["SupportedIdentityProviders"]
    assert providers["Fn::If"][0] == "IsFederated" and {"Ref": name} in providers["Fn::If"][1]


def _cognito_statements() -> dict[str, list[dict[str, Any]]]:
    """Every role's statements on Cognito, in its own policies or in a policy attached apart (by role)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for role, resource in of_type("AWS::IAM::Role").items():
        found.setdefault(role, []).extend(_statements(resource))
    for policy in of_type("AWS::IAM::RolePolicy").values():
        role = policy["Properties"]["RoleName"]["Ref"]
        found.setdefault(role, []).extend(policy["Properties"]["PolicyDocument"]["Statement"])
    return {
        role: [s for s in statements if any(a.startswith("cognito-idp:") for a in actions_of(s))]
        for role, statements in found.items()
    }


def test_only_provisioning_the_sign_up_trigger_and_erasure_touch_users_with_the_actions_they_call_on_the_pool():
    from janus.people.federation import FEDERATION_ACTIONS
    from janus.people.users import ADMIN_ACTIONS

    granted = {role: statements for role, statements in _cognito_statements().items() if statements}
    assert set(granted) == {"CyclesRole", "SignUpRole", "PerformanceRole"}
    erasing = ("AdminGetUser", "AdminListGroupsForUser", "AdminDeleteUser")  # an erased employee's user, found
    for role, calls in (
        ("CyclesRole", ADMIN_ACTIONS),
        ("SignUpRole", FEDERATION_ACTIONS),
        ("PerformanceRole", erasing),
    ):
        (statement,) = granted[role]
        assert sorted(actions_of(statement)) == sorted(f"cognito-idp:{action}" for action in calls), role
        assert statement["Resource"] == {"Fn::GetAtt": ["UserPool", "Arn"]}, f"{role}: this pool only"


def test_the_pre_sign_up_trigger_exists_only_with_a_federated_identity_provider():
    assert _only("AWS::Cognito::UserPool")["LambdaConfig"] == {
        "Fn::If": ["IsFederated", {"PreSignUp": {"Fn::GetAtt": ["SignUpFunction", "Arn"]}}, {"Ref": "AWS::NoValue"}]
    }
    for name in ("SignUpFunction", "SignUpRole", "SignUpUserPoolPolicy", "SignUpPermission", "SignUpLogGroup"):
        assert RESOURCES[name]["Condition"] == "IsFederated", name
    permission = RESOURCES["SignUpPermission"]["Properties"]
    assert permission["Principal"] == "cognito-idp.amazonaws.com"
    assert permission["SourceArn"] == {"Fn::GetAtt": ["UserPool", "Arn"]}
    assert permission["FunctionName"] == {"Fn::GetAtt": ["SignUpFunction", "Arn"]}
    # The pool names the function: its role may not name the pool, or neither could be made first.
    assert "UserPool" not in json.dumps(RESOURCES["SignUpRole"]["Properties"])
    assert RESOURCES["SignUpFunction"]["Properties"]["Timeout"] <= 5, "Cognito waits five seconds for a trigger"


def test_provisioning_users_has_its_own_paced_queue_consumed_by_the_cycles_function():
    events = RESOURCES["CyclesFunction"]["Properties"]["Events"]
    (source,) = [
        e
        for e in events.values()
        if e["Type"] == "SQS" and e["Properties"]["Queue"] == {"Fn::GetAtt": ["UsersQueue", "Arn"]}
    ]
    assert source["Properties"]["ScalingConfig"]["MaximumConcurrency"] == 2
    assert "UsersDeadLetterQueue" in RESOURCES and "UsersDeadLetterAlarm" in RESOURCES


def _statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for policy in role["Properties"].get("Policies", []) for s in policy["PolicyDocument"]["Statement"]]


# ---------------------------------------------------------------- console
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
DISTRIBUTION = RESOURCES["ConsoleDistribution"]["Properties"]["DistributionConfig"]


def _origin(origin_id: str) -> dict[str, Any]:
    (origin,) = [o for o in DISTRIBUTION["Origins"] if o["Id"] == origin_id]
    return origin


def _api_behaviours() -> list[dict[str, Any]]:
    return [b for b in DISTRIBUTION["CacheBehaviors"] if b["TargetOriginId"] == "Api"]


def test_the_console_bucket_is_private_encrypted_and_tls_only():
    bucket = RESOURCES["ConsoleBucket"]["Properties"]
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    policy = RESOURCES["ConsoleBucketPolicy"]["Properties"]
    assert policy["Bucket"] == {"Ref": "ConsoleBucket"}
    (deny,) = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_only_this_distribution_reads_the_console_bucket_through_origin_access_control():
    access = RESOURCES["ConsoleOriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
    assert RESOURCES["ConsoleOriginAccessControl"]["Type"] == "AWS::CloudFront::OriginAccessControl"
    assert (access["OriginAccessControlOriginType"], access["SigningBehavior"], access["SigningProtocol"]) == (
        "s3",
        "always",
        "sigv4",
    )
    console = _origin("Console")
    assert console["DomainName"] == {"Fn::GetAtt": ["ConsoleBucket", "RegionalDomainName"]}
    assert console["OriginAccessControlId"] == {"Fn::GetAtt": ["ConsoleOriginAccessControl", "Id"]}
    assert console["S3OriginConfig"] == {"OriginAccessIdentity": ""}, "origin access control, not the legacy identity"
    statements = RESOURCES["ConsoleBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    (allow,) = [s for s in statements if s["Effect"] == "Allow"]
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    assert allow["Resource"] == {"Fn::Sub": "${ConsoleBucket.Arn}/*"}
    source = allow["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    assert source.endswith(":distribution/${ConsoleDistribution}")


def test_the_console_is_the_default_behaviour_with_index_html_at_the_root():
    default = DISTRIBUTION["DefaultCacheBehavior"]
    assert default["TargetOriginId"] == "Console"
    assert default["ViewerProtocolPolicy"] == "redirect-to-https"
    assert DISTRIBUTION["DefaultRootObject"] == "index.html"
    assert default["ResponseHeadersPolicyId"] == {"Ref": "ConsoleHeaders"}


def test_page_paths_become_index_html_by_a_function_on_the_console_behaviour_only():
    # Custom error responses would turn the API's JSON 404s into the console's index.html too.
    assert "CustomErrorResponses" not in DISTRIBUTION
    (association,) = DISTRIBUTION["DefaultCacheBehavior"]["FunctionAssociations"]
    assert association == {
        "EventType": "viewer-request",
        "FunctionARN": {"Fn::GetAtt": ["ConsolePages", "FunctionARN"]},
    }
    assert all("FunctionAssociations" not in behaviour for behaviour in DISTRIBUTION["CacheBehaviors"])
    function = RESOURCES["ConsolePages"]["Properties"]
    assert function["AutoPublish"] is True
    assert function["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"


@pytest.mark.parametrize(
    ("uri", "served"),
    [
        ("/", "/index.html"),
        ("/reports/c1/e012", "/index.html"),
        ("/callback", "/index.html"),
        ("/assets/index-3f2a9c.js", "/assets/index-3f2a9c.js"),
        ("/favicon.ico", "/favicon.ico"),
    ],
)
def test_the_page_function_serves_index_html_for_page_paths_and_files_as_they_are(uri: str, served: str):
    node = shutil.which("node")
    if not node:
        pytest.skip("no Node.js on this machine to run the CloudFront function with")
    code = RESOURCES["ConsolePages"]["Properties"]["FunctionCode"]
    run = f"{code}\nprocess.stdout.write(handler({{request: {{uri: {json.dumps(uri)}}}}}).uri);"
    result = subprocess.run([node, "-e", run], capture_output=True, text=True, check=True)
    assert result.stdout == served


def test_the_console_sends_a_content_security_policy_that_lets_it_reach_only_itself_and_cognito():
    config = RESOURCES["ConsoleHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    separator, parts = config["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Join"]
    assert separator == "; "
    directives = {(p if isinstance(p, str) else p["Fn::Sub"]).split()[0]: p for p in parts}
    assert directives["script-src"] == "script-src 'self'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert directives["object-src"] == "object-src 'none'"
    connect = directives["connect-src"]["Fn::Sub"]
    assert "'self'" in connect and "https://${SignInDomain}.auth." in connect and "https://cognito-idp." in connect
    assert config["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert config["ContentTypeOptions"] == {"Override": True}


def test_the_api_stage_is_a_second_origin_of_the_same_distribution():
    api = _origin("Api")
    assert api["DomainName"] == {"Fn::Sub": "${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}"}
    assert api["OriginPath"] == f"/{RESOURCES['Api']['Properties']['StageName']}"
    assert api["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert RESOURCES["Api"]["Properties"]["EndpointConfiguration"] == {"Type": "REGIONAL"}


def test_every_api_behaviour_is_uncached_takes_every_method_and_forwards_authorization():
    behaviours = _api_behaviours()
    assert behaviours and len(DISTRIBUTION["CacheBehaviors"]) <= 24, "CloudFront allows 25 behaviours with the default"
    for behaviour in behaviours:
        assert behaviour["ViewerProtocolPolicy"] == "redirect-to-https", behaviour["PathPattern"]
        assert behaviour["AllowedMethods"] == ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
        # CachingDisabled with AllViewerExceptHostHeader: nothing is cached, and every viewer header but Host,
        # Authorization among them, reaches API Gateway (which answers only for its own host name).
        assert behaviour["CachePolicyId"] == CACHING_DISABLED, behaviour["PathPattern"]
        assert behaviour["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST_HEADER, behaviour["PathPattern"]
    # One list that grows by a line: the behaviours differ only in their path.
    assert len({json.dumps({**b, "PathPattern": ""}, sort_keys=True) for b in behaviours}) == 1


def _api_routes() -> list[str]:
    return [
        event["Properties"]["Path"]
        for function in of_type("AWS::Serverless::Function").values()
        for event in function["Properties"].get("Events", {}).values()
        if event["Type"] == "Api"
    ]


def test_every_api_route_goes_to_the_api_through_the_distribution():
    patterns = [b["PathPattern"] for b in _api_behaviours()]
    for route in [*_api_routes(), "/openapi.json"]:
        path = re.sub(r"\{[^}]+\}", "x", route)
        assert any(fnmatchcase(path, pattern) for pattern in patterns), f"{route} would reach the console's bucket"


def test_no_console_page_is_under_a_path_the_distribution_sends_to_the_api():
    # A page there would be the API's answer once deployed, whatever the local gateway serves.
    patterns = [b["PathPattern"] for b in _api_behaviours()]
    # The app's own pages and each area's (console/src/features/<area>/routes.tsx).
    src = ROOT / "console" / "src"
    routers = [src / "app.tsx", *sorted((src / "features").glob("*/routes.tsx"))]
    pages = [page for router in routers for page in re.findall(r'path:\s*"([^"]+)"', router.read_text())]
    assert "/callback" in pages and "/team" in pages and "/my-goals" in pages
    for page in pages:
        path = re.sub(r":[^/]+", "x", page).replace("*", "anything")
        assert not any(fnmatchcase(path, pattern) for pattern in patterns), f"the console page {page} is the API's"


def test_e_mailed_links_and_the_sign_in_use_where_people_reach_janus():
    parameter = RESOURCES["PublicUrlParameter"]["Properties"]
    assert parameter["Value"] == {
        "Fn::If": ["HasPublicUrl", {"Ref": "PublicUrl"}, {"Fn::Sub": "https://${ConsoleDistribution.DomainName}"}]
    }
    invitations = RESOURCES["InvitationsFunction"]["Properties"]["Environment"]["Variables"]
    assert invitations["PUBLIC_API_URL"] == {"Fn::GetAtt": ["PublicUrlParameter", "Value"]}
    # The escalations function is the API's too: it is told where the value is kept, and may read it.
    escalations = RESOURCES["EscalationsFunction"]["Properties"]["Environment"]["Variables"]
    assert escalations["PUBLIC_URL_PARAMETER"] == parameter["Name"] == {"Fn::Sub": "/${AWS::StackName}/public-url"}
    (read,) = [s for s in _statements(RESOURCES["EscalationsRole"]) if "ssm:GetParameter" in actions_of(s)]
    assert actions_of(read) == ["ssm:GetParameter"]
    assert read["Resource"]["Fn::Sub"].endswith(":parameter/${AWS::StackName}/public-url")
    assert TEMPLATE["Outputs"]["ConsoleUrl"]["Value"] == {"Fn::GetAtt": ["PublicUrlParameter", "Value"]}
    assert {"ConsoleBucketName", "DistributionId"} <= set(TEMPLATE["Outputs"])


def _names(value: Any) -> set[str]:
    """The logical ids a value names through Ref, GetAtt and Sub."""
    text = json.dumps(value)
    return (
        set(re.findall(r'"Ref": "([A-Za-z0-9]+)"', text))
        | set(re.findall(r'"Fn::GetAtt": \["([A-Za-z0-9]+)"', text))
        | set(re.findall(r"\$\{([A-Za-z0-9]+)[.}]", text))
    )


def test_no_function_the_api_calls_names_the_distribution_or_what_names_it():
    in_front = {"ConsoleDistribution", "PublicUrlParameter"}
    for name, function in of_type("AWS::Serverless::Function").items():
        if any(event["Type"] == "Api" for event in function["Properties"].get("Events", {}).values()):
            role = RESOURCES[function["Properties"]["Role"]["Fn::GetAtt"][0]]
            assert not _names(function["Properties"]) & in_front, name
            assert not _names(role["Properties"]) & in_front, name


def test_the_template_as_deployed_has_no_circular_reference():
    sam_python = Path(sam()).resolve().parent / "python"
    if not sam_python.exists():
        pytest.skip("the SAM CLI's Python (with its translator) is not beside it")
    result = subprocess.run(
        [str(sam_python), str(Path(__file__).parent / "sam_dependencies.py"), str(ROOT / "template.yaml")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
