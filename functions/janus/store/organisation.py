"""The organisation's settings item: PK ORG#<org>, SK SETTINGS."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from pynamodb.exceptions import DoesNotExist

from janus.organisation import OrgSettings
from janus.store.models import SettingsItem


class OrgStore:
    def __init__(self) -> None:
        self._remembered: dict[str, OrgSettings] | None = None

    def get(self, org: str) -> OrgSettings:
        if self._remembered is not None and org in self._remembered:
            return self._remembered[org]
        try:
            found = OrgSettings.from_dict(SettingsItem.get(f"ORG#{org}", "SETTINGS").settings)
        except DoesNotExist:
            found = OrgSettings()
        if self._remembered is not None:
            self._remembered[org] = found
        return found

    @contextlib.contextmanager
    def remembering(self) -> Iterator[None]:
        """Read each organisation's settings once while this lasts (one batch of messages, say)."""
        self._remembered = {}
        try:
            yield
        finally:
            self._remembered = None

    def put(self, org: str, settings: OrgSettings) -> None:
        SettingsItem(f"ORG#{org}", "SETTINGS", org=org, settings=settings.as_dict()).save()
