"""Reminders and the deadline: the timers a launched cycle runs on.

- The deadline closes the cycle through a one-time EventBridge Scheduler schedule created at
  launch; extending moves it, closing or cancelling removes it. A schedule that fires for a
  deadline that has since moved does nothing.
- Reminders go out on the cycle's policy (default 7, 3 and 1 days before the deadline) at
  09:00 in each rater's time zone. Each (time zone, day) is a slot with a one-time schedule of
  its own (``janus.rounds.schedules``), made at launch, moved by an extension and removed by a
  close or a cancel; it puts a job on the reminders queue when it falls due, carrying the cycle's
  time zones and shards so that the job reads nothing. Nothing runs in the hours between. A slot that fires twice
  reminds nobody twice (see below), and one that fires for a deadline that has since moved, or
  for a cycle since closed, reminds nobody: the reminder bundles, which read the cycle anyway,
  check that the slot still stands (``in_plan``) before they claim or send anything.
- A reminder goes only to raters with pending work, bundles every pending subject, and is
  capped per rater: at most one a day (in their time zone), one a slot (a slot's bundle that
  comes back on a later day, a redrive the next morning, reaches only those it missed) and at
  most the policy's maximum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any

from janus.rounds.cycle import Cycle

REMINDER_HOUR = 9
DEFAULT_TIME_ZONE = "UTC"  # for an organisation that has not set its own


def _zone(name: str) -> tzinfo:
    # Loaded where a time zone is worked out: the reports function carries slots in its notices, never reads them.
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


@dataclass(frozen=True)
class Slot:
    """A reminder slot: a cycle's reminders for one time zone, so many days before the deadline, due at 09:00 local."""

    org: str
    cycle_id: str
    time_zone: str
    days_before: int
    due: datetime

    @property
    def key(self) -> str:
        """What a rater's item records of the slot once its reminder went (a moved deadline makes new slots)."""
        return f"{self.days_before}d@{self.due.astimezone(UTC).isoformat()}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "cycle_id": self.cycle_id,
            "time_zone": self.time_zone,
            "days_before": self.days_before,
            "due": self.due.astimezone(UTC).isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Slot:
        missing = [name for name in ("org", "cycle_id", "time_zone", "days_before", "due") if name not in data]
        if missing:
            raise ValueError(f"a reminder slot needs {', '.join(missing)}")
        due = datetime.fromisoformat(str(data["due"]).replace("Z", "+00:00"))
        return cls(str(data["org"]), str(data["cycle_id"]), str(data["time_zone"]), int(data["days_before"]), due)


def plan(cycle: Cycle, time_zones: Iterable[str], now: datetime) -> list[Slot]:
    """Every reminder slot still ahead: 09:00 local, ``days_before`` days before the local deadline date."""
    slots = []
    for zone_name in sorted(set(time_zones) | {DEFAULT_TIME_ZONE}):
        zone = _zone(zone_name)
        local_deadline = cycle.deadline.astimezone(zone)
        for days in cycle.config.reminder_days:
            day = local_deadline.date() - timedelta(days=days)
            due = datetime.combine(day, time(REMINDER_HOUR), tzinfo=zone)
            if now < due < local_deadline:
                slots.append(Slot(cycle.org, cycle.id, zone_name, days, due.astimezone(UTC)))
    return slots


def in_plan(slot: Slot, cycle: Cycle) -> bool:
    """Whether the slot is still one of the cycle's, for its deadline and reminder days as they are now
    (an extension moves the deadline, and with it every slot)."""
    return slot in plan(cycle, cycle.time_zones, slot.due - timedelta(seconds=1))


def slot_time_zone(rater_time_zone: str | None, cycle_time_zones: Sequence[str]) -> str:
    """The slot whose reminders a rater gets: their own time zone's, else the default's."""
    return rater_time_zone if rater_time_zone in cycle_time_zones else DEFAULT_TIME_ZONE


def local_date(moment: datetime, time_zone: str | None) -> str:
    return moment.astimezone(_zone(time_zone or DEFAULT_TIME_ZONE)).date().isoformat()
