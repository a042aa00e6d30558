"""Creates on the embedded endpoint every resource that template.yaml declares.

Names and ARNs are worked out first (so that Ref and GetAtt resolve in any
order), then tables, buckets, secrets, queues, buses and rules are created with
the properties the template gives them.
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infra import console_files
from infra.template import ACCOUNT, REGION, Context, conditions_of, load, parameters_of, resolve

FUNCTION = "AWS::Serverless::Function"
HEADERS_POLICY = "AWS::CloudFront::ResponseHeadersPolicy"
SECRET_LENGTH = 32  # GenerateSecretString's PasswordLength when the template gives none


@dataclass
class Route:
    method: str
    path: str
    function: str
    authorized: bool


@dataclass
class QueueSource:
    queue_url: str
    function: str
    batch_size: int
    report_failures: bool


@dataclass
class Schedule:
    name: str
    expression: str
    function: str
    payload: Any


@dataclass
class Function:
    logical_id: str
    name: str
    code_dir: Path
    handler: str
    environment: dict[str, str]


@dataclass
class Stack:
    """The provisioned stack: physical names, and the wiring the pumps follow."""

    context: Context
    tables: dict[str, str] = field(default_factory=dict)
    queues: dict[str, str] = field(default_factory=dict)  # logical id -> queue URL
    buckets: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)  # logical id -> secret name (what Ref gives locally)
    buses: dict[str, str] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    queue_sources: list[QueueSource] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    user_pools: dict[str, str] = field(default_factory=dict)  # logical id -> pool id (made by the endpoint)
    user_pool_clients: dict[str, str] = field(default_factory=dict)  # logical id -> client id
    # The path patterns the CloudFront distribution sends to the API, not to the console's files, and the
    # security headers it adds to those files.
    api_paths: list[str] = field(default_factory=list)
    console_headers: dict[str, str] = field(default_factory=dict)

    def environment(self) -> dict[str, str]:
        """Every function's variables together: they name the same resources."""
        merged: dict[str, str] = {}
        for function in self.functions.values():
            merged.update(function.environment)
        return merged


def _arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:{REGION}:{ACCOUNT}:{resource}"


def _names(resources: dict[str, Any], ctx: Context, endpoint: str) -> None:
    stack = ctx.stack
    for logical, resource in resources.items():
        kind = resource["Type"]
        name = f"{stack}-{logical}"
        if kind == "AWS::DynamoDB::Table":
            ctx.refs[logical] = name
            ctx.attributes[(logical, "Arn")] = _arn("dynamodb", f"table/{name}")
        elif kind == "AWS::SQS::Queue":
            ctx.refs[logical] = f"{endpoint}/{ACCOUNT}/{name}"
            ctx.attributes[(logical, "Arn")] = _arn("sqs", name)
            ctx.attributes[(logical, "QueueName")] = name
        elif kind == "AWS::S3::Bucket":
            ctx.refs[logical] = name.lower()
            ctx.attributes[(logical, "Arn")] = f"arn:aws:s3:::{name.lower()}"
            ctx.attributes[(logical, "RegionalDomainName")] = f"{name.lower()}.s3.{REGION}.amazonaws.com"
        elif kind.startswith("AWS::CloudFront::"):
            # No local counterpart: the local gateway is the one origin, serving the console and the API.
            ctx.refs[logical] = name
            ctx.attributes[(logical, "Id")] = name
            ctx.attributes[(logical, "DomainName")] = f"{name.lower()}.cloudfront.invalid"
            ctx.attributes[(logical, "FunctionARN")] = f"arn:aws:cloudfront::{ACCOUNT}:function/{name}"
        elif kind == "AWS::Events::Rule":
            ctx.refs[logical] = name
            ctx.attributes[(logical, "Arn")] = _arn("events", f"rule/{name}")
        elif kind == FUNCTION:
            ctx.refs[logical] = name
            ctx.attributes[(logical, "Arn")] = _arn("lambda", f"function:{name}")
        elif kind == "AWS::SecretsManager::Secret":
            # On AWS, Ref of a secret is its ARN, which ends in a random suffix unknown until the
            # secret exists; locally Ref is the name, which GetSecretValue's SecretId accepts too.
            ctx.refs[logical] = name
        elif kind == "AWS::Logs::LogGroup":
            ctx.refs[logical] = f"/aws/lambda/{name}"
            ctx.attributes[(logical, "Arn")] = _arn("logs", f"log-group:/aws/lambda/{name}:*")
        else:
            ctx.refs[logical] = name
            ctx.attributes[(logical, "Arn")] = _arn(kind.split("::")[1].lower(), name)
    _derived_names(resources, ctx)


def _derived_names(resources: dict[str, Any], ctx: Context) -> None:
    """Names that depend on other names (the bus name is a Sub of the stack name)."""
    for logical, resource in resources.items():
        if resource["Type"] in ("AWS::Events::EventBus", "AWS::Scheduler::ScheduleGroup"):
            name = resolve(resource["Properties"]["Name"], ctx)
            ctx.refs[logical] = name
            ctx.attributes[(logical, "Arn")] = _arn("events", f"event-bus/{name}")
            ctx.attributes[(logical, "Name")] = name
        elif resource["Type"] == "AWS::SSM::Parameter":
            # Read by GetAtt (the public URL): its value, resolved here; no function reads it at run time locally.
            ctx.refs[logical] = resolve(resource["Properties"]["Name"], ctx)
            ctx.attributes[(logical, "Value")] = resolve(resource["Properties"]["Value"], ctx)


def _table(client: Any, name: str, props: dict[str, Any]) -> None:
    args: dict[str, Any] = {
        "TableName": name,
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "BillingMode": props.get("BillingMode", "PROVISIONED"),
    }
    if props.get("GlobalSecondaryIndexes"):
        args["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
    if props.get("SSESpecification"):
        args["SSESpecification"] = {"Enabled": props["SSESpecification"].get("SSEEnabled", False)}
    client.create_table(**args)
    ttl = props.get("TimeToLiveSpecification")
    if ttl:
        client.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
    if props.get("PointInTimeRecoverySpecification"):
        client.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification=props["PointInTimeRecoverySpecification"]
        )


def _bucket(client: Any, name: str, props: dict[str, Any]) -> None:
    client.create_bucket(Bucket=name)
    if "BucketEncryption" in props:
        rules = [
            {
                "ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"],
                "BucketKeyEnabled": rule.get("BucketKeyEnabled", False),
            }
            for rule in props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        ]
        client.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
    if "PublicAccessBlockConfiguration" in props:
        client.put_public_access_block(
            Bucket=name, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"]
        )
    if "VersioningConfiguration" in props:
        client.put_bucket_versioning(Bucket=name, VersioningConfiguration=props["VersioningConfiguration"])


def _secret(client: Any, name: str, props: dict[str, Any]) -> None:
    """Creates the secret with a value made here, as GenerateSecretString would (letters and digits)."""
    value = props.get("SecretString")
    if value is None:
        length = int((props.get("GenerateSecretString") or {}).get("PasswordLength", SECRET_LENGTH))
        alphabet = string.ascii_letters + string.digits
        value = "".join(secrets.choice(alphabet) for _ in range(length))
    args: dict[str, Any] = {"Name": name, "SecretString": value}
    if props.get("Description"):
        args["Description"] = props["Description"]
    client.create_secret(**args)


def _user_pools(client: Any, resources: dict[str, Any], ctx: Context, stack: Stack) -> None:
    for logical, resource in resources.items():
        if resource["Type"] == "AWS::Cognito::UserPool":
            _user_pool(client, logical, resolve(resource.get("Properties") or {}, ctx), ctx, stack)


def _user_pool(client: Any, logical: str, props: dict[str, Any], ctx: Context, stack: Stack) -> None:
    schema = [
        {key: value for key, value in attribute.items() if key != "StringAttributeConstraints"}
        for attribute in props.get("Schema") or []
    ]
    pool = client.create_user_pool(
        PoolName=f"{ctx.stack}-{logical}",
        UsernameAttributes=props.get("UsernameAttributes") or [],
        AutoVerifiedAttributes=props.get("AutoVerifiedAttributes") or [],
        AdminCreateUserConfig=props.get("AdminCreateUserConfig") or {},
        Schema=schema,
    )["UserPool"]
    ctx.refs[logical] = pool["Id"]
    ctx.attributes[(logical, "Arn")] = pool["Arn"]
    stack.user_pools[logical] = pool["Id"]


def _user_pool_client(client: Any, logical: str, props: dict[str, Any], stack: Stack) -> None:
    names = ("ClientName", "GenerateSecret", "AllowedOAuthFlowsUserPoolClient", "AllowedOAuthFlows")
    names += ("AllowedOAuthScopes", "CallbackURLs", "LogoutURLs", "ExplicitAuthFlows", "ReadAttributes")
    names += ("WriteAttributes", "SupportedIdentityProviders")
    args = {name: props[name] for name in names if name in props}
    made = client.create_user_pool_client(UserPoolId=props["UserPoolId"], **args)["UserPoolClient"]
    stack.context.refs[logical] = made["ClientId"]
    stack.user_pool_clients[logical] = made["ClientId"]


def _groups_and_clients(
    client: Any, groups: list[tuple[str, dict[str, Any]]], app_clients: list[tuple[str, dict[str, Any]]], stack: Stack
) -> None:
    for _, props in groups:
        client.create_group(UserPoolId=props["UserPoolId"], GroupName=props["GroupName"])
    for logical, props in app_clients:
        _user_pool_client(client, logical, props, stack)


def _queue_attributes(props: dict[str, Any]) -> dict[str, str]:
    names = {
        "VisibilityTimeout": "VisibilityTimeout",
        "MessageRetentionPeriod": "MessageRetentionPeriod",
        "DelaySeconds": "DelaySeconds",
        "ReceiveMessageWaitTimeSeconds": "ReceiveMessageWaitTimeSeconds",
        "SqsManagedSseEnabled": "SqsManagedSseEnabled",
    }
    attributes = {
        names[key]: str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in props.items()
        if key in names
    }
    if "RedrivePolicy" in props:
        attributes["RedrivePolicy"] = json.dumps(props["RedrivePolicy"])
    return attributes


def _function(logical: str, props: dict[str, Any], globals_: dict[str, Any], root: Path, stack: Stack) -> None:
    environment = dict((globals_.get("Environment") or {}).get("Variables") or {})
    environment.update((props.get("Environment") or {}).get("Variables") or {})
    stack.functions[logical] = Function(
        logical_id=logical,
        name=stack.context.refs[logical],
        code_dir=root / props.get("CodeUri", globals_.get("CodeUri", ".")),
        handler=props.get("Handler", globals_.get("Handler", "app.lambda_handler")),
        environment={key: str(value) for key, value in environment.items()},
    )
    for event_name, event in (props.get("Events") or {}).items():
        kind, ev = event["Type"], event.get("Properties") or {}
        if kind == "Api":
            auth = (ev.get("Auth") or {}).get("Authorizer")
            stack.routes.append(Route(ev["Method"].upper(), ev["Path"], logical, authorized=auth != "NONE"))
        elif kind == "SQS":
            queue_logical = next(q for q, arn in _queue_arns(stack).items() if arn == ev["Queue"])
            stack.queue_sources.append(
                QueueSource(
                    queue_url=stack.queues[queue_logical],
                    function=logical,
                    batch_size=int(ev.get("BatchSize", 10)),
                    report_failures="ReportBatchItemFailures" in (ev.get("FunctionResponseTypes") or []),
                )
            )
        elif kind in ("Schedule", "ScheduleV2"):
            expression = ev.get("Schedule") or ev.get("ScheduleExpression")
            payload = json.loads(ev["Input"]) if ev.get("Input") else {}
            stack.schedules.append(Schedule(f"{logical}-{event_name}", expression, logical, payload))


def _rule(events: Any, name: str, props: dict[str, Any]) -> None:
    bus = props.get("EventBusName", "default")
    events.put_rule(
        Name=name, EventBusName=bus, EventPattern=json.dumps(props["EventPattern"]), State=props.get("State", "ENABLED")
    )
    events.put_targets(
        Rule=name, EventBusName=bus, Targets=[{"Id": t["Id"], "Arn": t["Arn"]} for t in props.get("Targets", [])]
    )


def api_paths(distribution: dict[str, Any]) -> list[str]:
    """The path patterns of a distribution's behaviours whose origin is not a bucket: the API's."""
    config = distribution["DistributionConfig"]
    api = {origin["Id"] for origin in config["Origins"] if "S3OriginConfig" not in origin}
    return [b["PathPattern"] for b in config.get("CacheBehaviors") or [] if b["TargetOriginId"] in api]


def console_headers(
    distributions: list[tuple[str, dict[str, Any]]], policies: list[tuple[str, dict[str, Any]]], ctx: Context
) -> dict[str, str]:
    """The security headers of the response headers policy on the console's (default) behaviour."""
    by_id = {ctx.refs[logical]: props["ResponseHeadersPolicyConfig"] for logical, props in policies}
    headers: dict[str, str] = {}
    for _, props in distributions:
        policy = by_id.get(props["DistributionConfig"]["DefaultCacheBehavior"].get("ResponseHeadersPolicyId"))
        if policy:
            headers.update(console_files.security_headers(policy.get("SecurityHeadersConfig") or {}))
    return headers


def _queue_arns(stack: Stack) -> dict[str, str]:
    return {logical: stack.context.attributes[(logical, "Arn")] for logical in stack.queues}


def provision(
    root: Path,
    clients: dict[str, Any],
    endpoint: str,
    stack_name: str = "janus-local",
    parameters: dict[str, Any] | None = None,
) -> Stack:
    template = load(root / "template.yaml")
    ctx = Context(stack=stack_name, parameters=parameters_of(template, parameters))
    conditions_of(template, ctx)
    resources = {
        logical: resource
        for logical, resource in template["Resources"].items()
        if "Condition" not in resource or ctx.conditions.get(resource["Condition"], False)
    }
    _names(resources, ctx, endpoint)
    stack = Stack(context=ctx)
    # A user pool's id is made by the endpoint: create the pools first, so that Ref and GetAtt give theirs.
    _user_pools(clients["cognito-idp"], resources, ctx, stack)
    resolved = {logical: resolve(resource.get("Properties") or {}, ctx) for logical, resource in resources.items()}
    kinds = {logical: resource["Type"] for logical, resource in resources.items()}

    def of(kind: str) -> list[tuple[str, dict[str, Any]]]:
        return [(logical, props) for logical, props in resolved.items() if kinds[logical] == kind]

    for logical, props in of("AWS::DynamoDB::Table"):
        _table(clients["dynamodb"], ctx.refs[logical], props)
        stack.tables[logical] = ctx.refs[logical]
    for logical, props in of("AWS::S3::Bucket"):
        _bucket(clients["s3"], ctx.refs[logical], props)
        stack.buckets[logical] = ctx.refs[logical]
    for logical, props in of("AWS::SecretsManager::Secret"):
        _secret(clients["secretsmanager"], ctx.refs[logical], props)
        stack.secrets[logical] = ctx.refs[logical]
    for logical, _ in of("AWS::Scheduler::ScheduleGroup"):
        clients["scheduler"].create_schedule_group(Name=ctx.refs[logical])
    for logical, _ in of("AWS::Events::EventBus"):
        clients["events"].create_event_bus(Name=ctx.refs[logical])
        stack.buses[logical] = ctx.refs[logical]
    # Configuration sets before identities: an identity may name its default set.
    for logical, _ in of("AWS::SES::ConfigurationSet"):
        clients["sesv2"].create_configuration_set(ConfigurationSetName=ctx.refs[logical])
    for logical, props in of("AWS::SES::EmailIdentity"):
        clients["sesv2"].create_email_identity(EmailIdentity=props["EmailIdentity"])
        ctx.refs[logical] = props["EmailIdentity"]
    # Dead-letter queues first: a redrive policy must name a queue that exists.
    for logical, props in sorted(of("AWS::SQS::Queue"), key=lambda pair: "RedrivePolicy" in pair[1]):
        url = clients["sqs"].create_queue(
            QueueName=ctx.attributes[(logical, "QueueName")], Attributes=_queue_attributes(props)
        )["QueueUrl"]
        stack.queues[logical] = url
        ctx.refs[logical] = url
    for logical, props in of("AWS::Events::Rule"):
        _rule(clients["events"], ctx.refs[logical], props)
        stack.rules[logical] = ctx.refs[logical]
    _groups_and_clients(
        clients["cognito-idp"], of("AWS::Cognito::UserPoolGroup"), of("AWS::Cognito::UserPoolClient"), stack
    )
    # The managed-login domain, its branding and a federated IdP have no local counterpart: the local
    # gateway stands in for sign-in. Nor have the CloudFront distribution and its parts: the gateway serves
    # the console and the API at one origin, as the distribution does.
    stack.api_paths = [path for _, props in of("AWS::CloudFront::Distribution") for path in api_paths(props)]
    stack.console_headers = console_headers(of("AWS::CloudFront::Distribution"), of(HEADERS_POLICY), ctx)
    globals_ = resolve((template.get("Globals") or {}).get("Function") or {}, ctx)
    for logical, props in of(FUNCTION):
        _function(logical, props, globals_, root, stack)
    return stack
