"""DynamoDB's ClientRequestToken on TransactWriteItems, given to moto's server.

botocore puts a fresh token on every TransactWriteItems call and sends the same one with each of its own retries;
DynamoDB applies a token's transaction once and answers a repeat within ten minutes with success, unapplied (the
same token with other items is an IdempotentParameterMismatchException). moto ignores the token, so a retry after
a 500 that came after the write (the fault mode's ``dynamodb-500-after``) applied the transaction a second time
locally, or failed its conditions on its own first write, where DynamoDB answers it as done. Only a transaction
that succeeded uses up its token: a cancelled one changed nothing and is evaluated again when it comes back.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
import time
from typing import Any

from moto.core.responses import ActionResult
from moto.dynamodb.exceptions import DynamodbException
from moto.dynamodb.responses import DynamoHandler

TOKEN_SECONDS = 600  # DynamoDB keeps a token ten minutes after its request completed
_applied: dict[str, tuple[str, float]] = {}  # token -> (the transaction's digest, when it was applied)
_lock = threading.Lock()


class IdempotentParameterMismatch(DynamodbException):
    def __init__(self) -> None:
        super().__init__(
            "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException",
            "The request uses the same client token as a previous, but non-identical request.",
        )


def _digest(items: Any) -> str:
    return hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()


def _with_tokens(method: Any) -> Any:
    @functools.wraps(method)
    def transact_write_items(self: DynamoHandler) -> Any:
        token = self.body.get("ClientRequestToken")
        if not token:
            return method(self)
        digest, now = _digest(self.body["TransactItems"]), time.monotonic()
        with _lock:
            while _applied and now - next(iter(_applied.values()))[1] > TOKEN_SECONDS:  # the oldest first
                del _applied[next(iter(_applied))]
            seen = _applied.get(token)
        if seen is not None:
            if seen[0] != digest:
                raise IdempotentParameterMismatch
            return ActionResult({"ConsumedCapacity": [], "ItemCollectionMetrics": {}})  # done, nothing consumed
        answer = method(self)
        with _lock:
            _applied[token] = (digest, time.monotonic())
        return answer

    transact_write_items._janus_tokens = True  # type: ignore[attr-defined]
    return transact_write_items


def honour_request_tokens() -> None:
    """Answer a TransactWriteItems whose token was applied as DynamoDB does (idempotent)."""
    if not getattr(DynamoHandler.transact_write_items, "_janus_tokens", False):
        DynamoHandler.transact_write_items = _with_tokens(DynamoHandler.transact_write_items)  # type: ignore[method-assign]
