"""A signed-in person's own pages: ``GET /me`` (any employee) and ``GET /me/team`` (a manager); and HR's
overview of the organisation, ``GET /organisation/overview``, and page of one person,
``GET /employees/{id}/overview``."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.home import hr, overview, person
from janus.kernel.api import caller_of

BODIES: dict[tuple[str, str], Any] = {}


def router(sources: overview.Sources) -> Router:
    routes = Router()

    @routes.get("/me")
    def get_me() -> dict[str, Any]:
        return overview.me(caller_of(routes.current_event), sources)

    @routes.get("/me/team")
    def get_team() -> dict[str, Any]:
        return overview.team(caller_of(routes.current_event), sources)

    @routes.get("/employees/<employee_id>/overview")
    def get_person(employee_id: str) -> dict[str, Any]:
        return person.person(caller_of(routes.current_event), employee_id, sources)

    return routes


def hr_router(sources: hr.HrSources) -> Router:
    routes = Router()

    @routes.get("/organisation/overview")
    def get_hr_overview() -> dict[str, Any]:
        return hr.overview(caller_of(routes.current_event), sources)

    return routes
