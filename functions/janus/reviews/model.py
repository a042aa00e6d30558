"""Review cycles and reviews: what they hold and the rules of their states, without any storage.

A review cycle is an update discussion (``update``, mid-cycle) or an appraisal (``appraisal``, end of cycle)
for a set of employees, with a deadline and a rating scale. Its states:
``draft --launch--> open --close--> closed --release--> released``. Launch creates one review per person;
parts are written while the cycle is open; HR calibrates before release; the employee sees the manager's part
after release and acknowledges it.

A review holds the employee's self part and the manager's part, each a draft until submitted; the manager's
has the overall rating (a point of the cycle's scale) and may mark performance unacceptable. A calibration by
HR sets the rating that counts, with a reason kept in the review's history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from janus.kernel.errors import Conflict, InvalidInput, Problem
from janus.people.organisation import DEFAULT_SCALE as DEFAULT_SCALE  # the organisation's scale, unless it set one
from janus.people.organisation import MAX_LABEL as MAX_LABEL
from janus.people.organisation import MAX_SCALE as MAX_SCALE
from janus.people.organisation import MIN_SCALE as MIN_SCALE
from janus.people.organisation import parse_scale as parse_scale

KINDS = ("update", "appraisal")
STATES = ("draft", "open", "closed", "released")
EVENTS = {"launch": (("draft",), "open"), "close": (("open",), "closed"), "release": (("closed",), "released")}
PART_STATUSES = ("pending", "draft", "submitted")

MAX_NAME = 200
MAX_TEXT = 5000
MAX_COMMENT = 2000
MAX_REASON = 1000
MAX_SELECTED = 1000  # employees a cycle names; more, and it is for everyone
MAX_GOAL_NOTES = 50


@dataclass(frozen=True)
class ReviewCycle:
    id: str
    org: str
    name: str
    kind: str
    deadline: datetime
    time_zone: str
    rating_scale: tuple[str, ...]
    employees: tuple[str, ...] | None  # None: every active employee
    state: str
    created_at: datetime
    created_by: str
    launched_at: datetime | None = None
    version: int = 0

    def stored(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "deadline": self.deadline.isoformat(),
            "time_zone": self.time_zone,
            "rating_scale": list(self.rating_scale),
            "employees": list(self.employees) if self.employees is not None else None,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "launched_at": self.launched_at.isoformat() if self.launched_at else None,
        }

    @classmethod
    def from_stored(cls, org: str, cycle_id: str, state: str, version: int, data: Mapping[str, Any]) -> ReviewCycle:
        return cls(
            id=cycle_id,
            org=org,
            name=data["name"],
            kind=data["kind"],
            deadline=datetime.fromisoformat(data["deadline"]),
            time_zone=data["time_zone"],
            rating_scale=tuple(data["rating_scale"]),
            employees=tuple(data["employees"]) if data.get("employees") is not None else None,
            state=state,
            created_at=datetime.fromisoformat(data["created_at"]),
            created_by=data["created_by"],
            launched_at=datetime.fromisoformat(data["launched_at"]) if data.get("launched_at") else None,
            version=version,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "version": self.version,
            **self.stored(),
            "employees": "everyone" if self.employees is None else list(self.employees),
        }


def next_state(cycle: ReviewCycle, event: str) -> str:
    """The state ``event`` takes the cycle to; 409 when its state does not allow it."""
    allowed, to = EVENTS[event]
    if cycle.state not in allowed:
        raise Conflict(f"a review cycle that is {cycle.state} cannot be {event}ed; it must be {' or '.join(allowed)}")
    return to


@dataclass(frozen=True)
class Review:
    id: str
    org: str
    cycle_id: str
    kind: str
    employee_id: str
    employee_name: str
    manager_id: str | None
    department: str
    job_class: str
    competencies: tuple[str, ...]
    rating_scale: tuple[str, ...]
    deadline: datetime
    time_zone: str
    created_at: datetime
    self_part: dict[str, Any] = field(default_factory=dict)
    manager_part: dict[str, Any] = field(default_factory=dict)
    calibrated_rating: int | None = None
    acknowledged: dict[str, Any] | None = None
    version: int = 0

    @property
    def self_status(self) -> str:
        return str(self.self_part.get("status", "pending"))

    @property
    def manager_status(self) -> str:
        return str(self.manager_part.get("status", "pending"))

    @property
    def overall_rating(self) -> int | None:
        """The rating that counts: HR's calibration, else the manager's submitted rating."""
        if self.calibrated_rating is not None:
            return self.calibrated_rating
        if self.manager_status == "submitted":
            return self.manager_part.get("overall_rating")
        return None

    def stored(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "employee_name": self.employee_name,
            "department": self.department,
            "job_class": self.job_class,
            "competencies": list(self.competencies),
            "rating_scale": list(self.rating_scale),
            "deadline": self.deadline.isoformat(),
            "time_zone": self.time_zone,
            "created_at": self.created_at.isoformat(),
            "self": self.self_part,
            "manager": self.manager_part,
            "calibrated_rating": self.calibrated_rating,
            "acknowledged": self.acknowledged,
        }

    @classmethod
    def from_stored(
        cls, org: str, review_id: str, cycle_id: str, employee_id: str, manager_id: str | None, version: int,
        data: Mapping[str, Any],
    ) -> Review:  # fmt: skip
        return cls(
            id=review_id,
            org=org,
            cycle_id=cycle_id,
            kind=data["kind"],
            employee_id=employee_id,
            employee_name=data.get("employee_name", ""),
            manager_id=manager_id,
            department=data.get("department", ""),
            job_class=data.get("job_class", ""),
            competencies=tuple(data.get("competencies") or ()),
            rating_scale=tuple(data["rating_scale"]),
            deadline=datetime.fromisoformat(data["deadline"]),
            time_zone=data["time_zone"],
            created_at=datetime.fromisoformat(data["created_at"]),
            self_part=dict(data.get("self") or {}),
            manager_part=dict(data.get("manager") or {}),
            calibrated_rating=data.get("calibrated_rating"),
            acknowledged=data.get("acknowledged"),
            version=version,
        )

    def as_dict(self, *, manager_part_shown: bool) -> dict[str, Any]:
        manager = dict(self.manager_part) if manager_part_shown else {"status": self.manager_status}
        shown: dict[str, Any] = {
            "id": self.id,
            "cycle_id": self.cycle_id,
            "kind": self.kind,
            "employee_id": self.employee_id,
            "employee_name": self.employee_name,
            "manager_id": self.manager_id,
            "department": self.department,
            "job_class": self.job_class,
            "competencies": list(self.competencies),
            "rating_scale": list(self.rating_scale),
            "deadline": self.deadline.isoformat(),
            "time_zone": self.time_zone,
            "created_at": self.created_at.isoformat(),
            "version": self.version,
            "self": {"status": "pending", **self.self_part},
            "manager": {"status": "pending", **manager},
            "acknowledged": self.acknowledged,
        }
        if manager_part_shown:
            shown["calibrated_rating"] = self.calibrated_rating
            shown["overall_rating"] = self.overall_rating
        return shown


def review_id(cycle_id: str, employee_id: str) -> str:
    """One review per person and cycle: the same inputs give the same id, so a launch page delivered twice
    creates each review once."""
    return f"{cycle_id}.{employee_id}"


# ---------------------------------------------------------------------------- parts


def _text(body: Mapping[str, Any], name: str, limit: int, problems: list[Problem]) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > limit:
        problems.append(Problem(f"is {len(text)} characters; at most {limit}", name))
    return text


def _rating(value: Any, scale: tuple[str, ...], where: str, problems: list[Problem]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= len(scale):
        problems.append(Problem(f"must be a whole number from 1 to {len(scale)}", where))
        return None
    return int(value)


def part_from(body: Mapping[str, Any], review: Review, manager: bool) -> dict[str, Any]:
    """A part's content from a draft: its summary, a note per goal, a rating and comment per competency of the
    review; the manager's also the overall rating and whether performance is unacceptable. What the draft
    leaves out is empty. Every problem named at once (400)."""
    problems: list[Problem] = []
    part: dict[str, Any] = {"summary": _text(body, "summary", MAX_TEXT, problems) or ""}
    goals = body.get("goals") or {}
    if len(goals) > MAX_GOAL_NOTES:
        problems.append(Problem(f"has {len(goals)} notes; at most {MAX_GOAL_NOTES}", "goals"))
    part["goals"] = {
        str(goal_id): text
        for goal_id, note in goals.items()
        if (text := _text({"note": note}, "note", MAX_COMMENT, problems))
    }
    ratings: dict[str, dict[str, Any]] = {}
    for competency_id, entry in (body.get("competencies") or {}).items():
        where = f"competencies.{competency_id}"
        if competency_id not in review.competencies:
            problems.append(Problem("is not one of this review's competencies", where))
            continue
        rating = _rating(entry.get("rating"), review.rating_scale, f"{where}.rating", problems)
        comment = _text(entry, "comment", MAX_COMMENT, problems) or ""
        if rating is not None or comment:
            ratings[competency_id] = {"rating": rating, "comment": comment}
    part["competencies"] = ratings
    if manager:
        part["overall_rating"] = _rating(body.get("overall_rating"), review.rating_scale, "overall_rating", problems)
        part["unacceptable"] = bool(body.get("unacceptable", False))
    elif "overall_rating" in body or "unacceptable" in body:
        problems.append(
            Problem("is the manager's to give", "overall_rating" if "overall_rating" in body else "unacceptable")
        )
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the draft; nothing was saved", problems)
    return part


def ready_to_submit(part: Mapping[str, Any], manager: bool) -> list[Problem]:
    """What a part needs before it is submitted: a summary; the manager's also an overall rating."""
    problems = []
    if not part.get("summary"):
        problems.append(Problem("write a summary before submitting", "summary"))
    if manager and part.get("overall_rating") is None:
        problems.append(Problem("give an overall rating before submitting", "overall_rating"))
    return problems


def with_part(review: Review, manager: bool, part: dict[str, Any]) -> Review:
    return replace(review, manager_part=part) if manager else replace(review, self_part=part)


def concerning(review: Review) -> list[str]:
    """Why the review opens an escalation case: the manager marked performance unacceptable, or the rating that
    counts is at the bottom of the scale."""
    reasons = []
    if review.manager_status == "submitted" and review.manager_part.get("unacceptable"):
        reasons.append("unacceptable")
    if review.overall_rating == 1:
        reasons.append("bottom_rating")
    return reasons
