"""The people's queue messages: an HRIS's changes to the organisation, from the bus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from janus.kernel.errors import InvalidInput
from janus.kernel.messages import Message


@dataclass(frozen=True)
class EmployeesChanged(Message):
    """An HRIS's employee changes from the bus; ``time`` is when the HRIS said them."""

    KEY: ClassVar[str] = "detail-type"
    NAME: ClassVar[str] = "EmployeesChanged"
    VERSION: ClassVar[int | None] = None
    detail: dict[str, Any]
    time: str | None = None

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        detail = values.get("detail")
        if not isinstance(detail, dict) or not isinstance(detail.get("org"), str) or not detail["org"]:
            raise InvalidInput("an EmployeesChanged event must name its organisation in detail.org")
        return values

    @property
    def org(self) -> str:
        return str(self.detail["org"])

    @property
    def employees(self) -> list[Any]:
        return list(self.detail.get("employees") or [])

    @property
    def as_of(self) -> datetime | None:
        """When the HRIS said it: a row older than what is stored is stale."""
        return datetime.fromisoformat(self.time.replace("Z", "+00:00")) if self.time else None
