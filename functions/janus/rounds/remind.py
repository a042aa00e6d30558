"""Reminders: a slot's (or HR's) remind pages, one after another through the cycle's shards, each
bundling the raters still to answer in the slot's time zone for the invitations function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from janus.invitations.messages import ReminderBundle
from janus.kernel.jobs import Jobs
from janus.rounds import timers as reminders
from janus.rounds.fanout import INVITE_BUNDLE, INVITE_PAGE, bundles_of
from janus.rounds.messages import RemindPage
from janus.rounds.store_raters import RaterStore
from janus.rounds.timers import Slot


def remind_jobs(
    org: str, cycle_id: str, time_zones: Sequence[str], shards: int, round_id: str, slot: Slot | None = None
) -> list[dict[str, Any]]:
    """The first remind page job of a slot's time zone (everyone's, for HR's nudge without a slot),
    carrying the slot itself, for the bundles to check that it still stands. The pages run one after
    another through the cycle's shards and hand nearly empty bundles on (``remind_page``)."""
    first = RemindPage(
        org=org,
        cycle_id=cycle_id,
        time_zone=slot.time_zone if slot else None,
        time_zones=tuple(time_zones),
        round=round_id,
        shard=0,
        shards=shards,
        start=None,
        slot=slot,
        carry=(),
    )
    return [first.encode()]


def slot_due(slot: Slot, jobs: Jobs, time_zones: Sequence[str], shards: int) -> str:
    """A reminder slot's schedule fired: queue its time zone's remind pages. The schedule carries the
    cycle's time zones and shards, so nothing is read here: the pages' bundles read the cycle anyway,
    and send nothing unless it is still open and the slot still in its plan (the deadline may have
    moved). A slot fired twice reminds nobody twice, however far apart: each rater's reminder is
    claimed for their local day and for the slot."""
    jobs.send("reminders", remind_jobs(slot.org, slot.cycle_id, time_zones, shards, f"{slot.days_before}d", slot))
    return "fired"


def remind_page(
    org: str,
    cycle_id: str,
    time_zone: str | None,
    round_id: str,
    shard: int,
    start: dict[str, Any] | None,
    raters: RaterStore,
    jobs: Jobs,
    time_zones: Sequence[str],
    shards: int,
    slot: Slot | None = None,
    carry: Sequence[str] = (),
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
    a Query more and seldom save a bundle."""
    page, next_start = raters.raters_page(org, cycle_id, shard, start, INVITE_PAGE)
    chosen = [
        r.employee_id
        for r in page
        if r.invited_at
        and not r.undeliverable_at
        and (time_zone is None or reminders.slot_time_zone(r.time_zone, time_zones) == time_zone)
    ]
    bundles = bundles_of([*carry, *chosen])
    next_shard = shard + 1 if not next_start and shard + 1 < shards else None
    goes_on = bool(next_start) or next_shard is not None
    partial = bundles[-1] if bundles and len(bundles[-1]) < INVITE_BUNDLE else []
    handed_on = len(bundles) == 1 and bool(carry)  # the partial bundle holds raters of earlier pages
    carries = goes_on and bool(partial) and (len(partial) <= INVITE_BUNDLE // 2 or handed_on)
    carried = bundles.pop() if carries else []
    reminders_due = [
        ReminderBundle(org=org, cycle_id=cycle_id, rater_ids=ids, shards=shards, round=round_id, slot=slot)
        for ids in bundles
    ]
    jobs.send("invitations", [bundle.encode() for bundle in reminders_due])
    if goes_on:
        next_page = RemindPage(
            org=org,
            cycle_id=cycle_id,
            time_zone=time_zone,
            time_zones=tuple(time_zones),
            round=round_id,
            shard=next_shard if next_shard is not None else shard,  # the next shard, or this one's next page
            shards=shards,
            start=next_start or None,
            slot=slot,
            carry=tuple(carried),
        )
        jobs.send("reminders", [next_page.encode()])
