"""The API document is made from the service's own routes and body shapes, and the committed copy is it."""

from __future__ import annotations

import json

from openapi_spec_validator import validate

from infra import openapi
from tests.conftest import ROOT

# The plain HTML form's "Save draft" posts form fields only; the document describes them as such.
FORM_ONLY = {("POST", "/feedback/{token}")}


def test_the_committed_document_is_the_one_the_service_makes():
    committed = (ROOT / "docs" / "openapi.json").read_text()
    assert committed == openapi.text(), "run: .venv/bin/python -m infra.openapi"


def test_the_document_is_valid_openapi_3_1():
    document = json.loads(openapi.text())
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_route_of_the_template_is_in_the_document_and_nothing_else():
    document = openapi.document()
    described = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert described == {(route["method"], route["path"]) for route in openapi.routes()}


def test_every_route_that_takes_a_body_declares_its_shape():
    shapes = openapi.bodies()
    for route in openapi.routes():
        key = (route["method"], route["path"])
        if route["method"] in ("POST", "PUT", "PATCH") and key not in FORM_ONLY:
            assert key in shapes, f"{key} reads a body without a declared shape"
    assert set(shapes) <= {(r["method"], r["path"]) for r in openapi.routes()}


def test_the_raters_routes_need_no_token_and_the_others_do():
    document = openapi.document()
    for path, item in document["paths"].items():
        for operation in item.values():
            assert ("security" in operation) == path.startswith("/feedback/"), path


def test_an_unknown_field_is_described_as_refused():
    cycle = openapi.document()["paths"]["/cycles"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert cycle["additionalProperties"] is False
    assert set(cycle["required"]) == {"name", "kind", "deadline"}


def test_the_year_round_creations_take_an_idempotency_key():
    document = openapi.document()
    year_round = (
        "/goals",
        "/check-ins",
        "/employees/{employee_id}/development-plan",
        "/recognitions",
        "/review-cycles",
    )
    created = {key for key, (status, _) in openapi.SUCCESS.items() if status == "201" and key[1].startswith(year_round)}
    assert created and openapi.keyed() == created
    for method, path in created:
        parameters = document["paths"][path][method.lower()]["parameters"]
        assert {"$ref": "#/components/parameters/IdempotencyKey"} in parameters, path
    header = document["components"]["parameters"]["IdempotencyKey"]
    assert (header["name"], header["in"], header["required"]) == ("Idempotency-Key", "header", False)
