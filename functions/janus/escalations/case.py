"""Handling unacceptable performance: escalation cases that cannot be forgotten.

A case opens when a released report falls at or under the organisation's thresholds
(``causes_from_report``) or when a manager marks an employee's performance unacceptable
(cause ``manager_flag``). There is one case per employee per cause: the id is derived from
the organisation, the employee and the cause, so a replayed ReportReady event opens nothing new.

States and deadlines (``due``)::

    open          waiting for the owner's acknowledgement   due = opened + acknowledge_days
    acknowledged  waiting for the improvement plan          due = acknowledged + plan_days
    plan_agreed   follow-up reviews scheduled               due = the next review date
                  (plan date + review_days: 30, 60 and 90 days unless the plan names its own)
    closed        improved, or closed with HR's decision    due = None

A review's outcome is ``improved`` (the case closes), ``extended`` (the plan goes on: the next
scheduled review, or another one ``EXTENSION_DAYS`` later when none is left) or ``closed`` (with a
decision text). HR may close a case in any state, with a decision text.

Nobody can sit on a case: when a deadline passes, ``escalate`` hands the case one level up
(level 0 is the manager; 1 the manager's manager, with the HR lead told; 2 the next level up; ...),
or to the HR lead when there is nobody above, and gives it a fresh deadline. A schedule names the
deadline it was created for, so a replayed or stale schedule escalates once.

Who acts: the current owner or HR (role ``hr_admin``) acknowledges, agrees the plan and records
reviews; only HR closes a case outright.

Who sees a case: HR, the current owner, and the managers above the employee (directly or through
the chain). The employee concerned does not see the case list, even when they hold the HR role:
a case is the working file of the managers and HR who are accountable for the follow-up. The
employee learns of it from their manager, through the plan (expectations, support, measures and
review dates), which is what they need to act on; an HR administrator who is the subject of a case
must not be able to read or steer it.

Every case is a frozen value and every function returns a new one; the audit trail (``events``)
only ever grows, with who did what and when.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from janus.kernel import clock
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, Problem
from janus.people.organisation import EscalationRules

HR_ROLE = "hr_admin"
SYSTEM = "system"
STATES = ("open", "acknowledged", "plan_agreed", "closed")
OUTCOMES = ("improved", "extended", "closed")
MANAGER_FLAG = "manager_flag"
EXTENSION_DAYS = 30
MAX_TEXT = 4000
MAX_REVIEWS = 12


def _score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def causes_from_report(summary: Mapping[str, Any], rules: EscalationRules) -> list[str]:
    """The causes a ReportReady summary gives (thresholds inclusive; missing scores ignored)."""
    causes = []
    overall = _score(summary.get("others_overall"))
    if overall is not None and overall <= rules.others_overall_max:
        causes.append("others_overall")
    for competency_id, value in sorted((summary.get("competencies") or {}).items()):
        score = _score(value)
        if score is not None and score <= rules.competency_max:
            causes.append(f"competency:{competency_id}")
    return causes


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


def _iso(value: datetime | None) -> str | None:
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
            "scheduled": _iso(self.scheduled),
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
            "due": _iso(self.due),
            "plan": self.plan.as_dict() if self.plan else None,
            "reviews": [r.as_dict() for r in self.reviews],
            "events": [e.as_dict() for e in self.events],
            "opened_at": self.opened_at.isoformat(),
            "closed_at": _iso(self.closed_at),
            "decision": self.decision,
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
            version=int(data.get("version", 0)),
        )

    @property
    def pending_reviews(self) -> tuple[datetime, ...]:
        """The review dates not yet answered by a review (each review answers the earliest)."""
        return self.plan.review_dates[len(self.reviews) :] if self.plan else ()


def _record(case: Case, by: str, kind: str, at: datetime, **changes: Any) -> Case:
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
) -> Case:
    """A new case, owned by the employee's manager (the HR lead when there is none)."""
    now = clock.now()
    owner = manager_id or rules.hr_lead
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
    )
    return _record(base, by, "opened", now, detail={"cause": cause, "source": dict(source), "owner": owner})


def cases_from_report(
    org: str,
    employee_id: str,
    manager_id: str | None,
    cycle_id: str,
    summary: Mapping[str, Any],
    rules: EscalationRules,
) -> list[Case]:
    """The cases a ReportReady event opens (the store keeps only the first of each id)."""
    scores = {"others_overall": summary.get("others_overall")}
    scores.update({f"competency:{k}": v for k, v in (summary.get("competencies") or {}).items()})
    return [
        open_case(org, employee_id, manager_id, cause, {"cycle_id": cycle_id, "score": scores.get(cause)}, rules)
        for cause in causes_from_report(summary, rules)
    ]


def _text(body: Mapping[str, Any], name: str, problems: list[Problem]) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem("is required: a non-empty text", field=name))
        return ""
    if len(value) > MAX_TEXT:
        problems.append(Problem(f"is longer than {MAX_TEXT} characters", field=name))
        return ""
    return value.strip()


def _is_hr(roles: Collection[str]) -> bool:
    return HR_ROLE in roles


def flag(
    org: str,
    employee_id: str,
    manager_id: str | None,
    by: str,
    roles: Collection[str],
    note: Any,
    rules: EscalationRules,
) -> Case:
    """A manager (or HR) marks the employee's performance unacceptable: cause ``manager_flag``."""
    if by == employee_id:
        raise Forbidden("nobody flags their own performance")
    if by != manager_id and not _is_hr(roles):
        raise Forbidden("only the employee's manager or HR marks performance unacceptable")
    problems: list[Problem] = []
    text = _text({"note": note}, "note", problems)
    if problems:
        raise InvalidInput("say why performance is unacceptable", problems)
    return open_case(org, employee_id, manager_id, MANAGER_FLAG, {"by": by, "note": text}, rules, by=by)


# ---------------------------------------------------------------------------- the owner's steps


def _require_actor(case: Case, by: str, roles: Collection[str], action: str) -> None:
    if by == case.employee_id:
        raise Forbidden(f"the employee concerned cannot {action} their own case")
    if by != case.owner and not _is_hr(roles):
        raise Forbidden(f"only the case's owner ({case.owner or 'HR'}) or HR can {action} it")


def _require_state(case: Case, states: Sequence[str], action: str) -> None:
    if case.state not in states:
        raise Conflict(f"the case is {case.state}: it can be {action} only when it is {' or '.join(states)}")


def acknowledge(case: Case, by: str, roles: Collection[str], rules: EscalationRules) -> Case:
    """The owner takes the case on; the plan is due ``plan_days`` later."""
    _require_actor(case, by, roles, "acknowledge")
    _require_state(case, ("open",), "acknowledged")
    now = clock.now()
    due = now + timedelta(days=rules.plan_days)
    return _record(case, by, "acknowledged", now, state="acknowledged", due=due, detail={"due": due.isoformat()})


def _review_dates(value: Any, now: datetime, problems: list[Problem]) -> tuple[datetime, ...]:
    if not isinstance(value, list) or not value:
        problems.append(Problem("must be a non-empty list of dates and times with a UTC offset", field="review_dates"))
        return ()
    if len(value) > MAX_REVIEWS:
        problems.append(Problem(f"at most {MAX_REVIEWS} reviews", field="review_dates"))
        return ()
    dates = []
    for number, raw in enumerate(value):
        where = f"review_dates[{number}]"
        try:
            date = datetime.fromisoformat(raw.replace("Z", "+00:00")) if isinstance(raw, str) else None
        except ValueError:
            date = None
        if date is None or date.tzinfo is None:
            problems.append(Problem(f"'{raw}' is not a date and time with a UTC offset", field=where))
        elif date <= now:
            problems.append(Problem("must be in the future", field=where))
        else:
            dates.append(date.astimezone(UTC))
    if len(set(dates)) != len(dates):
        problems.append(Problem("names the same date twice", field="review_dates"))
    return tuple(sorted(dates))


def agree_plan(case: Case, by: str, roles: Collection[str], body: Any, rules: EscalationRules) -> Case:
    """The improvement plan: expectations, support, measures, and the review dates (plan + review_days)."""
    _require_actor(case, by, roles, "agree a plan for")
    _require_state(case, ("open", "acknowledged"), "given a plan")
    if not isinstance(body, Mapping):
        raise InvalidInput('send {"expectations": ..., "support": ..., "measures": ..., "review_dates": [...]}')
    now = clock.now()
    problems: list[Problem] = []
    texts = {name: _text(body, name, problems) for name in ("expectations", "support", "measures")}
    if body.get("review_dates") is None:
        dates = tuple(now + timedelta(days=d) for d in sorted(rules.review_days))
    else:
        dates = _review_dates(body["review_dates"], now, problems)
    if problems:
        raise InvalidInput("the plan is incomplete", problems)
    if case.state == "open":  # a plan implies the acknowledgement
        case = _record(case, by, "acknowledged", now, state="acknowledged", detail={"implied_by": "plan"})
    plan = Plan(**texts, review_dates=dates, agreed_at=now, agreed_by=by)
    return _record(case, by, "plan_agreed", now, state="plan_agreed", plan=plan, due=dates[0], detail=plan.as_dict())


def record_review(case: Case, by: str, roles: Collection[str], body: Any) -> Case:
    """A follow-up review: ``improved`` closes, ``extended`` goes on, ``closed`` closes with a decision."""
    _require_actor(case, by, roles, "review")
    _require_state(case, ("plan_agreed",), "reviewed")
    if not isinstance(body, Mapping):
        raise InvalidInput('send {"outcome": "improved" | "extended" | "closed", "notes": ..., "decision": ...}')
    problems: list[Problem] = []
    outcome = body.get("outcome")
    if outcome not in OUTCOMES:
        problems.append(Problem(f"must be one of {', '.join(OUTCOMES)}", field="outcome"))
    notes = _text(body, "notes", problems)
    decision = _text(body, "decision", problems) if outcome == "closed" else None
    if problems:
        raise InvalidInput("the review is incomplete", problems)
    assert case.plan is not None  # plan_agreed always has a plan
    now = clock.now()
    pending = case.pending_reviews
    entry = Review(now, by, outcome, notes, pending[0] if pending else None, decision)
    reviews = (*case.reviews, entry)
    detail: dict[str, Any] = {"outcome": outcome, "notes": notes, "scheduled": _iso(entry.scheduled)}
    if outcome != "extended":
        detail["decision"] = decision
        closed = {"state": "closed", "due": None, "closed_at": now, "decision": decision}
        return _record(case, by, "reviewed", now, reviews=reviews, detail=detail, **closed)
    plan = case.plan
    remaining = pending[1:]
    if not remaining:
        added = now + timedelta(days=EXTENSION_DAYS)
        plan = replace(plan, review_dates=(*plan.review_dates, added))
        remaining = (added,)
        detail["added_review"] = added.isoformat()
    detail["next_review"] = remaining[0].isoformat()
    return _record(case, by, "reviewed", now, reviews=reviews, plan=plan, due=remaining[0], detail=detail)


def close(case: Case, by: str, roles: Collection[str], decision: Any) -> Case:
    """HR closes the case, in any state but closed, with the decision in words."""
    if not _is_hr(roles) or by == case.employee_id:
        raise Forbidden("only HR closes a case outright")
    _require_state(case, ("open", "acknowledged", "plan_agreed"), "closed")
    problems: list[Problem] = []
    text = _text({"decision": decision}, "decision", problems)
    if problems:
        raise InvalidInput("say what was decided", problems)
    now = clock.now()
    detail = {"decision": text, "from_state": case.state}
    return _record(case, by, "closed", now, state="closed", due=None, closed_at=now, decision=text, detail=detail)


# ---------------------------------------------------------------------------- deadlines


def escalate(
    case: Case,
    now: datetime,
    manager_of: Callable[[str], str | None],
    rules: EscalationRules,
    *,
    due: datetime,
) -> tuple[Case, list[str]] | None:
    """A deadline passed: the case goes one level up, with a fresh deadline.

    ``due`` is the deadline the schedule was created for: when the case has moved on since
    (acknowledged, planned, reviewed, closed or already escalated), or the deadline has not yet
    come, nothing happens and the answer is None. Otherwise the answer is the new case and the
    people to tell (the new owner, the HR lead, the previous owner).
    """
    if case.state == "closed" or case.due is None or case.due != due or now < case.due:
        return None
    previous = case.owner
    above = manager_of(previous) if previous else None
    if above == case.employee_id:  # a broken hierarchy must not hand the case to its subject
        above = None
    owner = above or rules.hr_lead or previous
    new_due = now + timedelta(days=rules.acknowledge_days)
    missed = {"open": "acknowledgement", "acknowledged": "plan", "plan_agreed": "review"}[case.state]
    detail = {
        "missed": missed,
        "missed_due": due.isoformat(),
        "from": previous,
        "to": owner,
        "level": case.level + 1,
        "due": new_due.isoformat(),
    }
    escalated = _record(case, SYSTEM, "escalated", now, level=case.level + 1, owner=owner, due=new_due, detail=detail)
    notify = []
    for person in (owner, rules.hr_lead, previous):
        if person and person != case.employee_id and person not in notify:
            notify.append(person)
    return escalated, notify


# ---------------------------------------------------------------------------- who sees what


def visible_to(case: Case, caller_sub: str, roles: Collection[str], is_manager_of: Callable[[str, str], bool]) -> bool:
    """Whether the caller may see the case (see the module docstring).

    ``is_manager_of(manager_id, employee_id)`` is True when the manager is above the employee,
    directly or through the chain.
    """
    if caller_sub == case.employee_id:
        return False
    if _is_hr(roles) or caller_sub == case.owner:
        return True
    return is_manager_of(caller_sub, case.employee_id)
