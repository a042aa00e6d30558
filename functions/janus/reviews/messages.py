"""What the reviews put on the performance queue: a launch's pages (through the people, or a selection) and
their e-mail bundles, and the reminder slot's schedule and pages through the parts still owed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from janus.kernel.messages import Message


@dataclass(frozen=True)
class ReviewLaunchPage(Message):
    """One page of a launch: the next people of one shard of the organisation after ``after`` (everyone), or the
    ids named (a selection). Creates their reviews and queues their e-mails."""

    NAME: ClassVar[str] = "review_launch_page"
    org: str
    cycle_id: str
    shard: int = 0
    after: str | None = None
    ids: tuple[str, ...] | None = None

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        ids = values.get("ids")
        return {**values, "ids": tuple(ids) if ids is not None else None}


@dataclass(frozen=True)
class ReviewMailBundle(Message):
    """Up to a hundred reviews whose launch e-mails (to the employee and to the manager) are to go, each with whom
    it tells (ids only: the addresses are read when the e-mails go)."""

    NAME: ClassVar[str] = "review_mail_bundle"
    org: str
    cycle_id: str
    reviews: tuple[dict[str, Any], ...]  # {"id", "employee_id", "manager_id"}

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "reviews": tuple(values["reviews"])}


@dataclass(frozen=True)
class ReviewReminderDue(Message):
    """A review cycle's reminder schedule fired for ``slot`` (the deadline's days before it, ``3d``)."""

    NAME: ClassVar[str] = "review_reminder_due"
    org: str
    cycle_id: str
    slot: str


@dataclass(frozen=True)
class ReviewReminderPage(Message):
    """One page of the parts still owed (``SELF`` or ``MGR``) in one shard of the people who owe them."""

    NAME: ClassVar[str] = "review_reminder_page"
    org: str
    cycle_id: str
    slot: str
    part: str
    shard: int
    after: str | None = None
