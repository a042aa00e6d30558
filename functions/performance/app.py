"""Continuous performance: goals (set, changed with a reason, progress rolled up the tree, nudged each quarter),
check-ins (a cadence per pair, agenda, notes, action items, the missed slot nudged) and reviews (update discussions
and appraisals: launched, written, calibrated, released, acknowledged)."""

from __future__ import annotations

from functools import partial
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.checkins import api as checkins_api
from janus.checkins import flow as checkins_flow
from janus.checkins import slots as checkin_slots
from janus.checkins.focus import Focus, open_goals
from janus.checkins.messages import SlotDue
from janus.checkins.store import CheckInStore
from janus.development import agenda as development_agenda
from janus.development import api as development_api
from janus.development import flow as development_flow
from janus.development import improvement
from janus.development.messages import ImprovementPlan
from janus.development.seeding import ReleasedReports
from janus.development.store import PlanStore
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
from janus.privacy import api as privacy_api
from janus.privacy import erasure, export
from janus.privacy.store import ErasureStore
from janus.recognition import api as recognition_api
from janus.recognition import digest
from janus.recognition import flow as recognition_flow
from janus.recognition.messages import DigestBundle, DigestDue, DigestPage
from janus.recognition.store import RecognitionStore
from janus.reviews import api as reviews_api
from janus.reviews import flow as reviews_flow
from janus.reviews import launch as reviews_work
from janus.reviews.gather import Goals, LatestSummary
from janus.reviews.messages import ReviewLaunchPage, ReviewMailBundle, ReviewReminderDue, ReviewReminderPage
from janus.reviews.store import ReviewStore

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
        "escalations": settings.escalations_queue_url,
    },
    delays={f"rollups-{d}": rollup.hold(d, settings.rollup_delay_seconds) for d in _LEVELS},
)
one_time = OneTimeSchedules(
    aws.client("scheduler", settings), settings.schedule_group or "default", settings.scheduler_role_arn or ""
)
orgs = OrgStore()
schedules = nudges.NudgeSchedules(one_time, settings.performance_queue_arn or "", orgs)
digest_schedules = digest.DigestSchedules(one_time, settings.performance_queue_arn or "", orgs)
recognitions = RecognitionStore()


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
    threshold=lambda org: orgs.get(org).anonymity_threshold,
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
checkins = CheckInStore()
slot_schedules = checkin_slots.SlotSchedules(
    one_time,
    settings.performance_queue_arn or "",
)
reviews = ReviewStore()
review_reminders = reviews_work.ReminderSchedule(
    one_time,
    settings.performance_queue_arn or "",
    clock.now,
)


def _cycles() -> Any:
    from janus.rounds.store_cycles import CycleStore  # made when a report is read, not at each cold start

    return CycleStore()


def _subjects() -> Any:
    from janus.rounds.store_subjects import SubjectStore

    return SubjectStore()


def _reports() -> Any:
    from janus.reports.store import ReportStore

    return ReportStore(aws.client("s3", settings), settings.reports_bucket)


def _cases() -> Any:
    from janus.escalations.store import EscalationStore  # read by an export, not at each cold start

    return EscalationStore()


def _users() -> Any:
    from janus.people.cognito import CognitoUserPool  # an erasure removes a sign-in user

    return CognitoUserPool(aws.client("cognito-idp", settings, retries="adaptive"), settings.user_pool_id or "", True)


def _focus(org: str, employee_id: str) -> dict[str, Any] | None:
    """The latest released report's focus, read with the stores made when it is asked for."""
    return Focus(_cycles(), _subjects(), _reports())(org, employee_id)


checkin_ports = checkins_flow.Ports(
    checkins=checkins,
    directory=directory,
    schedule=slot_schedules.set,
    focus=_focus,
    open_goals=open_goals,
    threshold=lambda org: orgs.get(org).anonymity_threshold,
    development_actions=development_agenda.open_actions,
    retention=lambda org: orgs.recent(org).retention_months,
)
slot_ports = checkin_slots.SlotPorts(
    checkins=checkins,
    directory=directory,
    mailer=nudge_ports.mailer,
    sender=nudge_ports.sender,
    configuration_set=settings.configuration_set,
    public_url=nudge_ports.public_url,
    schedule=slot_schedules.set,
)


review_ports = reviews_flow.Ports(
    reviews=reviews,
    directory=directory,
    orgs=orgs,
    send=_queue,
    escalate=lambda messages: queue.send("escalations", [message.encode() for message in messages]),
    remind_schedule=review_reminders,
    goals_of=Goals(goals),
    summary_of=lambda org, employee_id: LatestSummary(_cycles(), _subjects(), _reports())(org, employee_id),
    open_actions=partial(checkins_flow.open_actions, checkins),
)
review_work = reviews_work.WorkPorts(
    reviews=reviews,
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


released = ReleasedReports(_cycles, _subjects, _reports)  # the latest report seeds a plan; all of them, an export
development_ports = development_flow.Ports(plans=PlanStore(), directory=directory, reports=released)
erasure_ports = erasure.Ports(
    directory=directory,
    orgs=orgs,
    erasures=ErasureStore(),
    goals=goals,
    roll_up=ports.roll_up,
    checkins=checkins,
    reviews=reviews,
    plans=development_ports.plans,
    cases=_cases,
    rounds=lambda: erasure.RoundRecords(_reports),
    users=_users,
    send=_queue,
)
app = create_resolver()
app.include_router(goals_api.router(ports))
app.include_router(checkins_api.router(checkin_ports))
app.include_router(reviews_api.router(review_ports))
app.include_router(development_api.router(development_ports))
app.include_router(recognition_api.router(recognition_ports))
app.include_router(
    privacy_api.router(
        export.Sources(
            directory=directory,
            goals=goals,
            checkins=checkins,
            reviews=reviews,
            plans=development_ports.plans,
            recognitions=recognitions,
            cases=_cases,
            reports=released.all_released,
            audit=development_ports.audit,
        ),
        erasure_ports,
    )
)
processor = BatchProcessor(event_type=EventType.SQS)

MESSAGES = Codec(
    RollupDue,
    QuarterStarted,
    NudgePage,
    NudgeBundle,
    SlotDue,
    ReviewLaunchPage,
    ReviewMailBundle,
    ReviewReminderDue,
    ReviewReminderPage,
    DigestDue,
    DigestPage,
    DigestBundle,
    ImprovementPlan,
    erasure.EraseEmployee,
)


def _improvement_plan(message: ImprovementPlan) -> None:
    written = improvement.apply(development_ports.plans, message)
    logger.info("improvement plan joined", case_id=message.case_id, changes=written)


def _erase(message: erasure.EraseEmployee) -> None:
    removed = erasure.erase(message, erasure_ports)
    logger.info("employee erased", removed=removed)


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

    def slot_due(message: SlotDue) -> None:
        sent = checkin_slots.slot_due(message, slot_ports, clock.now())
        logger.info("check-in slot due", slot=message.slot, nudged=sent)

    def review_launch_page(message: ReviewLaunchPage) -> None:
        created = reviews_work.launch_page(message, review_work)
        logger.info("reviews launched", cycle_id=message.cycle_id, shard=message.shard, new_reviews=created)

    def review_mail_bundle(message: ReviewMailBundle) -> None:
        sent = reviews_work.mail_bundle(message, review_work)
        logger.info("reviews mailed", cycle_id=message.cycle_id, sent=sent)

    def review_reminder_due(message: ReviewReminderDue) -> None:
        pages = reviews_work.reminder_due(message, review_work, review_reminders)
        logger.info("review reminders due", cycle_id=message.cycle_id, slot=message.slot, pages=pages)

    def review_reminder_page(message: ReviewReminderPage) -> None:
        sent = reviews_work.reminder_page(message, review_work, clock.now())
        logger.info("review reminders", cycle_id=message.cycle_id, part=message.part, sent=sent)

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
        ReviewLaunchPage: review_launch_page,
        ReviewMailBundle: review_mail_bundle,
        ReviewReminderDue: review_reminder_due,
        ReviewReminderPage: review_reminder_page,
        QuarterStarted: quarter_started,
        NudgePage: nudge_page,
        NudgeBundle: nudge_bundle,
        SlotDue: slot_due,
        DigestDue: digest_due,
        DigestPage: digest_page,
        DigestBundle: digest_bundle,
        ImprovementPlan: _improvement_plan,
        erasure.EraseEmployee: _erase,
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
