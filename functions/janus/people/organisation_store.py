"""The organisation's settings item: PK ORG#<org>, SK SETTINGS."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from pynamodb.exceptions import DoesNotExist

from janus.people.organisation import OrgSettings
from janus.store.items import SettingsItem


def settings_key(org: str) -> tuple[str, str]:
    return f"ORG#{org}", "SETTINGS"


def settings_of(raw: dict[str, Any] | None) -> OrgSettings:
    """The settings in a raw item (as BatchGetItem returns it), or the defaults when there is none."""
    return OrgSettings.from_dict(SettingsItem.from_raw_data(raw).settings) if raw else OrgSettings()


class OrgStore:
    def __init__(self) -> None:
        self._remembered: dict[str, OrgSettings] | None = None

    def get(self, org: str) -> OrgSettings:
        if self._remembered is not None and org in self._remembered:
            return self._remembered[org]
        try:
            found = OrgSettings.from_dict(SettingsItem.get(*settings_key(org)).settings)
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
        SettingsItem(*settings_key(org), org=org, settings=settings.as_dict()).save()
