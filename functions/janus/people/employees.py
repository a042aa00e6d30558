"""The organisation: validating and importing employees.

An import is all or nothing: every row is checked first, every problem is
reported at once (row, field, message), and nothing is written unless the
whole file is good. Re-importing the same file writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from janus.kernel.errors import InvalidInput, NotFound, Problem

JOB_CLASSES = ("clerical", "hr-training", "service-sales", "technical", "management")
LOCALES = ("en", "da")
REQUIRED_COLUMNS = ("id", "name", "email", "manager_id", "department", "job_class", "locale")
OPTIONAL_COLUMNS = ("role", "time_zone", "active")
MAX_ROWS = 20_000
MAX_HIERARCHY_DEPTH = 100

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
_TRUE = {"true", "yes", "1", ""}
_FALSE = {"false", "no", "0"}


@dataclass(frozen=True)
class Employee:
    """One person of the organisation, as HR imported them."""

    id: str
    name: str
    email: str
    manager_id: str | None
    department: str
    job_class: str
    locale: str
    role: str | None = None
    time_zone: str | None = None
    active: bool = True
    # When the source of this record said it (HR's upload or an HRIS event); not part of equality.
    as_of: datetime | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "manager_id": self.manager_id,
            "department": self.department,
            "job_class": self.job_class,
            "locale": self.locale,
            "role": self.role,
            "time_zone": self.time_zone,
            "active": self.active,
        }


class EmployeeDirectory(Protocol):
    """Where employees are kept (janus.people.store on DynamoDB)."""

    def get_many(self, org: str, ids: Iterable[str]) -> dict[str, Employee]: ...

    def put_many(self, org: str, employees: Sequence[Employee]) -> None: ...


@dataclass
class ImportResult:
    """What an import did: how many people it created, updated and left unchanged, how many rows it did not write
    because they were older than what is stored (stale), and each row's outcome."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "stale": self.stale,
            "rows": self.rows,
        }


def parse_csv(text: str) -> list[dict[str, str]]:
    """Rows of a CSV file with a header row; a header problem is an InvalidInput."""
    import csv  # here and the time zones below: only the import uses them, so the other functions never load them
    import io

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise InvalidInput("the CSV file is empty: expected a header row", [Problem("no header row", field="header")])
    problems = [
        Problem(f"missing column '{column}'", field="header") for column in REQUIRED_COLUMNS if column not in header
    ]
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    problems += [Problem(f"unknown column '{column}'", field="header") for column in header if column not in known]
    if problems:
        raise InvalidInput("the CSV header is not right", problems)
    reader.fieldnames = header
    rows = []
    for number, row in enumerate(reader, start=1):
        if None in row:
            raise InvalidInput(
                "a CSV row has more fields than the header",
                [Problem("more fields than the header has columns", row=number)],
            )
        rows.append({key: value or "" for key, value in row.items()})
    return rows


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


def _duplicates(employees: Sequence[tuple[int, Employee]]) -> list[Problem]:
    problems: list[Problem] = []
    first_id: dict[str, int] = {}
    first_email: dict[str, int] = {}
    for number, employee in employees:
        if employee.id in first_id:
            problems.append(
                Problem(f"id '{employee.id}' is also on row {first_id[employee.id]}", field="id", row=number)
            )
        else:
            first_id[employee.id] = number
        if employee.email in first_email:
            problems.append(
                Problem(
                    f"e-mail '{employee.email}' is also on row {first_email[employee.email]}", field="email", row=number
                )
            )
        else:
            first_email[employee.email] = number
    return problems


def _hierarchy(
    org: str, employees: Sequence[tuple[int, Employee]], existing: dict[str, Employee], directory: EmployeeDirectory
) -> list[Problem]:
    """Unknown managers and loops, looking outside the file only as far as the chains go."""
    in_file = {employee.id: employee for _, employee in employees}

    def manager_of(employee_id: str) -> str | None:
        source = in_file.get(employee_id) or existing.get(employee_id)
        return source.manager_id if source else None

    problems: list[Problem] = []
    for number, employee in employees:
        if employee.manager_id and employee.manager_id not in in_file and employee.manager_id not in existing:
            problems.append(
                Problem(
                    f"manager '{employee.manager_id}' is neither in this file nor in the organisation",
                    "manager_id",
                    number,
                )
            )
    if problems:
        return problems

    # Walk every chain upwards one level at a time, fetching the managers that
    # sit outside the file in one batch per level: bounded by the file, not the organisation.
    heads = {employee.id: employee.manager_id for _, employee in employees}
    seen: dict[str, set[str]] = {employee.id: {employee.id} for _, employee in employees}
    looped: set[str] = set()
    for _ in range(MAX_HIERARCHY_DEPTH):
        missing = {head for head in heads.values() if head and head not in in_file and head not in existing}
        if missing:
            existing.update(directory.get_many(org, missing))
        advanced: dict[str, str | None] = {}
        for start, head in heads.items():
            if head is None:
                continue
            if head == start:
                looped.add(start)
                continue
            if head in seen[start]:  # leads into a loop that others close; they are reported
                continue
            seen[start].add(head)
            advanced[start] = manager_of(head)
        heads = {start: head for start, head in advanced.items() if head is not None}
        if not heads:
            break
    else:
        looped.update(heads)
    return [
        Problem(f"'{employee.id}' would end up managing themselves through {employee.manager_id}", "manager_id", number)
        for number, employee in employees
        if employee.id in looped
    ]


def import_employees(
    org: str, rows: Sequence[Any], directory: EmployeeDirectory, as_of: datetime | None = None
) -> ImportResult:
    """Validate every row, then create or update the employees that changed.

    ``as_of`` is when the source said it: a row older than what is stored (an
    HRIS event delivered out of order) is reported ``stale`` and not written.
    """
    if not rows:
        raise InvalidInput("no employees to import", [Problem("the list of employees is empty")])
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"at most {MAX_ROWS} employees per request; split the file", [Problem("too many rows")])
    employees: list[tuple[int, Employee]] = []
    problems: list[Problem] = []
    for number, raw in enumerate(rows, start=1):
        employee, row_problems = validate_row(raw, number)
        problems += row_problems
        if employee is not None:
            employees.append((number, employee))
    problems += _duplicates(employees)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the employees; nothing was imported", problems)

    ids = {employee.id for _, employee in employees}
    managers = {employee.manager_id for _, employee in employees if employee.manager_id}
    existing = directory.get_many(org, ids | (managers - ids))
    problems = _hierarchy(org, employees, existing, directory)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the hierarchy; nothing was imported", problems)

    result = ImportResult()
    changed: list[Employee] = []
    for number, employee in employees:
        stamped = replace(employee, as_of=as_of) if as_of is not None else employee
        status = _status(existing.get(employee.id), stamped)
        setattr(result, status, getattr(result, status) + 1)
        result.rows.append({"row": number, "id": employee.id, "status": status})
        if status in ("created", "updated"):
            changed.append(stamped)
    directory.put_many(org, changed)
    return result


def _status(before: Employee | None, employee: Employee) -> str:
    if before is None:
        return "created"
    if before.as_of and employee.as_of and before.as_of > employee.as_of:
        return "stale"
    return "unchanged" if before == employee else "updated"


def managers_above(org: str, employee_id: str, directory: EmployeeDirectory, levels: int) -> list[str]:
    """The employee's managers, nearest first, at most ``levels`` of them (one lookup a level)."""
    chain: list[str] = []
    current = employee_id
    while len(chain) < min(levels, MAX_HIERARCHY_DEPTH):
        employee = directory.get_many(org, [current]).get(current)
        if employee is None or not employee.manager_id:
            break
        current = employee.manager_id
        chain.append(current)
    return chain


def get_employee(org: str, employee_id: str, directory: EmployeeDirectory) -> Employee:
    found = directory.get_many(org, [employee_id]).get(employee_id)
    if found is None:
        raise NotFound(f"no employee '{employee_id}' in this organisation")
    return found
