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
from janus import clock, employees, store
from janus.api import Caller, caller_of, create_resolver, json_body, json_response
from janus.errors import InvalidInput
from janus.library import library, pick_locale
from janus.observability import logger, metrics, tracer
from janus.settings import Settings
from janus.store.employees import DynamoEmployeeDirectory

settings = Settings.from_env()
store.bind(settings)
directory = DynamoEmployeeDirectory()
app = create_resolver()
processor = BatchProcessor(event_type=EventType.SQS)


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
@tracer.capture_method
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
@tracer.capture_method
def get_employee(employee_id: str) -> dict[str, Any]:
    caller = caller_of(app.current_event)
    caller.require("hr_admin")
    return employees.get_employee(caller.org, employee_id, directory).as_dict()


def _reader() -> tuple[Caller, str]:
    """Anyone signed in to the organisation may read the library, in their language."""
    caller = caller_of(app.current_event)
    return caller, pick_locale(app.current_event.headers.get("accept-language"))


@app.get("/competencies")
@tracer.capture_method
def get_competencies() -> Response:
    _, locale = _reader()
    body = library().catalogue(locale)
    return json_response(200, body, headers={"Content-Language": locale, "Vary": "Accept-Language"})


@app.get("/job-classes")
@tracer.capture_method
def get_job_classes() -> Response:
    _, locale = _reader()
    body = {"locale": locale, "job_classes": library().job_class_list(locale)}
    return json_response(200, body, headers={"Content-Language": locale, "Vary": "Accept-Language"})


def _hris_record(record: SQSRecord) -> None:
    """An EventBridge ``EmployeesChanged`` event from an HRIS, delivered through SQS."""
    event = json.loads(record.body)
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
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event:
        return process_partial_response(event=event, record_handler=_hris_record, processor=processor, context=context)
    return app.resolve(event, context)
