"""Escalation cases: the ladder, who may act, missed deadlines climbing the hierarchy, and the store."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest

from janus.escalations.case import Case, case_id, open_case
from janus.escalations.lifecycle import acknowledge, agree_plan, close, escalate, record_review, visible_to
from janus.escalations.opening import cases_from_report, causes_from_report, flag
from janus.escalations.store import CaseFilter, EscalationStore
from janus.kernel import clock
from janus.kernel.errors import Conflict, Forbidden, InvalidInput
from janus.people.organisation import EscalationRules
from janus.store import ConditionFailed

HR = frozenset({"hr_admin"})
MANAGER = frozenset({"manager"})
RULES = EscalationRules(hr_lead="hr1")
# e reports to m, m to mm, mm to top; top reports to nobody.
MANAGERS = {"e": "m", "m": "mm", "mm": "top", "lone": "top"}
PLAN = {"expectations": "Close tickets within two days", "support": "Weekly coaching", "measures": "Ticket age"}


def manager_of(employee_id: str) -> str | None:
    return MANAGERS.get(employee_id)


def is_manager_of(manager_id: str, employee_id: str) -> bool:
    above = MANAGERS.get(employee_id)
    while above:
        if above == manager_id:
            return True
        above = MANAGERS.get(above)
    return False


@pytest.fixture(autouse=True)
def _clock(stopped_clock: None) -> None:
    """A clock that moves only when the test moves it."""


def new_case(employee: str = "e", cause: str = "others_overall") -> Case:
    return open_case("o", employee, MANAGERS.get(employee), cause, {"cycle_id": "c1", "score": 1.8}, RULES)


def problems(caught: pytest.ExceptionInfo[InvalidInput]) -> list[str | None]:
    return [p.field for p in caught.value.problems]


# ---------------------------------------------------------------------------- the ladder


def test_the_ladder_open_acknowledge_plan_three_reviews_closed() -> None:
    opened = clock.now()
    case = new_case()
    assert (case.state, case.level, case.owner) == ("open", 0, "m")
    assert case.due == opened + timedelta(days=5)
    assert case.id == case_id("o", "e", "others_overall")

    clock.advance(timedelta(days=2))
    case = acknowledge(case, "m", MANAGER, RULES)
    assert case.state == "acknowledged"
    assert case.due == clock.now() + timedelta(days=10)

    clock.advance(timedelta(days=3))
    planned_at = clock.now()
    case = agree_plan(case, "m", MANAGER, PLAN, RULES)
    assert case.state == "plan_agreed"
    assert case.plan is not None
    assert case.plan.review_dates == tuple(planned_at + timedelta(days=d) for d in (30, 60, 90))
    assert case.due == planned_at + timedelta(days=30)

    for day, outcome in ((30, "extended"), (60, "extended")):
        clock.advance(timedelta(days=30))
        case = record_review(case, "m", MANAGER, {"outcome": outcome, "notes": f"day {day}: better"})
        assert case.state == "plan_agreed"
        assert case.due == planned_at + timedelta(days=day + 30)

    clock.advance(timedelta(days=30))
    case = record_review(case, "m", MANAGER, {"outcome": "improved", "notes": "meets expectations"})
    assert case.state == "closed"
    assert case.due is None
    assert case.closed_at == clock.now()
    assert [r.outcome for r in case.reviews] == ["extended", "extended", "improved"]
    assert [r.scheduled for r in case.reviews] == list(case.plan.review_dates)
    assert [e.type for e in case.events] == ["opened", "acknowledged", "plan_agreed", *["reviewed"] * 3]


def test_a_plan_in_open_implies_the_acknowledgement() -> None:
    case = agree_plan(new_case(), "m", MANAGER, PLAN, RULES)
    assert case.state == "plan_agreed"
    assert [e.type for e in case.events] == ["opened", "acknowledged", "plan_agreed"]
    assert case.events[1].detail == {"implied_by": "plan"}


def test_a_plan_may_name_its_own_review_dates() -> None:
    first = (clock.now() + timedelta(days=14)).isoformat()
    second = (clock.now() + timedelta(days=45)).isoformat()
    case = agree_plan(new_case(), "m", MANAGER, {**PLAN, "review_dates": [second, first]}, RULES)
    assert case.plan is not None
    assert [d.isoformat() for d in case.plan.review_dates] == [first, second]
    assert case.due == case.plan.review_dates[0]


def test_an_extended_last_review_adds_another_review_thirty_days_on() -> None:
    case = agree_plan(new_case(), "m", MANAGER, PLAN, RULES)
    for _ in range(3):
        clock.advance(timedelta(days=30))
        case = record_review(case, "m", MANAGER, {"outcome": "extended", "notes": "not yet"})
    assert case.plan is not None
    assert len(case.plan.review_dates) == 4
    assert case.plan.review_dates[3] == clock.now() + timedelta(days=30)
    assert case.due == case.plan.review_dates[3]
    assert case.state == "plan_agreed"
    assert case.events[-1].detail["added_review"] == case.plan.review_dates[3].isoformat()


def test_a_review_closed_with_a_decision_and_hr_closing_outright() -> None:
    case = agree_plan(new_case(), "m", MANAGER, PLAN, RULES)
    reviewed = record_review(case, "m", MANAGER, {"outcome": "closed", "notes": "no change", "decision": "moved role"})
    assert (reviewed.state, reviewed.decision) == ("closed", "moved role")

    closed = close(new_case(), "hr2", HR, "  resigned  ")
    assert (closed.state, closed.decision, closed.due) == ("closed", "resigned", None)
    assert closed.events[-1].detail == {"decision": "resigned", "from_state": "open"}


# ---------------------------------------------------------------------------- who may act, in which state


def test_only_the_owner_or_hr_acts_and_only_hr_closes() -> None:
    case = new_case()
    for person, roles in (("mm", MANAGER), ("stranger", frozenset()), ("e", HR)):
        with pytest.raises(Forbidden):
            acknowledge(case, person, roles, RULES)
    with pytest.raises(Forbidden):
        agree_plan(case, "mm", MANAGER, PLAN, RULES)
    assert acknowledge(case, "hr2", HR, RULES).state == "acknowledged"

    planned = agree_plan(case, "m", MANAGER, PLAN, RULES)
    with pytest.raises(Forbidden):
        record_review(planned, "stranger", MANAGER, {"outcome": "improved", "notes": "x"})
    with pytest.raises(Forbidden, match="only HR"):
        close(planned, "m", MANAGER, "done")
    with pytest.raises(Forbidden):
        close(planned, "e", HR, "done")  # not even an HR administrator closes their own case


def test_after_an_escalation_the_new_owner_acts_and_the_previous_one_no_longer_does() -> None:
    case = new_case()
    clock.advance(timedelta(days=5))
    escalated, _ = escalate(case, clock.now(), manager_of, RULES, due=case.due)
    with pytest.raises(Forbidden):
        acknowledge(escalated, "m", MANAGER, RULES)
    assert acknowledge(escalated, "mm", MANAGER, RULES).state == "acknowledged"


def test_a_step_in_the_wrong_state_is_a_conflict_naming_the_state() -> None:
    case = new_case()
    with pytest.raises(Conflict, match="the case is open"):
        record_review(case, "m", MANAGER, {"outcome": "improved", "notes": "x"})
    acknowledged = acknowledge(case, "m", MANAGER, RULES)
    with pytest.raises(Conflict, match="the case is acknowledged"):
        acknowledge(acknowledged, "m", MANAGER, RULES)
    planned = agree_plan(acknowledged, "m", MANAGER, PLAN, RULES)
    with pytest.raises(Conflict, match="the case is plan_agreed"):
        agree_plan(planned, "m", MANAGER, PLAN, RULES)
    closed = close(planned, "hr2", HR, "done")
    with pytest.raises(Conflict, match="the case is closed"):
        close(closed, "hr2", HR, "again")
    with pytest.raises(Conflict, match="the case is closed"):
        acknowledge(closed, "hr2", HR, RULES)


def test_validation_names_each_problem() -> None:
    case = new_case()
    with pytest.raises(InvalidInput) as caught:
        agree_plan(case, "m", MANAGER, {"expectations": "  ", "support": 3}, RULES)
    assert problems(caught) == ["expectations", "support", "measures"]

    past = (clock.now() - timedelta(days=1)).isoformat()
    with pytest.raises(InvalidInput) as caught:
        agree_plan(case, "m", MANAGER, {**PLAN, "review_dates": [past, "tomorrow", "2031-01-01T00:00:00"]}, RULES)
    assert problems(caught) == ["review_dates[0]", "review_dates[1]", "review_dates[2]"]

    planned = agree_plan(case, "m", MANAGER, PLAN, RULES)
    with pytest.raises(InvalidInput) as caught:
        record_review(planned, "m", MANAGER, {"outcome": "fine"})
    assert problems(caught) == ["outcome", "notes"]
    with pytest.raises(InvalidInput) as caught:
        record_review(planned, "m", MANAGER, {"outcome": "closed", "notes": "x"})
    assert problems(caught) == ["decision"]
    with pytest.raises(InvalidInput) as caught:
        close(planned, "hr2", HR, "")
    assert problems(caught) == ["decision"]


def test_a_manager_flag_opens_a_case_with_its_note() -> None:
    case = flag("o", "e", "m", "m", MANAGER, " misses every deadline ", RULES)
    assert case.cause == "manager_flag"
    assert case.source == {"by": "m", "note": "misses every deadline"}
    assert case.events[0].by == "m"
    assert case.id == case_id("o", "e", "manager_flag")
    assert flag("o", "e", "m", "hr2", HR, "x", RULES).cause == "manager_flag"
    for person in ("e", "stranger"):
        with pytest.raises(Forbidden):
            flag("o", "e", "m", person, MANAGER, "x", RULES)
    with pytest.raises(InvalidInput) as caught:
        flag("o", "e", "m", "m", MANAGER, None, RULES)
    assert problems(caught) == ["note"]


# ---------------------------------------------------------------------------- missed deadlines


def test_a_missed_acknowledgement_climbs_the_hierarchy_then_reaches_the_hr_lead() -> None:
    case = new_case()
    steps = []
    for _ in range(4):
        clock.advance(timedelta(days=5))
        result = escalate(case, clock.now(), manager_of, RULES, due=case.due)
        assert result is not None
        case, notify = result
        assert case.due == clock.now() + timedelta(days=5)
        steps.append((case.level, case.owner, notify))
    assert steps == [
        (1, "mm", ["mm", "hr1", "m"]),
        (2, "top", ["top", "hr1", "mm"]),
        (3, "hr1", ["hr1", "top"]),  # nobody above the top: the HR lead
        (4, "hr1", ["hr1"]),  # the HR lead has no manager on file either: it stays with HR, one level up
    ]
    event = case.events[1]
    assert (event.by, event.type) == ("system", "escalated")
    assert event.detail["missed"] == "acknowledgement"
    assert (event.detail["from"], event.detail["to"], event.detail["level"]) == ("m", "mm", 1)
    assert case.state == "open"


def test_with_no_manager_above_the_owner_the_case_goes_to_the_hr_lead() -> None:
    case = new_case("lone")  # managed by the top, who has no manager
    clock.advance(timedelta(days=6))
    escalated, notify = escalate(case, clock.now(), manager_of, RULES, due=case.due)
    assert (escalated.level, escalated.owner, notify) == (1, "hr1", ["hr1", "top"])


def test_past_the_top_a_case_about_the_hr_lead_goes_to_hr_never_to_them() -> None:
    rules = EscalationRules(hr_lead="mm")  # the HR lead is the person the case concerns
    case = open_case("o", "mm", "top", "others_overall", {"cycle_id": "c1", "score": 1.8}, rules)
    clock.advance(timedelta(days=6))
    escalated, notify = escalate(case, clock.now(), manager_of, rules, due=case.due)
    assert (escalated.level, escalated.owner) == (1, None)  # HR's as a whole: any HR administrator acts
    assert "mm" not in notify


def test_past_the_top_without_an_hr_lead_a_case_never_goes_back_to_its_owner() -> None:
    rules = EscalationRules(hr_lead=None)
    case = open_case("o", "lone", "top", "others_overall", {"cycle_id": "c1", "score": 1.8}, rules)
    clock.advance(timedelta(days=6))
    escalated, notify = escalate(case, clock.now(), manager_of, rules, due=case.due)
    assert (escalated.level, escalated.owner) == (1, None)
    assert escalated.events[-1].detail["to"] is None
    assert notify == ["top"]  # told that the case left them


def test_a_missed_plan_and_a_missed_review_escalate_too() -> None:
    acknowledged = acknowledge(new_case(), "m", MANAGER, RULES)
    clock.advance(timedelta(days=10))
    escalated, _ = escalate(acknowledged, clock.now(), manager_of, RULES, due=acknowledged.due)
    assert escalated.events[-1].detail["missed"] == "plan"

    planned = agree_plan(escalated, "mm", MANAGER, PLAN, RULES)
    clock.advance(timedelta(days=31))
    late, notify = escalate(planned, clock.now(), manager_of, RULES, due=planned.due)
    assert (late.state, late.level, late.owner, notify) == ("plan_agreed", 2, "top", ["top", "hr1", "mm"])
    assert late.events[-1].detail["missed"] == "review"
    assert late.due == clock.now() + timedelta(days=5)


def test_a_stale_or_replayed_escalation_does_nothing() -> None:
    case = new_case()
    due = case.due
    assert escalate(case, clock.now(), manager_of, RULES, due=due) is None  # the deadline has not come

    clock.advance(timedelta(days=5))
    escalated, _ = escalate(case, clock.now(), manager_of, RULES, due=due)
    assert escalate(escalated, clock.now(), manager_of, RULES, due=due) is None  # replayed schedule
    clock.advance(timedelta(days=30))
    assert escalate(escalated, clock.now(), manager_of, RULES, due=due) is None  # still the old deadline

    acknowledged = acknowledge(case, "m", MANAGER, RULES)  # acted on in time, the schedule fired late
    assert escalate(acknowledged, clock.now(), manager_of, RULES, due=due) is None
    closed = close(case, "hr2", HR, "done")
    assert escalate(closed, clock.now(), manager_of, RULES, due=due) is None


# ---------------------------------------------------------------------------- the audit trail


def test_the_audit_trail_only_grows_and_records_who_when_and_what() -> None:
    case = new_case()
    steps: list[tuple[str, Any]] = [
        ("system", lambda c: escalate(c, clock.now(), manager_of, RULES, due=c.due)[0]),
        ("mm", lambda c: acknowledge(c, "mm", MANAGER, RULES)),
        ("hr2", lambda c: agree_plan(c, "hr2", HR, PLAN, RULES)),
        ("mm", lambda c: record_review(c, "mm", MANAGER, {"outcome": "extended", "notes": "slowly"})),
        ("system", lambda c: escalate(c, clock.now(), manager_of, RULES, due=c.due)[0]),
        ("hr2", lambda c: close(c, "hr2", HR, "dismissed")),
    ]
    for actor, step in steps:
        clock.advance(timedelta(days=40))
        before = case.as_dict()
        with pytest.raises((Forbidden, Conflict)):  # a refused step leaves no mark
            acknowledge(case, "e", HR, RULES)
        new = step(case)
        assert case.as_dict() == before  # the old value is untouched
        assert new.events[: len(case.events)] == case.events  # nothing dropped, nothing changed
        assert len(new.events) == len(case.events) + 1
        last = new.events[-1]
        assert (last.by, last.at) == (actor, clock.now())
        case = new
    assert [e.type for e in case.events] == [
        "opened", "escalated", "acknowledged", "plan_agreed", "reviewed", "escalated", "closed",
    ]  # fmt: skip

    with pytest.raises(dataclasses.FrozenInstanceError):
        case.events = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        case.events[0].detail["cause"] = "rewritten"  # type: ignore[index]
    with pytest.raises(TypeError):
        case.events[0].detail["source"]["cycle_id"] = "rewritten"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.events[0].by = "someone else"  # type: ignore[misc]
    assert Case.from_dict(case.as_dict()) == case


def test_as_dict_is_plain_json() -> None:
    case = agree_plan(new_case(), "m", MANAGER, PLAN, RULES)
    data = case.as_dict()
    assert set(data) == {
        "id", "org", "employee_id", "manager_id", "cause", "source", "state", "level", "owner", "due", "plan",
        "reviews", "events", "opened_at", "closed_at", "decision", "department", "version",
    }  # fmt: skip
    assert data["events"][0] == {
        "at": case.opened_at.isoformat(),
        "by": "system",
        "type": "opened",
        "detail": {"cause": "others_overall", "source": {"cycle_id": "c1", "score": 1.8}, "owner": "m"},
    }
    assert set(data["plan"]) == {"expectations", "support", "measures", "review_dates", "agreed_at", "agreed_by"}


# ---------------------------------------------------------------------------- causes and visibility


@pytest.mark.parametrize(
    ("summary", "causes"),
    [
        ({"others_overall": 2.0, "competencies": {}}, ["others_overall"]),
        ({"others_overall": 2.01, "competencies": {}}, []),
        ({"others_overall": None, "competencies": {"listening": None}}, []),
        ({"competencies": {"listening": 1.5, "teamwork": 1.51, "x": 0.5}}, ["competency:listening", "competency:x"]),
        ({"others_overall": 1.9, "competencies": {"listening": 1.0}}, ["others_overall", "competency:listening"]),
    ],
)  # fmt: skip
def test_causes_from_report_thresholds_are_inclusive_and_missing_scores_are_ignored(
    summary: dict[str, Any], causes: list[str]
) -> None:
    assert causes_from_report(summary, RULES) == causes


def test_causes_follow_the_organisations_rules() -> None:
    strict = EscalationRules(others_overall_max=2.5, competency_max=2.0)
    assert causes_from_report({"others_overall": 2.4, "competencies": {"x": 2.0}}, strict) == [
        "others_overall",
        "competency:x",
    ]


def test_cases_from_report_carry_the_cycle_and_the_score() -> None:
    cases = cases_from_report("o", "e", "m", "c9", {"others_overall": 1.7, "competencies": {"listening": 1.2}}, RULES)
    assert [(c.cause, dict(c.source)) for c in cases] == [
        ("others_overall", {"cycle_id": "c9", "score": 1.7}),
        ("competency:listening", {"cycle_id": "c9", "score": 1.2}),
    ]


def test_visibility_hr_owner_and_the_managers_above_but_not_the_employee() -> None:
    case = new_case()
    assert visible_to(case, "hr2", HR, is_manager_of)
    assert visible_to(case, "m", MANAGER, is_manager_of)
    assert visible_to(case, "top", MANAGER, is_manager_of)  # through the chain
    assert not visible_to(case, "stranger", MANAGER, is_manager_of)
    assert not visible_to(case, "e", frozenset({"employee"}), is_manager_of)
    assert not visible_to(case, "e", HR, is_manager_of)
    handed = dataclasses.replace(case, owner="hr1")
    assert visible_to(handed, "hr1", frozenset(), is_manager_of)  # the HR lead owning it, without the role


# ---------------------------------------------------------------------------- the store


def test_one_case_per_employee_per_cause(aws) -> None:
    store = EscalationStore()
    case = new_case()
    assert store.create_if_absent(case) is True
    clock.advance(timedelta(days=1))
    assert store.create_if_absent(new_case()) is False  # a replayed ReportReady
    assert store.create_if_absent(new_case(cause="competency:listening")) is True

    cases = store.page_for_org("o", CaseFilter()).cases
    assert sorted(c.cause for c in cases) == ["competency:listening", "others_overall"]
    stored = store.get("o", case.id)
    assert stored == case
    assert store.get("o", "esc-none") is None
    assert store.get("other-org", case.id) is None


def test_save_is_optimistic(aws) -> None:
    store = EscalationStore()
    store.create_if_absent(new_case())
    first = store.get("o", case_id("o", "e", "others_overall"))
    assert first is not None and first.version == 0

    saved = store.save(acknowledge(first, "m", MANAGER, RULES), first.version)
    assert saved.version == 1
    with pytest.raises(ConditionFailed):  # someone else acted on the version both read
        store.save(close(first, "hr2", HR, "done"), first.version)
    again = store.get("o", first.id)
    assert again == saved
    assert again.state == "acknowledged"
    with pytest.raises(ConditionFailed):  # a case that was never created
        store.save(new_case("lone"), 0)


def test_lists_by_organisation_newest_first_in_pages_and_by_employee(aws) -> None:
    store = EscalationStore()
    opened = []
    for employee, cause in (("e", "others_overall"), ("m", "others_overall"), ("e", "manager_flag"), ("mm", "x")):
        clock.advance(timedelta(hours=1))
        case = new_case(employee, cause)
        store.create_if_absent(case)
        opened.append(case.id)
    store.create_if_absent(open_case("elsewhere", "e", "m", "others_overall", {}, RULES))

    first = store.page_for_org("o", CaseFilter(), limit=3)
    assert [c.id for c in first.cases] == opened[::-1][:3]
    assert first.after is not None
    rest = store.page_for_org("o", CaseFilter(), first.after, limit=3)
    assert [c.id for c in rest.cases] == opened[:1]
    assert rest.after is None

    of_e = store.list_for_employees("o", ["e"])
    assert [c.id for c in of_e] == [opened[2], opened[0]]
    of_team = store.list_for_employees("o", ["e", "m", "nobody", "e"])
    assert [c.id for c in of_team] == [opened[2], opened[1], opened[0]]
    assert store.list_for_employees("o", []) == []
