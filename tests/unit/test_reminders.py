"""The reminder plan: 09:00 in the rater's time zone, on the policy's days before the deadline."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import boto3

from janus.cycles import Cycle, CycleConfig
from janus.metering import REQUESTS
from janus.reminders import OneTimeSchedules, ReminderSchedules, Slot, local_date, plan, slot_time_zone
from janus.rounds import remind_page, slot_due
from janus.store.cycles import CycleStore
from janus.store.models import FANOUT_SHARDS


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


def test_a_remind_page_reads_only_its_raters_and_bundles_those_of_the_slots_time_zone(aws):
    store = CycleStore()
    store.add_loads("o", "c", {"r1": 1, "r2": 1, "r3": 1, "r4": 1}, FANOUT_SHARDS)
    zones = {"r1": "Asia/Singapore", "r2": "Europe/Copenhagen", "r3": None, "r4": "Asia/Singapore"}
    store.mark_invited("o", "c", [(r, zone, 1) for r, zone in zones.items() if r != "r4"])  # r4 not invited
    jobs = QueuedJobs()

    before = REQUESTS.snapshot()
    for number in range(FANOUT_SHARDS):
        remind_page(
            "o",
            "c",
            "Asia/Singapore",
            "7d",
            number,
            None,
            store,
            jobs,
            time_zones=["Asia/Singapore"],
            shards=FANOUT_SHARDS,
        )
    made = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert made == {"Query": FANOUT_SHARDS}  # a page of each shard's raters; the cycle is not read
    assert [(queue, m["kind"], m["rater_ids"]) for queue, m in jobs.sent] == [("invitations", "reminder", ["r1"])]


class OneCycle:
    def __init__(self, cycle: Cycle) -> None:
        self.cycle = cycle

    def get(self, org: str, cycle_id: str) -> Cycle | None:
        return self.cycle if (org, cycle_id) == (self.cycle.org, self.cycle.id) else None


def test_a_slot_that_fires_queues_its_time_zones_remind_jobs_while_the_cycle_is_open_and_the_slot_planned():
    deadline = datetime(2026, 12, 10, 16, 0, tzinfo=UTC)
    open_cycle = cycle(deadline)
    slot = next(
        s for s in plan(open_cycle, open_cycle.time_zones, datetime(2026, 12, 1, tzinfo=UTC)) if s.days_before == 7
    )
    jobs = QueuedJobs()

    assert slot_due(slot, OneCycle(open_cycle), jobs) == "fired"
    assert len(jobs.sent) == FANOUT_SHARDS
    assert {(m["job"], m["time_zone"], m["round"]) for _, m in jobs.sent} == {("remind", slot.time_zone, "7d")}

    jobs = QueuedJobs()
    extended = cycle(datetime(2026, 12, 17, 16, 0, tzinfo=UTC))  # the old deadline's slot no longer applies
    assert slot_due(slot, OneCycle(extended), jobs) == "not in the plan"
    assert slot_due(slot, OneCycle(cycle(deadline, state="closed")), jobs) == "cycle not open"
    assert jobs.sent == []


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
