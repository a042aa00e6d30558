"""Reminders: a slot's (or HR's) remind pages, one after another through the cycle's shards, each
bundling the raters still to answer in the slot's time zone for the invitations function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from janus.kernel.jobs import Jobs
from janus.rounds import timers as reminders
from janus.rounds.fanout import INVITE_BUNDLE, INVITE_PAGE, bundles_of
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.timers import Slot


def _remind_job(
    org: str,
    cycle_id: str,
    time_zone: str | None,
    time_zones: Sequence[str],
    round_id: str,
    shard: int,
    shards: int,
    start: dict[str, Any] | None,
    slot: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "job": "remind",
        "org": org,
        "cycle_id": cycle_id,
        "time_zone": time_zone,
        "time_zones": list(time_zones),
        "round": round_id,
        "shard": shard,
        "shards": shards,
        "start": start,
        "slot": slot,
    }


def remind_jobs(
    org: str, cycle_id: str, time_zones: Sequence[str], shards: int, round_id: str, slot: Slot | None = None
) -> list[dict[str, Any]]:
    """The first remind page job of a slot's time zone (everyone's, for HR's nudge without a slot),
    carrying the slot itself, for the bundles to check that it still stands. The pages run one after
    another through the cycle's shards and hand nearly empty bundles on (``remind_page``)."""
    time_zone, named = (slot.time_zone, slot.as_dict()) if slot else (None, None)
    return [{**_remind_job(org, cycle_id, time_zone, time_zones, round_id, 0, shards, None, named), "carry": []}]


def slot_due(
    slot: Slot, cycles: CycleStore, jobs: Jobs, time_zones: Sequence[str] | None = None, shards: int | None = None
) -> str:
    """A reminder slot's schedule fired: queue its time zone's remind pages. The schedule carries the
    cycle's time zones and shards, so nothing is read here: the pages' bundles read the cycle anyway,
    and send nothing unless it is still open and the slot still in its plan (the deadline may have
    moved). A slot fired twice reminds nobody twice: each rater's reminder is claimed for their
    local day."""
    if time_zones is None or shards is None:  # a schedule made before schedules carried them
        cycle = cycles.get(slot.org, slot.cycle_id)
        if cycle is None or cycle.state != "open":
            return "cycle not open"
        if not reminders.in_plan(slot, cycle):
            return "not in the plan"
        time_zones, shards = cycle.time_zones, cycle.shards
    jobs.send("jobs", remind_jobs(slot.org, slot.cycle_id, time_zones, shards, f"{slot.days_before}d", slot))
    return "fired"


def remind_page(
    org: str,
    cycle_id: str,
    time_zone: str | None,
    round_id: str,
    shard: int,
    start: dict[str, Any] | None,
    cycles: CycleStore,
    raters: RaterStore,
    jobs: Jobs,
    time_zones: Sequence[str] | None = None,
    shards: int | None = None,
    slot: Slot | None = None,
    carry: Sequence[str] | None = None,
) -> None:
    """The reminders of one page's raters in the slot's time zone (or all, for HR's nudge), a message
    per bundle of ``INVITE_BUNDLE``. The job carries the cycle's time zones and shards, so the page
    reads only its raters; each bundle carries the slot on, reads the cycle, and sends nothing once
    the cycle is no longer open or the slot no longer in its plan.

    A slot's pages run one after another, this shard's next page or else the next shard's first. Each
    sends its bundles but a last, partly filled one that is at most half full or holds raters handed
    on by earlier pages: its raters (``carry``) go on to the next page, and the slot's last page sends
    them. A bundle reads its raters' assignments with a Query per shard they are in, so a page's own
    last bundle, if more than half full, goes as it is: joined to the next page's raters it would cost
    a Query more and seldom save a bundle. A job without ``carry`` (queued when each shard had its own
    pages) sends all its raters and stays in its shard."""
    if time_zones is None or shards is None:  # a job queued before jobs carried them
        cycle = cycles.get(org, cycle_id)
        if cycle is None or cycle.state != "open":
            return
        time_zones, shards = cycle.time_zones, cycle.shards
    named = slot.as_dict() if slot else None
    page, next_start = raters.raters_page(org, cycle_id, shard, start, INVITE_PAGE)
    chosen = [
        r.employee_id
        for r in page
        if r.invited_at
        and not r.undeliverable_at
        and (time_zone is None or reminders.slot_time_zone(r.time_zone, time_zones) == time_zone)
    ]
    chained = carry is not None
    bundles = bundles_of([*(carry or ()), *chosen])
    next_shard = shard + 1 if chained and not next_start and shard + 1 < shards else None
    goes_on = bool(next_start) or next_shard is not None
    partial = bundles[-1] if bundles and len(bundles[-1]) < INVITE_BUNDLE else []
    handed_on = len(bundles) == 1 and bool(carry)  # the partial bundle holds raters of earlier pages
    carries = chained and goes_on and bool(partial) and (len(partial) <= INVITE_BUNDLE // 2 or handed_on)
    carried = bundles.pop() if carries else []
    jobs.send(
        "invitations",
        [
            {
                "kind": "reminder",
                "org": org,
                "cycle_id": cycle_id,
                "rater_ids": bundle,
                "shards": shards,
                "round": round_id,
                "slot": named,
            }
            for bundle in bundles
        ],
    )
    if goes_on:
        on = next_shard if next_shard is not None else shard  # the next shard, or this one's next page
        job = _remind_job(org, cycle_id, time_zone, time_zones, round_id, on, shards, next_start or None, named)
        jobs.send("jobs", [{**job, "carry": carried} if chained else job])
