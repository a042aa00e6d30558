"""Goals on the table: who sees and changes what, the history of every change, optimistic locking, progress
rolling up the tree, and nothing half-written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from janus.goals import flow, rollup
from janus.goals.messages import RollupDue
from janus.goals.store import GoalStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory
from janus.store.items import GoalHistoryItem, GoalItem

# t leads; m and x report to t; e and p report to m; h is HR.
PEOPLE = {"t": None, "m": "t", "x": "t", "e": "m", "p": "m", "h": None}
ROLES = {"t": {"manager"}, "m": {"manager"}, "x": {"manager"}, "h": {"hr_admin"}}


def caller(who: str) -> Caller:
    return Caller(sub=who, org="o", roles=frozenset(ROLES.get(who, set()) | {"employee"}))


@dataclass
class Queue:
    rolled: list[str] = field(default_factory=list)
    scheduled: list[tuple[str, date]] = field(default_factory=list)


@pytest.fixture
def queue(aws: Any, stopped_clock: None) -> Queue:
    DynamoEmployeeDirectory().put_many(
        "o",
        [
            Employee(i, f"Person {i}", f"{i}@example.com", manager, "Sales", "technical", "en")
            for i, manager in PEOPLE.items()
        ],
    )
    return Queue()


@pytest.fixture
def ports(queue: Queue) -> flow.Ports:
    return flow.Ports(
        goals=GoalStore(),
        directory=DynamoEmployeeDirectory(),
        roll_up=lambda org, due: queue.rolled.extend(goal_id for goal_id, _ in due),
        nudge_schedule=lambda org, today: queue.scheduled.append((org, today)),
        reports_of=DynamoEmployeeDirectory().reports_of,
    )


def new(who: str, ports: flow.Ports, **fields: Any) -> dict[str, Any]:
    body = {"title": "Answer customers within one working day", "due": "2030-06-30",
            "key_results": [{"title": "Share answered in a day", "start": 60, "target": 100, "unit": "%"}]}  # fmt: skip
    return flow.create_goal(caller(who), {**body, **fields}, "en", ports)


def items() -> int:
    """Goals and history entries in the table (a test may scan)."""
    goals = sum(1 for _ in GoalItem.scan(GoalItem.SK == "GOAL"))
    return goals + sum(1 for _ in GoalHistoryItem.scan(GoalHistoryItem.SK.startswith("HIST#")))


# ---------------------------------------------------------------------------- setting goals


def test_a_goal_set_is_answered_with_its_findings_and_its_history_begins(ports, queue):
    goal = new("e", ports, measure=None)
    assert goal["owner"] == "e" and goal["version"] == 1 and goal["progress"] == 0
    assert goal["findings"] == []  # the key result is the measure and the target
    assert queue.scheduled == [("o", date(2030, 3, 4))]
    shown = flow.get_goal(caller("e"), goal["id"], ports)
    assert shown["history"] == [{"version": 1, "at": clock.now().isoformat(), "by": "e", "kind": "created",
                                 "changes": {}}]  # fmt: skip
    assert shown["names"]["e"] == "Person e" and shown["may_change"] is True


def test_findings_never_stop_a_save(ports):
    goal = new("e", ports, title="Cut costs and grow sales", key_results=[], due="2030-01-01")
    assert [f["code"] for f in goal["findings"]] == ["no_measure", "no_target", "several_outcomes", "due_passed"]
    assert flow.get_goal(caller("e"), goal["id"], ports)["title"] == "Cut costs and grow sales"


def test_a_manager_or_hr_sets_goals_for_their_people_and_a_colleague_may_not(ports):
    assert new("m", ports, owner="e")["owner"] == "e"
    assert new("t", ports, owner="e")["owner"] == "e"  # the chain above, not only the direct manager
    assert new("h", ports, owner="p")["owner"] == "p"
    with pytest.raises(Forbidden):
        new("p", ports, owner="e")
    with pytest.raises(Forbidden):
        new("x", ports, owner="e")  # a manager, but not of e


def test_bad_input_names_every_problem_and_writes_nothing(ports):
    with pytest.raises(InvalidInput) as caught:
        new("h", ports, title="", due="soon", owner="nobody", parent_id="g-none",
            key_results=[{"title": "x", "start": 1, "target": 1}])  # fmt: skip
    assert [p.field for p in caught.value.problems] == ["title", "due", "key_results[1].target", "owner", "parent_id"]
    assert items() == 0


# ---------------------------------------------------------------------------- who sees what


def test_a_private_goal_is_seen_by_its_owner_their_managers_and_hr_and_is_not_found_by_anyone_else(ports):
    goal = new("e", ports, visibility="private")
    for who in ("e", "m", "t", "h"):
        assert flow.get_goal(caller(who), goal["id"], ports)["id"] == goal["id"], who
    for who in ("p", "x"):
        with pytest.raises(NotFound):
            flow.get_goal(caller(who), goal["id"], ports)
        with pytest.raises(NotFound):
            flow.change_goal(caller(who), goal["id"], {"title": "Mine now", "reason": "why not"}, "en", ports)
        with pytest.raises(NotFound):
            flow.record_progress(caller(who), goal["id"], {"value": 80}, ports)
        assert flow.list_goals(caller(who), "e", ports) == {"goals": [], "parents": {}}
    assert [g["id"] for g in flow.list_goals(caller("m"), "e", ports)["goals"]] == [goal["id"]]


def test_an_organisation_goal_is_seen_by_everyone_and_changed_only_by_owner_managers_and_hr(ports):
    goal = new("e", ports)
    assert flow.get_goal(caller("p"), goal["id"], ports)["may_change"] is False
    assert [g["id"] for g in flow.list_goals(caller("x"), "e", ports)["goals"]] == [goal["id"]]
    with pytest.raises(Forbidden):
        flow.change_goal(caller("p"), goal["id"], {"title": "Mine now", "reason": "why not"}, "en", ports)
    with pytest.raises(Forbidden):
        flow.record_progress(caller("x"), goal["id"], {"value": 80}, ports)
    assert flow.record_progress(caller("m"), goal["id"], {"value": 80}, ports)["progress"] == 0.5


def test_a_goals_children_are_listed_without_the_private_ones_the_reader_may_not_see(ports):
    team = new("m", ports, title="Answer every customer within a day")
    mine = new("e", ports, parent_id=team["id"])
    private = new("p", ports, parent_id=team["id"], visibility="private")
    assert [c["id"] for c in flow.get_goal(caller("e"), team["id"], ports)["children"]] == [mine["id"]]
    shown = flow.get_goal(caller("m"), team["id"], ports)["children"]
    assert sorted(c["id"] for c in shown) == sorted([mine["id"], private["id"]])


# ---------------------------------------------------------------------------- private children tell nothing


def test_a_private_child_counts_for_nothing_in_a_parent_others_see_through_any_route(ports):
    team = new("m", ports, title="Answer every customer within a day", key_results=[])
    mine = new("e", ports, parent_id=team["id"])
    private = new("p", ports, parent_id=team["id"], visibility="private", title="Secret plan of p")
    flow.record_progress(caller("e"), mine["id"], {"value": 80}, ports)  # 0.5
    flow.record_progress(caller("p"), private["id"], {"value": 100}, ports)  # 1.0, which must not show
    for reader in ("e", "x", "m", "h"):  # those who may not see the private child, and those who may
        shown = flow.get_goal(caller(reader), team["id"], ports)
        assert shown["progress"] == 0.5  # the visible child's alone: nothing left to subtract
        listed = flow.list_goals(caller(reader), "m", ports)["goals"]
        assert [g["progress"] for g in listed] == [0.5]
    seen_by_e = flow.get_goal(caller("e"), team["id"], ports)
    assert [c["id"] for c in seen_by_e["children"]] == [mine["id"]] and seen_by_e["more_children"] is False
    assert "Secret plan" not in repr(seen_by_e) and private["id"] not in repr(seen_by_e)
    seen_by_m = flow.get_goal(caller("m"), team["id"], ports)["children"]
    assert {c["id"]: c["counts_in_parent"] for c in seen_by_m} == {mine["id"]: True, private["id"]: False}


def test_a_private_child_counts_in_a_private_parent_of_its_owner_and_stops_when_the_parent_is_shown(ports, queue):
    company = new("t", ports, title="Keep every customer", key_results=[])
    mine = new("e", ports, parent_id=company["id"], visibility="private", key_results=[])
    private = new("e", ports, parent_id=mine["id"], visibility="private")
    flow.record_progress(caller("e"), private["id"], {"value": 100}, ports)
    assert flow.get_goal(caller("e"), mine["id"], ports)["progress"] == 1.0  # same owner, private: counts
    assert flow.get_goal(caller("x"), company["id"], ports)["progress"] is None  # e's private goal counts not here
    flow.change_goal(caller("e"), mine["id"], {"visibility": "organisation", "reason": "shared"}, "en", ports)
    assert flow.get_goal(caller("x"), mine["id"], ports)["progress"] is None  # the private child no longer counts
    rollup.push_up([RollupDue("o", mine["id"])], ports.goals)
    assert flow.get_goal(caller("x"), company["id"], ports)["progress"] is None
    flow.change_goal(caller("e"), private["id"], {"visibility": "organisation", "reason": "shared"}, "en", ports)
    assert flow.get_goal(caller("x"), mine["id"], ports)["progress"] == 1.0  # shown to all, it counts for all


def test_a_parent_the_reader_may_not_see_is_not_named_by_its_child(ports):
    private = new("m", ports, visibility="private", title="Private plan of m")
    mine = new("m", ports, owner="e", parent_id=private["id"], visibility="private")  # m may see it, e not
    shown = flow.get_goal(caller("e"), mine["id"], ports)
    assert shown["parent_id"] is None and shown["parents"] == []
    listed = flow.list_goals(caller("e"), "e", ports)
    assert listed["goals"][0]["parent_id"] is None and listed["parents"] == {}
    by_m = flow.get_goal(caller("m"), mine["id"], ports)
    assert by_m["parent_id"] == private["id"] and [p["title"] for p in by_m["parents"]] == ["Private plan of m"]


def test_more_children_counts_only_those_the_reader_may_see(ports, monkeypatch):
    monkeypatch.setattr(flow, "CHILDREN_SHOWN", 1)
    team = new("m", ports, title="Answer every customer within a day", key_results=[])
    mine = new("e", ports, parent_id=team["id"])
    new("p", ports, parent_id=team["id"], visibility="private")
    shown = flow.get_goal(caller("e"), team["id"], ports)
    assert [c["id"] for c in shown["children"]] == [mine["id"]] and shown["more_children"] is False
    assert flow.get_goal(caller("m"), team["id"], ports)["more_children"] is True


def test_the_goal_page_shows_the_chain_above_it(ports):
    company = new("t", ports, title="Keep every customer")
    team = new("m", ports, parent_id=company["id"], title="Answer every customer within a day")
    mine = new("e", ports, parent_id=team["id"])
    shown = flow.get_goal(caller("e"), mine["id"], ports)
    assert [p["id"] for p in shown["parents"]] == [team["id"], company["id"]]
    assert shown["names"]["t"] == "Person t"


# ---------------------------------------------------------------------------- history and locking


def test_every_change_is_kept_with_who_when_what_and_why(ports):
    goal = new("e", ports)
    clock.advance(__import__("datetime").timedelta(days=30))
    changed = flow.change_goal(caller("m"), goal["id"], {"due": "2030-09-30", "reason": "  The launch moved "},
                               "en", ports)  # fmt: skip
    assert changed["version"] == 2
    flow.record_progress(caller("e"), goal["id"], {"value": 70, "note": "first week"}, ports)
    history = flow.get_goal(caller("e"), goal["id"], ports)["history"]
    assert [(h["version"], h["kind"], h["by"]) for h in history] == [(3, "progress", "e"), (2, "changed", "m"),
                                                                     (1, "created", "e")]  # fmt: skip
    assert history[1]["changes"] == {"due": {"from": "2030-06-30", "to": "2030-09-30"}}
    assert history[1]["reason"] == "The launch moved" and history[1]["at"] == clock.now().isoformat()
    assert history[0]["changes"] == {"key_results.k1.current": {"from": 60, "to": 70}}
    assert history[0]["note"] == "first week"


def test_a_change_that_changes_nothing_writes_nothing(ports):
    goal = new("e", ports)
    same = flow.change_goal(caller("e"), goal["id"], {"due": "2030-06-30", "reason": "checked"}, "en", ports)
    assert same["version"] == 1


def test_a_change_to_a_version_read_before_another_is_refused(ports):
    goal = new("e", ports)
    flow.change_goal(caller("e"), goal["id"], {"title": "Answer customers in four hours", "reason": "r"}, "en", ports)
    with pytest.raises(Conflict):
        flow.change_goal(caller("m"), goal["id"], {"status": "at_risk", "reason": "r", "version": 1}, "en", ports)


def test_two_changes_at_once_lose_neither(ports, monkeypatch):
    goal = new("e", ports)
    store = ports.goals
    save = store.save
    raced: list[bool] = []

    def with_a_rival(before, after, entry):
        if not raced:  # another person's change lands between this one's read and its write
            raced.append(True)
            flow.change_goal(caller("m"), goal["id"], {"status": "at_risk", "reason": "customers wait"}, "en", ports)
        return save(before, after, entry)

    monkeypatch.setattr(store, "save", with_a_rival)
    flow.change_goal(caller("e"), goal["id"], {"title": "Answer customers in four hours", "reason": "r"}, "en", ports)
    shown = flow.get_goal(caller("e"), goal["id"], ports)
    assert (shown["title"], shown["status"], shown["version"]) == ("Answer customers in four hours", "at_risk", 3)
    assert [h["by"] for h in shown["history"]] == ["e", "m", "e"]


# ---------------------------------------------------------------------------- progress up the tree


def test_a_childs_progress_reaches_its_parent_at_once_and_the_grandparent_through_the_queue(ports, queue):
    company = new("t", ports, title="Keep every customer", key_results=[])
    team = new("m", ports, parent_id=company["id"], key_results=[{"title": "Backlog", "start": 40, "target": 0}])
    mine = new("e", ports, parent_id=team["id"])
    assert queue.rolled == [company["id"], team["id"]]  # the team's progress joined the company's, then e's the team's
    queue.rolled.clear()

    flow.record_progress(caller("e"), mine["id"], {"value": 100}, ports)  # e's goal is done: 1.0
    assert flow.get_goal(caller("e"), team["id"], ports)["progress"] == 0.5  # backlog 0, e's 1
    assert flow.get_goal(caller("e"), company["id"], ports)["progress"] == 0  # the team's 0 as it last pushed it
    assert queue.rolled == [team["id"]]

    following = rollup.push_up([RollupDue("o", team["id"]), RollupDue("o", team["id"])], ports.goals)
    assert following == []  # the top has no parent: nothing is due for it
    assert flow.get_goal(caller("e"), company["id"], ports)["progress"] == 0.5
    assert rollup.push_up([RollupDue("o", team["id"])], ports.goals) == []  # pushed already: nothing to do


def test_a_burst_goes_up_each_goal_once_the_deepest_first(ports, queue, monkeypatch):
    company = new("t", ports, title="Keep every customer", key_results=[])
    department = new("t", ports, parent_id=company["id"], title="Answer every customer")
    team = new("m", ports, parent_id=department["id"], key_results=[])
    new("e", ports, parent_id=team["id"])  # the team moved
    new("x", ports, parent_id=department["id"])  # and the department, directly
    pushes: list[str] = []
    push = ports.goals.push
    monkeypatch.setattr(ports.goals, "push", lambda goal: pushes.append(goal.id) or push(goal))
    due = [RollupDue("o", department["id"], 1), RollupDue("o", team["id"], 2)]
    # the team first; the department, read before the team's push moved it, is due again, to be pushed once
    assert rollup.push_up(due, ports.goals) == [RollupDue("o", department["id"], 1)]
    assert rollup.push_up([RollupDue("o", department["id"], 1)], ports.goals) == []
    assert pushes == [team["id"], department["id"]]
    # one more change under the team, the department up to date: the team's push makes the department due
    flow.record_progress(caller("e"), new("e", ports, parent_id=team["id"])["id"], {"value": 100}, ports)
    assert rollup.push_up([RollupDue("o", team["id"], 2)], ports.goals) == [RollupDue("o", department["id"], 1)]
    assert rollup.push_up([RollupDue("o", department["id"], 1)], ports.goals) == []
    # the department's key result 0, the team's 0.5 (e's two goals, 0 and 1), x's 0
    assert flow.get_goal(caller("t"), company["id"], ports)["progress"] == 0.1667
    assert pushes == [team["id"], department["id"], team["id"], department["id"]]


def test_a_goal_that_moved_while_it_was_pushed_is_due_again(ports, monkeypatch):
    department = new("t", ports, title="Answer every customer", key_results=[])
    team = new("m", ports, parent_id=department["id"], key_results=[])
    new("e", ports, parent_id=team["id"])
    read = ports.goals.get_many

    def then_a_change(org, ids, consistent=False):  # a child's save lands between the read and the push
        found = read(org, ids, consistent)
        new("p", ports, parent_id=team["id"])
        return found

    monkeypatch.setattr(ports.goals, "get_many", then_a_change)
    assert rollup.push_up([RollupDue("o", team["id"], 1)], ports.goals) == [RollupDue("o", team["id"], 1)]


def test_the_nearer_the_top_the_longer_a_push_waits():
    assert [rollup.hold(depth, 30) for depth in (1, 2, 10, 15)] == [570, 510, 30, 30]
    assert rollup.hold(3, 0) == 0  # no hold where there is none (tests, the local stack by default)


def test_a_dropped_child_leaves_its_parents_progress_and_a_moved_one_takes_it_along(ports):
    team = new("m", ports, title="Answer every customer within a day", key_results=[])
    other = new("x", ports, title="Answer every partner within a day", key_results=[])
    mine = new("e", ports, parent_id=team["id"])
    flow.record_progress(caller("e"), mine["id"], {"value": 80}, ports)
    assert flow.get_goal(caller("m"), team["id"], ports)["progress"] == 0.5
    flow.change_goal(caller("e"), mine["id"], {"parent_id": other["id"], "reason": "moved team"}, "en", ports)
    assert flow.get_goal(caller("m"), team["id"], ports)["progress"] is None
    assert flow.get_goal(caller("m"), other["id"], ports)["progress"] == 0.5
    flow.change_goal(caller("e"), mine["id"], {"status": "dropped", "reason": "no longer needed"}, "en", ports)
    assert flow.get_goal(caller("m"), other["id"], ports)["progress"] is None


def test_a_goal_cannot_come_to_hang_below_itself(ports):
    top = new("t", ports, title="Keep every customer")
    middle = new("m", ports, parent_id=top["id"])
    low = new("e", ports, parent_id=middle["id"])
    with pytest.raises(InvalidInput) as caught:
        flow.change_goal(caller("h"), top["id"], {"parent_id": low["id"], "reason": "r"}, "en", ports)
    assert [p.field for p in caught.value.problems] == ["parent_id"]


def test_a_parent_the_caller_may_not_see_is_not_found(ports):
    private = new("x", ports, visibility="private")
    with pytest.raises(InvalidInput) as caught:
        new("e", ports, parent_id=private["id"])
    assert caught.value.problems[0].message == f"no goal '{private['id']}' that you may see"


# ---------------------------------------------------------------------------- drafts


def test_a_draft_is_checked_without_being_saved(ports):
    parent = new("m", ports, due="2030-05-31")
    answer = flow.draft_findings(caller("e"), {"title": "Skær omkostninger og øg salget", "due": "2030-06-30",
                                                "parent_id": parent["id"]}, "da", ports)  # fmt: skip
    assert [f["code"] for f in answer["findings"]] == ["no_measure", "no_target", "several_outcomes",
                                                       "due_after_parent"]  # fmt: skip
    assert answer["findings"][0]["message"].startswith("Skriv, hvordan")
    assert items() == 2  # the parent and its history only


# ---------------------------------------------------------------------------- the company's goals, a team's


def test_the_companys_goals_are_the_organisation_wide_ones_under_nothing_a_page_at_a_time(ports, monkeypatch):
    monkeypatch.setattr(flow, "TOP_PAGE", 2)
    first = new("t", ports, title="Keep every customer")
    new("t", ports, title="Keep our plans to ourselves", visibility="private")
    new("m", ports, parent_id=first["id"])  # hangs under one: not the company's
    clock.advance(__import__("datetime").timedelta(seconds=1))  # oldest first: the clock is stopped
    second = new("h", ports, title="Hire well")
    clock.advance(__import__("datetime").timedelta(seconds=1))
    third = new("t", ports, title="Spend less")
    page = flow.organisation_goals(caller("e"), None, ports)
    assert [g["id"] for g in page["goals"]] == [first["id"], second["id"]] and page["names"]["h"] == "Person h"
    rest = flow.organisation_goals(caller("e"), page["next"], ports)
    assert [g["id"] for g in rest["goals"]] == [third["id"]] and rest["next"] is None
    flow.change_goal(caller("t"), third["id"], {"visibility": "private", "reason": "not for all"}, "en", ports)
    assert [g["id"] for g in flow.organisation_goals(caller("e"), page["next"], ports)["goals"]] == []
    with pytest.raises(InvalidInput):
        flow.organisation_goals(caller("e"), "nonsense", ports)


def test_a_goal_confirmed_keeps_who_and_when_and_a_manager_sees_who_has_not_looked_this_quarter(ports):
    mine = new("e", ports)
    new("p", ports)
    clock.advance(__import__("datetime").timedelta(days=100))  # a new quarter (the clock starts in March)
    confirmed = flow.confirm_goal(caller("e"), mine["id"], " still right ", ports)
    assert confirmed["confirmed_at"] == clock.now().isoformat() and confirmed["version"] == 2
    entry = flow.get_goal(caller("m"), mine["id"], ports)["history"][0]
    assert (entry["kind"], entry["by"], entry["note"]) == ("confirmed", "e", "still right")
    team = flow.team_goals(caller("m"), ports)
    looked = [(p["id"], p["open"], p["looked_at_this_quarter"]) for p in team["people"]]
    assert looked == [("e", 1, True), ("p", 1, False)]
    assert team["quarter"].endswith("-Q2")
    with pytest.raises(NotFound):
        flow.confirm_goal(caller("x"), new("p", ports, visibility="private")["id"], None, ports)
