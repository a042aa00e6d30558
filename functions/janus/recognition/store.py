"""Recognition on DynamoDB (keys in ``janus.store.items``; the design in docs/architecture.md, "Recognition").

A recognition is written once, in one TransactWriteItems: a copy under each person it names (their page reads
one partition, newest first), for a public one an entry in the week's digest partition of each named person's
manager, and the quarter's counters of the value in each named person's department (one ADD per department).
Afterwards each named person not yet marked for the quarter gets the quarter's marker and counts once among
the department's recognised people (one small transaction each, conditional on the marker: a person is counted
once a quarter however many recognitions name them).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from janus.recognition.recognition import Recognition
from janus.store import commit, get_items, write_each
from janus.store.items import (
    RecognisedItem,
    RecognitionCountItem,
    RecognitionDigestChoiceItem,
    RecognitionDigestItem,
    RecognitionDigestSentItem,
    RecognitionItem,
)
from janus.store.once import Once

DIGEST_SHARDS = 16
DIGEST_KEPT = timedelta(days=35)  # the digest entries go by TTL once their week's digest is long sent
COUNTS_PAGE = 1000


def received_pk(org: str, employee_id: str) -> str:
    return f"ORG#{org}#RECS#EMP#{employee_id}"


def sort_key(recognition: Recognition) -> str:
    """A recognition's copies' sort key: newest first on a person's page."""
    return f"{recognition.given_at.isoformat()}#{recognition.id}"


def _counts_pk(org: str, quarter: str) -> str:
    return f"ORG#{org}#RECSTATS#{quarter}"


def _marker_key(org: str, employee_id: str) -> tuple[str, str]:
    return f"ORG#{org}#EMP#{employee_id}", "RECOGNISED"


def digest_shard(manager: str) -> int:
    return zlib.crc32(manager.encode()) % DIGEST_SHARDS


def _digest_pk(org: str, week: str, shard: int) -> str:
    return f"ORG#{org}#RECDIGEST#{week}#{shard}"


def _choice_key(org: str, manager: str | None) -> tuple[str, str]:
    return (f"ORG#{org}#EMP#{manager}" if manager else f"ORG#{org}"), "RECDIGEST_CHOICE"


def _sent_key(org: str, manager: str) -> tuple[str, str]:
    return f"ORG#{org}#EMP#{manager}", "RECDIGEST"


def _count(org: str, quarter: str, department: str, value: str | None, n: int) -> Callable[[TransactWrite], None]:
    sk = f"DEPT#{department}#VALUE#{value}" if value else f"DEPT#{department}#PEOPLE"
    item = RecognitionCountItem(_counts_pk(org, quarter), sk)
    actions = [RecognitionCountItem.count.add(n), RecognitionCountItem.org.set(org),
               RecognitionCountItem.department.set(department)]  # fmt: skip
    if value:
        actions.append(RecognitionCountItem.value.set(value))
    return lambda transaction: transaction.update(item, actions=actions)


class RecognitionStore:
    def give(
        self,
        recognition: Recognition,
        departments: Mapping[str, str],
        managers: Mapping[str, str | None],
        quarter: str,
        week: str,
        once: Once | None = None,
    ) -> None:
        """Write a recognition: its copies, its digest entries, its value counted in the named people's
        departments (``departments`` and ``managers``: each named person's), and the request's idempotency key's
        record (``Repeated`` if the recognition was given already)."""
        org = recognition.org
        sk = sort_key(recognition)
        stored = recognition.as_dict()
        copies = [
            RecognitionItem(
                received_pk(org, person),
                sk,
                GSI1PK=f"ORG#{org}#RECS#BY#{recognition.giver}",
                GSI1SK=f"{sk}#{person}",
                org=org,
                recognition_id=recognition.id,
                recipient=person,
                giver=recognition.giver,
                visibility=recognition.visibility,
                named=set(recognition.to),
                recognition=stored,
            )
            for person in recognition.to
        ]
        expires = int((recognition.given_at + DIGEST_KEPT).timestamp())
        digest = [
            RecognitionDigestItem(
                _digest_pk(org, week, digest_shard(manager)),
                f"{manager}#{sk}#{person}",
                org=org,
                manager=manager,
                entry={**stored, "recipient": person},
                expires_at=expires,
            )
            for person, manager in managers.items()
            if manager and recognition.visibility == "public"
        ]
        counts = Counter(departments[person] for person in recognition.to)

        def write(transaction: TransactWrite) -> None:
            for item in copies:
                transaction.save(item, condition=RecognitionItem.PK.does_not_exist())
            for item in digest:
                transaction.save(item)
            for department, n in sorted(counts.items()):
                _count(org, quarter, department, recognition.value, n)(transaction)

        commit(write, once)

    def given(self, org: str, recipient: str, sort_key: str) -> Recognition | None:
        """A recognition by its copy under one person it names (one GetItem)."""
        try:
            item = RecognitionItem.get(received_pk(org, recipient), sort_key, consistent_read=True)
        except DoesNotExist:
            return None
        return Recognition.from_dict(org, item.recognition)

    def mark(self, org: str, departments: Mapping[str, str], quarter: str) -> set[str]:
        """Mark the people recognised in ``quarter`` and count each once among their department's recognised
        people; returns those newly marked. A marker already of this quarter is read first and left alone."""
        found = get_items(_marker_key(org, person) for person in departments)
        marked = {key[0].rsplit("#", 1)[1] for key, raw in found.items() if raw.get("quarter", {}).get("S") == quarter}
        fresh: set[str] = set()
        for person in sorted(set(departments) - marked):
            marker = RecognisedItem(*_marker_key(org, person), org=org, quarter=quarter)
            condition = RecognisedItem.PK.does_not_exist() | (RecognisedItem.quarter != quarter)

            def write(
                transaction: TransactWrite,
                marker: RecognisedItem = marker,
                person: str = person,
                condition: Any = condition,
            ) -> None:
                transaction.save(marker, condition=condition)
                _count(org, quarter, departments[person], None, 1)(transaction)

            try:
                commit(write)
                fresh.add(person)
            except TransactWriteError:  # marked meanwhile by another recognition: counted by it
                continue
        return fresh

    def recognised_in(self, org: str, people: Iterable[str], quarter: str) -> set[str]:
        """Those of ``people`` recognised in ``quarter`` (one BatchGetItem per 100)."""
        found = get_items(_marker_key(org, person) for person in people)
        return {key[0].rsplit("#", 1)[1] for key, raw in found.items() if raw.get("quarter", {}).get("S") == quarter}

    def received(
        self, org: str, employee_id: str, reader: str, after: str | None, limit: int
    ) -> tuple[list[Recognition], str | None]:
        """The recognitions naming ``employee_id`` that ``reader`` may read, newest first, after the sort key
        ``after``; and the sort key to go on from (None at the end). One Query (and its pages)."""
        pk = received_pk(org, employee_id)
        readable = None
        if reader != employee_id:
            readable = (
                (RecognitionItem.visibility == "public")
                | (RecognitionItem.giver == reader)
                | RecognitionItem.named.contains(reader)
            )
        found = RecognitionItem.query(
            pk,
            RecognitionItem.SK < after if after else None,  # noqa: SIM300 - a key condition
            filter_condition=readable,
            scan_index_forward=False,
            limit=limit,
            page_size=limit,
        )
        items = list(found)
        following = items[-1].SK if len(items) == limit else None
        return [Recognition.from_dict(org, item.recognition) for item in items], following

    def counts(self, org: str, quarter: str) -> list[dict[str, Any]]:
        """The quarter's counters: ``{"department", "value" (None: the people recognised), "count"}``. One
        Query of the quarter's partition: as many items as departments times values, not people."""
        return [
            {"department": item.department, "value": item.value, "count": int(item.count)}
            for item in RecognitionCountItem.query(_counts_pk(org, quarter), page_size=COUNTS_PAGE)
        ]

    # ---------------------------------------------------------------- the weekly digest

    def digest_page(
        self, org: str, week: str, shard: int, after: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """A page of a week's digest entries in one shard, manager by manager, after the sort key ``after``."""
        found = RecognitionDigestItem.query(
            _digest_pk(org, week, shard),
            RecognitionDigestItem.SK > after if after else None,  # noqa: SIM300 - a key condition
            limit=limit,
            page_size=limit,
        )
        items = [{"sk": item.SK, "manager": item.manager, **item.entry} for item in found]
        return items, found.last_evaluated_key is not None

    def choices(self, org: str, managers: Iterable[str]) -> tuple[bool, dict[str, bool]]:
        """The organisation's choice (off unless HR turned it on) and those managers have made for themselves."""
        keys = [_choice_key(org, None), *(_choice_key(org, m) for m in managers)]
        found = get_items(keys)
        chosen = {
            key[0].rsplit("#", 1)[1]: raw["enabled"]["BOOL"] for key, raw in found.items() if key[0] != f"ORG#{org}"
        }
        org_raw = found.get(_choice_key(org, None))
        return bool(org_raw and org_raw["enabled"]["BOOL"]), chosen

    def choose(self, org: str, manager: str | None, enabled: bool) -> None:
        RecognitionDigestChoiceItem(*_choice_key(org, manager), org=org, enabled=enabled).save()

    def claim_digests(self, org: str, managers: Iterable[str], week: str, now: datetime) -> set[str]:
        """Record that these managers are sent ``week``'s digest; returns those claimed now (not sent before)."""

        def claim(manager: str) -> Callable[[TransactWrite], None]:
            item = RecognitionDigestSentItem(*_sent_key(org, manager), org=org, week=week, sent_at=now)
            condition = RecognitionDigestSentItem.PK.does_not_exist() | (RecognitionDigestSentItem.week != week)
            return lambda transaction: transaction.save(item, condition=condition)

        wanted = sorted(set(managers))
        claimed: set[str] = set()
        for start in range(0, len(wanted), 100):
            group = wanted[start : start + 100]
            refused = write_each({manager: claim(manager) for manager in group})
            claimed.update(manager for manager in group if manager not in refused)
        return claimed

    def release_digest(self, org: str, manager: str, week: str) -> None:
        """Forget a claim whose e-mail could not go, so that the bundle's next delivery sends it."""
        RecognitionDigestSentItem(*_sent_key(org, manager)).delete(condition=RecognitionDigestSentItem.week == week)
