"""What recognition puts on the performance queue: the weekly digest's start (its schedule), a chain of pages
through the week's digest shards, and bundles of managers to send to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from janus.kernel.messages import Message


@dataclass(frozen=True)
class DigestDue(Message):
    """A week ended for an organisation (its one-time schedule): send its managers their digests."""

    NAME: ClassVar[str] = "recognition_digest"
    org: str
    week: str  # 2030-W10


@dataclass(frozen=True)
class DigestPage(Message):
    """One page of one shard of the week's digest entries, after the sort key ``after``."""

    NAME: ClassVar[str] = "recognition_digest_page"
    org: str
    week: str
    shard: int
    after: str | None = None
    carried: dict[str, Any] | None = None  # a manager whose entries filled the page before, as far as read


@dataclass(frozen=True)
class DigestBundle(Message):
    """Up to ``BUNDLE`` managers, each with the recognitions their direct reports received (``LISTED`` of them
    and how many more)."""

    NAME: ClassVar[str] = "recognition_digest_bundle"
    org: str
    week: str
    managers: tuple[dict[str, Any], ...]  # {"id", "items": [{"from", "recipient", "value", "message"}], "more"}

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "managers": tuple(values["managers"])}
