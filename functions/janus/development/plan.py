"""A person's development plan: their career aspirations and their actions, each with a status, a due date, a
note and their managers' comments. Actions come from three places (``kind``): ``report`` (seeded from the
coaching recommendations of the lowest-rated competencies in a released 360 report, linked to the competency),
``own`` (the person's own) and ``case`` (a measure of an escalation case's agreed improvement plan, added by
``janus.development.improvement``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

KINDS = ("report", "own", "case")
STATUSES = ("open", "in_progress", "done", "dropped")
OPEN = ("open", "in_progress")
MAX_ACTIONS = 60  # a plan is one item: its actions stay well under DynamoDB's 400 KB
MAX_TITLE = 300
MAX_NOTE = 1000
MAX_COMMENT = 1000
MAX_COMMENTS = 20  # the newest kept on an action; every comment stays in the history
MAX_ASPIRATIONS = 2000


@dataclass(frozen=True)
class Action:
    id: str
    kind: str
    title: str
    status: str = "open"
    due: date | None = None
    note: str | None = None
    competency: str | None = None
    competency_name: str | None = None
    cycle_id: str | None = None
    case_id: str | None = None  # a ``case`` action: the escalation case whose improvement plan names it
    case_closed: bool = False  # ... and that case has closed: the action stays as the close left it
    comments: tuple[dict[str, str], ...] = ()  # {"by", "at", "text"}, oldest first
    created_at: datetime | None = None
    created_by: str | None = None
    updated_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "due": self.due.isoformat() if self.due else None,
            "note": self.note,
            "competency": self.competency,
            "competency_name": self.competency_name,
            "cycle_id": self.cycle_id,
            "case_id": self.case_id,
            "case_closed": self.case_closed,
            "comments": [dict(c) for c in self.comments],
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "created_by": self.created_by,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Action:
        def when(name: str) -> datetime | None:
            return datetime.fromisoformat(data[name]) if data.get(name) else None

        return cls(
            id=data["id"],
            kind=data["kind"],
            title=data["title"],
            status=data.get("status", "open"),
            due=date.fromisoformat(data["due"]) if data.get("due") else None,
            note=data.get("note"),
            competency=data.get("competency"),
            competency_name=data.get("competency_name"),
            cycle_id=data.get("cycle_id"),
            case_id=data.get("case_id"),
            case_closed=bool(data.get("case_closed")),
            comments=tuple(dict(c) for c in data.get("comments") or ()),
            created_at=when("created_at"),
            created_by=data.get("created_by"),
            updated_at=when("updated_at"),
        )


@dataclass(frozen=True)
class Plan:
    org: str
    employee_id: str
    aspirations: str | None = None
    seeded_from: tuple[str, ...] = ()  # the cycles whose reports seeded actions, oldest first
    actions: tuple[Action, ...] = ()
    next_action: int = 1
    version: int = 0  # 0: not saved yet
    updated_at: datetime | None = None

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def with_action(self, action: Action) -> Plan:
        return replace(self, actions=tuple(action if a.id == action.id else a for a in self.actions))

    def stored(self) -> dict[str, Any]:
        return {
            "aspirations": self.aspirations,
            "seeded_from": list(self.seeded_from),
            "actions": [a.as_dict() for a in self.actions],
            "next_action": self.next_action,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }

    @classmethod
    def from_stored(cls, org: str, employee_id: str, data: Mapping[str, Any], version: int) -> Plan:
        return cls(
            org=org,
            employee_id=employee_id,
            aspirations=data.get("aspirations"),
            seeded_from=tuple(data.get("seeded_from") or ()),
            actions=tuple(Action.from_dict(a) for a in data.get("actions") or ()),
            next_action=int(data.get("next_action", 1)),
            version=version,
            updated_at=datetime.fromisoformat(data["updated_at"]) if data.get("updated_at") else None,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "employee_id": self.employee_id,
            "aspirations": self.aspirations,
            "seeded_from": list(self.seeded_from),
            "actions": [a.as_dict() for a in self.actions],
            "version": self.version,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


@dataclass(frozen=True)
class Seed:
    """What a released report gives a plan: its cycle, and per lowest-rated competency its coaching
    recommendations (``{"competency", "name", "items"}``, as the report lists them)."""

    cycle_id: str
    recommendations: tuple[Mapping[str, Any], ...] = field(default_factory=tuple)
