"""Report jobs: build each subject's report when a cycle closes, and tell readers on release."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.kernel import aws
from janus.kernel.events import EventPublisher
from janus.kernel.jobs import SqsJobs
from janus.kernel.messages import Codec, Handlers, dispatch
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.settings import Settings
from janus.reports import pipeline as reporting
from janus.reports.messages import ReleasePage, ReportPage
from janus.reports.page import render_report
from janus.reports.store import ReportStore
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_subjects import SubjectStore

settings = Settings.from_env()
store.bind(settings)
cycles, subjects, assignments = CycleStore(), SubjectStore(), AssignmentStore()
reports = ReportStore(aws.client("s3", settings), settings.reports_bucket)
events = EventPublisher(aws.client("events", settings), settings.event_bus_name)
jobs = SqsJobs(
    aws.client("sqs", settings),
    {"reports": settings.reports_queue_url, "invitations": settings.invitations_queue_url},
)
processor = BatchProcessor(event_type=EventType.SQS)


def _report_page(job: ReportPage) -> None:
    reporting.report_page(
        job.org,
        job.cycle_id,
        job.shard,
        job.start,
        job.partial,
        cycle=job.cycle,
        cycles=cycles,
        subjects=subjects,
        assignments=assignments,
        reports=reports,
        events=events,
        jobs=jobs,
        render=render_report,
    )


def _release_page(job: ReleasePage) -> None:
    reporting.release_page(
        job.org, job.cycle_id, job.shard, job.start, job.teams, shards=job.shards, cycles=cycles, subjects=subjects,
        reports=reports, jobs=jobs,
    )  # fmt: skip


MESSAGES = Codec(ReportPage, ReleasePage)
HANDLERS: Handlers = {ReportPage: _report_page, ReleasePage: _release_page}


def _record(record: SQSRecord) -> None:
    dispatch(HANDLERS, MESSAGES.decode(record.body))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(
        event=event, record_handler=report_failures(_record), processor=processor, context=context
    )
