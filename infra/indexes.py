"""Partition-sized Queries for moto's DynamoDB tables.

moto answers every Query, on the table or on an index, by walking (and sorting) every item of
the table, so at a realistic size the local stack would measure moto instead of Janus. Here
each table keeps, per attribute that is the hash key of a global secondary index, its items by
that attribute's value, and a Query hands moto's own algorithm only the items of the partition
it asks for (a base-table Query gets the table's own partition, which moto already keeps).
moto still checks the key conditions, sorts, pages, filters and projects, so the answers are
moto's; only the items it looks at change.

Written for moto 5.2: `Table.query` takes its candidates from `Table.all_items`, every write
stores or removes items through `Table.put_item` and `Table.delete_item`, except
`DynamoDBBackend.update_item`, which changes the stored item in place.
"""

from __future__ import annotations

import functools
import inspect
import threading
import weakref
from typing import Any

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

Value = tuple[str, Any]  # an attribute value as a dict key, equal (and hashed) as DynamoType is
Key = tuple[Value, Value | None]  # an item's primary key, the same way


def _value(attribute: DynamoType) -> Value | None:
    """The attribute as a dict key, or None when it cannot be one (a list, map or set)."""
    value = (attribute.type, attribute.cast_value)
    try:
        hash(value)
    except TypeError:
        return None
    return value


def _key(hash_key: DynamoType, range_key: DynamoType | None) -> Key:
    return _value(hash_key), None if range_key is None else _value(range_key)  # type: ignore[return-value]


class _Partitions:
    """One table's items by the value of each attribute that is a global index's hash key."""

    def __init__(self, attributes: frozenset[str]):
        self.attributes = attributes
        self.by_value: dict[str, dict[Value, dict[Key, Item]]] = {name: {} for name in attributes}
        self.placed: dict[Key, dict[str, Value]] = {}

    def place(self, key: Key, item: Item | None) -> None:
        """File the item now stored under key (or its absence) afresh, wherever it was before."""
        for name, value in self.placed.pop(key, {}).items():
            partition = self.by_value[name][value]
            del partition[key]
            if not partition:
                del self.by_value[name][value]
        if item is None:
            return
        placed = {}
        for name in self.attributes:
            attribute = item.attrs.get(name)
            value = None if attribute is None else _value(attribute)
            if value is None:
                continue  # absent: a sparse index; a list, map or set never equals a key value
            self.by_value[name].setdefault(value, {})[key] = item
            placed[name] = value
        if placed:
            self.placed[key] = placed

    def members(self, name: str, value: Value) -> list[Item]:
        return list(self.by_value[name].get(value, {}).values())


_LOCK = threading.Lock()  # guards every table's partitions; never held while moto runs
_PARTITIONS: weakref.WeakKeyDictionary[Table, _Partitions] = weakref.WeakKeyDictionary()
_SELECTION = threading.local()  # the candidates of the Query running on this thread


def _index_attributes(table: Table) -> frozenset[str]:
    return frozenset(
        key["AttributeName"] for index in table.global_indexes for key in index.schema if key["KeyType"] == "HASH"
    )


def _stored(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    partition = table.items.get(hash_key)
    if table.range_key_attr is None:
        return partition if isinstance(partition, Item) else None
    return partition.get(range_key) if partition else None


def _refresh(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> None:
    """File the item under this key afresh, after any write to it."""
    with _LOCK:
        partitions = _PARTITIONS.get(table)
        if partitions is not None:
            partitions.place(_key(hash_key, range_key), _stored(table, hash_key, range_key))


def _partitions(table: Table) -> _Partitions:
    """The table's partitions (call with _LOCK held), built on first use and when its global indexes change.

    A table moto puts back after a cancelled transaction is a copy, so it gets partitions of its own.
    """
    attributes = _index_attributes(table)
    partitions = _PARTITIONS.get(table)
    if partitions is None or partitions.attributes != attributes:
        partitions = _Partitions(attributes)
        for stored in list(table.items.values()):
            for item in [stored] if isinstance(stored, Item) else list(stored.values()):
                partitions.place(_key(item.hash_key, item.range_key), item)
        _PARTITIONS[table] = partitions
    return partitions


def _candidates(table: Table, arguments: dict[str, Any]) -> list[Item] | None:
    """A superset of the items the Query can match, or None to let moto look at all of them.

    Their order does not matter: moto sorts them by keys that include the table's primary key.
    """
    if not arguments.get("index_name"):
        hash_key = arguments.get("hash_key")
        if hash_key is None or _value(hash_key) is None:
            return None
        stored = table.items.get(hash_key)
        if stored is None:
            return []
        return [stored] if isinstance(stored, Item) else list(stored.values())
    if arguments["index_name"] not in {index.name for index in table.global_indexes}:
        return None
    with _LOCK:
        partitions = _partitions(table)
        for name, attribute in arguments.get("hash_key_conditions") or ():
            value = _value(attribute)
            if name in partitions.attributes and value is not None:
                return partitions.members(name, value)
    return None


def _patch_queries() -> None:
    query, all_items = Table.query, Table.all_items
    signature = inspect.signature(query)

    @functools.wraps(query)
    def partition_query(self: Table, *args: Any, **kwargs: Any) -> Any:
        candidates = _candidates(self, signature.bind(self, *args, **kwargs).arguments)
        if candidates is None:
            return query(self, *args, **kwargs)
        _SELECTION.pending = (self, candidates)
        try:
            return query(self, *args, **kwargs)
        finally:
            _SELECTION.pending = None

    @functools.wraps(all_items)
    def items_of_query(self: Table) -> list[Item]:
        pending = getattr(_SELECTION, "pending", None)
        if pending is not None and pending[0] is self:
            _SELECTION.pending = None  # only the Query's own first look is narrowed
            return pending[1]
        return all_items(self)

    Table.query = partition_query  # type: ignore[method-assign]
    Table.all_items = items_of_query  # type: ignore[method-assign]


def _put_key(table: Table, attributes: dict[str, Any]) -> tuple[DynamoType, DynamoType | None]:
    """The key Table.put_item stores the item under."""
    range_key = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr is not None else None
    return DynamoType(attributes[table.hash_key_attr]), range_key


def _updated_key(table: Table, key: Any) -> tuple[DynamoType, DynamoType | None]:
    """The key of the item DynamoDBBackend.update_item changes, worked out as it does."""
    if table.hash_key_attr in key and table.range_key_attr in key:
        return DynamoType(key[table.hash_key_attr]), DynamoType(key[table.range_key_attr])
    if table.hash_key_attr in key:
        return DynamoType(key[table.hash_key_attr]), None
    return DynamoType(key), None


def _patch_writes() -> None:
    put_item, delete_item, update_item = Table.put_item, Table.delete_item, DynamoDBBackend.update_item
    put_signature, update_signature = inspect.signature(put_item), inspect.signature(update_item)

    @functools.wraps(put_item)
    def indexed_put(self: Table, *args: Any, **kwargs: Any) -> Item:
        try:
            hash_key, range_key = _put_key(self, put_signature.bind(self, *args, **kwargs).arguments["item_attrs"])
        except Exception:  # moto rejects the same item before it stores anything
            return put_item(self, *args, **kwargs)
        try:
            return put_item(self, *args, **kwargs)
        finally:
            _refresh(self, hash_key, range_key)

    @functools.wraps(delete_item)
    def indexed_delete(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
        try:
            return delete_item(self, hash_key, range_key)
        finally:
            _refresh(self, hash_key, range_key)

    @functools.wraps(update_item)
    def indexed_update(self: DynamoDBBackend, *args: Any, **kwargs: Any) -> Item:
        try:
            arguments = update_signature.bind(self, *args, **kwargs).arguments
            table = self.get_table(arguments["table_name"])
            hash_key, range_key = _updated_key(table, arguments["key"])
        except Exception:  # moto rejects the same request before it changes anything
            return update_item(self, *args, **kwargs)
        try:
            return update_item(self, *args, **kwargs)
        finally:
            _refresh(table, hash_key, range_key)  # changed in place, perhaps only in part if it failed

    Table.put_item = indexed_put  # type: ignore[method-assign]
    Table.delete_item = indexed_delete  # type: ignore[method-assign]
    DynamoDBBackend.update_item = indexed_update  # type: ignore[method-assign]


def index_queries() -> None:
    """Make moto's Queries look only at the partition they ask for (idempotent)."""
    if getattr(Table.query, "_janus_indexed", False):
        return
    _patch_writes()
    _patch_queries()
    Table.query._janus_indexed = True  # type: ignore[attr-defined]
