"""What a signed-in person has to do and read, each in one request: their own page (``GET /me``) and, for a
manager, their team's (``GET /me/team``).

A read model over other capabilities' stores; it writes nothing. Every read is by key or by a designed
index, and none grows with the size of the organisation: the organisation's latest cycles (one Query), the
caller's subject records in them (one BatchGetItem per 100), their open forms (one Query per live cycle,
on the rater's shard), their cases (one Query), and the names of the people shown (one BatchGetItem per 100).
A manager's page adds one Query for their direct reports and one for each report's cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from janus.kernel.caller import Caller
from janus.kernel.console import case_page, report_page
from janus.kernel.errors import Forbidden, NotFound
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds.cycle import Cycle
from janus.rounds.entities import Subject
from janus.rounds.links import Signer, locator_of
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_subjects import SubjectStore

if TYPE_CHECKING:
    from janus.escalations.case import Case
    from janus.escalations.store import EscalationStore

RECENT_CYCLES = 50  # the organisation's newest cycles a page looks through: years of rounds
TEAM_ROUNDS = 3  # the rounds of each team member shown, newest first
LIVE_FORMS = "open"  # forms are answered while their cycle is open
SHOWN_STATES = ("draft", "nominating", "open", "closed", "reported", "released")


@dataclass(frozen=True)
class Sources:
    """What the pages read: the people, the cycles and their subjects and forms, the cases, and the link signer.
    The cases' store and the signer are made on first use: a function that serves these pages among others
    loads the escalation cases only when a page asks, and reads the link key only when a form is owed."""

    directory: DynamoEmployeeDirectory
    cycles: CycleStore
    subjects: SubjectStore
    assignments: AssignmentStore
    cases: Callable[[], EscalationStore]
    signer: Callable[[], Signer]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _me(org: str, employee_id: str, directory: DynamoEmployeeDirectory) -> Employee:
    found = directory.get_many(org, [employee_id]).get(employee_id)
    if found is None or not found.active:
        raise NotFound("you are not an employee of this organisation in Janus; ask HR")
    return found


def _names(org: str, ids: Iterable[str], directory: DynamoEmployeeDirectory) -> dict[str, str]:
    wanted = {i for i in ids if i}
    return {i: e.name for i, e in directory.get_many(org, wanted).items()} if wanted else {}


def _forms(org: str, rater_id: str, live: list[Cycle], sources: Sources) -> tuple[list[dict[str, Any]], set[str]]:
    forms: list[dict[str, Any]] = []
    for cycle in live:
        owed = sources.assignments.assignments_of_raters(org, cycle.id, [rater_id], cycle.shards)[rater_id]
        for a in sorted(owed, key=lambda a: a.subject_id):
            token = sources.signer().token(locator_of(a))
            forms.append(
                {
                    "cycle_id": cycle.id,
                    "cycle_name": cycle.name,
                    "deadline": cycle.deadline.isoformat(),
                    "time_zone": cycle.time_zone,
                    "subject_id": a.subject_id,
                    "subject_name": a.subject_name,
                    "relationship": a.relationship,
                    "status": a.status,
                    "link": f"/feedback/{token}",
                }
            )
    forms.sort(key=lambda f: (f["deadline"], f["cycle_id"], f["subject_id"]))
    return forms, {f["subject_id"] for f in forms if not f["subject_name"]}


def _raters(subject: Subject, names: dict[str, str]) -> list[dict[str, Any]]:
    return [{**r.as_dict(), "name": names.get(r.id)} for r in subject.raters]


def _proposals(subject: Subject, names: dict[str, str]) -> list[dict[str, Any]]:
    return [{"id": p["id"], "name": names.get(p["id"]), "status": p["status"]} for p in subject.proposals]


def _plan(case: Case) -> dict[str, Any] | None:
    """What the employee reads of their case: the plan as agreed and the reviews' outcomes, never the notes."""
    if case.plan is None:
        return None
    plan = case.plan.as_dict()
    return {
        "case_id": case.id,
        "state": case.state,
        **{k: plan[k] for k in ("expectations", "support", "measures", "review_dates", "agreed_at")},
        "reviews": [{"at": r.at.isoformat(), "outcome": r.outcome} for r in case.reviews],
    }


def me(caller: Caller, sources: Sources) -> dict[str, Any]:
    """The caller's page: who they are, the forms they owe, their released reports, the cycles in which they
    may propose peers, and their improvement plans."""
    org = caller.org
    employee = _me(org, caller.sub, sources.directory)
    cycles = [c for c in sources.cycles.latest(org, limit=RECENT_CYCLES) if c.state in SHOWN_STATES]
    by_id = {c.id: c for c in cycles}
    live = [c for c in cycles if c.state == LIVE_FORMS]
    mine = {
        s.cycle_id: s
        for s in sources.subjects.get_pairs(org, [(c.id, employee.id) for c in cycles if c.state != "draft"])
    }
    forms, unnamed = _forms(org, employee.id, live, sources)
    nominating = [
        (by_id[cycle_id], s)
        for cycle_id, s in mine.items()
        if by_id[cycle_id].state == "nominating" and "peer" in by_id[cycle_id].groups
    ]
    colleagues = sources.directory.reports_of(org, employee.manager_id) if employee.manager_id and nominating else []
    plans = [p for p in (_plan(c) for c in sources.cases().list_for_employees(org, [employee.id])) if p]
    wanted = {employee.manager_id or "", *unnamed}
    for _, s in nominating:
        wanted.update(r.id for r in s.raters)
        wanted.update(p["id"] for p in s.proposals)
    names = _names(org, wanted, sources.directory)
    for form in forms:
        form["subject_name"] = form["subject_name"] or names.get(form["subject_id"])
    return {
        "employee": {**employee.as_dict(), "manager_name": names.get(employee.manager_id or "")},
        "roles": sorted(caller.roles),
        "forms": forms,
        "reports": [
            {
                "cycle_id": cycle.id,
                "cycle_name": cycle.name,
                "released_at": _iso(cycle.released_at),
                "path": report_page(cycle.id, employee.id),
            }
            for cycle in cycles
            if cycle.state == "released" and cycle.id in mine and mine[cycle.id].report_digest
        ],
        "nominations": [
            _nomination(cycle, subject, names, colleagues, employee.id)
            for cycle, subject in sorted(nominating, key=lambda pair: pair[0].deadline)
        ],
        "plans": plans,
    }


def _nomination(
    cycle: Cycle, subject: Subject, names: dict[str, str], colleagues: list[Employee], me_id: str
) -> dict[str, Any]:
    taken = {r.id for r in subject.raters} | {p["id"] for p in subject.proposals} | {me_id}
    low, high = cycle.config.bounds.get("peer", (0, 0))
    return {
        "cycle_id": cycle.id,
        "cycle_name": cycle.name,
        "deadline": cycle.deadline.isoformat(),
        "time_zone": cycle.time_zone,
        "raters": _raters(subject, names),
        "proposals": _proposals(subject, names),
        "peers": {"min": low, "max": high},
        "candidates": [
            {"id": c.id, "name": c.name, "department": c.department}
            for c in sorted(colleagues, key=lambda c: (c.name, c.id))
            if c.active and c.id not in taken
        ],
    }


def _case_line(case: Case, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": case.id,
        "employee_id": case.employee_id,
        "employee_name": names.get(case.employee_id),
        "state": case.state,
        "due": _iso(case.due),
        "cause": case.cause,
        "level": case.level,
        "owner": case.owner,
        "path": case_page(case.id),
    }


def team(caller: Caller, sources: Sources) -> dict[str, Any]:
    """A manager's team: each direct report with their latest rounds (raters, proposals to decide, the report
    once released) and the open cases about them; and the cases among those that the caller must act on."""
    if not caller.roles & {"manager", "hr_admin"}:
        raise Forbidden("this needs the role 'manager' or 'hr_admin'")
    org = caller.org
    members = sorted(
        (e for e in sources.directory.reports_of(org, caller.sub) if e.active), key=lambda e: (e.name, e.id)
    )
    if not members:
        return {"members": [], "cases": []}
    cycles = [c for c in sources.cycles.latest(org, limit=RECENT_CYCLES) if c.state in SHOWN_STATES]
    by_id = {c.id: c for c in cycles}
    subjects = sources.subjects.get_pairs(org, [(c.id, m.id) for c in cycles if c.state != "draft" for m in members])
    rounds: dict[str, list[Subject]] = {}
    for s in sorted(subjects, key=lambda s: by_id[s.cycle_id].created_at, reverse=True):
        rounds.setdefault(s.employee_id, []).append(s)
    cases = [c for c in sources.cases().list_for_employees(org, [m.id for m in members]) if c.state != "closed"]
    shown = {m.id: rounds.get(m.id, [])[:TEAM_ROUNDS] for m in members}
    wanted = {r.id for ss in shown.values() for s in ss for r in s.raters}
    wanted |= {p["id"] for ss in shown.values() for s in ss for p in s.proposals}
    names = {m.id: m.name for m in members} | _names(org, wanted - {m.id for m in members}, sources.directory)
    return {
        "members": [
            {
                "id": m.id,
                "name": m.name,
                "department": m.department,
                "job_class": m.job_class,
                "rounds": [_round(by_id[s.cycle_id], s, names) for s in shown[m.id]],
                "cases": [
                    {"id": c.id, "state": c.state, "due": _iso(c.due), "cause": c.cause, "path": case_page(c.id)}
                    for c in cases
                    if c.employee_id == m.id
                ],
            }
            for m in members
        ],
        "cases": [
            _case_line(c, names)
            for c in sorted(cases, key=lambda c: (c.due is None, c.due or c.opened_at, c.id))
            if c.owner == caller.sub
        ],
    }


def _round(cycle: Cycle, subject: Subject, names: dict[str, str]) -> dict[str, Any]:
    released = cycle.state == "released" and bool(subject.report_digest)
    return {
        "cycle_id": cycle.id,
        "cycle_name": cycle.name,
        "state": cycle.state,
        "deadline": cycle.deadline.isoformat(),
        "time_zone": cycle.time_zone,
        "raters": [{"id": r.id, "name": names.get(r.id), "relationship": r.relationship} for r in subject.raters],
        "proposals": _proposals(subject, names),
        "report_path": report_page(cycle.id, subject.employee_id) if released else None,
    }
