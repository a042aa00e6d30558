"""Fires schedules on the local clock: the template's rate() events and every
one-time at() schedule the application creates through the Scheduler API."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from moto.backends import get_backend

from infra.faults import Faults
from infra.provision import Stack
from infra.template import ACCOUNT, REGION
from janus.kernel import clock

_RATE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")
_AT = re.compile(r"^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$")
MAX_FIRES_PER_TICK = 2000


def rate_interval(expression: str) -> timedelta:
    match = _RATE.match(expression.strip())
    if not match:
        raise ValueError(f"the local stack fires rate() and at() schedules, not '{expression}'")
    amount, unit = int(match.group(1)), match.group(2).rstrip("s")
    return timedelta(**{f"{unit}s": amount})


def at_time(expression: str, time_zone: str | None) -> datetime | None:
    match = _AT.match(expression.strip())
    if not match:
        return None
    return datetime.fromisoformat(match.group(1)).replace(tzinfo=ZoneInfo(time_zone or "UTC")).astimezone(UTC)


class Scheduler:
    def __init__(
        self,
        stack: Stack,
        invoke: Callable[[str, dict[str, Any]], Any],
        send: Callable[[str, str], None],
        faults: Faults | None = None,
    ):
        self.stack = stack
        self.faults = faults  # the fault mode: a schedule fired twice, or late
        self._late: dict[str, datetime] = {}  # schedule -> when its late firing comes
        self.invoke = invoke  # (function logical id, event)
        self.send = send  # (queue ARN, body)
        start = clock.now()
        self._next = {schedule.name: start + rate_interval(schedule.expression) for schedule in stack.schedules}
        self._lock = threading.Lock()
        self.fired: list[dict[str, Any]] = []

    def _function_by_arn(self, arn: str) -> str | None:
        for logical, function in self.stack.functions.items():
            if arn.split(":")[-1] in (function.name, logical) or arn == self.stack.context.attributes.get(
                (logical, "Arn")
            ):
                return logical
        return None

    def _deliver(self, arn: str, payload: str) -> None:
        if ":sqs:" in arn:
            self.send(arn, payload)
            return
        logical = self._function_by_arn(arn)
        if logical is None:
            raise LookupError(f"no function or queue behind schedule target {arn}")
        self.invoke(logical, json.loads(payload or "{}"))

    def _held(self, name: str, now: datetime) -> bool:
        """In the fault mode, a schedule may fire late: held for a few minutes of the local clock."""
        if self.faults is None:
            return False
        if name in self._late:
            if self._late[name] > now:
                return True
            del self._late[name]
            return False
        if self.faults.draw("schedule-late"):
            self._late[name] = now + timedelta(minutes=self.faults.randint(1, 15))
            return True
        return False

    def _times(self) -> int:
        """Once; in the fault mode, sometimes twice (EventBridge Scheduler delivers at least once)."""
        return 2 if self.faults is not None and self.faults.draw("schedule-twice") else 1

    def tick(self) -> int:
        """Fire everything that fell due on the local clock; returns how many fired."""
        with self._lock:
            now = clock.now()
            fired = 0
            for schedule in self.stack.schedules:
                interval = rate_interval(schedule.expression)
                while self._next[schedule.name] <= now and fired < MAX_FIRES_PER_TICK:
                    due = self._next[schedule.name]
                    event = {
                        "version": "0",
                        "id": f"{schedule.name}-{due.isoformat()}",
                        "detail-type": "Scheduled Event",
                        "source": "aws.events",
                        "account": ACCOUNT,
                        "time": due.isoformat(),
                        "region": REGION,
                        "resources": [],
                        "detail": schedule.payload or {},
                    }
                    if self._held(schedule.name, now):
                        break
                    for _ in range(self._times()):
                        self.invoke(schedule.function, event)
                    self._next[schedule.name] = due + interval
                    fired += 1
            backend = get_backend("scheduler")[ACCOUNT][REGION]
            for group in list(backend.schedule_groups.values()):
                for schedule in list(group.schedules.values()):
                    due_at = at_time(schedule.schedule_expression, schedule.schedule_expression_timezone)
                    if schedule.state != "ENABLED" or due_at is None or due_at > now:
                        continue
                    if self._held(f"{group.name}/{schedule.name}", now):
                        continue
                    # A one-time schedule fires once; disabled after firing, deleted if it asks for that.
                    schedule.state = "DISABLED"
                    if schedule.action_after_completion == "DELETE":
                        del group.schedules[schedule.name]
                    self.fired.append({"name": schedule.name, "group": group.name, "due": due_at.isoformat()})
                    for _ in range(self._times()):
                        self._deliver(schedule.target["Arn"], schedule.target.get("Input", "{}"))
                    fired += 1
            return fired
