"""Sending e-mail through SESv2 (raw MIME, with a configuration set and tags for bounce tracking)."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any, Protocol


class Mailer(Protocol):
    def send(self, message: EmailMessage, tags: dict[str, str]) -> None: ...


class SesMailer:
    def __init__(self, sesv2: Any, configuration_set: str | None):
        self.sesv2 = sesv2
        self.configuration_set = configuration_set

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        args: dict[str, Any] = {
            "FromEmailAddress": str(message["From"]),
            "Destination": {"ToAddresses": [str(message["To"])]},
            "Content": {"Raw": {"Data": message.as_bytes()}},
            "EmailTags": [{"Name": name, "Value": value} for name, value in tags.items()],
        }
        if self.configuration_set:
            args["ConfigurationSetName"] = self.configuration_set
        self.sesv2.send_email(**args)
