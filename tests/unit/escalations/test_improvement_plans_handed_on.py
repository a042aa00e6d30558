"""What a case's steps hand to the development plans: the whole improvement plan after every step of a case that
has one (its measures, the next review's date in the organisation's time zone, closed and how), nothing before a
plan is agreed, and a step that is saved even when the message cannot be sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from janus.development.messages import ImprovementPlan
from janus.escalations import flow
from janus.escalations.case import open_case
from janus.escalations.store import EscalationStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.people.organisation import EscalationRules, OrgSettings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from tests.unit.escalations.test_case_listing import ORG, person

HR = Caller(org=ORG, sub="hr1", roles=frozenset({"hr_admin"}))
LEAD = Caller(org=ORG, sub="m", roles=frozenset({"manager"}))
PLAN = {"type": "plan", "expectations": "Answer customers in time.", "support": "Weekly coaching.",
        "measures": "- Reply within two days\n- Close ten tickets a week"}  # fmt: skip


class Schedules:
    def set(self, *args: Any) -> None: ...

    def clear(self, *args: Any) -> None: ...


@pytest.fixture
def world(aws: Any, stopped_clock: None) -> tuple[flow.Ports, list[ImprovementPlan]]:
    DynamoEmployeeDirectory().put_many(ORG, [person("m", "Sales", None), person("e", "Sales"), person("hr1", "HR")])
    OrgStore().put(ORG, OrgSettings(time_zone="Europe/Copenhagen"))
    sent: list[ImprovementPlan] = []
    ports = flow.Ports(cases=EscalationStore(), directory=DynamoEmployeeDirectory(), schedules=Schedules(),  # type: ignore[arg-type]
                       queue_arn="", mailer=None, sender="", public_url=lambda: "", orgs=OrgStore(),  # type: ignore[arg-type]
                       improvement=sent.extend)  # fmt: skip
    return ports, sent


def a_case() -> str:
    case = open_case(ORG, "e", "m", "manager_flag", {"note": "x"}, EscalationRules())
    assert EscalationStore().create_if_absent(case)
    return case.id


def step(ports: flow.Ports, case_id: str, body: dict[str, Any], caller: Caller = LEAD) -> dict[str, Any]:
    return flow.apply_case_event(ORG, case_id, body, caller, ports)


def test_nothing_is_handed_on_before_a_plan_nor_when_hr_closes_a_case_without_one(world) -> None:
    ports, sent = world
    case_id = a_case()
    step(ports, case_id, {"type": "acknowledge"})
    step(ports, case_id, {"type": "close", "decision": "Moved to another role"}, HR)
    assert sent == []


def test_the_plan_goes_with_its_next_review_in_the_organisations_zone_and_again_after_each_step(world) -> None:
    ports, sent = world
    case_id = a_case()
    agreed = step(ports, case_id, PLAN)
    (first,) = sent
    assert (first.case_id, first.employee_id, first.measures, first.closed) == (case_id, "e", PLAN["measures"], False)
    review_dates = agreed["plan"]["review_dates"]
    clock.advance(timedelta(days=31))
    step(ports, case_id, {"type": "review", "outcome": "extended", "notes": "Better"})
    assert [m.due for m in sent] == [review_dates[0][:10], review_dates[1][:10]]  # the dates at 16:00 local
    assert not sent[-1].closed


@pytest.mark.parametrize(
    ("last", "caller", "improved"),
    [({"type": "review", "outcome": "improved", "notes": "Met"}, LEAD, True),
     ({"type": "review", "outcome": "closed", "notes": "Not met", "decision": "Warning"}, LEAD, False),
     ({"type": "close", "decision": "Left the company"}, HR, False)],
)  # fmt: skip
def test_the_close_says_whether_the_plan_ended_improved(world, last, caller, improved) -> None:
    ports, sent = world
    case_id = a_case()
    step(ports, case_id, PLAN)
    step(ports, case_id, {"type": "review", "outcome": "extended", "notes": "Better"})
    step(ports, case_id, last, caller)
    assert (sent[-1].closed, sent[-1].improved) == (True, improved)


def test_a_step_is_saved_when_its_message_cannot_be_sent(world) -> None:
    ports, _ = world

    def refused(messages: list[ImprovementPlan]) -> None:
        raise RuntimeError("1 of 1 messages were not queued: ThrottlingException")

    case_id = a_case()
    answer = step(flow.Ports(**{**ports.__dict__, "improvement": refused}), case_id, PLAN)
    assert answer["state"] == "plan_agreed"
    assert EscalationStore().get(ORG, case_id).state == "plan_agreed"  # type: ignore[union-attr]
