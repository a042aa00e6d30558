"""One e-mail per rater per cycle, listing every subject with its own link; and bounces.

Each link is made here from its assignment (janus.rounds.links): nothing is written to make it, so a
reminder carries the same links as the invitation. An invitation goes once: it is claimed on the
rater's item (a lease) before it is sent and marked after; a reminder likewise, once per local day
and once per reminder slot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from janus.invitations.mail import (
    FeedbackRequest,
    TeamReport,
    render_closed_by_deadline,
    render_invitation,
    render_proposals_waiting,
    render_report_released,
    render_team_released,
)
from janus.kernel import clock
from janus.kernel.console import report_page, team_page
from janus.kernel.mailer import Mailer
from janus.library import library, minutes_for
from janus.people.employees import Employee, EmployeeDirectory
from janus.rounds.cycle import Cycle
from janus.rounds.entities import Assignment
from janus.rounds.links import Signer, locator_of
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore, ReminderStore
from janus.rounds.store_subjects import SubjectStore
from janus.rounds.timers import DEFAULT_TIME_ZONE, Slot, in_plan, local_date

# Longer than the function's timeout (60 s), shorter than the queue's visibility timeout (360 s):
# a delivery that dies after claiming blocks the next one only until the message comes back.
# Reminders are claimed with the same lease and counted once sent.
INVITING_LEASE = timedelta(minutes=2)


class InvitationBusy(Exception):
    """Another delivery of the same invitation holds the claim: the message is to be tried again."""


@dataclass(frozen=True)
class MailSettings:
    """Where e-mails come from and where their links point."""

    sender: str
    public_api_url: str
    configuration_set: str | None = None


def report_link(settings: MailSettings, cycle_id: str, subject_id: str) -> str:
    """Where an e-mail sends a reader of a released report: its page in the console (through sign-in)."""
    return f"{settings.public_api_url}{report_page(cycle_id, subject_id)}"


def tag(value: str) -> str:
    """SES tag values allow letters, digits, '_' and '-': ids travel hex-encoded."""
    return value.encode().hex()


def untag(value: str) -> str:
    return bytes.fromhex(value).decode()


def send_invitations(
    org: str,
    cycle_id: str,
    rater_ids: Sequence[str],
    *,
    cycles: CycleStore,
    raters: RaterStore,
    assignments: AssignmentStore,
    mailer: Mailer,
    settings: MailSettings,
    signer: Signer,
    reminder: bool = False,
    reminders: ReminderStore | None = None,
    shards: int,
    slot: Slot | None = None,
) -> dict[str, str]:
    """Send each rater their bundle (a reminder lists only what is still pending); returns what
    happened per rater, never the links. Raises ``InvitationBusy`` after sending the others when
    another delivery holds a rater's claim, so that the message comes back for them.

    Nothing is claimed or sent once the cycle is no longer open, nor for a reminder ``slot`` that
    is no longer in the cycle's plan (its deadline moved since the slot fired): the slot's
    schedule reads nothing, so this is where it is checked. HR's nudge has no slot.

    Requests for a bundle of raters of one shard: their assignments (one Query page); one
    BatchGetItem for the cycle, their states, the organisation's settings and their names (a
    second for a bundle of more than 49: 198 keys; a reminder reads no states); one transaction
    claiming them and, for invitations, one marking them invited with the cycle's count. ``shards``
    is the cycle's number of shards, which the fan-out puts in the message.
    """
    outcomes: dict[str, str] = {}
    pending: dict[str, list[Assignment]] = {}
    for rater_id, assigned in assignments.assignments_of_raters(org, cycle_id, rater_ids, shards).items():
        open_ones = [a for a in assigned if a.status in ("pending", "in_progress")]
        if open_ones:
            pending[rater_id] = open_ones
        else:
            outcomes[rater_id] = "nothing pending"
    if not pending:
        return outcomes
    unnamed = {a.subject_id for open_ones in pending.values() for a in open_ones if not a.subject_name}
    # A reminder reads no rater states: its claim refuses an address that bounced, and the rest
    # are the invitations' (already invited), so the bundle's keys fit one BatchGetItem.
    cycle, states, org_settings, people = raters.invitation_context(
        org, cycle_id, pending, unnamed, states=not reminder
    )
    stopped = _stopped(cycle, slot)
    if cycle is None or stopped:
        return outcomes | dict.fromkeys(pending, stopped or "cycle not open")
    ready: dict[str, str] = {}  # rater -> their time zone
    for rater_id in pending:
        state, rater = states.get(rater_id), people.get(rater_id)
        if state is not None and state.undeliverable_at is not None:
            outcomes[rater_id] = "address undeliverable"
        elif rater is None or not rater.active:
            outcomes[rater_id] = "rater not active"
        elif not reminder and state is not None and state.invited_at is not None:
            outcomes[rater_id] = "already invited"
        else:
            ready[rater_id] = rater.time_zone or org_settings.time_zone or DEFAULT_TIME_ZONE
    today = {rater_id: local_date(clock.now(), time_zone) for rater_id, time_zone in ready.items()}
    claims = _claim(org, cycle, ready, today, reminder, raters, reminders, slot)
    outcomes |= {rater_id: claim for rater_id, claim in claims.items() if claim not in ("claimed", "busy")}
    sent, failed = _send_claimed(claims, pending, people, cycle, ready, reminder, mailer, settings, signer)
    # What went is marked even when another failed, so that a retry does not send it again.
    invited = [(r, ready[r], len(pending[r])) for r in sent]
    _mark(org, cycle_id, sent, reminder, raters, reminders, invited, today, slot)
    outcomes |= {r: f"sent {len(pending[r])} link(s)" for r in sent}
    if failed:  # the message comes back for those, after their claims' lease
        raise RuntimeError(f"{len(failed)} of the bundle's e-mails were not sent") from failed[0]
    busy = sum(1 for claim in claims.values() if claim == "busy")
    if busy:
        raise InvitationBusy(f"another delivery is sending {busy} of these invitations; try again after its lease")
    return outcomes


def _mark(
    org: str,
    cycle_id: str,
    sent: list[str],
    reminder: bool,
    raters: RaterStore,
    reminders: ReminderStore | None,
    invited: list[tuple[str, str | None, int]],
    today: dict[str, str],
    slot: Slot | None,
) -> None:
    """Invitations marked (with the cycle's count), reminders counted for the raters' local day and their slot."""
    if not reminder:
        raters.mark_invited(org, cycle_id, invited)
    elif reminders is not None:
        reminders.mark_reminded(org, cycle_id, {r: today[r] for r in sent}, slot.key if slot else None)


def _stopped(cycle: Cycle | None, slot: Slot | None) -> str | None:
    """Why the bundle goes to nobody, if it does: the cycle is no longer open, or the reminder slot
    it was sent for is no longer in the cycle's plan (the deadline moved since the slot fired)."""
    if cycle is None or cycle.state != "open":
        return "cycle not open"
    if slot is not None and not in_plan(slot, cycle):
        return "reminder slot moved"
    return None


def _send_claimed(
    claims: dict[str, str],
    pending: dict[str, list[Assignment]],
    people: Mapping[str, Employee],
    cycle: Cycle,
    ready: dict[str, str],
    reminder: bool,
    mailer: Mailer,
    settings: MailSettings,
    signer: Signer,
) -> tuple[list[str], list[Exception]]:
    """Send each claimed rater's e-mail; returns (those sent, what failed). One address the mail
    service refuses does not hold up the rest of the bundle."""
    sent: list[str] = []
    failed: list[Exception] = []
    for rater_id in (r for r, claim in claims.items() if claim == "claimed"):
        try:
            _send_one(
                rater_id, Bundle(pending[rater_id], people, cycle, ready[rater_id], reminder), mailer, settings, signer
            )
        except Exception as error:  # told to the caller, which fails the message
            failed.append(error)
            continue
        sent.append(rater_id)
    return sent, failed


def _claim(
    org: str,
    cycle: Cycle,
    ready: dict[str, str],
    today: dict[str, str],
    reminder: bool,
    raters: RaterStore,
    reminders: ReminderStore | None,
    slot: Slot | None,
) -> dict[str, str]:
    """Per rater: "claimed" (to be sent now), "busy" (another delivery holds it), or why not. A slot's
    reminder goes once a slot: a delivery of its bundle on a later day reaches only those it missed."""
    if not ready:
        return {}
    if not reminder:
        claims = raters.claim_invitations(org, cycle.id, list(ready), INVITING_LEASE)
        return {rater_id: "already invited" if c == "invited" else c for rater_id, c in claims.items()}
    if reminders is None:
        return dict.fromkeys(ready, "reminder cap reached")
    most = cycle.config.reminder_max
    return reminders.claim_reminders(org, cycle.id, today, most, INVITING_LEASE, slot.key if slot else None)


@dataclass(frozen=True)
class Bundle:
    """What one rater's e-mail lists, and how."""

    pending: Sequence[Assignment]
    people: Mapping[str, Employee]
    cycle: Cycle
    time_zone: str
    reminder: bool


def _send_one(rater_id: str, bundle: Bundle, mailer: Mailer, settings: MailSettings, signer: Signer) -> None:
    rater, people, cycle = bundle.people[rater_id], bundle.people, bundle.cycle
    lib = library()
    questions = max(sum(len(lib.competency(c).questions) for c in a.competencies) for a in bundle.pending)
    requests = [
        FeedbackRequest(
            subject_name=a.subject_name or (people[a.subject_id].name if a.subject_id in people else a.subject_id),
            relationship=a.relationship,
            link=f"{settings.public_api_url}/feedback/{signer.token(locator_of(a))}",
        )
        for a in bundle.pending
    ]
    message = render_invitation(
        sender=settings.sender,
        to=rater.email,
        rater_name=rater.name,
        locale=rater.locale,
        cycle_name=cycle.name,
        deadline=cycle.deadline,
        time_zone=bundle.time_zone,
        requests=requests,
        minutes_each=minutes_for(questions),
        reminder=bundle.reminder,
        configuration_set=settings.configuration_set,
    )
    mailer.send(message, tags={"org": tag(cycle.org), "cycle": tag(cycle.id), "rater": tag(rater_id)})


def send_released(
    org: str,
    cycle_id: str,
    reader_id: str,
    subject_id: str,
    *,
    cycles: CycleStore,
    directory: EmployeeDirectory,
    mailer: Mailer,
    settings: MailSettings,
) -> str:
    """Tell a subject (or their manager) that the report is ready: a link, never its content."""
    cycle = cycles.get(org, cycle_id)
    if cycle is None or cycle.state != "released":
        return "not released"
    people = directory.get_many(org, {reader_id, subject_id})
    reader, subject = people.get(reader_id), people.get(subject_id)
    if reader is None or not reader.active or subject is None:
        return "reader not active"
    message = render_report_released(
        sender=settings.sender,
        to=reader.email,
        reader_name=reader.name,
        locale=reader.locale,
        cycle_name=cycle.name,
        subject_name=None if reader_id == subject_id else subject.name,
        report_link=report_link(settings, cycle_id, subject_id),
        configuration_set=settings.configuration_set,
    )
    mailer.send(message, tags={"org": tag(org), "cycle": tag(cycle_id), "rater": tag(reader_id)})
    return "sent report notice"


def send_team_released(
    org: str,
    cycle_id: str,
    manager_id: str,
    subject_ids: Sequence[str],
    *,
    cycles: CycleStore,
    directory: EmployeeDirectory,
    mailer: Mailer,
    settings: MailSettings,
) -> str:
    """Tell a manager that their team's reports are ready: one e-mail listing each with its link."""
    cycle = cycles.get(org, cycle_id)
    if cycle is None or cycle.state != "released":
        return "not released"
    people = directory.get_many(org, {manager_id, *subject_ids})
    reader = people.get(manager_id)
    if reader is None or not reader.active:
        return "reader not active"
    reports = [
        TeamReport(
            subject_name=people[s].name if s in people else s,
            link=report_link(settings, cycle_id, s),
        )
        for s in subject_ids
    ]
    message = render_team_released(
        sender=settings.sender,
        to=reader.email,
        reader_name=reader.name,
        locale=reader.locale,
        cycle_name=cycle.name,
        reports=reports,
        configuration_set=settings.configuration_set,
    )
    mailer.send(message, tags={"org": tag(org), "cycle": tag(cycle_id), "rater": tag(manager_id)})
    return "sent team notice"


def send_closed_by_deadline(
    org: str,
    cycle_id: str,
    hr_lead: str,
    *,
    cycles: CycleStore,
    progress: ProgressStore,
    directory: EmployeeDirectory,
    mailer: Mailer,
    settings: MailSettings,
) -> str:
    """Tell the HR lead that the deadline closed the cycle: how many of the forms asked were submitted
    (the progress counters, as the cycle's view counts them) and a link to the cycle."""
    cycle = cycles.get(org, cycle_id)
    if cycle is None or cycle.closed_at is None:
        return "not closed"
    reader = directory.get_many(org, {hr_lead}).get(hr_lead)
    if reader is None or not reader.active:
        return "reader not active"
    counts = progress.progress(org, cycle_id)
    message = render_closed_by_deadline(
        sender=settings.sender,
        to=reader.email,
        reader_name=reader.name,
        locale=reader.locale,
        cycle_name=cycle.name,
        deadline=cycle.deadline,
        time_zone=reader.time_zone or cycle.time_zone,
        submitted=counts["submitted"],
        asked=counts["assignments"],
        cycle_link=f"{settings.public_api_url}/cycles/{cycle_id}",
        configuration_set=settings.configuration_set,
    )
    mailer.send(message, tags={"org": tag(org), "cycle": tag(cycle_id), "rater": tag(hr_lead)})
    return "sent closed notice"


def send_proposals_waiting(
    org: str,
    cycle_id: str,
    manager_id: str,
    subject_id: str,
    proposal_ids: Sequence[str],
    *,
    cycles: CycleStore,
    subjects: SubjectStore,
    directory: EmployeeDirectory,
    mailer: Mailer,
    settings: MailSettings,
) -> str:
    """Tell a manager that a subject of theirs proposed peers who wait for their decision: the names of
    those still proposed and a link to the team page, where they decide. A late delivery (the cycle
    launched or cancelled, the proposals decided) sends nothing and says why.

    Reads the cycle and the subject (a GetItem each) and the manager, the subject and the proposed
    (one BatchGetItem)."""
    cycle = cycles.get(org, cycle_id)
    if cycle is None or cycle.state != "nominating":
        return "cycle not nominating"
    subject = subjects.get_subject(org, cycle_id, subject_id)
    if subject is None:
        return "not a subject"
    proposed = {p["id"] for p in subject.proposals if p["status"] == "proposed"}
    waiting = [p for p in proposal_ids if p in proposed]
    if not waiting:
        return "proposals decided"
    people = directory.get_many(org, {manager_id, subject_id, *waiting})
    reader = people.get(manager_id)
    if reader is None or not reader.active:
        return "reader not active"
    message = render_proposals_waiting(
        sender=settings.sender,
        to=reader.email,
        reader_name=reader.name,
        locale=reader.locale,
        cycle_name=cycle.name,
        subject_name=people[subject_id].name if subject_id in people else subject.name,
        peer_names=[people[p].name for p in waiting if p in people],
        team_link=f"{settings.public_api_url}{team_page()}",
        configuration_set=settings.configuration_set,
    )
    mailer.send(message, tags={"org": tag(org), "cycle": tag(cycle_id), "rater": tag(manager_id)})
    return f"sent proposals notice ({len(waiting)})"


def record_delivery_problem(detail: dict[str, Any], raters: RaterStore, progress: ProgressStore) -> str:
    """An SES bounce or complaint event: mark the rater's address undeliverable, once."""
    tags = (detail.get("mail") or {}).get("tags") or {}
    try:
        org, cycle_id, rater_id = (untag(tags[name][0]) for name in ("org", "cycle", "rater"))
    except (KeyError, IndexError, ValueError):
        return "not a Janus message"
    if "bounce" in detail:
        bounce = detail["bounce"]
        if bounce.get("bounceType") != "Permanent":
            return "transient bounce ignored"
        reason = f"bounce: {bounce.get('bounceSubType', 'General')}"
    elif "complaint" in detail:
        reason = "complaint"
    else:
        return "not a bounce or complaint"
    if raters.mark_undeliverable(org, cycle_id, rater_id, reason):
        progress.add_progress(org, cycle_id, f"undeliverable/{rater_id}", undeliverable=1)
        return "marked undeliverable"
    return "already marked"
