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
from janus.kernel.messages import Codec, Handlers, dispatch
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.settings import Settings
from janus.rounds import flow as rounds
from janus.rounds.messages import ReminderSlotDue, RemindPage
from janus.rounds.store import CycleStore

settings = Settings.from_env()
store.bind(settings)
cycles = CycleStore()
jobs = SqsJobs(
    aws.client("sqs", settings),
    {"reminders": settings.reminders_queue_url, "invitations": settings.invitations_queue_url},
)
processor = BatchProcessor(event_type=EventType.SQS)


def _slot_due(job: ReminderSlotDue) -> None:
    outcome = rounds.slot_due(job.slot, cycles, jobs, time_zones=job.time_zones, shards=job.shards)
    logger.info("reminder slot", cycle_id=job.cycle_id, days_before=job.days_before, outcome=outcome)


def _remind_page(job: RemindPage) -> None:
    rounds.remind_page(
        job.org,
        job.cycle_id,
        job.time_zone,
        job.round,
        job.shard,
        job.start,
        cycles,
        jobs,
        time_zones=job.time_zones,
        shards=job.shards,
        slot=job.slot,
        carry=job.carry,
    )


MESSAGES = Codec(ReminderSlotDue, RemindPage)
HANDLERS: Handlers = {ReminderSlotDue: _slot_due, RemindPage: _remind_page}


def _record(record: SQSRecord) -> None:
    dispatch(HANDLERS, MESSAGES.decode(record.body))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(
        event=event, record_handler=report_failures(_record), processor=processor, context=context
    )
