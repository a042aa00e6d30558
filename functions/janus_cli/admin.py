"""`janus admin`: what an operator does once per deployment, with AWS credentials instead of an API token.

`janus admin bootstrap` makes the first HR administrator of a new deployment: nobody can sign in to
import the organisation until someone holds `hr_admin`. It provisions the user as an import does
(``janus.people.users.provision`` through ``janus.people.cognito``): username the e-mail, the admin-set
``custom:org`` and ``custom:employee_id``, the groups ``hr_admin`` and ``employee``, Cognito's invitation.
Run again, it changes nothing and says so; it never takes a group away, nor touches a user that is
another employee's. It writes no employee record: the table is the API's, and the administrator's first
import names them (docs/operations.md).

`janus admin redrive --stack NAME --queue Invitations` (or `--all`) moves a dead-letter queue's messages back
to the queue they came from: an SQS message move task on AWS; on the local stack (AWS_ENDPOINT_URL set, whose
endpoint has no move task) received, sent back and deleted.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Annotated, Any

import boto3
import typer
from botocore.exceptions import BotoCoreError, ClientError
from rich.console import Console
from rich.text import Text

from janus.people.cognito import CognitoUserPool
from janus.people.users import Account, provision

app = typer.Typer(help="One-off operations on a deployment, with AWS credentials.", no_args_is_help=True)
FIRST_GROUPS = frozenset({"hr_admin", "employee"})
ATTRIBUTE_LIMIT = 64  # custom:org and custom:employee_id, as the user pool declares them


class Refused(Exception):
    """Nothing was changed, for the reason given."""


def pool_of_stack(cloudformation: Any, stack: str) -> str:
    """The stack's user pool, from its ``UserPoolId`` output."""
    (found,) = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    outputs = {output["OutputKey"]: output["OutputValue"] for output in found.get("Outputs") or []}
    if "UserPoolId" not in outputs:
        raise Refused(f"the stack {stack} has no UserPoolId output: is it a Janus stack?")
    return outputs["UserPoolId"]


def bootstrap(pool: CognitoUserPool, org: str, employee_id: str, email: str, name: str) -> dict[str, int]:
    """Make (or complete) the HR administrator's user; what was done, by kind (all 0: nothing to do)."""
    user = pool.find(email)
    if user is not None and user.employee != (org, employee_id):
        held_org, held_employee = user.employee
        raise Refused(f"{email} is already the user of employee {held_employee!r} of {held_org!r}")
    groups = FIRST_GROUPS | (user.groups if user else frozenset())  # a group given since stays
    return provision([Account(org, employee_id, email, name, True, groups)], {}, pool, manage_hr_admins=True)


def _check(org: str, employee_id: str, email: str, name: str) -> str:
    for value, option in ((org, "--org"), (employee_id, "--employee-id")):
        if not value.strip() or len(value) > ATTRIBUTE_LIMIT:
            raise typer.BadParameter(f"give 1 to {ATTRIBUTE_LIMIT} characters", param_hint=option)
    if not name.strip():
        raise typer.BadParameter("give the administrator's name", param_hint="--name")
    address = email.strip().lower()  # as the import keeps addresses
    if address.count("@") != 1 or address.startswith("@") or address.endswith("@"):
        raise typer.BadParameter(f"{email!r} is not an e-mail address", param_hint="--email")
    return address


def _said(done: dict[str, int], email: str, org: str, employee_id: str, suppress: bool) -> str:
    who = f"{email} (employee {employee_id} of {org})"
    if not any(done.values()):
        return f"Nothing to change: {who} is already an HR administrator."
    said = []
    if done["created"]:
        invitation = "no invitation sent (--suppress)" if suppress else "Cognito e-mailed a temporary password"
        said.append(f"created {who}; {invitation}")
    if done["enabled"]:
        said.append(f"enabled {who} again")
    if done["updated"]:
        said.append("updated the name")
    if done["groups"]:
        said.append("added to hr_admin and employee")
    return "Done: " + ", ".join(said) + "."


@app.command("bootstrap")
def bootstrap_command(
    org: Annotated[str, typer.Option(help="The organisation's id, as the API will know it.")],
    employee_id: Annotated[str, typer.Option(help="The administrator's employee id, as the HRIS export has it.")],
    email: Annotated[str, typer.Option(help="Their e-mail address: their username.")],
    name: Annotated[str, typer.Option(help="Their name.")],
    stack: Annotated[str | None, typer.Option(help="The deployed stack, whose UserPoolId output is used.")] = None,
    user_pool_id: Annotated[str | None, typer.Option(help="The user pool, instead of --stack.")] = None,
    region: Annotated[str | None, typer.Option(help="The stack's region; default: AWS's configuration.")] = None,
    suppress: Annotated[
        bool, typer.Option("--suppress", help="Send no Cognito invitation (sign-in through your identity provider).")
    ] = False,
) -> None:
    """Make the first HR administrator of a deployment (idempotent)."""
    if bool(stack) == bool(user_pool_id):
        raise typer.BadParameter("give --stack or --user-pool-id", param_hint="--stack")
    address = _check(org, employee_id, email, name)
    session = boto3.session.Session(region_name=region)
    err = Console(stderr=True)
    try:
        pool_id = user_pool_id or pool_of_stack(session.client("cloudformation"), stack or "")
        pool = CognitoUserPool(session.client("cognito-idp"), pool_id, suppress)
        done = bootstrap(pool, org.strip(), employee_id.strip(), address, name.strip())
    except Refused as refused:
        err.print(Text.assemble(("Nothing changed: ", "bold red"), str(refused), "."))
        raise typer.Exit(1) from None
    except (ClientError, BotoCoreError) as failed:
        err.print(Text.assemble(("AWS refused: ", "bold red"), str(failed)))
        raise typer.Exit(1) from None
    Console().print(_said(done, address, org.strip(), employee_id.strip(), suppress))


# ------------------------------------------------------------------ redrive
@dataclass(frozen=True)
class DeadLetterQueue:
    name: str
    url: str
    arn: str
    sources: tuple[str, ...]  # the URLs of the queues whose redrive policy names it


def dead_letter_queues(sqs: Any, prefix: str) -> list[DeadLetterQueue]:
    """The stack's dead-letter queues (its queues' names start with ``prefix``: CloudFormation names a queue
    ``<stack>-<logical id>-<suffix>``), each with the queues that send to it (their RedrivePolicy)."""
    urls = [url for page in sqs.get_paginator("list_queues").paginate(QueueNamePrefix=prefix)
            for url in page.get("QueueUrls", [])]  # fmt: skip
    arns: dict[str, str] = {}
    sources: dict[str, list[str]] = {}
    for url in urls:
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn", "RedrivePolicy"])["Attributes"]
        arns[attributes["QueueArn"]] = url
        if "RedrivePolicy" in attributes:
            target = json.loads(attributes["RedrivePolicy"])["deadLetterTargetArn"]
            sources.setdefault(target, []).append(url)
    return sorted(
        (DeadLetterQueue(arn.rsplit(":", 1)[1], arns[arn], arn, tuple(sorted(found)))
         for arn, found in sources.items() if arn in arns),
        key=lambda queue: queue.name,
    )  # fmt: skip


def chosen(queues: list[DeadLetterQueue], name: str | None) -> list[DeadLetterQueue]:
    """All, or the one named: its name, or a part of it that only it has (``Invitations``)."""
    if name is None:
        return queues
    exact = [queue for queue in queues if queue.name == name]
    found = exact or [queue for queue in queues if name.lower() in queue.name.lower()]
    if len(found) != 1:
        names = ", ".join(queue.name for queue in queues) or "none"
        raise Refused(
            f"{'no' if not found else 'more than one'} dead-letter queue matches {name!r} (there are: {names})"
        )
    return found


def depth(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])


def redrive(sqs: Any, queue: DeadLetterQueue, by_copy: bool) -> str:
    """Move the queue's messages back to the queue they came from: an SQS message move task on AWS; on an
    endpoint without one (the local stack's), received, sent back and deleted ten at a time."""
    if not by_copy:
        handle = sqs.start_message_move_task(SourceArn=queue.arn)["TaskHandle"]
        return f"{queue.name}: started moving {depth(sqs, queue.url)} message(s) back (task {handle})"
    if len(queue.sources) != 1:
        raise Refused(f"{queue.name} takes messages from {len(queue.sources)} queues: move them with a move task")
    moved = 0
    while True:
        batch = sqs.receive_message(
            QueueUrl=queue.url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], WaitTimeSeconds=0,
            VisibilityTimeout=60,
        ).get("Messages", [])  # fmt: skip
        if not batch:
            return f"{queue.name}: moved {moved} message(s) back"
        entries = [
            {"Id": str(n), "MessageBody": message["Body"],
             **({"MessageAttributes": message["MessageAttributes"]} if message.get("MessageAttributes") else {})}
            for n, message in enumerate(batch)
        ]  # fmt: skip
        sent = sqs.send_message_batch(QueueUrl=queue.sources[0], Entries=entries)
        if sent.get("Failed"):
            raise Refused(f"{queue.name}: {len(sent['Failed'])} message(s) could not be sent back; none was deleted")
        sqs.delete_message_batch(
            QueueUrl=queue.url,
            Entries=[{"Id": str(n), "ReceiptHandle": message["ReceiptHandle"]} for n, message in enumerate(batch)],
        )
        moved += len(batch)


@app.command("redrive")
def redrive_command(
    stack: Annotated[
        str, typer.Option(help="The deployed stack (its queues' names start with it; local: janus-local).")
    ],
    queue: Annotated[
        str | None, typer.Option(help="One dead-letter queue, by name or a part of it (Invitations).")
    ] = None,
    all_queues: Annotated[bool, typer.Option("--all", help="Every dead-letter queue of the stack.")] = False,
    region: Annotated[str | None, typer.Option(help="The stack's region; default: AWS's configuration.")] = None,
    by_copy: Annotated[
        bool | None,
        typer.Option(
            "--by-copy/--by-move-task",
            help="Receive, send back and delete (default on a local endpoint, AWS_ENDPOINT_URL), or an SQS move task.",
        ),
    ] = None,
) -> None:
    """Move the messages of a dead-letter queue (or of all) back to the queue they came from."""
    if bool(queue) == all_queues:
        raise typer.BadParameter("give --queue NAME or --all", param_hint="--queue")
    copy = bool(os.environ.get("AWS_ENDPOINT_URL")) if by_copy is None else by_copy
    sqs = boto3.session.Session(region_name=region).client("sqs")
    err = Console(stderr=True)
    try:
        queues = chosen(dead_letter_queues(sqs, f"{stack}-"), queue)
        if not queues:
            raise Refused(f"the stack {stack} has no dead-letter queues")
        for each in queues:
            Console().print(redrive(sqs, each, copy))
    except Refused as refused:
        err.print(Text.assemble(("Nothing more moved: ", "bold red"), str(refused), "."))
        raise typer.Exit(1) from None
    except (ClientError, BotoCoreError) as failed:
        err.print(Text.assemble(("AWS refused: ", "bold red"), str(failed)))
        raise typer.Exit(1) from None
