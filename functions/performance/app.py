"""Continuous performance: goals (set, changed with a reason, progress rolled up the tree, nudged each quarter)."""

from __future__ import annotations

from functools import partial
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.goals import api as goals_api
from janus.goals import flow as goals_flow
from janus.goals import nudges, rollup
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

settings = Settings.from_env()
store.bind(settings)
goals = GoalStore()
directory = DynamoEmployeeDirectory()
# A push up the tree waits the longer the nearer its goal is to the top (janus.goals.rollup.hold): one
# sender name a level, each with its hold.
_LEVELS = range(rollup.LEVELS + 1)
queue = SqsJobs(
    aws.client("sqs", settings),
    {
        "performance": settings.performance_queue_url,
        **{f"rollups-{d}": settings.performance_queue_url for d in _LEVELS},
    },
    delays={f"rollups-{d}": rollup.hold(d, settings.rollup_delay_seconds) for d in _LEVELS},
)
schedules = nudges.NudgeSchedules(
    OneTimeSchedules(
        aws.client("scheduler", settings), settings.schedule_group or "default", settings.scheduler_role_arn or ""
    ),
    settings.performance_queue_arn or "",
    OrgStore(),
)


def _roll_up(messages: list[RollupDue]) -> None:
    for depth in sorted({min(max(m.depth, 0), rollup.LEVELS) for m in messages}):
        level = [m.encode() for m in messages if min(max(m.depth, 0), rollup.LEVELS) == depth]
        queue.send(f"rollups-{depth}", level)


def _queue(messages: list[Message]) -> None:
    queue.send("performance", [message.encode() for message in messages])


ports = goals_flow.Ports(
    goals=goals,
    directory=directory,
    roll_up=lambda org, due: _roll_up([RollupDue(org=org, goal_id=goal_id, depth=depth) for goal_id, depth in due]),
    nudge_schedule=schedules.ensure,
    reports_of=directory.reports_of,
)
nudge_ports = nudges.NudgePorts(
    goals=goals,
    directory=directory,
    mailer=SesMailer(aws.client("sesv2", settings), settings.configuration_set),
    sender=settings.sender_address or "",
    configuration_set=settings.configuration_set,
    public_url=PublicUrl(settings.public_api_url, settings.public_url_parameter, aws.client("ssm", settings)),
    send=_queue,
)
app = create_resolver()
app.include_router(goals_api.router(ports))
processor = BatchProcessor(event_type=EventType.SQS)

MESSAGES = Codec(RollupDue, QuarterStarted, NudgePage, NudgeBundle)


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

    return {
        RollupDue: partial(rollups.take, message_id),
        QuarterStarted: quarter_started,
        NudgePage: nudge_page,
        NudgeBundle: nudge_bundle,
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
