"""What a cycle holds besides itself (janus.rounds.cycle): its subjects, their raters'
assignments and the raters; and the refusal of a write through a rater's link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from janus.rounds.nominations import Nominee
from janus.store.items import FANOUT_SHARDS


@dataclass(frozen=True)
class Subject:
    """A subject of a cycle as stored: their raters (with proposals and shortfalls), competencies, and what their
    report needs."""

    org: str
    cycle_id: str
    employee_id: str
    name: str
    manager_id: str | None
    competencies: tuple[str, ...]
    raters: tuple[Nominee, ...]
    proposals: tuple[dict[str, str], ...]
    shortfalls: tuple[dict[str, Any], ...]
    derived: bool
    department: str | None = None  # as at the cycle's creation
    locale: str | None = None
    shards: int = FANOUT_SHARDS  # the cycle's
    report_digest: str | None = None  # the content of the report last announced (ReportReady), once built


@dataclass(frozen=True)
class Assignment:
    """One rater's form about one subject: its status and answers."""

    org: str
    cycle_id: str
    subject_id: str
    rater_id: str
    relationship: str
    status: str
    competencies: tuple[str, ...]
    ratings: dict[str, Any]
    comments: dict[str, str]
    overall: str | None
    submitted_at: datetime | None
    reminder_count: int = 0
    link_nonce: str = ""  # set when stored; a new one voids the links made for the old (janus.rounds.links)
    subject_name: str | None = None  # as at launch, for the rater's e-mails
    decline_reason: str | None = None
    updated_at: datetime | None = None  # the rater's last draft, submit or decline
    department: str | None = None  # the subject's, as at the cycle's creation (set at launch)


@dataclass(frozen=True)
class Rater:
    """A rater of a cycle: their load, when they were invited, and whether their address bounced."""

    employee_id: str
    load: int
    invited_at: datetime | None
    undeliverable_at: datetime | None
    time_zone: str | None = None
    undeliverable_reason: str | None = None  # the bounce's kind, or "complaint"


class LinkWriteRefused(Exception):
    """A write through a rater's link found things otherwise than it assumed.

    ``assignment`` is the assignment as it was (None when there is none): DynamoDB returns the
    refused item with the cancellation, so that costs no read. ``cycle_state`` is "open" when the
    cycle was, else read afresh (None when there is no cycle).
    """

    def __init__(self, assignment: Assignment | None, cycle_state: str | None):
        super().__init__("the write through the link was refused")
        self.assignment = assignment
        self.cycle_state = cycle_state
