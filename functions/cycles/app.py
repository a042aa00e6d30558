"""HR's API and the cycle events from the bus: thin entry points over janus."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.audit import api as audit_api
from janus.audit.log import AuditLog
from janus.home import api as home_api
from janus.home.hr import HrSources
from janus.home.overview import Sources
from janus.kernel import aws, clock
from janus.kernel.api import create_resolver
from janus.kernel.errors import Conflict
from janus.kernel.jobs import SqsJobs
from janus.kernel.messages import Codec, Handlers, dispatch
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.schedules import OneTimeSchedules
from janus.kernel.settings import Settings
from janus.library import api as library_api
from janus.people import api as people_api
from janus.people import importing, users
from janus.people.cognito import CognitoUserPool
from janus.people.messages import EmployeesChanged
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.privacy.store import ErasureStore
from janus.reports import api as reports_api
from janus.reports.store import ReportStore
from janus.rounds import api as rounds_api
from janus.rounds import fanout, links, nominate, states
from janus.rounds.handlers import FANOUT, fanout_handlers
from janus.rounds.messages import CycleEvent
from janus.rounds.schedules import DeadlineSchedules, ReminderSchedules
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.store_subjects import SubjectStore

settings = Settings.from_env()
store.bind(settings)
directory = DynamoEmployeeDirectory()
cycles, subjects, raters, progress = CycleStore(), SubjectStore(), RaterStore(), ProgressStore()
assignments = AssignmentStore()
roster = nominate.Roster(cycles, subjects, raters, assignments)
orgs = OrgStore()
audit = AuditLog()
ledger = states.Ledger(cycles, subjects, progress, orgs)
launch = fanout.Launch(cycles, subjects, assignments, progress)
reports = ReportStore(aws.client("s3", settings), settings.reports_bucket)
jobs = SqsJobs(
    aws.client("sqs", settings),
    {
        "jobs": settings.jobs_queue_url,
        "reminders": settings.reminders_queue_url,
        "invitations": settings.invitations_queue_url,
        "reports": settings.reports_queue_url,
        "users": settings.users_queue_url,
    },
    delays={"reports": settings.report_delay_seconds},
)
schedules = OneTimeSchedules(
    aws.client("scheduler", settings), settings.schedule_group or "default", settings.scheduler_role_arn or ""
)
timers = states.CycleTimers(
    DeadlineSchedules(schedules, settings.jobs_queue_arn or ""),
    ReminderSchedules(schedules, settings.reminders_queue_arn or ""),
)
app = create_resolver()


def _cases() -> Any:
    """The escalation cases' store, loaded when a person's page first asks for their cases (the cycles
    function otherwise never reads a case)."""
    from janus.escalations.store import EscalationStore

    return EscalationStore()


erasures = ErasureStore()
app.include_router(people_api.router(directory, orgs, jobs, erasures.erased))
user_pool = CognitoUserPool(
    aws.client("cognito-idp", settings, retries="adaptive"),
    settings.user_pool_id or "",
    suppress=settings.user_invitations == "suppress",
)
app.include_router(library_api.router())
app.include_router(
    rounds_api.router(rounds_api.Rounds(directory, orgs, cycles, progress, roster, ledger, jobs, timers))
)
app.include_router(reports_api.router(cycles, reports, directory, audit))
app.include_router(audit_api.router(audit, directory))
app.include_router(
    home_api.router(Sources(directory, cycles, subjects, assignments, _cases, lambda: links.signer(settings)))
)
app.include_router(home_api.hr_router(HrSources(directory, cycles, progress, _cases)))
processor = BatchProcessor(event_type=EventType.SQS)


def _cycle_event(event: CycleEvent) -> None:
    try:
        states.apply_event(event.org, event.cycle_id, event.detail, ledger, jobs, timers)
    except Conflict as error:  # a replayed or late event: the state already moved on
        logger.info("cycle event not applicable", cycle_id=event.cycle_id, reason=error.message)


def _employees_changed(event: EmployeesChanged) -> None:
    result = importing.import_employees(
        event.org, event.employees, directory, as_of=event.as_of or clock.now(), jobs=jobs, erased=erasures.erased
    )
    logger.info(
        "HRIS employees applied",
        employees_created=result.created,
        employees_updated=result.updated,
        employees_stale=result.stale,
    )


def _provision_users(message: users.ProvisionUsers) -> None:
    done = users.apply(message, directory, orgs, user_pool)
    # Prefixed: "created" is a field of every log record, and logging it as a key would fail the message.
    logger.info(
        "sign-in users provisioned",
        employees=len(message.employee_ids),
        **{f"users_{outcome}": count for outcome, count in done.items()},
    )


# The cycle's own fan-out jobs and deadline, the bus events of HRIS automation, and sign-in users.
MESSAGES = Codec(*FANOUT.kinds.values(), CycleEvent, EmployeesChanged, users.ProvisionUsers)
HANDLERS: Handlers = {
    **fanout_handlers(launch, raters, ledger, jobs, timers),
    CycleEvent: _cycle_event,
    EmployeesChanged: _employees_changed,
    users.ProvisionUsers: _provision_users,
}


def _record(record: SQSRecord) -> None:
    dispatch(HANDLERS, MESSAGES.decode(record.body))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event:
        return process_partial_response(
            event=event, record_handler=report_failures(_record), processor=processor, context=context
        )
    return app.resolve(event, context)
