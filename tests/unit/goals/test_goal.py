"""A goal's progress: from key results to the goal, from children to the parent; and what a request may change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from janus.goals.changes import changed_goal, new_goal, progress_recorded
from janus.goals.goal import Goal, KeyResult
from janus.kernel.errors import InvalidInput

NOW = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


def goal(**fields) -> Goal:
    base = Goal(org="o", id="g-1", owner="e", title="Answer customers within a day", due=date(2030, 6, 30),
                created_at=NOW, created_by="e")  # fmt: skip
    return replace(base, **fields)


def kr(start: float, target: float, current: float, kid: str = "k1") -> KeyResult:
    return KeyResult(kid, "Share answered", start, target, current)


def fields(caught: pytest.ExceptionInfo[InvalidInput]) -> list[str | None]:
    return [p.field for p in caught.value.problems]


# ---------------------------------------------------------------------------- progress


def test_a_key_result_counts_its_way_from_start_to_target_clamped():
    assert kr(60, 95, 60).progress == 0
    assert kr(60, 95, 81).progress == pytest.approx(0.6)
    assert kr(60, 95, 99).progress == 1
    assert kr(60, 95, 50).progress == 0


def test_a_key_result_whose_target_is_below_its_start_counts_down():
    assert kr(8, 5, 6.5).progress == pytest.approx(0.5)
    assert kr(8, 5, 9).progress == 0


def test_a_goal_is_the_mean_of_its_key_results():
    assert goal(key_results=(kr(0, 10, 5), kr(0, 4, 4, "k2"))).progress == pytest.approx(0.75)


def test_a_goal_without_key_results_counts_what_was_recorded_and_otherwise_has_no_progress():
    assert goal().progress is None
    assert goal(manual=0.3).progress == pytest.approx(0.3)
    assert goal(manual=0.3, key_results=(kr(0, 10, 10),)).progress == 1, "key results win over a recorded share"


def test_a_parent_is_the_mean_of_its_key_results_and_its_children_each_counting_once():
    parent = goal(key_results=(kr(0, 10, 10),), children={"g-2": 0.5, "g-3": 0.0})
    assert parent.progress == pytest.approx(0.5)
    assert goal(children={"g-2": 0.5, "g-3": 0.25}).progress == pytest.approx(0.375)


def test_done_is_complete_and_a_dropped_goal_counts_for_nothing_in_its_parent():
    assert goal(status="done", key_results=(kr(0, 10, 2),)).progress == 1
    dropped = goal(status="dropped", key_results=(kr(0, 10, 2),))
    assert dropped.progress == pytest.approx(0.2) and dropped.pushed_progress is None


def test_a_goal_survives_being_stored():
    original = goal(key_results=(kr(0, 10, 5),), target=95.5, measure="Share of tickets", children={"g-9": 0.5})
    stored = Goal.from_stored("o", "g-1", original.stored(), version=3, seq=4, pushed=4, children={"g-9": 0.5})
    assert stored == replace(original, version=3, seq=4, pushed=4, updated_at=NOW)


# ---------------------------------------------------------------------------- requests


def test_a_new_goal_gets_ids_for_its_key_results_and_starts_them_at_their_start():
    made = new_goal("o", "g-1", {"title": " Answer   customers ", "due": "2030-06-30",
                                  "key_results": [{"title": "Share", "start": 60, "target": 95, "unit": "%"},
                                                  {"title": "Backlog", "start": 40, "target": 0}]},
                    "e", "e", NOW)  # fmt: skip
    assert made.title == "Answer customers"
    assert [(k.id, k.current) for k in made.key_results] == [("k1", 60), ("k2", 40)]
    assert (made.status, made.visibility, made.next_key_result) == ("on_track", "organisation", 3)


def test_every_problem_of_a_new_goal_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        new_goal("o", "g-1", {"title": "  ", "due": "2030-02-30", "status": "maybe",
                              "key_results": [{"title": "", "start": 1, "target": 1},
                                              {"title": "x", "start": float("nan"), "target": 1e13},
                                              {"start": 0}]},
                 "e", "e", NOW)  # fmt: skip
    assert fields(caught) == [
        "title",
        "due",
        "key_results[1].target",
        "key_results[1].title",
        "key_results[2].start",
        "key_results[2].target",
        "key_results[3].title",
        "key_results[3].target",
        "status",
    ]


def test_a_change_names_each_field_that_moved_from_and_to():
    before = goal(key_results=(kr(0, 10, 5),), next_key_result=2)
    after, what = changed_goal(before, {"title": "Answer customers within four hours", "due": "2030-06-30",
                                        "key_results": [{"id": "k1", "target": 20}, {"title": "New", "start": 0,
                                                                                      "target": 3}],
                                        "reason": "The team grew"}, NOW)  # fmt: skip
    assert set(what) == {"title", "key_results"}  # the due date did not move
    assert what["title"] == {"from": "Answer customers within a day", "to": "Answer customers within four hours"}
    assert [(k.id, k.target, k.current) for k in after.key_results] == [("k1", 20, 5), ("k2", 3, 0)]
    assert after.next_key_result == 3


def test_a_change_needs_a_reason_and_known_key_results():
    with pytest.raises(InvalidInput) as caught:
        changed_goal(goal(), {"reason": " ", "parent_id": "g-1", "key_results": [{"id": "k7", "title": "x"}]}, NOW)
    assert fields(caught) == ["reason", "parent_id", "key_results[1].id"]


def test_progress_moves_the_one_key_result_or_must_name_it():
    one = goal(key_results=(kr(0, 10, 0),))
    moved, what = progress_recorded(one, None, 4, NOW)
    assert moved.key_results[0].current == 4 and what == {"key_results.k1.current": {"from": 0, "to": 4}}
    two = goal(key_results=(kr(0, 10, 0), kr(0, 5, 0, "k2")))
    with pytest.raises(InvalidInput) as caught:
        progress_recorded(two, None, 4, NOW)
    assert fields(caught) == ["key_result_id"]
    with pytest.raises(InvalidInput):
        progress_recorded(goal(), None, 40, NOW)  # a share from 0 to 1 without key results
    assert progress_recorded(goal(), None, 0.4, NOW)[0].progress == pytest.approx(0.4)
