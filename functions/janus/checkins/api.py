"""The check-ins' routes: a pair's cadence, check-ins made, read, their agenda, notes and action items,
completed; and HR's two-way measure by department. Never logged: anything said in a check-in."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.checkins import flow
from janus.checkins.checkin import CADENCES, MAX_NOTES, MAX_TEXT
from janus.kernel.api import caller_of, json_body, json_response, request_key
from janus.kernel.bodies import Shape, Text, nullable
from janus.kernel.observability import logger

ID = Text(max_length=64)
CADENCE = Shape(
    {"cadence": Text(enum=CADENCES)},
    required=frozenset({"cadence"}),
    description="how often the employee and their manager hold a check-in",
)
NEW_CHECK_IN = Shape(
    {"employee_id": ID, "date": Text(max_length=10, format="date")},
    required=frozenset({"employee_id"}),
    description="a check-in of the employee and their manager (today unless a date is given)",
)
TOPIC = Shape(
    {"text": Text(max_length=MAX_TEXT)},
    required=frozenset({"text"}),
    description="a topic for the shared agenda; its author is kept",
)
NOTES = Shape(
    {"shared": nullable(Text(max_length=MAX_NOTES)), "private": nullable(Text(max_length=MAX_NOTES))},
    description="the shared notes, and the caller's private notes that only they ever read (empty removes)",
)
ACTION = Shape(
    {"text": Text(max_length=MAX_TEXT), "owner": ID, "due": nullable(Text(max_length=10, format="date"))},
    required=frozenset({"text", "owner"}),
    description="an action item, owned by the employee or their manager, open until done",
)
NOTHING = nullable(Shape({}, description="nothing: no body, or an empty object"))
BODIES = {
    ("PUT", "/employees/{employee_id}/check-in-cadence"): CADENCE,
    ("POST", "/check-ins"): NEW_CHECK_IN,
    ("POST", "/check-ins/{check_in_id}/topics"): TOPIC,
    ("PUT", "/check-ins/{check_in_id}/notes"): NOTES,
    ("POST", "/check-ins/{check_in_id}/actions"): ACTION,
    ("POST", "/check-ins/{check_in_id}/actions/{action_id}/done"): NOTHING,
    ("POST", "/check-ins/{check_in_id}/complete"): NOTHING,
}
# the routes that take an Idempotency-Key (janus.kernel.idempotency)
KEYED = {
    ("POST", "/check-ins"),
    ("POST", "/check-ins/{check_in_id}/topics"),
    ("POST", "/check-ins/{check_in_id}/actions"),
}


def router(ports: flow.Ports) -> Router:
    routes = Router()

    @routes.put("/employees/<employee_id>/check-in-cadence")
    def put_cadence(employee_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        pair = flow.set_cadence(caller, employee_id, json_body(routes.current_event, CADENCE), ports)
        logger.info("check-in cadence set", cadence=pair["cadence"])
        return pair

    @routes.post("/check-ins")
    def post_check_in() -> Response:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, NEW_CHECK_IN)
        check_in = flow.create(caller, body, ports, request_key(event, caller, body))
        logger.info("check-in made", check_in_id=check_in["id"], carried=len(check_in["carried"]))
        return json_response(201, check_in)

    @routes.get("/check-ins")
    def get_check_ins() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        employee_id = routes.current_event.get_query_string_value(name="employee_id")
        return flow.list_check_ins(caller, employee_id, ports)

    @routes.get("/check-ins/<check_in_id>")
    def get_check_in(check_in_id: str) -> dict[str, Any]:
        return flow.get(caller_of(routes.current_event), check_in_id, ports)

    @routes.post("/check-ins/<check_in_id>/topics")
    def post_topic(check_in_id: str) -> Response:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, TOPIC)
        check_in = flow.add_topic(caller, check_in_id, body, ports, request_key(event, caller, body))
        logger.info("check-in topic", check_in_id=check_in_id, topics=len(check_in["topics"]))
        return json_response(201, check_in)

    @routes.put("/check-ins/<check_in_id>/notes")
    def put_notes(check_in_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        check_in = flow.put_notes(caller, check_in_id, json_body(routes.current_event, NOTES), ports)
        logger.info("check-in notes", check_in_id=check_in_id)
        return check_in

    @routes.post("/check-ins/<check_in_id>/actions")
    def post_action(check_in_id: str) -> Response:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, ACTION)
        check_in = flow.add_action(caller, check_in_id, body, ports, request_key(event, caller, body))
        logger.info("check-in action", check_in_id=check_in_id, actions=len(check_in["actions"]))
        return json_response(201, check_in)

    @routes.post("/check-ins/<check_in_id>/actions/<action_id>/done")
    def post_done(check_in_id: str, action_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        json_body(routes.current_event, NOTHING)
        check_in = flow.mark_done(caller, check_in_id, action_id, ports)
        logger.info("check-in action done", check_in_id=check_in_id, action_id=action_id)
        return check_in

    @routes.post("/check-ins/<check_in_id>/complete")
    def post_complete(check_in_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        json_body(routes.current_event, NOTHING)
        check_in = flow.complete(caller, check_in_id, ports)
        logger.info("check-in completed", check_in_id=check_in_id)
        return check_in

    @routes.get("/organisation/check-ins")
    def get_organisation() -> dict[str, Any]:
        return flow.organisation(caller_of(routes.current_event), ports)

    return routes
