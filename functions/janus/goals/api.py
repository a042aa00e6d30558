"""The goals' routes: set, list, read, change with a reason, record progress, and check a draft. Any signed-in
employee for their own goals, managers for their reports', HR for everyone's; findings come in the
caller's language (``Accept-Language``: English or Danish)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.goals import flow
from janus.goals.goal import (
    MAX_KEY_RESULTS,
    MAX_MEASURE,
    MAX_NOTE,
    MAX_REASON,
    MAX_TARGET,
    MAX_TITLE,
    MAX_UNIT,
    STATUSES,
    VISIBILITIES,
)
from janus.kernel.api import caller_of, json_body, json_response, request_key
from janus.kernel.bodies import Array, Integer, Number, OneOf, Shape, Text, nullable
from janus.kernel.errors import InvalidInput, Problem
from janus.kernel.observability import logger
from janus.library import pick_locale

ID = Text(max_length=64)


def _key_result(with_id: bool) -> Shape:
    fields: dict[str, Any] = {
        "title": Text(max_length=MAX_TITLE),
        "start": Number(),
        "target": Number(),
        "current": Number(),
        "unit": nullable(Text(max_length=MAX_UNIT)),
    }
    if with_id:
        fields = {"id": Text(max_length=16), **fields}
    return Shape(
        fields,
        description="a key result: with an id, one to change (what it leaves out stays); without, a new one"
        if with_id
        else "a key result; current starts at start",
    )


def _goal_fields(with_ids: bool) -> dict[str, Any]:
    return {
        "title": Text(max_length=MAX_TITLE),
        "measure": nullable(Text(max_length=MAX_MEASURE)),
        "target": nullable(OneOf((Text(max_length=MAX_TARGET), Number()))),
        "due": Text(max_length=10, format="date"),
        "owner": ID,
        "parent_id": nullable(ID),
        "key_results": Array(_key_result(with_ids), max_items=MAX_KEY_RESULTS),
        "visibility": Text(enum=VISIBILITIES),
        "status": Text(enum=STATUSES),
    }


NEW_GOAL = Shape(
    _goal_fields(False),
    required=frozenset({"title", "due"}),
    description="a goal: the owner is the caller unless named; visibility 'organisation' unless 'private'",
)
GOAL_CHANGE = Shape(
    {**_goal_fields(True), "reason": Text(max_length=MAX_REASON), "version": Integer()},
    required=frozenset({"reason"}),
    description="any fields to change, and why; key_results lists every key result the goal keeps; "
    "version, if given, must be the goal's (409 otherwise)",
)
DRAFT = Shape(
    {**_goal_fields(False), "owner": nullable(ID)},
    description="a goal being written: anything may be missing",
)
PROGRESS = Shape(
    {"key_result_id": Text(max_length=16), "value": Number(), "note": Text(max_length=MAX_NOTE)},
    required=frozenset({"value"}),
    description="a key result's current value; a goal without key results takes its progress from 0 to 1",
)
CONFIRM = Shape(
    {"note": Text(max_length=MAX_NOTE)},
    description="the goal confirmed as it is for this quarter; a note, if any, is kept in its history",
)
BODIES = {
    ("POST", "/goals"): NEW_GOAL,
    ("POST", "/goals/findings"): DRAFT,
    ("PATCH", "/goals/{goal_id}"): GOAL_CHANGE,
    ("POST", "/goals/{goal_id}/progress"): PROGRESS,
    ("POST", "/goals/{goal_id}/confirm"): CONFIRM,
}
KEYED = {("POST", "/goals")}  # the routes that take an Idempotency-Key (janus.kernel.idempotency)


def router(ports: flow.Ports) -> Router:
    routes = Router()

    def lang() -> str:
        return pick_locale(routes.current_event.headers.get("accept-language"))

    @routes.post("/goals")
    def post_goal() -> Response:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, NEW_GOAL)
        goal = flow.create_goal(caller, body, lang(), ports, request_key(event, caller, body))
        logger.info("goal set", goal_id=goal["id"], findings=len(goal["findings"]))
        return json_response(201, goal)

    @routes.post("/goals/findings")
    def post_findings() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        return flow.draft_findings(caller, json_body(routes.current_event, DRAFT), lang(), ports)

    @routes.get("/goals")
    def get_goals() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        event = routes.current_event
        scope = event.get_query_string_value(name="scope")
        if scope == "organisation":  # the company's goals: organisation-wide, under nothing, a page at a time
            return flow.organisation_goals(caller, event.get_query_string_value(name="after"), ports)
        if scope == "team":  # the caller's direct reports' goals
            return flow.team_goals(caller, ports)
        if scope is not None:
            raise InvalidInput("no such scope", [Problem("must be 'organisation' or 'team'", "scope")])
        return flow.list_goals(caller, event.get_query_string_value(name="owner"), ports)

    @routes.get("/goals/<goal_id>")
    def get_goal(goal_id: str) -> dict[str, Any]:
        return flow.get_goal(caller_of(routes.current_event), goal_id, ports)

    @routes.patch("/goals/<goal_id>")
    def patch_goal(goal_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        goal = flow.change_goal(caller, goal_id, json_body(routes.current_event, GOAL_CHANGE), lang(), ports)
        logger.info("goal changed", goal_id=goal_id, version=goal["version"])
        return goal

    @routes.post("/goals/<goal_id>/confirm")
    def post_confirm(goal_id: str) -> dict[str, Any]:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, CONFIRM) if (event.get("body") or "").strip() else {}
        goal = flow.confirm_goal(caller, goal_id, body.get("note"), ports)
        logger.info("goal confirmed", goal_id=goal_id, version=goal["version"])
        return goal

    @routes.post("/goals/<goal_id>/progress")
    def post_progress(goal_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        goal = flow.record_progress(caller, goal_id, json_body(routes.current_event, PROGRESS), ports)
        logger.info("goal progress", goal_id=goal_id, version=goal["version"])
        return goal

    _hr_routes(routes, ports)
    return routes


def _hr_routes(routes: Router, ports: flow.Ports) -> None:
    @routes.get("/organisation/goals")
    def get_department_goals() -> dict[str, Any]:  # HR's goal alignment by department
        return flow.department_goals(caller_of(routes.current_event), ports)
