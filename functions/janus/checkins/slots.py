"""Cadence slots and the missed-slot nudge.

Each pair has one EventBridge Scheduler one-time schedule, named after the pair, set at its next slot when the
cadence is set and moved (set again, numbered anew) when a check-in is completed or a slot is missed. When it
fires, its ``SlotDue`` carries the slot's number: if the pair's slot has moved on since, a check-in was held
(or the firing is a second delivery) and nothing happens. Otherwise, in one transaction, the slot is counted
missed (on the pair and in its department), the next slot is set and both people are recorded as owed a nudge;
then each is claimed off that record before their e-mail goes (a duplicate delivery finds nobody owed), the
claim given back if the e-mail fails so that the message's retry sends it. No sweep reads every pair.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from janus.checkins.checkin import after
from janus.checkins.mail import render_missed_check_in
from janus.checkins.messages import SlotDue
from janus.checkins.store import CheckInStore, Pair
from janus.kernel.console import my_check_ins_page, team_check_ins_page
from janus.kernel.mailer import Mailer
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import EmployeeDirectory


def schedule_name(org: str, employee_id: str) -> str:
    """The pair's schedule (letters, digits, "-", "_" and "."; 64 at most)."""
    name = f"checkins-{org}-{employee_id}"
    if len(name) <= 64 and re.fullmatch(r"[0-9A-Za-z_.-]+", name):
        return name
    return f"checkins-{hashlib.sha256(f'{org}/{employee_id}'.encode()).hexdigest()[:40]}"


class SlotSchedules:
    """Each pair's one schedule, pointed at its current slot."""

    def __init__(self, schedules: OneTimeSchedules, queue_arn: str):
        self._schedules = schedules
        self._queue_arn = queue_arn

    def set(self, org: str, employee_id: str, slot: int, when: datetime) -> None:
        message = SlotDue(org=org, employee_id=employee_id, slot=slot, due=when.isoformat())
        self._schedules.set(schedule_name(org, employee_id), when, self._queue_arn, message.encode())


@dataclass(frozen=True)
class SlotPorts:
    checkins: CheckInStore
    directory: EmployeeDirectory
    mailer: Mailer
    sender: str
    configuration_set: str | None
    public_url: Callable[[], str]
    schedule: Callable[[str, str, int, datetime], None]  # (org, employee, slot, when)


def _next(pair: Pair, now: datetime) -> datetime:
    due = pair.next_due or now
    following = after(pair.cadence or "weekly", due)
    return following if following > now else after(pair.cadence or "weekly", now)


def slot_due(message: SlotDue, ports: SlotPorts, now: datetime) -> int:
    """Count the slot missed and nudge both people, once; returns the e-mails sent."""
    pair = ports.checkins.pair(message.org, message.employee_id)
    if pair is None:
        return 0
    if pair.slot == message.slot:
        if not pair.cadence or pair.next_due is None:
            return 0
        following = _next(pair, now)
        owed = frozenset({pair.employee_id, pair.manager_id})
        if ports.checkins.miss(pair, following, owed):
            ports.schedule(pair.org, pair.employee_id, pair.slot + 1, following)
            pair = replace(pair, slot=pair.slot + 1, next_due=following, owed=owed, owed_slot=pair.slot)
        else:  # moved meanwhile: held, or missed by a delivery at the same moment
            pair = ports.checkins.pair(message.org, message.employee_id)
            if pair is None:
                return 0
    elif pair.owed_slot == message.slot and pair.slot == message.slot + 1 and pair.next_due:
        # A second delivery after a missed slot: the next schedule may not have been set the first time.
        ports.schedule(pair.org, pair.employee_id, pair.slot, pair.next_due)
    if pair.owed_slot != message.slot or not pair.owed:
        return 0
    return _nudge(pair, message.slot, datetime.fromisoformat(message.due), ports)


def _nudge(pair: Pair, slot: int, due: datetime, ports: SlotPorts) -> int:
    people = ports.directory.get_many(pair.org, {pair.employee_id, pair.manager_id})
    base = ports.public_url()
    sent, failed = 0, 0
    for person_id in sorted(pair.owed):
        other_id = pair.manager_id if person_id == pair.employee_id else pair.employee_id
        person, other = people.get(person_id), people.get(other_id)
        if not ports.checkins.claim_owed(pair.org, pair.employee_id, slot, person_id):
            continue
        if person is None or not person.active:
            continue  # left, or gone from the directory: the claim stays, nothing to send
        page = my_check_ins_page() if person_id == pair.employee_id else team_check_ins_page()
        try:
            mail = render_missed_check_in(
                sender=ports.sender,
                to=person.email,
                reader_name=person.name,
                other_name=other.name if other else other_id,
                locale=person.locale,
                due=due,
                link=f"{base}{page}",
                configuration_set=ports.configuration_set,
            )
            ports.mailer.send(mail, tags={"nudge": "checkins"})
            sent += 1
        except Exception:  # owed again, so that the message's next delivery sends this one
            ports.checkins.release_owed(pair.org, pair.employee_id, slot, person_id)
            failed += 1
    if failed:
        raise RuntimeError(f"{failed} missed check-in nudge(s) could not be sent; the message comes back")
    return sent
