"""An escalation case's improvement plan as actions of the person's development plan, so that it is an action
plan of the same kind as the rest: one ``case`` action a measure the plan names (a line of its measures), due at
its first review date. They show on the plan's page and, while open, on the check-in's agenda and the review's
page, as every open action does; the employee marks their progress and their managers comment.

When the case closes, its actions still open are marked ``done`` (a review found the performance improved) or
``dropped`` (closed otherwise). A message carries the whole plan: a duplicate adds nothing, and one that comes
late (the plan after the close) never reopens what the close ended.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from janus.development.messages import ImprovementPlan
from janus.development.plan import MAX_ACTIONS, MAX_TITLE, Action, Plan
from janus.development.store import PlanChanged, PlanStore
from janus.kernel import clock

MAX_MEASURES = 10  # a plan's measures as actions; the rest stay on the case
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s*")


def measures_of(text: str) -> list[str]:
    """The plan's measures, one a line (bullets and numbering taken off); the whole text when it is one line."""
    lines = [" ".join(_BULLET.sub("", line).split()) for line in text.splitlines()]
    measures = [line[:MAX_TITLE] for line in lines if line]
    return measures[:MAX_MEASURES]


def action_id(case_id: str, number: int) -> str:
    return f"{case_id}.m{number}"


def joined(plan: Plan, message: ImprovementPlan, now: datetime) -> tuple[Plan, list[dict[str, Any]]]:
    """The plan with the case's measures as actions, closed with the case; and the history entries (none when
    nothing changes)."""
    due = datetime.fromisoformat(message.first_review).date()
    actions = list(plan.actions)
    entries: list[dict[str, Any]] = []
    for number, measure in enumerate(measures_of(message.measures), start=1):
        wanted = action_id(message.case_id, number)
        if plan.action(wanted) is not None or len(actions) >= MAX_ACTIONS:
            continue
        actions.append(Action(id=wanted, kind="case", title=measure, due=due, case_id=message.case_id,
                              created_at=now, created_by=message.by, updated_at=now))  # fmt: skip
        entries.append({"at": now.isoformat(), "by": message.by, "kind": "action_added", "action_id": wanted,
                        "changes": {"title": {"from": None, "to": measure}}})  # fmt: skip
    if message.closed:
        status = "done" if message.improved else "dropped"
        for n, action in enumerate(actions):
            if action.case_id == message.case_id and action.is_open:
                actions[n] = replace(action, status=status, updated_at=now)
                entries.append({"at": now.isoformat(), "by": message.by, "kind": "action_changed",
                                "action_id": action.id, "changes": {"status": {"from": action.status, "to": status}},
                                "reason": "case_closed"})  # fmt: skip
    if not entries:
        return plan, []
    return replace(plan, actions=tuple(actions), updated_at=now), entries


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
