"""The data-access layer: the only code that talks to DynamoDB.

One table holds every entity (see docs/architecture.md for the key design).
``bind`` points the models at a table once per process.
"""

from __future__ import annotations

from janus.metering import REQUESTS
from janus.settings import Settings
from janus.store.models import MODELS


def condition_failed(error: Exception) -> bool:
    """Whether a pynamodb write failed because its condition did not hold (the domain decides what that means)."""
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


def bind(settings: Settings) -> None:
    for model in MODELS:
        model.Meta.table_name = settings.table_name
        model.Meta.region = settings.region
        model.Meta.host = settings.endpoint_url
        model._connection = None
        REQUESTS.attach(model._get_connection().connection.client)
