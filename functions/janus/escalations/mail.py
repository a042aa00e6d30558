"""The escalation notices: rendering only, no AWS calls.

When performance is not acceptable, the managers and HR who follow up an escalation case
(see ``janus.escalations.case``) are told when it opens, when it is escalated to them and
when a review of the improvement plan is due. The layout is ``escalation.*`` in
``templates/email``; the words and the shared layout are the kernel's (``janus.kernel.mail``).

The notice holds no ratings, scores, notes or plan: only why the case exists, what to do
by when, and the way to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from janus.kernel.mail import clean, compose, date, deadline_in, language, local_time, secure_link, words_in
from janus.library import library

ESCALATION_KINDS = ("opened", "escalated", "review_due")
_PLAIN_CAUSES = ("others_overall", "manager_flag")  # and "competency:<id>" (see janus.escalations.opening)

_TEMPLATES = Path(__file__).parent / "templates" / "email"


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
    https URL to a page behind sign-in. ``locale`` is ``en`` or ``da`` (a region such as
    ``da-DK`` is accepted; anything else falls back to English).
    """
    if kind not in ESCALATION_KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(ESCALATION_KINDS)}")
    if level < 0 or (kind == "opened" and level) or (kind == "escalated" and not level):
        raise ValueError("level is 0 when a case opens, 1 or more once it is escalated, and never negative")
    name = clean(employee_name)
    if not name:
        raise ValueError("employee_name must not be empty")
    if due is None:
        raise ValueError(f"the {kind} notice needs the case's due date")
    local_due = local_time(due, time_zone, "due")
    if not secure_link(case_link):
        raise ValueError("the case link is not an absolute https URL")

    lang = language(locale)
    words = words_in(lang)
    facts = {"name": name, "level": level, "date": deadline_in(words, due, time_zone)}
    subject = words[f"subject_escalation_{kind}"].format(name=name, date=date(words, "date_short", local_due))
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
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
    return compose(
        folder=_TEMPLATES,
        template="escalation",
        lang=lang,
        sender=sender,
        to=to,
        subject=subject,
        context=context,
        configuration_set=configuration_set,
    )


def _cause(words: Mapping[str, Any], lang: str, cause: str, name: str) -> str:
    """Why the case exists, in plain words: never the score behind it."""
    if cause in _PLAIN_CAUSES:
        return words[f"cause_{cause}"].format(name=name)
    prefix, _, competency_id = cause.partition(":")
    if prefix == "review":
        return words["cause_review"].format(name=name)
    if prefix == "competency" and library().has_competency(competency_id):
        return words["cause_competency"].format(competency=library().competency(competency_id).name.get(lang))
    raise ValueError(f"unknown cause {cause!r}; expected others_overall, manager_flag, review:<id> or competency:<id>")
