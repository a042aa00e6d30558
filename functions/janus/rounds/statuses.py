"""What HR reads of a cycle: its page (the cycle, its progress overall and by department, who is short of
raters, its first subjects) in one request, its subjects a page at a time (all, or those short of raters),
and each subject's raters with the status of their forms (never their answers)."""

from __future__ import annotations

from typing import Any

from janus.kernel.errors import NotFound
from janus.kernel.paging import read_page
from janus.rounds.create import cycle_or_404, response_rate, with_counts
from janus.rounds.cycle import Cycle
from janus.rounds.entities import Assignment, Rater, Subject
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.store_subjects import SubjectStore

SUBJECTS_PAGE = 100
FIRST_SUBJECTS = 50  # on the cycle's page; the rest a page at a time
SHORT_LIST = 50  # the short subjects on the cycle's page (the launch's refusal lists as many)


def subject_view(subject: Subject) -> dict[str, Any]:
    return {
        "id": subject.employee_id,
        "name": subject.name,
        "department": subject.department,
        "manager_id": subject.manager_id,
        "raters": len(subject.raters),
        "short": bool(subject.shortfalls),
        "shortfalls": list(subject.shortfalls),
        "report": subject.report_digest is not None,
    }


def list_subjects(
    org: str,
    cycle_id: str,
    token: str | None,
    cycles: CycleStore,
    subjects: SubjectStore,
    limit: int = SUBJECTS_PAGE,
    *,
    short: bool = False,
) -> dict[str, Any]:
    """A page of the cycle's subjects, by shard and id, and the token of the next (null after the last);
    ``short``: only those short of raters (their sparse index, one partition)."""
    cycle = cycle_or_404(cycles, org, cycle_id)
    found, following = _page(cycle, token, subjects, limit, short=short)
    return {"subjects": [subject_view(s) for s in found], "next": following}


def _page(
    cycle: Cycle, token: str | None, subjects: SubjectStore, limit: int, *, short: bool = False
) -> tuple[list[Subject], str | None]:
    org, cycle_id = cycle.org, cycle.id

    def read(number: int, after: str | None, wanted: int) -> tuple[list[Subject], bool]:
        if short:
            return subjects.short_after(org, cycle_id, after, wanted)
        return subjects.subjects_after(org, cycle_id, number, after, wanted)

    return read_page(read, 1 if short else cycle.shards, token, limit, key=lambda s: s.employee_id)


def department_view(department: str, counts: dict[str, int]) -> dict[str, Any]:
    asked, submitted, declined = counts["assignments"], counts["submitted"], counts["declined"]
    return {
        "department": department,
        "assignments": asked,
        "submitted": submitted,
        "in_progress": counts["in_progress"],
        "declined": declined,
        "not_started": max(0, asked - submitted - declined - counts["in_progress"]),
        "response_rate": response_rate(submitted, asked),
    }


def cycle_page(
    org: str, cycle_id: str, cycles: CycleStore, progress: ProgressStore, subjects: SubjectStore
) -> dict[str, Any]:
    """HR's page of a cycle in one request: the cycle with its progress, the progress by department (from
    launch), up to 50 of the subjects short of raters and the first 50 subjects, each with the token of the next.

    Bounded whatever the cycle's size: a GetItem, one Query per progress shard (16, once launched), one
    Query of the short subjects' index (when any are short) and a Query of the first subjects' shard."""
    cycle = cycle_or_404(cycles, org, cycle_id)
    counts: dict[str, int] | None = None
    departments: dict[str, dict[str, int]] = {}
    if cycle.launched_at:
        counts, departments = progress.progress_by_department(org, cycle_id)
    short: list[Subject] = []
    short_next: str | None = None
    if cycle.short_subjects:
        short, short_next = _page(cycle, None, subjects, SHORT_LIST, short=True)
    first, following = _page(cycle, None, subjects, FIRST_SUBJECTS)
    return {
        "cycle": with_counts(cycle, counts),
        "departments": [department_view(name, departments[name]) for name in sorted(departments)],
        "short": {"subjects": [subject_view(s) for s in short], "total": cycle.short_subjects, "next": short_next},
        "subjects": [subject_view(s) for s in first],
        "next": following,
    }


def status_view(assignment: Assignment, names: dict[str, str], rater: Rater | None) -> dict[str, Any]:
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
        "undeliverable": rater is not None and rater.undeliverable_at is not None,
        "undeliverable_reason": rater.undeliverable_reason if rater is not None else None,
    }


def rater_statuses(
    org: str,
    cycle_id: str,
    subject_id: str,
    subjects: SubjectStore,
    assignments: AssignmentStore,
    raters: RaterStore,
) -> dict[str, Any]:
    """The subject's raters as launched, each with the status of their form and whether their address
    bounced; empty before launch."""
    subject = subjects.get_subject(org, cycle_id, subject_id)
    if subject is None:
        raise NotFound(f"'{subject_id}' is not a subject of cycle '{cycle_id}'")
    found = assignments.assignments_of_subject(org, cycle_id, subject_id)
    states, people = raters.raters_with_people(org, cycle_id, [a.rater_id for a in found]) if found else ({}, {})
    names = {employee_id: person.name for employee_id, person in people.items()}
    return {
        "subject": {"id": subject.employee_id, "name": subject.name},
        "assignments": [status_view(a, names, states.get(a.rater_id)) for a in found],
    }
