"""The development plans' queue message: an escalation case's improvement plan, agreed or ended (from the
escalations function, on the performance queue)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from janus.kernel.messages import Message


@dataclass(frozen=True)
class ImprovementPlan(Message):
    """A case's improvement plan as it stands: its measures, the date of its next review (the last one once the case
    is closed) in the organisation's time zone, and whether the case is closed (``improved`` when a review closed it
    so). Each message carries the whole plan, so that a duplicate or a late one changes nothing more."""

    NAME: ClassVar[str] = "improvement_plan"
    org: str
    employee_id: str
    case_id: str
    measures: str
    due: str  # ISO date
    closed: bool
    improved: bool
    by: str
