"""The reminder plan: 09:00 in the rater's time zone, on the policy's days before the deadline."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from janus.cycles import Cycle, CycleConfig
from janus.metering import REQUESTS
from janus.reminders import Slot, local_date, plan, slot_time_zone
from janus.store.cycles import ReminderStore


def cycle(deadline: datetime, days: tuple[int, ...] = (7, 3, 1)) -> Cycle:
    config = CycleConfig(competencies=("listening",), reminder_days=days)
    return Cycle(
        org="o",
        id="c",
        name="n",
        kind="360",
        state="open",
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


def test_the_sweep_finds_every_slot_due_by_its_hour_however_late_with_one_query_and_fires_each_once(aws):
    slots = ReminderStore()
    late = Slot("o", "c1", "Asia/Singapore", 7, datetime(2026, 12, 1, 1, 0, tzinfo=UTC))  # a week overdue
    due = Slot("o", "c2", "UTC", 3, datetime(2026, 12, 8, 9, 0, tzinfo=UTC))
    ahead = Slot("o", "c2", "UTC", 1, datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
    other_org = Slot("p", "c9", "Europe/Copenhagen", 7, datetime(2026, 12, 8, 8, 0, tzinfo=UTC))
    slots.put_slots([late, due, ahead, other_org])

    before = REQUESTS.snapshot()
    found = slots.due(datetime(2026, 12, 8, 9, 59, tzinfo=UTC))
    assert REQUESTS.since(before)[("dynamodb", "Query")] == 1
    assert sorted(found, key=lambda s: s.due) == [late, other_org, due]  # not the one due at 10:00

    assert [slots.claim(slot) for slot in (late, late)] == [True, False]  # fired once
    assert late not in slots.due(datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
    assert ahead in slots.due(datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
