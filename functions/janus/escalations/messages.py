"""The escalations' queue messages: a case's deadline from its schedule, and a built report from the bus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from janus.kernel.messages import Message


@dataclass(frozen=True)
class CaseDue(Message):
    """A case's one schedule fired; ``due`` is the deadline it was made for (a moved deadline makes it stale)."""

    NAME: ClassVar[str] = "due"
    org: str
    case_id: str
    due: str


@dataclass(frozen=True)
class ReportReady(Message):
    """A subject's report has new content (from the reports function, through the bus)."""

    KEY: ClassVar[str] = "detail-type"
    NAME: ClassVar[str] = "ReportReady"
    VERSION: ClassVar[int | None] = None
    detail: dict[str, Any]


@dataclass(frozen=True)
class ReviewConcern(Message):
    """A review's manager part marked performance unacceptable, or its overall rating is at the bottom of the scale
    (from the performance function): one case per person and review."""

    NAME: ClassVar[str] = "review_concern"
    org: str
    employee_id: str
    manager_id: str | None
    review_id: str
    cycle_id: str
    reasons: tuple[str, ...]
    rating: int | None
    by: str

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "reasons": tuple(values["reasons"])}
