"""DynamoDB's per-item atomicity and isolation, given to moto's server.

moto serves requests on many threads and checks a condition and writes without a lock, so
two conditional writes racing on one item can both succeed, which DynamoDB never allows.
It also changes stored items in place, so a Query or GetItem answered while an update runs
can see an item with half its attributes (and fail on a key that has just gone) or fail
serialising a dict that changes size under it. The local stack serialises moto's DynamoDB
requests, from parsing to the serialised answer, so that races behave as they do on AWS:
every request sees each item whole, before or after any write to it.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.responses import DynamoHandler

_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")
_LOCK = threading.RLock()


def _locked(method: Any) -> Any:
    @functools.wraps(method)
    def atomic(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return method(*args, **kwargs)

    atomic._janus_atomic = True  # type: ignore[attr-defined]
    return atomic


def make_requests_atomic() -> None:
    """Serialise every DynamoDB request moto answers, and every write made on its backend directly (idempotent)."""
    for owner, names in ((DynamoDBBackend, _WRITES), (DynamoHandler, ("call_action",))):
        for name in names:
            method = getattr(owner, name)
            if not getattr(method, "_janus_atomic", False):
                setattr(owner, name, _locked(method))
