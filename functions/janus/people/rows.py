"""One employee from one row of an import, or every problem that stops it.

A row is a JSON object or a line of a CSV file (``janus.people.importing.parse_csv``); a problem
names the row and the field, so HR can correct the whole file in one go.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from janus.kernel.errors import Problem
from janus.people.employees import Employee

JOB_CLASSES = ("clerical", "hr-training", "service-sales", "technical", "management")
LOCALES = ("en", "da")
REQUIRED_COLUMNS = ("id", "name", "email", "manager_id", "department", "job_class", "locale")
OPTIONAL_COLUMNS = ("role", "time_zone", "active")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
_TRUE = {"true", "yes", "1", ""}
_FALSE = {"false", "no", "0"}


def _text(raw: Mapping[str, Any], name: str, number: int, problems: list[Problem], limit: int = 200) -> str:
    value = raw.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(Problem("is required", field=name, row=number))
        return ""
    if not isinstance(value, str):
        problems.append(Problem("must be text", field=name, row=number))
        return ""
    value = value.strip()
    if len(value) > limit:
        problems.append(Problem(f"is longer than {limit} characters", field=name, row=number))
    return value


def _optional(raw: Mapping[str, Any], name: str, number: int, problems: list[Problem]) -> str | None:
    value = raw.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        problems.append(Problem("must be text", field=name, row=number))
        return None
    return value.strip()


def _active(raw: Mapping[str, Any], number: int, problems: list[Problem]) -> bool:
    value = raw.get("active", True)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    problems.append(Problem("must be true or false", field="active", row=number))
    return True


def named_id(raw: Any) -> str | None:
    """The id a row names when that id is well formed, even if the rest of the row is not."""
    value = raw.get("id") if isinstance(raw, Mapping) else None
    if isinstance(value, str) and _ID.match(value.strip()):
        return value.strip()
    return None


def validate_row(raw: Any, number: int) -> tuple[Employee | None, list[Problem]]:
    """One employee from one row, or the problems that stop it."""
    problems: list[Problem] = []
    if not isinstance(raw, Mapping):
        return None, [Problem("must be an object with the employee's fields", row=number)]
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    problems += [Problem("is not a known field", field=str(key), row=number) for key in raw if key not in known]

    employee_id = _text(raw, "id", number, problems, limit=64)
    if employee_id and not _ID.match(employee_id):
        problems.append(Problem("use up to 64 letters, digits, '.', '_' or '-'", field="id", row=number))
    name = _text(raw, "name", number, problems)
    email = _text(raw, "email", number, problems, limit=254).lower()
    if email and not _EMAIL.match(email):
        problems.append(Problem(f"'{email}' is not an e-mail address", field="email", row=number))
    manager_id = _optional(raw, "manager_id", number, problems)
    if manager_id is not None and manager_id == employee_id:
        problems.append(Problem("an employee cannot be their own manager", field="manager_id", row=number))
    department = _text(raw, "department", number, problems, limit=100)
    job_class = _text(raw, "job_class", number, problems)
    if job_class and job_class not in JOB_CLASSES:
        problems.append(
            Problem(
                f"'{job_class}' is not a job class; use one of {', '.join(JOB_CLASSES)}", field="job_class", row=number
            )
        )
    locale = _text(raw, "locale", number, problems)
    if locale and locale not in LOCALES:
        problems.append(
            Problem(f"'{locale}' is not a language; use one of {', '.join(LOCALES)}", field="locale", row=number)
        )
    time_zone = _optional(raw, "time_zone", number, problems)
    if time_zone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(
                Problem(f"'{time_zone}' is not a time zone (e.g. Europe/Copenhagen)", field="time_zone", row=number)
            )
    role = _optional(raw, "role", number, problems)
    active = _active(raw, number, problems)
    if problems:
        return None, problems
    employee = Employee(
        id=employee_id,
        name=name,
        email=email,
        manager_id=manager_id,
        department=department,
        job_class=job_class,
        locale=locale,
        role=role,
        time_zone=time_zone,
        active=active,
    )
    return employee, []
