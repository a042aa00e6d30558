"""10,000 employees in one request, on a stack of its own (moto scans a large table on
every index query, which would slow every other test sharing the stack)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

from tests.integration.conftest import Local, start_local, stop_local
from tests.integration.test_employees_api import rows


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-big"), "--no-seed")
    yield stack
    stop_local(stack)


def test_ten_thousand_rows_import_in_one_request(big):
    hr = big.as_(f"org-{uuid.uuid4().hex[:8]}")
    people = rows(10_000)
    before = big.requests_made()
    started = time.perf_counter()
    answer = hr.put(f"{big.api}/employees", json=people, timeout=120)
    elapsed = time.perf_counter() - started
    after = big.requests_made()

    assert answer.status_code == 200
    assert answer.json()["created"] == 10_000
    writes = after.get(("dynamodb", "BatchWriteItem"), 0) - before.get(("dynamodb", "BatchWriteItem"), 0)
    reads = after.get(("dynamodb", "BatchGetItem"), 0) - before.get(("dynamodb", "BatchGetItem"), 0)
    assert writes == 400  # 10,000 / 25: the floor
    # 10,000 / 100 for the stored employees, and as many for the erasures among those new to the directory; the
    # sign-in users' provisioning follows through its queue as soon as the import has queued it, and each bundle it
    # has begun by the time this counts reads the directory once more.
    assert 200 <= reads <= 210
    print(f"\n10,000-row import: {elapsed:.1f} s on the local stack, {writes} BatchWriteItem, {reads} BatchGetItem")
