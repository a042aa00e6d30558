"""DynamoDB capacity units, metered on the embedded endpoint the way AWS bills them.

moto reports a fixed ConsumedCapacity whatever the item's size, so the benchmark's cost
model meters the requests here instead, by the rules of on-demand billing:

- a write costs one write request unit (WRU) per started KB of the item (the larger of
  the old and the new image), plus the same again for each global secondary index the
  item is in (our indexes project every attribute); a failed conditional write is billed too;
- a transactional write costs twice that, ConditionCheck items included (on their size
  alone: a check writes no index);
- a read costs one read request unit (RRU) per started 4 KB, half that when eventually
  consistent; a Query is billed on the sum of the sizes of the items it read, not per item.

The figures are estimates (item sizes follow DynamoDB's published size rules as moto
implements them), good for a cost model, not for an invoice.
"""

from __future__ import annotations

import functools
import math
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.responses import DynamoHandler

KB = 1024
READ_BLOCK = 4 * KB


class CapacityMeter:
    def __init__(self) -> None:
        self._units: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, kind: str, units: float) -> None:
        with self._lock:
            self._units[kind] += units

    def snapshot(self) -> dict[str, float]:
        with self._lock:
            return {"RRU": self._units["RRU"], "WRU": self._units["WRU"]}


CAPACITY = CapacityMeter()


def wire_size(attributes: dict[str, Any] | None) -> int:
    """An item's size by DynamoDB's rules, from its wire form ({"name": {"S": "..."}})."""
    return sum(len(name.encode()) + DynamoType(value).size() for name, value in (attributes or {}).items())


def _stored_size(backend: DynamoDBBackend, table_name: str, key: dict[str, Any]) -> tuple[int, int]:
    """(size, indexes it is in) of the stored item with ``key``; (0, 0) when there is none."""
    try:
        table = backend.get_table(table_name)
        hash_value, range_value = backend.get_keys_value(table, key)
        item = table.get_item(hash_value, range_value)
    except Exception:  # a bad request is moto's to answer, not the meter's
        return 0, 0
    if item is None:
        return 0, 0
    return item.size(), _indexes_holding(table, item.attrs)


def _indexes_holding(table: Any, attrs: dict[str, Any]) -> int:
    return sum(1 for index in table.global_indexes if index.schema[0]["AttributeName"] in attrs)


def _write_units(size: int, indexes: int) -> int:
    return max(1, math.ceil(size / KB)) * (1 + indexes)


def _read_units(size: int, consistent: bool) -> float:
    units = max(1, math.ceil(size / READ_BLOCK))
    return float(units) if consistent else units / 2


def _key_of(table: Any, attributes: dict[str, Any]) -> dict[str, Any]:
    names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
    return {name: attributes[name] for name in names if name in attributes}


class _Writes:
    """Sizes of the items a write touches, before and after it runs."""

    def __init__(self, backend: DynamoDBBackend) -> None:
        self.backend = backend
        self.before: list[tuple[str, dict[str, Any], int, int]] = []

    def remember(self, table_name: str, key: dict[str, Any], *, checked_only: bool = False) -> None:
        """``checked_only``: a transaction's ConditionCheck, billed on the item's size but writing no index."""
        size, indexes = _stored_size(self.backend, table_name, key)
        self.before.append((table_name, key, size, -1 if checked_only else indexes))

    def units(self, new_items: dict[int, dict[str, Any]] | None = None) -> int:
        total = 0
        for n, (table_name, key, size, indexes) in enumerate(self.before):
            after_size, after_indexes = _stored_size(self.backend, table_name, key)
            if new_items and n in new_items:  # a put that failed its condition is billed on the item sent
                after_size = max(after_size, wire_size(new_items[n]))
            total += _write_units(max(size, after_size), 0 if indexes < 0 else max(indexes, after_indexes))
        return total


def _table(handler: DynamoHandler, name: str) -> Any:
    return handler.dynamodb_backend.get_table(name)


def _metered(meter: Callable[[DynamoHandler, Callable[[], Any]], Any]) -> Callable[[Any], Any]:
    def wrap(method: Any) -> Any:
        @functools.wraps(method)
        def metered(handler: DynamoHandler) -> Any:
            return meter(handler, lambda: method(handler))

        metered._janus_metered = True  # type: ignore[attr-defined]
        return metered

    return wrap


def _single_write(handler: DynamoHandler, call: Callable[[], Any]) -> Any:
    body = handler.body
    table = _table(handler, body["TableName"])
    key = body.get("Key") or _key_of(table, body.get("Item") or {})
    writes = _Writes(handler.dynamodb_backend)
    writes.remember(body["TableName"], key)
    try:
        return call()
    finally:
        CAPACITY.add("WRU", writes.units({0: body["Item"]} if "Item" in body else None))


def _batch_write(handler: DynamoHandler, call: Callable[[], Any]) -> Any:
    writes = _Writes(handler.dynamodb_backend)
    puts: dict[int, dict[str, Any]] = {}
    for table_name, requests in handler.body.get("RequestItems", {}).items():
        table = _table(handler, table_name)
        for request in requests:
            if "PutRequest" in request:
                puts[len(writes.before)] = request["PutRequest"]["Item"]
                writes.remember(table_name, _key_of(table, request["PutRequest"]["Item"]))
            else:
                writes.remember(table_name, request["DeleteRequest"]["Key"])
    try:
        return call()
    finally:
        CAPACITY.add("WRU", writes.units(puts))


def _transact_write(handler: DynamoHandler, call: Callable[[], Any]) -> Any:
    writes = _Writes(handler.dynamodb_backend)
    puts: dict[int, dict[str, Any]] = {}
    for entry in handler.body.get("TransactItems", []):
        ((kind, action),) = entry.items()
        table = _table(handler, action["TableName"])
        if kind == "Put":
            puts[len(writes.before)] = action["Item"]
        key = action.get("Key") or _key_of(table, action.get("Item") or {})
        writes.remember(action["TableName"], key, checked_only=kind == "ConditionCheck")
    try:
        return call()
    finally:
        CAPACITY.add("WRU", 2 * writes.units(puts))


def _get(handler: DynamoHandler, call: Callable[[], Any]) -> Any:
    body = handler.body
    size, _ = _stored_size(handler.dynamodb_backend, body["TableName"], body["Key"])
    result = call()
    CAPACITY.add("RRU", _read_units(size, bool(body.get("ConsistentRead"))))
    return result


def _batch_get(handler: DynamoHandler, call: Callable[[], Any]) -> Any:
    units = 0.0
    for table_name, request in handler.body.get("RequestItems", {}).items():
        for key in request.get("Keys", []):
            size, _ = _stored_size(handler.dynamodb_backend, table_name, key)  # a missing item is billed too
            units += _read_units(size, bool(request.get("ConsistentRead")))
    result = call()
    CAPACITY.add("RRU", units)
    return result


def _transact_get(handler: DynamoHandler, call: Callable[[], Any]) -> Any:
    units = 0.0
    for entry in handler.body.get("TransactItems", []):
        action = entry["Get"]
        size, _ = _stored_size(handler.dynamodb_backend, action["TableName"], action["Key"])
        units += 2 * _read_units(size, True)
    result = call()
    CAPACITY.add("RRU", units)
    return result


def _query_like(method: Any) -> Any:
    """Backend Query and Scan: billed on the total size of the items read."""

    @functools.wraps(method)
    def metered(self: DynamoDBBackend, *args: Any, **kwargs: Any) -> Any:
        results, scanned, last = method(self, *args, **kwargs)
        consistent = bool(kwargs.get("consistent_read"))
        CAPACITY.add("RRU", _read_units(sum(item.size() for item in results), consistent))
        return results, scanned, last

    metered._janus_metered = True  # type: ignore[attr-defined]
    return metered


_HANDLERS = {
    "put_item": _single_write,
    "update_item": _single_write,
    "delete_item": _single_write,
    "batch_write_item": _batch_write,
    "transact_write_items": _transact_write,
    "get_item": _get,
    "batch_get_item": _batch_get,
    "transact_get_items": _transact_get,
}


def meter_capacity() -> None:
    """Meter every DynamoDB request the embedded endpoint serves (idempotent)."""
    for name, meter in _HANDLERS.items():
        method = getattr(DynamoHandler, name)
        if not getattr(method, "_janus_metered", False):
            setattr(DynamoHandler, name, _metered(meter)(method))
    for name in ("query", "scan"):
        method = getattr(DynamoDBBackend, name)
        if not getattr(method, "_janus_metered", False):
            setattr(DynamoDBBackend, name, _query_like(method))
