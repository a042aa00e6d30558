"""Recognition at work: given, read on a person's page, counted for HR, and the weekly digest's choices.

Anyone in the organisation recognises anyone else in it (never themselves) for one of the organisation's
values. Reads are by key or designed index: the people named (one BatchGetItem), the organisation's settings
(one GetItem), a person's recognitions (one Query), the quarter's counters (one Query), a department's people
(the people list's department index, a page at a time) and their quarter markers (one BatchGetItem a page).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Forbidden, InvalidInput, NotFound, Problem, Unprocessable
from janus.kernel.idempotency import RequestKey
from janus.people import listing
from janus.people.organisation import OrgSettings
from janus.people.organisation_store import OrgStore
from janus.recognition.recognition import MAX_TO, Recognition, quarter_of, week_of
from janus.recognition.store import RecognitionStore, sort_key
from janus.store import once
from janus.store.once import Once

PAGE = 50
PEOPLE_PAGE = 100
_AFTER = re.compile(r"\d{4}-\d\d-\d\dT[0-9:.+-]{8,32}#r-[0-9a-f]{12}")
_QUARTER = re.compile(r"\d{4}-Q[1-4]")


@dataclass(frozen=True)
class Ports:
    recognitions: RecognitionStore
    directory: listing.PeopleIndex
    orgs: OrgStore
    digest_schedule: Callable[[str, date, str], None]  # (org, today, its time zone): this week's digest is scheduled


def _new_id() -> str:
    return f"r-{os.urandom(6).hex()}"


def give(caller: Caller, body: Mapping[str, Any], ports: Ports, key: RequestKey | None = None) -> dict[str, Any]:
    """``POST /recognitions``: every problem named at once (422 for people or a value the organisation does
    not have), nothing written while any remains. A repeat of the request's idempotency key answers the
    recognition it gave."""
    return once.attempt(key, lambda: _give(caller, body, ports, key), lambda made: _given_again(caller, made, ports))


def _give(caller: Caller, body: Mapping[str, Any], ports: Ports, key: RequestKey | None) -> dict[str, Any]:
    problems: list[Problem] = []
    to = list(dict.fromkeys(body.get("to") or []))
    if not to:
        problems.append(Problem("name at least one person", "to"))
    if len(to) > MAX_TO:
        problems.append(Problem(f"names {len(to)} people; at most {MAX_TO}", "to"))
    if caller.sub in to:
        problems.append(Problem("you cannot recognise yourself", "to"))
    message = (body.get("message") or "").strip()
    if not message:
        problems.append(Problem("must not be empty", "message"))
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the recognition; nothing was saved", problems)
    people = ports.directory.get_many(caller.org, {*to, caller.sub})
    giver = people.get(caller.sub)
    if giver is None or not giver.active:
        raise Forbidden("only people of the organisation recognise others")
    unknown = [person for person in to if person not in people or not people[person].active]
    if unknown:
        problems.append(Problem(f"no one in this organisation with the id(s) {', '.join(unknown)}", "to"))
    settings = ports.orgs.get(caller.org)
    values = {value.id: value for value in settings.values}
    if body.get("value") not in values:
        known = ", ".join(values) or "none yet: HR sets them with PUT /organisation"
        problems.append(Problem(f"'{body.get('value')}' is not one of the organisation's values ({known})", "value"))
    if problems:
        raise Unprocessable(f"{len(problems)} problem(s) with the recognition; nothing was saved", problems)
    now = clock.now()
    recognition = Recognition(caller.org, _new_id(), caller.sub, tuple(to), body["value"], message,
                              body.get("visibility", "public"), now)  # fmt: skip
    departments = {person: people[person].department for person in to}
    managers = {person: people[person].manager_id for person in to}
    quarter = quarter_of(now.date())
    made = Once(key, {"id": recognition.id, "to": to[0], "sort_key": sort_key(recognition)}) if key else None
    ports.recognitions.give(recognition, departments, managers, quarter, week_of(now.date()), made)
    return _followed(recognition, people, settings, values, ports)


def _followed(
    recognition: Recognition, people: Mapping[str, Any], settings: OrgSettings, values: Mapping[str, Any], ports: Ports
) -> dict[str, Any]:
    """What follows a recognition's write (the people named marked for the quarter, the week's digest scheduled),
    and the answer."""
    departments = {person: people[person].department for person in recognition.to if person in people}
    managers = {person: people[person].manager_id for person in recognition.to if person in people}
    ports.recognitions.mark(recognition.org, departments, quarter_of(recognition.given_at.date()))
    if recognition.visibility == "public" and any(managers.values()):
        ports.digest_schedule(recognition.org, recognition.given_at.date(), settings.time_zone)
    return _shown([recognition], people, values)[0]


def _given_again(caller: Caller, made: Mapping[str, str], ports: Ports) -> dict[str, Any]:
    """A repeat of a recognition's giving: the recognition, answered as its giving was; what follows its write
    done again (a try that failed after the write may not have done it; each step does its part once)."""
    recognition = ports.recognitions.given(caller.org, made["to"], made["sort_key"])
    if recognition is None or recognition.giver != caller.sub:
        raise NotFound(f"no recognition '{made['id']}' given by you")
    people = ports.directory.get_many(caller.org, {*recognition.to, caller.sub})
    settings = ports.orgs.get(caller.org)
    values = {value.id: value for value in settings.values}
    return _followed(recognition, people, settings, values, ports)


def _shown(found: list[Recognition], people: Mapping[str, Any], values: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **r.as_dict(),
            "value_name": values[r.value].name if r.value in values else r.value,
            "names": {p: people[p].name for p in (r.giver, *r.to) if p in people},
        }
        for r in found
    ]


def received(caller: Caller, employee_id: str | None, after: str | None, ports: Ports) -> dict[str, Any]:
    """``GET /recognitions?employee_id=``: what the person received that the caller may read, newest first."""
    employee_id = employee_id or caller.sub
    if after is not None and not _AFTER.fullmatch(after):
        raise InvalidInput("this page token was not given by this list; start from the first page", [
            Problem("is not a page token this list gave", "after")])  # fmt: skip
    if employee_id not in ports.directory.get_many(caller.org, [employee_id]):
        raise NotFound(f"no employee '{employee_id}' in this organisation")
    found, following = ports.recognitions.received(caller.org, employee_id, caller.sub, after, PAGE)
    people = ports.directory.get_many(caller.org, {p for r in found for p in (r.giver, *r.to)})
    values = {value.id: value for value in ports.orgs.get(caller.org).values}
    return {"recognitions": _shown(found, people, values), "next": following}


def analytics(
    caller: Caller, quarter: str | None, department: str | None, token: str | None, ports: Ports
) -> dict[str, Any]:
    """``GET /organisation/recognition`` (HR): the values recognised by department in a quarter, a department's
    figures hidden when fewer people than the anonymity threshold were recognised in it; and, for one
    department, a page of its people not recognised this quarter (for managers' attention, not ranking)."""
    caller.require("hr_admin")
    today = clock.now().date()
    quarter = quarter or quarter_of(today)
    if not _QUARTER.fullmatch(quarter):
        raise InvalidInput("the quarter is not right", [Problem("must be a quarter such as 2030-Q1", "quarter")])
    settings = ports.orgs.get(caller.org)
    threshold = settings.anonymity_threshold
    names = {value.id: value.name for value in settings.values}
    departments: dict[str, dict[str, Any]] = {}
    for counter in ports.recognitions.counts(caller.org, quarter):
        shown = departments.setdefault(counter["department"], {"department": counter["department"], "people": 0,
                                                                "values": {}})  # fmt: skip
        if counter["value"] is None:
            shown["people"] = counter["count"]
        else:
            shown["values"][counter["value"]] = counter["count"]
    rows = []
    for name in sorted(departments):
        row = departments[name]
        if row["people"] < threshold:
            rows.append({"department": name, "hidden": True})
        else:
            values = [{"value": v, "name": names.get(v, v), "count": n} for v, n in sorted(row["values"].items())]
            rows.append({"department": name, "hidden": False, "people": row["people"], "values": values})
    answer: dict[str, Any] = {"quarter": quarter, "threshold": threshold, "departments": rows}
    if department:
        if quarter != quarter_of(today):
            raise InvalidInput("people never recognised are found for the current quarter only",
                               [Problem(f"must be {quarter_of(today)} with a department", "quarter")])  # fmt: skip
        answer["never_recognised"] = _never_recognised(caller.org, department, token, quarter, ports)
    return answer


def _never_recognised(org: str, department: str, token: str | None, quarter: str, ports: Ports) -> dict[str, Any]:
    search = listing.Search.of(None, department, None, None)
    page = listing.list_people(org, search, token, ports.directory, PEOPLE_PAGE)
    people = [p for p in page["employees"] if p["active"]]
    recognised = ports.recognitions.recognised_in(org, [p["id"] for p in people], quarter)
    return {
        "department": department,
        "people": [
            {"id": p["id"], "name": p["name"], "manager_id": p["manager_id"], "manager_name": p["manager_name"]}
            for p in people
            if p["id"] not in recognised
        ],
        "next": page["next"],
    }


def choose_digest(caller: Caller, employee_id: str | None, enabled: bool, ports: Ports) -> dict[str, Any]:
    """The weekly digest for the organisation (HR, ``employee_id`` None) or for one manager (themselves or HR).
    A manager's own choice wins over the organisation's, which is off until HR turns it on."""
    if employee_id is None or employee_id != caller.sub:
        caller.require("hr_admin")
    if employee_id is not None and employee_id not in ports.directory.get_many(caller.org, [employee_id]):
        raise NotFound(f"no employee '{employee_id}' in this organisation")
    ports.recognitions.choose(caller.org, employee_id, enabled)
    return {"employee_id": employee_id, "enabled": enabled}


def values(caller: Caller, ports: Ports) -> dict[str, Any]:
    """``GET /recognitions/values``: the organisation's values, for anyone in it to choose one."""
    return {"values": [value.as_dict() for value in ports.orgs.get(caller.org).values]}


PEOPLE_FOUND = 10


def people(caller: Caller, q: str | None, ports: Ports) -> dict[str, Any]:
    """``GET /recognitions/people?q=``: up to ten active people of the organisation whose name starts so (the
    people list's name index, one Query), to pick whom to recognise: their id, name and department only."""
    text = (q or "").strip()
    if len(text) < 2:
        raise InvalidInput("type at least two letters of a name", [Problem("needs at least two letters", "q")])
    search = listing.Search.of(None, None, None, text)
    page = listing.list_people(caller.org, search, None, ports.directory, PEOPLE_FOUND)
    found = [p for p in page["employees"] if p["active"] and p["id"] != caller.sub]
    return {"people": [{"id": p["id"], "name": p["name"], "department": p["department"]} for p in found]}
