"""A cycle as HR asks for it (``POST /cycles``): its fields checked whole, every problem named at once,
before its subjects are derived; and a deadline as a moment or as a day that ends in the organisation's
time zone (``extend`` takes one too)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any

from janus.kernel import clock
from janus.kernel.errors import InvalidInput, Problem
from janus.library import select_competencies
from janus.people.employees import Employee
from janus.people.names import department_key
from janus.rounds.cycle import (
    ALL_EMPLOYEES,
    DEFAULT_BOUNDS,
    GROUPS_BY_KIND,
    KINDS,
    MAX_SUBJECTS,
    CycleConfig,
)


@dataclass(frozen=True)
class NewCycle:
    """A cycle HR asked for, checked: what creating it needs before its subjects are derived."""

    name: str
    kind: str
    deadline: datetime
    subjects: tuple[str, ...]
    config: CycleConfig
    time_zone: str = "UTC"
    departments: tuple[str, ...] = ()  # with no subjects listed: every active employee of these departments


def _int(value: Any, name: str, low: int, high: int, problems: list[Problem]) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(Problem(f"must be a whole number from {low} to {high}", field=name))
        return None
    return value


def end_of_day(day: date, time_zone: str) -> datetime:
    """The last second of ``day`` as the clocks of ``time_zone`` show it."""
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(time_zone))


def parse_deadline(value: Any, name: str, problems: list[Problem], time_zone: str = "UTC") -> datetime | None:
    """A date and time with a UTC offset, or a date: the end of that day in ``time_zone`` (the organisation's)."""
    if not isinstance(value, str):
        problems.append(Problem("is required: a date, or a date and time with a UTC offset", field=name))
        return None
    try:
        if len(value.strip()) == len("2026-12-15"):
            deadline = end_of_day(date.fromisoformat(value.strip()), time_zone)
        else:
            deadline = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        example = "2026-12-15 or 2026-12-15T17:00:00+01:00"
        problems.append(Problem(f"'{value}' is not a date or a date and time such as {example}", field=name))
        return None
    if deadline.tzinfo is None:
        problems.append(Problem("needs a UTC offset, such as +01:00 or Z", field=name))
        return None
    if deadline <= clock.now():
        problems.append(Problem("must be in the future", field=name))
        return None
    return deadline.astimezone(UTC)


def _bounds(value: Any, kind: str, problems: list[Problem]) -> dict[str, tuple[int, int]]:
    bounds = {group: DEFAULT_BOUNDS[group] for group in GROUPS_BY_KIND[kind]}
    if value is None:
        return bounds
    if not isinstance(value, dict):
        problems.append(Problem('must be an object such as {"peer": {"min": 3, "max": 6}}', field="raters"))
        return bounds
    for group, limits in value.items():
        where = f"raters.{group}"
        if group not in bounds or group == "self":
            problems.append(Problem(f"'{group}' is not a rater group of a {kind} cycle", field=where))
            continue
        if not isinstance(limits, dict):
            problems.append(Problem('must be {"min": n, "max": n}', field=where))
            continue
        low = _int(limits.get("min", bounds[group][0]), f"{where}.min", 0, 50, problems)
        high = _int(limits.get("max", bounds[group][1]), f"{where}.max", 0, 50, problems)
        if low is not None and high is not None:
            if low > high:
                problems.append(Problem("min is greater than max", field=where))
            else:
                bounds[group] = (low, high)
    return bounds


def _reminders(value: Any, problems: list[Problem]) -> tuple[tuple[int, ...], int]:
    if value is None:
        return (7, 3, 1), 3
    if not isinstance(value, dict):
        problems.append(Problem('must be {"days_before": [7, 3, 1], "max": 3}', field="reminders"))
        return (7, 3, 1), 3
    days = value.get("days_before", [7, 3, 1])
    if not isinstance(days, list) or not all(isinstance(d, int) and 0 <= d <= 60 for d in days):
        problems.append(Problem("must be a list of whole days from 0 to 60", field="reminders.days_before"))
        days = [7, 3, 1]
    most = _int(value.get("max", 3), "reminders.max", 0, 10, problems)
    return tuple(sorted(set(days), reverse=True)), most if most is not None else 3


def _departments(value: Any, listed: bool, problems: list[Problem]) -> tuple[str, ...]:
    """The departments whose active employees are the subjects, when no subjects are listed."""
    if value is None:
        return ()
    if listed:
        problems.append(Problem("give either the subjects or their departments, not both", field="departments"))
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(d, str) and d.strip() for d in value):
        problems.append(Problem("must be a list of department names", field="departments"))
        return ()
    return tuple(dict.fromkeys(d.strip() for d in value))


def _subjects(value: Any, problems: list[Problem]) -> Sequence[str]:
    if value is ALL_EMPLOYEES:
        return value  # every active employee: the caller resolves it
    if not isinstance(value, list) or not value or not all(isinstance(s, str) and s for s in value):
        message = "must be a list of employee ids (leave it out for every active employee)"
        problems.append(Problem(message, field="subjects"))
        return []
    if len(value) > MAX_SUBJECTS:
        problems.append(Problem(f"at most {MAX_SUBJECTS} subjects per cycle", field="subjects"))
    elif len(set(value)) != len(value):
        problems.append(Problem("lists an employee more than once", field="subjects"))
    return value


def parse_new_cycle(body: Any, time_zone: str = "UTC", default_threshold: int = 3) -> NewCycle:
    """A cycle from HR's request, with every problem reported at once; a deadline given as a date ends with
    that day in ``time_zone``, the organisation's, and a cycle that names no anonymity threshold gets
    ``default_threshold``, the organisation's."""
    if not isinstance(body, dict):
        raise InvalidInput("send a JSON object describing the cycle")
    problems: list[Problem] = []
    known = {
        "name",
        "kind",
        "deadline",
        "subjects",
        "departments",
        "competencies",
        "anonymity_threshold",
        "manager_identified",
        "workload_cap",
        "raters",
        "reminders",
    }
    problems += [Problem("is not a known field", field=str(key)) for key in body if key not in known]
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 120:
        problems.append(Problem("is required: up to 120 characters", field="name"))
    kind = body.get("kind")
    if kind not in KINDS:
        problems.append(Problem(f"must be one of {', '.join(KINDS)}", field="kind"))
        kind = "360"
    deadline = parse_deadline(body.get("deadline"), "deadline", problems, time_zone)
    subjects = _subjects(body.get("subjects", ALL_EMPLOYEES), problems)
    departments = _departments(body.get("departments"), subjects is not ALL_EMPLOYEES, problems)
    competencies = body.get("competencies")
    if competencies is not None:
        if not isinstance(competencies, list):
            problems.append(Problem("must be a list of competency ids", field="competencies"))
            competencies = None
        else:
            try:
                competencies = list(select_competencies(None, competencies))
            except InvalidInput as error:
                problems += error.problems
    threshold = _int(body.get("anonymity_threshold", default_threshold), "anonymity_threshold", 2, 10, problems)
    cap = _int(body.get("workload_cap", 8), "workload_cap", 1, 50, problems)
    identified = body.get("manager_identified", True)
    if not isinstance(identified, bool):
        problems.append(Problem("must be true or false", field="manager_identified"))
    bounds = _bounds(body.get("raters"), kind, problems)
    reminder_days, reminder_max = _reminders(body.get("reminders"), problems)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the cycle; nothing was created", problems)
    assert deadline is not None and threshold is not None and cap is not None
    config = CycleConfig(
        competencies=tuple(competencies) if competencies else None,
        anonymity_threshold=threshold,
        manager_identified=bool(identified),
        workload_cap=cap,
        bounds=bounds,
        reminder_days=reminder_days,
        reminder_max=reminder_max,
    )
    return NewCycle(
        name=str(name).strip(),
        kind=kind,
        deadline=deadline,
        subjects=tuple(subjects),
        config=config,
        time_zone=time_zone,
        departments=departments,
    )


def with_subjects(new: NewCycle, subjects: Sequence[str]) -> NewCycle:
    if not subjects:
        raise InvalidInput("the organisation has no active employees to review", [Problem("no subjects", "subjects")])
    if len(subjects) > MAX_SUBJECTS:
        raise InvalidInput(
            f"the organisation has more than {MAX_SUBJECTS} active employees: list the subjects of this cycle",
            [Problem(f"at most {MAX_SUBJECTS} subjects per cycle", field="subjects")],
        )
    return replace(new, subjects=tuple(subjects))


def with_departments(new: NewCycle, employees: Iterable[Employee]) -> NewCycle:
    """The subjects of a cycle for some departments: their active employees. A department named that has none
    (misspelt, or emptied) is an error naming it, and nothing is created."""
    wanted = {department_key(d): d for d in new.departments}
    found: dict[str, list[str]] = {key: [] for key in wanted}
    for employee in employees:
        key = department_key(employee.department)
        if employee.active and key in found:
            found[key].append(employee.id)
    empty = [
        Problem(f"'{wanted[key]}' has no active employees", field="departments")
        for key, ids in found.items()
        if not ids
    ]
    if empty:
        raise InvalidInput("some departments have no one to review; nothing was created", empty)
    return with_subjects(new, sorted(i for ids in found.values() for i in ids))
