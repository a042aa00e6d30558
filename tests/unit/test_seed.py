"""The demo organisation the local stack seeds."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from infra import seed


def test_the_demo_cycles_deadline_is_the_end_of_a_day(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str, Any]] = []

    def call(api: str, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
        asked.append((method, path, body))
        answers = {
            "/_local/token": {"token": "t"},
            "/employees": {"created": 1, "updated": 0, "unchanged": 0},
            "/cycles": {"id": "c1"},
            "/_local/mailbox": {"messages": []},
        }
        return answers.get(path, {})

    monkeypatch.setattr(seed, "call", call)
    seed.seed("http://127.0.0.1:3000", now=datetime(2030, 3, 4, 9, 0, tzinfo=UTC))

    (created,) = [body for method, path, body in asked if (method, path) == ("POST", "/cycles")]
    assert created["deadline"] == "2030-03-25"  # three weeks on: the cycle closes as that day ends
