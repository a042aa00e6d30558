"""Every clock-driven reminder: a reminder slot's schedule and HR's "remind now" become remind pages,
each of which queues its raters' bundled reminders for the invitations function."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.kernel import aws
from janus.kernel.jobs import SqsJobs
from janus.kernel.messages import Handlers, dispatch
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.settings import Settings
from janus.rounds.handlers import REMINDERS, reminder_handlers
from janus.rounds.store_raters import RaterStore

settings = Settings.from_env()
store.bind(settings)
jobs = SqsJobs(
    aws.client("sqs", settings),
    {"reminders": settings.reminders_queue_url, "invitations": settings.invitations_queue_url},
)
processor = BatchProcessor(event_type=EventType.SQS)
MESSAGES = REMINDERS
HANDLERS: Handlers = reminder_handlers(RaterStore(), jobs)


def _record(record: SQSRecord) -> None:
    dispatch(HANDLERS, MESSAGES.decode(record.body))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(
        event=event, record_handler=report_failures(_record), processor=processor, context=context
    )
