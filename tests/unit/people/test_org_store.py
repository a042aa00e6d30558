"""The organisation's settings: read once per batch of messages, afresh outside one; and, for the stamps of how
long records are kept, a copy of at most five minutes per container, forgotten by the container's own change."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from janus.kernel import clock
from janus.kernel.metering import REQUESTS
from janus.people.organisation import OrgSettings
from janus.people.organisation_store import RECENT, OrgStore


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


def gets(since: dict) -> int:
    return REQUESTS.since(since)[("dynamodb", "GetItem")]


def test_recent_settings_are_read_once_in_five_minutes_and_afresh_after(aws, stopped_clock):
    orgs = OrgStore()
    OrgStore().put("acme", OrgSettings(retention_months=12))  # another container's change

    before = REQUESTS.snapshot()
    assert [orgs.recent("acme").retention_months for _ in range(5)] == [12] * 5
    assert gets(before) == 1

    OrgStore().put("acme", OrgSettings(retention_months=24))  # saved in another container: not seen yet...
    clock.advance(RECENT - timedelta(seconds=1))
    assert orgs.recent("acme").retention_months == 12
    assert orgs.get("acme").retention_months == 24  # ...but a fresh read sees it, and is remembered
    assert orgs.recent("acme").retention_months == 24

    OrgStore().put("acme", OrgSettings(retention_months=48))
    clock.advance(RECENT)  # five minutes on, the copy is read again
    before = REQUESTS.snapshot()
    assert orgs.recent("acme").retention_months == 48
    assert gets(before) == 1


def test_a_change_saved_in_the_container_is_seen_by_its_next_recent_read(aws, stopped_clock):
    orgs = OrgStore()
    assert orgs.recent("acme").retention_months == 36
    orgs.put("acme", OrgSettings(retention_months=6))
    assert orgs.recent("acme").retention_months == 6


def test_each_store_keeps_its_own_copies(aws, stopped_clock):
    """Two functions' containers (the local stack runs both in one process) do not share what they read."""
    performance, cycles = OrgStore(), OrgStore()
    assert performance.recent("acme").retention_months == 36
    cycles.put("acme", OrgSettings(retention_months=6))
    assert cycles.recent("acme").retention_months == 6
    assert performance.recent("acme").retention_months == 36  # until its five minutes are up
    clock.advance(RECENT)
    assert performance.recent("acme").retention_months == 6
