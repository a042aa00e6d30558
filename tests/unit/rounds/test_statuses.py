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

    view = statuses.rater_statuses(ORG, cycle.id, "t1", store.subjects, store.assignments, store.raters)

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
        statuses.rater_statuses(ORG, cycle.id, "t9", store.subjects, store.assignments, store.raters)


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


def test_the_short_subjects_are_listed_a_page_at_a_time_from_their_index(store, directory):
    subjects = [f"t{n}" for n in range(1, 9)]
    short = {"raters": {"peer": {"min": 8, "max": 10}}}  # nobody has eight peers in a team of eight
    cycle = create.create_cycle(ORG, {**BODY, "subjects": subjects, **short}, directory, store.cycles)
    before = REQUESTS.snapshot()

    first = statuses.list_subjects(ORG, cycle.id, None, store.cycles, store.subjects, limit=5, short=True)
    rest = statuses.list_subjects(ORG, cycle.id, first["next"], store.cycles, store.subjects, limit=5, short=True)

    assert [s["id"] for s in first["subjects"] + rest["subjects"]] == sorted(subjects) and rest["next"] is None
    assert first["subjects"][0]["shortfalls"] == [{"relationship": "peer", "have": 7, "min": 8}]
    assert dynamodb_calls(before) == {"GetItem": 2, "Query": 2}


def test_the_cycle_page_is_one_bounded_read_before_launch_and_after(store, directory):
    subjects = [f"t{n}" for n in range(1, 9)]
    short = {"raters": {"peer": {"min": 8, "max": 10}}, "subjects": subjects}  # seven peers each: all short
    cycle = create.create_cycle(ORG, {**BODY, **short}, directory, store.cycles)
    before = REQUESTS.snapshot()

    page = statuses.cycle_page(ORG, cycle.id, store.cycles, store.progress, store.subjects)

    # The cycle, the short subjects' index and the first subjects' shard; no progress before launch.
    assert dynamodb_calls(before) == {"GetItem": 1, "Query": 2}
    assert page["cycle"]["state"] == "draft" and page["cycle"]["progress"]["assignments"] == 0
    assert page["short"]["total"] == 8 == len(page["short"]["subjects"])
    assert page["short"]["subjects"][0]["shortfalls"] == [{"relationship": "peer", "have": 7, "min": 8}]
    assert [s["id"] for s in page["subjects"]] == subjects and page["departments"] == []

    store.cycles.transition(ORG, cycle.id, ("draft",), "open", launch_pending=cycle.shards)
    store.assignments.put_assignments([asked(cycle.id, "t1", "t1", "self", "pending")], cycle.shards)
    store.progress.count_launch(ORG, cycle.id, "launch-0", 1, {"R&D": 1})
    before = REQUESTS.snapshot()

    page = statuses.cycle_page(ORG, cycle.id, store.cycles, store.progress, store.subjects)

    # The progress shards, the short subjects (launched anyway) and the first subjects.
    assert dynamodb_calls(before) == {"GetItem": 1, "Query": 16 + 1 + 1}
    assert page["departments"] == [
        {"department": "R&D", "assignments": 1, "submitted": 0, "in_progress": 0, "declined": 0, "not_started": 1,
         "response_rate": 0.0},
    ]  # fmt: skip
    assert page["cycle"]["progress"]["assignments"] == 1


def test_a_raters_bounced_address_shows_on_the_subjects_forms(store, directory):
    cycle = create.create_cycle(ORG, {**BODY, "subjects": ["t1"]}, directory, store.cycles)
    store.assignments.put_assignments(
        [asked(cycle.id, "t1", "t1", "self", "pending"), asked(cycle.id, "t1", "m1", "manager", "pending")],
        cycle.shards,
    )
    store.raters.mark_undeliverable(ORG, cycle.id, "m1", "bounce: General")

    view = statuses.rater_statuses(ORG, cycle.id, "t1", store.subjects, store.assignments, store.raters)

    forms = {a["rater_id"]: a for a in view["assignments"]}
    assert (forms["m1"]["undeliverable"], forms["m1"]["undeliverable_reason"]) == (True, "bounce: General")
    assert (forms["t1"]["undeliverable"], forms["t1"]["undeliverable_reason"]) == (False, None)


def test_the_cycles_list_reads_the_progress_of_six_launched_cycles_a_request(store, directory):
    launched = []
    for n in range(8):
        cycle = create.create_cycle(ORG, {**BODY, "name": f"360 {n}", "subjects": ["t1"]}, directory, store.cycles)
        if n < 7:
            store.cycles.transition(ORG, cycle.id, ("draft",), "open", launch_pending=cycle.shards)
            store.progress.count_launch(ORG, cycle.id, "launch-0", n + 1, {"R&D": n + 1})
            launched.append(cycle.id)
    before = REQUESTS.snapshot()

    listed = create.list_cycles(ORG, store.cycles, store.progress)

    # The cycles (a Query) and seven cycles' 112 progress shards (two BatchGetItem of up to 100 keys).
    assert dynamodb_calls(before) == {"Query": 1, "BatchGetItem": 2}
    progress = {c["name"]: c["progress"]["assignments"] for c in listed}
    assert progress == {**{f"360 {n}": n + 1 for n in range(7)}, "360 7": 0}
