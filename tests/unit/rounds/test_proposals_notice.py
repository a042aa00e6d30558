"""An employee's proposed peers reach their manager's inbox: one e-mail per proposal, however often it is
delivered, naming only the new colleagues; nothing for a subject without a manager, nothing once it is late."""

from __future__ import annotations

import dataclasses
import json
from types import ModuleType
from typing import Any

import pytest

from janus.kernel.caller import Caller
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, nominate, states
from janus.rounds.schedules import DeadlineSchedules, ReminderSchedules
from tests.unit.invitations.test_mail import html_of
from tests.unit.people.sample import person
from tests.unit.rounds.test_deadline_notice import PUBLIC, Mailbox, invitations_function, text_of
from tests.unit.rounds.test_reminders import QUEUE_ARN, Queues, Scheduler
from tests.unit.stores import RoundStores
from tests.unit.test_sample_events import Context

ORG = "acme"
NAMES = {
    "m1": "Mette Kjær", "e-101": "Anna Hansen", "e-102": "Bo Nielsen", "e-103": "Karen Holm", "e-104": "Jens Lund",
    "e-105": "Ole Berg", "x1": "Hanne Friis", "e-201": "Lise Dahl",
}  # fmt: skip
pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")


def employee(employee_id: str, manager_id: str | None, **fields: Any) -> Employee:
    return dataclasses.replace(person(employee_id, manager_id), name=NAMES[employee_id], **fields)


@dataclasses.dataclass
class Nominating:
    """A 360 cycle that is nominating, for e-101 (managed by the Danish-speaking m1, one peer asked) and m1
    (who has no manager; e-201 is in another team); the cycles function's queues, and the invitations
    function to deliver them to."""

    store: RoundStores
    directory: DynamoEmployeeDirectory
    cycle_id: str
    queues: Queues
    timers: states.CycleTimers
    invitations: ModuleType
    mailbox: Mailbox

    def propose(self, subject_id: str, peers: list[str]) -> list[dict[str, Any]]:
        """Propose as the subject; returns what the proposal queued for the invitations function."""
        before = len(self.queues.sent)
        caller = Caller(sub=subject_id, org=ORG, roles=frozenset({"employee"}))
        nominate.propose_peers(
            ORG, self.cycle_id, subject_id, {"peers": peers}, caller, self.store.roster, self.directory, self.queues
        )
        return [message for queue, message in self.queues.sent[before:] if queue == "invitations"]

    def deliver(self, message: dict[str, Any]) -> None:
        record = {"messageId": f"m-{len(self.mailbox.messages)}", "body": json.dumps(message)}
        answer = self.invitations.lambda_handler({"Records": [record]}, Context())
        assert answer["batchItemFailures"] == []

    def peers_not_asked(self) -> list[str]:
        subject = self.store.subjects.get_subject(ORG, self.cycle_id, "e-101")
        asked = {r.id for r in subject.raters}
        return [p for p in ("e-102", "e-103", "e-104") if p not in asked]


@pytest.fixture
def nominating(aws: Any, stopped_clock: None, monkeypatch: pytest.MonkeyPatch) -> Nominating:
    directory, store = DynamoEmployeeDirectory(), RoundStores()
    directory.put_many(
        ORG,
        [employee("m1", None, locale="da")]
        + [employee(f"e-10{n}", "m1") for n in range(1, 6)]
        + [employee("x1", None), employee("e-201", "x1")],
    )
    body = {
        "name": "Spring 360", "kind": "360", "deadline": "2030-03-24T16:00:00+00:00", "subjects": ["e-101", "m1"],
        "competencies": ["listening"], "raters": {"peer": {"min": 0, "max": 1}},
    }  # fmt: skip
    cycle = create.create_cycle(ORG, body, directory, store.cycles)
    scheduler = Scheduler()
    timers = states.CycleTimers(DeadlineSchedules(scheduler, QUEUE_ARN), ReminderSchedules(scheduler, QUEUE_ARN))
    queues, mailbox = Queues(), Mailbox()
    states.apply_event(ORG, cycle.id, {"type": "nominate"}, store.ledger, queues, timers)
    function = invitations_function(aws, monkeypatch, mailbox)
    return Nominating(store, directory, cycle.id, queues, timers, function, mailbox)


def test_the_manager_is_told_once_in_their_language_even_when_the_notice_comes_twice(nominating):
    first, second = nominating.peers_not_asked()[:2]
    (message,) = nominating.propose("e-101", [first, second])
    assert message["kind"] == "proposals_waiting" and message["proposal_ids"] == [first, second]

    nominating.deliver(message)
    nominating.deliver(message)  # SQS delivers at least once

    (notice,) = nominating.mailbox.messages
    assert str(notice["To"]) == "m1@acme.example.com"
    assert notice["Content-Language"] == "da"
    assert notice["Subject"].strip().startswith("Anna Hansen har foreslået 2 kolleger til Spring 360")
    text = text_of(notice)
    named = [line for line in text.splitlines() if line.startswith("- ")]
    assert named == [f"- {NAMES[first]}", f"- {NAMES[second]}"]  # as proposed
    assert f"{PUBLIC}/team" in text.splitlines()
    everything = f"{notice['Subject']}\n{text}\n{html_of(notice)}"
    for absent in ("e-10", nominating.cycle_id, "/feedback/", "token"):
        assert absent not in everything


def test_a_later_different_proposal_tells_the_manager_again_of_the_new_colleague_only(nominating):
    first, second = nominating.peers_not_asked()[:2]
    (message,) = nominating.propose("e-101", [first])
    nominating.deliver(message)

    (later,) = nominating.propose("e-101", [first, second])  # the first is proposed already
    assert later["proposal_ids"] == [second]
    nominating.deliver(later)

    first_notice, second_notice = nominating.mailbox.messages
    assert f"- {NAMES[first]}" in text_of(first_notice).splitlines()
    lines = text_of(second_notice).splitlines()
    assert f"- {NAMES[second]}" in lines and f"- {NAMES[first]}" not in lines
    assert "1 kollega" in second_notice["Subject"]


def test_proposing_colleagues_already_proposed_or_asked_queues_nothing(nominating):
    first = nominating.peers_not_asked()[0]
    asked = next(r.id for r in nominating.store.subjects.get_subject(ORG, nominating.cycle_id, "e-101").raters
                 if r.relationship == "peer")  # fmt: skip
    assert nominating.propose("e-101", [first])
    assert nominating.propose("e-101", [first, asked]) == []


def test_a_subject_without_a_manager_queues_nothing(nominating):
    assert nominating.propose("m1", ["e-201"]) == []
    subject = nominating.store.subjects.get_subject(ORG, nominating.cycle_id, "m1")
    assert subject.proposals == ({"id": "e-201", "status": "proposed"},)  # kept, for HR to decide


def outcomes(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.outcome for record in caplog.records if hasattr(record, "outcome")]


def test_a_notice_that_arrives_after_launch_sends_nothing_and_says_why(nominating, caplog):
    (message,) = nominating.propose("e-101", nominating.peers_not_asked()[:1])
    states.apply_event(
        ORG, nominating.cycle_id, {"type": "launch", "force": True}, nominating.store.ledger, nominating.queues,
        nominating.timers,
    )  # fmt: skip
    caplog.clear()

    nominating.deliver(message)

    assert nominating.mailbox.messages == []
    assert outcomes(caplog) == ["cycle not nominating"]


def test_a_notice_of_proposals_already_decided_sends_nothing_and_says_why(nominating, caplog):
    proposed = nominating.peers_not_asked()[:1]
    (message,) = nominating.propose("e-101", proposed)
    manager = Caller(sub="m1", org=ORG, roles=frozenset({"employee", "manager"}))
    nominate.decide_proposals(
        ORG, nominating.cycle_id, "e-101", {"reject": proposed}, manager, nominating.store.roster,
        nominating.directory,
    )  # fmt: skip
    caplog.clear()

    nominating.deliver(message)

    assert nominating.mailbox.messages == []
    assert outcomes(caplog) == ["proposals decided"]
