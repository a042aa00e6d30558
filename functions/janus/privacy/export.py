"""Everything Janus holds about one employee, for HR to hand over when the person asks (the GDPR's right of
access): machine-readable JSON, one section a capability.

What it holds, and what it leaves out on purpose:

- the person as the directory holds them; their goals with every change; their check-ins (the shared agenda, the
  shared notes and the action items) with their pair's cadence and counts; their reviews (both parts, the ratings,
  the calibration and every change); their development plan with its history; the recognition they received,
  public and private; the escalation cases about them with their whole trail; their released 360 reports as they
  read them; and who read their records (the audit log).
- not the private notes of check-ins: only their author ever reads them, and the export is HR's;
- not their answers as a rater: they show only inside reports about others, pooled and never attributed, and an
  export of them would attribute them;
- not what they wrote about others as a manager (reviews, comments): those are the other person's records.

The export is HR's (role ``hr_admin``) and is itself a read of the person's records: the audit log records it
before it is answered, as it records a report's or a case's read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from janus.audit.log import AuditLog
from janus.checkins.store import CheckInStore
from janus.development.store import PlanStore
from janus.goals.store import GoalStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Forbidden, NotFound
from janus.people.employees import EmployeeDirectory
from janus.recognition.store import RecognitionStore
from janus.reviews.store import ReviewStore

if TYPE_CHECKING:
    from janus.escalations.store import EscalationStore  # made by an export, not at the function's cold start

FORMAT = "janus-export/1"
RECOGNITIONS_PAGE = 200
EVERY = 1000  # check-ins and reviews: every one there is (a weekly check-in for twenty years)
LEFT_OUT = (
    "private notes of check-ins: only their author reads them",
    "answers given as a rater: they show only inside reports about others, pooled and never attributed",
    "what the person wrote about others as their manager: those are the other person's records",
)


@dataclass(frozen=True)
class Sources:
    directory: EmployeeDirectory
    goals: GoalStore
    checkins: CheckInStore
    reviews: ReviewStore
    plans: PlanStore
    recognitions: RecognitionStore
    cases: Callable[[], EscalationStore]
    reports: Callable[[str, str], list[dict[str, Any]]]  # (org, employee) -> released reports about them
    audit: AuditLog


def export(caller: Caller, employee_id: str, sources: Sources) -> dict[str, Any]:
    if "hr_admin" not in caller.roles:
        raise Forbidden("exporting an employee's records is for HR")
    org = caller.org
    person = sources.directory.get_many(org, [employee_id]).get(employee_id)
    if person is None:
        raise NotFound(f"no employee '{employee_id}'")
    sources.audit.record(org, employee_id, caller, "export", employee_id)
    return {
        "format": FORMAT,
        "exported_at": clock.now().isoformat(),
        "exported_by": caller.sub,
        "employee": person.as_dict(),
        "goals": _goals(org, employee_id, sources),
        "check_ins": _check_ins(org, employee_id, sources),
        "reviews": [
            {**review.as_dict(manager_part_shown=True), "history": sources.reviews.history(org, review.id)}
            for review in sources.reviews.of_employee(org, employee_id, limit=EVERY)
        ],
        "development_plan": _plan(org, employee_id, sources),
        "recognition_received": _recognitions(org, employee_id, sources),
        "cases": [case.as_dict() for case in sources.cases().list_for_employees(org, [employee_id])],
        "reports": sources.reports(org, employee_id),
        "reads_of_their_records": _reads(org, employee_id, sources),
        "left_out": list(LEFT_OUT),
    }


def _goals(org: str, owner: str, sources: Sources) -> list[dict[str, Any]]:
    return [
        {**goal.as_dict(), "history": sources.goals.history(org, goal.id)}
        for goal in sources.goals.of_owner(org, owner)
    ]


def _check_ins(org: str, employee_id: str, sources: Sources) -> dict[str, Any]:
    found = sources.checkins.of_employee(org, employee_id, limit=EVERY)
    shown = []
    for check_in in found:
        actions = sources.checkins.actions(org, employee_id, check_in.action_ids)
        shown.append({**check_in.as_dict(), "actions": [actions[a] for a in check_in.action_ids if a in actions]})
    pair = sources.checkins.pair(org, employee_id)
    return {"pair": pair.as_dict() if pair else None, "check_ins": shown}


def _plan(org: str, employee_id: str, sources: Sources) -> dict[str, Any] | None:
    plan = sources.plans.get(org, employee_id)
    if plan is None:
        return None
    return {**plan.as_dict(), "history": sources.plans.history(org, employee_id)}


def _recognitions(org: str, employee_id: str, sources: Sources) -> list[dict[str, Any]]:
    found, after = [], None
    while True:  # as the person reads them: public and private, every page
        page, after = sources.recognitions.received(org, employee_id, employee_id, after, RECOGNITIONS_PAGE)
        found += [recognition.as_dict() for recognition in page]
        if after is None:
            return found


def _reads(org: str, employee_id: str, sources: Sources) -> list[dict[str, Any]]:
    found, after = [], None
    while True:
        page = sources.audit.of_person(org, employee_id, after)
        found += [read.as_dict() for read in page.reads]
        after = page.after
        if after is None:
            return found
