"""Work handed to a queue: fan-out jobs and invitations, sent in SendMessageBatch groups of 10."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

BATCH = 10


class Jobs(Protocol):
    def send(self, queue: str, messages: Sequence[dict[str, Any]]) -> None: ...


class SqsJobs:
    """``queue`` names a queue URL given in the settings ("jobs" or "invitations"); ``delays`` holds
    back what this sender puts on a queue by that many seconds."""

    def __init__(self, sqs: Any, urls: dict[str, str | None], delays: dict[str, int] | None = None):
        self.sqs = sqs
        self.urls = urls
        self.delays = delays or {}

    def send(self, queue: str, messages: Sequence[dict[str, Any]]) -> None:
        url = self.urls.get(queue)
        if not url:
            raise RuntimeError(f"no URL configured for the {queue} queue")
        for start in range(0, len(messages), BATCH):
            batch = messages[start : start + BATCH]
            delay = {"DelaySeconds": self.delays[queue]} if self.delays.get(queue) else {}
            answer = self.sqs.send_message_batch(
                QueueUrl=url,
                Entries=[
                    {"Id": str(n), "MessageBody": json.dumps(m, sort_keys=True), **delay} for n, m in enumerate(batch)
                ],
            )
            failed = answer.get("Failed") or []
            if failed:
                # Throttled or rejected entries: fail the caller so that its own message is retried.
                raise RuntimeError(f"{len(failed)} of {len(batch)} messages were not queued: {failed[0].get('Code')}")
