"""A check-in: one conversation of a pair, an employee and their manager. Its shared agenda (topics, each with
its author and the side they are on), shared notes, the action items it lists, and the development focus of
the employee's latest released 360 report as it stood when the check-in was made.

Private notes are not part of a check-in: each author's are an item of their own, read by that key alone
(``janus.checkins.store``), so that nothing that shows a check-in can carry them.

Action items belong to the pair: raised in one check-in, listed by it and by every later check-in of the pair
until they are done; marking one done in any of them marks the one item done (docs/architecture.md,
"Check-ins").
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from janus.kernel.errors import Problem

CADENCES = ("weekly", "fortnightly", "monthly")
STATES = ("open", "completed")
MAX_TEXT = 1000  # a topic's or an action's words
MAX_NOTES = 10_000
MAX_TOPICS = 50
MAX_ACTIONS = 50  # listed by one check-in, carried ones included; and open at once for a pair


def after(cadence: str, at: datetime) -> datetime:
    """The next slot one cadence after ``at`` (a month keeps the day, or the month's last)."""
    if cadence == "weekly":
        return at + timedelta(days=7)
    if cadence == "fortnightly":
        return at + timedelta(days=14)
    year, month = (at.year + 1, 1) if at.month == 12 else (at.year, at.month + 1)
    return at.replace(year=year, month=month, day=min(at.day, calendar.monthrange(year, month)[1]))


def parse_date(value: str, field_name: str, problems: list[Problem]) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(Problem("must be a date, YYYY-MM-DD", field_name))
        return None


def words(value: str, field_name: str, problems: list[Problem], limit: int = MAX_TEXT) -> str:
    """Text with its runs of spaces made one; empty is a problem."""
    cleaned = " ".join(value.split())
    if not cleaned:
        problems.append(Problem("must not be empty", field_name))
    elif len(cleaned) > limit:
        problems.append(Problem(f"is {len(cleaned)} characters; at most {limit}", field_name))
    return cleaned


@dataclass(frozen=True)
class CheckIn:
    org: str
    id: str
    employee_id: str
    manager_id: str
    department: str
    date: str  # YYYY-MM-DD
    created_at: str
    created_by: str
    state: str = "open"
    topics: tuple[dict[str, Any], ...] = ()  # {"id", "text", "by", "side", "at"}
    shared_notes: dict[str, Any] | None = None  # {"text", "by", "at"}
    action_ids: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()  # the action ids it took over from the pair's earlier check-ins
    focus: dict[str, Any] | None = None
    completed_at: str | None = None
    completed_by: str | None = None
    version: int = field(default=0, compare=False)

    def side_of(self, person: str) -> str | None:
        """ "employee" or "manager" for the two people of the pair; None for anyone else."""
        return "employee" if person == self.employee_id else "manager" if person == self.manager_id else None

    def stored(self) -> dict[str, Any]:
        """The JSON kept in the table (everything but the org, the id and the version)."""
        return {
            "employee_id": self.employee_id,
            "manager_id": self.manager_id,
            "department": self.department,
            "date": self.date,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "state": self.state,
            "topics": [dict(t) for t in self.topics],
            "shared_notes": dict(self.shared_notes) if self.shared_notes else None,
            "action_ids": list(self.action_ids),
            "carried": list(self.carried),
            "focus": self.focus,
            "completed_at": self.completed_at,
            "completed_by": self.completed_by,
        }

    @classmethod
    def from_stored(cls, org: str, check_in_id: str, data: Mapping[str, Any], version: int) -> CheckIn:
        return cls(
            org=org,
            id=check_in_id,
            employee_id=data["employee_id"],
            manager_id=data["manager_id"],
            department=data["department"],
            date=data["date"],
            created_at=data["created_at"],
            created_by=data["created_by"],
            state=data["state"],
            topics=tuple(data.get("topics") or ()),
            shared_notes=data.get("shared_notes"),
            action_ids=tuple(data.get("action_ids") or ()),
            carried=tuple(data.get("carried") or ()),
            focus=data.get("focus"),
            completed_at=data.get("completed_at"),
            completed_by=data.get("completed_by"),
            version=version,
        )

    def summary(self) -> dict[str, Any]:
        """What a list shows of a check-in: never its notes."""
        return {
            "id": self.id,
            "employee_id": self.employee_id,
            "manager_id": self.manager_id,
            "date": self.date,
            "state": self.state,
            "topics": len(self.topics),
            "actions": len(self.action_ids),
            "completed_at": self.completed_at,
        }

    def as_dict(self) -> dict[str, Any]:
        """The shared check-in, as every reader may see it (private notes are never part of it)."""
        data = self.stored()
        data.pop("department")
        return {"id": self.id, **data, "version": self.version}

    def with_topic(self, topic: dict[str, Any]) -> CheckIn:
        return replace(self, topics=(*self.topics, topic))

    def with_action(self, action_id: str) -> CheckIn:
        return replace(self, action_ids=(*self.action_ids, action_id))
