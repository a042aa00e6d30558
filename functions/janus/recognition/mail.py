"""The weekly digest to a manager of the recognitions their direct reports received: rendering only, no AWS
calls. One e-mail per manager, in their language (English or Danish), the layout
``templates/email/recognition_digest.*`` on the kernel's shared frame."""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path

from janus.kernel.mail import clean, compose, language, secure_link

LISTED = 10
EXCERPT = 280
_TEMPLATES = Path(__file__).parent / "templates" / "email"
WORDS = {
    "en": {
        "subject": "Recognition for your team, week {week}",
        "greeting": "Dear {name},",
        "intro": "Your direct reports were recognised by their colleagues last week:",
        "line": "{giver} recognised {recipient} for {value}",
        "more": "… and {n} more on their pages.",
        "button": "See recognition in Janus",
        "sign_in": "You may be asked to sign in first.",
        "talk": "A word from you in your next check-in goes a long way.",
        "footer": "You get this digest because your organisation or you turned it on. You can turn it off on the "
        "recognition page.",
    },
    "da": {
        "subject": "Anerkendelse til dit team, uge {week}",
        "greeting": "Kære {name}",
        "intro": "Dine medarbejdere fik anerkendelse fra deres kolleger i sidste uge:",
        "line": "{giver} anerkendte {recipient} for {value}",
        "more": "… og {n} mere på deres sider.",
        "button": "Se anerkendelse i Janus",
        "sign_in": "Du bliver måske bedt om at logge ind først.",
        "talk": "Et ord fra dig ved næste opfølgningssamtale betyder meget.",
        "footer": "Du får denne oversigt, fordi din organisation eller du har slået den til. Du kan slå den fra på "
        "siden om anerkendelse.",
    },
}


def render_recognition_digest(
    *,
    sender: str,
    to: str,
    reader_name: str,
    locale: str,
    week: str,
    items: Sequence[dict[str, str]],  # {"giver", "recipient", "value", "message"}: names, not ids
    link: str,
    unlisted: int = 0,
    configuration_set: str | None = None,
) -> EmailMessage:
    if not items:
        raise ValueError("a digest lists at least one recognition")
    if not secure_link(link):
        raise ValueError("the recognition link is not an absolute https URL")
    lang = language(locale)
    words = WORDS[lang]
    listed = [
        {
            "line": words["line"].format(
                giver=clean(i["giver"]), recipient=clean(i["recipient"]), value=clean(i["value"])
            ),
            "message": clean(i["message"])[:EXCERPT],
        }
        for i in items[:LISTED]
    ]
    left = len(items) - len(listed) + unlisted
    context = {
        "greeting": words["greeting"].format(name=clean(reader_name)),
        "intro": words["intro"],
        "items": listed,
        "more": words["more"].format(n=left) if left else "",
        "button": words["button"],
        "link": link,
        "sign_in": words["sign_in"],
        "talk": words["talk"],
        "footer": words["footer"],
    }
    return compose(
        folder=_TEMPLATES,
        template="recognition_digest",
        lang=lang,
        sender=sender,
        to=to,
        subject=words["subject"].format(week=week.split("-W")[1].lstrip("0")),
        context=context,
        configuration_set=configuration_set,
    )
