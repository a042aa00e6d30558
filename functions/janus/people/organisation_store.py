"""The organisation's settings item: PK ORG#<org>, SK SETTINGS.

``get`` reads the item afresh: what a person just saved (a value, the rating scale, the time zone) is what the next
request sees, whichever function serves it. ``recent`` answers the settings as this container read them at most
``RECENT`` ago, for the writes that only stamp how long a record is kept (``retention_months``): a check-in's every
write would otherwise read the item once more. A change there reaches them within ``RECENT``; the container whose
``put`` saved it forgets its own copy at once. The copies are this instance's (one per function's warm container),
never the process's: the local stack runs every function in one process, and a copy shared by all of them would
hide the minutes another function's container goes on with the old one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist

from janus.kernel import clock
from janus.people.organisation import OrgSettings
from janus.store.items import SettingsItem

RECENT = timedelta(minutes=5)
KEPT = 1000  # organisations a container keeps copies of; past that, those read longest ago are dropped first


def settings_key(org: str) -> tuple[str, str]:
    return f"ORG#{org}", "SETTINGS"


def settings_of(raw: dict[str, Any] | None) -> OrgSettings:
    """The settings in a raw item (as BatchGetItem returns it), or the defaults when there is none."""
    return OrgSettings.from_dict(SettingsItem.from_raw_data(raw).settings) if raw else OrgSettings()


class OrgStore:
    def __init__(self) -> None:
        self._remembered: dict[str, OrgSettings] | None = None
        self._recent: dict[str, tuple[datetime, OrgSettings]] = {}  # org -> (read at, settings)

    def get(self, org: str) -> OrgSettings:
        if self._remembered is not None and org in self._remembered:
            return self._remembered[org]
        try:
            found = OrgSettings.from_dict(SettingsItem.get(*settings_key(org)).settings)
        except DoesNotExist:
            found = OrgSettings()
        if self._remembered is not None:
            self._remembered[org] = found
        self._keep(org, found)
        return found

    def recent(self, org: str) -> OrgSettings:
        """The settings as read at most ``RECENT`` ago in this container (read afresh when older)."""
        kept = self._recent.get(org)
        if kept is not None and clock.now() - kept[0] < RECENT:
            return kept[1]
        return self.get(org)

    def _keep(self, org: str, settings: OrgSettings) -> None:
        self._recent.pop(org, None)  # re-inserted last: the dict stays in the order of reading
        self._recent[org] = (clock.now(), settings)
        while len(self._recent) > KEPT:
            del self._recent[next(iter(self._recent))]

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
        self._recent.pop(org, None)
