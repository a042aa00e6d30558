"""HR's goal alignment by department, counted by the goals' own saves (docs/architecture.md, "Goals").

Each open goal counts in its department (its owner's when it was set or changed hands): one goal, one aligned
goal if it hangs under a parent, one goal in its progress band. Each person counts once in the department of
their latest save while they have open goals (``Tally.open``), and once a quarter in the department of their
first save of it (``Tally.looked``: set, changed, progress recorded or confirmed). A save works out what it
changes (``counts``) from the goal before and after and from the owners' tallies, and writes it in its own
transaction, so that a save made twice (a retry that finds the goal already saved changes nothing) counts once.

The counters are spread over ``SHARDS`` items per department by owner, so that no one item takes every save
of a large department; HR's page reads them with one Query per shard.
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass

from janus.goals.goal import Goal

SHARDS = 4
BANDS = ("none", "0-25", "25-50", "50-75", "75-100")  # no progress yet, then quarters of the way


@dataclass(frozen=True)
class Tally:
    """What HR's counters count for one owner (``janus.store.items.GoalTallyItem``)."""

    owner: str
    open: int = 0
    department: str | None = None
    looked: str | None = None  # the quarter they were last counted as having looked at their goals
    version: int = 0  # 0: not written yet


def shard(owner: str) -> int:
    return zlib.crc32(owner.encode()) % SHARDS


def band(progress: float | None) -> int:
    """The index in ``BANDS`` of a goal's progress: 0 without any, else a quarter of the way (1 is in the last)."""
    if progress is None:
        return 0
    return 1 + min(3, int(progress * 4))


def now_key(department: str) -> str:
    return f"NOW#{department}"


def quarter_key(quarter: str, department: str) -> str:
    return f"{quarter}#{department}"


def counted_in(goal: Goal) -> int:
    """The band a goal is counted in as stored: its children's saves and pushes move its progress without
    moving its counters, which its own saves and pushes then do (``moved_band``)."""
    return goal.counted_band if goal.counted_band is not None else band(goal.progress)


def _goal_counts(goal: Goal | None, stored: bool = False) -> Counter[str]:
    if goal is None or not goal.is_open or not goal.department:
        return Counter()
    place = counted_in(goal) if stored else band(goal.progress)
    return Counter({"goals": 1, "aligned": 1 if goal.parent_id else 0, f"band{place}": 1})


def moved_band(goal: Goal) -> Counts:
    """What a push of a goal's progress moves on its department's counters: it leaves the band it is counted in
    for the one its progress is in now (nothing for a goal not counted, or whose band is the same)."""
    if not goal.is_open or not goal.department or counted_in(goal) == band(goal.progress):
        return {}
    moved = Counter({f"band{counted_in(goal)}": -1, f"band{band(goal.progress)}": 1})
    return {(shard(goal.owner), now_key(goal.department)): moved}


# (shard, sort key) -> counter -> how much it moves
Counts = dict[tuple[int, str], Counter[str]]


def _add(counts: Counts, owner: str, key: str, moved: Counter[str], sign: int = 1) -> None:
    place = counts.setdefault((shard(owner), key), Counter())
    for name, value in moved.items():
        place[name] += sign * value


def quick(before: Goal, after: Goal, began: str) -> bool:
    """Whether a save leaves the owner's tally as it is, so that it need not be read: the same owner and
    department, open before and after, and the goal counted already and looked at this quarter (its owner was
    counted as having looked at their goals then). ``began``: the quarter's first day, ISO."""
    return (
        before.department is not None
        and (after.owner, after.department) == (before.owner, before.department)
        and before.is_open == after.is_open
        and before.looked_at.date().isoformat() >= began
    )


def counts(
    before: Goal | None, after: Goal, quarter: str, tallies: dict[str, Tally] | None
) -> tuple[Counts, dict[str, Tally]]:
    """What a save moves on the department counters, and the owners' tallies it writes (none when ``tallies``
    is None: a ``quick`` save)."""
    moved: Counts = {}
    if before is not None:
        _add(moved, before.owner, now_key(before.department or ""), _goal_counts(before, stored=True), -1)
    _add(moved, after.owner, now_key(after.department or ""), _goal_counts(after))
    written: dict[str, Tally] = {}
    for owner, tally in (tallies or {}).items():
        opened = (1 if owner == after.owner and _goal_counts(after) else 0) - (
            1 if before is not None and owner == before.owner and _goal_counts(before) else 0
        )
        department = after.department if owner == after.owner else tally.department
        now = max(0, tally.open + opened)
        if tally.open > 0 and tally.department:
            _add(moved, owner, now_key(tally.department), Counter({"people": 1}), -1)
        if now > 0 and department:
            _add(moved, owner, now_key(department), Counter({"people": 1}))
        looked = tally.looked
        if owner == after.owner and after.department and tally.looked != quarter:
            _add(moved, owner, quarter_key(quarter, after.department), Counter({"looked": 1}))
            looked = quarter
        written[owner] = Tally(owner, now, department if now > 0 else tally.department, looked, tally.version + 1)
    kept = {key: Counter({n: v for n, v in c.items() if v}) for key, c in moved.items() if key[1] not in ("NOW#",)}
    return {key: c for key, c in kept.items() if c}, written
