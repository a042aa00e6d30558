"""The organisation's people: who they are, where they are kept, and the management chain above them.

HR imports them, from JSON rows or a CSV file: ``janus.people.importing``, each row checked by
``janus.people.rows``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from janus.kernel.errors import NotFound

MAX_HIERARCHY_DEPTH = 100


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
    # Whether the stored record carries the people list's keys: one stored before they existed does not,
    # and the next import that names it writes it again, changed or not. Not part of equality.
    indexed: bool = field(default=True, compare=False)

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
