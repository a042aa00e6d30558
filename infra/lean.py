"""moto's DynamoDB at the size of a real organisation.

Two habits of moto 5.2 make a long-running local stack grow without bound:

- every model object it creates (each stored item, each item a Query returns) is appended to
  a class-level list for its dashboard, so nothing is ever freed;
- a transaction copies every table it touches, whole, before it starts, so that it can put the
  copy back if it is cancelled: seconds and hundreds of megabytes per transaction at 100,000 items.

Here the dashboard tracking is off, and a transaction keeps copies of only the items it names,
putting them back itself when it is cancelled. Requests are already serialised (infra.atomic),
so nothing else sees the table between a cancelled transaction and its rollback.

And one habit makes it slow: moto 5.2 turns every answer into JSON through a generic,
shape-driven serialiser, most of a local request's CPU time. The item operations' answers are
already DynamoDB's wire JSON, so they are written out directly.
"""

from __future__ import annotations

import base64
import copy
import functools
import json
from typing import Any

import moto.dynamodb.models as dynamodb_models
from moto.core.common_models import BaseModel
from moto.core.utils import get_service_model
from moto.dynamodb.exceptions import MockValidationException
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler, DynamoResult


def _untracked(cls: type, *args: Any, **kwargs: Any) -> Any:
    return object.__new__(cls)


class _TablesByReference:
    """moto's transaction asks for a deep copy of each table; it gets the table itself
    (the rollback below restores the items the transaction named instead)."""

    @staticmethod
    def deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def _named_items(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> list[tuple[Table, Any, Any, Any]]:
    """(table, hash key, range key, copy of the stored item or None) for every item the transaction names."""
    saved = []
    for entry in transact_items:
        for action in entry.values():
            table = backend.tables.get(action.get("TableName"))
            if table is None:
                continue
            attributes = action.get("Key") or action.get("Item") or {}
            key = {name: attributes[name] for name in (table.hash_key_attr, table.range_key_attr) if name in attributes}
            try:
                hash_key, range_key = backend.get_keys_value(table, key)
            except MockValidationException:  # a malformed key: moto rejects the transaction, writing nothing
                continue
            stored = table.get_item(hash_key, range_key)
            saved.append((table, hash_key, range_key, copy.deepcopy(stored) if stored else None))
    return saved


def _restore(saved: list[tuple[Table, Any, Any, Any]]) -> None:
    for table, hash_key, range_key, before in reversed(saved):
        if table.get_item(hash_key, range_key) is not None:
            table.delete_item(hash_key, range_key)
        if before is not None:
            table.put_item(before.to_json()["Attributes"])


# Answers that hold only items, keys and capacity: wire JSON as they stand.
_ITEM_OPERATIONS = frozenset(
    {"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
     "TransactGetItems", "TransactWriteItems"}
)  # fmt: skip
_JSON = "application/x-amz-json-1.0"


@functools.cache
def _output_members(operation: str) -> frozenset[str]:
    """The fields DynamoDB's answer to ``operation`` has (moto's results carry a few more)."""
    shape = get_service_model("dynamodb").operation_model(operation).output_shape
    return frozenset(shape.members) if shape is not None else frozenset()


def _binary(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode()
    raise TypeError(type(value).__name__)


def _serialize_directly(original: Any) -> Any:
    @functools.wraps(original)
    def serialized(self: DynamoHandler, action_result: Any) -> Any:
        if type(action_result) is DynamoResult and self._get_action() in _ITEM_OPERATIONS:
            members = _output_members(self._get_action())
            answer = {k: v for k, v in action_result.result.items() if k in members}
            try:
                body = json.dumps(answer, separators=(",", ":"), default=_binary)
            except TypeError:  # something that is not wire JSON: moto's own serialiser knows it
                return original(self, action_result)
            return 200, {"Content-Type": _JSON, **self.response_headers}, body
        return original(self, action_result)

    serialized._janus_lean = True  # type: ignore[attr-defined]
    return serialized


def lean_moto() -> None:
    """Turn off moto's instance tracking and whole-table transaction copies (idempotent)."""
    BaseModel.__new__ = _untracked  # type: ignore[method-assign,assignment]
    dynamodb_models.copy = _TablesByReference()  # type: ignore[assignment]
    if not getattr(DynamoHandler.serialized, "_janus_lean", False):
        DynamoHandler.serialized = _serialize_directly(DynamoHandler.serialized)  # type: ignore[method-assign]
    original = DynamoDBBackend.transact_write_items
    if getattr(original, "_janus_lean", False):
        return

    @functools.wraps(original)
    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        saved = _named_items(self, transact_items)
        try:
            original(self, transact_items)
        except Exception:
            _restore(saved)
            raise

    transact_write_items._janus_lean = True  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
