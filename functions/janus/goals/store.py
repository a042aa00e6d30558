"""Goals on DynamoDB: a goal item with its key results inline, its history under the same partition, and
each owner's nudge record (keys in ``janus.store.items``; the design in docs/architecture.md, "Goals").

Every save is one TransactWriteItems: the goal, conditional on the version and progress sequence it was
read at (so two edits at once never lose one another: the later is refused and tried again on the new
goal), its history entry (a put that never overwrites), and its progress on its parent (and off the
parent it left). A parent whose progress moved pushes its own to its parent later
(``push``, run from the queue by ``janus.goals.rollup``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from janus.goals import tally
from janus.goals.goal import Goal
from janus.goals.quarters import first_day, label, quarter_of
from janus.goals.tally import Tally
from janus.kernel import clock
from janus.store import cancellation_codes, commit, get_items, write_each
from janus.store.items import (
    EMPLOYEE_SHARDS,
    EmployeeItem,
    GoalHistoryItem,
    GoalItem,
    GoalNudgeItem,
    GoalStatsItem,
    GoalTallyItem,
)
from janus.store.once import Once

OWNER_SHARDS = EMPLOYEE_SHARDS
HISTORY_SHOWN = 100
CHILDREN_SHOWN = 100


class GoalChanged(Exception):
    """The goal was saved by someone else since it was read (its version or its progress moved)."""


def goal_key(org: str, goal_id: str) -> tuple[str, str]:
    return f"ORG#{org}#GOAL#{goal_id}", "GOAL"


def owner_shard(owner: str) -> int:
    return zlib.crc32(owner.encode()) % OWNER_SHARDS


def _owner_pk(org: str, owner: str, is_open: bool) -> str:
    return f"ORG#{org}#GOALS#{'OPEN' if is_open else 'CLOSED'}#{owner_shard(owner)}"


def _owner_sk(goal: Goal) -> str:
    return f"{goal.owner}#{goal.created_at.isoformat()}#{goal.id}"


def _children_pk(org: str, parent_id: str) -> str:
    return f"ORG#{org}#GOAL#{parent_id}#CHILDREN"


def _top_pk(org: str) -> str:
    """The organisation's goals that hang under nothing and everyone sees (its company goals), in the parent
    index under a partition of their own."""
    return f"ORG#{org}#GOALS#TOP"


def _history_sk(version: int) -> str:
    return f"HIST#{version:08d}"


def _nudge_key(org: str, owner: str) -> tuple[str, str]:
    return f"ORG#{org}#GOALS#EMP#{owner}", "NUDGE"


def _tally_key(org: str, owner: str) -> tuple[str, str]:
    return f"ORG#{org}#GOALS#EMP#{owner}", "TALLY"


def _stats_pk(org: str, shard: int) -> str:
    return f"ORG#{org}#GOALSTATS#{shard}"


def _employee_key(org: str, owner: str) -> tuple[str, str]:
    from janus.people.store import employee_key

    return employee_key(org, owner)


def _tally_of(owner: str, raw: dict[str, Any] | None) -> Tally:
    if raw is None:
        return Tally(owner)
    item = GoalTallyItem.from_raw_data(raw)
    return Tally(owner, int(item.open or 0), item.department, item.looked, int(item.version or 0))


def _this_quarter() -> tuple[str, str]:
    """This quarter's label and first day (ISO)."""
    year, quarter = quarter_of(clock.now().date())
    return label(year, quarter), first_day(year, quarter).isoformat()


def _counted(org: str, moved: tally.Counts, written: Mapping[str, Tally], read: Mapping[str, Tally]) -> list[Any]:
    """The writes of a save's counts: each department counter it moves (made by its first count), and each
    owner's tally, only if nobody wrote it since it was read."""
    writes: list[Callable[[TransactWrite], None]] = []
    for (shard, key), moves in sorted(moved.items()):
        department = key.split("#", 1)[1]
        actions = [GoalStatsItem.org.set(org), GoalStatsItem.department.set(department)]
        actions += [getattr(GoalStatsItem, name).add(value) for name, value in sorted(moves.items())]
        stats = GoalStatsItem(_stats_pk(org, shard), key)
        writes.append(lambda transaction, i=stats, a=actions: transaction.update(i, actions=a))
    for owner, new in sorted(written.items()):
        old = read[owner].version
        condition = GoalTallyItem.PK.does_not_exist() if old == 0 else GoalTallyItem.version == old
        item = GoalTallyItem(*_tally_key(org, owner), org=org, owner=owner, open=new.open,
                             department=new.department, looked=new.looked, version=new.version)  # fmt: skip
        writes.append(lambda transaction, i=item, c=condition: transaction.save(i, condition=c))
    return writes


def _plain(value: Any) -> dict[str, Any]:
    return value.as_dict() if hasattr(value, "as_dict") else dict(value or {})


def goal_of(item: GoalItem) -> Goal:
    children = _plain(item.children)
    return Goal.from_stored(
        item.org,
        item.goal_id,
        item.goal,
        version=int(item.version),
        seq=int(item.seq),
        pushed=int(item.pushed),
        children={child: float(share) for child, share in children.items()},
        private_children={child: str(owner) for child, owner in _plain(item.private_children).items()},
        counted_band=int(item.band) if item.band is not None else None,
    )


def _keys(goal: Goal) -> dict[str, Any]:
    """The goal's index keys and the attributes beside its JSON."""
    top = not goal.parent_id and goal.visibility == "organisation"
    return {
        "GSI1PK": _owner_pk(goal.org, goal.owner, goal.is_open),
        "GSI1SK": _owner_sk(goal),
        "GSI2PK": _children_pk(goal.org, goal.parent_id) if goal.parent_id else _top_pk(goal.org) if top else None,
        "GSI2SK": f"{goal.created_at.isoformat()}#{goal.id}" if goal.parent_id or top else None,
        "org": goal.org,
        "goal_id": goal.id,
        "owner": goal.owner,
        "status": goal.status,
        "visibility": goal.visibility,
        "parent_id": goal.parent_id,
    }


def _history(goal: Goal, entry: Mapping[str, Any]) -> Callable[[TransactWrite], None]:
    item = GoalHistoryItem(goal_key(goal.org, goal.id)[0], _history_sk(goal.version), org=goal.org,
                           goal_id=goal.id, entry=dict(entry))  # fmt: skip
    return lambda transaction: transaction.save(item, condition=GoalHistoryItem.PK.does_not_exist())


def _on_parent(
    org: str, parent_id: str, child: Goal | None, child_id: str, *, only_if_behind: bool = False
) -> Callable[[TransactWrite], None]:
    """A child's progress put on its parent, with its owner if it is private (or taken off, without a child or
    when it counts for nothing), moving the parent's sequence. ``only_if_behind``: only if the parent's own
    push is still to come (its ``pushed`` behind its ``seq``), which will then carry this too."""
    share = child.pushed_progress if child else None
    place, private = GoalItem.children[child_id], GoalItem.private_children[child_id]
    actions = [place.remove() if share is None else place.set(share), GoalItem.seq.add(1)]
    if share is not None and child is not None and child.visibility == "private":
        actions.append(private.set(child.owner))
    else:
        actions.append(private.remove())
    condition = GoalItem.PK.exists()
    if only_if_behind:
        condition = condition & (GoalItem.pushed != GoalItem.seq)
    parent = GoalItem(*goal_key(org, parent_id))
    return lambda transaction: transaction.update(parent, actions=actions, condition=condition)


@dataclass(frozen=True)
class Saved:
    goal: Goal
    # the parents whose progress the write changed, each with its depth (each pushes its own on up)
    parents_moved: tuple[tuple[str, int], ...]


class Pushed(Enum):
    """What a push up the tree came to."""

    PARENT_DUE = "parent_due"  # the parent was up to date: its own push is now due
    PARENT_PENDING = "parent_pending"  # the parent's own push was to come already and will carry this one
    MOVED_ON = "moved_on"  # the goal changed since it was read: it is due again


class GoalStore:
    def get(self, org: str, goal_id: str) -> Goal | None:
        try:
            return goal_of(GoalItem.get(*goal_key(org, goal_id), consistent_read=True))
        except DoesNotExist:
            return None

    def get_many(self, org: str, goal_ids: Iterable[str], consistent: bool = False) -> dict[str, Goal]:
        """Goals by id (BatchGetItem, 100 a request), those that exist."""
        found = get_items((goal_key(org, goal_id) for goal_id in goal_ids), consistent=consistent)
        return {goal.id: goal for goal in (goal_of(GoalItem.from_raw_data(raw)) for raw in found.values())}

    def owner_state(self, org: str, owner: str, parent_id: str | None = None) -> tuple[str | None, Tally, Goal | None]:
        """For a goal set: its owner's department, their tally and the goal's parent, in one BatchGetItem."""
        keys = [_employee_key(org, owner), _tally_key(org, owner)] + ([goal_key(org, parent_id)] if parent_id else [])
        found = get_items(keys, consistent=True)
        employee = found.get(keys[0])
        parent = found.get(keys[2]) if parent_id else None
        return (
            EmployeeItem.from_raw_data(employee).department if employee else None,
            _tally_of(owner, found.get(keys[1])),
            goal_of(GoalItem.from_raw_data(parent)) if parent else None,
        )

    def tallies(self, org: str, owners: Iterable[str]) -> dict[str, Tally]:
        """The owners' tallies (one BatchGetItem), a blank one for an owner without."""
        wanted = sorted(set(owners))
        found = get_items((_tally_key(org, owner) for owner in wanted), consistent=True)
        return {owner: _tally_of(owner, found.get(_tally_key(org, owner))) for owner in wanted}

    def create(
        self, goal: Goal, entry: Mapping[str, Any], owner_tally: Tally | None = None, once: Once | None = None
    ) -> Saved:
        """Store a new goal (version 1) with its first history entry, its progress on its parent and its counts
        in its department (``owner_tally`` as read with the goal's owner; raises GoalChanged if it moved), and
        the request's idempotency key's record (``Repeated`` if the goal was made already)."""
        goal = replace(goal, version=1, seq=1, pushed=1)
        item = GoalItem(*goal_key(goal.org, goal.id), **_keys(goal), version=1, seq=1, pushed=1,
                        band=tally.band(goal.progress), goal=goal.stored(), children={},
                        private_children={})  # fmt: skip
        writes = [
            lambda transaction: transaction.save(item, condition=GoalItem.PK.does_not_exist()),
            _history(goal, entry),
        ]
        quarter, _ = _this_quarter()
        read = {goal.owner: owner_tally or self.tallies(goal.org, [goal.owner])[goal.owner]}
        writes += _counted(goal.org, *tally.counts(None, goal, quarter, read), read)
        moved: list[tuple[str, int]] = []
        share = goal.pushed_progress
        if goal.parent_id and share is not None:
            writes.append(_on_parent(goal.org, goal.parent_id, goal, goal.id))
            moved.append((goal.parent_id, goal.depth - 1))
        self._commit(writes, once)
        return Saved(goal, tuple(moved))

    def save(self, before: Goal, after: Goal, entry: Mapping[str, Any]) -> Saved:
        """Write ``after`` over ``before`` if nobody saved the goal since it was read, with what it moves on its
        department's counters; raises GoalChanged. A goal that changes hands (or was set before it was counted)
        is counted in its owner's department as it is now (read with their tally)."""
        quarter, began = _this_quarter()
        read: dict[str, Tally] | None = None
        if after.owner != before.owner or after.department is None:
            department, owner_tally, _ = self.owner_state(after.org, after.owner)
            after = replace(after, department=department)
            read = {after.owner: owner_tally, **self.tallies(before.org, {before.owner} - {after.owner})}
        elif not tally.quick(before, after, began):
            read = self.tallies(before.org, {before.owner})
        version, seq = before.version + 1, before.seq + 1
        # a goal under nothing is up to date too: its save counts it in the band it is now in
        saved = replace(after, version=version, seq=seq, pushed=seq)
        keys = _keys(saved)
        actions = [getattr(GoalItem, name).set(value) for name, value in keys.items() if value is not None]
        actions += [getattr(GoalItem, name).remove() for name, value in keys.items() if value is None]
        actions += [
            GoalItem.goal.set(saved.stored()),
            GoalItem.version.set(version),
            GoalItem.seq.set(seq),
            GoalItem.pushed.set(saved.pushed),
            GoalItem.band.set(tally.band(saved.progress)),
        ]
        condition = GoalItem.PK.exists() & (GoalItem.version == before.version) & (GoalItem.seq == before.seq)
        goal_item = GoalItem(*goal_key(before.org, before.id))
        writes = [
            lambda transaction: transaction.update(goal_item, actions=actions, condition=condition),
            _history(saved, entry),
        ]
        moved_counts, written = tally.counts(before, saved, quarter, read)
        writes += _counted(saved.org, moved_counts, written, read or {})
        moved: list[tuple[str, int]] = []
        if before.parent_id and before.parent_id != saved.parent_id:
            writes.append(_on_parent(before.org, before.parent_id, None, before.id))
            moved.append((before.parent_id, before.depth - 1))
        share = saved.pushed_progress
        behind = before.pushed != before.seq  # the parent holds an older progress than the one read
        # who may see it changed: whether it counts in its parent's progress may have too
        seen_by = (saved.visibility, saved.owner) != (before.visibility, before.owner)
        if saved.parent_id and (saved.parent_id != before.parent_id or share != before.pushed_progress or behind
                                or seen_by):  # fmt: skip
            writes.append(_on_parent(saved.org, saved.parent_id, saved, saved.id))
            moved.append((saved.parent_id, saved.depth - 1))
        self._commit(writes)
        return Saved(saved, tuple(moved))

    def push(self, goal: Goal) -> Pushed | None:
        """Put the goal's progress on its parent if the goal is still as read. The parent's own push is due only
        if the parent was up to date: one still to come reads the parent later and carries this too (so that a
        parent whose children go up before it is pushed once). None for a goal without a parent."""
        if not goal.parent_id:
            return None
        own = self._own(goal)
        counts = _counted(goal.org, tally.moved_band(goal), {}, {})
        try:
            self._commit([*own, *counts, _on_parent(goal.org, goal.parent_id, goal, goal.id, only_if_behind=True)])
            return Pushed.PARENT_PENDING
        except GoalChanged as changed:
            codes = cancellation_codes(changed.__cause__) if changed.__cause__ else []
            if codes and codes[0] == "ConditionalCheckFailed":
                return Pushed.MOVED_ON
        try:  # the parent was up to date
            self._commit([*own, *counts, _on_parent(goal.org, goal.parent_id, goal, goal.id)])
        except GoalChanged as changed:
            codes = cancellation_codes(changed.__cause__) if changed.__cause__ else []
            return Pushed.MOVED_ON if codes and codes[0] == "ConditionalCheckFailed" else None  # else no parent
        return Pushed.PARENT_DUE

    @staticmethod
    def _own(goal: Goal) -> list[Callable[[TransactWrite], None]]:
        """The goal marked pushed at the progress read (if nobody moved it since), in the band it is now in."""
        condition = GoalItem.PK.exists() & (GoalItem.seq == goal.seq)
        actions = [GoalItem.pushed.set(goal.seq), GoalItem.band.set(tally.band(goal.progress))]
        goal_item = GoalItem(*goal_key(goal.org, goal.id))
        return [lambda transaction: transaction.update(goal_item, actions=actions, condition=condition)]

    def settle(self, goal: Goal) -> bool:
        """A goal under nothing whose progress its children moved: marked up to date (so that the next child's
        push queues it again) and moved to the band it is now in on its department's counters. False if it
        moved on since it was read (it is due again)."""
        try:
            self._commit([*self._own(goal), *_counted(goal.org, tally.moved_band(goal), {}, {})])
        except GoalChanged:
            return False
        return True

    @staticmethod
    def _commit(writes: list[Callable[[TransactWrite], None]], once: Once | None = None) -> None:
        def write(transaction: TransactWrite) -> None:
            for add in writes:
                add(transaction)

        try:
            commit(write, once)
        except TransactWriteError as error:
            if "ConditionalCheckFailed" in cancellation_codes(error):
                raise GoalChanged from error
            raise

    def history(self, org: str, goal_id: str, limit: int = HISTORY_SHOWN) -> list[dict[str, Any]]:
        """The goal's latest changes, newest first."""
        result = GoalHistoryItem.query(
            goal_key(org, goal_id)[0],
            GoalHistoryItem.SK.startswith("HIST#"),
            scan_index_forward=False,
            limit=limit,
        )
        return [dict(item.entry) for item in result]

    def of_owner(self, org: str, owner: str) -> list[Goal]:
        """Every goal of one owner, open first, each kind oldest first: one Query page of each."""
        return [
            goal_of(item)
            for is_open in (True, False)
            for item in GoalItem.by_owner.query(_owner_pk(org, owner, is_open), GoalItem.GSI1SK.startswith(f"{owner}#"))
        ]

    def children(
        self, org: str, goal_id: str, limit: int = CHILDREN_SHOWN, after: dict[str, Any] | None = None
    ) -> tuple[list[Goal], dict[str, Any] | None]:
        """A page of a goal's children, oldest first, after ``after``; and where the next page starts (None at
        the end)."""
        result = GoalItem.by_parent.query(
            _children_pk(org, goal_id), limit=limit, page_size=limit, last_evaluated_key=after
        )
        return [goal_of(item) for item in result], result.last_evaluated_key

    def top(self, org: str, after: str | None, limit: int) -> tuple[list[Goal], str | None]:
        """A page of the organisation-wide goals that hang under nothing, oldest first, after the sort key
        ``after``; and the sort key to go on after (None after the last)."""
        condition = GoalItem.GSI2SK > after if after else None  # noqa: SIM300 - a key condition
        result = GoalItem.by_parent.query(_top_pk(org), condition, limit=limit, page_size=limit)
        found = [goal_of(item) for item in result]
        last = result.last_evaluated_key
        return found, (last["GSI2SK"]["S"] if last else None)

    def open_goals(self, org: str, shard: int, after: str | None, limit: int) -> tuple[list[Goal], bool]:
        """Open goals of one owner shard, owner by owner, after the owner ``after``; and whether more remain."""
        condition = GoalItem.GSI1SK > f"{after}#\uffff" if after else None  # noqa: SIM300 - a key condition
        result = GoalItem.by_owner.query(f"ORG#{org}#GOALS#OPEN#{shard}", condition, limit=limit, page_size=limit)
        return [goal_of(item) for item in result], result.last_evaluated_key is not None

    def stats(self, org: str, quarter: str) -> list[dict[str, Any]]:
        """Every department's counters, its shards added up: open goals now and who looked this quarter (one Query
        per shard; a quarter's items sort before ``NOW#`` and after every earlier quarter's)."""
        rows: dict[str, dict[str, int]] = {}
        names = ("people", "goals", "aligned", "band0", "band1", "band2", "band3", "band4", "looked")
        for shard in range(tally.SHARDS):
            for item in GoalStatsItem.query(_stats_pk(org, shard), GoalStatsItem.SK >= f"{quarter}#"):  # noqa: SIM300
                row = rows.setdefault(item.department, dict.fromkeys(names, 0))
                if item.SK.startswith("NOW#"):
                    for name in names[:-1]:
                        row[name] += int(getattr(item, name) or 0)
                elif item.SK.startswith(f"{quarter}#"):
                    row["looked"] += int(item.looked or 0)
        return [{"department": department, **row} for department, row in sorted(rows.items())]

    def claim_nudges(self, org: str, owners: Iterable[str], quarter: str, now: datetime) -> set[str]:
        """Record that these owners are nudged for ``quarter`` (one transaction per 100); returns those claimed
        now, leaving out those already nudged for it."""

        def claim(owner: str) -> Callable[[TransactWrite], None]:
            item = GoalNudgeItem(*_nudge_key(org, owner), org=org, owner=owner, quarter=quarter, nudged_at=now)
            condition = GoalNudgeItem.PK.does_not_exist() | (GoalNudgeItem.quarter != quarter)
            return lambda transaction: transaction.save(item, condition=condition)

        wanted = sorted(set(owners))
        claimed: set[str] = set()
        for start in range(0, len(wanted), 100):
            group = wanted[start : start + 100]
            refused = write_each({owner: claim(owner) for owner in group})
            claimed.update(owner for owner in group if owner not in refused)
        return claimed

    def release_nudge(self, org: str, owner: str, quarter: str) -> None:
        """Forget a claim whose e-mail could not go, so that the nudge's next delivery sends it."""
        item = GoalNudgeItem(*_nudge_key(org, owner))
        item.delete(condition=GoalNudgeItem.quarter == quarter)
