"""The keys of a cycle's items and of their index entries, and the shard a key falls in."""

from __future__ import annotations

import zlib

from janus.store.items import FANOUT_SHARDS


def shard(*parts: str, shards: int = FANOUT_SHARDS) -> int:
    return zlib.crc32("/".join(parts).encode()) % shards


def cycle_key(org: str, cycle_id: str) -> tuple[str, str]:
    return f"ORG#{org}#CYCLE#{cycle_id}", "CYCLE"


def subject_pk(org: str, cycle_id: str, subject_id: str) -> str:
    """The partition of a subject: its item, its assignments and, in cycles reported before the
    subject kept its report's digest, its report record."""
    return f"ORG#{org}#CYCLE#{cycle_id}#SUBJ#{subject_id}"


def asked_pk(org: str, cycle_id: str, shard_number: int) -> str:
    """The GSI1 partition of a shard's raters' assignments: the same shards as the rater items'
    (GSI2), sorted by rater, then subject."""
    return f"ORG#{org}#CYCLE#{cycle_id}#ASKED#{shard_number}"


def responses_pk(org: str, cycle_id: str, subject_id: str, shards: int) -> str:
    """The GSI2 partition of a subject's submitted responses: its shard, the same as the subject items'."""
    return f"ORG#{org}#CYCLE#{cycle_id}#RESPONSES#{shard(subject_id, shards=shards)}"


def responses_key(org: str, cycle_id: str, subject_id: str, rater_id: str, shards: int) -> tuple[str, str]:
    """The GSI2 key of a submitted response, sorted by subject, then rater."""
    return responses_pk(org, cycle_id, subject_id, shards), f"{subject_id}#{rater_id}"


def rater_key(org: str, cycle_id: str, rater_id: str) -> tuple[str, str]:
    return f"ORG#{org}#CYCLE#{cycle_id}#RATER#{rater_id}", "RATER"


def progress_key(org: str, cycle_id: str, number: int) -> tuple[str, str]:
    return f"ORG#{org}#CYCLE#{cycle_id}#PROGRESS#{number}", "PROGRESS"
