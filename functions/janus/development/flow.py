"""Development plans at work: read (seeded on the way from the latest released report), actions added and
changed, aspirations written, managers' comments. The plan belongs to the employee: they add and change its
actions and write their aspirations; their managers (the whole chain above) read it and comment on actions;
HR reads it. To anyone else the plan does not exist (404).

Reads are by key: the plan and its history (its partition), the person and the managers above them (one
GetItem a level), and, for the seed, what ``janus.development.seeding`` reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from janus.audit.log import AuditLog
from janus.development.plan import (
    MAX_ACTIONS,
    MAX_COMMENTS,
    STATUSES,
    Action,
    Plan,
)
from janus.development.seeding import ReportSource, seeded
from janus.development.store import PlanChanged, PlanStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from janus.kernel.idempotency import RequestKey
from janus.people.employees import MAX_HIERARCHY_DEPTH, EmployeeDirectory, managers_above
from janus.store import once
from janus.store.once import Once

SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class Ports:
    plans: PlanStore
    directory: EmployeeDirectory
    reports: ReportSource
    audit: AuditLog = field(default_factory=AuditLog)  # who read the plan, when it is not its employee


@dataclass(frozen=True)
class Reader:
    caller: Caller
    employee_id: str
    role: str  # "employee", "manager" or "hr"


def _reader(caller: Caller, employee_id: str, ports: Ports) -> Reader:
    """Who the caller is to the plan's owner; 404 when they may not read it (or there is no such person)."""
    missing = NotFound(f"no development plan of '{employee_id}' that you may see")
    if employee_id == caller.sub:
        return Reader(caller, employee_id, "employee")
    if employee_id not in ports.directory.get_many(caller.org, [employee_id]):
        raise missing
    if "manager" in caller.roles and caller.sub in managers_above(
        caller.org, employee_id, ports.directory, MAX_HIERARCHY_DEPTH
    ):
        return Reader(caller, employee_id, "manager")
    if "hr_admin" in caller.roles:
        return Reader(caller, employee_id, "hr")
    raise missing


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _long_text(value: Any) -> str | None:
    """Text whose line breaks matter (aspirations, notes): trimmed, none when blank."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _due(value: Any, problems: list[Problem]) -> date | None:
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else ""
    if len(text) == 10 and text[4] == text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    problems.append(Problem("must be a date such as 2027-03-31", "due"))
    return None


def _current(org: str, employee_id: str, ports: Ports) -> Plan:
    """The plan as stored, seeded first from a released report that has not seeded it yet (and saved so, once:
    two readers at once seed it once, the later reading the earlier's plan)."""
    for _ in range(SAVE_ATTEMPTS):
        plan = ports.plans.get(org, employee_id) or Plan(org, employee_id)
        seed = ports.reports.latest_released(org, employee_id, plan.seeded_from)
        if seed is None:
            return plan
        after, entries = seeded(plan, seed, clock.now())
        try:
            return ports.plans.save(plan, after, entries)
        except PlanChanged:
            continue
    raise Conflict("the plan is being changed by others; read it again")


def _answer(plan: Plan, reader: Reader, ports: Ports) -> dict[str, Any]:
    history = ports.plans.history(plan.org, plan.employee_id) if plan.version else []
    people = {plan.employee_id, *(e["by"] for e in history), *(c["by"] for a in plan.actions for c in a.comments)}
    names = {p.id: p.name for p in ports.directory.get_many(plan.org, people - {"janus"}).values()}
    return {
        **plan.as_dict(),
        "history": history,
        "names": names,
        "may_change": reader.role == "employee",
        "may_comment": reader.role in ("employee", "manager"),
    }


def get_plan(caller: Caller, employee_id: str, ports: Ports) -> dict[str, Any]:
    reader = _reader(caller, employee_id, ports)
    ports.audit.record(caller.org, employee_id, caller, "development_plan", employee_id)
    return _answer(_current(caller.org, employee_id, ports), reader, ports)


def _change(
    caller: Caller,
    employee_id: str,
    ports: Ports,
    change: Callable[[Plan, Reader], tuple[Plan, list[dict[str, Any]]]],
    made: Callable[[Plan], Once | None] = lambda after: None,
) -> dict[str, Any]:
    """Read, change, write (``made``: the request's idempotency key with what the change made, in the write)."""
    reader = _reader(caller, employee_id, ports)
    for _ in range(SAVE_ATTEMPTS):
        # A change does not look for a new report: the plan is seeded when it is read (the console reads first).
        plan = ports.plans.get(caller.org, employee_id) or Plan(caller.org, employee_id)
        after, entries = change(plan, reader)
        if not entries:
            return _answer(plan, reader, ports)
        try:
            return _answer(ports.plans.save(plan, after, entries, made(after)), reader, ports)
        except PlanChanged:
            continue
    raise Conflict("the plan is being changed by others; read it again and retry")


def _owner_only(reader: Reader, what: str) -> None:
    if reader.role != "employee":
        raise Forbidden(f"the plan is the employee's: only they {what}")


def add_action(
    caller: Caller, employee_id: str, body: Mapping[str, Any], ports: Ports, key: RequestKey | None = None
) -> dict[str, Any]:
    """``POST .../development-plan/actions`` ``{"title", "due"?, "note"?, "competency"?}``: the employee's own. A
    repeat of the request's idempotency key answers the plan as it now is, the action added once."""

    def change(plan: Plan, reader: Reader) -> tuple[Plan, list[dict[str, Any]]]:
        _owner_only(reader, "add actions")
        problems: list[Problem] = []
        title = _text(body.get("title"))
        if title is None:
            problems.append(Problem("must not be empty", "title"))
        due = _due(body.get("due"), problems)
        if len(plan.actions) >= MAX_ACTIONS:
            problems.append(Problem(f"the plan has {MAX_ACTIONS} actions, the most it holds: drop or finish some"))
        if problems:
            raise InvalidInput(f"{len(problems)} problem(s) with the action; nothing was saved", problems)
        now = clock.now()
        action = Action(id=f"a{plan.next_action}", kind="own", title=title or "", due=due,
                        note=_long_text(body.get("note")), competency=_text(body.get("competency")),
                        created_at=now, created_by=caller.sub, updated_at=now)  # fmt: skip
        after = replace(plan, actions=(*plan.actions, action), next_action=plan.next_action + 1, updated_at=now)
        entry = {"at": now.isoformat(), "by": caller.sub, "kind": "action_added", "action_id": action.id,
                 "changes": {"title": {"from": None, "to": action.title}}}  # fmt: skip
        return after, [entry]

    def made(after: Plan) -> Once | None:
        return Once(key, {"action": after.actions[-1].id}) if key else None

    def again(_: Mapping[str, str]) -> dict[str, Any]:
        reader = _reader(caller, employee_id, ports)
        return _answer(ports.plans.get(caller.org, employee_id) or Plan(caller.org, employee_id), reader, ports)

    return once.attempt(key, lambda: _change(caller, employee_id, ports, change, made), again)


ACTION_FIELDS = ("title", "status", "due", "note")


def _action_values(body: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The action's fields a PATCH sets, and its comment; every problem named at once."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    if "title" in body:
        values["title"] = _text(body["title"])
        if values["title"] is None:
            problems.append(Problem("must not be empty", "title"))
    if "status" in body:
        if body["status"] not in STATUSES:
            problems.append(Problem(f"must be one of {', '.join(STATUSES)}", "status"))
        values["status"] = body["status"]
    if "due" in body:
        values["due"] = _due(body["due"], problems)
    if "note" in body:
        values["note"] = _long_text(body["note"])
    comment = _long_text(body.get("comment")) if "comment" in body else None
    if "comment" in body and comment is None:
        problems.append(Problem("must not be empty", "comment"))
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the change; nothing was saved", problems)
    return values, comment


def change_action(
    caller: Caller, employee_id: str, action_id: str, body: Mapping[str, Any], ports: Ports
) -> dict[str, Any]:
    """``PATCH .../actions/{id}`` ``{"title"?, "status"?, "due"?, "note"?, "comment"?}``: the employee changes
    their action; a manager above them (or the employee) adds a comment."""

    def change(plan: Plan, reader: Reader) -> tuple[Plan, list[dict[str, Any]]]:
        action = plan.action(action_id)
        if action is None:
            raise NotFound(f"the plan has no action '{action_id}'")
        if any(name in body for name in ACTION_FIELDS):
            _owner_only(reader, "change an action; a manager comments")
        elif "comment" in body and reader.role == "hr":
            raise Forbidden("HR reads development plans; the employee and their managers comment")
        values, comment = _action_values(body)
        if action.kind == "case":
            _agreed(action, values)
        now = clock.now()
        changes = {
            name: {"from": _plain(getattr(action, name)), "to": _plain(values[name])}
            for name in ACTION_FIELDS
            if name in values and values[name] != getattr(action, name)
        }
        entries: list[dict[str, Any]] = []
        after = action
        if changes:
            after = replace(after, **{name: values[name] for name in changes}, updated_at=now)
            entries.append({"at": now.isoformat(), "by": caller.sub, "kind": "action_changed",
                            "action_id": action.id, "changes": changes})  # fmt: skip
        if comment:
            said = {"by": caller.sub, "at": now.isoformat(), "text": comment}
            after = replace(after, comments=(*after.comments, said)[-MAX_COMMENTS:], updated_at=now)
            entries.append({"at": now.isoformat(), "by": caller.sub, "kind": "comment", "action_id": action.id,
                            "text": comment})  # fmt: skip
        return replace(plan.with_action(after), updated_at=now), entries

    return _change(caller, employee_id, ports, change)


def _agreed(action: Action, values: Mapping[str, Any]) -> None:
    """An improvement plan's measure keeps the plan's wording and date, and ends with its case: the employee marks
    progress (open, in progress, done) and adds a note until then."""
    if any(name in values and values[name] != getattr(action, name) for name in ("title", "due")):
        raise Conflict("an improvement plan's measure keeps its agreed wording and date; talk to your manager")
    if action.case_closed and values.get("status", action.status) != action.status:
        raise Conflict("the improvement plan has ended: its measures stay as it left them")
    if values.get("status") == "dropped" and action.status != "dropped":
        raise Conflict("an improvement plan's measure is not dropped; it ends with the plan")


def change_plan(caller: Caller, employee_id: str, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    """``PATCH .../development-plan`` ``{"aspirations"}``: the employee's career aspirations."""

    def change(plan: Plan, reader: Reader) -> tuple[Plan, list[dict[str, Any]]]:
        _owner_only(reader, "write their career aspirations")
        aspirations = _long_text(body.get("aspirations"))
        if aspirations == plan.aspirations:
            return plan, []
        now = clock.now()
        entry = {"at": now.isoformat(), "by": caller.sub, "kind": "aspirations",
                 "changes": {"aspirations": {"from": plan.aspirations, "to": aspirations}}}  # fmt: skip
        return replace(plan, aspirations=aspirations, updated_at=now), [entry]

    return _change(caller, employee_id, ports, change)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
