"""The weekly digest: each Monday morning (the organisation's time zone) every manager who has it on gets one
e-mail, in their language, of the public recognitions their direct reports received the week before.

Each organisation has one one-time EventBridge Scheduler schedule per week, made when a public recognition is
given (once per process and week: a schedule that exists is set again to the same). Its ``DigestDue`` starts a
chain of ``DigestPage`` messages through the week's digest shards (the entries each public recognition wrote
under its recipient's manager), never reading the organisation's people: a page reads up to ``PAGE_ENTRIES``
entries of a shard, manager by manager, and queues the managers it completes in ``DigestBundle`` messages of
``BUNDLE``; the last manager of a page that is not the shard's last rides on to the next page (``carried``).
A bundle reads its managers and the people named (one BatchGetItem per 100), the choices (one BatchGetItem),
claims the managers for the week (conditional puts: a bundle delivered twice sends nothing twice) and sends.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from janus.kernel.mailer import Mailer
from janus.kernel.messages import Message
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import EmployeeDirectory
from janus.people.organisation_store import OrgStore
from janus.recognition.mail import LISTED, render_recognition_digest
from janus.recognition.messages import DigestBundle, DigestDue, DigestPage
from janus.recognition.recognition import week_of, week_start
from janus.recognition.store import DIGEST_SHARDS, RecognitionStore

PAGE_ENTRIES = 1000
BUNDLE = 25  # managers a bundle sends to: with ten recognitions each listed, well inside a 256 KB message
DIGEST_HOUR = time(8)
RECOGNITION_PAGE = "/recognition"  # the console's page; /recognitions is the API's


def schedule_name(org: str, week: str) -> str:
    name = f"recognition-digest-{re.sub(r'[^0-9A-Za-z_.-]', '.', org)}-{week}"
    return name if len(name) <= 64 else f"recognition-digest-{zlib.crc32(org.encode()):08x}-{week}"


class DigestSchedules:
    """Each organisation's schedule for the digest of the week a recognition is given in; at most one a process
    and week."""

    def __init__(self, schedules: OneTimeSchedules, queue_arn: str, orgs: OrgStore):
        self._schedules = schedules
        self._queue_arn = queue_arn
        self._orgs = orgs
        self._made: set[tuple[str, str]] = set()

    def ensure(self, org: str, today: date, time_zone: str | None = None) -> None:
        """The schedule of the week ``today`` is in; ``time_zone``, the organisation's, when the caller has read
        it already."""
        week = week_of(today)
        if (org, week) in self._made:
            return
        zone = ZoneInfo(time_zone or self._orgs.get(org).time_zone)
        when = datetime.combine(week_start(week) + timedelta(days=7), DIGEST_HOUR, zone)
        self._schedules.set(schedule_name(org, week), when, self._queue_arn, DigestDue(org, week).encode())
        self._made.add((org, week))


@dataclass(frozen=True)
class DigestPorts:
    recognitions: RecognitionStore
    directory: EmployeeDirectory
    orgs: OrgStore
    mailer: Mailer
    sender: str
    configuration_set: str | None
    public_url: Callable[[], str]
    send: Callable[[Sequence[Message]], None]


def digest_due(message: DigestDue, ports: DigestPorts) -> None:
    ports.send([DigestPage(message.org, message.week, 0)])


def _managers(entries: list[dict[str, Any]], carried: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The page's managers in order, each with their first ``LISTED`` entries and how many more; the manager
    carried from the pages before first, with what this page adds to them."""
    managers: dict[str, dict[str, Any]] = {}
    if carried:
        managers[carried["id"]] = {"id": carried["id"], "items": list(carried["items"]), "more": carried["more"]}
    for entry in entries:
        manager = managers.setdefault(entry["manager"], {"id": entry["manager"], "items": [], "more": 0})
        if len(manager["items"]) < LISTED:
            manager["items"].append({k: entry[k] for k in ("from", "recipient", "value", "message")})
        else:
            manager["more"] += 1
    return list(managers.values())


def digest_page(message: DigestPage, ports: DigestPorts) -> int:
    """Queue the bundles of the managers a page completes, then the next page; returns the managers queued. The
    page's last manager may go on in the next page: they ride on to it (carried) rather than being sent twice."""
    entries, more = ports.recognitions.digest_page(message.org, message.week, message.shard, message.after,
                                                   PAGE_ENTRIES)  # fmt: skip
    managers = _managers(entries, message.carried)
    carried = managers.pop() if more and managers else None
    queued: list[Message] = [
        DigestBundle(message.org, message.week, tuple(managers[start : start + BUNDLE]))
        for start in range(0, len(managers), BUNDLE)
    ]
    if more:
        queued.append(DigestPage(message.org, message.week, message.shard, entries[-1]["sk"], carried))
    elif message.shard + 1 < DIGEST_SHARDS:
        queued.append(DigestPage(message.org, message.week, message.shard + 1))
    if queued:
        ports.send(queued)
    return len(managers)


def digest_bundle(message: DigestBundle, ports: DigestPorts, now: datetime) -> int:
    """Send a bundle's digests; returns how many were sent. One that could not go is released and the bundle
    fails, to come back for it alone."""
    wanted = {manager["id"]: manager for manager in message.managers}
    org_on, chosen = ports.recognitions.choices(message.org, wanted)
    on = [m for m in wanted if chosen.get(m, org_on)]
    named = {p for m in on for i in wanted[m]["items"] for p in (i["from"], i["recipient"])}
    people = ports.directory.get_many(message.org, {*on, *named})
    on = [m for m in on if m in people and people[m].active]
    claimed = ports.recognitions.claim_digests(message.org, on, message.week, now)
    values = {value.id: value.name for value in ports.orgs.get(message.org).values}
    link = f"{ports.public_url()}{RECOGNITION_PAGE}"
    sent, failed = 0, 0
    for manager in (m for m in on if m in claimed):
        reader = people[manager]

        def name(person: str) -> str:
            return people[person].name if person in people else person

        items = [
            {"giver": name(i["from"]), "recipient": name(i["recipient"]),
             "value": values.get(i["value"], i["value"]), "message": i["message"]}
            for i in wanted[manager]["items"]
        ]  # fmt: skip
        try:
            mail = render_recognition_digest(
                sender=ports.sender,
                to=reader.email,
                reader_name=reader.name,
                locale=reader.locale,
                week=message.week,
                items=items,
                unlisted=int(wanted[manager].get("more", 0)),
                link=link,
                configuration_set=ports.configuration_set,
            )
            ports.mailer.send(mail, tags={"digest": "recognition"})
            sent += 1
        except Exception:
            ports.recognitions.release_digest(message.org, manager, message.week)
            failed += 1
    if failed:
        raise RuntimeError(f"{failed} of {len(claimed)} recognition digests could not be sent; the bundle comes back")
    return sent
