"""The one-time schedules a launched cycle runs on: its deadline (to the cycle jobs queue) and a
schedule per reminder slot (to the reminders queue). See ``janus.rounds.timers`` for when they fall."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from janus.kernel.schedules import OneTimeSchedules
from janus.rounds.cycle import Cycle
from janus.rounds.messages import DeadlineDue, ReminderSlotDue
from janus.rounds.timers import Slot


class DeadlineSchedules:
    """The schedule that closes a cycle at its deadline, through the cycle jobs queue."""

    def __init__(self, schedules: OneTimeSchedules, jobs_queue_arn: str):
        self.schedules = schedules
        self.jobs_queue_arn = jobs_queue_arn

    @staticmethod
    def name(cycle_id: str) -> str:
        return f"deadline-{cycle_id}"

    def set(self, cycle: Cycle) -> None:
        due = DeadlineDue(org=cycle.org, cycle_id=cycle.id, deadline=cycle.deadline.isoformat())
        self.schedules.set(self.name(cycle.id), cycle.deadline, self.jobs_queue_arn, due.encode())

    def clear(self, cycle_id: str) -> None:
        self.schedules.clear(self.name(cycle_id))


class ReminderSchedules:
    """A one-time schedule per reminder slot, each putting a ``ReminderSlotDue`` on the reminders queue with
    what its remind pages need (the cycle's time zones and shards), so that it fires without a read."""

    def __init__(self, schedules: OneTimeSchedules, queue_arn: str):
        self.schedules = schedules
        self.queue_arn = queue_arn

    @staticmethod
    def name(slot: Slot) -> str:
        # Schedule names take letters, digits, "-", "_" and "." (64 at most); time zones have "/" and "+".
        zone = re.sub(r"[^0-9A-Za-z_.-]", ".", slot.time_zone)
        prefix = f"remind-{slot.cycle_id}-{slot.days_before}d-"
        return prefix + zone if len(prefix + zone) <= 64 else f"{prefix}{zlib.crc32(zone.encode()):08x}"

    def set(self, cycle: Cycle, slots: Iterable[Slot]) -> None:
        for slot in slots:
            due = ReminderSlotDue.of(slot, cycle.time_zones, cycle.shards)
            self.schedules.set(self.name(slot), slot.due, self.queue_arn, due.encode())

    def clear(self, slots: Iterable[Slot]) -> None:
        for slot in slots:
            self.schedules.clear(self.name(slot))
