"""Counts AWS requests per service and operation through botocore's event hooks.

Tests and the benchmark read ``REQUESTS`` to see how many calls a piece of
work made; every client janus creates is attached to it.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any


class RequestCounter:
    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    def attach(self, client: Any) -> Any:
        """Count every HTTP request (retries included) that ``client`` sends."""
        client.meta.events.register("before-send", self._on_send, unique_id="janus-request-counter")
        return client

    def _on_send(self, event_name: str, **_: Any) -> None:
        # event_name is "before-send.<service>.<Operation>"
        _, service, operation = event_name.split(".", 2)
        with self._lock:
            self._counts[(service, operation)] += 1

    def snapshot(self) -> Counter[tuple[str, str]]:
        with self._lock:
            return Counter(self._counts)

    def since(self, earlier: Counter[tuple[str, str]]) -> Counter[tuple[str, str]]:
        return self.snapshot() - earlier

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()


REQUESTS = RequestCounter()
