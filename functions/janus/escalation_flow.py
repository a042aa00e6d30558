"""Escalation cases at work: opened from reports and manager flags, moved by their owners,
and escalated by one-time schedules when a deadline passes. Every step is one saved case
(optimistic locking on its version), one schedule for its next deadline, and the notices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from janus import clock, escalations
from janus.caller import Caller
from janus.employees import MAX_HIERARCHY_DEPTH, EmployeeDirectory, managers_above
from janus.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from janus.escalations import Case
from janus.mail import render_escalation_notice
from janus.mailer import Mailer
from janus.reminders import OneTimeSchedules
from janus.store import ConditionFailed
from janus.store.escalations import EscalationStore
from janus.store.organisation import OrgStore

EVENTS = ("acknowledge", "plan", "review", "close")


@dataclass(frozen=True)
class Ports:
    cases: EscalationStore
    directory: EmployeeDirectory
    schedules: OneTimeSchedules
    queue_arn: str
    mailer: Mailer
    sender: str
    public_api_url: str
    orgs: OrgStore


def _schedule(case: Case, ports: Ports) -> None:
    """The one schedule of a case: its current deadline (or none once closed)."""
    name = f"case-{case.id}"
    if case.state == "closed" or case.due is None:
        ports.schedules.clear(name)
        return
    payload = {"job": "due", "org": case.org, "case_id": case.id, "due": case.due.isoformat()}
    ports.schedules.set(name, case.due, ports.queue_arn, payload)


def _notify(case: Case, kind: str, people: list[str | None], ports: Ports) -> None:
    """Tell the people named (the owner, the HR lead...) by e-mail: what happened, never the ratings."""
    home = ports.orgs.get(case.org).time_zone
    found = ports.directory.get_many(case.org, {p for p in people if p} | {case.employee_id})
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
            case_link=f"{ports.public_api_url}/escalations/{case.id}",
            level=case.level,
        )
        ports.mailer.send(message, tags={"case": case.id.replace("esc-", "")})


def open_cases_from_report(detail: dict[str, Any], ports: Ports) -> list[str]:
    """A ReportReady event: open the cases its numbers call for, once each (replays open nothing)."""
    opened = []
    rules = ports.orgs.get(detail["org"]).escalation
    for case in escalations.cases_from_report(
        detail["org"], detail["subject_id"], detail.get("manager_id"), detail["cycle_id"], detail, rules
    ):
        if ports.cases.create_if_absent(case):
            _schedule(case, ports)
            _notify(case, "opened", [case.owner, rules.hr_lead], ports)
            opened.append(case.id)
    return opened


def flag_unacceptable(org: str, employee_id: str, caller: Caller, body: Any, ports: Ports) -> dict[str, Any]:
    employee = ports.directory.get_many(org, [employee_id]).get(employee_id)
    if employee is None:
        raise NotFound(f"no employee '{employee_id}' in this organisation")
    note = body.get("note") if isinstance(body, dict) else None
    rules = ports.orgs.get(org).escalation
    case = escalations.flag(org, employee_id, employee.manager_id, caller.sub, caller.roles, note, rules)
    if not ports.cases.create_if_absent(case):
        raise Conflict("a case for this cause is already open for this employee", [Problem(case.id, field="case")])
    _schedule(case, ports)
    _notify(case, "opened", [case.owner, rules.hr_lead], ports)
    return case.as_dict()


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


def list_cases(org: str, caller: Caller, ports: Ports) -> list[dict[str, Any]]:
    _, is_manager_of = _manager_chain(org, ports.directory)
    cases, _ = ports.cases.list_for_org(org)
    return [c.as_dict() for c in cases if escalations.visible_to(c, caller.sub, caller.roles, is_manager_of)]


def get_case(org: str, case_id: str, caller: Caller, ports: Ports) -> dict[str, Any]:
    return _visible_case(org, case_id, caller, ports).as_dict()


def apply_case_event(org: str, case_id: str, body: Any, caller: Caller, ports: Ports) -> dict[str, Any]:
    if not isinstance(body, dict) or body.get("type") not in EVENTS:
        raise InvalidInput(f"'type' must be one of {', '.join(EVENTS)}", [Problem("unknown event", "type")])
    case = _visible_case(org, case_id, caller, ports)
    kind = body["type"]
    rules = ports.orgs.get(org).escalation
    if kind == "acknowledge":
        moved = escalations.acknowledge(case, caller.sub, caller.roles, rules)
    elif kind == "plan":
        moved = escalations.agree_plan(case, caller.sub, caller.roles, body, rules)
    elif kind == "review":
        moved = escalations.record_review(case, caller.sub, caller.roles, body)
    else:
        moved = escalations.close(case, caller.sub, caller.roles, body.get("decision"))
    try:
        saved = ports.cases.save(moved, expected_version=case.version)
    except ConditionFailed:
        raise Conflict("the case changed meanwhile; read it again and retry") from None
    _schedule(saved, ports)
    return saved.as_dict()


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
