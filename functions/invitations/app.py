"""Invitation e-mails (one per rater per cycle), the notices of released reports, of a cycle the deadline
closed and of peers proposed for a manager's decision, and SES bounce and complaint events."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.invitations import flow as invitations
from janus.invitations.messages import (
    ClosedByDeadline,
    DeliveryProblem,
    InvitationBundle,
    ProposalsWaiting,
    ReleasedNotice,
    ReminderBundle,
    TeamReleased,
)
from janus.kernel import aws
from janus.kernel.mailer import SesMailer
from janus.kernel.messages import Codec, Handlers, dispatch
from janus.kernel.observability import logger, metrics, report_failures
from janus.kernel.settings import Settings
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import links
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore, ReminderStore
from janus.rounds.store_subjects import SubjectStore

settings = Settings.from_env()
store.bind(settings)
directory = DynamoEmployeeDirectory()
cycles, raters, assignments, progress = CycleStore(), RaterStore(), AssignmentStore(), ProgressStore()
subjects = SubjectStore()
reminder_store = ReminderStore()
mailer = SesMailer(aws.client("sesv2", settings), settings.configuration_set)
mail_settings = invitations.MailSettings(
    sender=settings.sender_address or "",
    public_api_url=settings.public_api_url or "",
    configuration_set=settings.configuration_set,
)
processor = BatchProcessor(event_type=EventType.SQS)
_context: list[LambdaContext] = []  # the invocation's, for the idempotency record's in-progress expiry


@functools.cache
def _send_once() -> tuple[Any, Callable[..., str]]:
    """``_send`` for the notices, idempotent on the business identity (which kind, which cycle, which
    reader, about what), not the message id. Made with the first notice: Powertools idempotency
    loads boto3, which an invitation or a reminder never needs (they are claimed on the rater)."""
    from aws_lambda_powertools.utilities.idempotency import (
        DynamoDBPersistenceLayer,
        IdempotencyConfig,
        idempotent_function,
    )

    config = IdempotencyConfig(
        event_key_jmespath="[kind, org, cycle_id, reader, about]", expires_after_seconds=60 * 24 * 3600
    )
    persistence = DynamoDBPersistenceLayer(
        table_name=settings.idempotency_table_name, boto3_client=aws.client("dynamodb", settings)
    )
    return config, idempotent_function(data_keyword_argument="request", persistence_store=persistence, config=config)(
        _send
    )


def _send_notice(request: dict[str, Any]) -> str:
    config, send = _send_once()
    if _context:
        config.register_lambda_context(_context[-1])
    return send(request=request)


def _send(request: dict[str, Any]) -> str:
    org, cycle_id, reader = request["org"], request["cycle_id"], request["reader"]
    if request["kind"] == TeamReleased.NAME:
        return invitations.send_team_released(
            org, cycle_id, reader, request["subject_ids"], cycles=cycles, directory=directory, mailer=mailer,
            settings=mail_settings,
        )  # fmt: skip
    if request["kind"] == ClosedByDeadline.NAME:
        return invitations.send_closed_by_deadline(
            org, cycle_id, reader, cycles=cycles, progress=progress, directory=directory, mailer=mailer,
            settings=mail_settings,
        )  # fmt: skip
    if request["kind"] == ProposalsWaiting.NAME:
        return invitations.send_proposals_waiting(
            org, cycle_id, reader, request["subject_id"], request["proposal_ids"], cycles=cycles, subjects=subjects,
            directory=directory, mailer=mailer, settings=mail_settings,
        )  # fmt: skip
    return invitations.send_released(
        org, cycle_id, reader, request["about"], cycles=cycles, directory=directory, mailer=mailer,
        settings=mail_settings,
    )  # fmt: skip


def _delivery_problem(event: DeliveryProblem) -> None:
    outcome = invitations.record_delivery_problem(event.detail, raters, progress)
    logger.info("delivery event", outcome=outcome)


def _notice(
    notice: ReleasedNotice | TeamReleased | ClosedByDeadline | ProposalsWaiting,
    reader: str,
    about: str | list[str],
    **rest: Any,
) -> None:
    request = {"kind": notice.NAME, "org": notice.org, "cycle_id": notice.cycle_id, "reader": reader, "about": about}
    outcome = _send_notice({**request, **rest})
    logger.info("notice", kind=notice.NAME, cycle_id=notice.cycle_id, outcome=outcome)
    if outcome.startswith("sent"):
        metrics.add_metric(name="InvitationsSent", unit="Count", value=1)


def _released(notice: ReleasedNotice) -> None:
    _notice(notice, notice.rater_id, notice.round)


def _team_released(notice: TeamReleased) -> None:
    # One a manager a release: the idempotency record is the manager's, whatever the list.
    _notice(notice, notice.manager_id, "team", subject_ids=list(notice.subject_ids))


def _closed_by_deadline(notice: ClosedByDeadline) -> None:
    # One deadline closes a cycle once: the notice is HR's lead's, about that deadline.
    _notice(notice, notice.hr_lead, "deadline")


def _proposals_waiting(notice: ProposalsWaiting) -> None:
    # About the subject and this proposal's colleagues: a redelivery sends nothing, a later proposal its own.
    about = [notice.subject_id, *sorted(notice.proposal_ids)]
    _notice(notice, notice.manager_id, about, subject_id=notice.subject_id, proposal_ids=list(notice.proposal_ids))


def _bundle(bundle: InvitationBundle | ReminderBundle) -> None:
    # Each rater of the bundle is claimed on the rater's item (janus.invitations.flow), which makes a
    # second delivery send nothing to those it reached.
    reminder = isinstance(bundle, ReminderBundle)
    outcomes = invitations.send_invitations(
        bundle.org,
        bundle.cycle_id,
        bundle.rater_ids,
        cycles=cycles,
        raters=raters,
        assignments=assignments,
        mailer=mailer,
        settings=mail_settings,
        signer=links.signer(settings),
        reminder=reminder,
        reminders=reminder_store,
        shards=bundle.shards,
        slot=bundle.slot if reminder else None,
    )
    tally = Counter(outcome.split(" ")[0] if outcome.startswith("sent") else outcome for outcome in outcomes.values())
    logger.info("invitations", kind=bundle.NAME, cycle_id=bundle.cycle_id, outcomes=dict(tally))
    if tally["sent"]:
        metrics.add_metric(name="InvitationsSent", unit="Count", value=tally["sent"])


MESSAGES = Codec(
    InvitationBundle, ReminderBundle, ReleasedNotice, TeamReleased, ClosedByDeadline, ProposalsWaiting, DeliveryProblem
)
HANDLERS: Handlers = {
    InvitationBundle: _bundle,
    ReminderBundle: _bundle,
    ReleasedNotice: _released,
    TeamReleased: _team_released,
    ClosedByDeadline: _closed_by_deadline,
    ProposalsWaiting: _proposals_waiting,
    DeliveryProblem: _delivery_problem,
}


def _record(record: SQSRecord) -> None:
    dispatch(HANDLERS, MESSAGES.decode(record.body))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    _context[:] = [context]
    return process_partial_response(
        event=event, record_handler=report_failures(_record), processor=processor, context=context
    )
