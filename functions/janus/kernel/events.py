"""Publishing domain events on the stack's EventBridge bus, ten entries a call."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

SOURCE = "janus"
BATCH = 10


class EventPublisher:
    def __init__(self, events: Any, bus: str):
        self.events = events
        self.bus = bus

    def publish(self, detail_type: str, details: Sequence[dict[str, Any]]) -> None:
        for start in range(0, len(details), BATCH):
            entries = [
                {
                    "Source": SOURCE,
                    "DetailType": detail_type,
                    "Detail": json.dumps(d, sort_keys=True),
                    "EventBusName": self.bus,
                }
                for d in details[start : start + BATCH]
            ]
            answer = self.events.put_events(Entries=entries)
            if answer.get("FailedEntryCount"):
                raise RuntimeError(f"{answer['FailedEntryCount']} of {len(entries)} {detail_type} events were not put")
