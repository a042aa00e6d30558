"""Every signed-in route learns who is calling from the authorizer's verified claims and from nothing else.

Each route of the template that is not the rater's (the token form) is called on its own function, as API
Gateway calls it, with everything a client could say about itself (headers, the query string, a body naming
an employee and roles) but claims that name no employee: every one answers 401, before it reads or writes.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from infra import openapi
from tests.unit.test_sample_events import Context, load_handler

SIGNED_IN = [route for route in openapi.routes() if route["signed_in"]]
# What a client can send about itself: none of it is an identity.
CLAIMED = {"sub": "hr-1", "org": "acme", "roles": ["hr_admin"], "employee_id": "hr-1"}
NO_ONE = [
    {},  # no token at all
    {"sub": "hr-1", "token_use": "id", "custom:org": "acme", "cognito:groups": "hr_admin"},  # a sub is no employee id
    {"sub": "hr-1", "token_use": "id", "custom:employee_id": "hr-1", "cognito:groups": "hr_admin"},  # no organisation
]


def request(route: dict[str, Any], claims: dict[str, Any]) -> dict[str, Any]:
    path = re.sub(r"\{(\w+)\}", lambda m: "x1", route["path"])
    parameters = {name: "x1" for name in re.findall(r"\{(\w+)\}", route["path"])}
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-Employee-Id": "hr-1",
        "X-Org": "acme",
        "X-Roles": "hr_admin",
    }
    return {
        "resource": route["path"],
        "path": path,
        "httpMethod": route["method"],
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": {"sub": "hr-1", "org": "acme", "roles": "hr_admin"},
        "multiValueQueryStringParameters": {"sub": ["hr-1"], "org": ["acme"], "roles": ["hr_admin"]},
        "pathParameters": parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": route["path"],
            "httpMethod": route["method"],
            "path": f"/v1{path}",
            "stage": "v1",
            "requestId": "r-1",
            "requestTimeEpoch": 1795000000000,
            "accountId": "123456789012",
            "apiId": "local",
            "identity": {"sourceIp": "127.0.0.1", "userAgent": ""},
            "authorizer": {"claims": claims},
        },
        "body": json.dumps(CLAIMED) if route["method"] in ("POST", "PUT", "PATCH") else None,
        "isBase64Encoded": False,
    }


FUNCTIONS = {
    "CyclesFunction": "cycles",
    "EscalationsFunction": "escalations",
    "FeedbackFunction": "feedback",
    "PerformanceFunction": "performance",
}


def test_the_routes_checked_are_every_signed_in_route_of_the_template():
    assert {route["function"] for route in SIGNED_IN} <= set(FUNCTIONS)
    assert ("GET", "/me") in {(r["method"], r["path"]) for r in SIGNED_IN}
    assert len(SIGNED_IN) >= 25


@pytest.mark.parametrize("claims", NO_ONE, ids=["no token", "sub only", "no organisation"])
def test_a_caller_the_claims_do_not_name_is_refused_on_every_signed_in_route(aws, monkeypatch, claims):
    handlers = {function: load_handler(folder, aws, monkeypatch) for function, folder in FUNCTIONS.items()}
    answers = {
        (route["method"], route["path"]): handlers[route["function"]](request(route, claims), Context())
        for route in SIGNED_IN
    }
    refused = {key: answer["statusCode"] for key, answer in answers.items() if answer["statusCode"] != 401}
    assert refused == {}
    assert all(json.loads(a["body"])["error"]["code"] == "unauthenticated" for a in answers.values())
