"""The invitations' queue messages: a bundle of raters to invite or remind, a subject to tell of their
released report and a manager of their team's, HR to tell that the deadline closed a cycle, a manager to
tell that peers proposed by one of their team wait for a decision, and SES's own word that an address
bounced or complained."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from janus.kernel.messages import Message
from janus.rounds.timers import Slot


@dataclass(frozen=True)
class InvitationBundle(Message):
    """Up to 98 raters of one cycle, each to get one e-mail listing every subject they are asked to rate."""

    KEY: ClassVar[str] = "kind"
    NAME: ClassVar[str] = "invitation"
    org: str
    cycle_id: str
    rater_ids: Sequence[str]
    shards: int


@dataclass(frozen=True)
class ReminderBundle(Message):
    """Up to 98 raters to remind of what they still owe; ``slot`` is the reminder slot that sent it (none
    for HR's "remind now"), checked against the cycle's plan before anything is claimed or sent."""

    KEY: ClassVar[str] = "kind"
    NAME: ClassVar[str] = "reminder"
    org: str
    cycle_id: str
    rater_ids: Sequence[str]
    shards: int
    round: str
    slot: Slot | None = None

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        slot = values.get("slot")
        return {**values, "slot": Slot.from_dict(slot) if slot else None}


@dataclass(frozen=True)
class ReleasedNotice(Message):
    """Tell one reader (the subject, or their manager) that the subject's report is there; ``round`` is the
    subject, so that a reader of several reports is told of each once."""

    KEY: ClassVar[str] = "kind"
    NAME: ClassVar[str] = "released"
    org: str
    cycle_id: str
    rater_id: str
    round: str


@dataclass(frozen=True)
class TeamReleased(Message):
    """Tell a manager, once a release, that their team's reports are there: ``subject_ids`` are every
    subject of the cycle whose manager they are."""

    KEY: ClassVar[str] = "kind"
    NAME: ClassVar[str] = "team_released"
    org: str
    cycle_id: str
    manager_id: str
    subject_ids: Sequence[str]


@dataclass(frozen=True)
class ClosedByDeadline(Message):
    """Tell the organisation's HR lead that the deadline closed the cycle, with its response rate; queued
    only by the close that moved the cycle, so one deadline sends one."""

    KEY: ClassVar[str] = "kind"
    NAME: ClassVar[str] = "closed_by_deadline"
    org: str
    cycle_id: str
    hr_lead: str


@dataclass(frozen=True)
class ProposalsWaiting(Message):
    """Tell a subject's manager that the subject proposed peers for the cycle, who wait for the manager's
    decision; ``proposal_ids`` are the ones this proposal added, never those proposed before."""

    KEY: ClassVar[str] = "kind"
    NAME: ClassVar[str] = "proposals_waiting"
    org: str
    cycle_id: str
    manager_id: str
    subject_id: str
    proposal_ids: Sequence[str]


@dataclass(frozen=True)
class DeliveryProblem(Message):
    """An SES bounce or complaint event, from the default bus."""

    KEY: ClassVar[str] = "source"
    NAME: ClassVar[str] = "aws.ses"
    VERSION: ClassVar[int | None] = None
    detail: dict[str, Any]
