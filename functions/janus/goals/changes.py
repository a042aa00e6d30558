"""What a request asks of a goal, checked whole: a new goal from ``POST /goals``, a changed one from
``PATCH /goals/{id}``, a value from ``POST /goals/{id}/progress``. Every problem is named at once and
nothing is written while any remains; each accepted change is kept for the goal's history as
``{"field": {"from", "to"}}``.

The request's JSON types and fields were checked by its shape (``janus.goals.api``); here are the rules
within them. Who may do it, and whether the owner and the parent exist, is the flow's to check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from janus.goals.goal import (
    MAX_KEY_RESULTS,
    STATUSES,
    VISIBILITIES,
    Goal,
    KeyResult,
    finite,
    with_progress,
)
from janus.kernel.errors import InvalidInput, Problem

# The fields a PATCH may change, in the order the history lists them.
FIELDS = ("title", "measure", "target", "due", "owner", "parent_id", "key_results", "status", "visibility")


def _text(value: Any) -> str | None:
    """Text as kept: trimmed, and none when blank."""
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def parse_due(value: Any, problems: list[Problem], name: str = "due") -> date | None:
    """A date written as 2027-03-31, or a problem named."""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) == 10 and text[4] == text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    problems.append(Problem("must be a date such as 2027-03-31", name))
    return None


def _title(value: Any, problems: list[Problem], name: str) -> str:
    found = _text(value)
    if found is None:
        problems.append(Problem("must not be empty", name))
    return found or ""


def _target(value: Any) -> str | float | None:
    return _text(value) if isinstance(value, str) else value


def _key_result(
    entry: Mapping[str, Any], before: KeyResult | None, at: str, problems: list[Problem]
) -> tuple[str, float, float, float, str | None] | None:
    """One entry's title, start, target, current and unit (what it leaves out kept from ``before``), or None."""
    for name in ("title", "start", "target"):
        if before is None and name not in entry:
            problems.append(Problem("is required", f"{at}.{name}"))
    values: dict[str, Any] = {}
    for name in ("start", "target", "current"):
        value = entry.get(name, getattr(before, name, None))
        if value is not None and not finite(value):
            problems.append(Problem("must be a finite number of at most 10^12", f"{at}.{name}"))
            value = None
        values[name] = value
    start, target = values["start"], values["target"]
    if start is not None and target is not None and start == target:
        problems.append(Problem("must differ from the start, or there is nothing to progress", f"{at}.target"))
    title = _title(entry["title"], problems, f"{at}.title") if "title" in entry else getattr(before, "title", "")
    unit = _text(entry["unit"]) if "unit" in entry else getattr(before, "unit", None)
    if start is None or target is None or start == target:
        return None
    return title, start, target, values["current"] if values["current"] is not None else start, unit


def _key_results(
    entries: list[Mapping[str, Any]], known: tuple[KeyResult, ...], next_id: int, problems: list[Problem]
) -> tuple[tuple[KeyResult, ...], int]:
    """The key results a request lists: an entry with an ``id`` changes that key result (what it leaves out
    stays), one without adds a new one, and a key result not listed is removed."""
    if len(entries) > MAX_KEY_RESULTS:
        problems.append(Problem(f"has {len(entries)} key results; at most {MAX_KEY_RESULTS}", "key_results"))
    by_id = {kr.id: kr for kr in known}
    seen: set[str] = set()
    found: list[KeyResult] = []
    for number, entry in enumerate(entries, start=1):
        at = f"key_results[{number}]"
        before = by_id.get(entry["id"]) if "id" in entry else None
        if "id" in entry and (before is None or entry["id"] in seen):
            said = "is listed twice" if before else "is not a key result of this goal"
            problems.append(Problem(f"key result '{entry['id']}' {said}", f"{at}.id"))
            continue
        seen.add(entry.get("id", ""))
        values = _key_result(entry, before, at, problems)
        if values is None:
            continue
        if before is None:
            found.append(KeyResult(f"k{next_id}", *values))
            next_id += 1
        else:
            found.append(KeyResult(before.id, *values))
    return tuple(found), next_id


def new_goal(org: str, goal_id: str, body: Mapping[str, Any], owner: str, by: str, now: datetime) -> Goal:
    """The goal ``POST /goals`` asks for (its owner settled by the caller), or every problem with it."""
    problems: list[Problem] = []
    title = _title(body.get("title"), problems, "title")
    due = parse_due(body.get("due"), problems)
    key_results, next_id = _key_results(body.get("key_results") or [], (), 1, problems)
    _enums(body, problems)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the goal; nothing was saved", problems)
    assert due is not None
    return Goal(
        org=org,
        id=goal_id,
        owner=owner,
        title=title,
        measure=_text(body.get("measure")),
        target=_target(body.get("target")),
        due=due,
        key_results=key_results,
        status=body.get("status", "on_track"),
        visibility=body.get("visibility", "organisation"),
        parent_id=body.get("parent_id") or None,
        created_at=now,
        created_by=by,
        updated_at=now,
        next_key_result=next_id,
    )


def _enums(body: Mapping[str, Any], problems: list[Problem]) -> None:
    if "status" in body and body["status"] not in STATUSES:
        problems.append(Problem(f"must be one of {', '.join(STATUSES)}", "status"))
    if "visibility" in body and body["visibility"] not in VISIBILITIES:
        problems.append(Problem(f"must be one of {', '.join(VISIBILITIES)}", "visibility"))


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [{k: v for k, v in kr.as_dict().items() if k != "progress"} for kr in value]
    return value


def changed_goal(goal: Goal, body: Mapping[str, Any], now: datetime) -> tuple[Goal, dict[str, Any]]:
    """The goal with what ``PATCH`` asks, and the changes for its history (none: nothing changes)."""
    problems: list[Problem] = []
    if _text(body.get("reason")) is None:
        problems.append(Problem("say why the goal changes", "reason"))
    values: dict[str, Any] = {}
    if "title" in body:
        values["title"] = _title(body["title"], problems, "title")
    if "measure" in body:
        values["measure"] = _text(body["measure"])
    if "target" in body:
        values["target"] = _target(body["target"])
    if "due" in body:
        values["due"] = parse_due(body["due"], problems)
    if "owner" in body:
        values["owner"] = _title(body["owner"], problems, "owner")
    if "parent_id" in body:
        values["parent_id"] = _text(body["parent_id"])
        if values["parent_id"] == goal.id:
            problems.append(Problem("a goal cannot support itself", "parent_id"))
    next_id = goal.next_key_result
    if "key_results" in body:
        values["key_results"], next_id = _key_results(body["key_results"], goal.key_results, next_id, problems)
    _enums(body, problems)
    values.update({name: body[name] for name in ("status", "visibility") if name in body})
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the change; nothing was saved", problems)
    changes = {
        name: {"from": _plain(getattr(goal, name)), "to": _plain(values[name])}
        for name in FIELDS
        if name in values and values[name] != getattr(goal, name)
    }
    changed = replace(goal, **{name: values[name] for name in changes}, next_key_result=next_id, updated_at=now)
    return changed, changes


def progress_recorded(goal: Goal, key_result_id: str | None, value: Any, now: datetime) -> tuple[Goal, dict[str, Any]]:
    """The goal with a new value for a key result (or, for a goal without key results, its progress as a share
    from 0 to 1), and the change for its history."""
    problems: list[Problem] = []
    if not finite(value):
        problems.append(Problem("must be a finite number of at most 10^12", "value"))
    if key_result_id is None and len(goal.key_results) == 1:
        key_result_id = goal.key_results[0].id
    if key_result_id is None and goal.key_results:
        problems.append(Problem("the goal has several key results: name the one that moved", "key_result_id"))
    elif key_result_id is not None and goal.key_result(key_result_id) is None:
        problems.append(Problem(f"this goal has no key result '{key_result_id}'", "key_result_id"))
    elif key_result_id is None and finite(value) and not 0 <= value <= 1:
        problems.append(Problem("a goal without key results records its progress as a share from 0 to 1", "value"))
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the progress; nothing was saved", problems)
    changed = replace(with_progress(goal, key_result_id, value), updated_at=now)
    if key_result_id is None:
        what = {"progress": {"from": goal.manual, "to": changed.manual}}
    else:
        before = goal.key_result(key_result_id)
        assert before is not None
        what = {f"key_results.{key_result_id}.current": {"from": before.current, "to": value}}
    return changed, what
