"""Check-ins at work: a pair's cadence, a check-in made, its agenda, notes and action items, completed; and HR's
two-way measure by department.

Who may (docs/architecture.md, "Check-ins"): the two people of the pair, the employee and their manager, read
and write a check-in; the managers above the employee (the chain, as for goals) and HR read it; anyone else
finds no such check-in (404). Private notes are the author's alone: they are read by the author's key and
answered to the author only, never in the check-in's JSON. The cadence is set by the employee's managers or HR.

Reads are by key or index: a check-in with the caller's own notes (one BatchGetItem), its action items (one
BatchGetItem), the employee's open goals (one Query), the pair (one GetItem), the people named (one
BatchGetItem), an employee's check-ins (one Query), the departments' counters (one Query).

How long it is kept (``janus.kernel.retention``): every write of a check-in, and of an author's private notes on
it, stamps them with the later of the check-in's day and the write, plus the organisation's ``retention_months``;
so a check-in goes that many months after it was held (its completion is its last change, as a rule) and one never
held that many months after its day or its last change. An action item is stamped when it is done; an open one
stays, as it is still carried from check-in to check-in. The months come from the settings as the container read
them in the last minutes (``Ports.retention``), so that no write reads them again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from functools import partial
from typing import Any

from janus.checkins.checkin import (
    CADENCES,
    MAX_ACTIONS,
    MAX_NOTES,
    MAX_TOPICS,
    CheckIn,
    after,
    parse_date,
    words,
)
from janus.checkins.store import CheckInChanged, CheckInStore, Pair
from janus.goals.access import Access
from janus.kernel import clock, retention
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem, Unprocessable
from janus.kernel.idempotency import RequestKey
from janus.people.employees import Employee, EmployeeDirectory
from janus.store import once
from janus.store.once import Once

SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class Ports:
    """What the check-ins' use cases talk to."""

    checkins: CheckInStore
    directory: EmployeeDirectory
    schedule: Callable[[str, str, int, datetime], None]  # (org, employee, slot, when): the pair's one schedule
    focus: Callable[[str, str], dict[str, Any] | None]  # (org, employee): their latest report's focus
    open_goals: Callable[[str, str], dict[str, Any]]  # (org, owner)
    threshold: Callable[[str], int]  # the organisation's anonymity threshold
    # (org, employee): the open actions of their development plan, on the agenda beside the goals
    development_actions: Callable[[str, str], list[dict[str, Any]]] = lambda org, employee: []
    # The organisation's retention_months, as read in the last minutes (no write reads the settings for it).
    retention: Callable[[str], int] = lambda org: retention.DEFAULT_MONTHS


def _new_id(prefix: str) -> str:
    return f"{prefix}-{os.urandom(6).hex()}"


def _now() -> datetime:
    return clock.now()


def _expires(check_in: CheckIn, at: datetime, ports: Ports) -> int:
    """The stamp of a check-in written at ``at``: the later of its day's end and ``at``, plus the retention."""
    day_end = datetime.combine(datetime.fromisoformat(check_in.date).date(), time(), UTC) + timedelta(days=1)
    return retention.expires_at(max(at, day_end), ports.retention(check_in.org))


def _employee(caller: Caller, employee_id: str, ports: Ports, field: str = "employee_id") -> Employee:
    found = ports.directory.get_many(caller.org, [employee_id]).get(employee_id)
    if found is None or not found.active:
        raise InvalidInput(f"no employee '{employee_id}' in this organisation", [Problem("no such employee", field)])
    return found


def _may_read(access: Access, check_in: CheckIn) -> bool:
    caller = access.caller
    return check_in.side_of(caller.sub) is not None or access.is_hr or access.manages(check_in.employee_id)


def _readable(caller: Caller, check_in_id: str, ports: Ports) -> tuple[CheckIn, dict[str, Any] | None, Access]:
    """The check-in, if the caller may read it, with the caller's own private notes (nobody else's are read)."""
    access = Access(caller, ports.directory)
    check_in, note = ports.checkins.get_with_note(caller.org, check_in_id, caller.sub)
    if check_in is None or not _may_read(access, check_in):
        raise NotFound(f"no check-in '{check_in_id}' that you may see")
    return check_in, note, access


def _writable(caller: Caller, check_in_id: str, ports: Ports) -> tuple[CheckIn, dict[str, Any] | None]:
    check_in, note, _ = _readable(caller, check_in_id, ports)
    if check_in.side_of(caller.sub) is None:
        raise Forbidden("only the employee and their manager change their check-in")
    return check_in, note


def view(
    caller: Caller,
    check_in: CheckIn,
    note: dict[str, Any] | None,
    ports: Ports,
    goals: bool = False,
    access: Access | None = None,
) -> dict[str, Any]:
    """The check-in as the caller reads it: the shared agenda, notes and action items, the development focus and
    (``goals``: as ``GET`` answers) the employee's open goals one click away, and, for the two people of the pair
    only, their own private notes. A write answers without the goals: they are the agenda's, not the write's."""
    actions = ports.checkins.actions(caller.org, check_in.employee_id, check_in.action_ids)
    side = check_in.side_of(caller.sub)
    answer = {
        **check_in.as_dict(),
        "actions": [{**actions[a], "carried": a in check_in.carried} for a in check_in.action_ids if a in actions],
        "development_focus": check_in.focus,
        "may_change": side is not None,
    }
    if goals:
        answer["goals"] = ports.open_goals(caller.org, check_in.employee_id)
        # The development plan as it is today, to those who may read it today: not a former manager of an old
        # check-in (the plan may hold an improvement plan's measures they are no longer party to).
        reader = access or Access(caller, ports.directory)
        if caller.sub == check_in.employee_id or reader.is_hr or reader.manages(check_in.employee_id):
            answer["development_actions"] = ports.development_actions(caller.org, check_in.employee_id)
    if side is not None:
        answer["private_notes"] = {
            "text": note["text"] if note else "",
            "updated_at": note and note["updated_at"],
            "only_you": True,
        }
    return answer


# ---------------------------------------------------------------------- cadence
def set_cadence(caller: Caller, employee_id: str, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    """The pair's cadence (by the employee's managers or HR), its next slot and the slot's schedule."""
    access = Access(caller, ports.directory)
    found = ports.directory.get_many(caller.org, [employee_id]).get(employee_id)
    direct = found is not None and found.manager_id == caller.sub  # the common case, without walking the chain
    if found is None or not found.active or not (direct or access.is_hr or access.manages(employee_id)):
        raise NotFound(f"no employee '{employee_id}' whose check-ins you arrange")
    cadence = body["cadence"]
    if cadence not in CADENCES:
        raise InvalidInput("unknown cadence", [Problem(f"must be one of {', '.join(CADENCES)}", "cadence")])
    if not found.manager_id:
        raise Unprocessable(
            "the employee has no manager to hold check-ins with", [Problem("has no manager", "employee_id")]
        )
    for _ in range(SAVE_ATTEMPTS):
        before = ports.checkins.pair(caller.org, employee_id)
        now = _now()
        base = before or Pair(caller.org, employee_id, found.manager_id, found.department)
        pair = replace(
            base, manager_id=found.manager_id, cadence=cadence, next_due=after(cadence, now), slot=base.slot + 1
        )
        try:
            ports.checkins.set_cadence(before, pair)
        except CheckInChanged:
            continue
        assert pair.next_due is not None
        ports.schedule(caller.org, employee_id, pair.slot, pair.next_due)
        return pair.as_dict()
    raise Conflict("the pair is being changed by others; try again")


# ---------------------------------------------------------------------- check-ins
def create(caller: Caller, body: Mapping[str, Any], ports: Ports, key: RequestKey | None = None) -> dict[str, Any]:
    """A new check-in of the employee and their manager, made by either; the pair's open action items carry
    over into it. A repeat of the request's idempotency key answers the check-in it made."""
    return once.attempt(key, lambda: _create(caller, body, ports, key), partial(_again, caller, ports=ports))


def _again(caller: Caller, made: Mapping[str, str], ports: Ports) -> dict[str, Any]:
    """A repeat of a write that made something in a check-in (the check-in, a topic, an action item): the check-in
    as it is now, answered as the write was (without the goals)."""
    check_in, note, _ = _readable(caller, made["check_in"], ports)
    return view(caller, check_in, note, ports)


def _create(caller: Caller, body: Mapping[str, Any], ports: Ports, key: RequestKey | None) -> dict[str, Any]:
    problems: list[Problem] = []
    employee = _employee(caller, body["employee_id"], ports)
    day = parse_date(body["date"], "date", problems) if body.get("date") else _now().date()
    if problems:
        raise InvalidInput("the check-in's date is not a date; nothing was saved", problems)
    if not employee.manager_id:
        raise Unprocessable(
            "the employee has no manager to hold check-ins with", [Problem("has no manager", "employee_id")]
        )
    if caller.sub not in (employee.id, employee.manager_id):
        raise Forbidden("only the employee and their manager start a check-in")
    for _ in range(SAVE_ATTEMPTS):
        before = ports.checkins.pair(caller.org, employee.id)
        same = before is not None and before.manager_id == employee.manager_id
        carried = tuple(sorted(before.open_actions))[:MAX_ACTIONS] if before and same else ()
        now = _now()
        check_in = CheckIn(
            org=caller.org,
            id=_new_id("c"),
            employee_id=employee.id,
            manager_id=employee.manager_id,
            department=before.department if before else employee.department,
            date=day.isoformat() if day else now.date().isoformat(),
            created_at=now.isoformat(),
            created_by=caller.sub,
            action_ids=carried,
            carried=carried,
            focus=ports.focus(caller.org, employee.id),
            version=1,
        )
        base = before or Pair(caller.org, employee.id, employee.manager_id, employee.department)
        pair = replace(
            base,
            manager_id=employee.manager_id,
            count=base.count + 1,
            last_check_in=check_in.id,
            open_actions=base.open_actions if same else frozenset(),
        )
        try:
            made = Once(key, {"check_in": check_in.id}) if key else None
            ports.checkins.create(
                check_in,
                before,
                pair,
                drop_open=before is not None and not same,
                expires_at=_expires(check_in, now, ports),
                once=made,
            )
        except CheckInChanged:
            continue
        return view(caller, check_in, None, ports)
    raise Conflict("the pair is being changed by others; try again")


def list_check_ins(caller: Caller, employee_id: str | None, ports: Ports) -> dict[str, Any]:
    """An employee's check-ins (the caller's own by default), newest first, and their pair's cadence."""
    employee_id = employee_id or caller.sub
    access = Access(caller, ports.directory)
    if employee_id != caller.sub and not access.is_hr and not access.manages(employee_id):
        raise NotFound(f"no check-ins of '{employee_id}' that you may see")
    pair = ports.checkins.pair(caller.org, employee_id)
    found = ports.checkins.of_employee(caller.org, employee_id)
    return {"check_ins": [c.summary() for c in found], "pair": pair.as_dict() if pair else None}


def get(caller: Caller, check_in_id: str, ports: Ports) -> dict[str, Any]:
    check_in, note, access = _readable(caller, check_in_id, ports)
    return view(caller, check_in, note, ports, goals=True, access=access)


def _save(
    caller: Caller, check_in_id: str, ports: Ports, change: Callable[[CheckIn], tuple[CheckIn, Callable[[], None]]]
) -> dict[str, Any]:
    """Read, change, write; a write that lost a race is made again on the check-in as it now is."""
    for _ in range(SAVE_ATTEMPTS):
        check_in, note = _writable(caller, check_in_id, ports)
        after_change, write = change(check_in)
        try:
            write()
        except CheckInChanged:
            continue
        return view(caller, replace(after_change, version=check_in.version + 1), note, ports)
    raise Conflict("the check-in is being changed by others; read it again and retry")


def _open(check_in: CheckIn) -> None:
    if check_in.state != "open":
        raise Conflict("the check-in is completed; start the next one")


def add_topic(
    caller: Caller, check_in_id: str, body: Mapping[str, Any], ports: Ports, key: RequestKey | None = None
) -> dict[str, Any]:
    """A topic on the shared agenda, by either side, its author and side kept (and counted in the department).
    A repeat of the request's idempotency key answers the check-in as it now is, the topic added once."""
    problems: list[Problem] = []
    text = words(body["text"], "text", problems)
    if problems:
        raise InvalidInput("the topic is empty; nothing was saved", problems)

    def change(check_in: CheckIn) -> tuple[CheckIn, Callable[[], None]]:
        _open(check_in)
        if len(check_in.topics) >= MAX_TOPICS:
            raise Conflict(f"the agenda holds {MAX_TOPICS} topics at most")
        side = check_in.side_of(caller.sub) or "employee"
        topic = {"id": _new_id("t"), "text": text, "by": caller.sub, "side": side, "at": _now().isoformat()}
        changed = check_in.with_topic(topic)
        expires_at = _expires(check_in, _now(), ports)
        made = Once(key, {"check_in": check_in.id, "topic": topic["id"]}) if key else None
        return changed, lambda: ports.checkins.add_topic(check_in, changed, side, expires_at, made)

    return once.attempt(key, lambda: _save(caller, check_in_id, ports, change), partial(_again, caller, ports=ports))


def put_notes(caller: Caller, check_in_id: str, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    """The shared notes and/or the caller's private notes (theirs alone; empty removes them), in one write."""
    if "shared" not in body and "private" not in body:
        raise InvalidInput("give shared or private notes", [Problem("give shared or private", "shared")])
    texts = {name: str(body.get(name) or "").strip() for name in ("shared", "private") if name in body}
    problems = [
        Problem(f"at most {MAX_NOTES} characters", name) for name, text in texts.items() if len(text) > MAX_NOTES
    ]
    if problems:
        raise InvalidInput("the notes are too long; nothing was saved", problems)
    for _ in range(SAVE_ATTEMPTS):
        now = _now()
        check_in, note = _writable(caller, check_in_id, ports)
        changed = None
        if "shared" in texts:
            shared = {"text": texts["shared"], "by": caller.sub, "at": now.isoformat()} if texts["shared"] else None
            changed = replace(check_in, shared_notes=shared, version=check_in.version + 1)
        try:
            ports.checkins.save_notes(
                check_in, changed, caller.sub, texts.get("private"), now, _expires(check_in, now, ports)
            )
        except CheckInChanged:
            continue
        if "private" in texts:
            note = {"text": texts["private"], "updated_at": now.isoformat()} if texts["private"] else None
        return view(caller, changed or check_in, note, ports)
    raise Conflict("the check-in is being changed by others; read it again and retry")


def add_action(
    caller: Caller, check_in_id: str, body: Mapping[str, Any], ports: Ports, key: RequestKey | None = None
) -> dict[str, Any]:
    """An action item with an owner (one of the pair) and an optional due date, open until done. A repeat of the
    request's idempotency key answers the check-in as it now is, the action item added once."""
    problems: list[Problem] = []
    text = words(body["text"], "text", problems)
    due = parse_date(body["due"], "due", problems) if body.get("due") else None

    def change(check_in: CheckIn) -> tuple[CheckIn, Callable[[], None]]:
        if body["owner"] not in (check_in.employee_id, check_in.manager_id):
            problems.append(Problem("must be the employee or their manager", "owner"))
        if problems:
            raise InvalidInput(f"{len(problems)} problem(s) with the action item; nothing was saved", problems)
        _open(check_in)
        if len(check_in.action_ids) >= MAX_ACTIONS:
            raise Conflict(f"a check-in lists {MAX_ACTIONS} action items at most; mark some done")
        action = {
            "id": _new_id("a"),
            "text": text,
            "owner": body["owner"],
            "due": due.isoformat() if due else None,
            "raised_in": check_in.id,
            "raised_by": caller.sub,
            "raised_at": _now().isoformat(),
        }
        changed = check_in.with_action(action["id"])
        expires_at = _expires(check_in, _now(), ports)
        made = Once(key, {"check_in": check_in.id, "action": action["id"]}) if key else None
        return changed, lambda: ports.checkins.add_action(check_in, changed, action, expires_at, made)

    return once.attempt(key, lambda: _save(caller, check_in_id, ports, change), partial(_again, caller, ports=ports))


def mark_done(caller: Caller, check_in_id: str, action_id: str, ports: Ports) -> dict[str, Any]:
    """The action item done, in every check-in that lists it (it is one item of the pair)."""
    check_in, note = _writable(caller, check_in_id, ports)
    if action_id not in check_in.action_ids:
        raise NotFound(f"no action item '{action_id}' in this check-in")
    action = ports.checkins.actions(caller.org, check_in.employee_id, [action_id]).get(action_id)
    if action is None:
        raise NotFound(f"no action item '{action_id}' in this check-in")
    if not action["done"]:
        now = _now()
        done = {**action, "done_in": check_in.id, "done_by": caller.sub, "done_at": now.isoformat()}
        expires_at = retention.expires_at(now, ports.retention(caller.org))
        with contextlib.suppress(CheckInChanged):  # done by the other side meanwhile
            ports.checkins.mark_done(caller.org, check_in.employee_id, done, expires_at)
    return view(caller, check_in, note, ports)


def complete(caller: Caller, check_in_id: str, ports: Ports) -> dict[str, Any]:
    """The check-in held: the pair's next slot is one cadence from now, its schedule moved, the slot counted."""
    for _ in range(SAVE_ATTEMPTS):
        check_in, note = _writable(caller, check_in_id, ports)
        _open(check_in)
        pair = ports.checkins.pair(caller.org, check_in.employee_id)
        if pair is None:
            raise Conflict("the check-in's pair is gone; start a new check-in")
        now = _now()
        next_due = after(pair.cadence, now) if pair.cadence else None
        done = replace(check_in, state="completed", completed_at=now.isoformat(), completed_by=caller.sub)
        # The pair's slot passed and its schedule has not counted it (EventBridge Scheduler fires late at times, or
        # its message is still on its way): it is counted missed here, with the check-in; the schedule's message
        # then finds the slot moved and nudges nobody about a check-in already held.
        late = pair.next_due is not None and now > pair.next_due
        try:
            ports.checkins.complete(
                check_in, done, pair, next_due, now, missed=late, expires_at=_expires(check_in, now, ports)
            )
        except CheckInChanged:
            continue
        if next_due is not None:
            ports.schedule(caller.org, check_in.employee_id, pair.slot + 1, next_due)
        return view(caller, replace(done, version=check_in.version + 1), note, ports)
    raise Conflict("the check-in is being changed by others; read it again and retry")


# ---------------------------------------------------------------------- HR's measure
def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _row(department: str | None, rows: list[dict[str, Any]]) -> dict[str, Any]:
    total = {k: sum(r[k] for r in rows) for k in ("pairs", "topics_employee", "topics_manager", "held", "missed")}
    topics = total["topics_employee"] + total["topics_manager"]
    slots = total["held"] + total["missed"]
    return {
        "department": department,
        "pairs": total["pairs"],
        "topics": {"employee": total["topics_employee"], "manager": total["topics_manager"]},
        "employee_topic_share": _share(total["topics_employee"], topics),
        "held": total["held"],
        "missed": total["missed"],
        "missed_share": _share(total["missed"], slots),
    }


def organisation(caller: Caller, ports: Ports) -> dict[str, Any]:
    """Per department: the share of topics employees bring and the share of slots missed, never per person.
    A department with fewer pairs than the anonymity threshold is folded into one "other" row, shown only if
    the folded pairs reach the threshold themselves; no total is given, so nothing hidden can be subtracted
    out."""
    if "hr_admin" not in caller.roles:
        raise Forbidden("the check-ins of the organisation are HR's to read")
    threshold = ports.threshold(caller.org)
    rows = ports.checkins.stats(caller.org)
    shown = sorted((r for r in rows if r["pairs"] >= threshold), key=lambda r: r["department"])
    small = [r for r in rows if r["pairs"] < threshold]
    other = _row(None, small) if small and sum(r["pairs"] for r in small) >= threshold else None
    return {
        "threshold": threshold,
        "departments": [_row(r["department"], [r]) for r in shown],
        "other": other and {**other, "departments": len(small)},
        "hidden_departments": 0 if other else len(small),
    }


def open_actions(checkins: CheckInStore, org: str, employee_id: str) -> list[dict[str, Any]]:
    """A person's open check-in action items ({"id", "text", "owner", "due"?, ...}), oldest first, for another
    capability's page (a review's): their pair (a GetItem) and its open items (one BatchGetItem)."""
    pair = checkins.pair(org, employee_id)
    if pair is None or not pair.open_actions:
        return []
    found = checkins.actions(org, employee_id, sorted(pair.open_actions))
    return [found[i] for i in sorted(pair.open_actions) if i in found and not found[i]["done"]]
