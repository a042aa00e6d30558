"""The reports' routes: a subject's report (JSON, or the printable HTML page) for HR and, after release,
its readers; HR's analytics of a cycle."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.audit.log import AuditLog
from janus.kernel.api import caller_of, json_response
from janus.library import pick_locale
from janus.people.employees import EmployeeDirectory
from janus.reports import access as report_access
from janus.reports.store import ReportStore
from janus.rounds.store_cycles import CycleStore


def router(cycles: CycleStore, reports: ReportStore, directory: EmployeeDirectory, audit: AuditLog) -> Router:
    routes = Router()

    @routes.get("/cycles/<cycle_id>/reports/<employee_id>")
    def get_report(cycle_id: str, employee_id: str) -> Response:
        caller = caller_of(routes.current_event)
        body = report_access.read_report(
            caller.org,
            cycle_id,
            employee_id,
            "json",
            caller,
            cycles=cycles,
            reports=reports,
            directory=directory,
            audit=audit,
        )
        return Response(200, "application/json", body.decode(), headers={"Cache-Control": "private, no-store"})

    @routes.get("/cycles/<cycle_id>/reports/<employee_id>/html")
    def get_report_html(cycle_id: str, employee_id: str) -> Response:
        caller = caller_of(routes.current_event)
        body = report_access.read_report(
            caller.org,
            cycle_id,
            employee_id,
            "html",
            caller,
            cycles=cycles,
            reports=reports,
            directory=directory,
            audit=audit,
        )
        headers = {
            "Cache-Control": "private, no-store",
            "Referrer-Policy": "no-referrer",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
        }
        return Response(200, "text/html; charset=utf-8", body.decode(), headers=headers)

    @routes.get("/cycles/<cycle_id>/analytics")
    def get_analytics(cycle_id: str) -> Response:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        locale = pick_locale(routes.current_event.headers.get("accept-language"))
        body = report_access.read_analytics(caller.org, cycle_id, cycles=cycles, reports=reports, locale=locale)
        return json_response(200, body, headers={"Content-Language": locale, "Vary": "Accept-Language"})

    return routes
