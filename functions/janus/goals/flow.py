"""Goals at work: set, read, changed with a reason, progress recorded, drafts checked. Each save is one
transaction (``janus.goals.store``) answered with the goal and its findings (``janus.goals.findings``).

Reads are by key or by index: a goal and its history (its partition), an owner's goals (the owner index),
a goal's children (the parent index), the people named (one BatchGetItem).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from janus.goals import changes
from janus.goals.access import Access
from janus.goals.goal import Goal
from janus.goals.quarters import first_day, label, quarter_of
from janus.goals.store import CHILDREN_SHOWN, GoalChanged, GoalStore, Saved
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from janus.kernel.idempotency import RequestKey
from janus.people.employees import Employee, EmployeeDirectory
from janus.store import once
from janus.store.once import Once

SAVE_ATTEMPTS = 6  # a parent's item moves with each child's save: a busy parent is tried again, after a pause
TOP_PAGE = 50  # organisation-wide goals that hang under nothing, a page
MAX_DEPTH = 20  # levels a goal may hang below the top of its tree
CHILDREN_PAGES = 10  # pages of children read for one reader at most (a private child is left out of the count)


@dataclass(frozen=True)
class Ports:
    """What the goals' use cases talk to: the goals, the directory, the queue for pushing progress up the tree,
    and each organisation's quarterly nudge schedule."""

    goals: GoalStore
    directory: EmployeeDirectory
    roll_up: Callable[[str, list[tuple[str, int]]], None]  # (org, [(goal id, depth)] whose progress moved)
    nudge_schedule: Callable[[str, date], None]  # (org, today): the next quarter's nudge is scheduled
    reports_of: Callable[[str, str], list[Employee]] | None = None  # (org, manager): their direct reports
    threshold: Callable[[str], int] | None = None  # (org): its anonymity threshold


def _new_id() -> str:
    # 48 random bits, as secrets.token_hex makes them, without loading secrets (and hmac) at each cold start.
    return f"g-{os.urandom(6).hex()}"


def _today() -> date:
    return clock.now().date()


def _visible(goal_id: str, access: Access, ports: Ports) -> Goal:
    goal = ports.goals.get(access.caller.org, goal_id)
    if goal is None or not access.may_see(goal):
        raise NotFound(f"no goal '{goal_id}' that you may see")
    return goal


def _parent(
    parent_id: str | None, access: Access, ports: Ports, problems: list[Problem], read: tuple[Goal | None] | None = None
) -> Goal | None:
    """The parent named, if the caller may see it (``read``: as read already, else a GetItem)."""
    if not parent_id:
        return None
    parent = read[0] if read is not None else ports.goals.get(access.caller.org, parent_id)
    if parent is None or not access.may_see(parent):
        problems.append(Problem(f"no goal '{parent_id}' that you may see", "parent_id"))
        return None
    return parent


def _owner(owner: str, access: Access, ports: Ports, problems: list[Problem]) -> None:
    """The owner must be someone in the organisation the caller may set goals for."""
    caller = access.caller
    if owner == caller.sub:
        return
    if owner not in ports.directory.get_many(caller.org, [owner]):
        problems.append(Problem(f"no employee '{owner}' in this organisation", "owner"))
    elif not access.may_change(owner):
        raise Forbidden("only the owner, their managers and HR set and change a person's goals")


def _answer(goal: Goal, parent: Goal | None, lang: str) -> dict[str, Any]:
    from janus.goals.findings import Draft, findings  # the first save loads the rules; a cold start need not

    draft = Draft.of(goal, parent.due if parent else None)
    return {**goal.as_dict(), "findings": findings(draft, lang, _today())}


def _entry(kind: str, goal: Goal, by: str, what: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "version": goal.version + 1 if kind != "created" else 1,
        "at": clock.now().isoformat(),
        "by": by,
        "kind": kind,
        "changes": dict(what),
        **{k: v for k, v in extra.items() if v},
    }


def create_goal(
    caller: Caller, body: Mapping[str, Any], lang: str, ports: Ports, key: RequestKey | None = None
) -> dict[str, Any]:
    """A new goal, answered with its findings; a repeat of the request's idempotency key answers the goal it made."""
    return once.attempt(
        key, lambda: _create_goal(caller, body, lang, ports, key), lambda made: _set_again(caller, made, lang, ports)
    )


def _create_goal(
    caller: Caller, body: Mapping[str, Any], lang: str, ports: Ports, key: RequestKey | None
) -> dict[str, Any]:
    access = Access(caller, ports.directory)
    problems: list[Problem] = []
    owner = body.get("owner") or caller.sub
    _owner(owner, access, ports, problems)
    parent_id = body.get("parent_id") or None
    # the owner's department and tally (what HR's counters count) with the parent: one BatchGetItem
    department, owner_tally, read = ports.goals.owner_state(caller.org, owner, parent_id)
    parent = _parent(parent_id, access, ports, problems, (read,))
    try:
        goal = changes.new_goal(caller.org, _new_id(), body, owner, caller.sub, clock.now())
        goal = replace(goal, depth=parent.depth + 1 if parent else 0, department=department)
    except InvalidInput as error:
        problems = error.problems + problems
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the goal; nothing was saved", problems)
    for attempt in range(SAVE_ATTEMPTS):
        try:
            made = Once(key, {"id": goal.id}) if key else None
            saved = ports.goals.create(goal, _entry("created", goal, caller.sub, {}), owner_tally, made)
            break
        except GoalChanged:  # another save of the owner's moved their tally: read it again
            if attempt == SAVE_ATTEMPTS - 1:
                raise Conflict("the owner's goals are being changed by others; try again") from None
            owner_tally = ports.goals.tallies(caller.org, [owner])[owner]
    _moved(caller.org, saved, ports)
    ports.nudge_schedule(caller.org, _today())
    return _answer(saved.goal, parent, lang)


def _set_again(caller: Caller, made: Mapping[str, str], lang: str, ports: Ports) -> dict[str, Any]:
    """A repeat of a goal's creation: the goal as it is now, answered as its creation was. What the creation set
    going after its write is set going again (a try that failed after the write may not have): the push up the
    tree finds its parent up to date if it was, and the quarter's nudge is scheduled once."""
    goal = _visible(made["id"], Access(caller, ports.directory), ports)
    parent = ports.goals.get(caller.org, goal.parent_id) if goal.parent_id else None
    if parent is not None and goal.pushed_progress is not None:
        ports.roll_up(caller.org, [(parent.id, goal.depth - 1)])
    ports.nudge_schedule(caller.org, _today())
    return _answer(goal, parent, lang)


def _moved(org: str, saved: Saved, ports: Ports) -> None:
    if saved.parents_moved:
        ports.roll_up(org, list(saved.parents_moved))


def _shown(goal: Goal, parents_seen: set[str], parent: Goal | None = None) -> dict[str, Any]:
    """The goal as one reader sees it: its parent named only if they may see the parent, and whether it counts in
    its parent's progress (a private goal counts only in a private parent of its owner)."""
    shown = goal.as_dict()
    if goal.parent_id not in parents_seen:
        shown["parent_id"] = None
    if parent is not None:
        shown["counts_in_parent"] = parent.counts(goal.id)
    return shown


def _seen_parents(goals: list[Goal], access: Access, ports: Ports) -> dict[str, Goal]:
    """The parents of these goals that the caller may see (one BatchGetItem per 100)."""
    wanted = {goal.parent_id for goal in goals if goal.parent_id}
    found = ports.goals.get_many(access.caller.org, wanted) if wanted else {}
    return {goal.id: goal for goal in access.visible(list(found.values()))}


def list_goals(caller: Caller, owner: str | None, ports: Ports) -> dict[str, Any]:
    """An owner's goals (the caller's own by default) that the caller may see, with the titles of the parents
    they may see (a parent they may not see is not named)."""
    access = Access(caller, ports.directory)
    shown = access.visible(ports.goals.of_owner(caller.org, owner or caller.sub))
    parents = _seen_parents(shown, access, ports)
    return {
        "goals": [_shown(goal, set(parents)) for goal in shown],
        "parents": {goal.id: {"title": goal.title, "owner": goal.owner} for goal in parents.values()},
    }


def _chain(goal: Goal, access: Access, ports: Ports) -> list[Goal]:
    """The goals above this one, nearest first, as far up as the caller may see (a GetItem a level)."""
    chain: list[Goal] = []
    at = goal
    while at.parent_id and len(chain) < MAX_DEPTH:
        parent = ports.goals.get(goal.org, at.parent_id)
        if parent is None or not access.may_see(parent):
            break
        chain.append(parent)
        at = parent
    return chain


def _visible_children(goal: Goal, access: Access, ports: Ports) -> tuple[list[Goal], bool]:
    """The first ``CHILDREN_SHOWN`` children the caller may see, and whether they may see more: pages are read
    until one more than that is found or the children end (at most ``CHILDREN_PAGES``), so that ``more``
    never tells of a child the caller may not see."""
    shown: list[Goal] = []
    after: dict[str, Any] | None = None
    for _ in range(CHILDREN_PAGES):
        page, after = ports.goals.children(goal.org, goal.id, after=after)
        shown += access.visible(page)
        if len(shown) > CHILDREN_SHOWN or after is None:
            break
    return shown[:CHILDREN_SHOWN], len(shown) > CHILDREN_SHOWN


def _above(goal: Goal) -> dict[str, Any]:
    shown = goal.as_dict()
    return {name: shown[name] for name in ("id", "title", "owner", "progress", "visibility", "status")}


def get_goal(caller: Caller, goal_id: str, ports: Ports) -> dict[str, Any]:
    """A goal with its key results, the goals above it and the children the caller may see, its history and
    the names of the people they mention. Its progress counts no child the caller may not see
    (``Goal.counts``)."""
    access = Access(caller, ports.directory)
    goal = _visible(goal_id, access, ports)
    chain = _chain(goal, access, ports)
    children, more = _visible_children(goal, access, ports)
    history = ports.goals.history(caller.org, goal_id)
    people = {goal.owner, goal.created_by, *(c.owner for c in children), *(g.owner for g in chain),
              *(e["by"] for e in history)}  # fmt: skip
    names = {person.id: person.name for person in ports.directory.get_many(caller.org, people).values()}
    seen = {g.id for g in chain}
    return {
        **_shown(goal, seen),
        "parents": [_above(g) for g in chain],
        "children": [_shown(child, {goal.id}, goal) for child in children],
        "more_children": more,
        "history": history,
        "names": names,
        "may_change": access.may_change(goal.owner),
    }


def _no_loop(goal: Goal, parent: Goal, ports: Ports) -> list[Problem]:
    """The new parent must not hang below the goal itself (one read a level up the tree)."""
    at: Goal | None = parent
    for _ in range(MAX_DEPTH):
        if at is None or at.parent_id is None:
            return []
        if at.parent_id == goal.id:
            return [Problem("the goal would support one of its own supporting goals", "parent_id")]
        at = ports.goals.get(goal.org, at.parent_id)
    return [Problem(f"the tree would be more than {MAX_DEPTH} levels deep", "parent_id")]


def _save(
    goal_id: str,
    access: Access,
    ports: Ports,
    change: Callable[[Goal], tuple[Goal, dict[str, Any], dict[str, Any]]],
    expected_version: int | None = None,
) -> Saved | Goal:
    """Read, change, write; a save that lost a race is made again on the goal as it now is, unless the caller
    said which version they changed. Returns the goal unchanged when nothing changes."""
    for attempt in range(SAVE_ATTEMPTS):
        goal = _visible(goal_id, access, ports)
        if not access.may_change(goal.owner):
            raise Forbidden("only the owner, their managers and HR change a goal")
        if expected_version is not None and goal.version != expected_version:
            raise Conflict(f"the goal is at version {goal.version}, not {expected_version}: read it again")
        after, what, entry = change(goal)
        if not what:
            return goal
        try:
            return ports.goals.save(goal, after, entry)
        except GoalChanged:
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # noqa: S311 - jitter, not secrecy
            continue
    raise Conflict("the goal is being changed by others; read it again and retry")


def change_goal(caller: Caller, goal_id: str, body: Mapping[str, Any], lang: str, ports: Ports) -> dict[str, Any]:
    access = Access(caller, ports.directory)
    parents: dict[str, Goal | None] = {}

    def change(goal: Goal) -> tuple[Goal, dict[str, Any], dict[str, Any]]:
        problems: list[Problem] = []
        if body.get("owner") and body["owner"] != goal.owner:
            _owner(body["owner"], access, ports, problems)
        parent_id = body.get("parent_id", goal.parent_id)
        parents["new"] = parent = _parent(parent_id, access, ports, problems) if parent_id != goal.id else None
        if parent is not None and parent_id != goal.parent_id:
            problems += _no_loop(goal, parent, ports)
        try:
            after, what = changes.changed_goal(goal, body, clock.now())
            if after.parent_id != goal.parent_id:
                after = replace(after, depth=parent.depth + 1 if parent else 0)
        except InvalidInput as error:
            problems = error.problems + problems
        if problems:
            raise InvalidInput(f"{len(problems)} problem(s) with the change; nothing was saved", problems)
        return after, what, _entry("changed", goal, caller.sub, what, reason=" ".join(body["reason"].split()))

    saved = _save(goal_id, access, ports, change, body.get("version"))
    goal = saved.goal if isinstance(saved, Saved) else saved
    if isinstance(saved, Saved):
        _moved(caller.org, saved, ports)
    return _answer(goal, parents.get("new"), lang)


def record_progress(caller: Caller, goal_id: str, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    access = Access(caller, ports.directory)
    note = " ".join(str(body.get("note") or "").split()) or None

    def change(goal: Goal) -> tuple[Goal, dict[str, Any], dict[str, Any]]:
        after, what = changes.progress_recorded(goal, body.get("key_result_id"), body.get("value"), clock.now())
        return after, what, _entry("progress", goal, caller.sub, what, note=note)

    saved = _save(goal_id, access, ports, change)
    if isinstance(saved, Saved):
        _moved(caller.org, saved, ports)
        return saved.goal.as_dict()
    return saved.as_dict()


def draft_findings(caller: Caller, body: Mapping[str, Any], lang: str, ports: Ports) -> dict[str, Any]:
    """The findings about a goal being written, saving nothing: what the console shows beside each field."""
    from janus.goals.findings import Draft, findings

    ignored: list[Problem] = []
    due = changes.parse_due(body["due"], ignored) if body.get("due") else None
    parent = _parent(body.get("parent_id"), Access(caller, ports.directory), ports, ignored)
    owner = body.get("owner", caller.sub)
    draft = Draft.from_body({**body, "owner": owner}, due, parent.due if parent else None)
    return {"findings": findings(draft, lang, _today())}


def organisation_goals(caller: Caller, after: str | None, ports: Ports) -> dict[str, Any]:
    """A page of the organisation-wide goals that hang under nothing (the company's), which everyone may see and
    hang their own under: one Query of their partition in the parent index. ``next`` goes on after it."""
    if after is not None and (len(after) > 120 or "#" not in after):
        raise InvalidInput("not a page of organisation goals", [Problem("not a token this list gave", "after")])
    found, following = ports.goals.top(caller.org, after, TOP_PAGE)
    names = {
        person.id: person.name for person in ports.directory.get_many(caller.org, {g.owner for g in found}).values()
    }
    return {"goals": [goal.as_dict() for goal in found], "names": names, "next": following}


def confirm_goal(caller: Caller, goal_id: str, note: str | None, ports: Ports) -> dict[str, Any]:
    """The goal confirmed as it is for this quarter (its history says who and when)."""
    access = Access(caller, ports.directory)
    now = clock.now()

    def change(goal: Goal) -> tuple[Goal, dict[str, Any], dict[str, Any]]:
        what = {"confirmed_at": {"from": goal.confirmed_at.isoformat() if goal.confirmed_at else None,
                                 "to": now.isoformat()}}  # fmt: skip
        note_kept = " ".join((note or "").split()) or None
        return replace(goal, confirmed_at=now), what, _entry("confirmed", goal, caller.sub, {}, note=note_kept)

    saved = _save(goal_id, access, ports, change)
    return (saved.goal if isinstance(saved, Saved) else saved).as_dict()


def team_goals(caller: Caller, ports: Ports) -> dict[str, Any]:
    """The caller's direct reports (one Query of the manager index) and each one's goals (the owner index, a Query
    of their open and one of their closed goals), with whether each has looked at their open goals (changed,
    recorded progress or confirmed them) since this quarter began."""
    if ports.reports_of is None:
        raise RuntimeError("the goals' ports have no manager index")
    reports = sorted(ports.reports_of(caller.org, caller.sub), key=lambda person: person.name)
    year, quarter = quarter_of(_today())
    began = first_day(year, quarter)
    people: list[dict[str, Any]] = []
    for person in reports:
        goals = ports.goals.of_owner(caller.org, person.id)  # a direct report's goals: the caller sees them all
        current = [g for g in goals if g.is_open]
        people.append({
            "id": person.id,
            "name": person.name,
            "goals": [goal.as_dict() for goal in goals],
            "open": len(current),
            "looked_at_this_quarter": bool(current) and all(g.looked_at.date() >= began for g in current),
        })  # fmt: skip
    return {"quarter": label(year, quarter), "people": people}


def _department_row(department: str | None, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One row of HR's page: the departments' counters added up, with the shares worked out."""
    from janus.goals.tally import BANDS

    total = {name: sum(row[name] for row in rows) for name in rows[0] if name != "department"}
    goals = total["goals"]
    return {
        "department": department,
        "people": total["people"],
        "goals": goals,
        "aligned": total["aligned"],
        "aligned_share": round(total["aligned"] / goals, 4) if goals else None,
        "progress": {name: total[f"band{n}"] for n, name in enumerate(BANDS)},
        "looked_at": total["looked"],
    }


def _size(row: dict[str, Any]) -> int:
    """How many people a department's figures are about: those with open goals, or who looked at theirs."""
    return max(row["people"], row["looked"])


def department_goals(caller: Caller, ports: Ports) -> dict[str, Any]:
    """HR's goal alignment by department for this quarter, from the counters the goals' saves keep (a Query per
    shard, however many goals): per department the people with open goals, the open goals, those aligned to a
    parent, their progress in bands and the people who looked at their goals this quarter. A department with
    fewer people than the anonymity threshold is folded into one "other departments" row, shown only if the
    folded ones reach the threshold together; no total is given, so nothing hidden can be subtracted out."""
    if "hr_admin" not in caller.roles:
        raise Forbidden("the goals of the organisation's departments are HR's to read")
    if ports.threshold is None:
        raise RuntimeError("the goals' ports have no anonymity threshold")
    threshold = ports.threshold(caller.org)
    year, quarter = quarter_of(_today())
    rows = [row for row in ports.goals.stats(caller.org, label(year, quarter)) if _size(row) > 0]
    shown = [row for row in rows if _size(row) >= threshold]
    small = [row for row in rows if _size(row) < threshold]
    other = _department_row(None, small) if small and sum(_size(r) for r in small) >= threshold else None
    return {
        "quarter": label(year, quarter),
        "threshold": threshold,
        "departments": [_department_row(row["department"], [row]) for row in shown],
        "other": other and {**other, "departments": len(small)},
        "hidden_departments": 0 if other else len(small),
    }
