"""One-time EventBridge Scheduler schedules that put a message on a queue when they fall due: a
cycle's deadline and reminder slots, an escalation case's next step."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from typing import Any


class OneTimeSchedules:
    """One-time EventBridge Scheduler schedules that put a message on a queue when they fall due."""

    def __init__(self, scheduler: Any, group: str, role_arn: str):
        self.scheduler = scheduler
        self.group = group
        self.role_arn = role_arn

    def set(self, name: str, when: datetime, target_arn: str, payload: dict[str, Any]) -> None:
        args = {
            "Name": name,
            "GroupName": self.group,
            "ScheduleExpression": f"at({when.astimezone(UTC):%Y-%m-%dT%H:%M:%S})",
            "ScheduleExpressionTimezone": "UTC",
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "ActionAfterCompletion": "DELETE",
            "State": "ENABLED",  # UpdateSchedule replaces every field; say it, do not rely on a default
            "Target": {"Arn": target_arn, "RoleArn": self.role_arn, "Input": json.dumps(payload, sort_keys=True)},
        }
        # Most schedules are new (a launch's, a case's next step after the last one deleted itself).
        try:
            self.scheduler.create_schedule(**args)
        except self.scheduler.exceptions.ConflictException:
            self.scheduler.update_schedule(**args)

    def clear(self, name: str) -> None:
        # Already fired and deleted itself, or never made: either way there is nothing to remove.
        with contextlib.suppress(self.scheduler.exceptions.ResourceNotFoundException):
            self.scheduler.delete_schedule(Name=name, GroupName=self.group)
