"""A cycle's progress on DynamoDB: its counters, spread over ``PROGRESS_SHARDS`` items so that
the writers of a large cycle do not queue on one, and summed when read."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from janus.rounds.entities import Assignment
from janus.rounds.keys import progress_key, shard
from janus.store import ConditionFailed, cancellation_codes, commit
from janus.store.items import PROGRESS_SHARDS, ProgressItem

COUNTERS = ("assignments", "invited", "in_progress", "submitted", "declined", "undeliverable")


def counter_actions(counters: dict[str, int]) -> list[Any]:
    """Additions to a progress counter shard (a zero is no change)."""
    return [getattr(ProgressItem, name).add(delta) for name, delta in counters.items() if delta]


def update_with_progress(
    a: Assignment, item: Any, actions: list[Any], condition: Any, counters: dict[str, int]
) -> None:
    """The assignment's conditional update and its progress counter, together or not at all: one
    transaction, retried when another writer touched the same shard at the same moment."""
    number = shard(a.subject_id, a.rater_id, shards=PROGRESS_SHARDS)
    progress = ProgressItem(*progress_key(a.org, a.cycle_id, number))
    additions = counter_actions(counters)

    def write(transaction: TransactWrite) -> None:
        transaction.update(item, actions=actions, condition=condition)
        transaction.update(progress, actions=additions)

    try:
        commit(write)
    except TransactWriteError as error:
        if "ConditionalCheckFailed" in cancellation_codes(error):
            raise ConditionFailed from error
        raise


class ProgressStore:
    """The counters of a cycle's assignments, invitations and answers."""

    def add_progress(self, org: str, cycle_id: str, key: str, **deltas: int) -> None:
        number = shard(key, shards=PROGRESS_SHARDS)
        actions = counter_actions(deltas)
        if actions:
            ProgressItem(*progress_key(org, cycle_id, number)).update(actions=actions)

    def progress(self, org: str, cycle_id: str) -> dict[str, int]:
        keys = [progress_key(org, cycle_id, n) for n in range(PROGRESS_SHARDS)]
        totals = dict.fromkeys(COUNTERS, 0)
        for item in ProgressItem.batch_get(keys):
            for name in COUNTERS:
                totals[name] += int(getattr(item, name) or 0)
        return totals
