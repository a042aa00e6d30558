"""Cycles on DynamoDB: created whole with their subjects and raters' loads, listed newest first,
moved between states by conditional updates, and counting their fan-out jobs done.

Reads are Query or BatchGet on designed keys, writes are TransactWriteItems of up to 100 or single
conditional updates; conditions turn races into domain answers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from janus.kernel import clock
from janus.rounds.cycle import Cycle, CycleConfig
from janus.rounds.entities import Subject
from janus.rounds.keys import cycle_key, rater_key, shard
from janus.rounds.new_cycle import NewCycle
from janus.rounds.store_subjects import subject_item
from janus.store import ConditionFailed, condition_failed, write_all
from janus.store.items import FANOUT_SHARDS, CycleItem, RaterItem


def told_in(moment: datetime, time_zone: str) -> datetime:
    """``moment`` on the clocks of ``time_zone``, so that it reads (and prints) as the cycle tells it."""
    if time_zone == "UTC":
        return moment.astimezone(UTC)
    from zoneinfo import ZoneInfo  # here: most cycles are told in UTC, and the functions that serve them load less

    return moment.astimezone(ZoneInfo(time_zone))


def cycle_of(item: CycleItem) -> Cycle:
    return Cycle(
        org=item.org,
        id=item.cycle_id,
        name=item.name,
        kind=item.kind,
        state=item.state,
        deadline=told_in(item.deadline, item.time_zone or "UTC"),
        config=CycleConfig.from_dict(item.config),
        created_at=item.created_at,
        subject_count=int(item.subject_count),
        nominations_pending=int(item.nominations_pending),
        short_subjects=int(item.short_subjects),
        launch_pending=int(item.launch_pending),
        report_pending=int(item.report_pending or 0),
        launched_at=item.launched_at,
        closed_at=item.closed_at,
        released_at=item.released_at,
        time_zones=tuple(item.time_zones or ()),
        shards=int(item.fanout_shards),
        time_zone=item.time_zone or "UTC",
        handed_on=frozenset(item.handed_on or ()),
    )


def read_cycle(org: str, cycle_id: str, *, consistent: bool = False) -> Cycle | None:
    try:
        return cycle_of(CycleItem.get(*cycle_key(org, cycle_id), consistent_read=consistent))
    except DoesNotExist:
        return None


def _loads(org: str, cycle_id: str, loads: dict[str, int], shards: int) -> list[RaterItem]:
    """A new cycle's raters with their loads."""
    return [
        RaterItem(
            *rater_key(org, cycle_id, rater_id),
            GSI2PK=f"ORG#{org}#CYCLE#{cycle_id}#RATERS#{shard(rater_id, shards=shards)}",
            GSI2SK=rater_id,
            org=org,
            cycle_id=cycle_id,
            employee_id=rater_id,
            load=load,
        )
        for rater_id, load in sorted(loads.items())
    ]


def _put_all(items: Sequence[Any]) -> None:
    """New items, in TransactWriteItems of up to 100 puts (``write_all``)."""
    write_all([lambda transaction, item=item: transaction.save(item) for item in items])


class CycleStore:
    """The cycles of organisations."""

    def create(
        self,
        org: str,
        cycle_id: str,
        new: NewCycle,
        subjects: Sequence[Subject],
        loads: dict[str, int],
        time_zones: Sequence[str] = (),
        shards: int = FANOUT_SHARDS,
    ) -> Cycle:
        """The cycle, its derived subjects and its raters' loads; the cycle item last, so that a
        cycle that can be read is whole.

        The subjects and the loads go in TransactWriteItems of up to 100 puts: a quarter of the
        requests of BatchWriteItem groups of 25, at twice the write units (a transactional write
        costs two a KB, a batch write one), which a cycle's creation, once a round, can afford.
        A create that fails midway leaves whole groups of subjects and loads under a cycle id that
        no cycle item names and nobody was given: nothing reads them, and HR's retry creates the
        cycle anew under a new id.
        """
        now = clock.now()
        pk, sk = cycle_key(org, cycle_id)
        item = CycleItem(
            pk,
            sk,
            GSI1PK=f"ORG#{org}#CYCLES",
            GSI1SK=f"{now.isoformat()}#{cycle_id}",
            org=org,
            cycle_id=cycle_id,
            name=new.name,
            kind=new.kind,
            state="draft",
            deadline=new.deadline,
            config=new.config.as_dict(),
            subject_count=len(subjects),
            nominations_pending=0,
            short_subjects=sum(1 for subject in subjects if subject.shortfalls),
            launch_pending=0,
            created_at=now,
            time_zones=sorted(set(time_zones)),
            time_zone=new.time_zone,
            fanout_shards=shards,
        )
        _put_all([*(subject_item(subject) for subject in subjects), *_loads(org, cycle_id, loads, shards)])
        item.save(condition=CycleItem.PK.does_not_exist())
        return cycle_of(item)

    def get(self, org: str, cycle_id: str, *, consistent: bool = False) -> Cycle | None:
        return read_cycle(org, cycle_id, consistent=consistent)

    def latest(self, org: str, limit: int = 100) -> list[Cycle]:
        items = CycleItem.by_org.query(f"ORG#{org}#CYCLES", scan_index_forward=False, limit=limit)
        return [cycle_of(item) for item in items]

    def transition(
        self,
        org: str,
        cycle_id: str,
        from_states: Iterable[str],
        to_state: str,
        *,
        require_ready: bool = False,
        deadline: datetime | None = None,
        launch_pending: int | None = None,
        report_pending: int = FANOUT_SHARDS,
    ) -> Cycle:
        """Move the cycle to ``to_state`` if it is in one of ``from_states`` (atomically); a launch and
        a close set how many shards' jobs are still to come."""
        now = clock.now()
        actions: list[Any] = [CycleItem.state.set(to_state)]
        condition = CycleItem.state.is_in(*from_states)
        if require_ready:
            condition &= (CycleItem.nominations_pending == 0) & (CycleItem.short_subjects == 0)
        if to_state == "open" and launch_pending is not None:
            actions += [CycleItem.launched_at.set(now), CycleItem.launch_pending.set(launch_pending)]
        if to_state == "closed":
            actions += [CycleItem.closed_at.set(now), CycleItem.report_pending.set(report_pending)]
        if to_state == "released":
            actions += [CycleItem.released_at.set(now), CycleItem.release_pending.set(report_pending)]
        if deadline is not None:
            actions.append(CycleItem.deadline.set(deadline))
        mark = os.urandom(8).hex()
        actions.append(CycleItem.moved_by.set(mark))
        item = CycleItem(*cycle_key(org, cycle_id))
        try:
            item.update(actions=actions, condition=condition & CycleItem.PK.exists())
        except UpdateError as error:
            if not condition_failed(error):
                raise
            # The SDK tries a write again after a 500; if the first try had applied, the retry is refused by the
            # state it made. The mark tells that apart from a cycle another request moved.
            item.refresh(consistent_read=True)
            if item.moved_by != mark:
                raise ConditionFailed from error
        return cycle_of(item)

    def count_job(self, org: str, cycle_id: str, counter: str, job_id: str) -> int:
        """Count a finished fan-out job once, however often it is delivered; returns what is still pending,
        to a job delivered again too (read then, consistently): its first delivery may have ended after
        counting and before handing on, and the stage's last job must still hand on."""
        actions = [getattr(CycleItem, counter).add(-1), CycleItem.done_jobs.add({job_id})]
        item = CycleItem(*cycle_key(org, cycle_id))
        try:
            item.update(actions=actions, condition=~CycleItem.done_jobs.contains(job_id))
        except UpdateError as error:
            if not condition_failed(error):
                raise
            item.refresh(consistent_read=True)
        return int(getattr(item, counter) or 0)

    def handed_on(self, org: str, cycle_id: str, stage: str) -> None:
        """Record that a fan-out stage's last job handed on (a job of it delivered again then does nothing)."""
        CycleItem(*cycle_key(org, cycle_id)).update(actions=[CycleItem.handed_on.add({stage})])

    def add_short(self, org: str, cycle_id: str, delta: int) -> None:
        if delta:
            CycleItem(*cycle_key(org, cycle_id)).update(actions=[CycleItem.short_subjects.add(delta)])
