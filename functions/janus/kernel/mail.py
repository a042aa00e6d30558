"""The feedback e-mails a rater receives: rendering only, no AWS calls.

In a feedback round each rater gets one e-mail per cycle listing every person they are
asked to give feedback on, each with its own link; a reminder is the same bundle listing
only what is still pending. When HR releases the reports, the person reviewed and their
manager each get a short notice with a link to the report in Janus. When performance is
not acceptable, the managers and HR who follow up an escalation case (see
``janus.escalations.case``) are told when it opens, when it is escalated to them and when a
review of the improvement plan is due. The words are in ``templates/email/strings.yaml``
(English and Danish), the layouts in ``invitation.*``, ``released.*`` and ``escalation.*``
next to it.

The feedback links carry a secret token: they go into the message and nowhere else.
Nothing here logs, ``FeedbackRequest`` leaves the link out of its repr, and errors never
quote a link. The release notice carries no report content, only the way to it, and the
escalation notice no ratings, scores, notes or plan: only why the case exists, what to do
by when, and the way to it.
"""

from __future__ import annotations

import email.policy
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from janus.kernel.pages import read_yaml
from janus.library import library

if TYPE_CHECKING:
    from jinja2 import Environment

LOCALES = ("en", "da")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
RELATIONSHIPS = ("self", "manager", "peer", "direct_report", "other")
ESCALATION_KINDS = ("opened", "escalated", "review_due")
_PLAIN_CAUSES = ("others_overall", "manager_flag")  # and "competency:<id>" (see janus.escalations.case)

_DIR = Path(__file__).parent / "templates" / "email"


@functools.cache
def _env() -> Environment:
    """The e-mail templates; Jinja2 loads with the first message a process renders."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=FileSystemLoader(_DIR),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _strings() -> dict[str, dict[str, Any]]:
    return read_yaml(_DIR / "strings.yaml")


@dataclass(frozen=True)
class FeedbackRequest:
    """One person the rater is asked to give feedback on."""

    subject_name: str
    relationship: str  # self | manager | peer | direct_report | other
    link: str = field(repr=False)  # absolute https URL with the token: never logged


def minutes_for(question_count: int) -> int:
    """About 15 seconds a question plus 2 minutes, rounded up to whole minutes, at least 5."""
    if question_count < 0:
        raise ValueError("question_count must not be negative")
    seconds = 15 * question_count + 120
    return max(5, -(-seconds // 60))


def render_invitation(
    *,
    sender: str,
    to: str,
    rater_name: str,
    locale: str,
    cycle_name: str,
    deadline: datetime,
    time_zone: str,
    requests: Sequence[FeedbackRequest],
    minutes_each: int,
    reminder: bool = False,
    configuration_set: str | None = None,
) -> EmailMessage:
    """The invitation (or reminder) listing every request, in the rater's language and time zone.

    ``locale`` is ``en`` or ``da`` (a region such as ``da-DK`` is accepted; anything else
    falls back to English). ``deadline`` must carry a time zone; it is shown in
    ``time_zone``. The self-assessment is listed first, the others in the order given.
    """
    if not requests:
        raise ValueError("an invitation needs at least one feedback request")
    local_deadline = _local(deadline, time_zone, "deadline")
    for request in requests:
        _check(request)

    lang = _language(locale)
    words = _strings()[lang]
    cycle = _clean(cycle_name)
    ordered = sorted(requests, key=lambda request: request.relationship != "self")
    count = len(ordered)

    if reminder:
        forms = _plural(words, "forms", count)
        subject = words["subject_reminder"].format(forms=forms, date=_date(words, "date_short", local_deadline))
    else:
        subject = words["subject_invitation"].format(cycle=cycle, people=_plural(words, "people", count))

    minutes = _plural(words, "minutes", minutes_each)
    context = {
        "greeting": words["greeting"].format(name=_clean(rater_name)),
        "intro": words["intro_reminder" if reminder else "intro_invitation"].format(cycle=cycle),
        "list_heading": words["list_reminder" if reminder else "list_invitation"],
        "people": [_person(words, request) for request in ordered],
        "deadline": words["deadline"].format(deadline=_date(words, "date_long", local_deadline)),
        "time": words["time_one" if count == 1 else "time_other"].format(minutes=minutes),
        "anonymity": words["anonymity"],
        "personal": words["personal_one" if count == 1 else "personal_other"],
        "draft": words["draft"],
        "thanks": words["thanks"],
        "footer": words["footer"].format(cycle=cycle),
    }

    return _message(
        template="invitation",
        lang=lang,
        sender=sender,
        to=to,
        subject=subject,
        context=context,
        configuration_set=configuration_set,
    )


def render_report_released(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    cycle_name: str,
    subject_name: str | None,
    report_link: str,
    team_size: int = 0,
    configuration_set: str | None = None,
) -> EmailMessage:
    """The notice that a feedback round's reports are released, with a link to read them in Janus.

    With ``subject_name`` None the reader is the person reviewed and the link opens their own
    report; otherwise the reader is that person's manager, the link opens their team's
    reports, and ``team_size`` (when above 0) says how many people in the team have one.
    The notice says only that the report is ready: no scores and no comments. ``locale``
    falls back as for the invitation; ``report_link`` is an absolute https URL to a page
    behind sign-in.
    """
    if team_size < 0:
        raise ValueError("team_size must not be negative")
    team = subject_name is not None
    if team_size and not team:
        raise ValueError("team_size is only for the manager's e-mail (give subject_name)")
    name = _clean(subject_name) if subject_name is not None else ""
    if team and not name:
        raise ValueError("subject_name must not be empty")
    if not _secure(report_link):
        raise ValueError("the report link is not an absolute https URL")

    lang = _language(locale)
    words = _strings()[lang]
    cycle = _clean(cycle_name)
    audience = "team" if team else "self"
    intro = words[f"intro_report_{audience}"].format(cycle=cycle, name=name)
    if team and team_size:
        intro = f"{intro} {_plural(words, 'report_team', team_size)}"

    subject = words[f"subject_report_{audience}"].format(cycle=cycle)
    context = {
        "greeting": words["greeting"].format(name=_clean(reader_name)),
        "intro": intro,
        "button": words[f"button_report_{audience}"],
        "link": report_link,
        "sign_in": words["sign_in"],
        "reading": words[f"reading_{audience}"],
        "confidential": words[f"confidential_{audience}"],
        "footer": words[f"footer_report_{audience}"].format(cycle=cycle),
    }
    return _message(
        template="released",
        lang=lang,
        sender=sender,
        to=to,
        subject=subject,
        context=context,
        configuration_set=configuration_set,
    )


def render_escalation_notice(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    employee_name: str,
    kind: str,
    cause: str,
    due: datetime | None,
    time_zone: str,
    case_link: str,
    level: int = 0,
    configuration_set: str | None = None,
) -> EmailMessage:
    """A notice about an escalation case for the employee named, to the case's owner (and HR).

    ``kind`` is ``opened`` (a new case: why, and acknowledge it, then agree an improvement
    plan), ``escalated`` (a deadline was missed and the case now rests with the reader at
    ``level``, 1 or more) or ``review_due`` (a follow-up review of the plan is due). ``cause``
    is the case's cause: ``others_overall``, ``competency:<id>`` (named from the library in
    the reader's language) or ``manager_flag``. ``due`` is the case's deadline (``Case.due``):
    every kind needs it, as a timezone-aware time shown in ``time_zone``. The notice holds no
    ratings, scores, notes or plan, only the way to the case: ``case_link`` is an absolute
    https URL to a page behind sign-in. ``locale`` falls back as for the invitation.
    """
    if kind not in ESCALATION_KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(ESCALATION_KINDS)}")
    if level < 0 or (kind == "opened" and level) or (kind == "escalated" and not level):
        raise ValueError("level is 0 when a case opens, 1 or more once it is escalated, and never negative")
    name = _clean(employee_name)
    if not name:
        raise ValueError("employee_name must not be empty")
    if due is None:
        raise ValueError(f"the {kind} notice needs the case's due date")
    local_due = _local(due, time_zone, "due")
    if not _secure(case_link):
        raise ValueError("the case link is not an absolute https URL")

    lang = _language(locale)
    words = _strings()[lang]
    facts = {"name": name, "level": level, "date": _date(words, "date_long", local_due)}
    subject = words[f"subject_escalation_{kind}"].format(name=name, date=_date(words, "date_short", local_due))
    context = {
        "greeting": words["greeting"].format(name=_clean(reader_name)),
        "intro": words[f"intro_escalation_{kind}"].format(**facts),
        "cause": _cause(words, lang, cause, name),
        "steps_heading": words["steps_escalation"],
        "steps": [step.format(**facts) for step in words[f"steps_escalation_{kind}"]],
        "next_level": words["next_level_escalation"],
        "purpose": words["purpose_escalation"].format(name=name),
        "button": words["button_escalation"],
        "link": case_link,
        "sign_in": words["sign_in"],
        "confidential": words["confidential_escalation"],
        "footer": words["footer_escalation"],
    }
    return _message(
        template="escalation",
        lang=lang,
        sender=sender,
        to=to,
        subject=subject,
        context=context,
        configuration_set=configuration_set,
    )


def _message(
    *,
    template: str,
    lang: str,
    sender: str,
    to: str,
    subject: str,
    context: Mapping[str, Any],
    configuration_set: str | None,
) -> EmailMessage:
    """Text and HTML parts from ``<template>.txt`` and ``<template>.html``, as multipart/alternative."""
    context = {"lang": lang, "subject": subject, **context}
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Auto-Submitted"] = "auto-generated"
    if configuration_set:
        message["X-SES-CONFIGURATION-SET"] = configuration_set
    text = _env().get_template(f"{template}.txt").render(context)
    html = _env().get_template(f"{template}.html").render(context)
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = lang  # after the parts: building them moves Content-* headers into the first one
    return message


def _check(request: FeedbackRequest) -> None:
    if request.relationship not in RELATIONSHIPS:
        raise ValueError(f"unknown relationship {request.relationship!r}; expected one of {', '.join(RELATIONSHIPS)}")
    if not _secure(request.link):
        # The link holds a secret token, so the message names the person, never the link.
        raise ValueError(f"the link for {_clean(request.subject_name)!r} is not an absolute https URL")


def _secure(link: str) -> bool:
    """An absolute https URL without whitespace; plain http only for the local stack on this machine."""
    parts = urlsplit(link)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    return secure and bool(parts.netloc) and not any(c.isspace() for c in link)


def _local(moment: datetime, time_zone: str, what: str) -> datetime:
    """``moment`` (which must carry a time zone) as the clock shows it in ``time_zone``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    try:
        return moment.astimezone(ZoneInfo(time_zone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {time_zone!r}") from exc


def _cause(words: Mapping[str, Any], lang: str, cause: str, name: str) -> str:
    """Why the case exists, in plain words: never the score behind it."""
    if cause in _PLAIN_CAUSES:
        return words[f"cause_{cause}"].format(name=name)
    prefix, _, competency_id = cause.partition(":")
    if prefix == "competency" and library().has_competency(competency_id):
        return words["cause_competency"].format(competency=library().competency(competency_id).name.get(lang))
    raise ValueError(f"unknown cause {cause!r}; expected others_overall, manager_flag or competency:<id>")


def _language(locale: str) -> str:
    lang = (locale or "").strip().lower().replace("_", "-").split("-")[0]
    return lang if lang in LOCALES else "en"


def _clean(value: str) -> str:
    """One line of text: no line breaks (they would break headers) and no runs of spaces."""
    return " ".join(value.split())


def _plural(words: Mapping[str, Any], key: str, n: int) -> str:
    return words[f"{key}_one" if n == 1 else f"{key}_other"].format(n=n)


def _date(words: Mapping[str, Any], key: str, moment: datetime) -> str:
    """A date from our own tables, so the system locale never matters."""
    return words[key].format(
        weekday=words["weekdays"][moment.weekday()],
        day=moment.day,
        month=words["months"][moment.month - 1],
        year=moment.year,
        time=f"{moment.hour:02d}:{moment.minute:02d}",
    )


def _person(words: Mapping[str, Any], request: FeedbackRequest) -> dict[str, str]:
    name = _clean(request.subject_name)
    is_self = request.relationship == "self"
    return {
        "name": name,
        "relationship": words[f"relationship_{request.relationship}"],
        "link": request.link,
        "button": words["button_self"] if is_self else words["button_other"].format(name=name),
    }
