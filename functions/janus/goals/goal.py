"""A goal: its owner, its words, its key results, where it hangs in the organisation's tree, and its progress.

Progress, from 0 to 1 (docs/architecture.md, "Goals"):

- a key result's is how far its current value has come from its start to its target,
  ``(current - start) / (target - start)``, clamped to 0..1 (a target below the start counts down);
- a goal's is the mean of its key results' progress and of its children's, each counting once; a goal
  without key results counts the progress recorded for it instead (``manual``); a goal that is done is
  1; a dropped child counts for nothing; a goal with nothing to count has none (``None``);
- a private child counts only in a private parent of the same owner (``counts``): whoever may see such a
  parent may see the child, so a parent's progress never tells anyone of a child they may not see, not
  even by taking the children they see from it. Every other private child is kept apart on its parent
  (``private_children``) and counts for nothing there.

A parent keeps each direct child's progress as the child last pushed it (``children``): a child's own save
pushes it in the same write, and a parent whose progress moved because of a child pushes its own to its
parent through the queue (``janus.goals.rollup``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

STATUSES = ("on_track", "at_risk", "off_track", "done", "dropped")
OPEN_STATUSES = ("on_track", "at_risk", "off_track")
VISIBILITIES = ("organisation", "private")
MAX_TITLE = 200
MAX_MEASURE = 500
MAX_TARGET = 200
MAX_UNIT = 40
MAX_KEY_RESULTS = 10
MAX_REASON = 1000
MAX_NOTE = 1000
MAX_VALUE = 1e12  # key results count things people count; a bound keeps every value storable and printable


def clamp(share: float) -> float:
    return min(1.0, max(0.0, share))


@dataclass(frozen=True)
class KeyResult:
    """One measurable result of a goal: where it started, where it should end and where it is now."""

    id: str
    title: str
    start: float
    target: float
    current: float
    unit: str | None = None

    @property
    def progress(self) -> float:
        return clamp((self.current - self.start) / (self.target - self.start))

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "target": self.target,
            "current": self.current,
            "unit": self.unit,
            "progress": round(self.progress, 4),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KeyResult:
        return cls(
            id=data["id"],
            title=data["title"],
            start=data["start"],
            target=data["target"],
            current=data["current"],
            unit=data.get("unit"),
        )


@dataclass(frozen=True)
class Goal:
    """A goal of one owner. ``version`` is the optimistic lock of its saves; ``seq`` moves with every change
    to its progress (its own saves and its children's pushes), so that a push upwards carries the latest."""

    org: str
    id: str
    owner: str
    title: str
    due: date
    created_at: datetime
    created_by: str
    measure: str | None = None
    target: str | float | None = None
    key_results: tuple[KeyResult, ...] = ()
    status: str = "on_track"
    visibility: str = "organisation"
    parent_id: str | None = None
    manual: float | None = None  # the progress recorded for a goal without key results
    updated_at: datetime | None = None
    version: int = 0
    seq: int = 0
    pushed: int = 0  # the seq whose progress its parent holds
    next_key_result: int = 1  # key result ids are never used twice within a goal
    confirmed_at: datetime | None = None  # when its owner (or their manager, or HR) last confirmed it as it is
    depth: int = 0  # levels below the top of its tree when its parent was last set (orders the pushes up)
    department: str | None = None  # its owner's when it was set or changed hands: where HR's counters count it
    counted_band: int | None = None  # the progress band HR's counters count it in (its children move its progress)
    children: Mapping[str, float | None] = field(default_factory=dict)  # as each direct child last pushed it
    private_children: Mapping[str, str] = field(default_factory=dict)  # private child -> its owner

    def counts(self, child_id: str) -> bool:
        """Whether a direct child's progress counts in this goal's: an organisation-wide child always, a private
        one only if this goal is private and of the same owner (so that everyone who sees it sees the child)."""
        owner = self.private_children.get(child_id)
        return owner is None or (self.visibility == "private" and owner == self.owner)

    @property
    def progress(self) -> float | None:
        if self.status == "done":
            return 1.0
        parts = [kr.progress for kr in self.key_results]
        if not self.key_results and self.manual is not None:
            parts.append(self.manual)
        parts += [share for child, share in self.children.items() if share is not None and self.counts(child)]
        # Not statistics.fmean: a few shares are not worth loading statistics and fractions at each cold start.
        return math.fsum(parts) / len(parts) if parts else None

    @property
    def pushed_progress(self) -> float | None:
        """What the goal counts for in its parent's progress: nothing once dropped."""
        return None if self.status == "dropped" else self.progress

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def looked_at(self) -> datetime:
        """When it was last changed, progress recorded or confirmed as it is."""
        return max(at for at in (self.created_at, self.updated_at, self.confirmed_at) if at is not None)

    def key_result(self, key_result_id: str) -> KeyResult | None:
        return next((kr for kr in self.key_results if kr.id == key_result_id), None)

    def as_dict(self) -> dict[str, Any]:
        """The goal as the API shows it."""
        progress = self.progress
        return {
            "id": self.id,
            "owner": self.owner,
            "title": self.title,
            "measure": self.measure,
            "target": self.target,
            "due": self.due.isoformat(),
            "key_results": [kr.as_dict() for kr in self.key_results],
            "status": self.status,
            "visibility": self.visibility,
            "parent_id": self.parent_id,
            "progress": None if progress is None else round(progress, 4),
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "updated_at": (self.updated_at or self.created_at).isoformat(),
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "version": self.version,
        }

    def stored(self) -> dict[str, Any]:
        """What the goal's item keeps as JSON; the keys, locks and children live beside it."""
        return {
            "owner": self.owner,
            "title": self.title,
            "measure": self.measure,
            "target": self.target,
            "due": self.due.isoformat(),
            "key_results": [{k: v for k, v in kr.as_dict().items() if k != "progress"} for kr in self.key_results],
            "status": self.status,
            "visibility": self.visibility,
            "parent_id": self.parent_id,
            "manual": self.manual,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "updated_at": (self.updated_at or self.created_at).isoformat(),
            "next_key_result": self.next_key_result,
            "depth": self.depth,
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "department": self.department,
        }

    @classmethod
    def from_stored(
        cls,
        org: str,
        goal_id: str,
        data: Mapping[str, Any],
        *,
        version: int,
        seq: int,
        pushed: int,
        children: Mapping[str, float | None],
        private_children: Mapping[str, str] | None = None,
        counted_band: int | None = None,
    ) -> Goal:
        return cls(
            org=org,
            id=goal_id,
            owner=data["owner"],
            title=data["title"],
            measure=data.get("measure"),
            target=data.get("target"),
            due=date.fromisoformat(data["due"]),
            key_results=tuple(KeyResult.from_dict(kr) for kr in data.get("key_results", [])),
            status=data["status"],
            visibility=data["visibility"],
            parent_id=data.get("parent_id"),
            manual=data.get("manual"),
            created_at=datetime.fromisoformat(data["created_at"]),
            created_by=data["created_by"],
            updated_at=datetime.fromisoformat(data["updated_at"]) if data.get("updated_at") else None,
            next_key_result=int(data.get("next_key_result", 1)),
            depth=int(data.get("depth", 0)),
            confirmed_at=datetime.fromisoformat(data["confirmed_at"]) if data.get("confirmed_at") else None,
            department=data.get("department"),
            version=version,
            seq=seq,
            pushed=pushed,
            children=dict(children),
            private_children=dict(private_children or {}),
            counted_band=counted_band,
        )


def with_progress(goal: Goal, key_result_id: str | None, value: float) -> Goal:
    """The goal with a key result's current value, or (without key results) its progress, recorded."""
    if key_result_id is None:
        return replace(goal, manual=clamp(value))
    key_results = tuple(replace(kr, current=value) if kr.id == key_result_id else kr for kr in goal.key_results)
    return replace(goal, key_results=key_results)


def finite(value: Any) -> bool:
    """A JSON number a key result can hold: not true or false, not NaN or infinite, within ``MAX_VALUE``."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) <= MAX_VALUE
    )
