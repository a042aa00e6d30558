"""Every e-mail the application sends through SES, captured.

Messages are read from the embedded endpoint's SES store, stamped with the
local clock, kept for ``GET /_local/mailbox`` and written as .eml files (the folder's
.eml files of an earlier run are removed when the stack starts).
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import threading
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from moto.backends import get_backend

from infra.template import ACCOUNT, REGION
from janus.kernel import clock

_PAGE = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"])
).get_template("mailbox.html")
_LINK = re.compile(r"https?://[^\s\"'<>]+")


def _parts(raw: str) -> tuple[str, str, str, list[str]]:
    message = email.message_from_string(raw, policy=email.policy.default)
    text_part = message.get_body(preferencelist=("plain",)) if isinstance(message, EmailMessage) else None
    html_part = message.get_body(preferencelist=("html",)) if isinstance(message, EmailMessage) else None
    text = text_part.get_content() if text_part else ""
    body_html = html_part.get_content() if html_part else ""
    to = [address.strip() for address in str(message.get("To", "")).split(",") if address.strip()]
    # Python before 3.13 reads a folded long subject back with a leading space (gh-124452).
    return str(message.get("Subject", "")).strip(), text, body_html, to


class Mailbox:
    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.eml"):  # a run's mail starts empty, as its messages do
            old.unlink()
        self.messages: list[dict[str, Any]] = []
        self._seen = 0
        self._lock = threading.Lock()

    def _backend(self) -> Any:
        return get_backend("ses")[ACCOUNT][REGION]

    def collect(self) -> None:
        with self._lock:
            sent = self._backend().sent_messages
            for message in sent[self._seen :]:
                self._capture(message)
            self._seen = len(sent)

    def _capture(self, message: Any) -> None:
        if hasattr(message, "raw_data"):
            raw = message.raw_data
            subject, text, body_html, to = _parts(raw)
            to = to or list(message.destinations)
        else:
            subject, body = message.subject, message.body
            is_html = bool(re.search(r"<(html|p|div|a|table)\b", body or "", re.I))
            text, body_html = ("", body) if is_html else (body, "")
            to = [
                address
                for kind in ("ToAddresses", "CcAddresses", "BccAddresses")
                for address in message.destinations.get(kind, [])
            ]
            built = EmailMessage()
            built["From"], built["To"], built["Subject"] = message.source, ", ".join(to), subject
            built.set_content(text or html.unescape(re.sub(r"<[^>]+>", "", body_html)))
            if body_html:
                built.add_alternative(body_html, subtype="html")
            raw = built.as_string()
        links = list(dict.fromkeys(_LINK.findall(text + " " + body_html)))
        entry = {
            "to": to,
            "subject": subject,
            "text": text,
            "html": body_html,
            "links": links,
            "sent_at": clock.now().isoformat(),
        }
        self.messages.append(entry)
        (self.folder / f"{len(self.messages):05d}.eml").write_text(raw)

    def as_json(self) -> dict[str, Any]:
        self.collect()
        return {"messages": list(self.messages)}

    def as_html(self) -> str:
        self.collect()
        return _PAGE.render(messages=self.messages, folder=str(self.folder))
