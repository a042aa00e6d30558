"""Unit tests run the domain against in-process moto, on the tables template.yaml declares."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from moto import mock_aws

from infra.provision import Stack, provision
from janus import store
from janus.kernel import clock
from janus.kernel.settings import Settings
from tests.conftest import ROOT


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        clients: dict[str, Any] = {
            name: boto3.client(name, region_name="us-east-1")
            for name in ("dynamodb", "s3", "sqs", "events", "sesv2", "scheduler", "secretsmanager", "cognito-idp")
        }
        stack = provision(ROOT, clients, "https://sqs.us-east-1.amazonaws.com")
        env = stack.environment()
        store.bind(
            Settings(
                table_name=env["TABLE_NAME"],
                idempotency_table_name=env["IDEMPOTENCY_TABLE_NAME"],
                reports_bucket=env["REPORTS_BUCKET"],
                event_bus_name=env["EVENT_BUS_NAME"],
            )
        )
        yield stack
    clock.reset()


@pytest.fixture
def stopped_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A clock at 2030-03-04 09:00 UTC that moves only when the test moves it (``clock.advance``)."""
    clock.reset()
    start = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: start + clock.offset())
    yield
    clock.reset()
