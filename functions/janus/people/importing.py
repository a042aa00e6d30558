"""Importing the organisation: HR's upload and the HRIS events.

An import is all or nothing: every row is checked first, every problem is
reported at once (row, field, message), and nothing is written unless the
whole file is good. Re-importing the same file writes nothing (but for people
stored before the people list's keys existed: they are written once, with them).
A dry run answers exactly what the import would, and writes and queues nothing.

The row checks, the duplicate checks and the hierarchy checks all run, so one
answer holds every problem of every kind. A row that fails its own checks takes
no part in the later ones, and neither does a second row with an id already
seen; a well-formed id on a failed row still counts as in the file, so its
reports are not told their manager is unknown, and a chain stops there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from janus.kernel.errors import InvalidInput, Problem
from janus.kernel.jobs import Jobs
from janus.people.employees import MAX_HIERARCHY_DEPTH, Employee, EmployeeDirectory
from janus.people.rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, named_id, validate_row
from janus.people.users import queue_users

MAX_ROWS = 20_000


@dataclass
class ImportResult:
    """What an import did (or, as a dry run, would do): how many people it created, updated and left unchanged,
    how many rows it did not write because they were older than what is stored (stale), and each row's outcome."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    erased: int = 0  # rows of people whose records were erased: never brought back
    rows: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "stale": self.stale,
            "erased": self.erased,
            "rows": self.rows,
            "dry_run": self.dry_run,
        }


def parse_csv(text: str) -> list[dict[str, str]]:
    """Rows of a CSV file with a header row; a header problem is an InvalidInput."""
    import csv  # here, as zoneinfo in janus.people.rows: only the import uses them, so no other function loads them
    import io

    # newline="": the csv module reads the line endings itself, \r\n, \n or a bare \r alike.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return _rows(reader)
    except csv.Error as error:  # a cell over the csv module's limit (128 KiB), a stray NUL or quote
        line = reader.line_num or 1
        raise InvalidInput("the CSV file cannot be read", [Problem(str(error), row=max(line - 1, 1))]) from None


def _rows(reader: Any) -> list[dict[str, str]]:
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
    rows: list[dict[str, str]] = []
    for number, row in enumerate(reader, start=1):
        if None in row:
            raise InvalidInput(
                "a CSV row has more fields than the header",
                [Problem("more fields than the header has columns", row=number)],
            )
        rows.append({key: value or "" for key, value in row.items()})
    return rows


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


def _first_of_each_id(employees: Sequence[tuple[int, Employee]]) -> list[tuple[int, Employee]]:
    seen: set[str] = set()
    first = []
    for number, employee in employees:
        if employee.id not in seen:
            seen.add(employee.id)
            first.append((number, employee))
    return first


def _hierarchy(
    org: str,
    employees: Sequence[tuple[int, Employee]],
    existing: dict[str, Employee],
    asked: set[str],
    unchecked: set[str],
    directory: EmployeeDirectory,
) -> list[Problem]:
    """Unknown managers and loops, looking outside the file only as far as the chains go.

    ``asked`` are the ids already read (found or not), ``unchecked`` the ids of rows that failed their own checks:
    they are in the file, but where their chains lead is not known.
    """
    in_file = {employee.id: employee for _, employee in employees}

    def manager_of(employee_id: str) -> str | None:
        if employee_id in unchecked:
            return None
        source = in_file.get(employee_id) or existing.get(employee_id)
        return source.manager_id if source else None

    def known(employee_id: str) -> bool:
        return employee_id in in_file or employee_id in existing or employee_id in unchecked

    problems = [
        Problem(
            f"manager '{employee.manager_id}' is neither in this file nor in the organisation", "manager_id", number
        )
        for number, employee in employees
        if employee.manager_id and not known(employee.manager_id)
    ]

    # Walk every chain upwards one level at a time, fetching the managers that
    # sit outside the file in one batch per level: bounded by the file, not the organisation.
    heads = {employee.id: employee.manager_id for _, employee in employees}
    seen: dict[str, set[str]] = {employee.id: {employee.id} for _, employee in employees}
    looped: set[str] = set()
    for _ in range(MAX_HIERARCHY_DEPTH):
        missing = {head for head in heads.values() if head and not known(head) and head not in asked}
        if missing:
            existing.update(directory.get_many(org, missing))
            asked.update(missing)
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
    return problems + [
        Problem(f"'{employee.id}' would end up managing themselves through {employee.manager_id}", "manager_id", number)
        for number, employee in employees
        if employee.id in looped
    ]


def import_employees(
    org: str,
    rows: Sequence[Any],
    directory: EmployeeDirectory,
    as_of: datetime | None = None,
    jobs: Jobs | None = None,
    *,
    dry_run: bool = False,
    erased: Callable[[str, Iterable[str]], set[str]] | None = None,
) -> ImportResult:
    """Validate every row, then create or update the employees that changed (with ``dry_run``, only say so:
    the same answer, the same reads, no write and nothing queued).

    ``as_of`` is when the source said it: a row older than what is stored (an
    HRIS event delivered out of order) is reported ``stale`` and not written.
    ``erased`` says which of the ids new to the directory belong to people whose records were erased: their
    rows are reported ``erased`` and not written, and a row naming one of them as manager is imported without.
    With ``jobs``, the sign-in users of the changed employees (and of their managers, before and
    after, whose ``manager`` group may follow) are queued for provisioning.
    """
    if not rows:
        raise InvalidInput("no employees to import", [Problem("the list of employees is empty")])
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"at most {MAX_ROWS} employees per request; split the file", [Problem("too many rows")])
    employees: list[tuple[int, Employee]] = []
    unchecked: set[str] = set()
    problems: list[Problem] = []
    for number, raw in enumerate(rows, start=1):
        employee, row_problems = validate_row(raw, number)
        problems += row_problems
        if employee is not None:
            employees.append((number, employee))
        elif (employee_id := named_id(raw)) is not None:
            unchecked.add(employee_id)
    problems += _duplicates(employees)
    checked = _first_of_each_id(employees)
    unchecked -= {employee.id for _, employee in checked}

    ids = {employee.id for _, employee in checked}
    managers = {employee.manager_id for _, employee in checked if employee.manager_id}
    asked = (ids | managers) - unchecked
    existing = directory.get_many(org, asked)
    new = ids - existing.keys()
    gone = erased(org, new) if erased is not None and new else set()
    checked, left_out = _without(checked, gone)
    ids, asked = ids - gone, asked - gone
    problems += _hierarchy(org, checked, existing, asked, unchecked, directory)
    if problems:
        problems.sort(key=lambda problem: problem.row or 0)
        raise InvalidInput(f"{len(problems)} problem(s) in the employees; nothing was imported", problems)

    result = ImportResult(dry_run=dry_run)
    result.erased = len(left_out)
    result.rows += [{"row": number, "id": employee.id, "status": "erased"} for number, employee in left_out]
    changed: list[Employee] = []
    unlisted: list[Employee] = []  # stored before the people list's keys existed: written again as they are
    for number, employee in checked:
        stamped = replace(employee, as_of=as_of) if as_of is not None else employee
        before = existing.get(employee.id)
        status = _status(before, stamped)
        setattr(result, status, getattr(result, status) + 1)
        result.rows.append({"row": number, "id": employee.id, "status": status})
        if status in ("created", "updated"):
            changed.append(stamped)
        elif before is not None and not before.indexed:
            unlisted.append(before)
    if dry_run:
        return result
    directory.put_many(org, changed + unlisted)
    if jobs is not None and changed:
        _queue_users(org, changed, [employee for _, employee in checked], existing, jobs)
    return result


def _without(
    checked: list[tuple[int, Employee]], gone: set[str]
) -> tuple[list[tuple[int, Employee]], list[tuple[int, Employee]]]:
    """The rows to import without the erased people's (left out), and a row naming one of them as manager
    without that manager."""
    if not gone:
        return checked, []
    left_out = [(number, employee) for number, employee in checked if employee.id in gone]
    kept = [
        (number, replace(employee, manager_id=None) if employee.manager_id in gone else employee)
        for number, employee in checked
        if employee.id not in gone
    ]
    return kept, left_out


def _queue_users(
    org: str, changed: Sequence[Employee], in_file: Sequence[Employee], existing: dict[str, Employee], jobs: Jobs
) -> None:
    affected: set[str] = set()
    previous_emails: dict[str, str] = {}
    for employee in changed:
        before = existing.get(employee.id)
        affected.add(employee.id)
        affected.update(m for m in (employee.manager_id, before.manager_id if before else None) if m)
        if before is not None and before.email != employee.email:
            previous_emails[employee.id] = before.email
    # Who manages is settled by the file where it can be: someone an active row of the file reports to
    # has reports, and someone new to the organisation has none but those the file gives them. Only
    # the others' reports are read when their users are provisioned (a Query each).
    leading = {e.manager_id for e in in_file if e.active and e.manager_id}
    new = {employee.id for employee in changed if employee.id not in existing}
    settled = {i: i in leading for i in affected if i in leading or i in new}
    queue_users(org, affected, previous_emails, jobs, managers=settled)


def _status(before: Employee | None, employee: Employee) -> str:
    if before is None:
        return "created"
    if before.as_of and employee.as_of and before.as_of > employee.as_of:
        return "stale"
    return "unchanged" if before == employee else "updated"
