"""The local stack's own machinery: queues with partial failures and dead-letter
queues, schedules on the local clock, the mailbox, tokens and a clean shutdown."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import requests

from tests.integration.conftest import start_local, stop_local

HRIS_QUEUE = "janus-local-HrisQueue"
HRIS_DEAD_LETTER = "janus-local-HrisDeadLetterQueue"


def hris_event(org: str, employee_id: str, email: str = "") -> str:
    """An EmployeesChanged event as the bus rule delivers it to the queue."""
    employee = {
        "id": employee_id,
        "name": "Queued Person",
        "email": email or f"{employee_id}@corp.example.com",
        "manager_id": "",
        "department": "Ops",
        "job_class": "clerical",
        "locale": "en",
    }
    return json.dumps(
        {
            "version": "0",
            "id": str(uuid.uuid4()),
            "source": "janus.hris",
            "detail-type": "EmployeesChanged",
            "time": datetime.now(UTC).isoformat(),
            "detail": {"org": org, "employees": [employee]},
        }
    )


def depth(sqs, name: str) -> int:
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def test_a_bad_message_fails_alone_comes_back_and_ends_in_the_dead_letter_queue(local):
    sqs = local.client("sqs")
    url = sqs.get_queue_url(QueueName=HRIS_QUEUE)["QueueUrl"]
    org = f"org-{uuid.uuid4().hex[:6]}"
    sqs.send_message_batch(
        QueueUrl=url,
        Entries=[
            {"Id": "good", "MessageBody": hris_event(org, "good")},
            {"Id": "bad", "MessageBody": hris_event(org, "bad", email="not-an-address")},
        ],
    )
    local.settle()

    hr = local.as_(org)
    assert hr.get(f"{local.api}/employees/good", timeout=10).status_code == 200  # its batch-mate did not hold it back
    assert depth(sqs, HRIS_DEAD_LETTER) == 0
    assert depth(sqs, HRIS_QUEUE) == 1  # invisible until its visibility timeout passes

    for _ in range(5):  # maxReceiveCount 5; the visibility timeout is 180 s on the local clock
        local.advance("PT4M")
    assert depth(sqs, HRIS_QUEUE) == 0
    assert depth(sqs, HRIS_DEAD_LETTER) == 1
    assert hr.get(f"{local.api}/employees/bad", timeout=10).status_code == 404


def test_a_one_time_schedule_fires_when_the_local_clock_reaches_it(local):
    scheduler = local.client("scheduler")
    now = datetime.fromisoformat(requests.get(f"{local.api}/_local/clock", timeout=10).json()["now"])
    org = f"org-{uuid.uuid4().hex[:6]}"
    due = (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S")
    scheduler.create_schedule(
        Name=f"test-{org}",
        ScheduleExpression=f"at({due})",
        ScheduleExpressionTimezone="UTC",
        FlexibleTimeWindow={"Mode": "OFF"},
        ActionAfterCompletion="DELETE",
        Target={
            "Arn": "arn:aws:sqs:us-east-1:123456789012:" + HRIS_QUEUE,
            "RoleArn": "arn:aws:iam::123456789012:role/scheduler",
            "Input": hris_event(org, "scheduled"),
        },
    )
    hr = local.as_(org)

    local.advance("P1D")
    assert hr.get(f"{local.api}/employees/scheduled", timeout=10).status_code == 404

    local.advance("P1D")
    assert hr.get(f"{local.api}/employees/scheduled", timeout=10).status_code == 200
    assert f"test-{org}" not in [s["Name"] for s in scheduler.list_schedules()["Schedules"]]


def test_the_mailbox_shows_every_email_sent_through_ses(local):
    ses = local.client("sesv2")
    ses.create_email_identity(EmailIdentity="janus.example.com")
    ses.send_email(
        FromEmailAddress="noreply@janus.example.com",
        Destination={"ToAddresses": ["rater@corp.example.com"]},
        Content={
            "Simple": {
                "Subject": {"Data": "Your feedback is asked for"},
                "Body": {"Text": {"Data": "Answer here: https://janus.example.com/feedback/abc"}},
            }
        },
    )
    messages = requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
    mail = next(m for m in messages if m["subject"] == "Your feedback is asked for")
    assert mail["to"] == ["rater@corp.example.com"]
    assert mail["links"] == ["https://janus.example.com/feedback/abc"]
    assert datetime.fromisoformat(mail["sent_at"])
    page = requests.get(f"{local.api}/_local/mailbox/html", timeout=10)
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Your feedback is asked for" in page.text
    assert any("Your feedback is asked for" in eml.read_text() for eml in (local.state_dir / "mail").glob("*.eml"))


def test_the_clock_moves_forward_and_refuses_nonsense(local):
    before = datetime.fromisoformat(requests.get(f"{local.api}/_local/clock", timeout=10).json()["now"])
    after = datetime.fromisoformat(local.advance("PT6H")["now"])
    assert timedelta(hours=6) <= after - before < timedelta(hours=6, minutes=1)
    bad = requests.post(f"{local.api}/_local/clock", json={"advance": "three days"}, timeout=10)
    assert bad.status_code == 400
    assert "ISO 8601" in bad.json()["error"]["message"]


def test_tokens_need_an_org_and_a_subject(local):
    answer = requests.post(f"{local.api}/_local/token", json={"roles": ["hr_admin"]}, timeout=10)
    assert answer.status_code == 400
    assert "org and sub" in answer.json()["error"]["message"]


def test_make_run_seeds_the_demo_organisation_and_a_live_round_and_stops_cleanly(tmp_path):
    stack = start_local(tmp_path)
    try:
        state = json.loads((tmp_path / "local.json").read_text())
        assert state["org"] == "demo"
        assert state["employees"] == 40
        hr = {"Authorization": f"Bearer {state['hr_token']}"}
        boss = requests.get(f"{stack.api}/employees/e001", headers=hr, timeout=10)
        assert boss.status_code == 200
        assert boss.json()["manager_id"] is None
        cycle = requests.get(f"{stack.api}/cycles/{state['cycle']}", headers=hr, timeout=10).json()
        assert cycle["state"] == "open"
        assert cycle["progress"]["invited"] == cycle["progress"]["assignments"] > 0
        form = requests.get(state["rater"]["link"], timeout=10)
        assert form.status_code == 200
        assert "<form" in form.text
    finally:
        code = stop_local(stack)
    assert code == 0
    assert not (tmp_path / "local.json").exists()
