"""Idempotency keys on the API's creations, through the performance function's handler as API Gateway calls it:
a repeat with the same key answers what the first answered and makes nothing more, also when the first try's
write applied and its answer was lost (DynamoDB's 500 after the write, tried again by botocore); the same key
with another body is refused, and a key that is not one is a 400 naming the header."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from janus.kernel.metering import REQUESTS
from janus.people.employees import Employee
from janus.people.organisation import OrgSettings, OrgValue
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.store.items import MODELS
from tests.unit.test_sample_events import Context, load_handler

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")
# m manages e and p; h is HR.
PEOPLE = {"m": None, "e": "m", "p": "m", "h": None}
ROLES = {"m": "manager", "h": "hr_admin"}
HEADER = "Idempotency-Key"


@pytest.fixture
def handler(aws: Any, stopped_clock: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    DynamoEmployeeDirectory().put_many(
        "o", [Employee(i, f"Person {i}", f"{i}@example.com", m, "Sales", "technical", "en") for i, m in PEOPLE.items()]
    )
    OrgStore().put("o", OrgSettings(values=(OrgValue("courage", "Courage"),)))
    environment = aws.environment()
    monkeypatch.setattr(aws, "environment", lambda: {**environment, "ROLLUP_DELAY_SECONDS": "0"})
    return load_handler("performance", aws, monkeypatch)


def call(handler: Any, who: str, method: str, path: str, body: Any = None, key: str | None = None) -> tuple[int, Any]:
    """The route as API Gateway calls it: ``path`` with its parameters in braces' place, e.g. /check-ins/c-1/topics."""
    names = {"check-ins": "check_in_id", "employees": "employee_id", "goals": "goal_id"}
    parts = path.strip("/").split("/")
    parameters = {names[parts[n - 1]]: part for n, part in enumerate(parts) if n and parts[n - 1] in names}
    resource = "/" + "/".join(
        "{" + names[parts[n - 1]] + "}" if n and parts[n - 1] in names else part for n, part in enumerate(parts)
    )
    headers = {"Content-Type": "application/json", **({HEADER: key} if key is not None else {})}
    claims = {"token_use": "id", "custom:org": "o", "custom:employee_id": who,
              "cognito:groups": ",".join(["employee", ROLES.get(who, "employee")])}  # fmt: skip
    event = {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
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


def _check_in(handler: Any) -> str:
    status, made = call(handler, "e", "POST", "/check-ins", {"employee_id": "e"}, key=f"check-in-{uuid.uuid4()}")
    assert status == 201, made
    return made["id"]


def _goals(handler: Any) -> list[dict[str, Any]]:
    return call(handler, "e", "GET", "/goals")[1]["goals"]


def _check_ins(handler: Any) -> list[dict[str, Any]]:
    return call(handler, "e", "GET", "/check-ins")[1]["check_ins"]


def _topics(handler: Any, check_in: str) -> list[dict[str, Any]]:
    return call(handler, "e", "GET", f"/check-ins/{check_in}")[1]["topics"]


def _actions(handler: Any, check_in: str) -> list[dict[str, Any]]:
    return call(handler, "e", "GET", f"/check-ins/{check_in}")[1]["actions"]


def _plan_actions(handler: Any) -> list[dict[str, Any]]:
    return call(handler, "e", "GET", "/employees/e/development-plan")[1]["actions"]


def _recognitions(handler: Any) -> list[dict[str, Any]]:
    return call(handler, "p", "GET", "/recognitions")[1]["recognitions"]


def _review_cycles(handler: Any) -> list[dict[str, Any]]:
    return call(handler, "h", "GET", "/review-cycles")[1]["review_cycles"]


# (who, the path, a body and another body, the created thing's id in the answer, the things of its kind)
CREATIONS: dict[str, tuple[Any, ...]] = {
    "goal": ("e", lambda c: "/goals", {"title": "Answer every ticket within a day", "due": "2030-06-30"},
             {"title": "Answer every ticket within two days", "due": "2030-06-30"},
             lambda answer: answer["id"], lambda h, c: _goals(h)),
    "check-in": ("e", lambda c: "/check-ins", {"employee_id": "e"}, {"employee_id": "e", "date": "2030-03-05"},
                 lambda answer: answer["id"], lambda h, c: _check_ins(h)),
    "topic": ("e", lambda c: f"/check-ins/{c}/topics", {"text": "My week"}, {"text": "My month"},
              lambda answer: [t["id"] for t in answer["topics"]], _topics),
    "action": ("m", lambda c: f"/check-ins/{c}/actions", {"text": "Book the course", "owner": "e"},
               {"text": "Book the other course", "owner": "e"},
               lambda answer: [a["id"] for a in answer["actions"]], _actions),
    "development action": ("e", lambda c: "/employees/e/development-plan/actions", {"title": "Read a book"},
                           {"title": "Read two books"}, lambda answer: [a["id"] for a in answer["actions"]],
                           lambda h, c: _plan_actions(h)),
    "recognition": ("e", lambda c: "/recognitions", {"to": ["p"], "value": "courage", "message": "Thank you"},
                    {"to": ["p"], "value": "courage", "message": "Thanks again"},
                    lambda answer: answer["id"], lambda h, c: _recognitions(h)),
    "review cycle": ("h", lambda c: "/review-cycles", {"name": "Spring update", "kind": "update",
                                                       "deadline": "2030-04-30"},
                     {"name": "Autumn update", "kind": "update", "deadline": "2030-10-30"},
                     lambda answer: answer["id"], lambda h, c: _review_cycles(h)),
}  # fmt: skip


@pytest.mark.parametrize("kind", CREATIONS)
def test_a_repeat_with_the_same_key_answers_the_first_and_makes_nothing_more(handler, kind):
    who, path, body, _, made, listed = CREATIONS[kind]
    check_in = _check_in(handler) if kind in ("topic", "action") else None
    before = len(listed(handler, check_in))

    first = call(handler, who, "POST", path(check_in), body, key="first-try-0001")
    again = call(handler, who, "POST", path(check_in), body, key="first-try-0001")

    assert first[0] == again[0] == 201, (first, again)
    assert made(again[1]) == made(first[1])
    assert len(listed(handler, check_in)) == before + 1
    other = call(handler, who, "POST", path(check_in), body, key="second-try-0002")  # a new key: a new creation
    assert other[0] == 201 and made(other[1]) != made(first[1])
    assert len(listed(handler, check_in)) == before + 2


@pytest.mark.parametrize("kind", CREATIONS)
def test_the_same_key_with_another_body_is_refused_and_makes_nothing(handler, kind):
    who, path, body, other_body, _, listed = CREATIONS[kind]
    check_in = _check_in(handler) if kind in ("topic", "action") else None
    assert call(handler, who, "POST", path(check_in), body, key="reused-key-01")[0] == 201
    made = len(listed(handler, check_in))

    status, answer = call(handler, who, "POST", path(check_in), other_body, key="reused-key-01")

    assert status == 422, answer
    assert answer["error"]["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in answer["error"]["message"]
    assert answer["error"]["details"] == [{"field": HEADER, "message": answer["error"]["details"][0]["message"]}]
    assert len(listed(handler, check_in)) == made


@pytest.mark.parametrize("kind", ["goal", "topic", "recognition"])
def test_a_key_that_is_not_one_is_a_400_naming_the_header(handler, kind):
    who, path, body, _, _, listed = CREATIONS[kind]
    check_in = _check_in(handler) if kind == "topic" else None
    before = len(listed(handler, check_in))

    for key in ("short", "x" * 129, "has space in it", "slash/is/not/ok", "ünïcode-key", ""):
        status, answer = call(handler, who, "POST", path(check_in), body, key=key)

        assert status == 400, (key, answer)
        assert "Idempotency-Key" in answer["error"]["message"]
        assert [d["field"] for d in answer["error"]["details"]] == [HEADER]
    assert len(listed(handler, check_in)) == before
    assert call(handler, who, "POST", path(check_in), body, key="x" * 128)[0] == 201
    assert call(handler, who, "POST", path(check_in), body, key="A-z_0.9:-")[0] == 201


def test_a_key_is_the_callers_own(handler):
    body = {"to": ["p"], "value": "courage", "message": "Thank you"}
    mine = call(handler, "e", "POST", "/recognitions", body, key="shared-key-01")
    theirs = call(handler, "m", "POST", "/recognitions", body, key="shared-key-01")
    assert mine[0] == theirs[0] == 201 and mine[1]["id"] != theirs[1]["id"]
    assert len(_recognitions(handler)) == 2


def test_without_a_key_a_repeat_makes_another(handler):
    body = {"title": "Answer every ticket within a day", "due": "2030-06-30"}
    first, second = (call(handler, "e", "POST", "/goals", body)[1] for _ in range(2))
    assert first["id"] != second["id"] and len(_goals(handler)) == 2


def test_a_repeat_after_the_state_moved_on_still_answers_the_first(handler):
    check_in = _check_in(handler)
    first = call(handler, "e", "POST", f"/check-ins/{check_in}/topics", {"text": "My week"}, key="topic-key-01")
    assert call(handler, "m", "POST", f"/check-ins/{check_in}/complete")[0] == 200
    again = call(handler, "e", "POST", f"/check-ins/{check_in}/topics", {"text": "My week"}, key="topic-key-01")
    assert again[0] == 201, again
    assert [t["id"] for t in again[1]["topics"]] == [t["id"] for t in first[1]["topics"]]


@pytest.fixture
def answers_lost(handler: Any) -> Iterator[list[str]]:
    """DynamoDB's 500 after the write applied: each TransactWriteItems that succeeds is sent again by botocore's
    retry, once, as after an answer that was lost (the local stack's fault ``dynamodb-500-after``)."""
    client = MODELS[0]._get_connection().connection.client  # the functions' one DynamoDB client
    retried: list[str] = []

    def lost(response: Any, attempts: int, operation: Any, **_: Any) -> int | None:
        if operation.name == "TransactWriteItems" and attempts == 1 and response and response[0].status_code == 200:
            retried.append(operation.name)
            return 0  # try again at once
        return None

    client.meta.events.register_first("needs-retry.dynamodb.TransactWriteItems", lost)
    yield retried
    client.meta.events.unregister("needs-retry.dynamodb.TransactWriteItems", lost)


@pytest.mark.parametrize("kind", CREATIONS)
def test_a_write_applied_whose_answer_was_lost_makes_one_and_answers_it(handler, answers_lost, kind):
    who, path, body, _, made, listed = CREATIONS[kind]
    check_in = _check_in(handler) if kind in ("topic", "action") else None
    before = len(listed(handler, check_in))
    answers_lost.clear()

    status, answer = call(handler, who, "POST", path(check_in), body, key="lost-answer-01")

    assert answers_lost, "the write was tried again"
    assert status == 201, answer
    assert len(listed(handler, check_in)) == before + 1
    assert made(call(handler, who, "POST", path(check_in), body, key="lost-answer-01")[1]) == made(answer)


@pytest.mark.parametrize("kind", CREATIONS)
def test_a_key_costs_no_request_of_its_own(handler, kind):
    who, path, body, other_body, _, _ = CREATIONS[kind]
    check_in = _check_in(handler) if kind in ("topic", "action") else None
    call(handler, who, "POST", path(check_in), other_body)  # the first of a kind loads what a cold start would

    def requests_made(key: str | None) -> Counter[tuple[str, str]]:
        before = REQUESTS.snapshot()
        assert call(handler, who, "POST", path(check_in), body, key=key)[0] == 201
        return +REQUESTS.since(before)

    plain, keyed = requests_made(None), requests_made("counted-key-01")
    if kind == "review cycle":  # its one PutItem becomes a TransactWriteItems of two items
        plain[("dynamodb", "TransactWriteItems")] += plain.pop(("dynamodb", "PutItem"))
    assert keyed == plain
