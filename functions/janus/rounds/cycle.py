"""Cycles: what HR configures, the states a round goes through, and the events that move it.

States: draft -> nominating -> open -> closed -> reported -> released, and cancelled from
any state before closed. Every transition is a conditional write in the store, so two HR
users pressing "launch" together launch once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from janus.library import library

KINDS = ("self", "180", "360")
RELATIONSHIPS = ("self", "manager", "peer", "direct_report", "other")
STATES = ("draft", "nominating", "open", "closed", "reported", "released", "cancelled")
MAX_SUBJECTS = 20_000
# A cycle's subjects and raters are spread over shards that its fan-out jobs work through side by
# side: one per 500 subjects, at most 16 (8,000 subjects or more). A small cycle's jobs work in
# full pages and bundles; a large one's run 16 at once.
MOST_SHARDS = 16
SUBJECTS_PER_SHARD = 500
ALL_EMPLOYEES: tuple[str, ...] = ()  # "subjects" left out: every active employee

# Which groups each kind asks, and the default bounds of each group.
GROUPS_BY_KIND = {
    "self": ("self",),
    "180": ("self", "manager"),
    "360": ("self", "manager", "peer", "direct_report", "other"),
}
DEFAULT_BOUNDS = {
    "self": (1, 1),
    "manager": (1, 1),  # the minimum applies only to subjects who have a manager
    "peer": (2, 5),
    "direct_report": (0, 10),
    "other": (0, 5),
}

# event type -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "nominate": (("draft",), "nominating"),
    "launch": (("draft", "nominating"), "open"),
    "extend": (("open",), "open"),
    "close": (("open",), "closed"),
    "cancel": (("draft", "nominating", "open"), "cancelled"),
    "release": (("reported",), "released"),
    "remind": (("open",), "open"),
}


def fanout_shards(subjects: int) -> int:
    """How many shards a cycle of this many subjects spreads its subjects and raters over."""
    return max(1, min(MOST_SHARDS, math.ceil(subjects / SUBJECTS_PER_SHARD)))


EDITABLE_STATES = ("draft", "nominating")


@dataclass(frozen=True)
class CycleConfig:
    """How a cycle asks: its competencies, anonymity threshold, workload cap, group bounds and reminder days."""

    competencies: tuple[str, ...] | None  # None: each subject's job-class profile
    anonymity_threshold: int = 3
    manager_identified: bool = True
    workload_cap: int = 8
    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)
    reminder_days: tuple[int, ...] = (7, 3, 1)
    reminder_max: int = 3

    def as_dict(self) -> dict[str, Any]:
        return {
            "competencies": list(self.competencies) if self.competencies else None,
            "anonymity_threshold": self.anonymity_threshold,
            "manager_identified": self.manager_identified,
            "workload_cap": self.workload_cap,
            "raters": {group: {"min": low, "max": high} for group, (low, high) in self.bounds.items()},
            "reminders": {"days_before": list(self.reminder_days), "max": self.reminder_max},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CycleConfig:
        return cls(
            competencies=tuple(data["competencies"]) if data.get("competencies") else None,
            anonymity_threshold=data["anonymity_threshold"],
            manager_identified=data["manager_identified"],
            workload_cap=data["workload_cap"],
            bounds={group: (b["min"], b["max"]) for group, b in data["raters"].items()},
            reminder_days=tuple(data["reminders"]["days_before"]),
            reminder_max=data["reminders"]["max"],
        )


@dataclass(frozen=True)
class Cycle:
    """A feedback cycle as stored: its state, deadline, configuration, shards and progress counts."""

    org: str
    id: str
    name: str
    kind: str
    state: str
    deadline: datetime
    config: CycleConfig
    created_at: datetime
    subject_count: int = 0
    nominations_pending: int = 0
    short_subjects: int = 0
    launch_pending: int = 0
    report_pending: int = 0
    launched_at: datetime | None = None
    closed_at: datetime | None = None
    released_at: datetime | None = None
    time_zones: tuple[str, ...] = ()
    shards: int = MOST_SHARDS  # of its subjects and raters (fanout_shards: one per 500 subjects, at most 16)
    time_zone: str = "UTC"  # the organisation's when the cycle was created: its deadline is told in it
    handed_on: frozenset[str] = frozenset()  # fan-out stages whose last job handed on (launch, release)

    @property
    def groups(self) -> tuple[str, ...]:
        return GROUPS_BY_KIND[self.kind]

    def as_dict(self, progress: dict[str, Any] | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "state": self.state,
            "deadline": self.deadline.isoformat(),
            "time_zone": self.time_zone,
            **self.config.as_dict(),
            "created_at": self.created_at.isoformat(),
            "launched_at": self.launched_at.isoformat() if self.launched_at else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "released_at": self.released_at.isoformat() if self.released_at else None,
            "subjects": self.subject_count,
            "nominations_pending": self.nominations_pending,
            "short_subjects": self.short_subjects,
            "progress": progress,
        }


def competencies_for(config: CycleConfig, job_class: str) -> tuple[str, ...]:
    """The cycle's competencies, or the subject's job-class profile when the cycle names none."""
    if config.competencies:
        return config.competencies
    return library().job_class(job_class).profile
