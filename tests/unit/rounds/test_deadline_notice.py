"""The deadline closes a cycle and HR is told, once, with the response rate; a close by HR tells nobody."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import importlib.util
import json
from email.message import EmailMessage
from types import ModuleType
from typing import Any

import pytest

from janus.kernel import clock
from janus.kernel.messages import dispatch
from janus.people.organisation import EscalationRules, OrgSettings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, states
from janus.rounds.handlers import FANOUT, fanout_handlers
from janus.rounds.schedules import DeadlineSchedules, ReminderSchedules
from tests.conftest import ROOT
from tests.unit.people.sample import person
from tests.unit.rounds.test_reminders import QUEUE_ARN, Queues, Scheduler
from tests.unit.stores import RoundStores
from tests.unit.test_sample_events import Context

ORG = "acme"
PUBLIC = "https://janus.example.com"
pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if str(m["To"]) == address]


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return part.get_content()


def invitations_function(aws: Any, monkeypatch: pytest.MonkeyPatch, mailbox: Mailbox) -> ModuleType:
    for name, value in aws.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
    monkeypatch.setenv("PUBLIC_API_URL", PUBLIC)
    monkeypatch.setenv("SENDER_ADDRESS", "feedback@acme.example.com")
    spec = importlib.util.spec_from_file_location("invitations_app", ROOT / "functions" / "invitations" / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.mailer = mailbox
    return module


@dataclasses.dataclass
class Round:
    """A launched cycle of four raters (t2 has answered), its cycle jobs run as the cycles function
    runs them and its invitations queue as the invitations function takes it."""

    store: RoundStores
    cycle_id: str
    queues: Queues
    scheduler: Scheduler
    timers: states.CycleTimers
    invitations: ModuleType
    mailbox: Mailbox

    def event(self, kind: str) -> None:
        states.apply_event(ORG, self.cycle_id, {"type": kind}, self.store.ledger, self.queues, self.timers)

    def deadline(self) -> dict[str, Any]:
        """The deadline's schedule falls due: its message as it goes on the cycle jobs queue."""
        due, payload = self.scheduler.schedules[f"deadline-{self.cycle_id}"]
        clock.advance(due - clock.now())
        return payload

    def deliver(self) -> None:
        while self.queues.sent:
            queue, message = self.queues.sent.pop(0)
            if queue == "jobs":
                handlers = fanout_handlers(
                    self.store.launch, self.store.raters, self.store.ledger, self.queues, self.timers
                )
                dispatch(handlers, FANOUT.decode(message))
            elif queue == "invitations":
                record = {"messageId": str(len(self.mailbox.messages)), "body": json.dumps(message)}
                answer = self.invitations.lambda_handler({"Records": [record]}, Context())
                assert answer["batchItemFailures"] == []


@pytest.fixture
def launched(aws: Any, stopped_clock: None, monkeypatch: pytest.MonkeyPatch) -> Round:
    directory, store = DynamoEmployeeDirectory(), RoundStores()
    hr = dataclasses.replace(person("hr1", None), locale="da", time_zone="Europe/Copenhagen")
    directory.put_many(ORG, [hr, person("m1", None)] + [person(f"t{n}", "m1") for n in range(1, 4)])
    OrgStore().put(ORG, OrgSettings(escalation=EscalationRules(hr_lead="hr1")))
    body = {"name": "Spring 360", "kind": "360", "deadline": "2030-03-24T16:00:00+00:00", "subjects": ["t1"]}
    cycle = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    scheduler, mailbox = Scheduler(), Mailbox()
    timers = states.CycleTimers(DeadlineSchedules(scheduler, QUEUE_ARN), ReminderSchedules(scheduler, QUEUE_ARN))
    function = invitations_function(aws, monkeypatch, mailbox)
    round_ = Round(store, cycle.id, Queues(), scheduler, timers, function, mailbox)
    states.apply_event(ORG, cycle.id, {"type": "launch", "force": True}, store.ledger, round_.queues, timers)
    round_.queues.sent = [(q, m) for q, m in round_.queues.sent if q == "jobs"]  # invitations are not at issue
    round_.deliver()
    (asked,) = store.assignments.assignments_of_raters(ORG, cycle.id, ["t2"], cycle.shards)["t2"]
    store.answers.save_answers(
        asked, ratings={"listening.q1": 4}, comments={}, overall=None, status="submitted",
        allowed_from=("pending", "in_progress"), counters={"submitted": 1},
    )  # fmt: skip
    mailbox.messages.clear()
    return round_


def test_the_deadline_tells_the_hr_lead_once_in_their_language_with_the_response_rate(launched):
    payload = launched.deadline()
    launched.queues.send("jobs", [payload, payload])  # the schedule's message, delivered twice
    launched.deliver()

    (notice,) = launched.mailbox.messages
    assert str(notice["To"]) == "hr1@acme.example.com"
    assert notice["Content-Language"] == "da"
    assert "Spring 360" in notice["Subject"]
    text = text_of(notice)
    assert "1 af 4" in text  # submitted of asked
    assert "25 %" in text
    assert f"{PUBLIC}/cycles/{launched.cycle_id}" in text.splitlines()
    assert "24. marts 2030 kl. 17:00 (Europe/Copenhagen)" in text  # the deadline that closed it, in their zone
    assert launched.store.cycles.get(ORG, launched.cycle_id).state == "closed"


def test_the_closed_notice_delivered_twice_sends_one_email(launched):
    launched.queues.send("jobs", [launched.deadline()])
    launched.deliver()
    # the deadline's own notice, as SQS may hand it over again
    notice = {"kind": "closed_by_deadline", "v": 1, "org": ORG, "cycle_id": launched.cycle_id, "hr_lead": "hr1"}
    launched.queues.send("invitations", [notice])
    launched.deliver()
    assert len(launched.mailbox.to("hr1@acme.example.com")) == 1


def test_a_close_by_hr_tells_nobody(launched):
    launched.event("close")
    launched.deliver()
    assert launched.mailbox.messages == []
    assert f"deadline-{launched.cycle_id}" not in launched.scheduler.schedules


def test_an_organisation_without_an_hr_lead_is_told_nothing(launched):
    OrgStore().put(ORG, OrgSettings())
    launched.queues.send("jobs", [launched.deadline()])
    launched.deliver()
    assert launched.mailbox.messages == []
    assert launched.store.cycles.get(ORG, launched.cycle_id).state == "closed"


def test_a_deadline_that_moved_closes_nothing_and_tells_nobody(launched):
    payload = launched.deadline()
    states.apply_event(
        ORG, launched.cycle_id, {"type": "extend", "deadline": "2030-03-31T16:00:00+00:00"},
        launched.store.ledger, launched.queues, launched.timers,
    )  # fmt: skip
    launched.queues.send("jobs", [payload])
    launched.deliver()
    assert launched.mailbox.messages == []
