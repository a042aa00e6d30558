"""The quarterly nudge to the owner of open goals: rendering only, no AWS calls. One e-mail per person,
in their language, listing their open goals by title (at most ``LISTED``) and the way to them in the
console; the words are the kernel's (``strings.yaml``), the layout ``templates/email/goals_nudge.*``."""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path

from janus.kernel.mail import clean, compose, language, plural, secure_link, words_in

LISTED = 10
_TEMPLATES = Path(__file__).parent / "templates" / "email"


def render_goals_nudge(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    quarter: str,
    titles: Sequence[str],
    goals_link: str,
    unlisted: int = 0,
    configuration_set: str | None = None,
) -> EmailMessage:
    """The nudge for ``quarter`` (``2027-Q2``) to confirm or adjust the goals titled (and ``unlisted`` more);
    ``goals_link`` is an absolute https URL to the console's goals page."""
    if not titles:
        raise ValueError("a nudge lists at least one goal")
    if not secure_link(goals_link):
        raise ValueError("the goals link is not an absolute https URL")
    lang = language(locale)
    words = words_in(lang)
    listed = [clean(title) for title in titles[:LISTED]]
    left = len(titles) - len(listed) + unlisted
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
        "intro": words["intro_goals_nudge"],
        "list_heading": words["list_goals_nudge"],
        "titles": listed,
        "more": plural(words, "more_goals_nudge", left) if left else "",
        "button": words["button_goals_nudge"],
        "link": goals_link,
        "sign_in": words["sign_in"],
        "talk": words["talk_goals_nudge"],
        "footer": words["footer_goals_nudge"],
    }
    return compose(
        folder=_TEMPLATES,
        template="goals_nudge",
        lang=lang,
        sender=sender,
        to=to,
        subject=words["subject_goals_nudge"].format(quarter=quarter),
        context=context,
        configuration_set=configuration_set,
    )
