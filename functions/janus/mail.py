"""The feedback e-mails a rater receives: rendering only, no AWS calls.

In a feedback round each rater gets one e-mail per cycle listing every person they are
asked to give feedback on, each with its own link; a reminder is the same bundle listing
only what is still pending. When HR releases the reports, the person reviewed and their
manager each get a short notice with a link to the report in Janus. The words are in
``templates/email/strings.yaml`` (English and Danish), the layouts in ``invitation.*``
and ``released.*`` next to it.

The feedback links carry a secret token: they go into the message and nowhere else.
Nothing here logs, ``FeedbackRequest`` leaves the link out of its repr, and errors never
quote a link. The release notice carries no report content, only the way to it.
"""

from __future__ import annotations

import email.policy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

LOCALES = ("en", "da")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
RELATIONSHIPS = ("self", "manager", "peer", "direct_report", "other")

_DIR = Path(__file__).parent / "templates" / "email"
_ENV = Environment(
    loader=FileSystemLoader(_DIR),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_STRINGS: dict[str, dict[str, Any]] = yaml.safe_load((_DIR / "strings.yaml").read_text(encoding="utf-8"))


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
    if deadline.tzinfo is None or deadline.utcoffset() is None:
        raise ValueError("deadline must be timezone-aware")
    try:
        local_deadline = deadline.astimezone(ZoneInfo(time_zone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {time_zone!r}") from exc
    for request in requests:
        _check(request)

    lang = _language(locale)
    words = _STRINGS[lang]
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
    words = _STRINGS[lang]
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
    text = _ENV.get_template(f"{template}.txt").render(context)
    html = _ENV.get_template(f"{template}.html").render(context)
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
