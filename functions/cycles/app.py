"""HR's API and the cycle events from the bus: thin entry points over janus."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.kernel import aws, clock
from janus.kernel.api import Caller, caller_of, create_resolver, json_body, json_response
from janus.kernel.errors import Conflict, InvalidInput
from janus.kernel.jobs import SqsJobs
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.settings import Settings
from janus.library import library, pick_locale
from janus.people import employees, organisation
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.reports import access as report_access
from janus.reports.store import ReportStore
from janus.rounds import create, fanout, nominate, remind, states
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.store_subjects import SubjectStore
from janus.rounds.timers import DeadlineSchedules, OneTimeSchedules, ReminderSchedules, Slot, slot_of

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
    ReminderSchedules(schedules, settings.jobs_queue_arn or ""),
)
app = create_resolver()
processor = BatchProcessor(event_type=EventType.SQS)


def _hr() -> Caller:
    caller = caller_of(app.current_event)
    caller.require("hr_admin")
    return caller


def _employee_rows() -> list[Any]:
    event = app.current_event
    content_type = (event.headers.get("content-type") or "").lower()
    if content_type.startswith("text/csv"):
        return employees.parse_csv(event.decoded_body or "")
    rows = json_body(event)
    if not isinstance(rows, list):
        raise InvalidInput("send a JSON list of employees, or text/csv with a header row")
    return rows


@app.put("/employees")
def put_employees() -> dict[str, Any]:
    caller = caller_of(app.current_event)
    caller.require("hr_admin")
    result = employees.import_employees(caller.org, _employee_rows(), directory, as_of=clock.now())
    logger.info(
        "employees imported",
        employees_created=result.created,
        employees_updated=result.updated,
        employees_unchanged=result.unchanged,
    )
    metrics.add_metric(name="EmployeesWritten", unit=MetricUnit.Count, value=result.created + result.updated)
    return result.as_dict()


@app.get("/employees/<employee_id>")
def get_employee(employee_id: str) -> dict[str, Any]:
    caller = caller_of(app.current_event)
    caller.require("hr_admin")
    return employees.get_employee(caller.org, employee_id, directory).as_dict()


def _reader() -> tuple[Caller, str]:
    """Anyone signed in to the organisation may read the library, in their language."""
    caller = caller_of(app.current_event)
    return caller, pick_locale(app.current_event.headers.get("accept-language"))


@app.get("/competencies")
def get_competencies() -> Response:
    _, locale = _reader()
    body = library().catalogue(locale)
    return json_response(200, body, headers={"Content-Language": locale, "Vary": "Accept-Language"})


@app.get("/job-classes")
def get_job_classes() -> Response:
    _, locale = _reader()
    body = {"locale": locale, "job_classes": library().job_class_list(locale)}
    return json_response(200, body, headers={"Content-Language": locale, "Vary": "Accept-Language"})


@app.get("/organisation")
def get_organisation() -> dict[str, Any]:
    return orgs.get(_hr().org).as_dict()


@app.put("/organisation")
def put_organisation() -> dict[str, Any]:
    caller = _hr()
    changed = organisation.parse_settings(caller.org, json_body(app.current_event), orgs.get(caller.org), directory)
    orgs.put(caller.org, changed)
    return changed.as_dict()


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


def _record(record: SQSRecord) -> None:
    """A bus event (HRIS automation) or one of the cycle's own fan-out jobs."""
    message = json.loads(record.body)
    if "detail-type" in message:
        _automation(message)
        return
    job = message.get("job")
    org, cycle_id = message["org"], message["cycle_id"]
    if job == "launch":
        fanout.launch_page(org, cycle_id, message["shard"], message["start"], message["count"], launch, jobs)
    elif job == "invite":
        fanout.invite_page(
            org, cycle_id, message["shard"], message["start"], raters, jobs, shards=message.get("shards")
        )
    elif job == "deadline":
        outcome = states.deadline_reached(org, cycle_id, message["deadline"], ledger, jobs, timers)
        logger.info("deadline", cycle_id=cycle_id, outcome=outcome)
    elif job == "reminder":
        slot = Slot.from_dict(message)
        outcome = remind.slot_due(
            slot, cycles, jobs, time_zones=message.get("time_zones"), shards=message.get("shards")
        )
        logger.info("reminder slot", cycle_id=cycle_id, days_before=slot.days_before, outcome=outcome)
    elif job == "remind":
        remind.remind_page(
            org,
            cycle_id,
            message["time_zone"],
            message["round"],
            message["shard"],
            message["start"],
            cycles,
            raters,
            jobs,
            time_zones=message.get("time_zones"),
            shards=message.get("shards"),
            slot=slot_of(message),
            carry=message.get("carry"),
        )
    else:
        raise InvalidInput(f"unknown job {job!r}")


def _automation(event: dict[str, Any]) -> None:
    detail = event.get("detail") or {}
    if event["detail-type"] == "CycleEvent":
        org = detail.get("org")
        if not isinstance(org, str) or not org or not isinstance(detail.get("cycle_id"), str):
            raise InvalidInput("a CycleEvent must name detail.org and detail.cycle_id")
        try:
            states.apply_event(org, detail["cycle_id"], detail, ledger, jobs, timers)
        except Conflict as error:  # a replayed or late event: the state already moved on
            logger.info("cycle event not applicable", cycle_id=detail["cycle_id"], reason=error.message)
        return
    _hris_record(event)


def _hris_record(event: dict[str, Any]) -> None:
    """An EventBridge ``EmployeesChanged`` event from an HRIS, delivered through SQS."""
    detail = event.get("detail") or {}
    as_of = datetime.fromisoformat(event["time"].replace("Z", "+00:00")) if event.get("time") else clock.now()
    org = detail.get("org")
    if not isinstance(org, str) or not org:
        raise InvalidInput("an EmployeesChanged event must name its organisation in detail.org")
    result = employees.import_employees(org, detail.get("employees") or [], directory, as_of=as_of)
    logger.info(
        "HRIS employees applied",
        employees_created=result.created,
        employees_updated=result.updated,
        employees_stale=result.stale,
    )


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event:
        return process_partial_response(
            event=event, record_handler=report_failures(_record), processor=processor, context=context
        )
    return app.resolve(event, context)
