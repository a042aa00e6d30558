"""The API's OpenAPI 3.1 document, made from what the service itself declares: the routes in
template.yaml (method, path, function, whether a token is needed), each capability's request
bodies (``BODIES`` in ``janus.<capability>.api``, the shapes every route's body passes through) and
the creations that take an ``Idempotency-Key`` header (``KEYED`` beside them).

It is made here rather than by Powertools, whose generator needs pydantic in every function's cold
start. ``python -m infra.openapi`` writes docs/openapi.json; the local stack serves it at
``GET /openapi.json``; a test keeps the committed file equal to what this makes.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from infra.template import load

ROOT = Path(__file__).resolve().parents[1]
CAPABILITIES = (
    "people",
    "library",
    "rounds",
    "reports",
    "feedback",
    "escalations",
    "home",
    "goals",
    "checkins",
    "reviews",
    "development",
    "recognition",
    "privacy",
)
# What a route answers when it succeeds, where it is not 200 with JSON.
SUCCESS: dict[tuple[str, str], tuple[str, str]] = {
    ("POST", "/cycles"): ("201", "application/json"),
    ("POST", "/cycles/{cycle_id}/events"): ("202", "application/json"),
    ("POST", "/employees/{employee_id}/unacceptable"): ("201", "application/json"),
    ("POST", "/goals"): ("201", "application/json"),
    ("POST", "/check-ins"): ("201", "application/json"),
    ("POST", "/check-ins/{check_in_id}/topics"): ("201", "application/json"),
    ("POST", "/check-ins/{check_in_id}/actions"): ("201", "application/json"),
    ("POST", "/review-cycles"): ("201", "application/json"),
    ("POST", "/review-cycles/{cycle_id}/events"): ("202", "application/json"),
    ("POST", "/employees/{employee_id}/development-plan/actions"): ("201", "application/json"),
    ("POST", "/recognitions"): ("201", "application/json"),
    ("GET", "/cycles/{cycle_id}/reports/{employee_id}/html"): ("200", "text/html"),
    ("GET", "/feedback/{token}"): ("200", "text/html"),
    ("POST", "/feedback/{token}"): ("200", "text/html"),
}
# The rater's form posts (application/x-www-form-urlencoded) answer pages, whatever befell them.
FORM_PAGES = {"/feedback/{token}", "/feedback/{token}/submit", "/feedback/{token}/decline"}
ERRORS = {
    "400": "the request is not right: every problem named",
    "401": "no valid token",
    "403": "the caller may not do this",
    "404": "no such thing in this organisation (or a link that is not valid)",
    "409": "the state does not allow it",
    "422": "a field the route does not take, answers the form refuses, or an Idempotency-Key used for another request",
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A key the client chooses for this creation, sent again with each retry of it: a repeat by the "
    "same caller answers what the first was answered (the same thing, the same status) and makes nothing more; "
    "the same key with another body is refused (422). Kept for 24 hours.",
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9._:-]{8,128}$"},
}


def bodies() -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    for capability in CAPABILITIES:
        module = importlib.import_module(f"janus.{capability}.api")
        found.update(getattr(module, "BODIES", {}))
    return found


def keyed() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for capability in CAPABILITIES:
        found |= getattr(importlib.import_module(f"janus.{capability}.api"), "KEYED", set())
    return found


def routes(root: Path = ROOT) -> list[dict[str, Any]]:
    """Every Api event of every function in the template, as the gateway sees it."""
    template = load(root / "template.yaml")
    found = []
    for logical, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for event in (resource["Properties"].get("Events") or {}).values():
            if event["Type"] != "Api":
                continue
            props = event["Properties"]
            authorizer = (props.get("Auth") or {}).get("Authorizer")
            found.append(
                {
                    "method": props["Method"].upper(),
                    "path": props["Path"],
                    "function": logical,
                    "signed_in": authorizer != "NONE",
                    "tag": props["Path"].strip("/").split("/")[0],
                }
            )
    return sorted(found, key=lambda r: (r["path"], r["method"]))


def _error() -> dict[str, Any]:
    return {"$ref": "#/components/schemas/Error"}


def _operation(route: dict[str, Any], shape: Any, takes_key: bool = False) -> dict[str, Any]:
    method, path = route["method"], route["path"]
    status, content_type = SUCCESS.get((method, path), ("200", "application/json"))
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
        for name in re.findall(r"{([^}]+)}", path)
    ]
    if takes_key:
        parameters.append({"$ref": "#/components/parameters/IdempotencyKey"})
    success_schema = {"type": "string"} if content_type == "text/html" else {}
    responses: dict[str, Any] = {
        status: {"description": "done", "content": {content_type: {"schema": success_schema}}},
    }
    for code, description in ERRORS.items():
        content = {"application/json": {"schema": _error()}}
        if path in FORM_PAGES:
            content["text/html"] = {"schema": {"type": "string"}}
        responses[code] = {"description": description, "content": content}
    operation: dict[str, Any] = {
        "operationId": f"{method.lower()}{re.sub(r'[^A-Za-z0-9]+', '_', path)}".rstrip("_"),
        "summary": f"{method} {path}",
        "tags": [route["tag"]],
        "parameters": parameters,
        "responses": responses,
        "x-function": route["function"],
    }
    if not route["signed_in"]:
        operation["security"] = []  # the token in the rater's link is the only credential
    if shape is not None:
        content = {"application/json": {"schema": shape.schema()}}
        if (method, path) == ("PUT", "/employees"):
            content["text/csv"] = {"schema": {"type": "string"}}
        if path in FORM_PAGES:
            content["application/x-www-form-urlencoded"] = {"schema": {"type": "object"}}
        operation["requestBody"] = {"required": True, "content": content}
    return operation


def document(root: Path = ROOT) -> dict[str, Any]:
    shapes = bodies()
    keys = keyed()
    paths: dict[str, dict[str, Any]] = {}
    for route in routes(root):
        asked = (route["method"], route["path"])
        operation = _operation(route, shapes.get(asked), asked in keys)
        paths.setdefault(route["path"], {})[route["method"].lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Janus",
            "version": "1",
            "description": "Competency-based 360-degree feedback and continuous performance management. "
            "Every route but the rater's answers `Authorization: Bearer <JWT>`; errors are "
            '`{"error": {"code", "message", "details"?}}`.',
        },
        "servers": [{"url": "http://127.0.0.1:3000", "description": "the local stack (make run)"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
            "parameters": {"IdempotencyKey": IDEMPOTENCY_KEY},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                                "details": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "row": {"type": "integer"},
                                            "field": {"type": "string"},
                                            "message": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        }
                    },
                }
            },
        },
    }


def text(root: Path = ROOT) -> str:
    return json.dumps(document(root), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    target = ROOT / "docs" / "openapi.json"
    target.write_text(text())
    sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
