"""What every e-mail Janus sends shares: rendering only, no AWS calls.

Each capability renders its own e-mails (``janus.invitations.mail``, ``janus.escalations.mail``)
from its own ``templates/email`` folder; this module gives them the layout every message
extends (``templates/email/base.html``), the words (``templates/email/strings.yaml``, English
and Danish, one file so that both languages are checked to have the same keys), the reader's
language, dates in their time zone, the link check, and the assembly of the text and HTML
parts into one message.

Links may carry a secret token: nothing here logs, and errors never quote a link.
"""

from __future__ import annotations

import email.policy
import functools
from collections.abc import Mapping
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from janus.kernel.pages import read_yaml

if TYPE_CHECKING:
    from jinja2 import Environment

LOCALES = ("en", "da")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")

_DIR = Path(__file__).parent / "templates" / "email"


@functools.cache
def _env(folder: Path) -> Environment:
    """A capability's e-mail templates with the shared layout behind them; Jinja2 loads with the first message."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=ChoiceLoader([FileSystemLoader(folder), FileSystemLoader(_DIR)]),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _strings() -> dict[str, dict[str, Any]]:
    return read_yaml(_DIR / "strings.yaml")


def words_in(lang: str) -> dict[str, Any]:
    """Every e-mail's words in ``lang`` (one of ``LOCALES``), keyed as in ``strings.yaml``."""
    return _strings()[lang]


def compose(
    *,
    folder: Path,
    template: str,
    lang: str,
    sender: str,
    to: str,
    subject: str,
    context: Mapping[str, Any],
    configuration_set: str | None,
) -> EmailMessage:
    """Text and HTML parts from ``<template>.txt`` and ``<template>.html`` in ``folder``, as multipart/alternative."""
    context = {"lang": lang, "subject": subject, **context}
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Auto-Submitted"] = "auto-generated"
    if configuration_set:
        message["X-SES-CONFIGURATION-SET"] = configuration_set
    text = _env(folder).get_template(f"{template}.txt").render(context)
    html = _env(folder).get_template(f"{template}.html").render(context)
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = lang  # after the parts: building them moves Content-* headers into the first one
    return message


def secure_link(link: str) -> bool:
    """An absolute https URL without whitespace; plain http only for the local stack on this machine."""
    parts = urlsplit(link)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    return secure and bool(parts.netloc) and not any(c.isspace() for c in link)


def local_time(moment: datetime, time_zone: str, what: str) -> datetime:
    """``moment`` (which must carry a time zone) as the clock shows it in ``time_zone``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    try:
        return moment.astimezone(ZoneInfo(time_zone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {time_zone!r}") from exc


def language(locale: str) -> str:
    lang = (locale or "").strip().lower().replace("_", "-").split("-")[0]
    return lang if lang in LOCALES else "en"


def clean(value: str) -> str:
    """One line of text: no line breaks (they would break headers) and no runs of spaces."""
    return " ".join(value.split())


def plural(words: Mapping[str, Any], key: str, n: int) -> str:
    return words[f"{key}_one" if n == 1 else f"{key}_other"].format(n=n)


def deadline_in(words: Mapping[str, Any], moment: datetime, time_zone: str) -> str:
    """A deadline as a person reads it: the long date and time on the clocks of ``time_zone``, naming that zone."""
    return f"{date(words, 'date_long', local_time(moment, time_zone, 'deadline'))} ({time_zone})"


def date(words: Mapping[str, Any], key: str, moment: datetime) -> str:
    """A date from our own tables, so the system locale never matters."""
    return words[key].format(
        weekday=words["weekdays"][moment.weekday()],
        day=moment.day,
        month=words["months"][moment.month - 1],
        year=moment.year,
        time=f"{moment.hour:02d}:{moment.minute:02d}",
    )
