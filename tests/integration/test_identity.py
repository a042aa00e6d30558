"""Signed-in people are who the admin-set attribute says, whatever their token's subject: as deployed, where
Cognito's ``sub`` is a UUID and the employee id is ``custom:employee_id``."""

from __future__ import annotations

import uuid

import requests

from tests.integration.conftest import Local
from tests.integration.rounds import create_cycle, event, launch, team_org


def _signed_in(local: Local, org: str, employee_id: str, roles: list[str]) -> requests.Session:
    answer = requests.post(
        f"{local.api}/_local/token",
        json={"org": org, "sub": str(uuid.uuid4()), "employee_id": employee_id, "roles": roles},
        timeout=10,
    )
    answer.raise_for_status()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return session


def test_a_uuid_subject_acts_as_the_employee_its_attribute_names(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"])
    assert event(local, org, cycle["id"], "nominate").status_code in (200, 202)
    proposals = f"{local.api}/cycles/{cycle['id']}/subjects/t1-1/proposals"
    own = _signed_in(local, org.id, "t1-1", ["employee"])
    assert own.post(proposals, json={"peers": ["t1-2"]}, timeout=10).status_code == 200
    other = _signed_in(local, org.id, "t1-3", ["employee"])
    assert other.post(proposals, json={"peers": ["t1-2"]}, timeout=10).status_code == 403

    launch(local, org, cycle["id"], force=True)
    assert event(local, org, cycle["id"], "close").status_code == 202
    local.settle()
    assert event(local, org, cycle["id"], "release").status_code == 202
    local.settle()
    report = f"{local.api}/cycles/{cycle['id']}/reports/t1-1"
    assert own.get(report, timeout=10).status_code == 200
    assert other.get(report, timeout=10).status_code in (403, 404)


def test_an_import_provisions_its_sign_in_users_on_the_local_cognito(local):
    org = team_org(local, teams=1, size=2)
    local.settle()
    cognito = local.client("cognito-idp")
    (pool,) = [p for p in cognito.list_user_pools(MaxResults=10)["UserPools"] if p["Name"].endswith("UserPool")]
    found = cognito.admin_get_user(UserPoolId=pool["Id"], Username=org.email("m1"))
    attributes = {item["Name"]: item["Value"] for item in found["UserAttributes"]}
    assert (attributes["custom:org"], attributes["custom:employee_id"]) == (org.id, "m1")
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool["Id"], Username=org.email("m1"))["Groups"]
    assert sorted(group["GroupName"] for group in groups) == ["employee", "manager"]
