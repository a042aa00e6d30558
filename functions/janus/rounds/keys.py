"""The keys of a cycle's items and of their index entries, and the shard a key falls in."""

from __future__ import annotations

import base64
import hashlib
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


def department_key(department: str) -> str:
    """A department's short, fixed-length name in keys and links: 72 bits of its SHA-256, base64url.

    Rater links carry it (janus.rounds.links), so that an answer moves its subject's department's
    counters without a read, and without a department's name in a link."""
    return base64.urlsafe_b64encode(hashlib.sha256(department.encode()).digest()[:9]).decode("ascii")


def department_progress_key(org: str, cycle_id: str, number: int, key: str) -> tuple[str, str]:
    """A department's counters in progress shard ``number``: beside the shard's own, in its partition, so
    that one Query a shard reads both."""
    return progress_key(org, cycle_id, number)[0], f"DEPT#{key}"
