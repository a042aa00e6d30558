"""What the goals put on the performance queue: a parent's progress to push on up the tree, and the
quarterly nudge (the schedule's start, then one message a page of owners)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from janus.kernel.messages import Message


@dataclass(frozen=True)
class RollupDue(Message):
    """A goal's progress moved because a child's did: put it on its own parent."""

    NAME: ClassVar[str] = "goal_rollup"
    org: str
    goal_id: str


@dataclass(frozen=True)
class QuarterStarted(Message):
    """An organisation's quarter began (its one-time schedule): nudge the owners of open goals."""

    NAME: ClassVar[str] = "goals_quarter"
    org: str
    quarter: str  # 2027-Q2


@dataclass(frozen=True)
class NudgePage(Message):
    """One page of one shard of the owners of open goals to nudge, after the owner ``after``."""

    NAME: ClassVar[str] = "goals_nudge_page"
    org: str
    quarter: str
    shard: int
    after: str | None = None
