"""Escalation cases at work: opened from reports and manager flags, moved by their owners,
and escalated by one-time schedules when a deadline passes. Every step is one saved case
(optimistic locking on its version), one schedule for its next deadline, and the notices.
The cases a batch of reports calls for are opened together (``ReportBatch``)."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from janus.audit.log import AuditLog
from janus.development.messages import ImprovementPlan
from janus.escalations import lifecycle as escalations
from janus.escalations import opening
from janus.escalations.case import STATES, SYSTEM, Case
from janus.escalations.mail import render_escalation_notice
from janus.escalations.messages import CaseDue
from janus.escalations.store import CaseFilter, EscalationStore
from janus.kernel import clock, retention
from janus.kernel.caller import Caller
from janus.kernel.console import case_page
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from janus.kernel.mailer import Mailer
from janus.kernel.observability import log_failure
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import MAX_HIERARCHY_DEPTH, Employee, EmployeeDirectory, managers_above
from janus.people.organisation_store import OrgStore
from janus.store import ConditionFailed

EVENTS = ("acknowledge", "plan", "review", "close")
MAX_DEPARTMENT = 100  # as an import allows
_SORT_KEY = re.compile(r"\d{4}-\d\d-\d\dT[0-9:.+-]{8,32}#esc-[0-9a-f]{16}")


@dataclass(frozen=True)
class Ports:
    """What the escalation flow talks to: the cases, the directory, the schedules, the mailer and the organisation's
    settings."""

    cases: EscalationStore
    directory: EmployeeDirectory
    schedules: OneTimeSchedules
    queue_arn: str
    mailer: Mailer
    sender: str
    public_url: Callable[[], str]  # the base of the links in notices, read when the first one is sent
    orgs: OrgStore
    audit: AuditLog = field(default_factory=AuditLog)  # who read the case, when it is not the employee
    # The agreed improvement plan, handed to the development plans (janus.development.improvement) when agreed
    # and when the case closes.
    improvement: Callable[[list[ImprovementPlan]], None] = lambda messages: None


def _schedule(case: Case, ports: Ports) -> None:
    """The one schedule of a case: its current deadline (or none once closed)."""
    name = f"case-{case.id}"
    if case.state == "closed" or case.due is None:
        ports.schedules.clear(name)
        return
    due = CaseDue(org=case.org, case_id=case.id, due=case.due.isoformat())
    ports.schedules.set(name, case.due, ports.queue_arn, due.encode())


def _told(case: Case, people: list[str | None]) -> set[str]:
    """Whom a notice about the case reads: the people named, and the employee (for their name)."""
    return {p for p in people if p} | {case.employee_id}


def _notify(
    case: Case, kind: str, people: list[str | None], ports: Ports, found: Mapping[str, Employee] | None = None
) -> None:
    """Tell the people named (the owner, the HR lead...) by e-mail: what happened, never the ratings.
    ``found`` holds them when they were read already."""
    home = ports.orgs.get(case.org).time_zone
    if found is None:
        found = ports.directory.get_many(case.org, _told(case, people))
    employee = found.get(case.employee_id)
    for person_id in dict.fromkeys(p for p in people if p):
        person = found.get(person_id)
        if person is None or not person.active or employee is None:
            continue
        message = render_escalation_notice(
            sender=ports.sender,
            to=person.email,
            reader_name=person.name,
            locale=person.locale,
            employee_name=employee.name,
            kind=kind,
            cause=case.cause,
            due=case.due,
            time_zone=person.time_zone or home,
            case_link=f"{ports.public_url()}{case_page(case.id)}",
            level=case.level,
        )
        ports.mailer.send(message, tags={"case": case.id.replace("esc-", "")})


def _department(case: Case, people: Mapping[str, Mapping[str, Employee]]) -> str | None:
    employee = people.get(case.org, {}).get(case.employee_id)
    return employee.department if employee else None


@dataclass(frozen=True)
class _Report:
    """One ReportReady of a batch: the cases it is the first to call for, and the HR lead to tell."""

    cases: list[Case]  # those this report is the first in the batch to call for
    hr_lead: str | None


@dataclass(frozen=True)
class Opening:
    """What a batch of reports opened, and the reports (by key) that failed and are to come again."""

    opened: list[str] = field(default_factory=list)
    failed: dict[str, Exception] = field(default_factory=dict)


class ReportBatch:
    """The ReportReady events of one delivery: each checked as it is taken, the new cases of all of them
    opened together. One read of the people they tell, one transaction of conditional puts per 100 cases
    (a case that exists already, from a replay, is left alone), then each case's schedule and notices."""

    def __init__(self, ports: Ports) -> None:
        self._ports = ports
        self._reports: dict[str, _Report] = {}
        self._called_for: set[str] = set()

    def take(self, key: str, detail: Mapping[str, Any]) -> int:
        """A ReportReady event (``key`` names it in the batch); returns how many cases its numbers call for."""
        rules = self._ports.orgs.get(detail["org"]).escalation
        cases = opening.cases_from_report(
            detail["org"], detail["subject_id"], detail.get("manager_id"), detail["cycle_id"], detail, rules
        )
        # Two reports on one employee call for the same cases (one per cause): the first opens them.
        first = [case for case in cases if case.id not in self._called_for]
        self._called_for.update(case.id for case in first)
        self._reports[key] = _Report(first, rules.hr_lead)
        return len(cases)

    def open(self) -> Opening:
        """Open the cases taken; a report whose cases could not all be written or told is in ``failed``."""
        cases = [case for report in self._reports.values() for case in report.cases]
        written: list[Case] = []
        failed: dict[str, Exception] = {}
        people: dict[str, dict[str, Employee]] = {}
        try:
            people = self._people()  # before writing: a failed read leaves nothing written and untold
            cases = [opening.in_department(case, _department(case, people)) for case in cases]
            for created in self._ports.cases.create_all_if_absent(cases):
                written += created
        except Exception as error:  # what was written is still told; the rest comes again
            done = {case.id for case in written}
            failed = {key: error for key, r in self._reports.items() if any(c.id not in done for c in r.cases)}
        new = {case.id for case in written}
        opened: list[str] = []
        for key, report in self._reports.items():
            try:
                for case in (c for c in report.cases if c.id in new):
                    _schedule(case, self._ports)
                    _notify(case, "opened", [case.owner, report.hr_lead], self._ports, people[case.org])
                    opened.append(case.id)
            except Exception as error:  # one report's schedule or e-mail must not hold up the others'
                failed.setdefault(key, error)
        return Opening(opened, failed)

    def _people(self) -> dict[str, dict[str, Employee]]:
        """Everyone the cases taken may tell, by organisation: one BatchGetItem per 100 people."""
        wanted: dict[str, set[str]] = {}
        for report in self._reports.values():
            for case in report.cases:
                wanted.setdefault(case.org, set()).update(_told(case, [case.owner, report.hr_lead]))
        return {org: self._ports.directory.get_many(org, ids) for org, ids in wanted.items()}


def flag_unacceptable(org: str, employee_id: str, caller: Caller, body: Any, ports: Ports) -> dict[str, Any]:
    employee = ports.directory.get_many(org, [employee_id]).get(employee_id)
    if employee is None:
        raise NotFound(f"no employee '{employee_id}' in this organisation")
    note = body.get("note") if isinstance(body, dict) else None
    rules = ports.orgs.get(org).escalation
    case = opening.flag(
        org, employee_id, employee.manager_id, caller.sub, caller.roles, note, rules, employee.department
    )
    if not ports.cases.create_if_absent(case):
        raise Conflict("a case for this cause is already open for this employee", [Problem(case.id, field="case")])
    _schedule(case, ports)
    _notify(case, "opened", [case.owner, rules.hr_lead], ports)
    return case.as_dict()


def review_concern(
    org: str, employee_id: str, manager_id: str | None, review_id: str, source: Mapping[str, Any], by: str, ports: Ports
) -> str | None:
    """A review calls for a case (from the performance function, through the queue): open it unless it is open
    already (a replay, or a later calibration of the same review); returns the case id when opened now."""
    employee = ports.directory.get_many(org, [employee_id]).get(employee_id)
    rules = ports.orgs.get(org).escalation
    case = opening.from_review(
        org, employee_id, manager_id, review_id, source, rules, by, employee.department if employee else None
    )
    if not ports.cases.create_if_absent(case):
        return None
    _schedule(case, ports)
    _notify(case, "opened", [case.owner, rules.hr_lead], ports)
    return case.id


def _manager_chain(
    org: str, directory: EmployeeDirectory
) -> tuple[Callable[[str], str | None], Callable[[str, str], bool]]:
    def manager_of(employee_id: str) -> str | None:
        return next(iter(managers_above(org, employee_id, directory, levels=1)), None)

    def is_manager_of(manager_id: str, employee_id: str) -> bool:
        return manager_id in managers_above(org, employee_id, directory, levels=MAX_HIERARCHY_DEPTH)

    return manager_of, is_manager_of


def _visible_case(org: str, case_id: str, caller: Caller, ports: Ports) -> Case:
    case = ports.cases.get(org, case_id)
    _, is_manager_of = _manager_chain(org, ports.directory)
    if case is None or not escalations.visible_to(case, caller.sub, caller.roles, is_manager_of):
        raise NotFound(f"no case '{case_id}' that you may see")
    return case


def case_filter(state: str | None, department: str | None) -> CaseFilter:
    """The listing's filter from its query: ``state`` one state or several, comma-separated; ``department`` as
    the cases keep it (exactly). Every problem named."""
    problems: list[Problem] = []
    states = [s.strip() for s in (state or "").split(",") if s.strip()]
    unknown = [s for s in states if s not in STATES]
    if unknown:
        problems.append(Problem(f"{', '.join(unknown)}: the states are {', '.join(STATES)}", field="state"))
    department = (department or "").strip() or None
    if department is not None and len(department) > MAX_DEPARTMENT:
        problems.append(Problem(f"is {len(department)} characters; at most {MAX_DEPARTMENT}", field="department"))
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the filter", problems)
    return CaseFilter(frozenset(states), department)


def page_token(after: str | None) -> str | None:
    """The opaque token of the page after sort key ``after``."""
    return base64.urlsafe_b64encode(after.encode()).decode().rstrip("=") if after else None


def after_token(token: str | None) -> str | None:
    """The sort key a page token names, refused unless it is one a listing gave (it names a case, never another
    organisation: the store puts it back under the caller's)."""
    if not token:
        return None
    try:
        after = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        after = ""
    if _SORT_KEY.fullmatch(after) is None:
        raise InvalidInput(f"{token[:80]!r} is not a page token this listing gave", [Problem("unknown", "next")])
    return after


def list_cases(
    org: str, caller: Caller, ports: Ports, where: CaseFilter | None = None, token: str | None = None
) -> dict[str, Any]:
    """A page of the cases the caller may see that ``where`` keeps, newest first, with the names of their
    employees and owners (one BatchGetItem) and the token of the next page (null: none left to examine).
    Each case says ``employee_department``, the employee's department today: a case opened before cases
    kept their department (``department`` null) is shown with that, and no department filter finds it."""
    page = ports.cases.page_for_org(org, where or CaseFilter(), after_token(token))
    _, is_manager_of = _manager_chain(org, ports.directory)
    visible = [c for c in page.cases if escalations.visible_to(c, caller.sub, caller.roles, is_manager_of)]
    people = ports.directory.get_many(org, {p for c in visible for p in (c.employee_id, c.owner) if p})
    return {
        "cases": [
            {**c.as_dict(), "employee_department": p.department if (p := people.get(c.employee_id)) else None}
            for c in visible
        ],
        "names": {i: e.name for i, e in people.items()},
        "next": page_token(page.after),
    }


def case_view(case: Case, directory: EmployeeDirectory) -> dict[str, Any]:
    """A case as its readers see it: the case, and the names of everyone it mentions (one BatchGetItem)."""
    people = {case.employee_id, case.manager_id, case.owner, *(e.by for e in case.events)}
    people.update(r.by for r in case.reviews)
    if case.plan:
        people.add(case.plan.agreed_by)
    wanted = {p for p in people if p and p != SYSTEM}
    return {**case.as_dict(), "names": {i: e.name for i, e in directory.get_many(case.org, wanted).items()}}


def get_case(org: str, case_id: str, caller: Caller, ports: Ports) -> dict[str, Any]:
    """The case, its read recorded in the audit log first (a read that cannot be recorded is not answered)."""
    case = _visible_case(org, case_id, caller, ports)
    ports.audit.record(org, case.employee_id, caller, "case", case.id)
    return case_view(case, ports.directory)


def _hand_on_plan(case: Case, by: str, ports: Ports) -> None:
    """The case's improvement plan as it now stands, to the person's development plan: after every step of a case
    that has one, so that a step whose message was lost is mended by the next (each message carries the whole plan,
    and a duplicate changes nothing). A message that cannot be sent is logged, not answered as an error: the case's
    step is saved, and sending it again would be refused as a step already taken."""
    if case.plan is None:
        return
    closed = case.state == "closed"
    improved = closed and bool(case.reviews) and case.reviews[-1].outcome == "improved"
    pending = case.pending_reviews
    next_review = pending[0] if pending and not closed else case.plan.review_dates[-1]
    zone = ZoneInfo(ports.orgs.get(case.org).time_zone)
    message = ImprovementPlan(org=case.org, employee_id=case.employee_id, case_id=case.id, measures=case.plan.measures,
                              due=next_review.astimezone(zone).date().isoformat(), closed=closed, improved=improved,
                              by=by)  # fmt: skip
    try:
        ports.improvement([message])
    except Exception as error:  # the case is saved; its next step sends the plan again
        log_failure("improvement plan not handed on", error)


def apply_case_event(org: str, case_id: str, body: Any, caller: Caller, ports: Ports) -> dict[str, Any]:
    if not isinstance(body, dict) or body.get("type") not in EVENTS:
        raise InvalidInput(f"'type' must be one of {', '.join(EVENTS)}", [Problem("unknown event", "type")])
    case = _visible_case(org, case_id, caller, ports)
    kind = body["type"]
    settings = ports.orgs.get(org)
    rules = settings.escalation
    if kind == "acknowledge":
        moved = escalations.acknowledge(case, caller.sub, caller.roles, rules)
    elif kind == "plan":
        moved = escalations.agree_plan(case, caller.sub, caller.roles, body, rules)
    elif kind == "review":
        moved = escalations.record_review(case, caller.sub, caller.roles, body)
    else:
        moved = escalations.close(case, caller.sub, caller.roles, body.get("decision"))
    # A closed case stays closed: it is kept the organisation's retention from then, and goes by the table's TTL.
    closed_at = moved.closed_at if moved.state == "closed" else None
    expires_at = retention.expires_at(closed_at, settings.retention_months) if closed_at else None
    try:
        saved = ports.cases.save(moved, expected_version=case.version, expires_at=expires_at)
    except ConditionFailed:
        raise Conflict("the case changed meanwhile; read it again and retry") from None
    _schedule(saved, ports)
    _hand_on_plan(saved, caller.sub, ports)
    return case_view(saved, ports.directory)


def deadline_passed(org: str, case_id: str, due: str, ports: Ports, now: datetime | None = None) -> str:
    """A case's schedule fired: escalate one level if that deadline is still the case's deadline."""
    case = ports.cases.get(org, case_id)
    if case is None:
        return "no case"
    manager_of, _ = _manager_chain(org, ports.directory)
    rules = ports.orgs.get(org).escalation
    result = escalations.escalate(case, now or clock.now(), manager_of, rules, due=datetime.fromisoformat(due))
    if result is None:
        return "not due"
    moved, notify = result
    try:
        saved = ports.cases.save(moved, expected_version=case.version)
    except ConditionFailed:
        return "changed meanwhile"
    _schedule(saved, ports)
    _notify(saved, "escalated", notify, ports)
    return f"escalated to level {saved.level}"


def require_manager_or_hr(caller: Caller) -> None:
    if not caller.roles & {"manager", "hr_admin"}:
        raise Forbidden("this needs the role 'manager' or 'hr_admin'")
