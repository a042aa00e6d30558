"""The reminder plan: 09:00 in the rater's time zone, on the policy's days before the deadline."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from janus.cycles import Cycle, CycleConfig
from janus.reminders import hours_to_sweep, local_date, plan, slot_time_zone


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


def test_the_sweep_looks_back_over_the_last_hours_and_dates_are_local():
    hours = hours_to_sweep(datetime(2026, 12, 8, 8, 30, tzinfo=UTC))
    assert hours[-1] == "2026-12-08T08" and hours[0] == "2026-12-08T02"
    assert local_date(datetime(2026, 12, 8, 23, 30, tzinfo=UTC), "Europe/Copenhagen") == "2026-12-09"
