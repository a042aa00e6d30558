"""A batch of ReportReady events opens its cases together: a constant number of DynamoDB requests,
each case once however often its report comes, and failures reported for the messages they hit."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from datetime import datetime, timedelta
from email.message import EmailMessage
from types import ModuleType
from typing import Any

import pytest

import janus.store
from janus.escalations.case import case_id
from janus.escalations.opening import cases_from_report
from janus.escalations.store import CaseFilter, EscalationStore
from janus.kernel import clock
from janus.kernel.metering import REQUESTS
from janus.people.employees import Employee
from janus.people.organisation import EscalationRules, OrgSettings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from tests.conftest import ROOT
from tests.unit.test_sample_events import Context

ORG = "o"
# The function publishes no metrics of its own; Powertools warns of that on every invocation.
pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")


class Mailer:
    """Accepts every message but those to ``refused``, as SES refuses an address it will not send to."""

    def __init__(self) -> None:
        self.refused: set[str] = set()
        self.sent: list[tuple[str, str]] = []  # (to, case)

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        if str(message["To"]) in self.refused:
            raise RuntimeError("MessageRejected")
        self.sent.append((str(message["To"]), tags["case"]))


class Schedules:
    def __init__(self) -> None:
        self.set_for: list[str] = []

    def set(self, name: str, when: datetime, target_arn: str, payload: dict[str, Any]) -> None:
        self.set_for.append(name)

    def clear(self, name: str) -> None:
        self.set_for.remove(name)


def person(employee_id: str, manager_id: str | None) -> Employee:
    return Employee(
        id=employee_id,
        name=f"Person {employee_id}",
        email=f"{employee_id}@o.example.com",
        manager_id=manager_id,
        department="R&D",
        job_class="technical",
        locale="en",
    )


@pytest.fixture(autouse=True)
def _clock(stopped_clock: None) -> None:
    """A clock that moves only when the test moves it."""


@pytest.fixture
def function(aws: Any, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The escalations function on moto, with 60 employees under one manager and an HR lead, and
    e-mails and schedules kept in memory."""
    for name, value in aws.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
    spec = importlib.util.spec_from_file_location("escalations_app", ROOT / "functions" / "escalations" / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ports = dataclasses.replace(module.ports, mailer=Mailer(), schedules=Schedules())
    people = [person("m", None), person("hr1", None)] + [person(employee(n), "m") for n in range(60)]
    DynamoEmployeeDirectory().put_many(ORG, people)
    OrgStore().put(ORG, OrgSettings(escalation=EscalationRules(hr_lead="hr1")))
    return module


def employee(number: int) -> str:
    return f"e{number:02}"


def ready(number: int, *, causes: int = 1, cycle_id: str = "c1") -> dict[str, Any]:
    """An SQS record of a ReportReady event for a weak report: ``causes`` cases (1 or 2)."""
    detail = {
        "org": ORG,
        "cycle_id": cycle_id,
        "subject_id": employee(number),
        "manager_id": "m",
        "others_overall": 1.5,
        "competencies": {"listening": 1.0 if causes == 2 else 3.0},
    }
    body = {"detail-type": "ReportReady", "source": "janus", "detail": detail}
    return sqs_record(f"{cycle_id}-{employee(number)}", body)


def sqs_record(message_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "messageId": message_id,
        "receiptHandle": f"handle-{message_id}",
        "body": json.dumps(body),
        "attributes": {"ApproximateReceiveCount": "1"},
        "messageAttributes": {},
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:janus-EscalationsQueue",
        "awsRegion": "us-east-1",
    }


def deliver(function: ModuleType, records: list[dict[str, Any]]) -> tuple[list[str], dict[tuple[str, str], int]]:
    """One invocation: the messages SQS is to deliver again, and the DynamoDB requests made."""
    before = REQUESTS.snapshot()
    answer = function.lambda_handler({"Records": records}, Context())
    made = {operation: n for (service, operation), n in REQUESTS.since(before).items() if service == "dynamodb"}
    return [failure["itemIdentifier"] for failure in answer["batchItemFailures"]], made


def cases() -> list[str]:
    page = EscalationStore().page_for_org(ORG, CaseFilter(), limit=1000)
    assert page.after is None
    return sorted(case.employee_id for case in page.cases)


def test_a_batch_of_reports_opens_its_cases_in_three_requests_and_a_replay_opens_none(function):
    batch = [ready(n) for n in range(30)]

    failed, made = deliver(function, batch)

    assert failed == []
    assert cases() == [employee(n) for n in range(30)]
    detail = json.loads(batch[7]["body"])["detail"]
    expected = cases_from_report(ORG, employee(7), "m", "c1", detail, EscalationRules(hr_lead="hr1"))
    # As a single conditional put stored it, in the employee's department as read with the people told.
    assert EscalationStore().get(ORG, expected[0].id) == dataclasses.replace(expected[0], department="R&D")
    # The rules, the people told (one BatchGetItem for up to 100), the cases (one transaction for up to 100).
    assert made == {"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1}
    mailer, schedules = function.ports.mailer, function.ports.schedules
    assert len(mailer.sent) == 60  # the manager and the HR lead, for each case
    assert {to for to, _ in mailer.sent} == {"m@o.example.com", "hr1@o.example.com"}
    assert sorted(schedules.set_for) == sorted(f"case-{case_id(ORG, employee(n), 'others_overall')}" for n in range(30))

    failed, made = deliver(function, batch)  # SQS delivers the same batch again

    assert failed == []
    assert len(cases()) == 30
    assert len(mailer.sent) == 60
    assert len(schedules.set_for) == 30
    assert made == {"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1}


def test_a_partly_replayed_batch_opens_the_cases_not_yet_open_in_the_same_invocation(function):
    deliver(function, [ready(n) for n in range(10)])
    mailer = function.ports.mailer
    told_before = len(mailer.sent)

    failed, made = deliver(function, [ready(n) for n in range(30)])

    assert failed == []
    assert cases() == [employee(n) for n in range(30)]
    new = {case_id(ORG, employee(n), "others_overall").replace("esc-", "") for n in range(10, 30)}
    assert {case for _, case in mailer.sent[told_before:]} == new
    assert len(mailer.sent) - told_before == 40
    assert len(function.ports.schedules.set_for) == 30
    # The first transaction is cancelled by the ten that exist; the twenty others are written by the second.
    assert made == {"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 2}


def test_past_a_hundred_cases_a_transaction_per_hundred(function):
    failed, made = deliver(function, [ready(n, causes=2) for n in range(60)])

    assert failed == []
    assert len(cases()) == 120
    assert len(function.ports.mailer.sent) == 240
    assert made == {"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 2}


def test_two_reports_on_one_employee_in_a_batch_open_each_case_once(function):
    first, second = ready(1, cycle_id="c1"), ready(1, causes=2, cycle_id="c2")

    failed, _ = deliver(function, [first, second])

    assert failed == []
    stored = {case.cause: case for case in EscalationStore().list_for_employees(ORG, [employee(1)])}
    assert set(stored) == {"others_overall", "competency:listening"}
    assert stored["others_overall"].source["cycle_id"] == "c1"  # the first report's
    assert len(function.ports.mailer.sent) == 4


def test_a_failed_write_sends_the_reports_back_and_the_deadlines_go_on(function, monkeypatch):
    deliver(function, [ready(0)])
    opened = EscalationStore().get(ORG, case_id(ORG, employee(0), "others_overall"))
    assert opened is not None and opened.due is not None
    clock.advance(timedelta(days=6))
    due = sqs_record("due-1", {"job": "due", "org": ORG, "case_id": opened.id, "due": opened.due.isoformat()})
    batch = [ready(1), due, ready(2), ready(3)]

    def unavailable(write: Any) -> None:
        raise RuntimeError("InternalServerError")

    with monkeypatch.context() as patch:
        patch.setattr(janus.store, "commit", unavailable)
        failed, _ = deliver(function, batch)

    assert sorted(failed) == ["c1-e01", "c1-e02", "c1-e03"]
    escalated = EscalationStore().get(ORG, opened.id)
    assert escalated is not None and escalated.level == 1  # the deadline in the same batch was handled
    assert cases() == [employee(0)]

    failed, _ = deliver(function, [r for r in batch if r["messageId"] in failed])  # SQS delivers them again
    assert failed == []
    assert cases() == [employee(n) for n in range(4)]


def test_a_refused_e_mail_sends_back_its_report_only(function):
    mailer = function.ports.mailer
    function.ports.directory.put_many(ORG, [person("m2", None), person("x1", "m2")])
    mailer.refused = {"m2@o.example.com"}
    other = ready(5)
    refused = json.loads(other["body"])
    refused["detail"].update(subject_id="x1", manager_id="m2")
    refused_record = sqs_record("c1-x1", refused)

    failed, _ = deliver(function, [ready(4), refused_record, other])

    assert failed == ["c1-x1"]
    assert cases() == ["e04", "e05", "x1"]
    assert len(mailer.sent) == 4  # both reports' notices to m and hr1 went
