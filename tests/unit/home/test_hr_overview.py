"""HR's overview: every cycle still running with what needs HR now, and the cases past due, in a bounded
number of reads whatever the organisation's size."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from janus.escalations.case import open_case
from janus.escalations.store import EscalationStore
from janus.home import hr
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Forbidden
from janus.kernel.metering import REQUESTS
from janus.people.organisation import EscalationRules
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"
HR = Caller(sub="h1", org=ORG, roles=frozenset({"hr_admin", "employee"}))


def dynamodb_calls(before: Any) -> dict[str, int]:
    return {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}


@pytest.fixture
def org(aws: Any, stopped_clock: None) -> tuple[RoundStores, hr.HrSources]:
    directory, store = DynamoEmployeeDirectory(), RoundStores()
    directory.put_many(ORG, [person("m1", None)] + [person(f"t{n}", "m1") for n in range(1, 6)])
    return store, hr.HrSources(directory, store.cycles, store.progress, EscalationStore)


def new_cycle(store: RoundStores, name: str, days: int, **fields: Any) -> str:
    body = {"name": name, "kind": "360", "deadline": (clock.now() + timedelta(days=days)).isoformat(), **fields}
    return create.create_cycle(ORG, body, DynamoEmployeeDirectory(), store.cycles).id


def test_the_overview_shows_running_cycles_with_their_counts_and_the_cases_past_due(org):
    store, sources = org
    new_cycle(store, "Short", 30, subjects=["t1", "t2"], raters={"peer": {"min": 5, "max": 6}})
    open_now = new_cycle(store, "Open", 5, subjects=["t3"])
    store.cycles.transition(ORG, open_now, ("draft",), "open", launch_pending=1)
    store.progress.count_launch(ORG, open_now, "launch-0", 6, {"R&D": 6})
    store.progress.add_progress(ORG, open_now, "undeliverable/t4", undeliverable=1)
    gone = new_cycle(store, "Cancelled", 30, subjects=["t5"])
    store.cycles.transition(ORG, gone, ("draft",), "cancelled")
    rules = EscalationRules()
    cases, late = EscalationStore(), open_case(ORG, "t1", "m1", "manager_flag", {}, rules)
    cases.create_if_absent(late)
    clock.advance(timedelta(days=rules.acknowledge_days + 1))
    cases.create_if_absent(open_case(ORG, "t2", "m1", "manager_flag", {}, rules))  # due in days
    before = REQUESTS.snapshot()

    view = hr.overview(HR, sources)

    # The cycles (a Query), the launched one's progress shards (a BatchGetItem), the cases (a Query) and
    # the names of the people in those past due (a BatchGetItem).
    assert dynamodb_calls(before) == {"Query": 2, "BatchGetItem": 2}
    cycles = {c["name"]: c for c in view["cycles"]}
    assert set(cycles) == {"Short", "Open"}
    assert cycles["Short"]["short_subjects"] == 2
    assert (cycles["Open"]["progress"]["assignments"], cycles["Open"]["progress"]["undeliverable"]) == (6, 1)
    assert cycles["Open"]["time_zone"] == "UTC"
    (past_due,) = view["cases_past_due"]
    assert (past_due["id"], past_due["employee_name"], past_due["owner_name"]) == (late.id, "Person t1", "Person m1")
    assert past_due["path"] == f"/cases/{late.id}"
    assert (view["cases_read"], view["more_cases"]) == (2, False)


def test_the_overview_is_hrs_alone(org):
    _, sources = org
    with pytest.raises(Forbidden):
        hr.overview(Caller(sub="m1", org=ORG, roles=frozenset({"manager", "employee"})), sources)
