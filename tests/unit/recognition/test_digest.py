"""The weekly digest: one schedule per organisation and week, pages through the week's digest shards, one
bundled e-mail per manager who has it on, in their language, listing their direct reports' public
recognitions; a digest delivered twice is sent once."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import boto3
import pytest

from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.messages import Message
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import Employee
from janus.people.organisation import OrgSettings, OrgValue
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.recognition import digest, flow
from janus.recognition.messages import DigestBundle, DigestDue, DigestPage
from janus.recognition.store import DIGEST_SHARDS, RecognitionStore

PEOPLE = {"m": (None, "en"), "a": ("m", "en"), "b": ("m", "en"), "n": (None, "da"), "d": ("n", "da")}


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
    ports: digest.DigestPorts
    flow: flow.Ports
    mailbox: Mailbox
    queued: list[Message]


@pytest.fixture
def world(aws: Any, stopped_clock: None) -> World:
    DynamoEmployeeDirectory().put_many("o", [
        Employee(i, f"Person {i}", f"{i}@example.com", m, "Sales", "technical", locale)
        for i, (m, locale) in PEOPLE.items()])  # fmt: skip
    OrgStore().put("o", OrgSettings(values=(OrgValue("courage", "Courage"),)))
    mailbox, queued = Mailbox(), []
    ports = digest.DigestPorts(RecognitionStore(), DynamoEmployeeDirectory(), OrgStore(), mailbox,
                               "Janus <janus@example.com>", None, lambda: "https://janus.example.com",
                               queued.extend)  # fmt: skip
    give = flow.Ports(RecognitionStore(), DynamoEmployeeDirectory(), OrgStore(), lambda org, today, zone: None)
    return World(ports, give, mailbox, queued)


def give(world: World, who: str, to: list[str], message: str = "You kept the customer.", **fields: Any) -> None:
    body = {"to": to, "value": "courage", "message": message, **fields}
    flow.give(Caller(sub=who, org="o", roles=frozenset({"employee"})), body, world.flow)


def run(world: World, week: str) -> None:
    """The digest's chain of messages, as the queue would deliver them."""
    world.queued.append(DigestDue("o", week))
    while world.queued:
        message = world.queued.pop(0)
        if isinstance(message, DigestDue):
            digest.digest_due(message, world.ports)
        elif isinstance(message, DigestPage):
            digest.digest_page(message, world.ports)
        elif isinstance(message, DigestBundle):
            digest.digest_bundle(message, world.ports, clock.now())


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_each_manager_gets_one_digest_of_their_reports_public_recognitions_in_their_language(world):
    RecognitionStore().choose("o", None, True)
    give(world, "a", ["b"], "Thank you for the demo.")
    give(world, "b", ["a", "d"])
    give(world, "d", ["a"], "A private thanks.", visibility="private")
    run(world, "2030-W10")
    by_reader = {str(m["To"]): m for m in world.mailbox.sent}
    assert set(by_reader) == {"m@example.com", "n@example.com"}
    english, danish = text_of(by_reader["m@example.com"]), text_of(by_reader["n@example.com"])
    assert "Person a recognised Person b for Courage" in english and "Thank you for the demo." in english
    assert "Person b recognised Person a for Courage" in english and "A private thanks." not in english
    assert "https://janus.example.com/recognition" in english
    assert by_reader["n@example.com"]["Subject"] == "Anerkendelse til dit team, uge 10"
    assert "Person b anerkendte Person d for Courage" in danish


def test_a_digest_delivered_twice_is_sent_once(world):
    RecognitionStore().choose("o", None, True)
    give(world, "a", ["b"])
    run(world, "2030-W10")
    run(world, "2030-W10")
    assert len(world.mailbox.sent) == 1


def test_the_digest_is_off_until_chosen_and_a_managers_own_choice_wins(world):
    give(world, "a", ["b"])
    give(world, "a", ["d"])
    run(world, "2030-W10")
    assert world.mailbox.sent == []
    RecognitionStore().choose("o", "n", True)
    run(world, "2030-W10")
    assert [str(m["To"]) for m in world.mailbox.sent] == ["n@example.com"]


def test_a_refused_mail_is_released_and_its_bundle_comes_back(world):
    RecognitionStore().choose("o", None, True)
    give(world, "a", ["b"])
    world.mailbox.refuse.add("m@example.com")
    with pytest.raises(RuntimeError):
        run(world, "2030-W10")
    world.mailbox.refuse.clear()
    world.queued.clear()
    run(world, "2030-W10")
    assert [str(m["To"]) for m in world.mailbox.sent] == ["m@example.com"]


def test_pages_go_through_every_shard_and_leave_a_manager_whose_entries_go_on_to_the_next_page(world, monkeypatch):
    RecognitionStore().choose("o", None, True)
    monkeypatch.setattr(digest, "PAGE_ENTRIES", 2)
    for n in range(3):
        give(world, "b", ["a"], f"Thanks number {n}.")
        clock.advance(timedelta(minutes=1))
    give(world, "a", ["d"])
    pages: list[DigestPage] = []
    real = digest.digest_page

    def counting(message: DigestPage, ports: digest.DigestPorts) -> int:
        pages.append(message)
        return real(message, ports)

    monkeypatch.setattr(digest, "digest_page", counting)
    run(world, "2030-W10")
    assert {p.shard for p in pages} == set(range(DIGEST_SHARDS))
    (to_m,) = [m for m in world.mailbox.sent if str(m["To"]) == "m@example.com"]
    assert all(f"Thanks number {n}." in text_of(to_m) for n in range(3))


def test_one_schedule_a_week_at_monday_eight_in_the_organisations_time_zone(world):
    OrgStore().put("o", OrgSettings(time_zone="Europe/Copenhagen"))
    scheduler = boto3.client("scheduler", region_name="us-east-1")
    scheduler.create_schedule_group(Name="janus")
    schedules = digest.DigestSchedules(OneTimeSchedules(scheduler, "janus", "arn:aws:iam::1:role/s"),
                                       "arn:aws:sqs:us-east-1:1:q", OrgStore())  # fmt: skip
    schedules.ensure("o", date(2030, 3, 6))
    schedules.ensure("o", date(2030, 3, 7), "Europe/Copenhagen")
    found = scheduler.get_schedule(Name=digest.schedule_name("o", "2030-W10"), GroupName="janus")
    assert found["ScheduleExpression"] == "at(2030-03-11T07:00:00)"  # 08:00 in Copenhagen
    listed = scheduler.list_schedules(GroupName="janus")["Schedules"]
    assert len(listed) == 1
