"""Recognition's routes: give, read a person's, HR's figures, and the weekly digest's choices."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.kernel.api import caller_of, json_body, json_response, request_key
from janus.kernel.bodies import Array, Boolean, Shape, Text
from janus.kernel.observability import logger
from janus.recognition import flow
from janus.recognition.recognition import MAX_MESSAGE, MAX_TO, VISIBILITIES

NEW_RECOGNITION = Shape(
    {
        "to": Array(Text(max_length=64), max_items=MAX_TO),
        "value": Text(max_length=40),
        "message": Text(max_length=MAX_MESSAGE),
        "visibility": Text(enum=VISIBILITIES),
    },
    required=frozenset({"to", "value", "message"}),
    description="praise for one or more people (not yourself) for one of the organisation's values; public "
    "unless private (then only the giver and the people named read it)",
)
DIGEST_CHOICE = Shape(
    {"enabled": Boolean()},
    required=frozenset({"enabled"}),
    description="whether the weekly recognition digest goes out",
)
BODIES = {
    ("POST", "/recognitions"): NEW_RECOGNITION,
    ("PUT", "/organisation/recognition-digest"): DIGEST_CHOICE,
    ("PUT", "/employees/{employee_id}/recognition-digest"): DIGEST_CHOICE,
}
KEYED = {("POST", "/recognitions")}  # the routes that take an Idempotency-Key (janus.kernel.idempotency)


def router(ports: flow.Ports) -> Router:
    routes = Router()

    def query(name: str) -> str | None:
        return routes.current_event.get_query_string_value(name=name) or None

    @routes.post("/recognitions")
    def post_recognition() -> Response:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, NEW_RECOGNITION)
        given = flow.give(caller, body, ports, request_key(event, caller, body))
        logger.info("recognition given", recognition_id=given["id"], named=len(given["to"]))
        return json_response(201, given)

    @routes.get("/recognitions")
    def get_recognitions() -> dict[str, Any]:
        return flow.received(caller_of(routes.current_event), query("employee_id"), query("after"), ports)

    @routes.get("/recognitions/values")
    def get_values() -> dict[str, Any]:
        return flow.values(caller_of(routes.current_event), ports)

    @routes.get("/recognitions/people")
    def get_people() -> dict[str, Any]:
        return flow.people(caller_of(routes.current_event), query("q"), ports)

    @routes.get("/organisation/recognition")
    def get_analytics() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        return flow.analytics(caller, query("quarter"), query("department"), query("next"), ports)

    @routes.put("/organisation/recognition-digest")
    def put_org_digest() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        body = json_body(routes.current_event, DIGEST_CHOICE)
        return flow.choose_digest(caller, None, body["enabled"], ports)

    @routes.put("/employees/<employee_id>/recognition-digest")
    def put_manager_digest(employee_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        body = json_body(routes.current_event, DIGEST_CHOICE)
        return flow.choose_digest(caller, employee_id, body["enabled"], ports)

    return routes
