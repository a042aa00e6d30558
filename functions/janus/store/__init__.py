"""The data-access layer: the only code that talks to DynamoDB.

One table holds every entity (see docs/architecture.md for the key design).
``bind`` points the models at a table once per process, through one pynamodb
connection on the process's DynamoDB client (``janus.kernel.aws``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pynamodb.connection import Connection
from pynamodb.connection.base import MetaTable
from pynamodb.constants import ATTR_DEFINITIONS, GLOBAL_SECONDARY_INDEXES, KEY_SCHEMA
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from janus.kernel import aws
from janus.kernel.settings import Settings
from janus.store.items import MODELS

if TYPE_CHECKING:
    from janus.store.once import Once

BATCH_GET_KEYS = 100
BATCH_GET_ATTEMPTS = 5
TRANSACTION_ITEMS = 100
TRANSACTION_ATTEMPTS = 5

Key = TypeVar("Key", bound=Hashable)


def get_items(keys: Iterable[tuple[str, str]], consistent: bool = False) -> dict[tuple[str, str], dict[str, Any]]:
    """Items of any kind by (PK, SK), in BatchGetItem requests of 100, raw for the caller to read;
    ``consistent`` reads them strongly consistent (twice the read units).

    pynamodb's batch_get reads one model; the table holds them all, so one request can too.
    """
    wanted = sorted(set(keys))
    connection = MODELS[0]._get_connection()
    table = MODELS[0].Meta.table_name
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for start in range(0, len(wanted), BATCH_GET_KEYS):
        page = [{"PK": pk, "SK": sk} for pk, sk in wanted[start : start + BATCH_GET_KEYS]]
        for _ in range(BATCH_GET_ATTEMPTS):
            answer = connection.batch_get_item(page, consistent_read=consistent or None)
            for raw in answer.get("Responses", {}).get(table, []):
                found[(raw["PK"]["S"], raw["SK"]["S"])] = raw
            unprocessed = answer.get("UnprocessedKeys", {}).get(table, {}).get("Keys", [])
            page = [{name: value["S"] for name, value in key.items()} for key in unprocessed]
            if not page:
                break
    return found


class ConditionFailed(Exception):
    """A conditional write found the item in another state (the domain decides what that means)."""


def condition_failed(error: Exception) -> bool:
    """Whether a pynamodb write failed because its condition did not hold (the domain decides what that means)."""
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


def cancellation_codes(error: TransactWriteError) -> list[str | None]:
    """The cancellation reasons' codes, in the order of the transaction's items."""
    return [reason.code if reason else None for reason in (error.cancellation_reasons or [])]


def commit(write: Callable[[TransactWrite], None], once: Once | None = None) -> None:
    """One TransactWriteItems made by ``write``, tried again with jitter when another writer touched
    one of its items at the same moment (a progress counter shard, usually). ``once``: a creation's
    Idempotency-Key, whose record joins the transaction (``Repeated`` if the creation was made already)."""
    for attempt in range(TRANSACTION_ATTEMPTS):
        try:
            with TransactWrite(connection=MODELS[0]._get_connection().connection) as transaction:
                if once is not None:
                    once.add(transaction)
                write(transaction)
            return
        except TransactWriteError as error:
            if once is not None:
                once.check(error)
            if "TransactionConflict" not in cancellation_codes(error) or attempt == TRANSACTION_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # noqa: S311 - jitter, not secrecy


def write_all(writes: Sequence[Callable[[TransactWrite], None]]) -> None:
    """Writes without conditions, each adding itself to a transaction, in TransactWriteItems of up to
    ``TRANSACTION_ITEMS``: a quarter of the requests of BatchWriteItem groups of 25, at twice the
    write units (two a KB), and updates as well as puts. Each group is written whole or not at all."""
    for start in range(0, len(writes), TRANSACTION_ITEMS):

        def write(transaction: TransactWrite, group: Sequence[Any] = writes[start : start + TRANSACTION_ITEMS]) -> None:
            for add in group:
                add(transaction)

        commit(write)


def write_each(writes: Mapping[Key, Callable[[TransactWrite], None]]) -> dict[Key, dict[str, Any] | None]:
    """Conditional writes, {key: adds its write to a transaction}, in one TransactWriteItems (up to
    ``TRANSACTION_ITEMS``); those whose condition fails are left out and the rest tried again.
    Returns the refused, each with the item as it was (None when there was none or it was not asked for)."""
    refused: dict[Key, dict[str, Any] | None] = {}
    left = list(writes)
    while left:
        asked = list(left)

        def write(transaction: TransactWrite, asked: list[Key] = asked) -> None:
            for key in asked:
                writes[key](transaction)

        try:
            commit(write)
        except TransactWriteError as error:
            failed = {
                key: reason.raw_item or None
                for key, reason in zip(asked, error.cancellation_reasons or [], strict=False)
                if reason is not None and reason.code == "ConditionalCheckFailed"
            }
            if not failed:
                raise
            refused |= failed
            left = [key for key in asked if key not in failed]
            continue
        left = []
    return refused


class _SharedConnection(Connection):
    """A pynamodb connection on the process's DynamoDB client instead of a botocore session and client of its own."""

    def __init__(self, settings: Settings):
        super().__init__(region=settings.region, host=settings.endpoint_url)
        self._settings = settings

    @property
    def client(self) -> Any:
        return aws.made("dynamodb", self._settings)


def bind(settings: Settings) -> None:
    tables = []
    for model in MODELS:
        model.Meta.table_name = settings.table_name
        model.Meta.region = settings.region
        model.Meta.host = settings.endpoint_url
        model._connection = None
        tables.append(model._get_connection())
    connection = _SharedConnection(settings)
    connection.add_meta_table(_whole_table([table.get_meta_table() for table in tables]))
    for table in tables:
        table.connection = connection


def _whole_table(views: list[MetaTable]) -> MetaTable:
    """The table as every model sees part of it: the one key, and each model's attributes and indexes."""
    whole: dict[str, Any] = {**views[0].data, ATTR_DEFINITIONS: [], GLOBAL_SECONDARY_INDEXES: []}
    for view in views:
        if view.data[KEY_SCHEMA] != whole[KEY_SCHEMA]:
            raise ValueError(f"every model must use the table's key {whole[KEY_SCHEMA]}")
        for part in (ATTR_DEFINITIONS, GLOBAL_SECONDARY_INDEXES):
            whole[part] += [entry for entry in view.data.get(part) or [] if entry not in whole[part]]
    return MetaTable(whole)
