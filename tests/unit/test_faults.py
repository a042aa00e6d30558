"""The local stack's fault mode (infra.faults): AWS's own errors, by rate and seed, counted."""

from __future__ import annotations

import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from infra.faults import KINDS, Faults, InvocationDied

SQS_BATCH = {"Records": [{"eventSource": "aws:sqs", "messageId": "m1", "body": "{}"}]}


def client(service: str, faults: Faults, attempts: int = 1):
    made = botocore.session.get_session().create_client(
        service,
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",  # never reached: every call here is answered by a fault
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(retries={"mode": "standard", "total_max_attempts": attempts}),
    )
    made.meta.events.register("before-send", faults._before_send)
    return made


def test_parse_reads_seed_rate_and_kinds():
    faults = Faults.parse("seed=7,rate=0.05,kinds=dynamodb-throttle+ses-rejected")
    assert (faults.seed, faults.rate, faults.kinds) == (7, 0.05, {"dynamodb-throttle", "ses-rejected"})
    assert Faults.parse("seed=1,rate=0.1").kinds == set(KINDS)
    for bad in ("rate=2", "kinds=flood", "speed=1"):
        with pytest.raises(ValueError):
            Faults.parse(bad)


def test_dynamodb_throttling_is_the_client_error_botocore_raises_and_is_retried():
    faults = Faults(seed=3, rate=1.0, kinds=frozenset({"dynamodb-throttle"}))
    dynamodb = client("dynamodb", faults, attempts=3)
    with faults.invocation("F", {}), pytest.raises(ClientError) as raised:
        dynamodb.get_item(TableName="t", Key={"PK": {"S": "a"}})
    error = raised.value.response
    assert error["Error"]["Code"] in ("ProvisionedThroughputExceededException", "ThrottlingException")
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["ResponseMetadata"]["RetryAttempts"] == 2  # botocore's standard mode retried it
    assert faults.summary()["injected"]["dynamodb-throttle"] == 3


def test_a_500_and_ses_throttling_and_rejection_carry_their_codes():
    faults = Faults(seed=3, rate=1.0, kinds=frozenset({"dynamodb-500"}))
    with faults.invocation("F", {}), pytest.raises(ClientError) as raised:
        client("dynamodb", faults).put_item(TableName="t", Item={"PK": {"S": "a"}})
    assert raised.value.response["Error"]["Code"] == "InternalServerError"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    for kind, code in (("ses-throttle", "TooManyRequestsException"), ("ses-rejected", "MessageRejected")):
        faults = Faults(seed=3, rate=1.0, kinds=frozenset({kind}))
        with faults.invocation("F", {}), pytest.raises(ClientError) as raised:
            client("sesv2", faults).send_email(
                FromEmailAddress="a@example.com", Destination={"ToAddresses": ["b@example.com"]},
                Content={"Raw": {"Data": b"x"}},
            )  # fmt: skip
        assert raised.value.response["Error"]["Code"] == code


def test_calls_outside_an_invocation_are_left_alone():
    faults = Faults(seed=3, rate=1.0, kinds=frozenset({"dynamodb-throttle"}))
    assert faults._before_send(request=None, event_name="before-send.dynamodb.GetItem") is None
    assert faults.summary()["injected"]["dynamodb-throttle"] == 0


def test_an_sqs_batch_dies_partway_after_some_calls_succeeded():
    faults = Faults(seed=5, rate=1.0, kinds=frozenset({"invocation-died", "dynamodb-throttle"}))
    dynamodb = client("dynamodb", faults)
    calls = 0
    with pytest.raises(InvocationDied), faults.invocation("F", SQS_BATCH):
        for _ in range(20):
            with pytest.raises(ClientError):
                dynamodb.get_item(TableName="t", Key={"PK": {"S": "a"}})
            calls += 1
    assert 1 <= calls <= 8
    assert faults.summary()["injected"]["invocation-died"] == 1
    with faults.invocation("F", {}), pytest.raises(ClientError):  # an API request does not die
        dynamodb.get_item(TableName="t", Key={"PK": {"S": "a"}})


def test_the_same_seed_injects_the_same_faults():
    def run(seed: int) -> list[str | None]:
        faults = Faults(seed=seed, rate=0.3)
        return [faults.draw("dynamodb-throttle", "dynamodb-500") for _ in range(50)]

    assert run(7) == run(7) != run(8)
