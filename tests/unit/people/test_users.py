"""Importing the organisation provisions its sign-in users, through a paced queue, idempotently."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import boto3
import pytest

from janus.kernel.messages import Codec
from janus.kernel.metering import REQUESTS
from janus.people.cognito import CognitoUserPool
from janus.people.importing import import_employees
from janus.people.organisation import OrgSettings, parse_settings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.people.users import ProvisionUsers, apply
from tests.unit.people.test_employees import ORG, person


class Queue:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send(self, queue: str, messages: Sequence[dict[str, Any]]) -> None:
        assert queue == "users"
        self.sent += messages


class World:
    def __init__(self, stack: Any) -> None:
        self.directory, self.orgs, self.queue = DynamoEmployeeDirectory(), OrgStore(), Queue()
        self.cognito = boto3.client("cognito-idp", region_name="us-east-1")
        self.pool_id = stack.user_pools["UserPool"]
        self.pool = CognitoUserPool(self.cognito, self.pool_id, suppress=True)

    def import_(self, rows: list[dict[str, Any]]) -> None:
        import_employees(ORG, rows, self.directory, jobs=self.queue)

    def deliver(self) -> int:
        """Deliver every queued bundle; how many Cognito requests that made."""
        before = _cognito_requests()
        messages, self.queue.sent = self.queue.sent, []
        for body in messages:
            message = Codec(ProvisionUsers).decode(body)
            assert isinstance(message, ProvisionUsers)
            apply(message, self.directory, self.orgs, self.pool)
        return _cognito_requests() - before

    def user(self, email: str) -> dict[str, Any]:
        found = self.cognito.admin_get_user(UserPoolId=self.pool_id, Username=email)
        groups = self.cognito.admin_list_groups_for_user(UserPoolId=self.pool_id, Username=email)["Groups"]
        return {
            **{item["Name"]: item["Value"] for item in found["UserAttributes"]},
            "enabled": found["Enabled"],
            "groups": sorted(group["GroupName"] for group in groups),
        }


def _cognito_requests() -> int:
    return sum(count for (service, _), count in REQUESTS.snapshot().items() if service == "cognito-idp")


@pytest.fixture
def world(aws: Any) -> World:
    return World(aws)


def test_an_import_creates_each_employees_user_with_the_admin_set_attributes_and_groups(world: World) -> None:
    world.import_([person("boss"), person("ann", manager_id="boss")])
    world.deliver()
    boss, ann = world.user("boss@acme.example.com"), world.user("ann@acme.example.com")
    assert (boss["custom:org"], boss["custom:employee_id"], boss["email_verified"]) == (ORG, "boss", "true")
    assert boss["groups"] == ["employee", "manager"] and boss["enabled"]
    assert (ann["custom:employee_id"], ann["groups"], ann["name"]) == ("ann", ["employee"], "Person ann")


def test_a_bundle_delivered_twice_changes_nothing_the_second_time(world: World) -> None:
    world.import_([person("boss"), person("ann", manager_id="boss")])
    (body,) = world.queue.sent
    world.deliver()
    world.queue.sent = [body]
    before = dict(REQUESTS.snapshot())
    world.deliver()
    writes = {
        operation: count - before.get((service, operation), 0)
        for (service, operation), count in REQUESTS.snapshot().items()
        if service == "cognito-idp" and not operation.startswith(("AdminGet", "AdminList"))
    }
    assert not any(writes.values()), writes


def test_a_renamed_or_readdressed_employee_keeps_their_user(world: World) -> None:
    world.import_([person("ann")])
    world.deliver()
    world.import_([person("ann", name="Ann Berg", email="ann.berg@acme.example.com")])
    world.deliver()
    ann = world.user("ann.berg@acme.example.com")
    assert (ann["name"], ann["custom:employee_id"]) == ("Ann Berg", "ann")


def test_someone_who_leaves_is_disabled_and_their_manager_is_a_manager_no_more(world: World) -> None:
    world.import_([person("boss"), person("ann", manager_id="boss")])
    world.deliver()
    world.import_([person("ann", manager_id="boss", active=False)])
    world.deliver()
    assert world.user("ann@acme.example.com")["enabled"] is False
    assert world.user("boss@acme.example.com")["groups"] == ["employee"]


def test_hr_admins_are_the_organisations_setting(world: World) -> None:
    world.import_([person("hr"), person("ann")])
    world.deliver()
    settings = parse_settings(ORG, {"hr_admins": ["hr"]}, OrgSettings(), world.directory)
    world.orgs.put(ORG, settings)
    world.import_([person("hr", name="HR Person"), person("ann", name="Ann")])
    world.deliver()
    assert world.user("hr@acme.example.com")["groups"] == ["employee", "hr_admin"]
    assert world.user("ann@acme.example.com")["groups"] == ["employee"]


def test_a_large_import_queues_bundles_and_calls_cognito_not_at_all(world: World) -> None:
    rows = [person("p0")] + [person(f"p{i}", manager_id=f"p{(i - 1) // 5}") for i in range(1, 1000)]
    before = _cognito_requests()
    world.import_(rows)
    assert _cognito_requests() == before
    assert len(world.queue.sent) == 40  # 25 employees a bundle


def test_an_address_another_organisations_user_holds_is_left_alone(world: World) -> None:
    world.import_([person("boss"), person("ann", manager_id="boss")])
    world.deliver()
    import_employees(
        "other",
        [person("x"), person("y", manager_id="x", email="boss@acme.example.com")],
        world.directory,
        jobs=world.queue,
    )
    world.deliver()
    boss = world.user("boss@acme.example.com")
    assert (boss["custom:org"], boss["custom:employee_id"], boss["name"]) == (ORG, "boss", "Person boss")


def test_a_new_organisations_users_are_provisioned_at_the_floor_without_reading_who_manages(world: World) -> None:
    # The file settles who has reports; a bundle reads its employees and the settings, nothing per person.
    world.import_([person("boss")] + [person(f"t{n}", manager_id="boss") for n in range(1, 10)])
    before = REQUESTS.snapshot()
    world.deliver()
    made = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert made == {"BatchGetItem": 1, "GetItem": 1}
    assert "manager" in world.user("boss@acme.example.com")["groups"]
    assert "manager" not in world.user("t1@acme.example.com")["groups"]


def test_a_manager_who_loses_a_report_to_another_is_read_and_kept_while_others_remain(world: World) -> None:
    world.import_([person("boss"), person("ann", manager_id="boss"), person("bo", manager_id="boss"), person("cy")])
    world.deliver()
    world.import_([person("ann", manager_id="cy")])  # only ann's row: boss still leads bo, outside the file
    world.deliver()
    assert "manager" in world.user("boss@acme.example.com")["groups"]
    assert "manager" in world.user("cy@acme.example.com")["groups"]
    world.import_([person("bo", manager_id="cy")])
    world.deliver()
    assert "manager" not in world.user("boss@acme.example.com")["groups"]
