"""Continuous performance: goals (set, changed with a reason, progress rolled up the tree, nudged each quarter)."""

from __future__ import annotations

from functools import partial
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.development import api as development_api
from janus.development import flow as development_flow
from janus.development.seeding import ReleasedReports
from janus.development.store import PlanStore
from janus.goals import api as goals_api
from janus.goals import flow as goals_flow
from janus.goals import nudges
from janus.goals.messages import NudgeBundle, NudgePage, QuarterStarted, RollupDue
from janus.goals.rollup import RollupBatch
from janus.goals.store import GoalStore
from janus.kernel import aws, clock
from janus.kernel.api import create_resolver
from janus.kernel.jobs import SqsJobs
from janus.kernel.links import PublicUrl
from janus.kernel.mailer import SesMailer
from janus.kernel.messages import Codec, Handlers, Message, dispatch
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.schedules import OneTimeSchedules
from janus.kernel.settings import Settings
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.recognition import api as recognition_api
from janus.recognition import digest
from janus.recognition import flow as recognition_flow
from janus.recognition.messages import DigestBundle, DigestDue, DigestPage
from janus.recognition.store import RecognitionStore

settings = Settings.from_env()
store.bind(settings)
goals = GoalStore()
directory = DynamoEmployeeDirectory()
queue = SqsJobs(
    aws.client("sqs", settings),
    {"performance": settings.performance_queue_url, "rollups": settings.performance_queue_url},
    delays={"rollups": settings.rollup_delay_seconds},
)
one_time = OneTimeSchedules(
    aws.client("scheduler", settings), settings.schedule_group or "default", settings.scheduler_role_arn or ""
)
orgs = OrgStore()
schedules = nudges.NudgeSchedules(one_time, settings.performance_queue_arn or "", orgs)
digest_schedules = digest.DigestSchedules(one_time, settings.performance_queue_arn or "", orgs)
recognitions = RecognitionStore()


def _roll_up(messages: list[RollupDue]) -> None:
    queue.send("rollups", [message.encode() for message in messages])


def _queue(messages: list[Message]) -> None:
    queue.send("performance", [message.encode() for message in messages])


ports = goals_flow.Ports(
    goals=goals,
    directory=directory,
    roll_up=lambda org, ids: _roll_up([RollupDue(org=org, goal_id=goal_id) for goal_id in ids]),
    nudge_schedule=schedules.ensure,
)
mailer = SesMailer(aws.client("sesv2", settings), settings.configuration_set)
public_url = PublicUrl(settings.public_api_url, settings.public_url_parameter, aws.client("ssm", settings))
nudge_ports = nudges.NudgePorts(
    goals=goals,
    directory=directory,
    mailer=mailer,
    sender=settings.sender_address or "",
    configuration_set=settings.configuration_set,
    public_url=public_url,
    send=_queue,
)
recognition_ports = recognition_flow.Ports(
    recognitions=recognitions, directory=directory, orgs=orgs, digest_schedule=digest_schedules.ensure
)
digest_ports = digest.DigestPorts(
    recognitions=recognitions,
    directory=directory,
    orgs=orgs,
    mailer=mailer,
    sender=settings.sender_address or "",
    configuration_set=settings.configuration_set,
    public_url=public_url,
    send=_queue,
)


def _cycles() -> Any:
    from janus.rounds.store_cycles import CycleStore  # made when a plan is read, not at each cold start

    return CycleStore()


def _subjects() -> Any:
    from janus.rounds.store_subjects import SubjectStore

    return SubjectStore()


def _reports() -> Any:
    from janus.reports.store import ReportStore

    return ReportStore(aws.client("s3", settings), settings.reports_bucket)


development_ports = development_flow.Ports(
    plans=PlanStore(), directory=directory, reports=ReleasedReports(_cycles, _subjects, _reports)
)
app = create_resolver()
app.include_router(goals_api.router(ports))
app.include_router(development_api.router(development_ports))
app.include_router(recognition_api.router(recognition_ports))
processor = BatchProcessor(event_type=EventType.SQS)

MESSAGES = Codec(
    RollupDue,
    QuarterStarted,
    NudgePage,
    NudgeBundle,
    DigestDue,
    DigestPage,
    DigestBundle,
)


def handlers(rollups: RollupBatch, message_id: str) -> Handlers:
    """What each message does; a RollupDue joins the batch's pushes, made together at its end."""

    def quarter_started(message: QuarterStarted) -> None:
        nudges.quarter_started(message, nudge_ports, schedules)
        logger.info("goals quarter started", quarter=message.quarter)

    def nudge_page(message: NudgePage) -> None:
        queued = nudges.nudge_page(message, nudge_ports)
        logger.info("goals nudge page", quarter=message.quarter, shard=message.shard, owners_queued=queued)

    def nudge_bundle(message: NudgeBundle) -> None:
        sent = nudges.nudge_bundle(message, nudge_ports, clock.now())
        logger.info("goals nudged", quarter=message.quarter, sent=sent)

    def digest_due(message: DigestDue) -> None:
        digest.digest_due(message, digest_ports)
        logger.info("recognition digest due", week=message.week)

    def digest_page(message: DigestPage) -> None:
        queued = digest.digest_page(message, digest_ports)
        logger.info("recognition digest page", week=message.week, shard=message.shard, managers_queued=queued)

    def digest_bundle(message: DigestBundle) -> None:
        sent = digest.digest_bundle(message, digest_ports, clock.now())
        logger.info("recognition digests sent", week=message.week, sent=sent)

    return {
        RollupDue: partial(rollups.take, message_id),
        QuarterStarted: quarter_started,
        NudgePage: nudge_page,
        NudgeBundle: nudge_bundle,
        DigestDue: digest_due,
        DigestPage: digest_page,
        DigestBundle: digest_bundle,
    }


def _record(rollups: RollupBatch, record: SQSRecord) -> None:
    dispatch(handlers(rollups, record.message_id), MESSAGES.decode(record.body))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event:
        rollups = RollupBatch(goals, _roll_up)
        handled = process_partial_response(
            event=event, record_handler=report_failures(partial(_record, rollups)), processor=processor, context=context
        )
        pushed = [{"itemIdentifier": message_id} for message_id in rollups.run()]
        return {"batchItemFailures": [*handled["batchItemFailures"], *pushed]}
    return app.resolve(event, context)
