"""Whatever a client sends, a route answers 4xx and names what is wrong: never a 5xx, nothing written."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

import pytest

from tests.unit.test_sample_events import Context, event, load_handler

HOSTILE = "[" * 100_000


def request(method: str, path: str, resource: str, body: str | bytes, content_type: str = "application/json") -> dict:
    """An API Gateway event from HR's sample, for another route and body."""
    made = copy.deepcopy(event("put_employees.json"))
    binary = isinstance(body, bytes)
    made.update(
        httpMethod=method,
        path=path,
        resource=resource,
        headers={"Content-Type": content_type},
        body=base64.b64encode(body).decode() if binary else body,
        isBase64Encoded=binary,
        pathParameters={
            k.strip("{}"): v for k, v in zip(resource.split("/"), path.split("/"), strict=True) if k.startswith("{")
        },
    )
    made["requestContext"]["resourcePath"] = resource
    made["requestContext"]["httpMethod"] = method
    return made


class Cycles:
    """The cycles function with HR's sample organisation and a draft cycle for a2 (``{c}`` in a path)."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        assert handler(event("put_employees.json"), Context())["statusCode"] == 200
        body = {"name": "Q1", "kind": "360", "deadline": "2030-01-01T00:00:00Z", "subjects": ["a2"]}
        status, created = self("POST", "/cycles", "/cycles", json.dumps(body))
        assert status == 201, created
        self.cycle_id = created["id"]

    def __call__(self, method: str, path: str, *args: Any, **kwargs: Any) -> tuple[int, dict[str, Any]]:
        path = path.replace("{c}", getattr(self, "cycle_id", ""))
        response = self.handler(request(method, path, *args, **kwargs), Context())
        return response["statusCode"], json.loads(response["body"])


@pytest.fixture
def cycles(aws: Any, monkeypatch: pytest.MonkeyPatch) -> Cycles:
    return Cycles(load_handler("cycles", aws, monkeypatch))


@pytest.mark.parametrize(
    ("method", "path", "resource", "body"),
    [
        ("POST", "/cycles", "/cycles", HOSTILE),
        ("PUT", "/organisation", "/organisation", '{"escalation": "x"}'),
        ("PUT", "/organisation", "/organisation", json.dumps({"time_zone": "Europe/" + "x" * 300})),
        ("POST", "/cycles/{c}/events", "/cycles/{cycle_id}/events", '{"type": []}'),
        ("PUT", "/cycles/{c}/subjects/a2/raters", "/cycles/{cycle_id}/subjects/{employee_id}/raters", '{"raters": 5}'),
        (
            "POST",
            "/cycles/{c}/subjects/a2/proposals/decision",
            "/cycles/{cycle_id}/subjects/{employee_id}/proposals/decision",
            '{"reject": 5}',
        ),
        ("POST", "/cycles", "/cycles", '{"name": "\\ud800", "kind": "360", "deadline": "2030-01-01T00:00:00Z"}'),
        ("PUT", "/employees", "/employees", b'[{"id": "a\xff"}]'),
    ],
)
def test_a_hostile_or_mistyped_body_is_a_client_error_naming_what_is_wrong(cycles, method, path, resource, body):
    status, answered = cycles(method, path, resource, body)
    assert status in (400, 422), answered
    assert answered["error"]["message"]


def test_a_field_the_route_does_not_know_is_a_422_naming_it(cycles):
    body = {"name": "Q1", "kind": "360", "deadline": "2030-01-01T00:00:00Z", "colour": "blue"}
    status, answered = cycles("POST", "/cycles", "/cycles", json.dumps(body))
    assert status == 422
    assert "'colour'" in answered["error"]["message"]
    assert {"field": "colour", "message": "is not a field of this request"} in answered["error"]["details"]


def test_a_wrong_json_type_is_named_by_its_path(cycles):
    body = {"raters": [{"id": "a2", "relationship": 5}]}
    path, resource = "/cycles/{c}/subjects/a2/raters", "/cycles/{cycle_id}/subjects/{employee_id}/raters"
    status, answered = cycles("PUT", path, resource, json.dumps(body))
    assert status == 400
    assert {"field": "raters[1].relationship", "message": "must be text"} in answered["error"]["details"]


def test_an_import_that_is_not_utf8_or_has_an_oversized_cell_is_refused_and_writes_nothing(cycles):
    header = "id,name,email,manager_id,department,job_class,locale\n"
    not_utf8 = (header + "a9,Ann\xe9,ann@acme.example.com,,Sales,technical,en\n").encode("latin-1")
    status, answered = cycles("PUT", "/employees", "/employees", not_utf8, content_type="text/csv")
    assert status == 400 and "UTF-8" in answered["error"]["message"]
    huge = header + "a9," + "x" * 140_000 + ",ann@acme.example.com,,Sales,technical,en\n"
    status, answered = cycles("PUT", "/employees", "/employees", huge, content_type="text/csv")
    assert status == 400, answered
    assert cycles("GET", "/employees/a9", "/employees/{employee_id}", "")[0] == 404


def test_a_csv_with_a_bare_carriage_return_in_a_cell_is_read_not_failed(cycles):
    # What schemathesis sent: a carriage return inside an unquoted cell made the csv module raise.
    body = "Íp\rY\U000c00f8\U000669a4"
    status, answered = cycles("PUT", "/employees", "/employees", body, content_type="text/csv")
    assert status == 400 and "header" in answered["error"]["message"]
    header = "id,name,email,manager_id,department,job_class,locale\r"
    rows = "a9,Ann,ann@acme.example.com,,Sales,technical,en\r"
    status, answered = cycles("PUT", "/employees", "/employees", header + rows, content_type="text/csv")
    assert status == 200 and answered["created"] == 1, answered


def test_a_rater_form_post_that_is_not_utf8_is_refused_not_failed(aws, monkeypatch):
    feedback = load_handler("feedback", aws, monkeypatch)
    path, resource = "/feedback/abc/submit", "/feedback/{token}/submit"
    response = feedback(
        request("POST", path, resource, b"rating.q1=\xff", content_type="application/x-www-form-urlencoded"),
        Context(),
    )
    assert response["statusCode"] == 400


def test_a_rater_submit_with_a_key_the_form_does_not_know_names_it(aws, monkeypatch):
    feedback = load_handler("feedback", aws, monkeypatch)
    path, resource = "/feedback/abc/submit", "/feedback/{token}/submit"
    response = feedback(request("POST", path, resource, json.dumps({"answers": {"q1": 3}})), Context())
    assert response["statusCode"] == 422
    assert "'answers'" in json.loads(response["body"])["error"]["message"]
