"""An organisation's own settings: its time zone (the default for employees without one), its
HR lead, and the rules that open and escalate cases of unacceptable performance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from janus.kernel.errors import InvalidInput, Problem
from janus.people.employees import EmployeeDirectory
from janus.rounds.timers import DEFAULT_TIME_ZONE


@dataclass(frozen=True)
class EscalationRules:
    """An organisation's thresholds and deadlines (days)."""

    others_overall_max: float = 2.0
    competency_max: float = 1.5
    acknowledge_days: int = 5
    plan_days: int = 10
    review_days: tuple[int, ...] = (30, 60, 90)
    hr_lead: str | None = None  # employee id

    def as_dict(self) -> dict[str, Any]:
        return {
            "others_overall_max": self.others_overall_max,
            "competency_max": self.competency_max,
            "acknowledge_days": self.acknowledge_days,
            "plan_days": self.plan_days,
            "review_days": list(self.review_days),
            "hr_lead": self.hr_lead,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EscalationRules:
        defaults = cls()
        return cls(
            others_overall_max=float(data.get("others_overall_max", defaults.others_overall_max)),
            competency_max=float(data.get("competency_max", defaults.competency_max)),
            acknowledge_days=int(data.get("acknowledge_days", defaults.acknowledge_days)),
            plan_days=int(data.get("plan_days", defaults.plan_days)),
            review_days=tuple(int(d) for d in data.get("review_days", defaults.review_days)),
            hr_lead=data.get("hr_lead", defaults.hr_lead),
        )


@dataclass(frozen=True)
class OrgSettings:
    """The organisation's settings: its default time zone, its escalation rules and who is an HR
    administrator (employee ids; empty: never set, and HR administrators are left as they are in Cognito)."""

    time_zone: str = DEFAULT_TIME_ZONE
    escalation: EscalationRules = field(default_factory=EscalationRules)
    hr_admins: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"time_zone": self.time_zone, "escalation": self.escalation.as_dict(), "hr_admins": list(self.hr_admins)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> OrgSettings:
        if not data:
            return cls()
        return cls(
            time_zone=data["time_zone"],
            escalation=EscalationRules.from_dict(data["escalation"]),
            hr_admins=tuple(data.get("hr_admins") or ()),
        )


def _number(value: Any, name: str, low: float, high: float, problems: list[Problem]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        problems.append(Problem(f"must be a number from {low:g} to {high:g}", field=name))
    return value


def parse_settings(org: str, body: Any, current: OrgSettings, directory: EmployeeDirectory) -> OrgSettings:
    """HR's changes to the settings (any subset), checked whole; every problem named."""
    if not isinstance(body, dict):
        raise InvalidInput('send {"time_zone"?, "escalation"?: {...}, "hr_admins"?: [employee ids]}')
    problems: list[Problem] = []
    time_zone = body.get("time_zone", current.time_zone)
    try:
        ZoneInfo(str(time_zone))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(f"'{time_zone}' is not a time zone (e.g. Europe/Copenhagen)", field="time_zone"))
    rules = {**current.escalation.as_dict(), **(body.get("escalation") or {})}
    _number(rules["others_overall_max"], "escalation.others_overall_max", 1, 5, problems)
    _number(rules["competency_max"], "escalation.competency_max", 1, 5, problems)
    for name in ("acknowledge_days", "plan_days"):
        if not isinstance(rules[name], int) or isinstance(rules[name], bool) or not 1 <= rules[name] <= 60:
            problems.append(Problem("must be a whole number of days from 1 to 60", field=f"escalation.{name}"))
    reviews = rules["review_days"]
    if not isinstance(reviews, list) or not reviews or not all(isinstance(d, int) and 1 <= d <= 365 for d in reviews):
        problems.append(Problem("must be a list of days from 1 to 365", field="escalation.review_days"))
    lead = rules.get("hr_lead")
    if lead is not None and lead not in directory.get_many(org, [str(lead)]):
        problems.append(Problem(f"'{lead}' is not an employee of the organisation", field="escalation.hr_lead"))
    hr_admins = body.get("hr_admins", list(current.hr_admins))
    if not isinstance(hr_admins, list) or not all(isinstance(admin, str) for admin in hr_admins):
        problems.append(Problem("must be a list of employee ids", field="hr_admins"))
        hr_admins = []
    found = directory.get_many(org, hr_admins) if hr_admins else {}
    problems += [
        Problem(f"'{admin}' is not an active employee of the organisation", field="hr_admins")
        for admin in hr_admins
        if admin not in found or not found[admin].active
    ]
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the settings; nothing was changed", problems)
    return OrgSettings(
        time_zone=str(time_zone), escalation=EscalationRules.from_dict(rules), hr_admins=tuple(dict.fromkeys(hr_admins))
    )
