"""DynamoDB's per-item atomicity, given to moto's server.

moto serves requests on many threads and checks a condition and writes without a lock, so
two conditional writes racing on one item can both succeed, which DynamoDB never allows.
The local stack serialises moto's DynamoDB writes so that races behave as they do on AWS.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from moto.dynamodb.models import DynamoDBBackend

_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")
_LOCK = threading.RLock()


def make_writes_atomic() -> None:
    for name in _WRITES:
        method = getattr(DynamoDBBackend, name)
        if getattr(method, "_janus_atomic", False):
            continue

        @functools.wraps(method)
        def atomic(self: Any, *args: Any, __method: Any = method, **kwargs: Any) -> Any:
            with _LOCK:
                return __method(self, *args, **kwargs)

        atomic._janus_atomic = True  # type: ignore[attr-defined]
        setattr(DynamoDBBackend, name, atomic)
