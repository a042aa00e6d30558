"""What the goals put on the performance queue: a parent's progress to push on up the tree, and the
quarterly nudge (the schedule's start, then a chain of pages through the owners, and their bundles)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from janus.kernel.messages import Message


@dataclass(frozen=True)
class RollupDue(Message):
    """A goal's progress moved because a child's did: put it on its own parent."""

    NAME: ClassVar[str] = "goal_rollup"
    org: str
    goal_id: str
    depth: int = 0  # the goal's: deeper goals are held back less, so that a parent's children go up before it


@dataclass(frozen=True)
class QuarterStarted(Message):
    """An organisation's quarter began (its one-time schedule): nudge the owners of open goals."""

    NAME: ClassVar[str] = "goals_quarter"
    org: str
    quarter: str  # 2027-Q2


@dataclass(frozen=True)
class NudgePage(Message):
    """One page of one shard of the open goals, after the owner ``after``, with the owners carried from the pages
    before that did not fill a bundle."""

    NAME: ClassVar[str] = "goals_nudge_page"
    org: str
    quarter: str
    shard: int
    after: str | None = None
    carried: tuple[dict[str, Any], ...] = ()  # {"id", "titles", "more"}

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "carried": tuple(values.get("carried") or ())}


@dataclass(frozen=True)
class NudgeBundle(Message):
    """Up to a hundred owners to nudge, each with the titles of their open goals."""

    NAME: ClassVar[str] = "goals_nudge_bundle"
    org: str
    quarter: str
    owners: tuple[dict[str, Any], ...]  # {"id", "titles", "more"}

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "owners": tuple(values["owners"])}
