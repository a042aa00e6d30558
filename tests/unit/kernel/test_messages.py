"""Queue messages are typed and versioned: decoded once, dispatched through one table, refused when unknown."""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime

import pytest

from janus.kernel.errors import InvalidInput
from janus.kernel.messages import Codec, dispatch
from janus.reports.messages import Closed, ReportPage
from janus.rounds.messages import LaunchPage, ReminderSlotDue, RemindPage
from janus.rounds.timers import Slot
from tests.conftest import ROOT

SLOT = Slot("o", "c-1", "Europe/Copenhagen", 3, datetime(2030, 3, 21, 8, 0, tzinfo=UTC))


def test_a_message_comes_back_as_it_was_sent_through_its_queue():
    page = RemindPage(
        org="o", cycle_id="c-1", time_zone="Europe/Copenhagen", time_zones=("Europe/Copenhagen", "UTC"),
        round="3d", shard=2, shards=4, start={"PK": "x"}, slot=SLOT, carry=("r1",),
    )  # fmt: skip
    body = json.dumps(page.encode())
    decoded = Codec(RemindPage).decode(body)
    assert decoded == RemindPage(**{**page.__dict__, "time_zones": ["Europe/Copenhagen", "UTC"], "carry": ["r1"]})
    assert decoded.slot == SLOT
    assert json.loads(body)["job"] == "remind"
    assert json.loads(body)["v"] == 1


def test_a_slot_schedule_carries_what_its_pages_need_and_names_its_slot():
    due = ReminderSlotDue.of(SLOT, ["Europe/Copenhagen", "UTC"], 4)
    decoded = Codec(ReminderSlotDue).decode(json.dumps(due.encode()))
    assert decoded.slot == SLOT
    assert (decoded.time_zones, decoded.shards) == (["Europe/Copenhagen", "UTC"], 4)


def test_a_report_job_carries_its_closed_cycle_typed():
    closed = Closed("Autumn", "360", "2030-03-24T16:00:00+00:00", 3, False, 1)
    job = ReportPage(org="o", cycle_id="c-1", shard=0, start=None, partial=None, cycle=closed)
    assert Codec(ReportPage).decode(json.dumps(job.encode())).cycle == closed


def test_a_version_this_code_does_not_read_is_refused_by_name():
    body = {**LaunchPage(org="o", cycle_id="c-1", shard=0, start=None, count=0).encode(), "v": 2}
    with pytest.raises(InvalidInput, match="launch message of version 2"):
        Codec(LaunchPage).decode(body)


def test_a_message_missing_a_field_is_refused_naming_it():
    with pytest.raises(InvalidInput, match="a launch message needs shard, count"):
        Codec(LaunchPage).decode({"job": "launch", "v": 1, "org": "o", "cycle_id": "c-1", "start": None})


def test_a_message_of_a_kind_the_consumer_does_not_take_is_refused():
    with pytest.raises(InvalidInput, match="no handler for the message"):
        Codec(LaunchPage).decode({"job": "remind", "v": 1})
    with pytest.raises(InvalidInput, match="must be a JSON object"):
        Codec(LaunchPage).decode("[1, 2]")


def test_a_decoded_message_without_a_handler_is_an_error_not_dropped():
    with pytest.raises(InvalidInput, match="no handler for a launch message here"):
        dispatch({}, LaunchPage(org="o", cycle_id="c-1", shard=0, start=None, count=0))


@pytest.mark.parametrize("function", ["cycles", "reminders", "invitations", "reports"])
def test_every_kind_a_function_decodes_has_its_handler(function, aws, monkeypatch):
    for name, value in aws.environment().items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(f"table_{function}", ROOT / "functions" / function / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.MESSAGES.kinds.values()) == set(module.HANDLERS)
