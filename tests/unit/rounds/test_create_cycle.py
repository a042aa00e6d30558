"""A new cycle: every subject with their raters and every rater's load written, in transactions of 100."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from janus.kernel.metering import REQUESTS
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create
from janus.store import commit
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"
BODY = {"name": "All hands", "kind": "360", "deadline": "2030-03-31T17:00:00+02:00", "competencies": ["listening"]}


@pytest.fixture
def directory(aws: Any) -> DynamoEmployeeDirectory:
    """A chief, four managers and 14 reports each: 61 employees, more subjects and raters than a transaction takes."""
    directory = DynamoEmployeeDirectory()
    managers = [person(f"m{n}", "m0") for n in range(1, 5)]
    reports = [person(f"t{n}-{r}", f"m{n}") for n in range(1, 5) for r in range(1, 15)]
    directory.put_many(ORG, [person("m0", None), *managers, *reports])
    return directory


def raters_of(store: RoundStores, cycle_id: str, shards: int) -> dict[str, int]:
    loads: dict[str, int] = {}
    for number in range(shards):
        start: dict[str, Any] | None = None
        while True:
            page, start = store.raters.raters_page(ORG, cycle_id, number, start, 1000)
            loads |= {r.employee_id: r.load for r in page}
            if not start:
                break
    return loads


def test_a_cycle_for_everyone_has_every_subject_and_every_raters_load_in_transactions_of_100(directory):
    store = RoundStores()
    before = REQUESTS.snapshot()
    cycle = create.create_cycle(ORG, BODY, directory, store.cycles)
    made = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}

    assert cycle.subject_count == 61
    subjects = store.subjects.get_subjects(ORG, cycle.id, [e.id for e in directory.everyone(ORG)])
    assert len(subjects) == 61 and all(s.raters[0].id == s.employee_id for s in subjects)
    assert {r.id for r in next(s for s in subjects if s.employee_id == "t3-7").raters} >= {"t3-7", "m3"}
    asked = Counter(r.id for s in subjects for r in s.raters)
    assert raters_of(store, cycle.id, cycle.shards) == dict(asked)  # each rater's load: the forms they are asked for
    assert len(asked) == 61  # everyone rates someone: 122 items to write
    # The organisation's 16 shards once; the subjects and the loads, 100 to a transaction; the cycle last.
    assert made == {"Query": 16, "TransactWriteItems": 2, "PutItem": 1}


def test_a_create_that_fails_midway_leaves_no_cycle_and_the_retry_creates_it_whole(directory, monkeypatch):
    store = RoundStores()
    commits: list[int] = []

    def failing_second(write: Any) -> None:
        commits.append(1)
        if len(commits) == 2:
            raise RuntimeError("throttled")
        commit(write)

    monkeypatch.setattr("janus.store.commit", failing_second)
    with pytest.raises(RuntimeError, match="throttled"):
        create.create_cycle(ORG, BODY, directory, store.cycles)
    assert store.cycles.latest(ORG) == []  # HR sees no cycle, half made or otherwise

    monkeypatch.setattr("janus.store.commit", commit)
    cycle = create.create_cycle(ORG, BODY, directory, store.cycles)
    assert [c.id for c in store.cycles.latest(ORG)] == [cycle.id]
    subjects = store.subjects.get_subjects(ORG, cycle.id, [e.id for e in directory.everyone(ORG)])
    assert len(subjects) == 61
    assert sum(raters_of(store, cycle.id, cycle.shards).values()) == sum(len(s.raters) for s in subjects)


def test_a_cycle_for_departments_reviews_their_active_employees_and_names_a_department_with_no_one(directory):
    from dataclasses import replace

    from janus.kernel.errors import InvalidInput

    moved = [replace(person(f"t1-{r}", "m1"), department="Sales") for r in range(1, 4)]
    left = replace(person("t1-4", "m1"), department="Sales", active=False)
    directory.put_many(ORG, [*moved, left])
    store = RoundStores()

    cycle = create.create_cycle(ORG, {**BODY, "departments": [" sales"]}, directory, store.cycles)

    assert cycle.subject_count == 3
    assert {s.employee_id for s in store.subjects.get_subjects(ORG, cycle.id, ["t1-1", "t1-2", "t1-3", "t1-4"])} == {
        "t1-1", "t1-2", "t1-3",
    }  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        create.create_cycle(ORG, {**BODY, "departments": ["Sales", "Slaes"]}, directory, store.cycles)
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("departments", "'Slaes' has no active employees")
    ]
    with pytest.raises(InvalidInput) as both:
        create.create_cycle(ORG, {**BODY, "subjects": ["t1-1"], "departments": ["Sales"]}, directory, store.cycles)
    assert [p.field for p in both.value.problems] == ["departments"]
