"""The reports' queue messages: a page of reports to build when a cycle closes, and a page of readers to
tell when it is released."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, ClassVar

from janus.kernel import retention
from janus.kernel.messages import Message
from janus.rounds.cycle import MOST_SHARDS, Cycle


@dataclass(frozen=True)
class Closed:
    """What the report pages need of their cycle, taken when it closed and carried by their jobs, so
    that no page reads the cycle. A closed cycle only moves on to reported and released, which change
    none of it; a page delivered again after that builds the same reports and announces none."""

    name: str
    kind: str
    closed_at: str | None
    anonymity_threshold: int
    manager_identified: bool
    shards: int
    # The organisation's retention when the cycle closed: its answers are kept that long from closed_at.
    retention_months: int = retention.DEFAULT_MONTHS

    @classmethod
    def of(cls, cycle: Cycle, retention_months: int = retention.DEFAULT_MONTHS) -> Closed:
        return cls(
            name=cycle.name,
            kind=cycle.kind,
            closed_at=cycle.closed_at.isoformat() if cycle.closed_at else None,
            anonymity_threshold=cycle.config.anonymity_threshold,
            manager_identified=cycle.config.manager_identified,
            shards=cycle.shards,
            retention_months=retention_months,
        )

    def answers_expire_at(self) -> datetime | None:
        """When the answers behind the cycle's reports go: the retention after it closed."""
        if self.closed_at is None:
            return None
        return retention.kept_until(datetime.fromisoformat(self.closed_at), self.retention_months)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Closed:
        return cls(**data)


@dataclass(frozen=True)
class ReportPage(Message):
    """Build one page of a shard's reports (``start`` None: its first); ``partial`` carries the analytics
    sums of the shard's earlier pages, ``cycle`` what the reports need of the closed cycle."""

    NAME: ClassVar[str] = "report"
    org: str
    cycle_id: str
    shard: int
    start: dict[str, Any] | None
    partial: dict[str, Any] | None
    cycle: Closed

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "cycle": Closed.from_dict(values["cycle"])}


@dataclass(frozen=True)
class ReleasePage(Message):
    """Tell one page of a shard's subjects that their report is there; ``teams`` carries the shard's
    managers so far (manager id to subject ids) to the next page, ``shards`` is the cycle's."""

    NAME: ClassVar[str] = "release"
    org: str
    cycle_id: str
    shard: int
    start: dict[str, Any] | None
    teams: dict[str, list[str]] | None = None
    shards: int = MOST_SHARDS
