"""Releasing a cycle's reports: each subject told of their own, each manager once of their team's,
however the subjects fall on the release's shards and pages and however often a job is delivered."""

from __future__ import annotations

import importlib.util
import json
import re
from types import ModuleType
from typing import Any

import pytest

from janus.kernel.messages import dispatch
from janus.people.store import DynamoEmployeeDirectory
from janus.reports import pipeline
from janus.rounds import create, states
from tests.conftest import ROOT
from tests.unit.people.sample import person
from tests.unit.rounds.test_deadline_notice import PUBLIC, Mailbox, invitations_function, text_of
from tests.unit.rounds.test_reminders import Queues
from tests.unit.stores import RoundStores
from tests.unit.test_sample_events import Context

ORG = "acme"
TEAM = [f"t{n:02}" for n in range(1, 13)]
pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")


def reports_function(aws: Any, monkeypatch: pytest.MonkeyPatch, queues: Queues) -> ModuleType:
    for name, value in aws.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
    spec = importlib.util.spec_from_file_location("reports_app", ROOT / "functions" / "reports" / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.jobs = queues
    return module


@pytest.fixture
def released(aws: Any, stopped_clock: None, monkeypatch: pytest.MonkeyPatch) -> tuple[Queues, str]:
    """A reported cycle of 14 subjects over 3 shards (pages of 2): m1's team of 12 and m2's of 2; HR
    has released it, and its release jobs are on the queue."""
    monkeypatch.setattr(create, "fanout_shards", lambda subjects: 3)
    monkeypatch.setattr(pipeline, "PAGE", 2)
    directory, store, queues = DynamoEmployeeDirectory(), RoundStores(), Queues()
    people = [person("m1", None), person("m2", None), person("u1", "m2"), person("u2", "m2")]
    directory.put_many(ORG, [*people, *(person(t, "m1") for t in TEAM)])
    body = {"name": "Spring 360", "kind": "360", "deadline": "2030-03-24T16:00:00+00:00"}
    body["subjects"] = [*TEAM, "u1", "u2"]
    made = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    assert made.shards == 3
    store.cycles.transition(ORG, made.id, ("draft",), "reported")
    states.apply_event(ORG, made.id, {"type": "release"}, store.ledger, queues, states.CycleTimers(None, None))
    return queues, made.id


def deliver(queues: Queues, reports: ModuleType, invitations: ModuleType, twice: bool = False) -> None:
    """The reports queue as the reports function takes it (each job ``twice`` if asked), then the invitations."""
    while work := [(q, m) for q, m in queues.sent if q == "reports"]:
        queues.sent.remove(work[0])
        for _ in range(2 if twice else 1):
            dispatch(reports.HANDLERS, reports.MESSAGES.decode(work[0][1]))
    notices = [m for q, m in queues.sent if q == "invitations"]
    queues.sent.clear()
    for n, notice in enumerate(notices):
        answer = invitations.lambda_handler({"Records": [{"messageId": str(n), "body": json.dumps(notice)}]}, Context())
        assert answer["batchItemFailures"] == []


@pytest.mark.parametrize("twice", [False, True])
def test_each_manager_gets_one_email_listing_every_report_of_their_team(released, aws, monkeypatch, twice):
    queues, cycle_id = released
    mailbox = Mailbox()
    reports = reports_function(aws, monkeypatch, queues)
    invitations = invitations_function(aws, monkeypatch, mailbox)
    deliver(queues, reports, invitations, twice=twice)

    (team,) = mailbox.to("m1@acme.example.com")
    text = text_of(team)
    links = re.findall(rf"{PUBLIC}/reports/{cycle_id}/(\w+)", text)
    assert sorted(links) == TEAM
    assert all(f"Person {t}" in text for t in TEAM)
    assert len(mailbox.to("m2@acme.example.com")) == 1
    for subject in [*TEAM, "u1", "u2"]:
        (own,) = mailbox.to(f"{subject}@acme.example.com")
        assert f"{PUBLIC}/reports/{cycle_id}/{subject}" in text_of(own)
    assert len(mailbox.messages) == 14 + 2


class DyingQueues(Queues):
    """Queues whose first send of the managers' notices fails, as an invocation ended there would."""

    def __init__(self, queues: Queues) -> None:
        super().__init__()
        self.sent = queues.sent
        self.dying = True

    def send(self, queue: str, messages: list[dict[str, Any]]) -> None:
        if self.dying and any(m.get("kind") == "team_released" for m in messages):
            self.dying = False
            raise TimeoutError("the invocation ended here")
        super().send(queue, messages)


def test_the_last_release_job_ending_before_it_told_the_managers_tells_them_when_delivered_again(
    released, aws, monkeypatch
):
    queues, _ = released
    dying = DyingQueues(queues)
    mailbox = Mailbox()
    reports = reports_function(aws, monkeypatch, dying)
    invitations = invitations_function(aws, monkeypatch, mailbox)
    ended = 0
    while work := [(q, m) for q, m in dying.sent if q == "reports"]:
        try:
            dispatch(reports.HANDLERS, reports.MESSAGES.decode(work[0][1]))
        except TimeoutError:
            ended += 1
            continue  # not removed: SQS delivers it again
        dying.sent.remove(work[0])
    assert ended == 1
    deliver(dying, reports, invitations)

    assert len(mailbox.to("m1@acme.example.com")) == 1
    assert len(mailbox.to("m2@acme.example.com")) == 1


class Stopped:
    """Schedules that are there to be cleared."""

    def clear(self, *args: Any) -> None:
        pass


def test_the_last_report_job_ending_before_the_cycle_was_reported_reports_it_when_delivered_again(
    aws, stopped_clock, monkeypatch
):
    monkeypatch.setattr(create, "fanout_shards", lambda subjects: 3)
    monkeypatch.setattr(pipeline, "PAGE", 2)
    directory, store, queues = DynamoEmployeeDirectory(), RoundStores(), Queues()
    directory.put_many(ORG, [person("m1", None), *(person(t, "m1") for t in TEAM)])
    body = {"name": "Spring 360", "kind": "360", "deadline": "2030-03-24T16:00:00+00:00", "subjects": TEAM}
    made = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    store.cycles.transition(ORG, made.id, ("draft",), "open")
    timers = states.CycleTimers(Stopped(), Stopped())  # type: ignore[arg-type]
    states.apply_event(ORG, made.id, {"type": "close"}, store.ledger, queues, timers)
    reports = reports_function(aws, monkeypatch, queues)
    finish = pipeline.Analytics.finish
    calls = {"n": 0}

    def ends_once(self: Any, *args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise TimeoutError("the invocation ended here")
        return finish(self, *args)

    monkeypatch.setattr(pipeline.Analytics, "finish", ends_once)
    ended = 0
    while work := [(q, m) for q, m in queues.sent if q == "reports"]:
        try:
            dispatch(reports.HANDLERS, reports.MESSAGES.decode(work[0][1]))
        except TimeoutError:
            ended += 1
            continue  # SQS delivers it again
        queues.sent.remove(work[0])

    assert ended == 1
    assert store.cycles.get(ORG, made.id).state == "reported"
