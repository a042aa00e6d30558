"""The round's routes: HR creates, reads and moves cycles and their nominations; employees propose their
own raters and managers decide on their team's proposals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.kernel.api import caller_of, json_body, json_response
from janus.kernel.bodies import Array, Boolean, Integer, Mapping, Shape, Text
from janus.kernel.caller import Caller
from janus.kernel.errors import InvalidInput, Problem
from janus.kernel.jobs import Jobs
from janus.kernel.observability import logger
from janus.library import MAX_COMPETENCIES
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, nominate, states, statuses
from janus.rounds.cycle import KINDS, MAX_SUBJECTS, TRANSITIONS
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore

IDS = Array(Text(max_length=64), max_items=MAX_SUBJECTS)
LIMITS = Shape({"min": Integer(), "max": Integer()})
NEW_CYCLE = Shape(
    {
        "name": Text(),
        "kind": Text(enum=KINDS),
        "deadline": Text(max_length=64, format="date-time"),
        "subjects": IDS,
        "departments": Array(Text(max_length=100), max_items=500),
        "competencies": Array(Text(max_length=64), max_items=MAX_COMPETENCIES),
        "anonymity_threshold": Integer(),
        "manager_identified": Boolean(),
        "workload_cap": Integer(),
        "raters": Mapping(LIMITS),
        "reminders": Shape({"days_before": Array(Integer(), max_items=60), "max": Integer()}),
    },
    required=frozenset({"name", "kind", "deadline"}),
    description="A new cycle; subjects left out: every active employee, or of the departments named.",
)
RATERS = Shape(
    {"raters": Array(Shape({"id": Text(max_length=64), "relationship": Text(max_length=32)}), max_items=100)},
    required=frozenset({"raters"}),
)
PROPOSALS = Shape({"peers": Array(Text(max_length=64), max_items=50)}, required=frozenset({"peers"}))
DECISION = Shape(
    {"approve": Array(Text(max_length=64), max_items=50), "reject": Array(Text(max_length=64), max_items=50)}
)
CYCLE_EVENT = Shape(
    {"type": Text(enum=tuple(TRANSITIONS)), "deadline": Text(max_length=64, format="date-time"), "force": Boolean()},
    required=frozenset({"type"}),
)
BODIES = {
    ("POST", "/cycles"): NEW_CYCLE,
    ("PUT", "/cycles/{cycle_id}/subjects/{employee_id}/raters"): RATERS,
    ("POST", "/cycles/{cycle_id}/subjects/{employee_id}/proposals"): PROPOSALS,
    ("POST", "/cycles/{cycle_id}/subjects/{employee_id}/proposals/decision"): DECISION,
    ("POST", "/cycles/{cycle_id}/events"): CYCLE_EVENT,
}


@dataclass(frozen=True)
class Rounds:
    """What the round's routes read and write."""

    directory: DynamoEmployeeDirectory
    orgs: OrgStore
    cycles: CycleStore
    progress: ProgressStore
    roster: nominate.Roster
    ledger: states.Ledger
    jobs: Jobs
    timers: states.CycleTimers


def router(ports: Rounds) -> Router:
    routes = Router()
    directory, orgs, cycles, progress = ports.directory, ports.orgs, ports.cycles, ports.progress
    roster, ledger, jobs, timers = ports.roster, ports.ledger, ports.jobs, ports.timers

    def _hr() -> Caller:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        return caller

    @routes.post("/cycles")
    def post_cycle() -> Response:
        caller = _hr()
        body = json_body(routes.current_event, NEW_CYCLE)
        settings = orgs.get(caller.org)
        cycle = create.create_cycle(
            caller.org, body, directory, cycles, settings.time_zone, settings.anonymity_threshold
        )
        logger.info("cycle created", cycle_id=cycle.id, subject_count=cycle.subject_count)
        return json_response(201, create.cycle_view(progress, cycle))

    @routes.get("/cycles")
    def get_cycles() -> dict[str, Any]:
        return {"cycles": create.list_cycles(_hr().org, cycles, progress)}

    @routes.get("/cycles/<cycle_id>")
    def get_cycle(cycle_id: str) -> dict[str, Any]:
        return create.get_cycle(_hr().org, cycle_id, cycles, progress)

    @routes.get("/cycles/<cycle_id>/subjects/<employee_id>/raters")
    def get_raters(cycle_id: str, employee_id: str) -> dict[str, Any]:
        return nominate.get_raters(_hr().org, cycle_id, employee_id, roster, directory)

    @routes.put("/cycles/<cycle_id>/subjects/<employee_id>/raters")
    def put_raters(cycle_id: str, employee_id: str) -> dict[str, Any]:
        org = _hr().org
        body = json_body(routes.current_event, RATERS)
        return nominate.put_raters(org, cycle_id, employee_id, body, roster, directory)

    @routes.delete("/cycles/<cycle_id>/subjects/<employee_id>/raters/<rater_id>")
    def delete_rater(cycle_id: str, employee_id: str, rater_id: str) -> dict[str, Any]:
        return nominate.remove_rater(_hr().org, cycle_id, employee_id, rater_id, roster, directory)

    @routes.post("/cycles/<cycle_id>/subjects/<employee_id>/proposals")
    def post_proposals(cycle_id: str, employee_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        caller.require("employee")
        body = json_body(routes.current_event, PROPOSALS)
        return nominate.propose_peers(caller.org, cycle_id, employee_id, body, caller, roster, directory, jobs)

    @routes.post("/cycles/<cycle_id>/subjects/<employee_id>/proposals/decision")
    def post_decision(cycle_id: str, employee_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        if not caller.roles & {"manager", "hr_admin"}:
            caller.require("manager")
        body = json_body(routes.current_event, DECISION)
        return nominate.decide_proposals(caller.org, cycle_id, employee_id, body, caller, roster, directory)

    @routes.post("/cycles/<cycle_id>/events")
    def post_event(cycle_id: str) -> Response:
        caller = _hr()
        body = json_body(routes.current_event, CYCLE_EVENT)
        view = states.apply_event(caller.org, cycle_id, body, ledger, jobs, timers)
        logger.info("cycle event applied", cycle_id=cycle_id, event_type=body.get("type"), state=view["state"])
        return json_response(202, view)

    _after_launch(routes, ports, _hr)
    return routes


def _after_launch(routes: Router, ports: Rounds, hr: Callable[[], Caller]) -> None:
    """HR's reading after launch: the cycle's subjects a page at a time, and a subject's raters with
    their forms' status."""

    @routes.get("/cycles/<cycle_id>/subjects")
    def get_subjects(cycle_id: str) -> dict[str, Any]:
        event = routes.current_event
        token = event.get_query_string_value(name="next")
        short = _flag(event.get_query_string_value(name="short"), "short")
        return statuses.list_subjects(hr().org, cycle_id, token, ports.cycles, ports.roster.subjects, short=short)

    @routes.get("/cycles/<cycle_id>/subjects/<employee_id>/assignments")
    def get_assignments(cycle_id: str, employee_id: str) -> dict[str, Any]:
        roster = ports.roster
        org = hr().org
        return statuses.rater_statuses(org, cycle_id, employee_id, roster.subjects, roster.assignments, roster.raters)

    @routes.get("/cycles/<cycle_id>/progress")
    def get_progress(cycle_id: str) -> dict[str, Any]:
        return statuses.cycle_page(hr().org, cycle_id, ports.cycles, ports.progress, ports.roster.subjects)


def _flag(value: str | None, name: str) -> bool:
    if value in (None, "", "false"):
        return False
    if value == "true":
        return True
    raise InvalidInput(f"'{name}' is true or false", [Problem("must be true or false", field=name)])
