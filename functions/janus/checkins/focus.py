"""What an agenda puts one click away: the employee's open goals (one Query of the goals' owner index) and the
development focus of their latest released 360 report (the organisation's newest cycles, one Query; the
employee's subject records in the released ones, one BatchGetItem; the report itself, once, when a check-in
is made: the check-in keeps the focus as it stood)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from janus.goals.store import owner_shard
from janus.kernel.console import report_page
from janus.store.items import GoalItem

if TYPE_CHECKING:  # made on the first check-in made: the function's cold start does not load the rounds
    from janus.reports.store import ReportStore
    from janus.rounds.store_cycles import CycleStore
    from janus.rounds.store_subjects import SubjectStore

RECENT_CYCLES = 20  # the organisation's newest cycles looked through for the latest released report
GOALS_SHOWN = 20


def open_goals(org: str, owner: str) -> dict[str, Any]:
    """The owner's open goals, by id and title, and where the rest of them are (``GET /goals?owner=``)."""
    result = GoalItem.by_owner.query(
        f"ORG#{org}#GOALS#OPEN#{owner_shard(owner)}",
        GoalItem.GSI1SK.startswith(f"{owner}#"),
        limit=GOALS_SHOWN,
        page_size=GOALS_SHOWN,
    )
    goals = [
        {
            "id": item.goal_id,
            "title": item.goal.get("title"),
            "status": item.status,
            "due": item.goal.get("due"),
            "path": f"/goals/{item.goal_id}",
        }
        for item in result
    ]
    return {"open": goals, "path": f"/goals?owner={owner}", "console": "/my-goals"}


class Focus:
    """The lowest-rated competencies of an employee's latest released report, and the way to the report."""

    def __init__(self, cycles: CycleStore, subjects: SubjectStore, reports: ReportStore):
        self._cycles = cycles
        self._subjects = subjects
        self._reports = reports

    def __call__(self, org: str, employee_id: str) -> dict[str, Any] | None:
        released = [c for c in self._cycles.latest(org, limit=RECENT_CYCLES) if c.state == "released"]
        if not released:
            return None
        reported = {
            s.cycle_id
            for s in self._subjects.get_pairs(org, [(c.id, employee_id) for c in released])
            if s.report_digest
        }
        for cycle in released:  # newest first
            if cycle.id not in reported:
                continue
            body = self._reports.get(org, cycle.id, employee_id, "json")
            if body is None:
                continue
            report = json.loads(body)
            return {
                "cycle_id": cycle.id,
                "cycle_name": cycle.name,
                "report_path": report_page(cycle.id, employee_id),
                "competencies": [
                    {"id": r["competency"], "name": r.get("name")} for r in report.get("recommendations") or []
                ],
            }
        return None
