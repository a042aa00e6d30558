"""Escalation of unacceptable performance: cases from reports and managers, their ladder, their deadlines."""

from __future__ import annotations

from functools import partial
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailures
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.escalations import api as escalations_api
from janus.escalations import flow as escalation_flow
from janus.escalations.messages import CaseDue, ReportReady, ReviewConcern
from janus.escalations.store import EscalationStore
from janus.kernel import aws
from janus.kernel.api import create_resolver
from janus.kernel.jobs import SqsJobs
from janus.kernel.links import PublicUrl
from janus.kernel.mailer import SesMailer
from janus.kernel.messages import Codec, Handlers, dispatch
from janus.kernel.observability import log_failure, logger, metrics, report_failures
from janus.kernel.schedules import OneTimeSchedules
from janus.kernel.settings import Settings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory

settings = Settings.from_env()
store.bind(settings)
jobs = SqsJobs(aws.client("sqs", settings), {"performance": settings.performance_queue_url})
ports = escalation_flow.Ports(
    cases=EscalationStore(),
    directory=DynamoEmployeeDirectory(),
    schedules=OneTimeSchedules(
        aws.client("scheduler", settings), settings.schedule_group or "default", settings.scheduler_role_arn or ""
    ),
    queue_arn=settings.escalations_queue_arn or "",
    mailer=SesMailer(aws.client("sesv2", settings), settings.configuration_set),
    sender=settings.sender_address or "",
    public_url=PublicUrl(settings.public_api_url, settings.public_url_parameter, aws.client("ssm", settings)),
    orgs=OrgStore(),
    improvement=lambda messages: jobs.send("performance", [message.encode() for message in messages]),
)
app = create_resolver()
app.include_router(escalations_api.router(ports))
processor = BatchProcessor(event_type=EventType.SQS)


MESSAGES = Codec(ReportReady, CaseDue, ReviewConcern)


def handlers(reports: escalation_flow.ReportBatch, message_id: str) -> Handlers:
    """What each message does; a ReportReady joins the batch's reports, opened together at its end."""

    def report_ready(message: ReportReady) -> None:
        logger.info("report checked", cases_called_for=reports.take(message_id, message.detail))

    def case_due(message: CaseDue) -> None:
        outcome = escalation_flow.deadline_passed(message.org, message.case_id, message.due, ports)
        logger.info("case deadline", case_id=message.case_id, outcome=outcome)

    def review_concern(message: ReviewConcern) -> None:
        source = {"review_id": message.review_id, "cycle_id": message.cycle_id, "reasons": list(message.reasons),
                  "rating": message.rating}  # fmt: skip
        opened = escalation_flow.review_concern(
            message.org, message.employee_id, message.manager_id, message.review_id, source, message.by, ports
        )
        logger.info("review concern", review_id=message.review_id, opened=opened is not None)

    return {ReportReady: report_ready, CaseDue: case_due, ReviewConcern: review_concern}


def _record(reports: escalation_flow.ReportBatch, record: SQSRecord) -> None:
    dispatch(handlers(reports, record.message_id), MESSAGES.decode(record.body))


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
