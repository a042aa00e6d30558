"""HR's goal alignment by department: counters kept by the goals' own saves (each save, an adjustment, a goal
closed, a save made twice counting once) and the route (HR only, small departments folded or hidden, no
total to subtract from)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from janus.goals import flow, tally
from janus.goals import rollup as flow_rollup
from janus.goals.goal import Goal
from janus.goals.quarters import label, quarter_of
from janus.goals.store import GoalChanged, GoalStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Forbidden
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory

# department of each person (m manages e and p; h is HR)
PEOPLE = {"m": ("Sales", None), "e": ("Sales", "m"), "p": ("Sales", "m"), "o": ("Ops", None),
          "l1": ("Legal", None), "l2": ("Legal", None), "h": ("People", None)}  # fmt: skip
ROLES = {"m": {"manager"}, "h": {"hr_admin"}}
THRESHOLD = 3


def caller(who: str) -> Caller:
    return Caller(sub=who, org="o", roles=frozenset(ROLES.get(who, set()) | {"employee"}))


@pytest.fixture
def ports(aws: Any, stopped_clock: None) -> flow.Ports:
    DynamoEmployeeDirectory().put_many(
        "o",
        [Employee(i, f"Person {i}", f"{i}@example.com", manager, department, "technical", "en")
         for i, (department, manager) in PEOPLE.items()],
    )  # fmt: skip
    return flow.Ports(
        goals=GoalStore(),
        directory=DynamoEmployeeDirectory(),
        roll_up=lambda org, due: None,
        nudge_schedule=lambda org, today: None,
        threshold=lambda org: THRESHOLD,
    )


def new(who: str, ports: flow.Ports, **fields: Any) -> dict[str, Any]:
    body = {"title": "Answer customers within one working day", "due": "2030-06-30",
            "key_results": [{"title": "Share answered in a day", "start": 60, "target": 100, "unit": "%"}]}  # fmt: skip
    return flow.create_goal(caller(who), {**body, **fields}, "en", ports)


def stats(ports: flow.Ports) -> dict[str, dict[str, int]]:
    quarter = label(*quarter_of(clock.now().date()))
    return {row.pop("department"): row for row in ports.goals.stats("o", quarter)}


def counted(people: int, goals: int, aligned: int = 0, looked: int | None = None, **bands: int) -> dict[str, int]:
    row = {"people": people, "goals": goals, "aligned": aligned, "looked": people if looked is None else looked}
    return {**row, **{f"band{n}": bands.get(f"band{n}", 0) for n in range(5)}}


# ---------------------------------------------------------------------------- the counters


def test_a_goal_set_counts_its_owner_its_goal_its_alignment_and_its_progress_in_the_owners_department(ports):
    top = new("m", ports)
    new("e", ports, parent_id=top["id"])
    new("e", ports, key_results=[], visibility="private")
    assert stats(ports) == {"Sales": counted(2, 3, aligned=1, band0=1, band1=2)}


def test_an_adjustment_moves_its_goal_between_bands_and_in_and_out_of_alignment(ports):
    top = new("m", ports)
    goal = new("e", ports)
    flow.change_goal(caller("e"), goal["id"], {"parent_id": top["id"], "reason": "aligned"}, "en", ports)
    assert stats(ports)["Sales"] == counted(2, 2, aligned=1, band1=2)
    flow.record_progress(caller("e"), goal["id"], {"key_result_id": "k1", "value": 90}, ports)
    assert stats(ports)["Sales"] == counted(2, 2, aligned=1, band1=1, band4=1)
    flow.change_goal(caller("e"), goal["id"], {"parent_id": None, "reason": "on its own"}, "en", ports)
    assert stats(ports)["Sales"] == counted(2, 2, aligned=0, band1=1, band4=1)


def test_a_goal_closed_leaves_the_counts_and_its_owner_leaves_with_their_last_open_goal(ports):
    first, second = new("e", ports), new("e", ports)
    flow.change_goal(caller("e"), first["id"], {"status": "done", "reason": "done"}, "en", ports)
    assert stats(ports)["Sales"] == counted(1, 1, band1=1)
    flow.change_goal(caller("e"), second["id"], {"status": "dropped", "reason": "no longer"}, "en", ports)
    assert stats(ports)["Sales"] == counted(0, 0, looked=1)
    flow.change_goal(caller("e"), second["id"], {"status": "on_track", "reason": "back on"}, "en", ports)
    assert stats(ports)["Sales"] == counted(1, 1, band1=1)


def test_a_save_made_twice_counts_once(ports):
    goal = new("e", ports)
    store = ports.goals
    before = store.get("o", goal["id"])
    assert before is not None
    after = Goal(**{**before.__dict__, "status": "done"})
    store.save(before, after, {"kind": "changed"})
    with pytest.raises(GoalChanged):  # the same write again: the goal moved on, so nothing of it lands
        store.save(before, after, {"kind": "changed"})
    assert stats(ports)["Sales"] == counted(0, 0, looked=1)


def test_two_saves_at_once_count_once_each(ports, monkeypatch):
    goal = new("e", ports)
    store = ports.goals
    save = store.save
    raced: list[bool] = []

    def with_a_rival(before, after, entry):
        if not raced:  # another change closes the goal between this one's read and its write
            raced.append(True)
            flow.change_goal(caller("m"), goal["id"], {"status": "done", "reason": "shipped"}, "en", ports)
        return save(before, after, entry)

    monkeypatch.setattr(store, "save", with_a_rival)
    flow.record_progress(caller("e"), goal["id"], {"key_result_id": "k1", "value": 90}, ports)
    assert stats(ports)["Sales"] == counted(0, 0, looked=1)


def test_a_save_of_a_goal_looked_at_this_quarter_reads_no_tally(ports, monkeypatch):
    goal = new("e", ports)
    monkeypatch.setattr(ports.goals, "tallies", lambda *a: pytest.fail("read a tally"))
    flow.record_progress(caller("e"), goal["id"], {"key_result_id": "k1", "value": 80}, ports)
    flow.confirm_goal(caller("e"), goal["id"], None, ports)
    assert stats(ports)["Sales"] == counted(1, 1, band3=1)


def test_a_person_counts_once_a_quarter_as_having_looked_at_their_goals(ports):
    goal = new("e", ports)
    new("e", ports)
    clock.advance(timedelta(days=40))  # the next quarter
    assert stats(ports)["Sales"] == counted(1, 2, looked=0, band1=2)
    flow.confirm_goal(caller("e"), goal["id"], None, ports)
    flow.record_progress(caller("e"), goal["id"], {"key_result_id": "k1", "value": 70}, ports)
    assert stats(ports)["Sales"] == counted(1, 2, looked=1, band1=1, band2=1)


def test_a_goal_that_changes_hands_moves_to_its_new_owners_department(ports):
    goal = new("e", ports)
    flow.change_goal(caller("h"), goal["id"], {"owner": "o", "reason": "Ops takes it"}, "en", ports)
    found = stats(ports)
    assert found["Sales"] == counted(0, 0, looked=1)
    assert found["Ops"] == counted(1, 1, band1=1)


def test_the_counters_spread_over_shards_by_owner():
    assert {tally.shard(f"p{n}") for n in range(40)} == set(range(tally.SHARDS))
    assert [tally.band(p) for p in (None, 0.0, 0.24, 0.25, 0.5, 0.74, 0.75, 1.0)] == [0, 1, 1, 2, 3, 3, 4, 4]


# ---------------------------------------------------------------------------- the route


def test_only_hr_reads_the_departments(ports):
    for who in ("m", "e"):
        with pytest.raises(Forbidden):
            flow.department_goals(caller(who), ports)


def test_a_small_department_is_folded_with_others_that_reach_the_threshold_together(ports):
    for who in ("m", "e", "p", "o", "l1", "l2"):
        new(who, ports)
    answer = flow.department_goals(caller("h"), ports)
    assert answer["threshold"] == THRESHOLD and answer["quarter"] == "2030-Q1"
    assert [row["department"] for row in answer["departments"]] == ["Sales"]
    sales = answer["departments"][0]
    assert (sales["people"], sales["goals"], sales["aligned_share"], sales["looked_at"]) == (3, 3, 0.0, 3)
    assert sales["progress"] == {"none": 0, "0-25": 3, "25-50": 0, "50-75": 0, "75-100": 0}
    other = answer["other"]
    assert (other["department"], other["departments"], other["people"], other["goals"]) == (None, 2, 3, 3)
    assert answer["hidden_departments"] == 0
    assert not {"total", "organisation"} & set(answer)  # nothing to subtract the shown rows from


def test_a_small_department_alone_is_hidden_and_nothing_tells_its_figures(ports):
    for who in ("m", "e", "p", "o"):
        new(who, ports)
    new("o", ports)
    answer = flow.department_goals(caller("h"), ports)
    assert [row["department"] for row in answer["departments"]] == ["Sales"]
    assert answer["other"] is None and answer["hidden_departments"] == 1
    assert "Ops" not in str(answer) and "total" not in answer


def test_a_parent_whose_children_move_its_progress_moves_band_when_it_is_pushed_up(ports):
    top = new("m", ports)  # under nothing: its band moves when its children's progress reaches it
    middle = new("p", ports, parent_id=top["id"], key_results=[])
    child = new("e", ports, parent_id=middle["id"], key_results=[])
    assert stats(ports)["Sales"] == counted(3, 3, aligned=2, band0=2, band1=1)
    flow.record_progress(caller("e"), child["id"], {"value": 1.0}, ports)  # 100 %: its parent's progress is 100 %
    assert stats(ports)["Sales"] == counted(3, 3, aligned=2, band0=1, band1=1, band4=1)  # the parent: not yet
    for _ in range(4):  # the queue's deliveries, as the rollup takes them
        due = [flow_rollup.RollupDue(org="o", goal_id=g["id"], depth=0) for g in (middle, top)]
        flow_rollup.push_up(due, ports.goals)
    found = stats(ports)["Sales"]
    assert (found["band0"], found["band4"], found["goals"]) == (0, 2, 3)  # middle 100 %; top still has its KR
    assert sum(found[f"band{n}"] for n in range(5)) == found["goals"]
    title = {"title": "Answer customers within four hours", "reason": "r"}
    flow.change_goal(caller("m"), top["id"], title, "en", ports)
    again = stats(ports)["Sales"]
    assert sum(again[f"band{n}"] for n in range(5)) == again["goals"] and min(again.values()) >= 0
