"""Employees for the unit tests' organisations."""

from __future__ import annotations

from janus.people.employees import Employee


def person(employee_id: str, manager_id: str | None) -> Employee:
    """An English-speaking technical employee of R&D, named and addressed after their id."""
    return Employee(
        id=employee_id,
        name=f"Person {employee_id}",
        email=f"{employee_id}@acme.example.com",
        manager_id=manager_id,
        department="R&D",
        job_class="technical",
        locale="en",
    )
