"""The data-access layer: the only code that talks to DynamoDB.

One table holds every entity (see docs/architecture.md for the key design).
``bind`` points the models at a table once per process, through one pynamodb
connection on the process's DynamoDB client (``janus.aws``).
"""

from __future__ import annotations

from typing import Any

from pynamodb.connection import Connection
from pynamodb.connection.base import MetaTable
from pynamodb.constants import ATTR_DEFINITIONS, GLOBAL_SECONDARY_INDEXES, KEY_SCHEMA

from janus import aws
from janus.settings import Settings
from janus.store.models import MODELS


def condition_failed(error: Exception) -> bool:
    """Whether a pynamodb write failed because its condition did not hold (the domain decides what that means)."""
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


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
