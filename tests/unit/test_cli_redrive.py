"""`janus admin redrive`: a dead-letter queue's messages back to the queue they came from."""

from __future__ import annotations

from typing import Any

import boto3
from typer.testing import CliRunner

from infra.provision import Stack
from janus_cli.admin import DeadLetterQueue, redrive
from janus_cli.main import app


def run(*args: str):
    return CliRunner().invoke(app, ["admin", "redrive", "--stack", "janus-local", *args])


def bodies(sqs: Any, url: str) -> list[str]:
    found: list[str] = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=60).get("Messages"):
        found += [message["Body"] for message in batch]
    return sorted(found)


def test_a_dead_letter_queue_is_moved_back_to_its_source(aws: Stack):
    sqs = boto3.client("sqs", region_name="us-east-1")
    dead, source = aws.queues["InvitationsDeadLetterQueue"], aws.queues["InvitationsQueue"]
    for n in range(23):
        sqs.send_message(
            QueueUrl=dead, MessageBody=f'{{"n": {n}}}',
            MessageAttributes={"kind": {"DataType": "String", "StringValue": "bundle"}},
        )  # fmt: skip
    sqs.send_message(QueueUrl=aws.queues["HrisDeadLetterQueue"], MessageBody="hris")

    result = run("--queue", "Invitations", "--by-copy")

    assert result.exit_code == 0, result.output
    assert "InvitationsDeadLetterQueue: moved 23 message(s) back" in result.output
    assert bodies(sqs, dead) == []
    assert bodies(sqs, source) == sorted(f'{{"n": {n}}}' for n in range(23))
    assert bodies(sqs, aws.queues["HrisDeadLetterQueue"]) == ["hris"], "only the queue asked for"


def test_all_moves_every_dead_letter_queue(aws: Stack):
    sqs = boto3.client("sqs", region_name="us-east-1")
    sqs.send_message(QueueUrl=aws.queues["HrisDeadLetterQueue"], MessageBody="hris")
    sqs.send_message(QueueUrl=aws.queues["UsersDeadLetterQueue"], MessageBody="users")

    result = run("--all", "--by-copy")

    assert result.exit_code == 0, result.output
    assert "HrisDeadLetterQueue: moved 1 message(s) back" in result.output
    assert "InvitationsDeadLetterQueue: moved 0 message(s) back" in result.output
    assert bodies(sqs, aws.queues["HrisQueue"]) == ["hris"]
    assert bodies(sqs, aws.queues["UsersQueue"]) == ["users"]


def test_a_queue_is_named_or_all_are_and_a_name_must_match_one():
    assert run().exit_code != 0
    assert run("--queue", "Hris", "--all").exit_code != 0


def test_an_unknown_or_ambiguous_name_moves_nothing(aws: Stack):
    result = run("--queue", "Nothing", "--by-copy")
    assert result.exit_code == 1 and "no dead-letter queue matches 'Nothing'" in " ".join(result.output.split())
    result = run("--queue", "DeadLetter", "--by-copy")
    assert result.exit_code == 1 and "more than one" in result.output


def test_on_aws_an_sqs_move_task_moves_them():
    class Sqs:
        def __init__(self) -> None:
            self.tasks: list[dict[str, str]] = []

        def start_message_move_task(self, **args: str) -> dict[str, str]:
            self.tasks.append(args)
            return {"TaskHandle": "handle-1"}

        def get_queue_attributes(self, **_: Any) -> dict[str, Any]:
            return {"Attributes": {"ApproximateNumberOfMessages": "4"}}

    sqs = Sqs()
    queue = DeadLetterQueue("prod-HrisDeadLetterQueue-X", "https://q/dlq", "arn:aws:sqs:eu-west-1:1:dlq", ("u",))
    assert (
        redrive(sqs, queue, by_copy=False)
        == "prod-HrisDeadLetterQueue-X: started moving 4 message(s) back (task handle-1)"
    )
    assert sqs.tasks == [{"SourceArn": "arn:aws:sqs:eu-west-1:1:dlq"}]  # no destination: back where they came from
