"""An organisation's own settings: its time zone (the default for employees without one), its
HR lead and administrators, the rules that open and escalate cases of unacceptable performance,
its values (what recognition names), the rating scale of its review cycles, the anonymity threshold new
cycles get unless they say one and how long records no longer needed are kept (``retention_months``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from janus.kernel import retention
from janus.kernel.errors import InvalidInput, Problem
from janus.people.employees import EmployeeDirectory
from janus.rounds.timers import DEFAULT_TIME_ZONE

# What a cycle accepts as its threshold (janus.rounds.new_cycle), and what it gets when nobody said.
ANONYMITY_THRESHOLD = 3
ANONYMITY_RANGE = (2, 10)
MAX_VALUES = 30
VALUE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
VALUE_NAME_MAX = 80
VALUE_DESCRIPTION_MAX = 500
# The rating scale of the organisation's review cycles (janus.reviews): its points' labels, lowest first; the
# first is the bottom of the scale (a rating there opens an escalation case).
DEFAULT_SCALE = ("Unacceptable", "Below expectations", "Meets expectations", "Exceeds expectations", "Outstanding")
MIN_SCALE, MAX_SCALE = 3, 7
MAX_LABEL = 60


def parse_scale(raw: Any, problems: list[Problem], default: tuple[str, ...] = DEFAULT_SCALE) -> tuple[str, ...]:
    """A rating scale: its points' labels, lowest first (3 to 7 of them); ``default`` when none is given."""
    if raw is None:
        return default
    if not isinstance(raw, list) or not MIN_SCALE <= len(raw) <= MAX_SCALE:
        problems.append(Problem(f"give {MIN_SCALE} to {MAX_SCALE} labels, lowest first", "rating_scale"))
        return default
    labels = [" ".join(str(label).split()) for label in raw]
    if any(not label or len(label) > MAX_LABEL for label in labels):
        problems.append(Problem(f"each label is 1 to {MAX_LABEL} characters", "rating_scale"))
    if len(set(labels)) != len(labels):
        problems.append(Problem("each label is named once", "rating_scale"))
    return tuple(labels)


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
class OrgValue:
    """One of the organisation's values: a stable id (what a recognition names), a name and what it means."""

    id: str
    name: str
    description: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "description": self.description}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OrgValue:
        return cls(id=data["id"], name=data["name"], description=data.get("description") or "")


@dataclass(frozen=True)
class OrgSettings:
    """The organisation's settings: its default time zone, its escalation rules, who is an HR
    administrator (employee ids; empty: never set, and HR administrators are left as they are in Cognito),
    its values and the anonymity threshold of a cycle created without one."""

    time_zone: str = DEFAULT_TIME_ZONE
    escalation: EscalationRules = field(default_factory=EscalationRules)
    hr_admins: tuple[str, ...] = ()
    values: tuple[OrgValue, ...] = ()
    anonymity_threshold: int = ANONYMITY_THRESHOLD
    rating_scale: tuple[str, ...] = DEFAULT_SCALE
    # Months a closed round's answers, a held check-in and a closed case are kept (janus.kernel.retention).
    retention_months: int = retention.DEFAULT_MONTHS

    def as_dict(self) -> dict[str, Any]:
        return {
            "time_zone": self.time_zone,
            "escalation": self.escalation.as_dict(),
            "hr_admins": list(self.hr_admins),
            "values": [value.as_dict() for value in self.values],
            "anonymity_threshold": self.anonymity_threshold,
            "rating_scale": list(self.rating_scale),
            "retention_months": self.retention_months,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> OrgSettings:
        if not data:
            return cls()
        return cls(
            time_zone=data["time_zone"],
            escalation=EscalationRules.from_dict(data["escalation"]),
            hr_admins=tuple(data.get("hr_admins") or ()),
            values=tuple(OrgValue.from_dict(v) for v in data.get("values") or ()),
            anonymity_threshold=int(data.get("anonymity_threshold", ANONYMITY_THRESHOLD)),
            rating_scale=tuple(data.get("rating_scale") or DEFAULT_SCALE),
            retention_months=int(data.get("retention_months") or retention.DEFAULT_MONTHS),
        )


def _number(value: Any, name: str, low: float, high: float, problems: list[Problem]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        problems.append(Problem(f"must be a number from {low:g} to {high:g}", field=name))
    return value


def _text(value: Any, name: str, limit: int, problems: list[Problem], required: bool) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(Problem(f"is required: up to {limit} characters" if required else "must be text", field=name))
        return ""
    if len(value.strip()) > limit:
        problems.append(Problem(f"is {len(value.strip())} characters; at most {limit}", field=name))
    return value.strip()


def parse_values(raw: Any, problems: list[Problem]) -> tuple[OrgValue, ...]:
    """The organisation's values as HR sends them: the whole list, each with an id (lower-case letters, digits
    and hyphens, unique), a name (unique, whatever its case) and an optional description. Items count from 1."""
    if not isinstance(raw, list):
        problems.append(Problem("must be a list of {id, name, description}", field="values"))
        return ()
    if len(raw) > MAX_VALUES:
        problems.append(Problem(f"has {len(raw)} values; at most {MAX_VALUES}", field="values"))
        return ()
    values: list[OrgValue] = []
    ids: set[str] = set()
    names: set[str] = set()
    for number, entry in enumerate(raw, start=1):
        where = f"values[{number}]"
        if not isinstance(entry, dict):
            problems.append(Problem("must be {id, name, description}", field=where))
            continue
        value_id = entry.get("id")
        if not isinstance(value_id, str) or VALUE_ID.fullmatch(value_id) is None:
            problems.append(
                Problem("must be 1-40 lower-case letters, digits and hyphens, e.g. 'customer-first'", f"{where}.id")
            )
        elif value_id in ids:
            problems.append(Problem(f"'{value_id}' is the id of an earlier value", field=f"{where}.id"))
        name = _text(entry.get("name"), f"{where}.name", VALUE_NAME_MAX, problems, required=True)
        if name and name.casefold() in names:
            problems.append(Problem(f"'{name}' is the name of an earlier value", field=f"{where}.name"))
        description = _text(entry.get("description"), f"{where}.description", VALUE_DESCRIPTION_MAX, problems, False)
        if isinstance(value_id, str):
            ids.add(value_id)
        if name:
            names.add(name.casefold())
        values.append(OrgValue(id=str(value_id), name=name, description=description))
    return tuple(values)


def _threshold(value: Any, problems: list[Problem]) -> int:
    low, high = ANONYMITY_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(Problem(f"must be a whole number from {low} to {high}", field="anonymity_threshold"))
        return ANONYMITY_THRESHOLD
    return value


def _retention(value: Any, problems: list[Problem]) -> int:
    """Whole months from 6 to 120; null for the default."""
    if value is None:
        return retention.DEFAULT_MONTHS
    low, high = retention.MONTHS
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(
            Problem(
                f"must be a whole number of months from {low} to {high}, or null for the default "
                f"({retention.DEFAULT_MONTHS})",
                field="retention_months",
            )
        )
        return retention.DEFAULT_MONTHS
    return value


def people_named(settings: OrgSettings) -> Sequence[str]:
    """The employees the settings name (the HR lead, the HR administrators): whose names a reader is shown."""
    lead = [settings.escalation.hr_lead] if settings.escalation.hr_lead else []
    return list(dict.fromkeys([*lead, *settings.hr_admins]))


def settings_view(org: str, settings: OrgSettings, directory: EmployeeDirectory) -> dict[str, Any]:
    """The settings with the names of the people they name (one BatchGetItem: a lead and at most 100 admins)."""
    named = people_named(settings)
    found = directory.get_many(org, named) if named else {}
    return {**settings.as_dict(), "names": {i: e.name for i, e in found.items()}}


def parse_settings(org: str, body: Any, current: OrgSettings, directory: EmployeeDirectory) -> OrgSettings:
    """HR's changes to the settings (any subset; ``values`` is the whole list), checked whole; every problem
    named."""
    if not isinstance(body, dict):
        raise InvalidInput(
            'send {"time_zone"?, "escalation"?: {...}, "hr_admins"?: [employee ids], "values"?: [...], '
            '"anonymity_threshold"?, "rating_scale"?: [labels, lowest first], "retention_months"?}'
        )
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
    hr_admins = body.get("hr_admins", list(current.hr_admins))
    if not isinstance(hr_admins, list) or not all(isinstance(admin, str) for admin in hr_admins):
        problems.append(Problem("must be a list of employee ids", field="hr_admins"))
        hr_admins = []
    named = {*hr_admins, *([str(lead)] if lead is not None else [])}
    found = directory.get_many(org, named) if named else {}  # the lead and the admins: one BatchGetItem
    if lead is not None and lead not in found:
        problems.append(Problem(f"'{lead}' is not an employee of the organisation", field="escalation.hr_lead"))
    problems += [
        Problem(f"'{admin}' is not an active employee of the organisation", field="hr_admins")
        for admin in hr_admins
        if admin not in found or not found[admin].active
    ]
    values = parse_values(body["values"], problems) if "values" in body else current.values
    threshold = _threshold(body.get("anonymity_threshold", current.anonymity_threshold), problems)
    # null sets the default scale again
    scale = parse_scale(body["rating_scale"], problems) if "rating_scale" in body else current.rating_scale
    # null sets the default months again
    months = _retention(body["retention_months"], problems) if "retention_months" in body else current.retention_months
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the settings; nothing was changed", problems)
    return OrgSettings(
        time_zone=str(time_zone),
        escalation=EscalationRules.from_dict(rules),
        hr_admins=tuple(dict.fromkeys(hr_admins)),
        values=values,
        anonymity_threshold=threshold,
        rating_scale=scale,
        retention_months=months,
    )
