"""One e-mail per rater per cycle, listing every subject with its own link; and bounces.

Each link is made here from its assignment (janus.links): nothing is written to make it, so a
reminder carries the same links as the invitation. An invitation goes once: it is claimed on the
rater's item (a lease) before it is sent and marked after; a reminder is claimed per local day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from janus import clock
from janus.employees import EmployeeDirectory
from janus.library import library
from janus.links import Locator, Signer
from janus.mail import FeedbackRequest, minutes_for, render_invitation, render_report_released
from janus.mailer import Mailer
from janus.reminders import DEFAULT_TIME_ZONE, local_date
from janus.store.cycles import CycleStore, ReminderStore

# Longer than the function's timeout (60 s), shorter than the queue's visibility timeout (360 s):
# a delivery that dies after claiming blocks the next one only until the message comes back.
INVITING_LEASE = timedelta(minutes=2)


class InvitationBusy(Exception):
    """Another delivery of the same invitation holds the claim: the message is to be tried again."""


@dataclass(frozen=True)
class MailSettings:
    sender: str
    public_api_url: str
    configuration_set: str | None = None


def tag(value: str) -> str:
    """SES tag values allow letters, digits, '_' and '-': ids travel hex-encoded."""
    return value.encode().hex()


def untag(value: str) -> str:
    return bytes.fromhex(value).decode()


def send_invitation(
    org: str,
    cycle_id: str,
    rater_id: str,
    *,
    store: CycleStore,
    mailer: Mailer,
    settings: MailSettings,
    signer: Signer,
    reminder: bool = False,
    reminders: ReminderStore | None = None,
) -> str:
    """Send the bundle (a reminder lists only what is still pending); returns what happened, never the links.

    Reads: the rater's assignments (one Query), then one BatchGetItem for the cycle, the rater's
    state, the organisation's settings and every name the message carries.
    """
    pending = [a for a in store.assignments_of_rater(org, cycle_id, rater_id) if a.status in ("pending", "in_progress")]
    if not pending:
        return "nothing pending"
    cycle, rater_state, org_settings, people = store.invitation_context(
        org, cycle_id, rater_id, {a.subject_id for a in pending}
    )
    if cycle is None or cycle.state != "open":
        return "cycle not open"
    if rater_state is not None and rater_state.undeliverable_at is not None:
        return "address undeliverable"
    rater = people.get(rater_id)
    if rater is None or not rater.active:
        return "rater not active"
    time_zone = rater.time_zone or org_settings.time_zone or DEFAULT_TIME_ZONE
    if reminder:
        today = local_date(clock.now(), time_zone)
        if reminders is None or not reminders.claim_reminder(org, cycle_id, rater_id, today, cycle.config.reminder_max):
            return "reminder cap reached"
    elif rater_state is not None and rater_state.invited_at is not None:
        return "already invited"
    else:
        claim = store.claim_invitation(org, cycle_id, rater_id, INVITING_LEASE)
        if claim == "invited":
            return "already invited"
        if claim == "busy":
            raise InvitationBusy("another delivery is sending this invitation; try again after its lease")
    lib = library()
    questions = max(sum(len(lib.competency(c).questions) for c in a.competencies) for a in pending)
    requests = [
        FeedbackRequest(
            subject_name=people[a.subject_id].name if a.subject_id in people else a.subject_id,
            relationship=a.relationship,
            link=f"{settings.public_api_url}/feedback/{signer.token(_locator(a))}",
        )
        for a in pending
    ]
    message = render_invitation(
        sender=settings.sender,
        to=rater.email,
        rater_name=rater.name,
        locale=rater.locale,
        cycle_name=cycle.name,
        deadline=cycle.deadline,
        time_zone=time_zone,
        requests=requests,
        minutes_each=minutes_for(questions),
        reminder=reminder,
        configuration_set=settings.configuration_set,
    )
    mailer.send(message, tags={"org": tag(org), "cycle": tag(cycle_id), "rater": tag(rater_id)})
    if not reminder:
        store.mark_invited(org, cycle_id, rater_id, time_zone, links=len(pending))
    return f"sent {len(pending)} link(s)"


def _locator(a: Any) -> Locator:
    return Locator(a.org, a.cycle_id, a.subject_id, a.rater_id, a.link_nonce)


def send_released(
    org: str,
    cycle_id: str,
    reader_id: str,
    subject_id: str,
    *,
    store: CycleStore,
    directory: EmployeeDirectory,
    mailer: Mailer,
    settings: MailSettings,
) -> str:
    """Tell a subject (or their manager) that the report is ready: a link, never its content."""
    cycle = store.get(org, cycle_id)
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
        report_link=f"{settings.public_api_url}/cycles/{cycle_id}/reports/{subject_id}/html",
        configuration_set=settings.configuration_set,
    )
    mailer.send(message, tags={"org": tag(org), "cycle": tag(cycle_id), "rater": tag(reader_id)})
    return "sent report notice"


def record_delivery_problem(detail: dict[str, Any], store: CycleStore) -> str:
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
    if store.mark_undeliverable(org, cycle_id, rater_id, reason):
        store.add_progress(org, cycle_id, f"undeliverable/{rater_id}", undeliverable=1)
        return "marked undeliverable"
    return "already marked"
