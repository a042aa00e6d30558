"""An escalation case: the value, its audit trail, and how one opens.

Handling unacceptable performance means cases that cannot be forgotten. A case opens when a
released report falls at or under the organisation's thresholds, or when a manager marks an
employee's performance unacceptable (``janus.escalations.opening``). There is one case per
employee per cause: the id is derived from the organisation, the employee and the cause, so a
replayed ReportReady event opens nothing new.

States and deadlines (``due``)::

    open          waiting for the owner's acknowledgement   due = opened + acknowledge_days
    acknowledged  waiting for the improvement plan          due = acknowledged + plan_days
    plan_agreed   follow-up reviews scheduled               due = the next review date
                  (plan date + review_days: 30, 60 and 90 days unless the plan names its own)
    closed        improved, or closed with HR's decision    due = None

The steps from one state to the next, the escalation of a missed deadline and who sees a case
are in ``janus.escalations.lifecycle``.

Every case is a frozen value and every function returns a new one; the audit trail (``events``)
only ever grows, with who did what and when.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from janus.kernel import clock
from janus.kernel.errors import Problem
from janus.people.organisation import EscalationRules

HR_ROLE = "hr_admin"
SYSTEM = "system"
STATES = ("open", "acknowledged", "plan_agreed", "closed")
MAX_TEXT = 4000


# ---------------------------------------------------------------------------- immutable values


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class CaseEvent:
    """One line of the audit trail: when, who (an employee id or "system"), what."""

    at: datetime
    by: str
    type: str
    detail: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "by": self.by, "type": self.type, "detail": _thaw(self.detail)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseEvent:
        return cls(datetime.fromisoformat(data["at"]), data["by"], data["type"], _freeze(data.get("detail") or {}))


@dataclass(frozen=True)
class Plan:
    """An improvement plan as agreed: what is expected, the support, the measures and the review dates."""

    expectations: str
    support: str
    measures: str
    review_dates: tuple[datetime, ...]  # the agreed dates, and any added by an "extended" review
    agreed_at: datetime
    agreed_by: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "expectations": self.expectations,
            "support": self.support,
            "measures": self.measures,
            "review_dates": [d.isoformat() for d in self.review_dates],
            "agreed_at": self.agreed_at.isoformat(),
            "agreed_by": self.agreed_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        return cls(
            expectations=data["expectations"],
            support=data["support"],
            measures=data["measures"],
            review_dates=tuple(datetime.fromisoformat(d) for d in data["review_dates"]),
            agreed_at=datetime.fromisoformat(data["agreed_at"]),
            agreed_by=data["agreed_by"],
        )


@dataclass(frozen=True)
class Review:
    """One review of a plan: when, by whom, its outcome and notes, and the review date it answered."""

    at: datetime
    by: str
    outcome: str
    notes: str
    scheduled: datetime | None  # the review date this review answered
    decision: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "by": self.by,
            "outcome": self.outcome,
            "notes": self.notes,
            "scheduled": iso(self.scheduled),
            "decision": self.decision,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Review:
        return cls(
            at=datetime.fromisoformat(data["at"]),
            by=data["by"],
            outcome=data["outcome"],
            notes=data["notes"],
            scheduled=_time(data.get("scheduled")),
            decision=data.get("decision"),
        )


@dataclass(frozen=True)
class Case:
    """An escalation case: whose performance, why it opened, where it stands on the ladder and its history."""

    id: str
    org: str
    employee_id: str
    manager_id: str | None
    cause: str
    source: Mapping[str, Any]
    state: str
    level: int
    owner: str | None  # None only when there is neither a manager nor an HR lead: HR as a whole
    due: datetime | None
    plan: Plan | None
    reviews: tuple[Review, ...]
    events: tuple[CaseEvent, ...]
    opened_at: datetime
    closed_at: datetime | None = None
    decision: str | None = None
    department: str | None = None  # the employee's when the case opened (None: opened before cases kept it)
    version: int = 0  # the store's optimistic lock; no domain function changes it

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "org": self.org,
            "employee_id": self.employee_id,
            "manager_id": self.manager_id,
            "cause": self.cause,
            "source": _thaw(self.source),
            "state": self.state,
            "level": self.level,
            "owner": self.owner,
            "due": iso(self.due),
            "plan": self.plan.as_dict() if self.plan else None,
            "reviews": [r.as_dict() for r in self.reviews],
            "events": [e.as_dict() for e in self.events],
            "opened_at": self.opened_at.isoformat(),
            "closed_at": iso(self.closed_at),
            "decision": self.decision,
            "department": self.department,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Case:
        return cls(
            id=data["id"],
            org=data["org"],
            employee_id=data["employee_id"],
            manager_id=data.get("manager_id"),
            cause=data["cause"],
            source=_freeze(data.get("source") or {}),
            state=data["state"],
            level=int(data["level"]),
            owner=data.get("owner"),
            due=_time(data.get("due")),
            plan=Plan.from_dict(data["plan"]) if data.get("plan") else None,
            reviews=tuple(Review.from_dict(r) for r in data.get("reviews") or []),
            events=tuple(CaseEvent.from_dict(e) for e in data.get("events") or []),
            opened_at=datetime.fromisoformat(data["opened_at"]),
            closed_at=_time(data.get("closed_at")),
            decision=data.get("decision"),
            department=data.get("department"),
            version=int(data.get("version", 0)),
        )

    @property
    def pending_reviews(self) -> tuple[datetime, ...]:
        """The review dates not yet answered by a review (each review answers the earliest)."""
        return self.plan.review_dates[len(self.reviews) :] if self.plan else ()


def record(case: Case, by: str, kind: str, at: datetime, **changes: Any) -> Case:
    """The one way a case changes: new values, and one more line at the end of the audit trail."""
    detail = changes.pop("detail", {})
    return replace(case, **changes, events=(*case.events, CaseEvent(at, by, kind, _freeze(detail))))


# ---------------------------------------------------------------------------- opening


def case_id(org: str, employee_id: str, cause: str) -> str:
    """One case per employee per cause: the same inputs always give the same id."""
    return "esc-" + hashlib.sha256(f"{org}\x1f{employee_id}\x1f{cause}".encode()).hexdigest()[:16]


def open_case(
    org: str,
    employee_id: str,
    manager_id: str | None,
    cause: str,
    source: Mapping[str, Any],
    rules: EscalationRules,
    by: str = SYSTEM,
    department: str | None = None,
) -> Case:
    """A new case, owned by the employee's manager (the HR lead when there is none; HR as a whole when the case
    is the HR lead's own), in the employee's department (HR filters the cases by it)."""
    now = clock.now()
    owner = next((p for p in (manager_id, rules.hr_lead) if p and p != employee_id), None)
    base = Case(
        id=case_id(org, employee_id, cause),
        org=org,
        employee_id=employee_id,
        manager_id=manager_id,
        cause=cause,
        source=_freeze(source),
        state="open",
        level=0,
        owner=owner,
        due=now + timedelta(days=rules.acknowledge_days),
        plan=None,
        reviews=(),
        events=(),
        opened_at=now,
        department=department,
    )
    return record(base, by, "opened", now, detail={"cause": cause, "source": dict(source), "owner": owner})


# ---------------------------------------------------------------------------- what every step checks


def required_text(body: Mapping[str, Any], name: str, problems: list[Problem]) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem("is required: a non-empty text", field=name))
        return ""
    if len(value) > MAX_TEXT:
        problems.append(Problem(f"is longer than {MAX_TEXT} characters", field=name))
        return ""
    return value.strip()


def is_hr(roles: Collection[str]) -> bool:
    return HR_ROLE in roles
