"""AWS clients for the domain's ports: one per service and process, made on first use, every request counted.

Every client retries in botocore's standard mode (adaptive mode for a rate-limited API) and talks
to the local endpoint when one is set.
Making a client costs tens of milliseconds (botocore reads the service's model), so a handler pays
only for the clients it calls; all of them come from one botocore session, which reads the shared
endpoint data once.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import botocore.session
from botocore.config import Config

from janus.kernel.metering import REQUESTS
from janus.kernel.settings import Settings

_made: dict[tuple[str, str, str | None, str], Any] = {}
_lock = threading.Lock()  # botocore's client creation is not thread-safe; the local stack serves in threads
_RETRIES = {
    "standard": Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=5, read_timeout=20),
    # Paces itself when throttled: for APIs with low per-account rates (Cognito's admin API).
    "adaptive": Config(retries={"mode": "adaptive", "max_attempts": 10}, connect_timeout=5, read_timeout=20),
}


def client(service: str, settings: Settings, retries: str = "standard") -> Any:
    """The process's ``service`` client: the handle can be kept from module init on, the client is made on first use."""
    return _Lazy(service, settings, retries)


def made(service: str, settings: Settings, retries: str = "standard") -> Any:
    """The process's ``service`` client for these settings, made now if it was not yet."""
    key = (service, settings.region, settings.endpoint_url, retries)
    found = _made.get(key)
    if found is None:
        with _lock:
            found = _made.get(key)
            if found is None:
                found = _made[key] = REQUESTS.attach(_create(service, settings, retries))
    return found


@functools.cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


def _create(service: str, settings: Settings, retries: str) -> Any:
    return _session().create_client(
        service, region_name=settings.region, endpoint_url=settings.endpoint_url, config=_RETRIES[retries]
    )


class _Lazy:
    """Stands in for a botocore client: the first attribute asked for makes the real one (see ``made``)."""

    def __init__(self, service: str, settings: Settings, retries: str = "standard"):
        self._service = service
        self._settings = settings
        self._retries = retries

    def __getattr__(self, name: str) -> Any:
        return getattr(made(self._service, self._settings, self._retries), name)

    def __repr__(self) -> str:
        return f"<{self._service} client, made on first use>"
