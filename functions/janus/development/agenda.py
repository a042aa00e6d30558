"""What a check-in's agenda takes from a person's development plan: their open actions, by one key read.

``open_actions(org, employee_id)`` is the seam for the check-ins capability: one GetItem on the plan item
(``ORG#<org>#DEV#<employee>``, ``PLAN``), no Query, nothing that grows with the organisation. It answers the
open and in-progress actions, due first (those without a due date last), as the API shows them."""

from __future__ import annotations

from datetime import date
from typing import Any

from janus.development.store import PlanStore


def open_actions(org: str, employee_id: str, plans: PlanStore | None = None) -> list[dict[str, Any]]:
    plan = (plans or PlanStore()).get(org, employee_id, consistent=False)
    if plan is None:
        return []
    found = [action for action in plan.actions if action.is_open]
    found.sort(key=lambda a: (a.due or date.max, a.id))
    return [action.as_dict() for action in found]
