"""What HR reads after launch: a cycle's subjects a page at a time, a subject's forms by status."""

from __future__ import annotations

from typing import Any

import pytest

from janus.kernel.errors import InvalidInput, NotFound
from janus.kernel.metering import REQUESTS
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, statuses
from janus.rounds.entities import Assignment
from janus.rounds.store_assignments import assignment_item
from janus.store.items import AssignmentItem
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"
BODY = {"name": "360", "kind": "360", "deadline": "2030-03-24T16:00:00+00:00", "competencies": ["listening"]}


@pytest.fixture
def store(aws: Any) -> RoundStores:
    return RoundStores()


@pytest.fixture
def directory(aws: Any) -> DynamoEmployeeDirectory:
    directory = DynamoEmployeeDirectory()
    directory.put_many(ORG, [person("m1", None)] + [person(f"t{n}", "m1") for n in range(1, 9)])
    return directory


def asked(cycle_id: str, subject_id: str, rater_id: str, relationship: str, status: str) -> Assignment:
    return Assignment(
        org=ORG, cycle_id=cycle_id, subject_id=subject_id, rater_id=rater_id, relationship=relationship,
        status=status, competencies=("listening",), ratings={}, comments={}, overall=None, submitted_at=None,
    )  # fmt: skip


def dynamodb_calls(before: dict[tuple[str, str], int]) -> dict[str, int]:
    return {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}


def test_a_subjects_forms_show_their_status_and_a_declines_reason_but_never_the_answers(store, directory):
    cycle = create.create_cycle(ORG, {**BODY, "subjects": ["t1"]}, directory, store.cycles)
    store.assignments.put_assignments(
        [asked(cycle.id, "t1", "t1", "self", "submitted"), asked(cycle.id, "t1", "m1", "manager", "pending"),
         asked(cycle.id, "t1", "t2", "peer", "declined")],
        cycle.shards,
    )  # fmt: skip
    assignment_item(ORG, cycle.id, "t1", "t2").update(
        actions=[AssignmentItem.decline_reason.set("On leave"), AssignmentItem.ratings.set({"listening.q1": 2})]
    )
    before = REQUESTS.snapshot()

    view = statuses.rater_statuses(ORG, cycle.id, "t1", store.subjects, store.assignments, directory)

    assert view["subject"] == {"id": "t1", "name": person("t1", "m1").name}
    forms = {a["rater_id"]: a for a in view["assignments"]}
    assert {rater: a["status"] for rater, a in forms.items()} == {"t1": "submitted", "m1": "pending", "t2": "declined"}
    assert forms["t2"]["decline_reason"] == "On leave"
    assert forms["m1"]["rater_name"] == person("m1", None).name
    assert "listening.q1" not in str(view) and "ratings" not in str(view)
    assert dynamodb_calls(before) == {"GetItem": 1, "Query": 1, "BatchGetItem": 1}


def test_an_unknown_subject_is_not_found(store, directory):
    cycle = create.create_cycle(ORG, {**BODY, "subjects": ["t1"]}, directory, store.cycles)
    with pytest.raises(NotFound):
        statuses.rater_statuses(ORG, cycle.id, "t9", store.subjects, store.assignments, directory)


def test_a_cycles_subjects_are_listed_a_page_at_a_time_by_queries_only(store, directory):
    subjects = [f"t{n}" for n in range(1, 9)]
    cycle = create.create_cycle(ORG, {**BODY, "subjects": subjects}, directory, store.cycles)
    before = REQUESTS.snapshot()

    seen: list[str] = []
    token: str | None = None
    for _ in range(20):
        page = statuses.list_subjects(ORG, cycle.id, token, store.cycles, store.subjects, limit=3)
        assert len(page["subjects"]) <= 3
        seen += [s["id"] for s in page["subjects"]]
        token = page["next"]
        if token is None:
            break

    assert sorted(seen) == subjects  # each once
    assert page["subjects"][-1]["report"] is False
    calls = dynamodb_calls(before)
    assert "Scan" not in calls and set(calls) == {"GetItem", "Query"}


def test_a_made_up_page_token_is_refused(store, directory):
    cycle = create.create_cycle(ORG, {**BODY, "subjects": ["t1"]}, directory, store.cycles)
    for token in ("99:", "x", "0:ORG#other#EMP#e1"):
        with pytest.raises(InvalidInput):
            statuses.list_subjects(ORG, cycle.id, token, store.cycles, store.subjects)
