"""The organisation's settings: read once per batch of messages, afresh outside one."""

from __future__ import annotations

import dataclasses

from janus.kernel.metering import REQUESTS
from janus.people.organisation import OrgSettings
from janus.people.organisation_store import OrgStore


def test_settings_are_read_once_while_remembering_and_afresh_after(aws):
    orgs = OrgStore()
    orgs.put("acme", OrgSettings(time_zone="Europe/Copenhagen"))

    before = REQUESTS.snapshot()
    with orgs.remembering():
        zones = [orgs.get("acme").time_zone for _ in range(10)] + [orgs.get("other").time_zone]
    assert REQUESTS.since(before)[("dynamodb", "GetItem")] == 2  # acme once, other once
    assert zones[:10] == ["Europe/Copenhagen"] * 10
    assert zones[10] == OrgSettings().time_zone

    orgs.put("acme", dataclasses.replace(OrgSettings(), time_zone="America/New_York"))
    assert orgs.get("acme").time_zone == "America/New_York"  # outside a batch every read is fresh
