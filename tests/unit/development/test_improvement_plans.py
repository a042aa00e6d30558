"""A case's improvement plan is an action plan of the same kind as the development plan: its measures become
``case`` actions of the person's plan, due at the first review, on the check-in's agenda while open, and closed
with the case; duplicates and late messages change nothing more."""

from __future__ import annotations

from typing import Any

import pytest

from janus.development import flow, improvement
from janus.development.agenda import open_actions
from janus.development.messages import ImprovementPlan
from janus.development.plan import MAX_ACTIONS
from janus.development.store import PlanStore
from janus.kernel.errors import Conflict
from tests.unit.development.test_plans import caller, ports, reports  # noqa: F401 - the same fixtures

MEASURES = "- Reply to customers within two days\n- Close ten tickets a week\n\n* Join the Friday review"


def plan_message(**changes: Any) -> ImprovementPlan:
    values = {"org": "o", "employee_id": "e", "case_id": "esc-1", "measures": MEASURES,
              "due": "2030-02-01", "closed": False, "improved": False, "by": "m"}  # fmt: skip
    return ImprovementPlan(**(values | changes))


def case_actions(ports_: flow.Ports, who: str = "e") -> list[dict[str, Any]]:
    return [a for a in flow.get_plan(caller(who), "e", ports_)["actions"] if a["kind"] == "case"]


def test_measures_are_read_one_a_line_without_their_bullets():
    assert improvement.measures_of(MEASURES) == [
        "Reply to customers within two days", "Close ten tickets a week", "Join the Friday review",
    ]  # fmt: skip
    assert improvement.measures_of("Response times in the ticket system.") == ["Response times in the ticket system."]
    assert improvement.measures_of("1. First\n2) Second") == ["First", "Second"]
    assert improvement.measures_of("1.5 hours of training a week\n-10 % errors") == [
        "1.5 hours of training a week", "-10 % errors",
    ]  # fmt: skip
    assert improvement.measures_of(" \n- \n") == []
    assert len(improvement.measures_of("x" * 400)[0]) == 300
    assert len(improvement.measures_of("\n".join(f"m{n}" for n in range(30)))) == improvement.MAX_MEASURES


def test_an_agreed_plan_adds_one_case_action_a_measure_seen_by_the_employee_and_their_managers(ports):  # noqa: F811
    assert improvement.apply(PlanStore(), plan_message()) == 3
    actions = case_actions(ports)
    assert [(a["title"], a["due"], a["status"], a["case_id"]) for a in actions] == [
        ("Reply to customers within two days", "2030-02-01", "open", "esc-1"),
        ("Close ten tickets a week", "2030-02-01", "open", "esc-1"),
        ("Join the Friday review", "2030-02-01", "open", "esc-1"),
    ]
    assert case_actions(ports, "m") == actions and case_actions(ports, "t") == actions  # the managers above
    titles = [a["title"] for a in open_actions("o", "e")]  # the check-in's agenda
    assert "Close ten tickets a week" in titles
    history = flow.get_plan(caller("e"), "e", ports)["history"]
    assert {(h["kind"], h["by"]) for h in history if h.get("action_id", "").startswith("esc-1")} == {
        ("action_added", "m")
    }


def test_the_employee_marks_progress_and_the_manager_comments_on_a_case_action(ports):  # noqa: F811
    improvement.apply(PlanStore(), plan_message())
    first = case_actions(ports)[0]["id"]
    flow.change_action(caller("e"), "e", first, {"status": "in_progress"}, ports)
    flow.change_action(caller("m"), "e", first, {"comment": "Two days met this week"}, ports)
    shown = case_actions(ports)[0]
    assert shown["status"] == "in_progress" and shown["comments"][0]["text"] == "Two days met this week"


def test_a_duplicate_delivery_adds_nothing(ports):  # noqa: F811
    improvement.apply(PlanStore(), plan_message())
    version = flow.get_plan(caller("e"), "e", ports)["version"]
    assert improvement.apply(PlanStore(), plan_message()) == 0
    assert len(case_actions(ports)) == 3 and flow.get_plan(caller("e"), "e", ports)["version"] == version


@pytest.mark.parametrize(("improved", "status"), [(True, "done"), (False, "dropped")])
def test_closing_the_case_ends_its_open_actions_and_leaves_finished_ones(ports, improved, status):  # noqa: F811
    improvement.apply(PlanStore(), plan_message())
    first = case_actions(ports)[0]["id"]
    flow.change_action(caller("e"), "e", first, {"status": "done"}, ports)
    improvement.apply(PlanStore(), plan_message(closed=True, improved=improved))
    assert [a["status"] for a in case_actions(ports)] == ["done", status, status]
    assert [a for a in open_actions("o", "e") if a["id"].startswith("esc-1")] == []


def test_a_plan_message_arriving_after_the_close_never_reopens_its_actions(ports):  # noqa: F811
    improvement.apply(PlanStore(), plan_message(closed=True, improved=True))  # the close came first
    assert [a["status"] for a in case_actions(ports)] == ["done", "done", "done"]
    assert improvement.apply(PlanStore(), plan_message()) == 0
    assert [a["status"] for a in case_actions(ports)] == ["done", "done", "done"]


def test_the_report_seed_and_the_persons_own_actions_stay_beside_the_case_actions(ports):  # noqa: F811
    flow.add_action(caller("e"), "e", {"title": "Read a book on service"}, ports)
    improvement.apply(PlanStore(), plan_message())
    kinds = [a["kind"] for a in flow.get_plan(caller("e"), "e", ports)["actions"]]
    assert kinds.count("report") == 4 and kinds.count("own") == 1 and kinds.count("case") == 3


def test_a_review_that_extends_the_plan_moves_the_open_measures_to_the_next_review(ports):  # noqa: F811
    improvement.apply(PlanStore(), plan_message())
    first = case_actions(ports)[0]["id"]
    flow.change_action(caller("e"), "e", first, {"status": "done"}, ports)
    improvement.apply(PlanStore(), plan_message(due="2030-03-03"))
    assert [(a["status"], a["due"]) for a in case_actions(ports)] == [
        ("done", "2030-02-01"), ("open", "2030-03-03"), ("open", "2030-03-03"),
    ]  # fmt: skip


def test_the_employee_marks_progress_but_keeps_the_agreed_wording_and_date_and_does_not_drop_one(ports):  # noqa: F811
    improvement.apply(PlanStore(), plan_message())
    first = case_actions(ports)[0]["id"]
    for change in ({"due": "2031-01-01"}, {"title": "Reply sometime"}, {"status": "dropped"}):
        with pytest.raises(Conflict):
            flow.change_action(caller("e"), "e", first, change, ports)
    flow.change_action(caller("e"), "e", first, {"status": "done", "due": "2030-02-01", "note": "Met it"}, ports)
    assert (case_actions(ports)[0]["status"], case_actions(ports)[0]["note"]) == ("done", "Met it")


def test_an_ended_plans_measures_stay_as_the_close_left_them(ports):  # noqa: F811
    improvement.apply(PlanStore(), plan_message())
    improvement.apply(PlanStore(), plan_message(closed=True, improved=False))
    first = case_actions(ports)[0]
    assert first["status"] == "dropped" and first["case_closed"] is True
    with pytest.raises(Conflict):
        flow.change_action(caller("e"), "e", first["id"], {"status": "open"}, ports)
    flow.change_action(caller("m"), "e", first["id"], {"comment": "We will try again next year"}, ports)
    assert case_actions(ports)[0]["comments"][0]["text"] == "We will try again next year"


def test_an_agreed_plan_is_added_even_to_a_full_development_plan(ports):  # noqa: F811
    for n in range(MAX_ACTIONS - 4):  # the seed gave four
        flow.add_action(caller("e"), "e", {"title": f"Own action {n}"}, ports)
    assert improvement.apply(PlanStore(), plan_message()) == 3
    assert len(case_actions(ports)) == 3
