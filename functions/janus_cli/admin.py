"""`janus admin`: what an operator does once per deployment, with AWS credentials instead of an API token.

`janus admin bootstrap` makes the first HR administrator of a new deployment: nobody can sign in to
import the organisation until someone holds `hr_admin`. It provisions the user as an import does
(``janus.people.users.provision`` through ``janus.people.cognito``): username the e-mail, the admin-set
``custom:org`` and ``custom:employee_id``, the groups ``hr_admin`` and ``employee``, Cognito's invitation.
Run again, it changes nothing and says so; it never takes a group away, nor touches a user that is
another employee's. It writes no employee record: the table is the API's, and the administrator's first
import names them (docs/operations.md).
"""

from __future__ import annotations

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
