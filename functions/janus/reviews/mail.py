"""The reviews' e-mails: rendering only, no AWS calls. At launch, one to the employee (write your self part)
and one to the manager (write the manager's part for this person); before the deadline, one reminder to each
person still owing a part, listing every review they owe. In the reader's language, with the deadline in their
time zone and a link to the console's review page; the layout is ``templates/email/review_mail.*``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from janus.kernel.mail import clean, compose, deadline_in, language, secure_link, words_in

LISTED = 20
_TEMPLATES = Path(__file__).parent / "templates" / "email"

KIND_NAMES = {
    "en": {"update": "update discussion", "appraisal": "performance appraisal"},
    "da": {"update": "opfølgningssamtale", "appraisal": "medarbejderudviklingssamtale"},
}
WORDS = {
    "en": {
        "subject_employee": "Your {kind} is open: {cycle}",
        "subject_manager": "Write the manager's part of {name}'s {kind}",
        "subject_remind": "Reminder: {kind} parts to write by the deadline",
        "intro_employee": "Your {kind} ({cycle}) is open. Look back on your period and write your own part: "
        "your goals, your competencies and a summary. Your manager writes theirs.",
        "intro_manager": "The {kind} ({cycle}) is open. Write your part of the review of {name}: their goals, "
        "their competencies, a summary and an overall rating.",
        "intro_remind": "These parts of the {kind} ({cycle}) are still to write:",
        "self_part": "Your own self part",
        "manager_part": "The manager's part for {name}",
        "deadline": "Deadline: {deadline}.",
        "button": "Open the review",
        "footer": "You are receiving this e-mail because your organisation runs reviews in Janus.",
        "more": "and {n} more",
    },
    "da": {
        "subject_employee": "Din {kind} er åben: {cycle}",
        "subject_manager": "Skriv lederens del af {kind} for {name}",
        "subject_remind": "Påmindelse: dele af {kind} skal skrives inden fristen",
        "intro_employee": "Din {kind} ({cycle}) er åben. Se tilbage på perioden, og skriv din egen del: dine mål, "
        "dine kompetencer og en opsummering. Din leder skriver sin del.",
        "intro_manager": "{kind} ({cycle}) er åben. Skriv din del af vurderingen af {name}: mål, kompetencer, en "
        "opsummering og en samlet vurdering.",
        "intro_remind": "Disse dele af {kind} ({cycle}) mangler stadig:",
        "self_part": "Din egen del",
        "manager_part": "Lederens del for {name}",
        "deadline": "Frist: {deadline}.",
        "button": "Åbn samtalen",
        "footer": "Du får denne mail, fordi din organisation holder samtaler i Janus.",
        "more": "og {n} mere",
    },
}


def render_review_mail(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    what: str,  # "employee" | "manager" (at launch) | "remind"
    kind: str,
    cycle_name: str,
    deadline: datetime,
    time_zone: str,
    link: str,
    employee_name: str = "",
    owed: Sequence[tuple[str, str]] = (),  # (part "self"|"manager", employee's name), for a reminder
    configuration_set: str | None = None,
) -> EmailMessage:
    if not secure_link(link):
        raise ValueError("the review link is not an absolute https URL")
    lang = language(locale)
    base, words = words_in(lang), WORDS[lang]
    kind_name = KIND_NAMES[lang][kind]
    fill = {"kind": kind_name, "cycle": clean(cycle_name), "name": clean(employee_name)}
    items: list[str] = []
    if what == "remind":
        if not owed:
            raise ValueError("a reminder lists at least one part")
        items = [
            words["self_part"] if part == "self" else words["manager_part"].format(name=clean(name))
            for part, name in owed[:LISTED]
        ]
        if len(owed) > LISTED:
            items.append(words["more"].format(n=len(owed) - LISTED))
    context = {
        "greeting": base["greeting"].format(name=clean(reader_name)),
        "intro": words[f"intro_{what}"].format(**fill),
        "items": items,
        "deadline": words["deadline"].format(deadline=deadline_in(base, deadline, time_zone)),
        "button": words["button"],
        "link": link,
        "sign_in": base["sign_in"],
        "footer": words["footer"],
    }
    subject = words[f"subject_{what}"].format(**fill)
    return compose(
        folder=_TEMPLATES,
        template="review_mail",
        lang=lang,
        sender=sender,
        to=to,
        subject=subject[:1].upper() + subject[1:],
        context=context,
        configuration_set=configuration_set,
    )
