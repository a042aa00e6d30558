"""The check-ins' routes through the performance function's handler, as API Gateway calls it: statuses, bodies
refused by field, and private notes that no route answers to anyone but their author and no log line holds."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory
from tests.unit.test_sample_events import Context, load_handler

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")
# t leads; m reports to t; e and p report to m; h is HR.
PEOPLE = {"t": None, "m": "t", "e": "m", "p": "m", "h": None}
ROLES = {"t": "manager", "m": "manager", "h": "hr_admin"}
SECRET = "I am thinking of leaving"
MANAGERS_SECRET = "Talk to HR about the budget"


@pytest.fixture
def handler(aws: Any, stopped_clock: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    DynamoEmployeeDirectory().put_many(
        "o", [Employee(i, f"Person {i}", f"{i}@example.com", m, "Sales", "technical", "en") for i, m in PEOPLE.items()]
    )
    return load_handler("performance", aws, monkeypatch)


def call(
    handler: Any, who: str, method: str, path: str, body: Any = None, query: dict | None = None
) -> tuple[int, Any]:
    names = {"check-ins": "check_in_id", "employees": "employee_id", "actions": "action_id"}
    parts = path.strip("/").split("/")
    parameters: dict[str, str] = {}
    resource_parts = []
    for n, part in enumerate(parts):
        previous = parts[n - 1] if n else None
        if previous in names and part not in ("check-ins",):
            parameters[names[previous]] = part
            resource_parts.append("{" + names[previous] + "}")
        else:
            resource_parts.append(part)
    resource = "/" + "/".join(resource_parts)
    headers = {"Content-Type": "application/json"}
    claims = {
        "token_use": "id",
        "custom:org": "o",
        "custom:employee_id": who,
        "cognito:groups": ",".join(["employee", ROLES.get(who, "employee")]),
    }
    event = {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": parameters or None,
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


def test_a_check_in_is_held_over_http_and_private_notes_reach_only_their_author(handler, capsys):
    assert call(handler, "m", "PUT", "/employees/e/check-in-cadence", {"cadence": "weekly"})[0] == 200
    status, made = call(handler, "e", "POST", "/check-ins", {"employee_id": "e"})
    assert status == 201, made
    cid = made["id"]
    answers: dict[str, list[Any]] = {who: [] for who in PEOPLE}

    def as_(who: str, method: str, path: str, body: Any = None, query: dict | None = None) -> int:
        status, answer = call(handler, who, method, path, body, query)
        answers[who].append(answer)
        return status

    assert as_("e", "PUT", f"/check-ins/{cid}/notes", {"private": SECRET}) == 200
    assert as_("m", "PUT", f"/check-ins/{cid}/notes", {"private": MANAGERS_SECRET, "shared": "Agreed"}) == 200
    for who in ("e", "m"):
        assert as_(who, "POST", f"/check-ins/{cid}/topics", {"text": f"From {who}"}) == 201
        assert as_(who, "POST", f"/check-ins/{cid}/actions", {"text": f"Do {who}", "owner": who}) == 201
        action = answers[who][-1]["actions"][-1]["id"]
        assert as_(who, "POST", f"/check-ins/{cid}/actions/{action}/done") == 200
    for who in PEOPLE:
        as_(who, "GET", f"/check-ins/{cid}")
        as_(who, "GET", "/check-ins", query={"employee_id": "e"})
        as_(who, "GET", "/organisation/check-ins")
    assert as_("m", "POST", f"/check-ins/{cid}/complete") == 200
    assert as_("e", "POST", "/check-ins", {"employee_id": "e"}) == 201  # the next one, carrying nothing secret

    for who, seen in answers.items():
        text = json.dumps(seen)
        assert (SECRET in text) == (who == "e"), who
        assert (MANAGERS_SECRET in text) == (who == "m"), who
    assert answers["t"][0]["topics"][0]["text"] == "From e"  # the chain above reads the shared agenda
    assert "private_notes" not in answers["t"][0] and "private_notes" not in answers["h"][0]
    assert answers["p"][0]["error"]["code"] == "not_found"
    logged = capsys.readouterr()
    for said in (SECRET, MANAGERS_SECRET, "From e", "Agreed"):
        assert said not in logged.out + logged.err


def test_bodies_are_checked_by_field(handler):
    status, answer = call(handler, "e", "POST", "/check-ins", {"employee_id": "e", "mood": "good"})
    assert status in (400, 422) and "mood" in json.dumps(answer)
    status, made = call(handler, "e", "POST", "/check-ins", {"employee_id": "e"})
    status, answer = call(handler, "e", "POST", f"/check-ins/{made['id']}/topics", {"text": 5})
    assert status == 400 and answer["error"]["details"][0]["field"] == "text"
    status, answer = call(handler, "m", "PUT", "/employees/e/check-in-cadence", {"cadence": "daily"})
    assert status == 400 and answer["error"]["details"][0]["field"] == "cadence"
    status, answer = call(handler, "e", "POST", f"/check-ins/{made['id']}/actions", {"text": "x"})
    assert status == 400 and answer["error"]["details"][0]["field"] == "owner"
    assert call(handler, "m", "GET", "/organisation/check-ins")[0] == 403
    assert re.match(r"^c-[0-9a-f]{12}$", made["id"])
