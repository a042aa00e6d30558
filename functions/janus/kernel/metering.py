"""Counts AWS requests per service and operation through botocore's event hooks.

Tests and the benchmark read ``REQUESTS`` to see how many calls a piece of
work made; every client janus creates is attached to it.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class RequestCounter:
    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str]] = Counter()
        self._by_scope: Counter[tuple[str, str, str]] = Counter()
        self._scope = threading.local()
        self._lock = threading.Lock()

    @contextmanager
    def scoped(self, name: str) -> Iterator[None]:
        """Also count this thread's requests under ``name`` (the local stack names the function running)."""
        outer = getattr(self._scope, "name", None)
        self._scope.name = name
        try:
            yield
        finally:
            self._scope.name = outer

    def attach(self, client: Any) -> Any:
        """Count every HTTP request (retries included) that ``client`` sends."""
        client.meta.events.register("before-send", self._on_send, unique_id="janus-request-counter")
        return client

    def _on_send(self, event_name: str, **_: Any) -> None:
        # event_name is "before-send.<service>.<Operation>"
        _, service, operation = event_name.split(".", 2)
        scope = getattr(self._scope, "name", None) or "-"
        with self._lock:
            self._counts[(service, operation)] += 1
            self._by_scope[(scope, service, operation)] += 1

    def snapshot(self) -> Counter[tuple[str, str]]:
        with self._lock:
            return Counter(self._counts)

    def snapshot_by_scope(self) -> Counter[tuple[str, str, str]]:
        """(scope, service, operation) -> requests; scope "-" is work outside any named scope."""
        with self._lock:
            return Counter(self._by_scope)

    def since(self, earlier: Counter[tuple[str, str]]) -> Counter[tuple[str, str]]:
        return self.snapshot() - earlier

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
            self._by_scope.clear()


REQUESTS = RequestCounter()
