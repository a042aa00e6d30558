"""The development plan's routes: read (the employee, their managers, HR), the employee's actions and career
aspirations, their managers' comments."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.development import flow
from janus.development.plan import MAX_ASPIRATIONS, MAX_COMMENT, MAX_NOTE, MAX_TITLE, STATUSES
from janus.kernel.api import caller_of, json_body, json_response, request_key
from janus.kernel.bodies import Shape, Text, nullable
from janus.kernel.observability import logger

NEW_ACTION = Shape(
    {
        "title": Text(max_length=MAX_TITLE),
        "due": nullable(Text(max_length=10, format="date")),
        "note": nullable(Text(max_length=MAX_NOTE)),
        "competency": nullable(Text(max_length=64)),
    },
    required=frozenset({"title"}),
    description="an action of the employee's own; competency, if given, links it to one of the library's",
)
ACTION_CHANGE = Shape(
    {
        "title": Text(max_length=MAX_TITLE),
        "status": Text(enum=STATUSES),
        "due": nullable(Text(max_length=10, format="date")),
        "note": nullable(Text(max_length=MAX_NOTE)),
        "comment": Text(max_length=MAX_COMMENT),
    },
    description="the employee changes title, status, due and note; the employee or a manager above them adds a comment",
)
PLAN_CHANGE = Shape(
    {"aspirations": nullable(Text(max_length=MAX_ASPIRATIONS))},
    required=frozenset({"aspirations"}),
    description="the employee's career aspirations (null or blank clears them)",
)
BODIES = {
    ("PATCH", "/employees/{employee_id}/development-plan"): PLAN_CHANGE,
    ("POST", "/employees/{employee_id}/development-plan/actions"): NEW_ACTION,
    ("PATCH", "/employees/{employee_id}/development-plan/actions/{action_id}"): ACTION_CHANGE,
}
# the routes that take an Idempotency-Key (janus.kernel.idempotency)
KEYED = {("POST", "/employees/{employee_id}/development-plan/actions")}


def router(ports: flow.Ports) -> Router:
    routes = Router()

    @routes.get("/employees/<employee_id>/development-plan")
    def get_plan(employee_id: str) -> dict[str, Any]:
        return flow.get_plan(caller_of(routes.current_event), employee_id, ports)

    @routes.patch("/employees/<employee_id>/development-plan")
    def patch_plan(employee_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        plan = flow.change_plan(caller, employee_id, json_body(routes.current_event, PLAN_CHANGE), ports)
        logger.info("development plan changed", version=plan["version"])
        return plan

    @routes.post("/employees/<employee_id>/development-plan/actions")
    def post_action(employee_id: str) -> Response:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, NEW_ACTION)
        plan = flow.add_action(caller, employee_id, body, ports, request_key(event, caller, body))
        logger.info("development action added", version=plan["version"])
        return json_response(201, plan)

    @routes.patch("/employees/<employee_id>/development-plan/actions/<action_id>")
    def patch_action(employee_id: str, action_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        body = json_body(routes.current_event, ACTION_CHANGE)
        plan = flow.change_action(caller, employee_id, action_id, body, ports)
        logger.info("development action changed", version=plan["version"])
        return plan

    return routes
