"""End-to-end tests run against a fresh local stack started exactly as `make run` starts it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.conftest import Local, start_local, stop_local


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    local = start_local(tmp_path_factory.mktemp("janus-e2e"))
    yield local
    assert stop_local(local) == 0
