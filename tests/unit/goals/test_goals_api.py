"""The goals' routes through the performance function's handler, as API Gateway calls it: statuses, bodies,
the caller's language, and the queue work the saves leave behind."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory
from tests.unit.test_sample_events import Context, load_handler

# Locally metrics are off, and each invocation says it has none to publish.
pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")
PEOPLE = {"m": None, "e": "m", "p": "m", "h": None}
ROLES = {"m": "manager", "h": "hr_admin"}


@pytest.fixture
def handler(aws: Any, stopped_clock: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    DynamoEmployeeDirectory().put_many(
        "o", [Employee(i, f"Person {i}", f"{i}@example.com", m, "Sales", "technical", "en") for i, m in PEOPLE.items()]
    )
    environment = aws.environment()
    assert environment["ROLLUP_DELAY_SECONDS"] == "30"  # on AWS a burst of changes under one parent is pushed once
    monkeypatch.setattr(aws, "environment", lambda: {**environment, "ROLLUP_DELAY_SECONDS": "0"})
    return load_handler("performance", aws, monkeypatch)


def call(handler: Any, who: str, method: str, path: str, body: Any = None, **extra: Any) -> tuple[int, Any]:
    parts = path.strip("/").split("/")
    parameters = {"goal_id": parts[1]} if len(parts) > 1 and parts[1] != "findings" else None
    resource = "/" + "/".join("{goal_id}" if parameters and n == 1 else p for n, p in enumerate(parts))
    headers = {"Content-Type": "application/json", **extra.get("headers", {})}
    claims = {"token_use": "id", "custom:org": "o", "custom:employee_id": who,
              "cognito:groups": ",".join(["employee", ROLES.get(who, "employee")])}  # fmt: skip
    event = {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": extra.get("query"),
        "multiValueQueryStringParameters": {k: [v] for k, v in (extra.get("query") or {}).items()} or None,
        "pathParameters": parameters,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/v1{path}",
            "stage": "v1",
            "requestId": "r",
            "authorizer": {"claims": claims},
        },
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
    }
    answer = handler(event, Context())
    return answer["statusCode"], json.loads(answer["body"])


GOAL = {"title": "Answer customers within one working day", "due": "2030-06-30",
        "key_results": [{"title": "Share answered in a day", "start": 60, "target": 100, "unit": "%"}]}  # fmt: skip


def test_a_goal_is_set_read_changed_and_moved_over_http(handler):
    status, goal = call(handler, "e", "POST", "/goals", GOAL)
    assert status == 201 and goal["findings"] == [] and goal["key_results"][0]["id"] == "k1"
    status, listed = call(handler, "m", "GET", "/goals", query={"owner": "e"})
    assert status == 200 and [g["id"] for g in listed["goals"]] == [goal["id"]]
    status, changed = call(handler, "m", "PATCH", f"/goals/{goal['id']}", {"status": "at_risk", "reason": "slow"})
    assert status == 200 and changed["version"] == 2 and "findings" in changed
    status, moved = call(handler, "e", "POST", f"/goals/{goal['id']}/progress", {"value": 90, "note": "better"})
    assert status == 200 and moved["progress"] == 0.75
    status, shown = call(handler, "p", "GET", f"/goals/{goal['id']}")
    assert status == 200 and [h["kind"] for h in shown["history"]] == ["progress", "changed", "created"]


def test_findings_come_in_the_callers_language(handler):
    body = {**GOAL, "title": "Skær omkostninger og øg salget"}
    status, goal = call(handler, "e", "POST", "/goals", body, headers={"Accept-Language": "da-DK,da;q=0.9"})
    assert status == 201 and goal["findings"][0]["message"].startswith("Ét mål, ét resultat")
    status, draft = call(handler, "e", "POST", "/goals/findings", {"title": "Cut costs and grow sales"})
    assert status == 200
    assert [f["code"] for f in draft["findings"]] == ["no_measure", "no_target", "several_outcomes", "no_due_date"]


def test_a_private_goal_is_not_found_by_others_and_a_visible_one_refused_to_those_who_may_not_change_it(handler):
    _, private = call(handler, "e", "POST", "/goals", {**GOAL, "visibility": "private"})
    _, public = call(handler, "e", "POST", "/goals", GOAL)
    assert call(handler, "p", "GET", f"/goals/{private['id']}")[0] == 404
    assert call(handler, "p", "PATCH", f"/goals/{private['id']}", {"title": "x", "reason": "r"})[0] == 404
    assert call(handler, "p", "PATCH", f"/goals/{public['id']}", {"title": "x", "reason": "r"})[0] == 403
    assert call(handler, "h", "GET", f"/goals/{private['id']}")[0] == 200


def test_bad_bodies_are_refused_by_name(handler):
    status, error = call(handler, "e", "POST", "/goals", {**GOAL, "colour": "red"})
    assert status == 422 and error["error"]["details"][0]["field"] == "colour"
    status, error = call(handler, "e", "POST", "/goals", {"title": 7, "due": "tomorrow", "key_results": "many"})
    assert status == 400 and {d["field"] for d in error["error"]["details"]} == {"title", "key_results"}
    status, error = call(handler, "e", "POST", "/goals", {"title": "t", "due": "tomorrow"})
    assert status == 400 and error["error"]["details"] == [
        {"field": "due", "message": "must be a date such as 2027-03-31"}
    ]
    _, goal = call(handler, "e", "POST", "/goals", GOAL)
    status, error = call(handler, "e", "PATCH", f"/goals/{goal['id']}", {"title": "New"})
    assert status == 400 and error["error"]["details"][0]["field"] == "reason"
    status, error = call(handler, "e", "PATCH", f"/goals/{goal['id']}", {"title": "New", "reason": "r", "version": 9})
    assert status == 409


def test_a_save_that_moves_a_parent_queues_its_push_up_the_tree_and_the_queue_work_runs(handler, aws):
    _, top = call(handler, "m", "POST", "/goals", {**GOAL, "title": "Keep every customer", "key_results": []})
    _, team = call(handler, "m", "POST", "/goals", {**GOAL, "parent_id": top["id"]})
    _, mine = call(handler, "e", "POST", "/goals", {**GOAL, "parent_id": team["id"]})
    call(handler, "e", "POST", f"/goals/{mine['id']}/progress", {"value": 100})
    sqs = boto3.client("sqs", region_name="us-east-1")
    url = aws.environment()["PERFORMANCE_QUEUE_URL"]
    records = []
    while answer := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        records += [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                     "attributes": {}, "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
                     "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q", "awsRegion": "us-east-1"}
                    for m in answer]  # fmt: skip
    assert {json.loads(r["body"])["goal_id"] for r in records} == {top["id"], team["id"]}
    assert handler({"Records": records}, Context()) == {"batchItemFailures": []}
    assert call(handler, "m", "GET", f"/goals/{top['id']}")[1]["progress"] == 0.5  # the team's own 0 and e's 1


def test_the_companys_goals_a_teams_and_a_confirmation_over_http(handler):
    _, top = call(handler, "h", "POST", "/goals", {**GOAL, "title": "Keep every customer"})
    _, mine = call(handler, "e", "POST", "/goals", {**GOAL, "parent_id": top["id"]})
    status, company = call(handler, "e", "GET", "/goals", query={"scope": "organisation"})
    assert status == 200 and [g["id"] for g in company["goals"]] == [top["id"]] and company["next"] is None
    status, confirmed = call(handler, "e", "POST", f"/goals/{mine['id']}/confirm", {"note": "still right"})
    assert status == 200 and confirmed["confirmed_at"] is not None
    assert call(handler, "e", "POST", f"/goals/{mine['id']}/confirm", {"colour": "red"})[0] == 422
    status, team = call(handler, "m", "GET", "/goals", query={"scope": "team"})
    assert status == 200 and [p["id"] for p in team["people"]] == ["e", "p"]
    assert call(handler, "e", "GET", "/goals", query={"scope": "everyone"})[0] == 400
    assert call(handler, "e", "GET", "/goals", query={"scope": "organisation", "after": "x"})[0] == 400
