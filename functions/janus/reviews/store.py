"""Review cycles and reviews on DynamoDB (keys in ``janus.store.items``; the design in docs/architecture.md,
"Reviews").

Every save of a review is one TransactWriteItems: the review, conditional on the version it was read at (a
draft saved from two tabs never loses one silently: the later is refused, 409), its history entry when the
step is one to keep (a put that never overwrites), and the cycle's counters the step moves (progress, and the
distribution of overall ratings by manager and by department that calibration reads).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from janus.reviews.model import Review, ReviewCycle
from janus.store import cancellation_codes, commit, write_each
from janus.store.items import (
    EMPLOYEE_SHARDS,
    ReviewCountItem,
    ReviewCycleItem,
    ReviewHistoryItem,
    ReviewItem,
    ReviewReminderItem,
)
from janus.store.once import Once

SHARDS = EMPLOYEE_SHARDS
HISTORY_SHOWN = 100
COUNTS_PAGE = 1000
CREATE_GROUP = 99  # and the count: a transaction takes 100


class ReviewChanged(Exception):
    """The review (or cycle) was saved by someone else since it was read."""


def shard_of(person: str) -> int:
    return zlib.crc32(person.encode()) % SHARDS


def cycle_key(org: str, cycle_id: str) -> tuple[str, str]:
    return f"ORG#{org}#RCYCLE#{cycle_id}", "RCYCLE"


def review_key(org: str, review_id: str) -> tuple[str, str]:
    return f"ORG#{org}#REVIEW#{review_id}", "REVIEW"


def counts_pk(org: str, cycle_id: str) -> str:
    return f"ORG#{org}#RCYCLE#{cycle_id}#COUNTS"


def _owe_pk(org: str, cycle_id: str, part: str, person: str) -> str:
    return f"ORG#{org}#RCYCLE#{cycle_id}#OWE#{part}#{shard_of(person)}"


def cycle_of(item: ReviewCycleItem) -> ReviewCycle:
    return ReviewCycle.from_stored(item.org, item.cycle_id, item.state, int(item.version), item.cycle)


def review_of(item: ReviewItem) -> Review:
    return Review.from_stored(
        item.org, item.review_id, item.cycle_id, item.employee_id, item.manager_id, int(item.version), item.review
    )


def _review_keys(review: Review) -> dict[str, Any]:
    """The review's index keys: the owing ones only while its part is owed and the cycle takes parts."""
    org, created = review.org, f"{review.created_at.isoformat()}#{review.id}"
    owes_self = review.self_status != "submitted"
    owes_manager = review.manager_status != "submitted" and review.manager_id is not None
    return {
        "GSI1PK": f"ORG#{org}#REVIEWS#EMP#{review.employee_id}",
        "GSI1SK": created,
        "GSI2PK": _owe_pk(org, review.cycle_id, "SELF", review.employee_id) if owes_self else None,
        "GSI2SK": f"{review.employee_id}#{review.id}" if owes_self else None,
        "GSI3PK": _owe_pk(org, review.cycle_id, "MGR", review.manager_id or "") if owes_manager else None,
        "GSI3SK": f"{review.manager_id}#{review.id}" if owes_manager else None,
        "GSI4PK": f"ORG#{org}#REVIEWS#MGR#{review.manager_id}" if review.manager_id else None,
        "GSI4SK": created if review.manager_id else None,
        "GSI5PK": f"ORG#{org}#RCYCLE#{review.cycle_id}#ALL#{shard_of(review.employee_id)}",
        "GSI5SK": review.employee_id,
    }


def _history(review: Review, version: int, entry: Mapping[str, Any]) -> Callable[[TransactWrite], None]:
    item = ReviewHistoryItem(review_key(review.org, review.id)[0], f"HIST#{version:08d}", org=review.org,
                             review_id=review.id, entry=dict(entry))  # fmt: skip
    return lambda transaction: transaction.save(item, condition=ReviewHistoryItem.PK.does_not_exist())


def _count(org: str, cycle_id: str, key: str, delta: int, shard: int) -> Callable[[TransactWrite], None]:
    """A counter's move, on one of its shards: the cycle's totals and a department's are spread over the shards of
    the employees they count, so that submits at the deadline do not queue on one item; a manager's is one item."""
    item = ReviewCountItem(counts_pk(org, cycle_id), f"{key}#{0 if key.startswith('MGR#') else shard}")
    return lambda transaction: transaction.update(
        item, actions=[ReviewCountItem.n.add(delta), ReviewCountItem.org.set(org)]
    )


def rating_keys(review: Review, rating: int) -> list[str]:
    """The counters one overall rating moves: the cycle's, the manager's and the department's."""
    return [f"ALL#{rating}", f"MGR#{review.manager_id or '-'}#{rating}", f"DEPT#{review.department or '-'}#{rating}"]


def _run_raw(writes: list[Callable[[TransactWrite], None]]) -> None:
    def write(transaction: TransactWrite) -> None:
        for add in writes:
            add(transaction)

    commit(write)


def _run(writes: list[Callable[[TransactWrite], None]]) -> None:
    try:
        _run_raw(writes)
    except TransactWriteError as error:
        if "ConditionalCheckFailed" in cancellation_codes(error):
            raise ReviewChanged from error
        raise


class ReviewStore:
    # ------------------------------------------------------------------ cycles

    def create_cycle(self, cycle: ReviewCycle, once: Once | None = None) -> ReviewCycle:
        """A new cycle (one PutItem); with the request's idempotency key, its record beside it in one transaction
        (``Repeated`` if the cycle was made already)."""
        pk, sk = cycle_key(cycle.org, cycle.id)
        item = ReviewCycleItem(pk, sk, GSI1PK=f"ORG#{cycle.org}#RCYCLES",
                               GSI1SK=f"{cycle.created_at.isoformat()}#{cycle.id}", org=cycle.org, cycle_id=cycle.id,
                               state=cycle.state, version=1, cycle=cycle.stored())  # fmt: skip
        if once is None:
            item.save(condition=ReviewCycleItem.PK.does_not_exist())
        else:
            commit(lambda transaction: transaction.save(item, condition=ReviewCycleItem.PK.does_not_exist()), once)
        return ReviewCycle.from_stored(cycle.org, cycle.id, cycle.state, 1, cycle.stored())

    def get_cycle(self, org: str, cycle_id: str) -> ReviewCycle | None:
        try:
            return cycle_of(ReviewCycleItem.get(*cycle_key(org, cycle_id), consistent_read=True))
        except DoesNotExist:
            return None

    def cycles(self, org: str, limit: int) -> list[ReviewCycle]:
        """The organisation's latest review cycles, newest first: one Query page."""
        items = ReviewCycleItem.by_org.query(f"ORG#{org}#RCYCLES", scan_index_forward=False, limit=limit)
        return [cycle_of(item) for item in items]

    def transition(self, before: ReviewCycle, after: ReviewCycle) -> ReviewCycle:
        """Move the cycle to ``after.state`` if it is still as read (two HR users launching together launch once)."""
        item = ReviewCycleItem(*cycle_key(before.org, before.id))
        condition = (ReviewCycleItem.state == before.state) & (ReviewCycleItem.version == before.version)
        mark = os.urandom(8).hex()
        try:
            item.update(
                actions=[
                    ReviewCycleItem.state.set(after.state),
                    ReviewCycleItem.version.set(before.version + 1),
                    ReviewCycleItem.cycle.set(after.stored()),
                    ReviewCycleItem.moved_by.set(mark),
                ],
                condition=condition,
            )
        except Exception as error:
            if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise
            # A retry by the SDK of a write that had applied (a 500 after it) is refused by its own change.
            item.refresh(consistent_read=True)
            if item.moved_by != mark:
                raise ReviewChanged from error
        return ReviewCycle.from_stored(after.org, after.id, after.state, before.version + 1, after.stored())

    # ------------------------------------------------------------------ reviews

    def create_reviews(self, reviews: list[Review]) -> set[str]:
        """Store new reviews: one transaction per 99 conditional puts and the count of those it creates; a review
        that exists (a launch page delivered twice) is left out and the rest written again. Returns the ids
        created now."""
        created: set[str] = set()

        def put(review: Review) -> Callable[[TransactWrite], None]:
            keys = {k: v for k, v in _review_keys(review).items() if v is not None}
            item = ReviewItem(*review_key(review.org, review.id), **keys, org=review.org, review_id=review.id,
                              cycle_id=review.cycle_id, employee_id=review.employee_id, manager_id=review.manager_id,
                              version=1, review=review.stored())  # fmt: skip
            return lambda transaction: transaction.save(item, condition=ReviewItem.PK.does_not_exist())

        for start in range(0, len(reviews), CREATE_GROUP):
            left = reviews[start : start + CREATE_GROUP]
            while left:
                count = _count(left[0].org, left[0].cycle_id, "PROGRESS#reviews", len(left),
                               shard_of(left[0].employee_id))  # fmt: skip
                try:
                    _run_raw([*(put(review) for review in left), count])
                except TransactWriteError as error:
                    reasons = error.cancellation_reasons or []
                    refused = {r.id for r, why in zip(left, reasons, strict=False)
                               if why is not None and why.code == "ConditionalCheckFailed"}  # fmt: skip
                    if not refused:
                        raise
                    left = [review for review in left if review.id not in refused]
                    continue
                created.update(review.id for review in left)
                left = []
        return created

    def get(self, org: str, review_id: str) -> Review | None:
        try:
            return review_of(ReviewItem.get(*review_key(org, review_id), consistent_read=True))
        except DoesNotExist:
            return None

    def of_employee(self, org: str, employee_id: str, limit: int = 50) -> list[Review]:
        """A person's latest reviews, newest first: one Query page."""
        items = ReviewItem.by_employee.query(
            f"ORG#{org}#REVIEWS#EMP#{employee_id}", scan_index_forward=False, limit=limit
        )
        return [review_of(item) for item in items]

    def of_manager(self, org: str, manager_id: str, limit: int = 100) -> list[Review]:
        """The latest reviews a manager writes, newest first: one Query page."""
        items = ReviewItem.by_manager.query(
            f"ORG#{org}#REVIEWS#MGR#{manager_id}", scan_index_forward=False, limit=limit
        )
        return [review_of(item) for item in items]

    def of_cycle(self, org: str, cycle_id: str, shard: int, after: str | None, limit: int) -> tuple[list[Review], bool]:
        """One page of one shard of a cycle's reviews, by employee after ``after``; and whether more remain."""
        condition = ReviewItem.GSI5SK > after if after else None  # noqa: SIM300 - a key condition
        result = ReviewItem.by_cycle.query(
            f"ORG#{org}#RCYCLE#{cycle_id}#ALL#{shard}", condition, limit=limit, page_size=limit
        )
        return [review_of(item) for item in result], result.last_evaluated_key is not None

    def owing(
        self, org: str, cycle_id: str, part: str, shard: int, after: str | None, limit: int
    ) -> tuple[list[Review], bool]:
        """One page of the reviews whose ``part`` (``SELF`` or ``MGR``) is owed, in one shard of the people who owe
        it, person by person after the person ``after``; and whether more remain."""
        index, sort = (ReviewItem.owing_self, ReviewItem.GSI2SK) if part == "SELF" else (
            ReviewItem.owing_manager, ReviewItem.GSI3SK)  # fmt: skip
        condition = sort > f"{after}#\uffff" if after else None
        result = index.query(f"ORG#{org}#RCYCLE#{cycle_id}#OWE#{part}#{shard}", condition, limit=limit, page_size=limit)
        return [review_of(item) for item in result], result.last_evaluated_key is not None

    def save(
        self,
        before: Review,
        after: Review,
        entry: Mapping[str, Any] | None = None,
        counts: Mapping[str, int] | None = None,
    ) -> Review:
        """Write ``after`` over ``before`` if nobody saved the review since it was read (else ReviewChanged), with
        its history ``entry`` and the counters' moves."""
        version = before.version + 1
        keys = _review_keys(after)
        actions = [getattr(ReviewItem, name).set(value) for name, value in keys.items() if value is not None]
        actions += [getattr(ReviewItem, name).remove() for name, value in keys.items() if value is None]
        actions += [ReviewItem.review.set(after.stored()), ReviewItem.version.set(version)]
        condition = ReviewItem.PK.exists() & (ReviewItem.version == before.version)
        item = ReviewItem(*review_key(before.org, before.id))
        writes = [lambda transaction: transaction.update(item, actions=actions, condition=condition)]
        if entry is not None:
            writes.append(_history(after, version, {**entry, "version": version}))
        shard = shard_of(after.employee_id)
        writes += [
            _count(after.org, after.cycle_id, key, delta, shard) for key, delta in (counts or {}).items() if delta
        ]
        _run(writes)
        return Review.from_stored(after.org, after.id, after.cycle_id, after.employee_id, after.manager_id, version,
                                  after.stored())  # fmt: skip

    def history(self, org: str, review_id: str, limit: int = HISTORY_SHOWN) -> list[dict[str, Any]]:
        """The review's latest steps, newest first."""
        result = ReviewHistoryItem.query(
            review_key(org, review_id)[0], ReviewHistoryItem.SK.startswith("HIST#"), scan_index_forward=False,
            limit=limit,
        )  # fmt: skip
        return [dict(item.entry) for item in result]

    # ------------------------------------------------------------------ counters

    def counts(self, org: str, cycle_id: str, prefix: str, after: str | None = None, limit: int | None = COUNTS_PAGE
               ) -> tuple[dict[str, int], str | None]:  # fmt: skip
        """One Query page of the cycle's counters whose key starts with ``prefix``, after ``after``: {key: n}, and
        the key to continue from (None when done)."""
        condition = ReviewCountItem.SK.startswith(prefix)
        start = {"PK": {"S": counts_pk(org, cycle_id)}, "SK": {"S": after}} if after else None
        result = ReviewCountItem.query(
            counts_pk(org, cycle_id), condition, limit=limit, page_size=limit, last_evaluated_key=start
        )
        found: dict[str, int] = {}
        for item in result:
            key = item.SK.rpartition("#")[0]  # the counter, its shards summed
            found[key] = found.get(key, 0) + int(item.n)
        last = result.last_evaluated_key
        return found, (last["SK"]["S"] if last else None)

    # ------------------------------------------------------------------ e-mail claims

    def claim_mail(self, org: str, review_ids: Iterable[str], what: str) -> set[str]:
        """Mark these reviews' launch e-mails as being sent (one transaction per 100); returns those claimed now,
        leaving out those already sent."""

        def claim(review_id: str) -> Callable[[TransactWrite], None]:
            item = ReviewItem(*review_key(org, review_id))
            condition = ReviewItem.PK.exists() & (ReviewItem.mailed.does_not_exist() | (ReviewItem.mailed != what))
            return lambda transaction: transaction.update(item, actions=[ReviewItem.mailed.set(what)],
                                                          condition=condition)  # fmt: skip

        wanted = sorted(set(review_ids))
        claimed: set[str] = set()
        for start in range(0, len(wanted), 100):
            group = wanted[start : start + 100]
            refused = write_each({review_id: claim(review_id) for review_id in group})
            claimed.update(review_id for review_id in group if review_id not in refused)
        return claimed

    def release_mail(self, org: str, review_id: str, what: str) -> None:
        """Forget a claim whose e-mail could not go, so that the message's next delivery sends it."""
        ReviewItem(*review_key(org, review_id)).update(
            actions=[ReviewItem.mailed.remove()], condition=ReviewItem.mailed == what
        )

    def claim_reminders(self, org: str, cycle_id: str, people: Iterable[str], slot: str, now: datetime) -> set[str]:
        """Record that these people are reminded in ``slot``; returns those claimed now."""

        def claim(person: str) -> Callable[[TransactWrite], None]:
            item = ReviewReminderItem(f"ORG#{org}#RCYCLE#{cycle_id}#REMIND#{person}", "REMIND", org=org, slot=slot)
            condition = ReviewReminderItem.PK.does_not_exist() | (ReviewReminderItem.slot != slot)
            return lambda transaction: transaction.save(item, condition=condition)

        wanted = sorted(set(people))
        claimed: set[str] = set()
        for start in range(0, len(wanted), 100):
            group = wanted[start : start + 100]
            refused = write_each({person: claim(person) for person in group})
            claimed.update(person for person in group if person not in refused)
        return claimed

    def release_reminder(self, org: str, cycle_id: str, person: str, slot: str) -> None:
        item = ReviewReminderItem(f"ORG#{org}#RCYCLE#{cycle_id}#REMIND#{person}", "REMIND")
        item.delete(condition=ReviewReminderItem.slot == slot)
