"""The organisation's settings item: PK ORG#<org>, SK SETTINGS."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from janus.organisation import OrgSettings
from janus.store.models import SettingsItem


class OrgStore:
    def get(self, org: str) -> OrgSettings:
        try:
            return OrgSettings.from_dict(SettingsItem.get(f"ORG#{org}", "SETTINGS").settings)
        except DoesNotExist:
            return OrgSettings()

    def put(self, org: str, settings: OrgSettings) -> None:
        SettingsItem(f"ORG#{org}", "SETTINGS", org=org, settings=settings.as_dict()).save()
