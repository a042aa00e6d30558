"""How long a check-in is kept: each write stamps the check-in (and the writer's private notes) with the later of
its day and the write, plus the organisation's retention; an action item is stamped when done, never while open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from janus.checkins import flow
from janus.checkins.store import CheckInStore, action_key, check_in_key, note_key
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.metering import REQUESTS
from janus.people.employees import Employee
from janus.people.organisation import OrgSettings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.store.items import CheckInActionItem, CheckInItem, CheckInNoteItem


def caller(who: str) -> Caller:
    return Caller(sub=who, org="o", roles=frozenset({"employee", *({"manager"} if who == "m" else set())}))


def epoch(*moment: int) -> int:
    return int(datetime(*moment, tzinfo=UTC).timestamp())


@pytest.fixture
def ports(aws: Any, stopped_clock: None) -> flow.Ports:
    DynamoEmployeeDirectory().put_many(
        "o", [Employee("m", "M", "m@example.com", None, "Sales", "technical", "en"),
              Employee("e", "E", "e@example.com", "m", "Sales", "technical", "en")],
    )  # fmt: skip
    OrgStore().put("o", OrgSettings(retention_months=12))
    orgs = OrgStore()  # the performance function's, with its copy of the settings
    return flow.Ports(
        checkins=CheckInStore(),
        directory=DynamoEmployeeDirectory(),
        schedule=lambda org, employee, slot, when: None,
        focus=lambda org, employee: None,
        open_goals=lambda org, owner: {"open": []},
        threshold=lambda org: 3,
        retention=lambda org: orgs.recent(org).retention_months,
    )


def stamp(model: Any, key: tuple[str, str]) -> int | None:
    found = model.get(*key, consistent_read=True).expires_at
    return None if found is None else int(found)


def test_a_held_check_in_and_its_notes_are_kept_the_organisations_months_after_their_last_write(ports):
    # 2030-03-04 09:00 UTC, a retention of 12 months
    made = flow.create(caller("e"), {"employee_id": "e"}, ports)
    key = check_in_key("o", made["id"])
    assert stamp(CheckInItem, key) == epoch(2031, 3, 5)  # its day's end, a year on

    clock.advance(timedelta(days=1))
    flow.put_notes(caller("e"), made["id"], {"shared": "We met.", "private": "Ask for help"}, ports)
    assert stamp(CheckInItem, key) == stamp(CheckInNoteItem, note_key("o", made["id"], "e")) == epoch(2031, 3, 5, 9)

    action = flow.add_action(caller("m"), made["id"], {"text": "Book the course", "owner": "e"}, ports)["actions"][0]
    held = flow.add_action(caller("m"), made["id"], {"text": "Ask HR", "owner": "m"}, ports)["actions"][-1]
    clock.advance(timedelta(days=2))
    flow.mark_done(caller("e"), made["id"], action["id"], ports)
    assert stamp(CheckInActionItem, action_key("o", "e", action["id"])) == epoch(2031, 3, 7, 9)
    assert stamp(CheckInActionItem, action_key("o", "e", held["id"])) is None  # open: carried on, kept

    clock.advance(timedelta(days=2))
    flow.complete(caller("m"), made["id"], ports)
    assert stamp(CheckInItem, key) == epoch(2031, 3, 9, 9)  # a year after it was held


def test_a_check_in_dated_ahead_is_kept_from_its_day(ports):
    made = flow.create(caller("m"), {"employee_id": "e", "date": "2030-06-01"}, ports)
    flow.add_topic(caller("e"), made["id"], {"text": "My week"}, ports)
    assert stamp(CheckInItem, check_in_key("o", made["id"])) == epoch(2031, 6, 2)


def test_the_stamps_read_the_settings_once_in_five_minutes_not_once_a_write(ports):
    made = flow.create(caller("e"), {"employee_id": "e"}, ports)
    before = REQUESTS.snapshot()
    flow.add_topic(caller("e"), made["id"], {"text": "My week"}, ports)
    flow.put_notes(caller("e"), made["id"], {"private": "Ask for help"}, ports)
    flow.complete(caller("m"), made["id"], ports)
    settings_reads = REQUESTS.since(before)[("dynamodb", "GetItem")] - 1  # the complete reads the pair
    assert settings_reads == 0
