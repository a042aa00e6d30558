"""HR's API and the cycle events from the bus: thin entry points over janus."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.kernel import aws, clock
from janus.kernel.api import Caller, caller_of, create_resolver, json_body, json_response
from janus.kernel.errors import Conflict
from janus.kernel.jobs import SqsJobs
from janus.kernel.messages import Codec, Handlers, dispatch
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.schedules import OneTimeSchedules
from janus.kernel.settings import Settings
from janus.library import api as library_api
from janus.people import api as people_api
from janus.people import importing
from janus.people.messages import EmployeesChanged
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.reports import access as report_access
from janus.reports.store import ReportStore
from janus.rounds import create, fanout, nominate, states
from janus.rounds.handlers import FANOUT, fanout_handlers
from janus.rounds.messages import CycleEvent
from janus.rounds.schedules import DeadlineSchedules, ReminderSchedules
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.store_subjects import SubjectStore

settings = Settings.from_env()
store.bind(settings)
directory = DynamoEmployeeDirectory()
cycles, subjects, raters, progress = CycleStore(), SubjectStore(), RaterStore(), ProgressStore()
assignments = AssignmentStore()
roster = nominate.Roster(cycles, subjects, raters, assignments)
ledger = states.Ledger(cycles, subjects, progress)
launch = fanout.Launch(cycles, subjects, assignments, progress)
orgs = OrgStore()
reports = ReportStore(aws.client("s3", settings), settings.reports_bucket)
jobs = SqsJobs(
    aws.client("sqs", settings),
    {
        "jobs": settings.jobs_queue_url,
        "reminders": settings.reminders_queue_url,
        "invitations": settings.invitations_queue_url,
        "reports": settings.reports_queue_url,
    },
    delays={"reports": settings.report_delay_seconds},
)
schedules = OneTimeSchedules(
    aws.client("scheduler", settings), settings.schedule_group or "default", settings.scheduler_role_arn or ""
)
timers = states.CycleTimers(
    DeadlineSchedules(schedules, settings.jobs_queue_arn or ""),
    ReminderSchedules(schedules, settings.reminders_queue_arn or ""),
)
app = create_resolver()
app.include_router(people_api.router(directory, orgs))
app.include_router(library_api.router())
processor = BatchProcessor(event_type=EventType.SQS)


def _hr() -> Caller:
    caller = caller_of(app.current_event)
    caller.require("hr_admin")
    return caller


@app.post("/cycles")
def post_cycle() -> Response:
    caller = _hr()
    body = json_body(app.current_event)
    cycle = create.create_cycle(caller.org, body, directory, cycles, orgs.get(caller.org).time_zone)
    logger.info("cycle created", cycle_id=cycle.id, subject_count=cycle.subject_count)
    return json_response(201, create.cycle_view(progress, cycle))


@app.get("/cycles")
def get_cycles() -> dict[str, Any]:
    return {"cycles": create.list_cycles(_hr().org, cycles, progress)}


@app.get("/cycles/<cycle_id>")
def get_cycle(cycle_id: str) -> dict[str, Any]:
    return create.get_cycle(_hr().org, cycle_id, cycles, progress)


@app.get("/cycles/<cycle_id>/subjects/<employee_id>/raters")
def get_raters(cycle_id: str, employee_id: str) -> dict[str, Any]:
    return nominate.get_raters(_hr().org, cycle_id, employee_id, roster, directory)


@app.put("/cycles/<cycle_id>/subjects/<employee_id>/raters")
def put_raters(cycle_id: str, employee_id: str) -> dict[str, Any]:
    body = json_body(app.current_event)
    return nominate.put_raters(_hr().org, cycle_id, employee_id, body, roster, directory)


@app.delete("/cycles/<cycle_id>/subjects/<employee_id>/raters/<rater_id>")
def delete_rater(cycle_id: str, employee_id: str, rater_id: str) -> dict[str, Any]:
    return nominate.remove_rater(_hr().org, cycle_id, employee_id, rater_id, roster, directory)


@app.post("/cycles/<cycle_id>/subjects/<employee_id>/proposals")
def post_proposals(cycle_id: str, employee_id: str) -> dict[str, Any]:
    caller = caller_of(app.current_event)
    caller.require("employee")
    body = json_body(app.current_event)
    return nominate.propose_peers(caller.org, cycle_id, employee_id, body, caller, roster, directory)


@app.post("/cycles/<cycle_id>/subjects/<employee_id>/proposals/decision")
def post_decision(cycle_id: str, employee_id: str) -> dict[str, Any]:
    caller = caller_of(app.current_event)
    if not caller.roles & {"manager", "hr_admin"}:
        caller.require("manager")
    body = json_body(app.current_event)
    return nominate.decide_proposals(caller.org, cycle_id, employee_id, body, caller, roster, directory)


@app.post("/cycles/<cycle_id>/events")
def post_event(cycle_id: str) -> Response:
    caller = _hr()
    body = json_body(app.current_event)
    view = states.apply_event(caller.org, cycle_id, body, ledger, jobs, timers)
    logger.info("cycle event applied", cycle_id=cycle_id, event_type=body.get("type"), state=view["state"])
    return json_response(202, view)


@app.get("/cycles/<cycle_id>/reports/<employee_id>")
def get_report(cycle_id: str, employee_id: str) -> Response:
    caller = caller_of(app.current_event)
    body = report_access.read_report(
        caller.org, cycle_id, employee_id, "json", caller, cycles=cycles, reports=reports, directory=directory
    )
    return Response(200, "application/json", body.decode(), headers={"Cache-Control": "private, no-store"})


@app.get("/cycles/<cycle_id>/reports/<employee_id>/html")
def get_report_html(cycle_id: str, employee_id: str) -> Response:
    caller = caller_of(app.current_event)
    body = report_access.read_report(
        caller.org, cycle_id, employee_id, "html", caller, cycles=cycles, reports=reports, directory=directory
    )
    headers = {
        "Cache-Control": "private, no-store",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    }
    return Response(200, "text/html; charset=utf-8", body.decode(), headers=headers)


@app.get("/cycles/<cycle_id>/analytics")
def get_analytics(cycle_id: str) -> dict[str, Any]:
    return report_access.read_analytics(_hr().org, cycle_id, cycles=cycles, reports=reports)


def _cycle_event(event: CycleEvent) -> None:
    try:
        states.apply_event(event.org, event.cycle_id, event.detail, ledger, jobs, timers)
    except Conflict as error:  # a replayed or late event: the state already moved on
        logger.info("cycle event not applicable", cycle_id=event.cycle_id, reason=error.message)


def _employees_changed(event: EmployeesChanged) -> None:
    result = importing.import_employees(event.org, event.employees, directory, as_of=event.as_of or clock.now())
    logger.info(
        "HRIS employees applied",
        employees_created=result.created,
        employees_updated=result.updated,
        employees_stale=result.stale,
    )


# The cycle's own fan-out jobs and deadline, and the bus events of HRIS automation.
MESSAGES = Codec(*FANOUT.kinds.values(), CycleEvent, EmployeesChanged)
HANDLERS: Handlers = {
    **fanout_handlers(launch, raters, ledger, jobs, timers),
    CycleEvent: _cycle_event,
    EmployeesChanged: _employees_changed,
}


def _record(record: SQSRecord) -> None:
    dispatch(HANDLERS, MESSAGES.decode(record.body))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event:
        return process_partial_response(
            event=event, record_handler=report_failures(_record), processor=processor, context=context
        )
    return app.resolve(event, context)
