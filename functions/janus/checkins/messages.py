"""What the check-ins put on the performance queue: a pair's slot falling due (its one-time schedule)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from janus.kernel.messages import Message


@dataclass(frozen=True)
class SlotDue(Message):
    """The pair's slot numbered ``slot`` is due; if no check-in was held since it was set, it was missed."""

    NAME: ClassVar[str] = "checkins_slot_due"
    org: str
    employee_id: str
    slot: int
    due: str  # when the slot fell due (ISO 8601)
