"""The missed check-in nudge: rendering only, no AWS calls. One e-mail to each of the pair, in their language,
naming the other person and the day the check-in was due, with the way to their check-ins in the console. It
never holds anything said in a check-in: no topic, no note, no action. The words are the kernel's
(``strings.yaml``), the layout ``templates/email/checkin_missed.*``."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from janus.kernel.mail import clean, compose, date, language, secure_link, words_in

_TEMPLATES = Path(__file__).parent / "templates" / "email"


def render_missed_check_in(
    *,
    sender: str,
    to: str,
    reader_name: str,
    other_name: str,
    locale: str,
    due: datetime,
    link: str,
    configuration_set: str | None = None,
) -> EmailMessage:
    """The nudge that the check-in with ``other_name`` due ``due`` was not held; ``link`` is an absolute https
    URL to the reader's check-ins in the console."""
    if not secure_link(link):
        raise ValueError("the check-ins link is not an absolute https URL")
    lang = language(locale)
    words = words_in(lang)
    other = clean(other_name)
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
        "intro": words["intro_checkin_missed"].format(name=other, date=date(words, "date_checkin_missed", due)),
        "next": words["next_checkin_missed"],
        "button": words["button_checkin_missed"],
        "link": link,
        "sign_in": words["sign_in"],
        "footer": words["footer_checkin_missed"].format(name=other),
    }
    return compose(
        folder=_TEMPLATES,
        template="checkin_missed",
        lang=lang,
        sender=sender,
        to=to,
        subject=words["subject_checkin_missed"].format(name=other),
        context=context,
        configuration_set=configuration_set,
    )
