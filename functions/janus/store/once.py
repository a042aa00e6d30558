"""An Idempotency-Key's record, written in the transaction of the creation it keys (the design in
``janus.kernel.idempotency``): ``Once`` joins a transaction (``janus.store.commit(write, once)``) and, when the
transaction fails on it, raises ``Repeated`` with what the first try made; ``attempt`` answers a repeat."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from pynamodb.exceptions import DoesNotExist

from janus.kernel import clock
from janus.kernel.errors import JanusError
from janus.kernel.idempotency import KEPT, KeyReused, Repeated, RequestKey, reused
from janus.store.items import IdempotencyKeyItem

if TYPE_CHECKING:
    from pynamodb.exceptions import TransactWriteError
    from pynamodb.transactions import TransactWrite

T = TypeVar("T")


def record_key(key: RequestKey) -> tuple[str, str]:
    return f"ORG#{key.org}#IDEM#{key.caller}#{key.key}", "IDEM"


def _found(key: RequestKey, item: IdempotencyKeyItem) -> dict[str, str] | None:
    """What the key's record says was made, if it is this request's and not expired (None: as if there were none)."""
    if int(item.expires_at) <= int(clock.now().timestamp()):
        return None
    if item.request != key.request:
        raise reused(key)
    return dict(item.made)


@dataclass(frozen=True)
class Once:
    """A creation's key and what the creation makes (its id, and what reading it again needs)."""

    key: RequestKey
    made: Mapping[str, str]

    def add(self, transaction: TransactWrite) -> None:
        """The key's record, first in the transaction: made if the key has none (or only an expired one)."""
        now = int(clock.now().timestamp())
        item = IdempotencyKeyItem(*record_key(self.key), org=self.key.org, request=self.key.request,
                                  made=dict(self.made), expires_at=now + int(KEPT.total_seconds()))  # fmt: skip
        condition = IdempotencyKeyItem.PK.does_not_exist() | (IdempotencyKeyItem.expires_at <= now)
        transaction.save(item, condition=condition, return_values="ALL_OLD")

    def check(self, error: TransactWriteError) -> None:
        """Raise ``Repeated`` (or ``KeyReused``) if the transaction failed on the key's record: the creation was
        made by an earlier try (this one's own, when botocore tried again after a 500 that came after the write)."""
        reasons = error.cancellation_reasons or []
        first = reasons[0] if reasons else None
        if first is None or first.code != "ConditionalCheckFailed":
            return
        raw = first.raw_item
        made = _found(self.key, IdempotencyKeyItem.from_raw_data(raw)) if raw else made_before(self.key)
        if made is not None:
            raise Repeated(made)


def made_before(key: RequestKey) -> dict[str, str] | None:
    """What the key's creation made, if it was made (one GetItem); ``KeyReused`` if the key was another request's."""
    try:
        item = IdempotencyKeyItem.get(*record_key(key), consistent_read=True)
    except DoesNotExist:
        return None
    return _found(key, item)


def attempt(key: RequestKey | None, make: Callable[[], T], again: Callable[[dict[str, str]], T]) -> T:
    """``make()`` the creation; if the key's creation was made already, ``again(what it made)`` answers as the first
    try was answered. A refusal before the write (the check-in was completed since the first try) is looked up once
    (one GetItem, on that path only): a repeat is answered, not refused."""
    try:
        return make()
    except Repeated as repeat:
        return again(repeat.made)
    except KeyReused:
        raise
    except JanusError:
        made = made_before(key) if key is not None else None
        if made is None:
            raise
        return again(made)
