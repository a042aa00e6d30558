"""What HR reads of a cycle after launch: its subjects a page at a time, and each subject's raters with
the status of their forms (never their answers)."""

from __future__ import annotations

from typing import Any

from janus.kernel.errors import NotFound
from janus.kernel.paging import read_page
from janus.people.employees import EmployeeDirectory
from janus.rounds.create import cycle_or_404
from janus.rounds.entities import Assignment, Subject
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_subjects import SubjectStore

SUBJECTS_PAGE = 100


def subject_view(subject: Subject) -> dict[str, Any]:
    return {
        "id": subject.employee_id,
        "name": subject.name,
        "department": subject.department,
        "manager_id": subject.manager_id,
        "raters": len(subject.raters),
        "short": bool(subject.shortfalls),
        "report": subject.report_digest is not None,
    }


def list_subjects(
    org: str, cycle_id: str, token: str | None, cycles: CycleStore, subjects: SubjectStore, limit: int = SUBJECTS_PAGE
) -> dict[str, Any]:
    """A page of the cycle's subjects, by shard and id, and the token of the next (null after the last)."""
    cycle = cycle_or_404(cycles, org, cycle_id)

    def read(number: int, after: str | None, wanted: int) -> tuple[list[Subject], bool]:
        return subjects.subjects_after(org, cycle_id, number, after, wanted)

    found, following = read_page(read, cycle.shards, token, limit, key=lambda s: s.employee_id)
    return {"subjects": [subject_view(s) for s in found], "next": following}


def status_view(assignment: Assignment, names: dict[str, str]) -> dict[str, Any]:
    a = assignment
    return {
        "rater_id": a.rater_id,
        "rater_name": names.get(a.rater_id),
        "relationship": a.relationship,
        "status": a.status,
        "decline_reason": a.decline_reason,
        "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
        "updated_at": a.updated_at.isoformat() if a.updated_at else None,
        "reminders": a.reminder_count,
    }


def rater_statuses(
    org: str,
    cycle_id: str,
    subject_id: str,
    subjects: SubjectStore,
    assignments: AssignmentStore,
    directory: EmployeeDirectory,
) -> dict[str, Any]:
    """The subject's raters as launched, each with the status of their form; empty before launch."""
    subject = subjects.get_subject(org, cycle_id, subject_id)
    if subject is None:
        raise NotFound(f"'{subject_id}' is not a subject of cycle '{cycle_id}'")
    found = assignments.assignments_of_subject(org, cycle_id, subject_id)
    people = directory.get_many(org, [a.rater_id for a in found])
    names = {employee_id: person.name for employee_id, person in people.items()}
    return {
        "subject": {"id": subject.employee_id, "name": subject.name},
        "assignments": [status_view(a, names) for a in found],
    }
