"""The quarterly nudge: at each quarter's start the owners of open goals are asked, once, by one e-mail each in
their language, to confirm or adjust their goals.

Each organisation has a one-time EventBridge Scheduler schedule at 09:00 on the first day of its next quarter
(its own time zone), made when a goal is saved (once per process and quarter: a schedule that exists is
left as it is) and, when it fires, for the quarter after. Its ``QuarterStarted`` queues a ``NudgePage`` per
owner shard; a page reads up to ``PAGE_GOALS`` open goals of its shard, owner by owner (the goals' owner
index, never everyone), the owners (one BatchGetItem), claims them for the quarter (one transaction of
conditional puts: an owner nudged for it already is left out, so a page delivered twice sends nothing
twice), sends, and queues the shard's next page.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from janus.goals.goal import Goal
from janus.goals.mail import render_goals_nudge
from janus.goals.messages import NudgePage, QuarterStarted
from janus.goals.quarters import first_day, following, label, quarter_of
from janus.goals.store import OWNER_SHARDS, GoalStore
from janus.kernel.console import goals_page
from janus.kernel.mailer import Mailer
from janus.kernel.messages import Message
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import EmployeeDirectory
from janus.people.organisation_store import OrgStore

PAGE_GOALS = 300
PAGE_OWNERS = 100
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
    """What a nudge page talks to."""

    goals: GoalStore
    directory: EmployeeDirectory
    mailer: Mailer
    sender: str
    configuration_set: str | None
    public_url: Callable[[], str]
    send: Callable[[Sequence[Message]], None]  # onto the performance queue


def quarter_started(message: QuarterStarted, ports: NudgePorts, schedules: NudgeSchedules) -> None:
    """Queue a page per owner shard, and the schedule of the quarter after."""
    ports.send([NudgePage(message.org, message.quarter, shard) for shard in range(OWNER_SHARDS)])
    year, quarter = (int(part) for part in message.quarter.split("-Q"))
    schedules.ensure(message.org, first_day(year, quarter))


def _owners(goals: list[Goal], more: bool) -> tuple[dict[str, list[Goal]], bool]:
    """The page's goals by owner, in order; an owner whose goals may go on in the next page is left to it."""
    by_owner: dict[str, list[Goal]] = {}
    for goal in goals:
        by_owner.setdefault(goal.owner, []).append(goal)
    if more and len(by_owner) > 1:
        by_owner.pop(goals[-1].owner)
    if len(by_owner) > PAGE_OWNERS:
        by_owner = dict(list(by_owner.items())[:PAGE_OWNERS])
        more = True
    return by_owner, more


def nudge_page(message: NudgePage, ports: NudgePorts, now: datetime) -> int:
    """Nudge one page of owners; returns how many were sent. An e-mail that could not go is released and the
    page fails, to come back for it alone."""
    found, more = ports.goals.open_goals(message.org, message.shard, message.after, PAGE_GOALS)
    by_owner, more = _owners(found, more)
    if not by_owner:
        return 0
    people = ports.directory.get_many(message.org, by_owner)
    wanted = [owner for owner in by_owner if owner in people and people[owner].active]
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
                titles=[goal.title for goal in by_owner[owner]],
                goals_link=link,
                configuration_set=ports.configuration_set,
            )
            ports.mailer.send(mail, tags={"nudge": "goals"})
            sent += 1
        except Exception:  # the claim goes, so that the page's next delivery sends this one
            ports.goals.release_nudge(message.org, owner, message.quarter)
            failed += 1
    if failed:
        raise RuntimeError(f"{failed} of {len(claimed)} goal nudges could not be sent; the page comes back")
    if more:
        ports.send([NudgePage(message.org, message.quarter, message.shard, after=list(by_owner)[-1])])
    return sent
