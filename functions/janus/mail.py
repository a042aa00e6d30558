"""The feedback e-mails a rater receives: rendering only, no AWS calls.

In a feedback round each rater gets one e-mail per cycle listing every person they are
asked to give feedback on, each with its own link; a reminder is the same bundle listing
only what is still pending. The words are in ``templates/email/strings.yaml`` (English
and Danish), the layout in ``invitation.html`` and ``invitation.txt`` next to it.

The links carry a secret token: they go into the message and nowhere else. Nothing here
logs, ``FeedbackRequest`` leaves the link out of its repr, and errors never quote it.
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
        "lang": lang,
        "subject": subject,
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

    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Auto-Submitted"] = "auto-generated"
    if configuration_set:
        message["X-SES-CONFIGURATION-SET"] = configuration_set
    text = _ENV.get_template("invitation.txt").render(context)
    html = _ENV.get_template("invitation.html").render(context)
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = lang  # after the parts: building them moves Content-* headers into the first one
    return message


def _check(request: FeedbackRequest) -> None:
    if request.relationship not in RELATIONSHIPS:
        raise ValueError(f"unknown relationship {request.relationship!r}; expected one of {', '.join(RELATIONSHIPS)}")
    parts = urlsplit(request.link)
    # Plain http only for the local stack on this machine; anywhere else the token needs TLS.
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    if not secure or not parts.netloc or any(c.isspace() for c in request.link):
        # The link holds a secret token, so the message names the person, never the link.
        raise ValueError(f"the link for {_clean(request.subject_name)!r} is not an absolute https URL")


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
