"""A recognition: praise from one person of the organisation to one or more others, naming one of the
organisation's values, with a message; public (everyone in the organisation reads it) unless private (only the
giver and the people it names read it; HR does not: it counts in HR's figures, its words stay with its people).
Also the calendar periods its figures and digest are kept by (UTC): the quarter and the ISO week."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

VISIBILITIES = ("public", "private")
MAX_TO = 10
MAX_MESSAGE = 1000


@dataclass(frozen=True)
class Recognition:
    org: str
    id: str
    giver: str
    to: tuple[str, ...]
    value: str
    message: str
    visibility: str
    given_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": self.giver,
            "to": list(self.to),
            "value": self.value,
            "message": self.message,
            "visibility": self.visibility,
            "given_at": self.given_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, org: str, data: Mapping[str, Any]) -> Recognition:
        return cls(
            org=org,
            id=data["id"],
            giver=data["from"],
            to=tuple(data["to"]),
            value=data["value"],
            message=data["message"],
            visibility=data["visibility"],
            given_at=datetime.fromisoformat(data["given_at"]),
        )

    def readable_by(self, reader: str) -> bool:
        return self.visibility == "public" or reader == self.giver or reader in self.to


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> date:
    """The Monday of an ISO week written as 2030-W10."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)
