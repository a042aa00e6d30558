"""The missed-slot nudge: one schedule per pair, set with the cadence and moved by a completed check-in; a slot
that falls due with no check-in held since is counted missed and nudges both people once each, in their
language, with the way to their own check-ins page, never with anything said in a check-in."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import boto3
import pytest

from janus.checkins import flow, slots
from janus.checkins.checkin import after
from janus.checkins.messages import SlotDue
from janus.checkins.store import CheckInStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory

QUEUE = "arn:aws:sqs:us-east-1:123456789012:performance"


@dataclass
class Mailbox:
    sent: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        if str(message["To"]) in self.refuse:
            raise RuntimeError("refused")
        self.sent.append(email.message_from_bytes(message.as_bytes(), policy=email.policy.default))  # type: ignore[arg-type]


@dataclass
class World:
    ports: flow.Ports
    slot_ports: slots.SlotPorts
    mailbox: Mailbox
    scheduler: Any
    group: str


def caller(who: str) -> Caller:
    return Caller(sub=who, org="o", roles=frozenset({"employee", "manager"} if who == "m" else {"employee"}))


@pytest.fixture
def world(aws: Any, stopped_clock: None) -> World:
    DynamoEmployeeDirectory().put_many(
        "o",
        [
            Employee("m", "Mette Manager", "m@example.com", None, "Sales", "technical", "da"),
            Employee("e", "Erik Employee", "e@example.com", "m", "Sales", "technical", "en"),
        ],
    )
    scheduler = boto3.client("scheduler", region_name="us-east-1")
    group = aws.environment()["SCHEDULE_GROUP"]
    schedules = slots.SlotSchedules(OneTimeSchedules(scheduler, group, "arn:aws:iam::123456789012:role/s"), QUEUE)
    mailbox = Mailbox()
    ports = flow.Ports(
        checkins=CheckInStore(),
        directory=DynamoEmployeeDirectory(),
        schedule=schedules.set,
        focus=lambda org, employee: None,
        open_goals=lambda org, owner: {"open": [], "path": f"/goals?owner={owner}", "console": "/my-goals"},
        threshold=lambda org: 1,
    )
    slot_ports = slots.SlotPorts(
        checkins=CheckInStore(),
        directory=DynamoEmployeeDirectory(),
        mailer=mailbox,
        sender="Janus <janus@example.com>",
        configuration_set=None,
        public_url=lambda: "https://janus.example.com",
        schedule=schedules.set,
    )
    return World(ports, slot_ports, mailbox, scheduler, group)


def scheduled(world: World) -> SlotDue:
    made = world.scheduler.get_schedule(Name=slots.schedule_name("o", "e"), GroupName=world.group)
    import json

    values = json.loads(made["Target"]["Input"])
    assert made["Target"]["Arn"] == QUEUE
    return SlotDue(org=values["org"], employee_id=values["employee_id"], slot=values["slot"], due=values["due"])


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def fire(world: World, message: SlotDue) -> int:
    return slots.slot_due(message, world.slot_ports, clock.now())


def test_a_missed_slot_nudges_both_once_in_their_language_and_the_next_slot_is_scheduled(world):
    flow.set_cadence(caller("m"), "e", {"cadence": "weekly"}, world.ports)
    made = flow.create(caller("e"), {"employee_id": "e"}, world.ports)
    flow.add_topic(caller("e"), made["id"], {"text": "My secret topic"}, world.ports)
    flow.put_notes(caller("e"), made["id"], {"private": "Private words", "shared": "Shared words"}, world.ports)
    due = scheduled(world)
    assert due.slot == 1
    clock.advance(datetime.fromisoformat(due.due) - clock.now())

    assert fire(world, due) == 2
    by_reader = {str(m["To"]): m for m in world.mailbox.sent}
    assert set(by_reader) == {"e@example.com", "m@example.com"}
    assert by_reader["e@example.com"]["Subject"] == "Your check-in with Mette Manager was missed"
    assert "https://janus.example.com/my-check-ins" in text_of(by_reader["e@example.com"])
    assert by_reader["m@example.com"]["Subject"] == "Jeres opfølgningssamtale med Erik Employee blev ikke holdt"
    assert "https://janus.example.com/team/check-ins" in text_of(by_reader["m@example.com"])
    for message in world.mailbox.sent:
        whole = message.as_string()
        for said in ("secret topic", "Private words", "Shared words"):
            assert said not in whole

    # Fired again (a duplicate delivery, or the schedule twice): nothing more.
    assert fire(world, due) == 0 and len(world.mailbox.sent) == 2
    pair = CheckInStore().pair("o", "e")
    assert (pair.slot, pair.missed, pair.held) == (2, 1, 0)
    following = scheduled(world)
    assert following.slot == 2 and following.due == after("weekly", datetime.fromisoformat(due.due)).isoformat()
    assert CheckInStore().stats("o")[0]["missed"] == 1


def test_a_check_in_completed_before_the_slot_moves_it_and_the_old_firing_does_nothing(world):
    flow.set_cadence(caller("m"), "e", {"cadence": "weekly"}, world.ports)
    old = scheduled(world)
    made = flow.create(caller("m"), {"employee_id": "e"}, world.ports)
    flow.complete(caller("m"), made["id"], world.ports)
    moved = scheduled(world)
    assert moved.slot == old.slot + 1
    assert fire(world, old) == 0 and world.mailbox.sent == []
    pair = CheckInStore().pair("o", "e")
    assert (pair.missed, pair.held) == (0, 1)


def test_an_e_mail_that_could_not_go_is_sent_by_the_next_delivery_and_the_other_is_not_sent_twice(world):
    flow.set_cadence(caller("m"), "e", {"cadence": "monthly"}, world.ports)
    due = scheduled(world)
    world.mailbox.refuse = {"m@example.com"}
    with pytest.raises(RuntimeError):
        fire(world, due)
    assert [str(m["To"]) for m in world.mailbox.sent] == ["e@example.com"]
    world.mailbox.refuse = set()
    assert fire(world, due) == 1
    assert sorted(str(m["To"]) for m in world.mailbox.sent) == ["e@example.com", "m@example.com"]
    assert fire(world, due) == 0
    assert CheckInStore().pair("o", "e").missed == 1


def test_long_names_still_make_valid_schedule_names():
    name = slots.schedule_name("o" * 80, "e")
    assert len(name) <= 64 and name.startswith("checkins-")
    assert slots.schedule_name("o", "e#1") != slots.schedule_name("o", "e#2")


def test_a_slot_whose_schedule_fires_after_the_pair_met_is_counted_missed_once_and_nudges_nobody(world):
    flow.set_cadence(caller("m"), "e", {"cadence": "weekly"}, world.ports)
    late = scheduled(world)
    clock.advance(datetime.fromisoformat(late.due) - clock.now() + timedelta(days=2))  # the schedule has not fired
    made = flow.create(caller("e"), {"employee_id": "e"}, world.ports)
    flow.complete(caller("m"), made["id"], world.ports)
    pair = CheckInStore().pair("o", "e")
    assert (pair.missed, pair.held) == (1, 1)  # the passed slot, counted with the check-in held after it
    assert CheckInStore().stats("o")[0]["missed"] == 1

    assert fire(world, late) == 0  # it fires at last: the slot has moved on, and they have met
    assert world.mailbox.sent == []
    pair = CheckInStore().pair("o", "e")
    assert (pair.missed, pair.held) == (1, 1) and CheckInStore().stats("o")[0]["missed"] == 1


def test_a_claim_whose_answer_was_lost_is_still_the_one_that_claimed(aws):
    from janus.checkins.store import Pair
    from janus.store.items import MODELS

    store = CheckInStore()
    pair = Pair("o", "e", "m", "Sales", cadence="weekly", next_due=datetime(2030, 3, 4, 9, tzinfo=UTC), slot=1)
    store.set_cadence(None, pair)
    assert store.miss(store.pair("o", "e"), datetime(2030, 3, 11, 9, tzinfo=UTC), {"e", "m"})
    client = MODELS[0]._get_connection().connection.client

    def lost(response: Any, attempts: int, **_: Any) -> int | None:  # DynamoDB's 500 after the write applied
        return 0 if attempts == 1 and response and response[0].status_code == 200 else None

    client.meta.events.register_first("needs-retry.dynamodb.UpdateItem", lost)
    try:
        assert store.claim_owed("o", "e", 1, "e")  # botocore's retry is refused by the claim's own write
    finally:
        client.meta.events.unregister("needs-retry.dynamodb.UpdateItem", lost)
    assert not store.claim_owed("o", "e", 1, "e")  # a second delivery of the slot's message
    assert store.claim_owed("o", "e", 1, "m")
