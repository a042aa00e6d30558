"""The quarterly nudge: each organisation's schedule at its quarter's start, then one e-mail per owner of open
goals, in their language, with the way to their goals; a nudge delivered twice sends nothing twice."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from typing import Any

import boto3
import pytest

from janus.goals import nudges
from janus.goals.goal import Goal
from janus.goals.messages import NudgeBundle, NudgePage, QuarterStarted
from janus.goals.store import GoalStore, owner_shard
from janus.kernel.messages import Message
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import Employee
from janus.people.organisation import OrgSettings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory

NOW = datetime(2030, 4, 1, 7, 0, tzinfo=UTC)


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
    ports: nudges.NudgePorts
    mailbox: Mailbox
    queued: list[Message]


@pytest.fixture
def world(aws: Any) -> World:
    mailbox, queued = Mailbox(), []
    ports = nudges.NudgePorts(
        goals=GoalStore(),
        directory=DynamoEmployeeDirectory(),
        mailer=mailbox,
        sender="Janus <janus@example.com>",
        configuration_set=None,
        public_url=lambda: "https://janus.example.com",
        send=queued.extend,
    )
    return World(ports, mailbox, queued)


def person(who: str, locale: str = "en", active: bool = True) -> Employee:
    return Employee(who, f"Person {who}", f"{who}@example.com", None, "Sales", "technical", locale, active=active)


def goal(owner: str, n: int, status: str = "on_track") -> Goal:
    return Goal(org="o", id=f"g-{owner}-{n}", owner=owner, title=f"Goal {n} of {owner}", due=date(2030, 6, 30),
                created_at=datetime(2030, 1, 1, tzinfo=UTC), created_by=owner, status=status)  # fmt: skip


def set_up(people: list[Employee], goals: list[Goal]) -> None:
    DynamoEmployeeDirectory().put_many("o", people)
    for one in goals:
        GoalStore().create(one, {"kind": "created"})


def every_page(world: World, quarter: str = "2030-Q2") -> int:
    """Run a quarter's chain of pages, and the bundles they queue, to the end; returns the e-mails sent."""
    sent = 0
    pending: list[Message] = [NudgePage("o", quarter, 0)]
    while pending:
        message = pending.pop(0)
        if isinstance(message, NudgePage):
            nudges.nudge_page(message, world.ports)
        else:
            assert isinstance(message, NudgeBundle)
            sent += nudges.nudge_bundle(message, world.ports, NOW)
        pending += world.queued
        world.queued.clear()
    return sent


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


# ---------------------------------------------------------------------------- the schedule


def test_each_organisation_is_scheduled_at_nine_on_its_next_quarters_first_day_once_per_process(aws):
    OrgStore().put("o", OrgSettings(time_zone="Europe/Copenhagen"))
    scheduler = boto3.client("scheduler", region_name="us-east-1")
    group = aws.environment()["SCHEDULE_GROUP"]
    calls: list[str] = []
    schedules = OneTimeSchedules(scheduler, group, "arn:aws:iam::123456789012:role/scheduler")
    original = schedules.set
    schedules.set = lambda name, *args: (calls.append(name), original(name, *args))  # type: ignore[method-assign]
    planner = nudges.NudgeSchedules(schedules, "arn:aws:sqs:us-east-1:123456789012:performance", OrgStore())
    planner.ensure("o", date(2030, 3, 4))
    planner.ensure("o", date(2030, 3, 20))
    assert calls == ["goals-nudge-o-2030-Q2"]
    made = scheduler.get_schedule(Name="goals-nudge-o-2030-Q2", GroupName=group)
    assert made["ScheduleExpression"] == "at(2030-04-01T07:00:00)"  # 09:00 summer time in Copenhagen
    assert '"quarter": "2030-Q2"' in made["Target"]["Input"]
    planner.ensure("o", date(2030, 4, 1))
    assert calls == ["goals-nudge-o-2030-Q2", "goals-nudge-o-2030-Q3"]


def test_a_quarter_that_starts_queues_the_first_page_and_schedules_the_next(world):
    scheduled: list[tuple[str, date]] = []

    class Planner:
        def ensure(self, org: str, today: date) -> None:
            scheduled.append((org, today))

    nudges.quarter_started(QuarterStarted("o", "2030-Q2"), world.ports, Planner())  # type: ignore[arg-type]
    assert world.queued == [NudgePage("o", "2030-Q2", 0)]
    assert scheduled == [("o", date(2030, 4, 1))]  # the planner schedules the quarter after this day's


def test_long_organisation_ids_still_make_valid_schedule_names():
    name = nudges.schedule_name("o" * 80, "2030-Q2")
    assert len(name) <= 64 and name.endswith("-2030-Q2")


# ---------------------------------------------------------------------------- the e-mails


def test_each_owner_of_open_goals_gets_one_e_mail_in_their_language_and_only_once(world):
    set_up(
        [person("ann"), person("bo", "da"), person("cy"), person("di", active=False)],
        [goal("ann", 1), goal("ann", 2), goal("bo", 1), goal("cy", 1, status="done"), goal("di", 1)],
    )
    assert every_page(world) == 2
    by_reader = {str(m["To"]): m for m in world.mailbox.sent}
    assert set(by_reader) == {"ann@example.com", "bo@example.com"}  # cy's goal is done, di has left
    ann = text_of(by_reader["ann@example.com"])
    assert "- Goal 1 of ann" in ann and "- Goal 2 of ann" in ann
    assert "https://janus.example.com/my-goals" in ann.splitlines()
    assert by_reader["ann@example.com"]["Subject"] == "A new quarter: do your goals still fit? (2030-Q2)"
    assert by_reader["bo@example.com"]["Subject"] == "Et nyt kvartal: passer dine mål stadig? (2030-Q2)"
    assert by_reader["bo@example.com"]["Content-Language"] == "da"

    assert every_page(world) == 0, "a nudge delivered again sends nothing"
    assert every_page(world, "2030-Q3") == 2, "the next quarter nudges again"


def test_pages_go_owner_by_owner_through_a_shard_and_miss_nobody(world, monkeypatch):
    # Owners of one shard, each with three open goals, read four goals a page.
    owners = sorted(f"p{n}" for n in range(60) if owner_shard(f"p{n}") == 5)[:5]
    set_up([person(o) for o in owners], [goal(o, n) for o in owners for n in (1, 2, 3)])
    monkeypatch.setattr(nudges, "PAGE_GOALS", 4)
    assert every_page(world) == len(owners)
    assert sorted(str(m["To"]) for m in world.mailbox.sent) == sorted(f"{o}@example.com" for o in owners)
    assert all(text_of(m).count("- Goal ") == 3 for m in world.mailbox.sent), "an owner's goals in one e-mail"


def test_bundles_are_full_across_shards_and_the_last_takes_what_is_left(world, monkeypatch):
    owners = [f"p{n}" for n in range(23)]
    assert len({owner_shard(o) for o in owners}) > 5
    set_up([person(o) for o in owners], [goal(o, 1) for o in owners])
    monkeypatch.setattr(nudges, "BUNDLE", 5)
    bundles: list[int] = []
    nudge_bundle = nudges.nudge_bundle
    monkeypatch.setattr(nudges, "nudge_bundle", lambda m, *a: (bundles.append(len(m.owners)), nudge_bundle(m, *a))[1])
    assert every_page(world) == 23
    assert bundles == [5, 5, 5, 5, 3]


def test_an_e_mail_that_cannot_go_comes_back_alone(world):
    set_up([person("ann"), person("bo")], [goal("ann", 1), goal("bo", 1)])
    world.mailbox.refuse.add("ann@example.com")
    bundle = NudgeBundle("o", "2030-Q2", ({"id": "ann", "titles": ["A"]}, {"id": "bo", "titles": ["B"]}))
    with pytest.raises(RuntimeError, match="1 of 2"):
        nudges.nudge_bundle(bundle, world.ports, NOW)
    assert [str(m["To"]) for m in world.mailbox.sent] == ["bo@example.com"]
    world.mailbox.refuse.clear()
    assert nudges.nudge_bundle(bundle, world.ports, NOW) == 1
    assert sorted(str(m["To"]) for m in world.mailbox.sent) == ["ann@example.com", "bo@example.com"]


def test_an_owner_with_many_goals_is_told_how_many_more(world):
    set_up([person("ann", "da")], [goal("ann", n) for n in range(13)])
    assert every_page(world) == 1
    text = text_of(world.mailbox.sent[0])
    assert text.count("- Goal ") == 10 and "og 3 mere" in text


def test_a_nudge_lists_ten_goals_and_says_how_many_more():
    from janus.goals.mail import render_goals_nudge

    message = render_goals_nudge(sender="j@example.com", to="a@example.com", reader_name="Ann", locale="da",
                                 quarter="2030-Q2", titles=[f"Mål {n}" for n in range(13)],
                                 goals_link="https://janus.example.com/my-goals")  # fmt: skip
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert text.count("- Mål ") == 10 and "og 3 mere" in text
    with pytest.raises(ValueError, match="https"):
        render_goals_nudge(sender="j@example.com", to="a@example.com", reader_name="Ann", locale="en",
                           quarter="2030-Q2", titles=["x"], goals_link="/my-goals")  # fmt: skip
