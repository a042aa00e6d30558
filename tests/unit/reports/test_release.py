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
