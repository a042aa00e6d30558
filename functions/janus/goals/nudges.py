"""The quarterly nudge: at each quarter's start the owners of open goals are asked, once, by one e-mail each in
their language, to confirm or adjust their goals.

Each organisation has a one-time EventBridge Scheduler schedule at 09:00 on the first day of its next quarter
(its own time zone), made when a goal is saved (once per process and quarter: a schedule that exists is
left as it is) and, when it fires, for the quarter after. Its ``QuarterStarted`` starts one chain of
``NudgePage`` messages through the owner shards of the goals' owner index, never reading everyone at once:
a page reads up to ``PAGE_GOALS`` open goals of a shard, owner by owner, and queues the owners it completes
in ``NudgeBundle`` messages of ``BUNDLE`` owners with their goals' titles; owners that do not fill a bundle
ride on to the next page (the shard's next, or the next shard's first), and the last page queues what is left.
A bundle reads its owners (one BatchGetItem), claims them for the quarter (one transaction of conditional
puts: an owner nudged for it already is left out, so a bundle delivered twice sends nothing twice) and sends.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from janus.goals.goal import Goal
from janus.goals.mail import LISTED, render_goals_nudge
from janus.goals.messages import NudgeBundle, NudgePage, QuarterStarted
from janus.goals.quarters import first_day, following, label, quarter_of
from janus.goals.store import OWNER_SHARDS, GoalStore
from janus.kernel.console import goals_page
from janus.kernel.mailer import Mailer
from janus.kernel.messages import Message
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import EmployeeDirectory
from janus.people.organisation_store import OrgStore

PAGE_GOALS = 1000  # a Query page of open goals (DynamoDB stops at 1 MB first if the goals are large)
BUNDLE = 100  # owners a bundle reads with one BatchGetItem and claims with one transaction
BUNDLE_BYTES = 200_000  # a queue message holds 256 KB; titles are at most 200 characters, 10 an owner listed
NUDGE_HOUR = time(9)


def schedule_name(org: str, quarter: str) -> str:
    # Schedule names take letters, digits, "-", "_" and "." (64 at most).
    name = f"goals-nudge-{re.sub(r'[^0-9A-Za-z_.-]', '.', org)}-{quarter}"
    return name if len(name) <= 64 else f"goals-nudge-{zlib.crc32(org.encode()):08x}-{quarter}"


class NudgeSchedules:
    """Each organisation's schedule for its next quarter's nudge; made at most once per process and quarter."""

    def __init__(self, schedules: OneTimeSchedules, queue_arn: str, orgs: OrgStore):
        self._schedules = schedules
        self._queue_arn = queue_arn
        self._orgs = orgs
        self._made: set[tuple[str, str]] = set()

    def ensure(self, org: str, today: date) -> None:
        """The schedule of the quarter after the one ``today`` is in."""
        year, quarter = following(*quarter_of(today))
        name = label(year, quarter)
        if (org, name) in self._made:
            return
        zone = ZoneInfo(self._orgs.get(org).time_zone)
        when = datetime.combine(first_day(year, quarter), NUDGE_HOUR, zone)
        self._schedules.set(schedule_name(org, name), when, self._queue_arn, QuarterStarted(org, name).encode())
        self._made.add((org, name))


@dataclass(frozen=True)
class NudgePorts:
    """What the nudge's pages and bundles talk to."""

    goals: GoalStore
    directory: EmployeeDirectory
    mailer: Mailer
    sender: str
    configuration_set: str | None
    public_url: Callable[[], str]
    send: Callable[[Sequence[Message]], None]  # onto the performance queue


def quarter_started(message: QuarterStarted, ports: NudgePorts, schedules: NudgeSchedules) -> None:
    """Start the chain of pages at the first shard, and schedule the quarter after."""
    ports.send([NudgePage(message.org, message.quarter, 0)])
    year, quarter = (int(part) for part in message.quarter.split("-Q"))
    schedules.ensure(message.org, first_day(year, quarter))


def _owners(goals: list[Goal], more: bool) -> list[dict[str, Any]]:
    """The owners a page completes, each with the titles of their open goals (``LISTED`` of them, and how many
    more); an owner whose goals may go on in the next page is left to it, unless they are all the page holds."""
    by_owner: dict[str, list[str]] = {}
    for goal in goals:
        by_owner.setdefault(goal.owner, []).append(goal.title)
    if more and len(by_owner) > 1:
        by_owner.pop(goals[-1].owner)
    return [
        {"id": owner, "titles": titles[:LISTED], "more": len(titles[LISTED:])} for owner, titles in by_owner.items()
    ]


def _bundles(owners: list[dict[str, Any]], org: str, quarter: str) -> tuple[list[NudgeBundle], list[dict[str, Any]]]:
    """Full bundles of the owners, and the owners left over."""
    bundles: list[NudgeBundle] = []
    current: list[dict[str, Any]] = []
    size = 0
    for owner in owners:
        weight = len(json.dumps(owner).encode())
        if current and (len(current) == BUNDLE or size + weight > BUNDLE_BYTES):
            bundles.append(NudgeBundle(org, quarter, tuple(current)))
            current, size = [], 0
        current.append(owner)
        size += weight
    if len(current) == BUNDLE:
        bundles.append(NudgeBundle(org, quarter, tuple(current)))
        current = []
    return bundles, current


def nudge_page(message: NudgePage, ports: NudgePorts) -> int:
    """Read one page of a shard's open goals and queue the full bundles of owners, then the next page (carrying
    the owners of a partly filled bundle), or after the last shard the bundle that is left. Returns the owners
    queued."""
    found, more = ports.goals.open_goals(message.org, message.shard, message.after, PAGE_GOALS)
    read = _owners(found, more)
    after = read[-1]["id"] if read else message.after
    bundles, left = _bundles([*message.carried, *read], message.org, message.quarter)
    queued: list[Message] = list(bundles)
    if more:
        queued.append(NudgePage(message.org, message.quarter, message.shard, after, tuple(left)))
    elif message.shard + 1 < OWNER_SHARDS:
        queued.append(NudgePage(message.org, message.quarter, message.shard + 1, None, tuple(left)))
    elif left:
        queued.append(NudgeBundle(message.org, message.quarter, tuple(left)))
    if queued:
        ports.send(queued)
    return sum(len(bundle.owners) for bundle in queued if isinstance(bundle, NudgeBundle))


def nudge_bundle(message: NudgeBundle, ports: NudgePorts, now: datetime) -> int:
    """Nudge a bundle's owners; returns how many were sent. An e-mail that could not go is released and the
    bundle fails, to come back for it alone."""
    owners = {owner["id"]: owner for owner in message.owners}
    people = ports.directory.get_many(message.org, owners)
    wanted = [owner for owner in owners if owner in people and people[owner].active]
    claimed = ports.goals.claim_nudges(message.org, wanted, message.quarter, now)
    link = f"{ports.public_url()}{goals_page()}"
    sent, failed = 0, 0
    for owner in (owner for owner in wanted if owner in claimed):
        person = people[owner]
        try:
            mail = render_goals_nudge(
                sender=ports.sender,
                to=person.email,
                reader_name=person.name,
                locale=person.locale,
                quarter=message.quarter,
                titles=owners[owner]["titles"],
                unlisted=int(owners[owner].get("more", 0)),
                goals_link=link,
                configuration_set=ports.configuration_set,
            )
            ports.mailer.send(mail, tags={"nudge": "goals"})
            sent += 1
        except Exception:  # the claim goes, so that the bundle's next delivery sends this one
            ports.goals.release_nudge(message.org, owner, message.quarter)
            failed += 1
    if failed:
        raise RuntimeError(f"{failed} of {len(claimed)} goal nudges could not be sent; the bundle comes back")
    return sent
