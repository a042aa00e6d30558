"""The feedback e-mails a rater receives, and the notice that reports are released: rendering only.

In a feedback round each rater gets one e-mail per cycle listing every person they are
asked to give feedback on, each with its own link; a reminder is the same bundle listing
only what is still pending. When HR releases the reports, the person reviewed and their
manager each get a short notice with a link to the report in Janus. When a deadline closes a
cycle, HR's lead is told, with the response rate. When an employee proposes peers, their
manager is told who waits for a decision. The layouts are ``invitation.*``, ``released.*``,
``team.*``, ``closed.*`` and ``proposals.*`` in ``templates/email``; the words and the shared
layout are the kernel's (``janus.kernel.mail``).

The feedback links carry a secret token: they go into the message and nowhere else.
Nothing here logs, ``FeedbackRequest`` leaves the link out of its repr, and errors never
quote a link. The release notice carries no report content, only the way to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from janus.kernel.mail import clean, compose, date, deadline_in, language, local_time, plural, secure_link, words_in

RELATIONSHIPS = ("self", "manager", "peer", "direct_report", "other")

_TEMPLATES = Path(__file__).parent / "templates" / "email"


@dataclass(frozen=True)
class FeedbackRequest:
    """One person the rater is asked to give feedback on."""

    subject_name: str
    relationship: str  # self | manager | peer | direct_report | other
    link: str = field(repr=False)  # absolute https URL with the token: never logged


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
    ``time_zone``, which the text names. The self-assessment is listed first, the others in the order given.
    """
    if not requests:
        raise ValueError("an invitation needs at least one feedback request")
    local_deadline = local_time(deadline, time_zone, "deadline")
    for request in requests:
        _check(request)

    lang = language(locale)
    words = words_in(lang)
    cycle = clean(cycle_name)
    ordered = sorted(requests, key=lambda request: request.relationship != "self")
    count = len(ordered)

    if reminder:
        forms = plural(words, "forms", count)
        subject = words["subject_reminder"].format(forms=forms, date=date(words, "date_short", local_deadline))
    else:
        subject = words["subject_invitation"].format(cycle=cycle, people=plural(words, "people", count))

    minutes = plural(words, "minutes", minutes_each)
    context = {
        "greeting": words["greeting"].format(name=clean(rater_name)),
        "intro": words["intro_reminder" if reminder else "intro_invitation"].format(cycle=cycle),
        "list_heading": words["list_reminder" if reminder else "list_invitation"],
        "people": [_person(words, request) for request in ordered],
        "deadline": words["deadline"].format(deadline=deadline_in(words, deadline, time_zone)),
        "time": words["time_one" if count == 1 else "time_other"].format(minutes=minutes),
        "anonymity": words["anonymity"],
        "personal": words["personal_one" if count == 1 else "personal_other"],
        "draft": words["draft"],
        "thanks": words["thanks"],
        "footer": words["footer"].format(cycle=cycle),
    }

    return compose(
        folder=_TEMPLATES,
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
    name = clean(subject_name) if subject_name is not None else ""
    if team and not name:
        raise ValueError("subject_name must not be empty")
    if not secure_link(report_link):
        raise ValueError("the report link is not an absolute https URL")

    lang = language(locale)
    words = words_in(lang)
    cycle = clean(cycle_name)
    audience = "team" if team else "self"
    intro = words[f"intro_report_{audience}"].format(cycle=cycle, name=name)
    if team and team_size:
        intro = f"{intro} {plural(words, 'report_team', team_size)}"

    subject = words[f"subject_report_{audience}"].format(cycle=cycle)
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
        "intro": intro,
        "button": words[f"button_report_{audience}"],
        "link": report_link,
        "sign_in": words["sign_in"],
        "reading": words[f"reading_{audience}"],
        "confidential": words[f"confidential_{audience}"],
        "footer": words[f"footer_report_{audience}"].format(cycle=cycle),
    }
    return compose(
        folder=_TEMPLATES,
        template="released",
        lang=lang,
        sender=sender,
        to=to,
        subject=subject,
        context=context,
        configuration_set=configuration_set,
    )


@dataclass(frozen=True)
class TeamReport:
    """One report of the manager's team: whose, and the link to it (behind sign-in)."""

    subject_name: str
    link: str


def render_team_released(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    cycle_name: str,
    reports: Sequence[TeamReport],
    configuration_set: str | None = None,
) -> EmailMessage:
    """The manager's one notice of a release: every report of their team, each with its link, in the
    order given. Names and links only, never a report's content."""
    if not reports:
        raise ValueError("a team notice needs at least one report")
    if not all(secure_link(report.link) for report in reports):
        raise ValueError("a report link is not an absolute https URL")
    lang = language(locale)
    words = words_in(lang)
    cycle = clean(cycle_name)
    people = [
        {
            "name": clean(r.subject_name),
            "link": r.link,
            "button": words["button_report_person"].format(name=clean(r.subject_name)),
        }
        for r in reports
    ]
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
        "intro": words["intro_report_team_list"].format(cycle=cycle),
        "count": plural(words, "report_team", len(reports)),
        "people": people,
        "sign_in": words["sign_in"],
        "reading": words["reading_team"],
        "confidential": words["confidential_team"],
        "footer": words["footer_report_team"].format(cycle=cycle),
    }
    return compose(
        folder=_TEMPLATES,
        template="team",
        lang=lang,
        sender=sender,
        to=to,
        subject=words["subject_report_team"].format(cycle=cycle),
        context=context,
        configuration_set=configuration_set,
    )


def render_closed_by_deadline(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    cycle_name: str,
    deadline: datetime,
    time_zone: str,
    submitted: int,
    asked: int,
    cycle_link: str,
    configuration_set: str | None = None,
) -> EmailMessage:
    """The notice to HR that the deadline closed the cycle: when, and how many of the forms asked were
    submitted. ``deadline`` is shown in ``time_zone``; ``cycle_link`` is an absolute https URL to the
    cycle, behind sign-in."""
    if min(submitted, asked) < 0:
        raise ValueError("the counts must not be negative")
    if not secure_link(cycle_link):
        raise ValueError("the cycle link is not an absolute https URL")
    lang = language(locale)
    words = words_in(lang)
    cycle = clean(cycle_name)
    rate = words["percent"].format(n=round(100 * submitted / asked) if asked else 0)
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
        "intro": words["intro_closed_by_deadline"].format(
            cycle=cycle, deadline=deadline_in(words, deadline, time_zone)
        ),
        "rate": words["rate_closed_by_deadline"].format(submitted=submitted, asked=asked, rate=rate),
        "next": words["next_closed_by_deadline"],
        "button": words["button_closed_by_deadline"],
        "link": cycle_link,
        "sign_in": words["sign_in"],
        "footer": words["footer_closed_by_deadline"],
    }
    return compose(
        folder=_TEMPLATES,
        template="closed",
        lang=lang,
        sender=sender,
        to=to,
        subject=words["subject_closed_by_deadline"].format(cycle=cycle, rate=rate),
        context=context,
        configuration_set=configuration_set,
    )


def render_proposals_waiting(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    cycle_name: str,
    subject_name: str,
    peer_names: Sequence[str],
    team_link: str,
    configuration_set: str | None = None,
) -> EmailMessage:
    """The notice to a manager that ``subject_name`` proposed peers who wait for their decision: who proposed
    how many colleagues for which cycle, their names in the order given, that the proposals can be decided
    until the cycle is launched (the nominating phase has no date of its own), and one link to the team page
    (an absolute https URL, behind sign-in)."""
    names = [clean(name) for name in peer_names]
    proposer = clean(subject_name)
    if not names or not all(names):
        raise ValueError("a proposals notice needs the name of each proposed colleague")
    if not proposer:
        raise ValueError("subject_name must not be empty")
    if not secure_link(team_link):
        raise ValueError("the team link is not an absolute https URL")
    lang = language(locale)
    words = words_in(lang)
    cycle = clean(cycle_name)
    colleagues = plural(words, "colleagues", len(names))
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
        "intro": words["intro_proposals_waiting"].format(name=proposer, colleagues=colleagues, cycle=cycle),
        "names": names,
        "until": words["until_proposals_waiting"],
        "button": words["button_proposals_waiting"],
        "link": team_link,
        "sign_in": words["sign_in"],
        "footer": words["footer_proposals_waiting"].format(name=proposer, cycle=cycle),
    }
    return compose(
        folder=_TEMPLATES,
        template="proposals",
        lang=lang,
        sender=sender,
        to=to,
        subject=words["subject_proposals_waiting"].format(name=proposer, colleagues=colleagues, cycle=cycle),
        context=context,
        configuration_set=configuration_set,
    )


def _check(request: FeedbackRequest) -> None:
    if request.relationship not in RELATIONSHIPS:
        raise ValueError(f"unknown relationship {request.relationship!r}; expected one of {', '.join(RELATIONSHIPS)}")
    if not secure_link(request.link):
        # The link holds a secret token, so the message names the person, never the link.
        raise ValueError(f"the link for {clean(request.subject_name)!r} is not an absolute https URL")


def _person(words: Mapping[str, Any], request: FeedbackRequest) -> dict[str, str]:
    name = clean(request.subject_name)
    is_self = request.relationship == "self"
    return {
        "name": name,
        "relationship": words[f"relationship_{request.relationship}"],
        "link": request.link,
        "button": words["button_self"] if is_self else words["button_other"].format(name=name),
    }
