"""The sample events in events/ (for `sam local invoke -e`) still drive the handlers."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest

from tests.conftest import ROOT

EVENTS = ROOT / "events"


class Context:
    function_name = "cycles"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:cycles"
    aws_request_id = "test"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 29_000


def load_handler(function: str, stack: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    for name, value in stack.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
    spec = importlib.util.spec_from_file_location(f"sample_{function}", ROOT / "functions" / function / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.lambda_handler


def event(name: str, function: str = "cycles") -> dict[str, Any]:
    return json.loads((EVENTS / function / name).read_text())


def test_cycles_sample_events_run_in_order(aws, monkeypatch):
    handler = load_handler("cycles", aws, monkeypatch)

    imported = handler(event("put_employees.json"), Context())
    assert imported["statusCode"] == 200, imported["body"]
    assert json.loads(imported["body"])["created"] == 2

    employee = handler(event("get_employee.json"), Context())
    assert json.loads(employee["body"])["manager_id"] == "a1"

    library = handler(event("get_competencies.json"), Context())
    assert json.loads(library["body"])["locale"] == "da"

    hris = handler(event("hris_employees_changed.json"), Context())
    assert hris == {"batchItemFailures": []}

    # The imported pair's sign-in users, a bundle from the users queue: made, and the message done.
    users = handler(event("provision_users.json"), Context())
    assert users == {"batchItemFailures": []}


def test_feedback_sample_events_reach_the_handler(aws, monkeypatch):
    handler = load_handler("feedback", aws, monkeypatch)
    page = handler(event("get_form.json", "feedback"), Context())
    assert page["statusCode"] == 404  # a sample token is no real link: the neutral page
    assert page["multiValueHeaders"]["Content-Type"][0].startswith("text/html")
    submit = handler(event("submit.json", "feedback"), Context())
    assert submit["statusCode"] == 404
    assert json.loads(submit["body"])["error"]["code"] == "not_found"


def test_invitations_sample_events_are_processed_without_failures(aws, monkeypatch):
    monkeypatch.setenv("SENDER_ADDRESS", "janus@example.com")
    monkeypatch.setenv("PUBLIC_API_URL", "https://janus.example.com/v1")
    handler = load_handler("invitations", aws, monkeypatch)
    assert handler(event("invitation.json", "invitations"), Context()) == {"batchItemFailures": []}
    assert handler(event("ses_bounce.json", "invitations"), Context()) == {"batchItemFailures": []}


def test_scheduled_and_queued_sample_events_run_without_failures(aws, monkeypatch):
    # Nothing is due and nothing matches: each handler takes its event shape and answers cleanly.
    reminders = load_handler("reminders", aws, monkeypatch)
    # A slot of no such cycle: its remind pages are queued unread, and their bundles find no cycle to remind for.
    assert reminders(event("reminder_slot.json", "reminders"), Context()) == {"batchItemFailures": []}
    escalations = load_handler("escalations", aws, monkeypatch)
    assert escalations(event("report_ready.json", "escalations"), Context()) == {"batchItemFailures": []}
    reports = load_handler("reports", aws, monkeypatch)
    assert reports(event("report_page.json", "reports"), Context()) == {"batchItemFailures": []}


def test_performance_sample_events_set_a_goal_and_run_its_queue_work(aws, monkeypatch):
    handler = load_handler("performance", aws, monkeypatch)
    set_goal = handler(event("post_goal.json", "performance"), Context())
    assert set_goal["statusCode"] == 201, set_goal["body"]
    goal = json.loads(set_goal["body"])
    assert goal["owner"] == "a2" and goal["key_results"][0]["id"] == "k1"
    assert all(f["code"] != "readability" or "LIX" in f["message"] for f in goal["findings"])
    # A goal of no such organisation to push, and a page of owners with nothing open: nothing fails.
    assert handler(event("performance_work.json", "performance"), Context()) == {"batchItemFailures": []}


def test_every_sample_event_is_valid_json():
    files = sorted(EVENTS.rglob("*.json"))
    assert files
    for path in files:
        assert isinstance(json.loads(path.read_text()), dict), path
    functions = {path.parent.name for path in (ROOT / "functions").glob("*/app.py")}
    assert {path.parent.name for path in files} == functions


def test_signup_sample_events_pass_janus_users_and_refuse_a_stranger(aws, monkeypatch):
    from janus.people.federation import SignInRefused

    handler = load_handler("signup", aws, monkeypatch)
    provisioning = event("admin_create_user.json", "signup")
    assert handler(provisioning, Context()) == provisioning
    stranger = {**event("external_provider.json", "signup"), "userPoolId": aws.user_pools["UserPool"]}
    with pytest.raises(SignInRefused, match="no employee"):
        handler(stranger, Context())
