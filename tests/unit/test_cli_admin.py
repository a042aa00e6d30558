"""`janus admin bootstrap` against moto's Cognito: the first HR administrator, made once, idempotently."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from click.testing import Result
from typer.testing import CliRunner

from infra.provision import Stack
from janus.people.cognito import CognitoUserPool
from janus.people.users import Account
from janus_cli.main import app

HR = ["--org", "acme", "--employee-id", "e021", "--email", "Hanna.HR@acme.example.com", "--name", "Hanna Holm"]


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["admin", "bootstrap", *args])


def said(result: Result) -> str:
    """What the command printed, as one line (the terminal wraps it)."""
    return " ".join(result.output.split())


def cognito() -> Any:
    return boto3.client("cognito-idp", region_name="us-east-1")


def user(pool_id: str, email: str = "hanna.hr@acme.example.com") -> tuple[dict[str, str], set[str], bool]:
    found = cognito().admin_get_user(UserPoolId=pool_id, Username=email)
    groups = cognito().admin_list_groups_for_user(UserPoolId=pool_id, Username=email)["Groups"]
    attributes = {item["Name"]: item["Value"] for item in found["UserAttributes"]}
    return attributes, {group["GroupName"] for group in groups}, found["Enabled"]


@pytest.fixture
def pool_id(aws: Stack) -> str:
    return aws.user_pools["UserPool"]


def test_the_first_hr_administrator_is_made_with_admin_set_attributes_and_both_groups(pool_id: str):
    result = run("--user-pool-id", pool_id, *HR)

    assert result.exit_code == 0, result.output
    assert "created hanna.hr@acme.example.com (employee e021 of acme)" in said(result)
    assert "Cognito e-mailed a temporary password" in said(result)
    attributes, groups, enabled = user(pool_id)
    assert (attributes["custom:org"], attributes["custom:employee_id"]) == ("acme", "e021")
    assert attributes["name"] == "Hanna Holm"
    assert attributes["email"] == "hanna.hr@acme.example.com", "kept lowercased, as the import keeps addresses"
    assert groups == {"hr_admin", "employee"} and enabled


def test_running_it_again_changes_nothing_and_says_so(pool_id: str):
    run("--user-pool-id", pool_id, *HR)
    before = user(pool_id)

    again = run("--user-pool-id", pool_id, *HR)

    assert again.exit_code == 0, again.output
    assert "Nothing to change" in said(again) and "already an HR administrator" in said(again)
    assert user(pool_id) == before


def test_a_group_the_import_gave_since_is_kept(pool_id: str):
    run("--user-pool-id", pool_id, *HR)
    cognito().admin_add_user_to_group(UserPoolId=pool_id, Username="hanna.hr@acme.example.com", GroupName="manager")

    again = run("--user-pool-id", pool_id, *HR)

    assert "Nothing to change" in said(again)
    assert user(pool_id)[1] == {"hr_admin", "employee", "manager"}


def test_an_employee_s_user_made_by_an_import_is_made_an_hr_administrator(pool_id: str):
    pool = CognitoUserPool(cognito(), pool_id, suppress=True)
    pool.create(Account("acme", "e021", "hanna.hr@acme.example.com", "Hanna Holm", True, frozenset()))
    pool.join("hanna.hr@acme.example.com", "employee")

    result = run("--user-pool-id", pool_id, "--suppress", *HR)

    assert result.exit_code == 0, result.output
    assert "added to hr_admin and employee" in said(result) and "created" not in said(result)
    assert user(pool_id)[1] == {"hr_admin", "employee"}


def test_the_user_of_another_employee_is_left_alone(pool_id: str):
    pool = CognitoUserPool(cognito(), pool_id, suppress=True)
    pool.create(Account("acme", "e099", "hanna.hr@acme.example.com", "Someone", True, frozenset({"employee"})))

    result = run("--user-pool-id", pool_id, *HR)

    assert result.exit_code == 1
    assert "Nothing changed" in said(result) and "'e099'" in said(result)
    attributes, groups, _ = user(pool_id)
    assert attributes["custom:employee_id"] == "e099" and "hr_admin" not in groups


def test_the_stack_s_user_pool_is_found_from_its_outputs(pool_id: str):
    template = {
        "Resources": {"Placeholder": {"Type": "AWS::SQS::Queue"}},
        "Outputs": {"UserPoolId": {"Value": pool_id}},
    }
    boto3.client("cloudformation", region_name="us-east-1").create_stack(
        StackName="janus", TemplateBody=json.dumps(template)
    )

    result = run("--stack", "janus", "--region", "us-east-1", *HR)

    assert result.exit_code == 0, result.output
    assert user(pool_id)[1] == {"hr_admin", "employee"}


def test_an_unknown_stack_is_aws_s_refusal_not_a_traceback(pool_id: str):
    result = run("--stack", "nowhere", *HR)

    assert result.exit_code == 1
    assert "AWS refused" in said(result) and "Traceback" not in said(result)


@pytest.mark.parametrize(
    "args",
    [
        HR,  # neither --stack nor --user-pool-id
        ["--stack", "janus", "--user-pool-id", "p", *HR],
        ["--user-pool-id", "p", *HR[:4], "--email", "not-an-address", "--name", "N"],
        ["--user-pool-id", "p", "--org", "", *HR[2:]],
    ],
)
def test_wrong_usage_touches_nothing(args: list[str], pool_id: str):
    result = run(*args)

    assert result.exit_code == 2, result.output
    assert cognito().list_users(UserPoolId=pool_id)["Users"] == []
