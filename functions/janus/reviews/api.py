"""The reviews' routes: HR's review cycles and calibration, and each review's page, drafts, submits and
acknowledgement. Texts from the library come in the caller's language (``Accept-Language``: English or Danish)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.kernel.api import caller_of, json_body, json_response, request_key
from janus.kernel.bodies import Array, Boolean, Integer, Mapping, Shape, Text, nullable
from janus.kernel.observability import logger
from janus.library import pick_locale
from janus.reviews import flow
from janus.reviews.model import (
    EVENTS,
    KINDS,
    MAX_COMMENT,
    MAX_LABEL,
    MAX_NAME,
    MAX_REASON,
    MAX_SCALE,
    MAX_SELECTED,
    MAX_TEXT,
)

ID = Text(max_length=64)

NEW_CYCLE = Shape(
    {
        "name": Text(max_length=MAX_NAME),
        "kind": Text(enum=KINDS),
        "deadline": Text(max_length=40, format="date"),
        "employees": Array(ID, max_items=MAX_SELECTED),
        "rating_scale": Array(Text(max_length=MAX_LABEL), max_items=MAX_SCALE),
    },
    required=frozenset({"name", "kind", "deadline"}),
    description="a review cycle: everyone active unless employees are named; the scale's labels lowest first "
    "(default five points); a deadline given as a date ends that day in the organisation's time zone",
)
CYCLE_EVENT = Shape(
    {"type": Text(enum=tuple(EVENTS))},
    required=frozenset({"type"}),
    description="launch (draft to open), close (open to closed) or release (closed to released); 409 otherwise",
)
RATED = Shape(
    {"rating": nullable(Integer()), "comment": nullable(Text(max_length=MAX_COMMENT))},
    description="a competency's rating on the review's scale, and a comment",
)
_PART = {
    "summary": nullable(Text(max_length=MAX_TEXT)),
    "goals": Mapping(nullable(Text(max_length=MAX_COMMENT))),
    "competencies": Mapping(RATED),
    "version": Integer(),
}
SELF_PART = Shape(_PART, description="a draft of the self part; version, if given, must be the review's (409)")
MANAGER_PART = Shape(
    {**_PART, "overall_rating": nullable(Integer()), "unacceptable": Boolean()},
    description="a draft of the manager's part; unacceptable opens an escalation case when submitted",
)
ACKNOWLEDGE = Shape({"comment": nullable(Text(max_length=MAX_COMMENT))}, description="an optional comment")
CALIBRATE = Shape(
    {"overall_rating": Integer(), "reason": Text(max_length=MAX_REASON), "version": Integer()},
    required=frozenset({"overall_rating", "reason"}),
    description="HR's rating that counts, and why (kept in the review's history)",
)
SUBMIT = Shape({}, description="no fields (a body, if sent, is an empty object): the part as its draft holds it")
BODIES = {
    ("POST", "/review-cycles"): NEW_CYCLE,
    ("POST", "/review-cycles/{cycle_id}/events"): CYCLE_EVENT,
    ("PUT", "/reviews/{review_id}/self"): SELF_PART,
    ("PUT", "/reviews/{review_id}/manager"): MANAGER_PART,
    ("POST", "/reviews/{review_id}/self/submit"): SUBMIT,
    ("POST", "/reviews/{review_id}/manager/submit"): SUBMIT,
    ("POST", "/reviews/{review_id}/acknowledge"): ACKNOWLEDGE,
    ("POST", "/reviews/{review_id}/calibrate"): CALIBRATE,
}
KEYED = {("POST", "/review-cycles")}  # the routes that take an Idempotency-Key (janus.kernel.idempotency)


def router(ports: flow.Ports) -> Router:  # noqa: C901 - one small function per route
    routes = Router()

    def lang() -> str:
        return pick_locale(routes.current_event.headers.get("accept-language"))

    def query(name: str) -> str | None:
        return routes.current_event.get_query_string_value(name=name) or None

    def optional_body(shape: Shape) -> dict[str, Any]:
        return json_body(routes.current_event, shape) if routes.current_event.body else {}

    @routes.post("/review-cycles")
    def post_review_cycle() -> Response:
        event = routes.current_event
        caller = caller_of(event)
        body = json_body(event, NEW_CYCLE)
        cycle = flow.create_cycle(caller, body, ports, request_key(event, caller, body))
        logger.info("review cycle created", cycle_id=cycle["id"])
        return json_response(201, cycle)

    @routes.get("/review-cycles")
    def get_review_cycles() -> dict[str, Any]:
        return flow.list_cycles(caller_of(routes.current_event), ports)

    @routes.get("/review-cycles/<cycle_id>")
    def get_review_cycle(cycle_id: str) -> dict[str, Any]:
        return flow.get_cycle(caller_of(routes.current_event), cycle_id, ports)

    @routes.post("/review-cycles/<cycle_id>/events")
    def post_review_cycle_event(cycle_id: str) -> Response:
        caller = caller_of(routes.current_event)
        body = json_body(routes.current_event, CYCLE_EVENT)
        cycle = flow.cycle_event(caller, cycle_id, body, ports)
        logger.info("review cycle event", cycle_id=cycle_id, event=body["type"], state=cycle["state"])
        return json_response(202, cycle)

    @routes.get("/review-cycles/<cycle_id>/reviews")
    def get_review_cycle_reviews(cycle_id: str) -> dict[str, Any]:
        return flow.cycle_reviews(caller_of(routes.current_event), cycle_id, query("after"), ports)

    @routes.get("/review-cycles/<cycle_id>/calibration")
    def get_calibration(cycle_id: str) -> dict[str, Any]:
        return flow.calibration(caller_of(routes.current_event), cycle_id, query("after"), ports)

    @routes.get("/reviews")
    def get_reviews() -> dict[str, Any]:
        return flow.list_reviews(caller_of(routes.current_event), query("employee_id"), query("manager_id"), ports)

    @routes.get("/reviews/<review_id>")
    def get_review(review_id: str) -> dict[str, Any]:
        return flow.get_review(caller_of(routes.current_event), review_id, lang(), ports)

    @routes.put("/reviews/<review_id>/self")
    def put_self(review_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        return flow.save_part(caller, review_id, False, json_body(routes.current_event, SELF_PART), ports)

    @routes.put("/reviews/<review_id>/manager")
    def put_manager(review_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        return flow.save_part(caller, review_id, True, json_body(routes.current_event, MANAGER_PART), ports)

    @routes.post("/reviews/<review_id>/self/submit")
    def post_self_submit(review_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        optional_body(SUBMIT)
        review = flow.submit_part(caller, review_id, False, ports)
        logger.info("review self part submitted", review_id=review_id)
        return review

    @routes.post("/reviews/<review_id>/manager/submit")
    def post_manager_submit(review_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        optional_body(SUBMIT)
        review = flow.submit_part(caller, review_id, True, ports)
        logger.info("review manager part submitted", review_id=review_id)
        return review

    @routes.post("/reviews/<review_id>/acknowledge")
    def post_acknowledge(review_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        review = flow.acknowledge(caller, review_id, optional_body(ACKNOWLEDGE), ports)
        logger.info("review acknowledged", review_id=review_id)
        return review

    @routes.post("/reviews/<review_id>/calibrate")
    def post_calibrate(review_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        review = flow.calibrate(caller, review_id, json_body(routes.current_event, CALIBRATE), ports)
        logger.info("review calibrated", review_id=review_id)
        return review

    return routes
