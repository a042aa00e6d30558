"""What an agenda puts one click away: the development focus of the employee's latest released report (the
lowest-rated competencies it recommends on), and their open goals by the goals' owner index."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from janus.checkins.focus import Focus, open_goals
from janus.goals.goal import Goal
from janus.goals.store import GoalStore


@dataclass
class Cycle:
    id: str
    name: str
    state: str


@dataclass
class Subject:
    cycle_id: str
    report_digest: str | None


class Cycles:
    def latest(self, org: str, limit: int) -> list[Cycle]:
        return [Cycle("c3", "Autumn", "open"), Cycle("c2", "Spring", "released"), Cycle("c1", "Old", "released")]


class Subjects:
    def __init__(self) -> None:
        self.asked: list[list[tuple[str, str]]] = []

    def get_pairs(self, org: str, pairs: list[tuple[str, str]]) -> list[Subject]:
        self.asked.append(sorted(pairs))
        return [Subject("c2", None), Subject("c1", "digest")]  # not a subject with a report in c2


class Reports:
    def get(self, org: str, cycle_id: str, employee_id: str, kind: str) -> bytes | None:
        report = {"recommendations": [{"competency": "listening", "name": "Listening", "items": ["Ask more"]}]}
        return json.dumps(report).encode() if cycle_id == "c1" else None


def test_the_focus_is_the_latest_released_report_of_the_employee_with_the_way_to_it():
    subjects = Subjects()
    focus = Focus(Cycles(), subjects, Reports())("o", "e")  # type: ignore[arg-type]
    assert focus == {"cycle_id": "c1", "cycle_name": "Old", "report_path": "/reports/c1/e",
                     "competencies": [{"id": "listening", "name": "Listening"}]}  # fmt: skip
    assert subjects.asked == [[("c1", "e"), ("c2", "e")]]  # one batch read of the released cycles' records


def test_no_released_report_no_focus():
    class NoCycles:
        def latest(self, org: str, limit: int) -> list[Any]:
            return [Cycle("c3", "Autumn", "open")]

    assert Focus(NoCycles(), Subjects(), Reports())("o", "e") is None  # type: ignore[arg-type]


def test_the_open_goals_of_the_owner_are_one_query_away(aws: Any):
    for n, status in enumerate(("on_track", "done", "at_risk")):
        goal = Goal(org="o", id=f"g{n}", owner="e", title=f"Goal {n}", due=date(2030, 6, 30),
                    created_at=datetime(2030, 1, 1, n, tzinfo=UTC), created_by="e", status=status)  # fmt: skip
        GoalStore().create(goal, {"kind": "created"})
    shown = open_goals("o", "e")
    assert [g["id"] for g in shown["open"]] == ["g0", "g2"]
    assert shown["path"] == "/goals?owner=e" and shown["open"][0]["path"] == "/goals/g0"
