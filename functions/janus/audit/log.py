"""Reads of people's records, kept once and never changed.

A read of a person's report, review, development plan or case by anyone but that person is recorded
before the record is answered: a read that could not be recorded is not answered. An entry is one
conditional put (it never overwrites) and no route updates or deletes one: the store has no such method.
The one change an entry ever sees is an erasure's (janus.privacy.erasure): the reads of an erased person's
records go with them, and their own reads keep their place under the pseudonym that stands for them.
HR reads the log by person (PK) and by reader (GSI1), newest first, a page at a time.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError

from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import InvalidInput, Problem
from janus.store import condition_failed
from janus.store.items import AuditReadItem

RECORDS = ("report", "case", "review", "development_plan", "export")
PAGE = 50
_TOKEN = re.compile(r"\d{4}-\d\d-\d\dT[\d:.+]+#[0-9a-f]{12}\|[^|#]{1,64}")


@dataclass(frozen=True)
class Read:
    """``reader`` read ``person``'s ``record`` (``ref`` names which: a report's cycle, a case, a review);
    ``key`` is the entry's own (its time and a random suffix)."""

    org: str
    person: str
    reader: str
    record: str
    ref: str
    at: datetime
    key: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "reader": self.reader,
            "record": self.record,
            "ref": self.ref,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class ReadPage:
    reads: list[Read]
    after: str | None  # where the next page starts (the last read's key and person); None: no more


class AuditLog:
    """The log on the table. ``record`` is the only write."""

    def record(self, org: str, person: str, caller: Caller, record: str, ref: str) -> None:
        """Record that ``caller`` reads ``person``'s ``record``; a person reading their own records is not
        recorded. Raises if the entry could not be written (the read must then not be answered)."""
        if caller.sub == person:
            return
        assert record in RECORDS, record
        at = clock.now()
        key = f"{at.isoformat()}#{os.urandom(6).hex()}"
        item = AuditReadItem(
            f"ORG#{org}#AUDIT#{person}",
            f"READ#{key}",
            GSI1PK=f"ORG#{org}#AUDIT#BY#{caller.sub}",
            GSI1SK=key,
            org=org,
            person=person,
            reader=caller.sub,
            record=record,
            ref=ref,
            at=at,
        )
        try:
            item.save(condition=AuditReadItem.PK.does_not_exist())
        except PutError as error:
            if condition_failed(error):  # 48 random bits met the same microsecond: record it anew
                self.record(org, person, caller, record, ref)
                return
            raise

    def of_person(self, org: str, person: str, after: str | None = None, limit: int | None = None) -> ReadPage:
        """The reads of ``person``'s records, newest first (one Query page)."""
        limit = limit or PAGE
        pk = f"ORG#{org}#AUDIT#{person}"
        start = {"PK": {"S": pk}, "SK": {"S": f"READ#{after.split('|')[0]}"}} if after else None
        items = AuditReadItem.query(
            pk, AuditReadItem.SK.startswith("READ#"), scan_index_forward=False, limit=limit, last_evaluated_key=start
        )
        return _page(items, limit)

    def by_reader(self, org: str, reader: str, after: str | None = None, limit: int | None = None) -> ReadPage:
        """What ``reader`` read of other people's records, newest first (one Query page of the reader index)."""
        limit = limit or PAGE
        index = f"ORG#{org}#AUDIT#BY#{reader}"
        start = None
        if after:
            key, person = after.split("|", 1)
            start = {
                "GSI1PK": {"S": index},
                "GSI1SK": {"S": key},
                "PK": {"S": f"ORG#{org}#AUDIT#{person}"},
                "SK": {"S": f"READ#{key}"},
            }
        items = AuditReadItem.by_reader.query(index, scan_index_forward=False, limit=limit, last_evaluated_key=start)
        return _page(items, limit)


def _page(items: Any, limit: int) -> ReadPage:
    reads = [
        Read(org=i.org, person=i.person, reader=i.reader, record=i.record, ref=i.ref, at=i.at, key=i.GSI1SK)
        for i in items
    ][:limit]
    more = reads and items.last_evaluated_key is not None
    return ReadPage(reads, f"{reads[-1].key}|{reads[-1].person}" if more else None)


def page_token(after: str | None) -> str | None:
    return base64.urlsafe_b64encode(after.encode()).decode().rstrip("=") if after else None


def after_token(token: str | None) -> str | None:
    """Where a page token says to start, refused unless it is one a page gave."""
    if not token:
        return None
    try:
        after = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        after = ""
    if _TOKEN.fullmatch(after) is None:
        raise InvalidInput(f"{token[:80]!r} is not a page token this log gave", [Problem("unknown", "next")])
    return after
