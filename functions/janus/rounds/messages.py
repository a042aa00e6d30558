"""The round's queue messages: its fan-out jobs and its deadline (cycles function), its reminder
jobs (reminders function), and the bus event by which automation drives a cycle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from janus.kernel.errors import InvalidInput
from janus.kernel.messages import Message
from janus.rounds.timers import Slot

SLOT_FIELDS = ("org", "cycle_id", "time_zone", "days_before", "due")


@dataclass(frozen=True)
class LaunchPage(Message):
    """Turn one page of a shard's subjects into assignments (``start`` None: the shard's first page).
    ``count`` and ``departments`` carry the assignments made by the shard's earlier pages, in all and
    by the subjects' departments (a message of before has none: counted in all only)."""

    NAME: ClassVar[str] = "launch"
    org: str
    cycle_id: str
    shard: int
    start: dict[str, Any] | None
    count: int
    departments: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class InvitePage(Message):
    """Queue the invitation bundles of one page of a shard's raters."""

    NAME: ClassVar[str] = "invite"
    org: str
    cycle_id: str
    shard: int
    start: dict[str, Any] | None
    shards: int


@dataclass(frozen=True)
class DeadlineDue(Message):
    """A cycle's deadline schedule fired; ``deadline`` is the one it was made for."""

    NAME: ClassVar[str] = "deadline"
    org: str
    cycle_id: str
    deadline: str


@dataclass(frozen=True)
class ReminderSlotDue(Message):
    """A reminder slot's schedule fired, carrying the cycle's time zones and shards so that it reads nothing."""

    NAME: ClassVar[str] = "reminder"
    org: str
    cycle_id: str
    time_zone: str
    days_before: int
    due: str
    time_zones: Sequence[str]
    shards: int

    @property
    def slot(self) -> Slot:
        return Slot.from_dict(
            {name: getattr(self, name) for name in ("org", "cycle_id", "time_zone", "days_before", "due")}
        )

    @classmethod
    def of(cls, slot: Slot, time_zones: Sequence[str], shards: int) -> ReminderSlotDue:
        return cls(**slot.as_dict(), time_zones=tuple(time_zones), shards=shards)


@dataclass(frozen=True)
class RemindPage(Message):
    """The reminders of one page of raters in a slot's time zone (every zone, for HR's nudge: no slot).
    ``carry`` holds raters handed on by earlier pages of the slot (see ``remind_page``)."""

    NAME: ClassVar[str] = "remind"
    org: str
    cycle_id: str
    time_zone: str | None
    time_zones: Sequence[str]
    round: str
    shard: int
    shards: int
    start: dict[str, Any] | None
    slot: Slot | None
    carry: Sequence[str] = ()

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        slot = values.get("slot")
        return {**values, "slot": Slot.from_dict(slot) if slot else None}


@dataclass(frozen=True)
class CycleEvent(Message):
    """A cycle event put on the bus by automation: ``detail`` is the body HR would post to ``/events``."""

    KEY: ClassVar[str] = "detail-type"
    NAME: ClassVar[str] = "CycleEvent"
    VERSION: ClassVar[int | None] = None
    detail: dict[str, Any]

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        detail = values.get("detail")
        named = isinstance(detail, dict) and isinstance(detail.get("org"), str) and detail["org"]
        if not named or not isinstance(detail.get("cycle_id"), str):
            raise InvalidInput("a CycleEvent must name detail.org and detail.cycle_id")
        return values

    @property
    def org(self) -> str:
        return str(self.detail["org"])

    @property
    def cycle_id(self) -> str:
        return str(self.detail["cycle_id"])
