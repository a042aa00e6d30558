"""An escalation case's improvement plan as actions of the person's development plan, so that it is an action
plan of the same kind as the rest: one ``case`` action a measure the plan names (a line of its measures), due at
its next review. They show first on the plan's page and, while open, on the check-in's agenda, as every open
action does; the employee marks their progress and their managers comment. Their wording and date are the plan's:
the employee does not change them or drop them (``janus.development.flow``).

A review that extends the plan moves the open actions' due date to the next review. When the case closes, its
actions still open are marked ``done`` (a review found the performance improved) or ``dropped`` (closed
otherwise), and all of them are closed with it: nobody reopens them. A message carries the whole plan: a duplicate
changes nothing, and one that comes late (the plan after the close) never reopens what the close ended. The
measures are added even to a plan that holds ``MAX_ACTIONS`` of the person's own: an agreed plan is not refused.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from janus.development.messages import ImprovementPlan
from janus.development.plan import MAX_TITLE, Action, Plan
from janus.development.store import PlanChanged, PlanStore
from janus.kernel import clock

MAX_MEASURES = 10  # a plan's measures as actions; the rest stay on the case
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")  # "- x", "2. x", "3) x"; not "1.5 hours" or "-10 %"


def measures_of(text: str) -> list[str]:
    """The plan's measures, one a line (bullets and numbering taken off); the whole text when it is one line."""
    lines = [" ".join(_BULLET.sub("", line).split()) for line in text.splitlines()]
    measures = [line[:MAX_TITLE] for line in lines if line]
    return measures[:MAX_MEASURES]


def action_id(case_id: str, number: int) -> str:
    return f"{case_id}.m{number}"


def joined(plan: Plan, message: ImprovementPlan, now: datetime) -> tuple[Plan, list[dict[str, Any]]]:
    """The plan with the case's measures as actions, due at its next review and closed with the case; and the
    history entries (none when nothing changes)."""
    due = date.fromisoformat(message.due)
    actions = list(plan.actions)
    entries: list[dict[str, Any]] = []

    def entry(kind: str, action_id: str, changes: dict[str, Any], **more: Any) -> None:
        entries.append({"at": now.isoformat(), "by": message.by, "kind": kind, "action_id": action_id,
                        "changes": changes, **more})  # fmt: skip

    for number, measure in enumerate(measures_of(message.measures), start=1):
        wanted = action_id(message.case_id, number)
        if plan.action(wanted) is None:
            actions.append(Action(id=wanted, kind="case", title=measure, due=due, case_id=message.case_id,
                                  created_at=now, created_by=message.by, updated_at=now))  # fmt: skip
            entry("action_added", wanted, {"title": {"from": None, "to": measure}})
    for n, action in enumerate(actions):
        if action.case_id != message.case_id or action.case_closed:
            continue
        if message.closed:
            status = ("done" if message.improved else "dropped") if action.is_open else action.status
            actions[n] = replace(action, status=status, case_closed=True, updated_at=now)
            changes = {"status": {"from": action.status, "to": status}} if status != action.status else {}
            entry("action_changed", action.id, changes, reason="case_closed")
        elif action.is_open and action.due != due:  # a review extended the plan: due at the next one
            actions[n] = replace(action, due=due, updated_at=now)
            entry("action_changed", action.id, {"due": {"from": _iso(action.due), "to": due.isoformat()}},
                  reason="case_reviewed")  # fmt: skip
    if not entries:
        return plan, []
    return replace(plan, actions=tuple(actions), updated_at=now), entries


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def apply(plans: PlanStore, message: ImprovementPlan, attempts: int = 5) -> int:
    """Join the case's plan to the person's development plan; the history entries written (0: nothing to do).
    A plan changed meanwhile is read again; after ``attempts`` the message fails and comes back from the queue."""
    for _ in range(attempts):
        plan = plans.get(message.org, message.employee_id) or Plan(message.org, message.employee_id)
        after, entries = joined(plan, message, clock.now())
        if not entries:
            return 0
        try:
            plans.save(plan, after, entries)
            return len(entries)
        except PlanChanged:
            continue
    raise PlanChanged(f"the development plan of {message.employee_id} kept changing")
