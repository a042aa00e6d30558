"""Escalation of unacceptable performance: cases from reports and managers, their ladder, their deadlines."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailures
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.escalations import flow as escalation_flow
from janus.escalations.store import EscalationStore
from janus.kernel import aws
from janus.kernel.api import caller_of, create_resolver, json_body, json_response
from janus.kernel.errors import InvalidInput
from janus.kernel.mailer import SesMailer
from janus.kernel.observability import log_failure, logger, metrics, report_failures
from janus.kernel.settings import Settings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds.timers import OneTimeSchedules

settings = Settings.from_env()
store.bind(settings)
ports = escalation_flow.Ports(
    cases=EscalationStore(),
    directory=DynamoEmployeeDirectory(),
    schedules=OneTimeSchedules(
        aws.client("scheduler", settings), settings.schedule_group or "default", settings.scheduler_role_arn or ""
    ),
    queue_arn=settings.escalations_queue_arn or "",
    mailer=SesMailer(aws.client("sesv2", settings), settings.configuration_set),
    sender=settings.sender_address or "",
    public_api_url=settings.public_api_url or "",
    orgs=OrgStore(),
)
app = create_resolver()
processor = BatchProcessor(event_type=EventType.SQS)


@app.get("/escalations")
def get_escalations() -> dict[str, Any]:
    caller = caller_of(app.current_event)
    escalation_flow.require_manager_or_hr(caller)
    return {"cases": escalation_flow.list_cases(caller.org, caller, ports)}


@app.get("/escalations/<case_id>")
def get_escalation(case_id: str) -> dict[str, Any]:
    caller = caller_of(app.current_event)
    return escalation_flow.get_case(caller.org, case_id, caller, ports)


@app.post("/escalations/<case_id>/events")
def post_escalation_event(case_id: str) -> dict[str, Any]:
    caller = caller_of(app.current_event)
    body = json_body(app.current_event)
    case = escalation_flow.apply_case_event(caller.org, case_id, body, caller, ports)
    logger.info("case event", case_id=case_id, event_type=body.get("type"), state=case["state"])
    return case


@app.post("/employees/<employee_id>/unacceptable")
def post_unacceptable(employee_id: str) -> Response:
    caller = caller_of(app.current_event)
    escalation_flow.require_manager_or_hr(caller)
    case = escalation_flow.flag_unacceptable(caller.org, employee_id, caller, json_body(app.current_event), ports)
    logger.info("case opened by a manager", case_id=case["id"])
    return json_response(201, case)


def _record(reports: escalation_flow.ReportBatch, record: SQSRecord) -> None:
    message = json.loads(record.body)
    if message.get("detail-type") == "ReportReady":
        called_for = reports.take(record.message_id, message["detail"])
        logger.info("report checked", cases_called_for=called_for)
    elif message.get("job") == "due":
        outcome = escalation_flow.deadline_passed(message["org"], message["case_id"], message["due"], ports)
        logger.info("case deadline", case_id=message["case_id"], outcome=outcome)
    else:
        raise InvalidInput("not a ReportReady event or a case deadline")


def _open(reports: escalation_flow.ReportBatch) -> list[PartialItemFailures]:
    """Open the batch's cases together; the ReportReady messages that failed come back from SQS."""
    outcome = reports.open()
    for error in outcome.failed.values():
        log_failure("queue message failed", error)
    logger.info("reports checked", cases_opened=len(outcome.opened), reports_failed=len(outcome.failed))
    return [{"itemIdentifier": message_id} for message_id in outcome.failed]


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event:
        with ports.orgs.remembering():  # a batch of up to 100 ReportReady events reads the rules once
            reports = escalation_flow.ReportBatch(ports)
            handled = process_partial_response(
                event=event,
                record_handler=report_failures(partial(_record, reports)),
                processor=processor,
                context=context,
            )
            return {"batchItemFailures": [*handled["batchItemFailures"], *_open(reports)]}
    return app.resolve(event, context)
