"""A cycle's progress on DynamoDB: its counters, spread over ``PROGRESS_SHARDS`` items so that
the writers of a large cycle do not queue on one, and summed when read.

Beside each shard's counters, in the shard's partition, are the counters of each department's
subjects (``DEPT#<department key>``): a write that moves the shard's counters for an assignment moves
its department's in the same request, so the two never drift, and a read of every shard's partition
(a Query each) gives the progress overall and by department, whatever the number of people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from janus.rounds.entities import Assignment
from janus.rounds.keys import department_key, department_progress_key, progress_key, shard
from janus.store import TRANSACTION_ITEMS, ConditionFailed, cancellation_codes, commit, get_items, write_each
from janus.store.items import PROGRESS_SHARDS, ProgressItem

COUNTERS = ("assignments", "invited", "in_progress", "submitted", "declined", "undeliverable")
# What is counted per department: the assignments of its subjects and their answers. Invitations and
# bounced addresses are the raters', who may be of any department, and are counted for the cycle only.
DEPARTMENT_COUNTERS = ("assignments", "in_progress", "submitted", "declined")


def counter_actions(counters: Mapping[str, int]) -> list[Any]:
    """Additions to a progress counter shard (a zero is no change)."""
    return [getattr(ProgressItem, name).add(delta) for name, delta in counters.items() if delta]


def progress_updates(
    org: str, cycle_id: str, number: int, department: str | None, counters: Mapping[str, int]
) -> list[tuple[ProgressItem, list[Any]]]:
    """The additions of one write to progress shard ``number``: the shard's own counters and, when the
    write names a department key, that department's in the same shard (an item each, none when nothing moves)."""
    updates = []
    additions = counter_actions(counters)
    if additions:
        updates.append((ProgressItem(*progress_key(org, cycle_id, number)), additions))
    by_department = counter_actions({k: v for k, v in counters.items() if k in DEPARTMENT_COUNTERS})
    if department and by_department:
        updates.append((ProgressItem(*department_progress_key(org, cycle_id, number, department)), by_department))
    return updates


def update_with_progress(
    a: Assignment, item: Any, actions: list[Any], condition: Any, counters: dict[str, int]
) -> None:
    """The assignment's conditional update and its progress counters (the shard's and its subject's
    department's), together or not at all: one transaction, retried when another writer touched the
    same shard at the same moment."""
    number = shard(a.subject_id, a.rater_id, shards=PROGRESS_SHARDS)
    key = department_key(a.department) if a.department else None
    updates = progress_updates(a.org, a.cycle_id, number, key, counters)

    def write(transaction: TransactWrite) -> None:
        transaction.update(item, actions=actions, condition=condition)
        for progress, additions in updates:
            transaction.update(progress, actions=additions)

    try:
        commit(write)
    except TransactWriteError as error:
        if "ConditionalCheckFailed" in cancellation_codes(error):
            raise ConditionFailed from error
        raise


def _totals(items: Any) -> dict[str, int]:
    totals = dict.fromkeys(COUNTERS, 0)
    for item in items:
        for name in COUNTERS:
            totals[name] += int(getattr(item, name) or 0)
    return totals


class ProgressStore:
    """The counters of a cycle's assignments, invitations and answers."""

    def add_progress(self, org: str, cycle_id: str, key: str, **deltas: int) -> None:
        number = shard(key, shards=PROGRESS_SHARDS)
        actions = counter_actions(deltas)
        if actions:
            ProgressItem(*progress_key(org, cycle_id, number)).update(actions=actions)

    def count_launch(self, org: str, cycle_id: str, job_id: str, assignments: int, departments: dict[str, int]) -> None:
        """A launch job's assignments, in all and by department, counted once however often the job is
        delivered: each counter item keeps the jobs it counted and takes each once (conditional updates,
        in transactions of up to 100 that leave out the items that counted the job already)."""
        number = shard(job_id, shards=PROGRESS_SHARDS)
        not_yet = ~ProgressItem.counted.contains(job_id)
        counts = {progress_key(org, cycle_id, number): (assignments, None)}
        for name, count in departments.items():
            counts[department_progress_key(org, cycle_id, number, department_key(name))] = (count, name)

        def update(key: tuple[str, str], count: int, name: str | None) -> Any:
            actions = [ProgressItem.assignments.add(count), ProgressItem.counted.add({job_id})]
            if name:
                actions.append(ProgressItem.department.set(name))
            return lambda transaction: transaction.update(ProgressItem(*key), actions=actions, condition=not_yet)

        keys = sorted(key for key, (count, _) in counts.items() if count)
        for start in range(0, len(keys), TRANSACTION_ITEMS):
            write_each({key: update(key, *counts[key]) for key in keys[start : start + TRANSACTION_ITEMS]})

    def progress(self, org: str, cycle_id: str) -> dict[str, int]:
        """The cycle's counters: its 16 shards in one BatchGetItem."""
        keys = [progress_key(org, cycle_id, n) for n in range(PROGRESS_SHARDS)]
        return _totals(ProgressItem.batch_get(keys))

    def progress_of_cycles(self, org: str, cycle_ids: list[str]) -> dict[str, dict[str, int]]:
        """Several cycles' counters: their shards in BatchGetItem requests of 100 keys (six cycles a request)."""
        found = get_items(progress_key(org, c, n) for c in cycle_ids for n in range(PROGRESS_SHARDS))
        return {
            c: _totals(
                ProgressItem.from_raw_data(found[key])
                for key in (progress_key(org, c, n) for n in range(PROGRESS_SHARDS))
                if key in found
            )
            for c in cycle_ids
        }

    def progress_by_department(self, org: str, cycle_id: str) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
        """The cycle's counters and each department's: one Query a shard (16), each reading the shard's own
        item and its departments' (a page holds some 5,000 departments), never a subject or an assignment."""
        totals = dict.fromkeys(COUNTERS, 0)
        by_key: dict[str, dict[str, int]] = {}
        names: dict[str, str] = {}
        for number in range(PROGRESS_SHARDS):
            for item in ProgressItem.query(progress_key(org, cycle_id, number)[0]):
                if item.SK == "PROGRESS":
                    counts = totals
                elif item.SK.startswith("DEPT#"):
                    key = item.SK.removeprefix("DEPT#")
                    counts = by_key.setdefault(key, dict.fromkeys(DEPARTMENT_COUNTERS, 0))
                    if item.department:
                        names[key] = item.department
                else:
                    continue
                for name in counts:
                    counts[name] += int(getattr(item, name) or 0)
        return totals, {names.get(key, key): counts for key, counts in by_key.items()}
