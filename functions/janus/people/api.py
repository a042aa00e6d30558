"""HR's routes for the organisation: its people (import, read) and its settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.metrics import MetricUnit

from janus.kernel import clock
from janus.kernel.api import body_text, caller_of, json_body
from janus.kernel.bodies import Anything, Array, Integer, Number, Shape, Text, nullable
from janus.kernel.errors import InvalidInput, Problem
from janus.kernel.jobs import Jobs
from janus.kernel.observability import logger, metrics
from janus.people import employees, importing, listing, organisation, users
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory

# Each row is checked whole by the import: every problem of every row, named with its row number.
EMPLOYEE_ROWS = Array(Anything())
SETTINGS = Shape(
    {
        "time_zone": Text(max_length=64),
        "escalation": Shape(
            {
                "others_overall_max": Number(),
                "competency_max": Number(),
                "acknowledge_days": Integer(),
                "plan_days": Integer(),
                "review_days": Array(Integer(), max_items=12),
                "hr_lead": nullable(Text(max_length=64)),
            }
        ),
        "hr_admins": Array(Text(max_length=64), max_items=100),
        # The whole list; the settings bound each text and name every problem by its value's number (values[1].name).
        "values": Array(Shape({"id": Text(), "name": Text(), "description": Text()}), max_items=100),
        "anonymity_threshold": Integer(),
        # The review cycles' rating scale, lowest first; null sets the default five points again.
        "rating_scale": nullable(Array(Text(max_length=organisation.MAX_LABEL), max_items=organisation.MAX_SCALE)),
        # Months a closed round's answers, a held check-in and a closed case are kept; null sets the default again.
        "retention_months": nullable(Integer()),
    },
    description="Any subset of the settings; values and rating_scale, when sent, replace the whole list.",
)
BODIES = {("PUT", "/employees"): EMPLOYEE_ROWS, ("PUT", "/organisation"): SETTINGS}


def router(
    directory: DynamoEmployeeDirectory,
    orgs: OrgStore,
    jobs: Jobs,
    erased: Callable[[str, Iterable[str]], set[str]] | None = None,
) -> Router:
    """``erased``: which of these ids were erased (an import never brings them back)."""
    """``jobs`` takes the sign-in users an import or a change of HR administrators provisions ("users")."""
    routes = Router()

    def employee_rows() -> list[Any]:
        event = routes.current_event
        content_type = (event.headers.get("content-type") or "").lower()
        if content_type.startswith("text/csv"):
            return importing.parse_csv(body_text(event))
        return json_body(event, EMPLOYEE_ROWS)

    def query(name: str) -> str | None:
        return routes.current_event.get_query_string_value(name=name)

    @routes.put("/employees")
    def put_employees() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        dry_run = _flag(query("dry_run"), "dry_run")
        result = importing.import_employees(
            caller.org, employee_rows(), directory, as_of=clock.now(), jobs=jobs, dry_run=dry_run, erased=erased
        )
        logger.info(
            "employees checked" if dry_run else "employees imported",
            employees_created=result.created,
            employees_updated=result.updated,
            employees_unchanged=result.unchanged,
        )
        if not dry_run:
            metrics.add_metric(name="EmployeesWritten", unit=MetricUnit.Count, value=result.created + result.updated)
        return result.as_dict()

    @routes.get("/employees/<employee_id>")
    def get_employee(employee_id: str) -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        return employees.get_employee(caller.org, employee_id, directory).as_dict()

    @routes.get("/employees")
    def get_employees() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        search = listing.Search.of(query("manager"), query("department"), query("job_class"), query("q"))
        return listing.list_people(caller.org, search, query("next"), directory)

    @routes.get("/organisation")
    def get_organisation() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        return organisation.settings_view(caller.org, orgs.get(caller.org), directory)

    @routes.put("/organisation")
    def put_organisation() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        current = orgs.get(caller.org)
        changed = organisation.parse_settings(caller.org, json_body(routes.current_event, SETTINGS), current, directory)
        orgs.put(caller.org, changed)
        if changed.hr_admins != current.hr_admins:
            users.queue_users(caller.org, set(changed.hr_admins) ^ set(current.hr_admins), {}, jobs)
        return organisation.settings_view(caller.org, changed, directory)

    return routes


def _flag(value: str | None, name: str) -> bool:
    if value is None or value.lower() in ("false", "0", ""):
        return False
    if value.lower() in ("true", "1"):
        return True
    raise InvalidInput(f"'{name}' is true or false", [Problem("must be true or false", field=name)])
