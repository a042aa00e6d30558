"""Reminders: the plan (09:00 in the rater's time zone, on the policy's days before the deadline),
the slots' schedules, and who a slot that fires reminds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import boto3
import pytest

from janus.invitations import flow as invitations
from janus.invitations.messages import InvitationBundle, ReminderBundle
from janus.kernel import clock
from janus.kernel.messages import Codec, dispatch
from janus.kernel.metering import REQUESTS
from janus.kernel.schedules import OneTimeSchedules
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, remind, states
from janus.rounds.cycle import Cycle, CycleConfig
from janus.rounds.entities import Rater
from janus.rounds.handlers import FANOUT, REMINDERS, fanout_handlers, reminder_handlers
from janus.rounds.keys import rater_key
from janus.rounds.links import Signer
from janus.rounds.remind import remind_page
from janus.rounds.schedules import DeadlineSchedules, ReminderSchedules
from janus.rounds.timers import (
    Slot,
    local_date,
    plan,
    slot_time_zone,
)
from janus.store.items import FANOUT_SHARDS, RaterItem
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores


def cycle(deadline: datetime, days: tuple[int, ...] = (7, 3, 1), state: str = "open") -> Cycle:
    config = CycleConfig(competencies=("listening",), reminder_days=days)
    return Cycle(
        org="o",
        id="c",
        name="n",
        kind="360",
        state=state,
        deadline=deadline,
        config=config,
        created_at=deadline,
        time_zones=("Europe/Copenhagen",),
    )


def test_slots_fall_at_nine_local_on_each_reminder_day():
    deadline = datetime(2026, 12, 15, 16, 0, tzinfo=UTC)  # 17:00 in Copenhagen
    slots = plan(cycle(deadline), ["Europe/Copenhagen"], now=datetime(2026, 12, 1, tzinfo=UTC))
    copenhagen = sorted(s.due for s in slots if s.time_zone == "Europe/Copenhagen")
    local = [d.astimezone(ZoneInfo("Europe/Copenhagen")) for d in copenhagen]
    assert [(d.day, d.hour) for d in local] == [(8, 9), (12, 9), (14, 9)]
    assert {s.time_zone for s in slots} == {"Europe/Copenhagen", "UTC"}  # the default zone too


def test_slots_already_past_are_not_planned():
    deadline = datetime(2026, 12, 15, 16, 0, tzinfo=UTC)
    slots = plan(cycle(deadline), [], now=datetime(2026, 12, 13, tzinfo=UTC))
    assert [s.days_before for s in slots] == [1]


def test_summer_time_keeps_nine_local():
    deadline = datetime(2026, 4, 2, 15, 0, tzinfo=UTC)
    slots = plan(cycle(deadline, days=(7,)), ["Europe/Copenhagen"], now=datetime(2026, 3, 1, tzinfo=UTC))
    due = next(s.due for s in slots if s.time_zone == "Europe/Copenhagen")
    assert due == datetime(2026, 3, 26, 8, 0, tzinfo=UTC)  # 09:00 CET, before the switch on 29 March


def test_raters_outside_the_cycles_zones_follow_the_default_slot():
    assert slot_time_zone("Europe/Copenhagen", ("Europe/Copenhagen",)) == "Europe/Copenhagen"
    assert slot_time_zone("Asia/Tokyo", ("Europe/Copenhagen",)) == "UTC"
    assert slot_time_zone(None, ()) == "UTC"


def test_dates_are_local():
    assert local_date(datetime(2026, 12, 8, 23, 30, tzinfo=UTC), "Europe/Copenhagen") == "2026-12-09"
    assert local_date(datetime(2026, 12, 8, 23, 30, tzinfo=UTC), None) == "2026-12-08"


class QueuedJobs:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict]] = []

    def send(self, queue: str, messages: list[dict]) -> None:
        self.sent += [(queue, m) for m in messages]


def remind_chain(store: RoundStores, time_zone: str | None, time_zones: list[str]) -> QueuedJobs:
    """A slot's remind pages, each run as its job comes off the queue; what they queued for the bundles."""
    jobs, bundles = QueuedJobs(), QueuedJobs()
    jobs.sent = [
        ("reminders", {**m, "time_zone": time_zone})
        for m in remind.remind_jobs("o", "c", time_zones, FANOUT_SHARDS, "7d")
    ]
    while jobs.sent:
        _, m = jobs.sent.pop(0)
        assert m["job"] == "remind"
        queued = QueuedJobs()
        remind_page(
            "o", "c", m["time_zone"], m["round"], m["shard"], m["start"], store.raters, queued,
            time_zones=m["time_zones"], shards=m["shards"], carry=m["carry"],
        )  # fmt: skip
        jobs.sent += [(q, job) for q, job in queued.sent if q == "reminders"]
        bundles.sent += [(q, job) for q, job in queued.sent if q == "invitations"]
    return bundles


def test_a_remind_page_reads_only_its_raters_and_bundles_those_of_the_slots_time_zone(aws):
    store = RoundStores()
    store.raters.add_loads("o", "c", {"r1": 1, "r2": 1, "r3": 1, "r4": 1}, FANOUT_SHARDS)
    zones = {"r1": "Asia/Singapore", "r2": "Europe/Copenhagen", "r3": None, "r4": "Asia/Singapore"}
    store.raters.mark_invited("o", "c", [(r, zone, 1) for r, zone in zones.items() if r != "r4"])  # r4 not invited

    before = REQUESTS.snapshot()
    bundles = remind_chain(store, "Asia/Singapore", ["Asia/Singapore"])
    made = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert made == {"Query": FANOUT_SHARDS}  # a page of each shard's raters; the cycle is not read
    assert [(queue, m["kind"], m["rater_ids"]) for queue, m in bundles.sent] == [("invitations", "reminder", ["r1"])]


RATERS = [f"r{n:03}" for n in range(250)]


@pytest.fixture
def invited(aws: Any) -> RoundStores:
    """250 raters of a cycle of 16 shards, all invited, all in Copenhagen: about 16 a shard."""
    store = RoundStores()
    store.raters.add_loads("o", "c", dict.fromkeys(RATERS, 1), FANOUT_SHARDS)
    for n in range(0, len(RATERS), 50):
        store.raters.mark_invited("o", "c", [(r, "Europe/Copenhagen", 1) for r in RATERS[n : n + 50]])
    return store


def test_a_slots_raters_go_in_full_bundles_across_the_shards_and_each_once(invited):
    bundles = remind_chain(invited, "Europe/Copenhagen", ["Europe/Copenhagen"])
    sizes = [len(m["rater_ids"]) for _, m in bundles.sent]
    assert sizes == [98, 98, 54]  # one bundle a shard, 16 in all, before the pages carried their last on
    assert sorted(r for _, m in bundles.sent for r in m["rater_ids"]) == RATERS


class RatersByShard:
    """Invited raters in Copenhagen, so many a shard, in pages of 980 as the store reads them."""

    def __init__(self, counts: list[int]) -> None:
        self.counts = counts

    def raters_page(self, org: str, cycle_id: str, shard: int, start: Any, limit: int) -> tuple[list[Rater], None]:
        invited = datetime(2030, 3, 1, tzinfo=UTC)
        ids = [f"s{shard}-{n:03}" for n in range(self.counts[shard])]
        return [Rater(rater_id, 1, invited, None, "Europe/Copenhagen") for rater_id in ids], None


@pytest.mark.parametrize(
    ("per_shard", "bundles"),
    [
        ([30, 30], [60]),  # a last bundle at most half full goes on with the next shard's raters
        ([60, 60], [60, 60]),  # a fuller one goes as it is: joined, it would span two shards for no bundle less
        ([108, 108, 108], [98, 98, 98, 30]),  # each shard's ten left over travel on
        ([30, 30, 30, 30], [98, 22]),  # raters handed on keep going until their bundle is full
    ],
)
def test_a_pages_last_bundle_goes_on_to_the_next_page_only_when_at_most_half_full(per_shard, bundles):
    jobs = [m | {"time_zone": "Europe/Copenhagen"} for m in remind.remind_jobs("o", "c", [], len(per_shard), "7d")]
    sent: list[list[str]] = []
    while jobs:
        m, queued = jobs.pop(0), QueuedJobs()
        remind_page(
            "o", "c", m["time_zone"], m["round"], m["shard"], m["start"], RatersByShard(per_shard), queued,
            time_zones=["Europe/Copenhagen"], shards=m["shards"], carry=m["carry"],
        )  # fmt: skip
        jobs += [job for q, job in queued.sent if q == "reminders"]
        sent += [job["rater_ids"] for q, job in queued.sent if q == "invitations"]
    assert [len(ids) for ids in sent] == bundles
    everyone = [f"s{number}-{n:03}" for number, count in enumerate(per_shard) for n in range(count)]
    assert [r for ids in sent for r in ids] == everyone  # each once, in order


def test_each_slot_has_its_own_valid_schedule_name_and_says_what_it_is_for():
    due = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    zones = ["Etc/GMT+5", "Etc/GMT-5", "America/Argentina/ComodRivadavia", "UTC"]
    slots = [Slot("o", "c-0123456789", zone, days, due) for zone in zones for days in (7, 3)]
    names = [ReminderSchedules.name(slot) for slot in slots]
    assert len(set(names)) == len(slots)
    assert all(len(name) <= 64 and all(ch.isalnum() or ch in "-_." for ch in name) for name in names)
    assert all(Slot.from_dict(slot.as_dict()) == slot for slot in slots)


def test_a_new_schedule_is_one_scheduler_call_and_a_moved_one_keeps_its_name_with_the_new_time(aws):
    scheduler = REQUESTS.attach(boto3.client("scheduler", region_name="us-east-1"))
    group = aws.environment()["SCHEDULE_GROUP"]
    schedules = OneTimeSchedules(scheduler, group, "arn:aws:iam::123456789012:role/scheduler")
    queue = "arn:aws:sqs:us-east-1:123456789012:jobs"

    before = REQUESTS.snapshot()
    schedules.set("deadline-c-1", datetime(2030, 1, 10, 16, 0, tzinfo=UTC), queue, {"job": "deadline"})
    assert {op: n for (service, op), n in REQUESTS.since(before).items() if service == "scheduler" and n} == {
        "CreateSchedule": 1
    }
    schedules.set("deadline-c-1", datetime(2030, 1, 17, 16, 0, tzinfo=UTC), queue, {"job": "deadline"})
    found = scheduler.get_schedule(Name="deadline-c-1", GroupName=group)
    assert found["ScheduleExpression"] == "at(2030-01-17T16:00:00)"


# ---------------------------------------------------------------------------- a slot fires in a launched cycle
ORG = "acme"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:jobs"
SETTINGS = invitations.MailSettings(sender="feedback@acme.example.com", public_api_url="https://janus.example.com")


class Scheduler:
    """One-time schedules in memory, by name: what each puts on the queue when it falls due."""

    def __init__(self) -> None:
        self.schedules: dict[str, tuple[datetime, dict[str, Any]]] = {}

    def set(self, name: str, when: datetime, target_arn: str, payload: dict[str, Any]) -> None:
        self.schedules[name] = (when, json.loads(json.dumps(payload)))

    def clear(self, name: str) -> None:
        self.schedules.pop(name, None)


class Mailbox:
    def __init__(self) -> None:
        self.to: list[str] = []

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        self.to.append(str(message["To"]).split("@")[0])


class Queues:
    """The cycle jobs and invitations queues, their messages as JSON goes through SQS."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def send(self, queue: str, messages: list[dict[str, Any]]) -> None:
        self.sent += [(queue, json.loads(json.dumps(m))) for m in messages]


@dataclass
class Round:
    """A launched cycle for a manager and three reports, the subject t1; its queues delivered as the
    cycles and invitations functions deliver them, its schedules fired when a test says so."""

    store: RoundStores
    cycle: Cycle
    queues: Queues
    scheduler: Scheduler
    timers: states.CycleTimers
    mailbox: Mailbox

    def event(self, kind: str, **body: Any) -> None:
        states.apply_event(ORG, self.cycle.id, {"type": kind, **body}, self.store.ledger, self.queues, self.timers)

    def fire(self, days_before: int) -> dict[str, Any]:
        """The clock reaches the UTC slot ``days_before`` the deadline: its schedule puts its job on the
        queue and deletes itself."""
        due, payload = self.scheduler.schedules.pop(f"remind-{self.cycle.id}-{days_before}d-UTC")
        clock.advance(due - clock.now())
        self.queues.send("reminders", [payload])
        return payload

    def deliver(self, queues: tuple[str, ...] = ("jobs", "reminders", "invitations")) -> None:
        while work := [(q, m) for q, m in self.queues.sent if q in queues]:
            queue, message = work[0]
            self.queues.sent.remove((queue, message))
            if queue == "invitations":
                self.bundle(message)
            else:
                self.job(message)

    def job(self, message: dict[str, Any]) -> None:
        """A job as the cycles and reminders functions take it: decoded, then dispatched through their tables."""
        store, queues = self.store, self.queues
        handlers = {
            **fanout_handlers(store.launch, store.raters, store.ledger, queues, self.timers),
            **reminder_handlers(store.raters, queues),
        }
        dispatch(handlers, Codec(*FANOUT.kinds.values(), *REMINDERS.kinds.values()).decode(message))

    def bundle(self, message: dict[str, Any]) -> None:
        bundle = Codec(InvitationBundle, ReminderBundle).decode(message)
        reminder = isinstance(bundle, ReminderBundle)
        invitations.send_invitations(
            ORG, self.cycle.id, bundle.rater_ids, cycles=self.store.cycles, raters=self.store.raters,
            assignments=self.store.assignments, mailer=self.mailbox, settings=SETTINGS, signer=Signer(b"k" * 32),
            reminder=reminder, reminders=self.store.reminders, shards=bundle.shards,
            slot=bundle.slot if reminder else None,
        )  # fmt: skip

    def reminded(self) -> list[str]:
        return sorted(self.mailbox.to)


@pytest.fixture
def launched(aws: Any, stopped_clock: None) -> Round:
    """Invited: t1 (self), m1 (manager), t2 and t3 (peers); t2 has answered, so three have something pending."""
    directory, store = DynamoEmployeeDirectory(), RoundStores()
    directory.put_many(ORG, [person("m1", None)] + [person(f"t{n}", "m1") for n in range(1, 4)])
    body = {"name": "360", "kind": "360", "deadline": "2030-03-24T16:00:00+00:00", "subjects": ["t1"]}
    cycle = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    scheduler = Scheduler()
    timers = states.CycleTimers(DeadlineSchedules(scheduler, QUEUE_ARN), ReminderSchedules(scheduler, QUEUE_ARN))
    launched = Round(store, cycle, Queues(), scheduler, timers, Mailbox())
    launched.event("launch", force=True)
    launched.deliver()
    assert launched.reminded() == ["m1", "t1", "t2", "t3"]  # the invitations
    (asked,) = store.assignments.assignments_of_raters(ORG, cycle.id, ["t2"], cycle.shards)["t2"]
    store.answers.save_answers(
        asked, ratings={"listening.q1": 4}, comments={}, overall=None, status="submitted",
        allowed_from=("pending", "in_progress"), counters={"submitted": 1},
    )  # fmt: skip
    launched.mailbox.to.clear()
    return launched


def test_a_slot_reminds_the_raters_with_something_pending_once_however_often_it_fires(launched):
    payload = launched.fire(7)
    launched.queues.send("reminders", [payload])  # delivered twice
    launched.deliver()
    assert launched.reminded() == ["m1", "t1", "t3"]  # t2 has answered

    launched.fire(3)
    launched.deliver()
    assert launched.reminded() == ["m1", "m1", "t1", "t1", "t3", "t3"]  # the next slot, another day


def test_a_reminder_that_failed_to_go_is_sent_by_the_next_delivery_and_counted_once(launched):
    launched.fire(7)
    launched.deliver(queues=("jobs", "reminders"))
    (bundle,) = [m for q, m in launched.queues.sent if q == "invitations"]
    send = launched.mailbox.send

    def refused_for_t1(message: EmailMessage, tags: dict[str, str]) -> None:
        if str(message["To"]).startswith("t1@"):
            raise RuntimeError("MessageRejected")  # or the delivery died here, after claiming
        send(message, tags)

    launched.mailbox.send = refused_for_t1  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        launched.bundle(bundle)
    launched.mailbox.send = send  # type: ignore[method-assign]
    assert launched.reminded() == ["m1", "t3"]

    with pytest.raises(invitations.InvitationBusy):  # at once: the failed delivery's claim still holds
        launched.bundle(bundle)
    clock.advance(invitations.INVITING_LEASE + timedelta(seconds=1))  # the message comes back after its lease
    launched.bundle(bundle)
    launched.bundle(bundle)  # and again: nobody twice on one day
    assert launched.reminded() == ["m1", "t1", "t3"]
    counts = {r: RaterItem.get(*rater_key(ORG, launched.cycle.id, r)).reminder_count for r in ("m1", "t1", "t3")}
    assert counts == {"m1": 1, "t1": 1, "t3": 1}


def test_a_slots_reminder_that_comes_back_on_the_raters_next_day_reminds_nobody_it_reached(launched):
    """A bundle that failed partway comes back for the rater it missed; if it comes back on a later day (a
    redrive of its dead-letter queue the next morning), those it reached already had this slot's reminder."""
    payload = launched.fire(7)
    launched.deliver(queues=("jobs", "reminders"))
    (bundle,) = [m for q, m in launched.queues.sent if q == "invitations"]
    send = launched.mailbox.send

    def refused_for_t1(message: EmailMessage, tags: dict[str, str]) -> None:
        if str(message["To"]).startswith("t1@"):
            raise RuntimeError("MessageRejected")
        send(message, tags)

    launched.mailbox.send = refused_for_t1  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        launched.bundle(bundle)
    launched.mailbox.send = send  # type: ignore[method-assign]
    assert launched.reminded() == ["m1", "t3"]

    clock.advance(timedelta(hours=18))  # 03:00 the next day, before the next slot
    launched.bundle(bundle)
    assert launched.reminded() == ["m1", "t1", "t3"]  # t1's, a day late; m1 and t3 had this slot's

    launched.queues.sent.clear()
    launched.queues.send("reminders", [payload])  # the slot's schedule delivered again, a day late
    launched.deliver()
    assert launched.reminded() == ["m1", "t1", "t3"]

    launched.fire(3)
    launched.deliver()
    assert launched.reminded() == ["m1", "m1", "t1", "t1", "t3", "t3"]  # the next slot's, once each


def test_a_slots_job_reads_nothing_and_queues_its_first_remind_page(launched):
    payload = launched.fire(7)
    assert (payload["time_zones"], payload["shards"]) == (["UTC"], launched.cycle.shards)

    (slot_job,) = [m for _, m in launched.queues.sent]
    launched.queues.sent.clear()
    before = REQUESTS.snapshot()
    launched.job(slot_job)
    made = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert made == {}
    assert [(m["job"], m["shard"]) for _, m in launched.queues.sent] == [("remind", 0)]

    launched.deliver()
    assert launched.reminded() == ["m1", "t1", "t3"]


def test_a_slot_that_fired_before_an_extension_reminds_nobody_and_the_moved_slot_does(launched):
    launched.fire(7)
    launched.deliver(queues=("reminders",))  # its remind pages are done, its bundles still queued
    assert [m["kind"] for q, m in launched.queues.sent] == ["reminder"]
    launched.event("extend", deadline="2030-03-31T16:00:00+00:00")
    launched.deliver()
    assert launched.reminded() == []

    due, _ = launched.scheduler.schedules[f"remind-{launched.cycle.id}-7d-UTC"]
    assert due == datetime(2030, 3, 24, 9, 0, tzinfo=UTC)  # moved with the deadline
    launched.fire(7)
    launched.deliver()
    assert launched.reminded() == ["m1", "t1", "t3"]


def test_a_slot_that_fired_before_a_close_reminds_nobody(launched):
    launched.fire(7)
    launched.deliver(queues=("reminders",))
    launched.event("close")
    launched.deliver()
    assert launched.reminded() == []
    assert [name for name in launched.scheduler.schedules if name.startswith("remind-")] == []


def test_hrs_nudge_reminds_everyone_pending_in_every_time_zone_once_a_day(launched):
    clock.advance(timedelta(days=1))
    launched.event("remind")
    launched.deliver()
    assert launched.reminded() == ["m1", "t1", "t3"]
    assert {m.get("slot") for q, m in launched.queues.sent} <= {None}

    launched.event("remind")
    launched.deliver()
    assert launched.reminded() == ["m1", "t1", "t3"]  # not twice on one day


def test_a_reminder_bundle_is_one_read_and_skips_an_address_that_bounced_after_its_page_was_read(launched):
    launched.fire(7)
    launched.deliver(queues=("reminders",))  # the page read t3 as deliverable; its bundle is still queued
    assert launched.store.raters.mark_undeliverable(ORG, launched.cycle.id, "t3", "bounce")

    before = REQUESTS.snapshot()
    launched.deliver()
    made = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert launched.reminded() == ["m1", "t1"]
    # their open assignments; the cycle, the settings and the raters' names (no rater states: the
    # claim refuses the bounced address, and the others are claimed again without it), then the
    # reminders sent counted (so that one which failed to go is claimed again by the next delivery)
    assert made == {"Query": 1, "BatchGetItem": 1, "TransactWriteItems": 3}

    clock.advance(timedelta(days=4))
    launched.fire(3)
    launched.deliver()
    assert launched.reminded() == ["m1", "m1", "t1", "t1"]  # t3 is not reminded later either


def test_deadlines_given_as_dates_end_with_that_day_in_the_organisations_time_zone(aws, stopped_clock):
    directory, store = DynamoEmployeeDirectory(), RoundStores()
    directory.put_many(ORG, [person("m1", None), person("t1", "m1")])
    body = {"name": "Spring 360", "kind": "180", "deadline": "2030-03-29", "subjects": ["t1"]}
    cycle = create.create_cycle(ORG, body, directory, store.cycles, home_time_zone="Europe/Copenhagen")
    scheduler = Scheduler()
    timers = states.CycleTimers(DeadlineSchedules(scheduler, QUEUE_ARN), ReminderSchedules(scheduler, QUEUE_ARN))
    round_ = Round(store, cycle, Queues(), scheduler, timers, Mailbox())
    assert cycle.as_dict()["deadline"] == "2030-03-29T23:59:59+01:00"  # winter time
    assert cycle.as_dict()["time_zone"] == "Europe/Copenhagen"

    round_.event("launch", force=True)
    round_.event("extend", deadline="2030-04-05")

    extended = store.cycles.get(ORG, cycle.id)
    assert extended is not None
    assert extended.as_dict()["deadline"] == "2030-04-05T23:59:59+02:00"  # summer time
    due, payload = scheduler.schedules[f"deadline-{cycle.id}"]
    assert due == datetime(2030, 4, 5, 21, 59, 59, tzinfo=UTC)
    clock.advance(due - clock.now())
    outcome = states.deadline_reached(ORG, cycle.id, payload["deadline"], store.ledger, round_.queues, timers)
    assert outcome == "closed"
