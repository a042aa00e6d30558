"""Check-ins on the table: who reads and writes what, the agenda's authors, action items carried over until
done, the cadence and its schedule moved by a completed check-in, and HR's two-way measure by department, never
per person."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest

from janus.checkins import flow
from janus.checkins.checkin import after
from janus.checkins.store import CheckInStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Unprocessable
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory

# t leads; m and x report to t; e and p report to m; y reports to x; h is HR.
PEOPLE = {"t": None, "m": "t", "x": "t", "e": "m", "p": "m", "y": "x", "h": None}
DEPARTMENTS = {"y": "Finance"}
ROLES = {"t": {"manager"}, "m": {"manager"}, "x": {"manager"}, "h": {"hr_admin"}}


def caller(who: str) -> Caller:
    return Caller(sub=who, org="o", roles=frozenset(ROLES.get(who, set()) | {"employee"}))


@dataclass
class World:
    ports: flow.Ports
    scheduled: list[tuple[str, str, int, datetime]] = field(default_factory=list)
    threshold: int = 3


@pytest.fixture
def world(aws: Any, stopped_clock: None) -> World:
    DynamoEmployeeDirectory().put_many(
        "o",
        [
            Employee(i, f"Person {i}", f"{i}@example.com", manager, DEPARTMENTS.get(i, "Sales"), "technical", "en")
            for i, manager in PEOPLE.items()
        ],
    )
    scheduled: list[tuple[str, str, int, datetime]] = []
    box = World(ports=None, scheduled=scheduled)  # type: ignore[arg-type]
    box.ports = flow.Ports(
        checkins=CheckInStore(),
        directory=DynamoEmployeeDirectory(),
        schedule=lambda org, employee, slot, when: scheduled.append((org, employee, slot, when)),
        focus=lambda org, employee: {
            "cycle_id": "c1",
            "report_path": f"/reports/c1/{employee}",
            "competencies": [{"id": "listening", "name": "Listening"}],
        },
        open_goals=lambda org, owner: {"open": [], "path": f"/goals?owner={owner}", "console": "/my-goals"},
        threshold=lambda org: box.threshold,
    )
    return box


def start(world: World, who: str = "e", employee: str = "e") -> dict[str, Any]:
    return flow.create(caller(who), {"employee_id": employee}, world.ports)


# ---------------------------------------------------------------------- who


def test_either_side_of_the_pair_starts_a_check_in_and_nobody_else(world):
    made = start(world, "m")
    assert (made["employee_id"], made["manager_id"], made["state"]) == ("e", "m", "open")
    assert made["date"] == clock.now().date().isoformat()
    assert start(world, "e")["created_by"] == "e"
    for outsider in ("p", "t", "h", "x"):
        with pytest.raises(Forbidden):
            start(world, outsider)
    with pytest.raises(Unprocessable):
        start(world, "t", employee="t")  # no manager: no pair
    with pytest.raises(InvalidInput):
        start(world, "e", employee="nobody")
    with pytest.raises(InvalidInput) as error:
        flow.create(caller("e"), {"employee_id": "e", "date": "Monday"}, world.ports)
    assert error.value.problems[0].field == "date"


def test_the_pair_the_chain_above_and_hr_read_a_check_in_and_nobody_else_finds_it(world):
    made = start(world)
    for reader in ("e", "m", "t", "h"):
        assert flow.get(caller(reader), made["id"], world.ports)["id"] == made["id"]
    for outsider in ("p", "x", "y"):
        with pytest.raises(NotFound):
            flow.get(caller(outsider), made["id"], world.ports)
    with pytest.raises(NotFound):
        flow.get(caller("e"), "c-nothing", world.ports)


def test_only_the_pair_writes_the_chain_above_and_hr_only_read(world):
    made = start(world)
    for reader in ("t", "h"):
        with pytest.raises(Forbidden):
            flow.add_topic(caller(reader), made["id"], {"text": "Mine"}, world.ports)
        with pytest.raises(Forbidden):
            flow.put_notes(caller(reader), made["id"], {"shared": "x"}, world.ports)
        with pytest.raises(Forbidden):
            flow.add_action(caller(reader), made["id"], {"text": "Do", "owner": "e"}, world.ports)
        with pytest.raises(Forbidden):
            flow.complete(caller(reader), made["id"], world.ports)
    with pytest.raises(NotFound):
        flow.add_topic(caller("p"), made["id"], {"text": "Mine"}, world.ports)


def test_an_employees_check_ins_are_listed_to_them_their_managers_and_hr(world):
    first, second = start(world), start(world, "m")
    for reader in ("e", "m", "t", "h"):
        listed = flow.list_check_ins(caller(reader), "e" if reader != "e" else None, world.ports)
        assert {c["id"] for c in listed["check_ins"]} == {first["id"], second["id"]}
        assert "shared_notes" not in listed["check_ins"][0]
    for outsider in ("p", "x"):
        with pytest.raises(NotFound):
            flow.list_check_ins(caller(outsider), "e", world.ports)


# ---------------------------------------------------------------------- the agenda


def test_both_sides_add_topics_and_each_keeps_its_author_and_side(world):
    made = start(world)
    flow.add_topic(caller("e"), made["id"], {"text": "  My   workload "}, world.ports)
    shown = flow.add_topic(caller("m"), made["id"], {"text": "The new project"}, world.ports)
    assert [(t["text"], t["by"], t["side"]) for t in shown["topics"]] == [
        ("My workload", "e", "employee"),
        ("The new project", "m", "manager"),
    ]
    assert shown["version"] == 3
    with pytest.raises(InvalidInput):
        flow.add_topic(caller("e"), made["id"], {"text": "   "}, world.ports)


def test_the_agenda_carries_the_open_goals_and_the_development_focus(world):
    made = start(world)
    assert "goals" not in made  # a write answers without them; the agenda's read carries them
    assert flow.get(caller("m"), made["id"], world.ports)["goals"]["path"] == "/goals?owner=e"
    assert made["development_focus"]["report_path"] == "/reports/c1/e"
    assert made["development_focus"]["competencies"] == [{"id": "listening", "name": "Listening"}]


def test_a_completed_check_in_takes_no_more_topics_or_actions_and_completes_once(world):
    made = start(world)
    done = flow.complete(caller("m"), made["id"], world.ports)
    assert done["state"] == "completed" and done["completed_by"] == "m"
    with pytest.raises(Conflict):
        flow.add_topic(caller("e"), made["id"], {"text": "Late"}, world.ports)
    with pytest.raises(Conflict):
        flow.add_action(caller("e"), made["id"], {"text": "Late", "owner": "e"}, world.ports)
    with pytest.raises(Conflict):
        flow.complete(caller("e"), made["id"], world.ports)


# ---------------------------------------------------------------------- private notes


SECRET_E = "I am thinking of leaving"
SECRET_M = "Watch e's attendance"


def test_private_notes_are_answered_to_their_author_only_through_every_route(world):
    made = start(world)
    cid = made["id"]
    mine = flow.put_notes(caller("e"), cid, {"private": SECRET_E, "shared": "We agreed on Fridays"}, world.ports)
    assert mine["private_notes"]["text"] == SECRET_E and mine["private_notes"]["only_you"] is True
    assert mine["shared_notes"]["text"] == "We agreed on Fridays"
    theirs = flow.put_notes(caller("m"), cid, {"private": SECRET_M}, world.ports)
    assert theirs["private_notes"]["text"] == SECRET_M
    assert SECRET_E not in repr(theirs)

    answers = {
        reader: [
            flow.get(caller(reader), cid, world.ports),
            flow.list_check_ins(caller(reader), "e", world.ports),
        ]
        for reader in ("e", "m", "t", "h")
    }
    for who in ("e", "m"):
        answers[who] += [
            flow.add_topic(caller(who), cid, {"text": f"Topic of {who}"}, world.ports),
            flow.put_notes(caller(who), cid, {"shared": f"Shared by {who}"}, world.ports),
            flow.add_action(caller(who), cid, {"text": f"Action of {who}", "owner": who}, world.ports),
        ]
        action = answers[who][-1]["actions"][-1]["id"]
        answers[who].append(flow.mark_done(caller(who), cid, action, world.ports))
    answers["m"].append(flow.complete(caller("m"), cid, world.ports))
    answers["h"].append(flow.organisation(caller("h"), world.ports))

    for reader, seen in answers.items():
        text = repr(seen)
        assert (SECRET_E in text) == (reader == "e"), reader
        assert (SECRET_M in text) == (reader == "m"), reader
    for reader in ("t", "h"):
        assert "private_notes" not in answers[reader][0]
    # The check-in's own JSON, as stored, holds neither.
    stored = repr(CheckInStore().get("o", cid).stored())
    assert SECRET_E not in stored and SECRET_M not in stored


def test_private_notes_are_the_authors_to_change_and_empty_removes_them(world):
    made = start(world)
    flow.put_notes(caller("e"), made["id"], {"private": SECRET_E}, world.ports)
    assert flow.get(caller("e"), made["id"], world.ports)["private_notes"]["text"] == SECRET_E
    flow.put_notes(caller("e"), made["id"], {"private": ""}, world.ports)
    assert flow.get(caller("e"), made["id"], world.ports)["private_notes"]["text"] == ""
    with pytest.raises(InvalidInput):
        flow.put_notes(caller("e"), made["id"], {}, world.ports)


# ---------------------------------------------------------------------- action items


def test_open_action_items_carry_over_into_the_pairs_next_check_in_and_done_on_either_is_done(world):
    first = start(world)
    with_actions = flow.add_action(
        caller("m"), first["id"], {"text": "Book the course", "owner": "e", "due": "2030-04-01"}, world.ports
    )
    with_actions = flow.add_action(caller("e"), first["id"], {"text": "Send the plan", "owner": "m"}, world.ports)
    course, plan = (a["id"] for a in with_actions["actions"])
    assert with_actions["actions"][0] | {"raised_at": None} == {
        "id": course,
        "text": "Book the course",
        "owner": "e",
        "due": "2030-04-01",
        "raised_in": first["id"],
        "raised_by": "m",
        "raised_at": None,
        "done": False,
        "carried": False,
    }
    flow.mark_done(caller("m"), first["id"], plan, world.ports)
    flow.complete(caller("m"), first["id"], world.ports)

    second = start(world)
    assert [(a["id"], a["carried"], a["done"]) for a in second["actions"]] == [(course, True, False)]
    flow.mark_done(caller("e"), second["id"], course, world.ports)
    # One item: done in the second, it is done in the first too, and the third carries nothing.
    first_now = flow.get(caller("e"), first["id"], world.ports)
    assert {a["id"]: a["done"] for a in first_now["actions"]} == {course: True, plan: True}
    assert first_now["actions"][0]["done_in"] == second["id"]
    assert start(world)["actions"] == []
    # Done twice is done once.
    assert flow.mark_done(caller("m"), first["id"], course, world.ports)["actions"][0]["done_by"] == "e"


def test_an_action_item_is_owned_by_one_of_the_pair_and_named_by_the_check_in(world):
    made = start(world)
    with pytest.raises(InvalidInput) as error:
        flow.add_action(caller("e"), made["id"], {"text": "Ask", "owner": "t", "due": "soon"}, world.ports)
    assert {p.field for p in error.value.problems} == {"owner", "due"}
    with pytest.raises(NotFound):
        flow.mark_done(caller("e"), made["id"], "a-other", world.ports)


def test_a_new_manager_starts_a_new_pair_without_the_old_ones_actions(world):
    first = start(world)
    flow.add_action(caller("m"), first["id"], {"text": "Book the course", "owner": "e"}, world.ports)
    DynamoEmployeeDirectory().put_many(
        "o", [Employee("e", "Person e", "e@example.com", "x", "Sales", "technical", "en")]
    )
    second = start(world, "x")
    assert second["manager_id"] == "x" and second["actions"] == []
    with pytest.raises(Forbidden):
        flow.add_topic(caller("x"), first["id"], {"text": "Old"}, world.ports)  # x manages e now, not that pair


# ---------------------------------------------------------------------- cadence


def test_the_cadence_is_set_by_the_employees_managers_or_hr_and_schedules_the_next_slot(world):
    pair = flow.set_cadence(caller("m"), "e", {"cadence": "weekly"}, world.ports)
    now = clock.now()
    assert (pair["cadence"], pair["manager_id"], pair["next_due"]) == ("weekly", "m", after("weekly", now).isoformat())
    assert world.scheduled == [("o", "e", 1, after("weekly", now))]
    assert flow.set_cadence(caller("h"), "e", {"cadence": "monthly"}, world.ports)["cadence"] == "monthly"
    assert flow.set_cadence(caller("t"), "e", {"cadence": "fortnightly"}, world.ports)["cadence"] == "fortnightly"
    assert [s[2] for s in world.scheduled] == [1, 2, 3]
    for outsider in ("e", "p", "x"):
        with pytest.raises(NotFound):
            flow.set_cadence(caller(outsider), "e", {"cadence": "weekly"}, world.ports)
    with pytest.raises(InvalidInput):
        flow.set_cadence(caller("m"), "e", {"cadence": "daily"}, world.ports)
    listed = flow.list_check_ins(caller("e"), None, world.ports)
    assert listed["pair"]["cadence"] == "fortnightly"


def test_a_completed_check_in_moves_the_pairs_slot_and_its_schedule(world):
    flow.set_cadence(caller("m"), "e", {"cadence": "fortnightly"}, world.ports)
    made = start(world)
    clock.advance(after("weekly", clock.now()) - clock.now())
    flow.complete(caller("e"), made["id"], world.ports)
    expected = after("fortnightly", clock.now())
    assert world.scheduled[-1] == ("o", "e", 2, expected)
    pair = CheckInStore().pair("o", "e")
    assert (pair.slot, pair.held, pair.next_due) == (2, 1, expected)


def test_months_keep_their_day_or_take_the_months_last():
    assert after("monthly", datetime(2030, 1, 31, 9)) == datetime(2030, 2, 28, 9)
    assert after("monthly", datetime(2030, 12, 15, 9)) == datetime(2031, 1, 15, 9)


# ---------------------------------------------------------------------- HR's measure


def test_the_two_way_measure_is_kept_by_the_writes_per_department_and_hrs_alone(world):
    world.threshold = 2
    for employee in ("e", "p"):
        made = start(world, employee=employee, who=employee)
        flow.add_topic(caller(employee), made["id"], {"text": "Mine"}, world.ports)
        flow.add_topic(caller(employee), made["id"], {"text": "Also mine"}, world.ports)
        flow.add_topic(caller("m"), made["id"], {"text": "Yours"}, world.ports)
        flow.complete(caller("m"), made["id"], world.ports)
    start(world, "y", employee="y")  # Finance: one pair, fewer than the threshold
    shown = flow.organisation(caller("h"), world.ports)
    assert shown["departments"] == [
        {
            "department": "Sales",
            "pairs": 2,
            "topics": {"employee": 4, "manager": 2},
            "employee_topic_share": 0.667,
            "held": 2,
            "missed": 0,
            "missed_share": 0.0,
        }
    ]
    assert shown["other"] is None and shown["hidden_departments"] == 1  # no figure of Finance, nor a total
    assert "e" not in {k for row in shown["departments"] for k in row}
    for who in ("e", "m", "t"):
        with pytest.raises(Forbidden):
            flow.organisation(caller(who), world.ports)


def test_small_departments_fold_into_other_only_when_together_they_reach_the_threshold(world):
    world.threshold = 2
    DynamoEmployeeDirectory().put_many(
        "o", [Employee("q", "Person q", "q@example.com", "m", "Legal", "technical", "en")]
    )
    start(world, "y", employee="y")
    start(world, "q", employee="q")
    start(world, "e")
    shown = flow.organisation(caller("h"), world.ports)
    assert shown["departments"] == []
    assert shown["other"]["pairs"] == 3 and shown["other"]["departments"] == 3 and shown["other"]["department"] is None
    assert shown["hidden_departments"] == 0


def test_a_persons_open_action_items_are_what_a_review_shows_of_their_check_ins(world):
    made = start(world)
    assert flow.open_actions(world.ports.checkins, "o", "e") == []
    course = flow.add_action(caller("m"), made["id"], {"text": "Book the course", "owner": "e"}, world.ports)
    both = flow.add_action(caller("e"), made["id"], {"text": "Send the plan", "owner": "m"}, world.ports)
    plan = both["actions"][1]["id"]
    flow.mark_done(caller("m"), made["id"], course["actions"][0]["id"], world.ports)

    assert [(a["id"], a["text"]) for a in flow.open_actions(world.ports.checkins, "o", "e")] == [
        (plan, "Send the plan")
    ]


def test_the_agenda_carries_the_open_actions_of_the_employees_development_plan(world):
    made = start(world)
    planned = [{"id": "d1", "text": "Shadow a senior engineer's design review", "status": "open"}]
    ports = dataclasses.replace(
        world.ports, development_actions=lambda org, employee: planned if employee == "e" else []
    )

    assert flow.get(caller("m"), made["id"], ports)["development_actions"] == planned
    assert flow.get(caller("m"), made["id"], world.ports)["development_actions"] == []


def test_a_former_manager_reading_an_old_check_in_sees_no_development_plan_of_today(world):
    made = start(world)
    planned = [{"id": "esc-1.m1", "kind": "case", "title": "Reply within two days", "status": "open"}]
    ports = dataclasses.replace(world.ports, development_actions=lambda org, employee: planned)
    DynamoEmployeeDirectory().put_many(
        "o", [Employee("e", "Person e", "e@example.com", "x", "Sales", "technical", "en")]
    )
    old = flow.get(caller("m"), made["id"], ports)  # m held it, and no longer manages e
    assert old["manager_id"] == "m" and "development_actions" not in old
    for reader in ("e", "x", "t", "h"):  # the employee, their managers today and HR
        assert flow.get(caller(reader), made["id"], ports)["development_actions"] == planned
