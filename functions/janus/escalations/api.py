"""The escalations' routes: the cases a manager or HR may see and act on, and a manager's flag of unacceptable
performance."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.escalations import flow
from janus.escalations.case import MAX_TEXT
from janus.escalations.flow import EVENTS
from janus.kernel.api import caller_of, json_body, json_response
from janus.kernel.bodies import Array, Shape, Text
from janus.kernel.observability import logger

NOTE = Text()  # the case's steps bound their texts (MAX_TEXT) and say so in their own words
CASE_EVENT = Shape(
    {
        "type": Text(enum=EVENTS),
        "expectations": NOTE,
        "support": NOTE,
        "measures": NOTE,
        "review_dates": Array(Text(max_length=64, format="date"), max_items=12),
        "outcome": Text(max_length=32),
        "notes": NOTE,
        "decision": NOTE,
    },
    required=frozenset({"type"}),
    description="acknowledge; plan (expectations, support, measures, review_dates?); review (outcome, notes, "
    "decision when closing); close (decision)",
)
FLAG = Shape({"note": Text(max_length=MAX_TEXT)})
BODIES = {
    ("POST", "/escalations/{case_id}/events"): CASE_EVENT,
    ("POST", "/employees/{employee_id}/unacceptable"): FLAG,
}


def router(ports: flow.Ports) -> Router:
    routes = Router()

    @routes.get("/escalations")
    def get_escalations() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        flow.require_manager_or_hr(caller)
        query = routes.current_event.get_query_string_value
        where = flow.case_filter(query(name="state"), query(name="department"))
        return flow.list_cases(caller.org, caller, ports, where, query(name="next"))

    @routes.get("/escalations/<case_id>")
    def get_escalation(case_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        return flow.get_case(caller.org, case_id, caller, ports)

    @routes.post("/escalations/<case_id>/events")
    def post_escalation_event(case_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        body = json_body(routes.current_event, CASE_EVENT)
        case = flow.apply_case_event(caller.org, case_id, body, caller, ports)
        logger.info("case event", case_id=case_id, event_type=body.get("type"), state=case["state"])
        return case

    @routes.post("/employees/<employee_id>/unacceptable")
    def post_unacceptable(employee_id: str) -> Response:
        caller = caller_of(routes.current_event)
        flow.require_manager_or_hr(caller)
        case = flow.flag_unacceptable(caller.org, employee_id, caller, json_body(routes.current_event, FLAG), ports)
        logger.info("case opened by a manager", case_id=case["id"])
        return json_response(201, case)

    return routes
