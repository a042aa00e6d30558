"""Development plans on the table: seeded once from the latest released report, the employee's own actions and
aspirations, managers' comments, who may read and change what, the history of every change, and the open
actions a check-in's agenda reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from janus.development import flow
from janus.development.agenda import open_actions
from janus.development.plan import Seed
from janus.development.store import PlanStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory

# t leads; m reports to t; e and p report to m; h is HR; x is elsewhere.
PEOPLE = {"t": None, "m": "t", "e": "m", "p": "m", "h": None, "x": None}
ROLES = {"t": {"manager"}, "m": {"manager"}, "x": {"manager"}, "h": {"hr_admin"}}
RECOMMENDATIONS = (
    {"competency": "listening", "name": "Listening",
     "items": ["Summarise before you answer.", "Ask one more question.", "Third"]},
    {"competency": "planning", "name": "Planning", "items": ["Plan the week on Monday.", "Review the plan on Friday."]},
)  # fmt: skip


def caller(who: str) -> Caller:
    return Caller(sub=who, org="o", roles=frozenset(ROLES.get(who, set()) | {"employee"}))


@dataclass
class Reports:
    """A fake of the released reports: the newest report's seed, and how many times one was read."""

    seeds: dict[str, Seed] = field(default_factory=dict)
    asked: int = 0

    def latest_released(self, org: str, employee_id: str, known: Iterable[str]) -> Seed | None:
        self.asked += 1
        seed = self.seeds.get(employee_id)
        return None if seed is None or seed.cycle_id in set(known) else seed


@pytest.fixture
def reports(aws: Any, stopped_clock: None) -> Reports:
    DynamoEmployeeDirectory().put_many(
        "o", [Employee(i, f"Person {i}", f"{i}@example.com", m, "Sales", "technical", "en") for i, m in PEOPLE.items()]
    )
    return Reports({"e": Seed("c1", RECOMMENDATIONS)})


@pytest.fixture
def ports(reports: Reports) -> flow.Ports:
    return flow.Ports(plans=PlanStore(), directory=DynamoEmployeeDirectory(), reports=reports)


def test_a_plan_is_seeded_from_the_lowest_competencies_each_action_linked_to_its_competency(ports):
    plan = flow.get_plan(caller("e"), "e", ports)
    assert [(a["title"], a["competency"], a["kind"], a["cycle_id"]) for a in plan["actions"]] == [
        ("Summarise before you answer.", "listening", "report", "c1"),
        ("Ask one more question.", "listening", "report", "c1"),
        ("Plan the week on Monday.", "planning", "report", "c1"),
        ("Review the plan on Friday.", "planning", "report", "c1"),
    ]
    assert plan["seeded_from"] == ["c1"] and plan["version"] == 1
    assert plan["history"][0]["kind"] == "seeded" and plan["history"][0]["by"] == "janus"


def test_the_seed_is_made_once_however_often_the_plan_is_read(ports):
    first = flow.get_plan(caller("e"), "e", ports)
    again = flow.get_plan(caller("m"), "e", ports)
    assert again["actions"] == first["actions"] and again["version"] == 1


def test_a_newer_released_report_adds_its_actions_once(ports, reports):
    flow.get_plan(caller("e"), "e", ports)
    reports.seeds["e"] = Seed("c2", ({"competency": "coaching", "name": "Coaching", "items": ["Coach weekly."]},))
    plan = flow.get_plan(caller("e"), "e", ports)
    assert plan["seeded_from"] == ["c1", "c2"] and plan["actions"][-1]["competency"] == "coaching"
    assert len(flow.get_plan(caller("e"), "e", ports)["actions"]) == 5


def test_without_a_released_report_the_plan_is_empty_and_nothing_is_written(ports):
    plan = flow.get_plan(caller("p"), "p", ports)
    assert plan["actions"] == [] and plan["version"] == 0 and PlanStore().get("o", "p") is None


def test_the_employee_their_managers_and_hr_read_the_plan_and_others_get_404(ports):
    for who in ("e", "m", "t", "h"):
        assert flow.get_plan(caller(who), "e", ports)["employee_id"] == "e"
    for who in ("p", "x"):
        with pytest.raises(NotFound):
            flow.get_plan(caller(who), "e", ports)
    with pytest.raises(NotFound):
        flow.get_plan(caller("h"), "nobody", ports)


def test_the_employee_adds_an_action_with_a_due_date_and_it_is_in_the_history(ports):
    flow.get_plan(caller("e"), "e", ports)
    plan = flow.add_action(caller("e"), "e", {"title": "  Shadow a  senior engineer ", "due": "2030-06-30"}, ports)
    action = plan["actions"][-1]
    assert (action["title"], action["kind"], action["due"], action["status"]) == (
        "Shadow a senior engineer", "own", "2030-06-30", "open")  # fmt: skip
    assert plan["history"][0] == {"at": clock.now().isoformat(), "by": "e", "kind": "action_added", "version": 2,
        "action_id": action["id"], "changes": {"title": {"from": None, "to": "Shadow a senior engineer"}}}  # fmt: skip


def test_only_the_employee_adds_actions_and_writes_aspirations(ports):
    for who in ("m", "h"):
        with pytest.raises(Forbidden):
            flow.add_action(caller(who), "e", {"title": "Do this"}, ports)
        with pytest.raises(Forbidden):
            flow.change_plan(caller(who), "e", {"aspirations": "Lead"}, ports)
    with pytest.raises(NotFound):
        flow.add_action(caller("p"), "e", {"title": "Do this"}, ports)


def test_bad_actions_name_every_problem_and_save_nothing(ports):
    with pytest.raises(InvalidInput) as raised:
        flow.add_action(caller("e"), "e", {"title": " ", "due": "30/06/2030"}, ports)
    assert {p.field for p in raised.value.problems} == {"title", "due"}
    assert flow.get_plan(caller("e"), "e", ports)["version"] == 1


def test_aspirations_are_kept_with_their_history(ports):
    plan = flow.change_plan(caller("e"), "e", {"aspirations": "Lead a team within two years.\nLearn Danish."}, ports)
    assert plan["aspirations"] == "Lead a team within two years.\nLearn Danish."
    assert plan["history"][0]["kind"] == "aspirations" and plan["history"][0]["by"] == "e"
    same = flow.change_plan(caller("e"), "e", {"aspirations": "Lead a team within two years.\nLearn Danish."}, ports)
    assert same["version"] == plan["version"]


def test_the_employee_marks_progress_and_every_change_is_kept(ports):
    action_id = flow.get_plan(caller("e"), "e", ports)["actions"][0]["id"]
    plan = flow.change_action(caller("e"), "e", action_id, {"status": "in_progress", "due": "2030-05-01",
                                                             "note": "Started"}, ports)  # fmt: skip
    action = plan["actions"][0]
    assert (action["status"], action["due"], action["note"]) == ("in_progress", "2030-05-01", "Started")
    assert plan["history"][0]["changes"] == {
        "status": {"from": "open", "to": "in_progress"},
        "due": {"from": None, "to": "2030-05-01"},
        "note": {"from": None, "to": "Started"},
    }
    with pytest.raises(InvalidInput) as raised:
        flow.change_action(caller("e"), "e", action_id, {"status": "finished"}, ports)
    assert raised.value.problems[0].field == "status"


def test_a_manager_comments_but_does_not_change_the_action_and_hr_only_reads(ports):
    action_id = flow.get_plan(caller("e"), "e", ports)["actions"][0]["id"]
    plan = flow.change_action(caller("m"), "e", action_id, {"comment": "Let us talk about this on Thursday."}, ports)
    assert plan["actions"][0]["comments"] == [
        {"by": "m", "at": clock.now().isoformat(), "text": "Let us talk about this on Thursday."}
    ]
    assert plan["history"][0]["kind"] == "comment" and plan["names"]["m"] == "Person m"
    with pytest.raises(Forbidden):
        flow.change_action(caller("m"), "e", action_id, {"status": "done"}, ports)
    with pytest.raises(Forbidden):
        flow.change_action(caller("h"), "e", action_id, {"comment": "HR here"}, ports)
    with pytest.raises(NotFound):
        flow.change_action(caller("e"), "e", "a99", {"status": "done"}, ports)


def test_open_actions_for_the_check_in_agenda_leave_out_done_and_dropped_ones_due_first(ports):
    assert open_actions("o", "e") == []
    flow.get_plan(caller("e"), "e", ports)
    flow.add_action(caller("e"), "e", {"title": "Soonest", "due": "2030-03-10"}, ports)
    flow.change_action(caller("e"), "e", "a1", {"status": "done"}, ports)
    flow.change_action(caller("e"), "e", "a2", {"status": "dropped"}, ports)
    flow.change_action(caller("e"), "e", "a3", {"status": "in_progress"}, ports)
    assert [a["id"] for a in open_actions("o", "e")] == ["a5", "a3", "a4"]


def test_a_save_that_keeps_losing_the_race_is_a_conflict(ports, monkeypatch):
    from janus.development.store import PlanChanged

    flow.get_plan(caller("e"), "e", ports)

    def lost(*_: Any) -> Any:
        raise PlanChanged

    monkeypatch.setattr(ports.plans, "save", lost)
    with pytest.raises(Conflict):
        flow.add_action(caller("e"), "e", {"title": "Do this"}, ports)


def test_two_saves_from_the_same_version_keep_one_and_refuse_the_other(ports):
    from janus.development.store import PlanChanged

    flow.get_plan(caller("e"), "e", ports)
    plan = PlanStore().get("o", "e")
    assert plan is not None
    PlanStore().save(plan, plan, [{"at": "now", "by": "e", "kind": "x"}])
    with pytest.raises(PlanChanged):
        PlanStore().save(plan, plan, [{"at": "now", "by": "e", "kind": "y"}])


def test_a_plan_changed_before_it_was_first_read_is_seeded_when_read(ports, reports):
    plan = flow.add_action(caller("e"), "e", {"title": "My own first"}, ports)
    assert [a["kind"] for a in plan["actions"]] == ["own"] and reports.asked == 0  # a change reads no report
    plan = flow.get_plan(caller("e"), "e", ports)
    assert [a["kind"] for a in plan["actions"]] == ["own", "report", "report", "report", "report"]


def test_a_plan_read_by_anyone_but_its_employee_is_in_the_audit_log(ports):
    from janus.audit.log import AuditLog

    flow.get_plan(caller("e"), "e", ports)
    flow.get_plan(caller("m"), "e", ports)

    reads = AuditLog().of_person("o", "e").reads
    assert [(r.reader, r.record, r.ref) for r in reads] == [("m", "development_plan", "e")]
