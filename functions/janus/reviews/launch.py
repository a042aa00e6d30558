"""A review cycle's queue work: the launch's pages and e-mail bundles, and its reminders.

Launch: one page per shard of everyone (a Query page of the people's shard index, a hundred at a time, each page
queuing the next) or per hundred of a selection; each page creates its people's reviews (conditional puts: a
page delivered twice creates nothing twice) and queues one e-mail bundle naming them. A bundle claims each
review's launch e-mail before sending it (a bundle delivered twice sends nothing twice), then e-mails the
employee and the manager a link to the review in the console.

Reminders: one schedule per review cycle, at its next slot (7, 3 and 1 days before the deadline, 09:00 in the
organisation's time zone). When it fires, one page per shard of each owing index (self parts by employee,
manager parts by manager) is queued and the next slot scheduled; a page bundles each person's owed parts into
one e-mail, claimed per person and slot so that a page delivered twice reminds nobody twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from janus.kernel.console import review_page
from janus.kernel.mailer import Mailer
from janus.kernel.messages import Message
from janus.kernel.observability import log_failure
from janus.kernel.schedules import OneTimeSchedules
from janus.people.employees import Employee
from janus.reviews.gather import profile_of
from janus.reviews.mail import render_review_mail
from janus.reviews.messages import ReviewLaunchPage, ReviewMailBundle, ReviewReminderDue, ReviewReminderPage
from janus.reviews.model import Review, ReviewCycle, review_id
from janus.reviews.store import SHARDS, ReviewStore

LAUNCH_PAGE = 99  # a transaction of their reviews and their count
REMIND_PAGE = 100
SLOTS = (7, 3, 1)  # days before the deadline, as the 360 round's default policy
REMIND_AT = time(9, 0)
LAUNCH_MAIL = "launch"


@dataclass(frozen=True)
class WorkPorts:
    reviews: ReviewStore
    directory: object  # DynamoEmployeeDirectory: get_many, shard_page
    mailer: Mailer
    sender: str
    configuration_set: str | None
    public_url: Callable[[], str]
    send: Callable[[list[Message]], None]


# ---------------------------------------------------------------------------- launch


def _review(cycle: ReviewCycle, person: Employee) -> Review:
    return Review(
        id=review_id(cycle.id, person.id),
        org=cycle.org,
        cycle_id=cycle.id,
        kind=cycle.kind,
        employee_id=person.id,
        employee_name=person.name,
        manager_id=person.manager_id,
        department=person.department,
        job_class=person.job_class,
        competencies=profile_of(person.job_class)[:10],
        rating_scale=cycle.rating_scale,
        deadline=cycle.deadline,
        time_zone=cycle.time_zone,
        created_at=cycle.launched_at or cycle.created_at,
    )


def launch_page(message: ReviewLaunchPage, ports: WorkPorts) -> int:
    """Create one page's reviews and queue their e-mails (and the next page); returns how many were new."""
    cycle = ports.reviews.get_cycle(message.org, message.cycle_id)
    if cycle is None or cycle.state != "open":
        return 0
    after: str | None = None
    if message.ids is not None:
        people = list(ports.directory.get_many(message.org, message.ids).values())  # type: ignore[attr-defined]
    else:
        people, after = ports.directory.shard_page(message.org, message.shard, message.after, LAUNCH_PAGE)  # type: ignore[attr-defined]
    reviews = [_review(cycle, person) for person in sorted(people, key=lambda p: p.id) if person.active]
    created = ports.reviews.create_reviews(reviews)
    follow: list[Message] = []
    if reviews:
        lines = tuple({"id": r.id, "employee_id": r.employee_id, "manager_id": r.manager_id} for r in reviews)
        follow.append(ReviewMailBundle(org=cycle.org, cycle_id=cycle.id, reviews=lines))
    if after is not None:
        follow.append(ReviewLaunchPage(org=cycle.org, cycle_id=cycle.id, shard=message.shard, after=after))
    if follow:
        ports.send(follow)
    return len(created)


def mail_bundle(message: ReviewMailBundle, ports: WorkPorts) -> int:
    """E-mail the employee and the manager of each review named whose launch e-mail is not sent yet."""
    cycle = ports.reviews.get_cycle(message.org, message.cycle_id)
    if cycle is None or cycle.state != "open":
        return 0
    claimed = ports.reviews.claim_mail(message.org, [line["id"] for line in message.reviews], LAUNCH_MAIL)
    if not claimed:
        return 0
    reviews = [line for line in message.reviews if line["id"] in claimed]
    people = ports.directory.get_many(  # type: ignore[attr-defined]
        message.org, {r["employee_id"] for r in reviews} | {r["manager_id"] for r in reviews if r["manager_id"]}
    )
    base = ports.public_url()
    sent = 0
    failed: Exception | None = None
    for review in reviews:
        try:
            link = f"{base}{review_page(review['id'])}"
            employee = people.get(review["employee_id"])
            manager = people.get(review["manager_id"]) if review["manager_id"] else None
            for reader, what in ((employee, "employee"), (manager, "manager")):
                if reader is None or not reader.active:
                    continue
                mail = render_review_mail(
                    sender=ports.sender, to=reader.email, reader_name=reader.name, locale=reader.locale, what=what,
                    kind=cycle.kind, cycle_name=cycle.name, deadline=cycle.deadline,
                    time_zone=reader.time_zone or cycle.time_zone, link=link,
                    employee_name=employee.name if employee else "",
                    configuration_set=ports.configuration_set,
                )  # fmt: skip
                ports.mailer.send(mail, tags={"review_cycle": cycle.id})
                sent += 1
        except Exception as error:  # the claim goes back, so that the bundle's next delivery sends it
            log_failure("review e-mail failed", error)
            ports.reviews.release_mail(message.org, review["id"], LAUNCH_MAIL)
            failed = error
    if failed is not None:
        raise failed
    return sent


# ---------------------------------------------------------------------------- reminders


def slots_of(cycle: ReviewCycle) -> list[tuple[str, datetime]]:
    """The cycle's reminder slots: (name, when), earliest first."""
    zone = ZoneInfo(cycle.time_zone)
    last_day = cycle.deadline.astimezone(zone).date()
    return [
        (f"{days}d", datetime.combine(last_day - timedelta(days=days), REMIND_AT, tzinfo=zone))
        for days in sorted(SLOTS, reverse=True)
    ]


def next_slot(cycle: ReviewCycle, now: datetime) -> tuple[str, datetime] | None:
    return next(((name, when) for name, when in slots_of(cycle) if when > now), None)


class ReminderSchedule:
    """One schedule per review cycle, at its next reminder slot, to the performance queue."""

    def __init__(self, schedules: OneTimeSchedules, queue_arn: str, now: Callable[[], datetime]):
        self._schedules = schedules
        self._queue_arn = queue_arn
        self._now = now

    @staticmethod
    def name(cycle_id: str) -> str:
        return "review-remind-" + re.sub(r"[^0-9A-Za-z_.-]", ".", cycle_id)[:48]

    def __call__(self, cycle: ReviewCycle) -> None:
        """Schedule the cycle's next slot while it is open; clear its schedule once it is not (closed early)."""
        slot = next_slot(cycle, self._now())
        if slot is None or cycle.state != "open":
            if cycle.state != "open":
                self._schedules.clear(self.name(cycle.id))
            return
        due = ReviewReminderDue(org=cycle.org, cycle_id=cycle.id, slot=slot[0])
        self._schedules.set(self.name(cycle.id), slot[1], self._queue_arn, due.encode())


def reminder_due(message: ReviewReminderDue, ports: WorkPorts, schedule: Callable[[ReviewCycle], None]) -> int:
    """Queue a page of each shard of each owing index, and schedule the next slot."""
    cycle = ports.reviews.get_cycle(message.org, message.cycle_id)
    if cycle is None or cycle.state != "open":
        return 0
    pages: list[Message] = [
        ReviewReminderPage(org=cycle.org, cycle_id=cycle.id, slot=message.slot, part=part, shard=shard)
        for part in ("SELF", "MGR")
        for shard in range(SHARDS)
    ]
    ports.send(pages)
    schedule(cycle)
    return len(pages)


def reminder_page(message: ReviewReminderPage, ports: WorkPorts, now: datetime) -> int:
    """Remind one page's people of the parts they owe, one e-mail each listing them all; queue the next page."""
    cycle = ports.reviews.get_cycle(message.org, message.cycle_id)
    if cycle is None or cycle.state != "open":
        return 0
    owing, more = ports.reviews.owing(message.org, cycle.id, message.part, message.shard, message.after, REMIND_PAGE)
    manager = message.part == "MGR"
    by_person: dict[str, list[Review]] = {}
    for review in owing:
        person = review.manager_id if manager else review.employee_id
        by_person.setdefault(person or "", []).append(review)
    if more and len(by_person) > 1:  # a person cut by the page is reminded whole by the next one
        by_person.pop(list(by_person)[-1])
    last = list(by_person)[-1] if by_person else None
    if more and last is not None:
        ports.send([ReviewReminderPage(org=cycle.org, cycle_id=cycle.id, slot=message.slot, part=message.part,
                                       shard=message.shard, after=last)])  # fmt: skip
    claimed = ports.reviews.claim_reminders(
        message.org, cycle.id, [f"{message.part}#{p}" for p in by_person], message.slot, now
    )
    people = ports.directory.get_many(message.org, [c.partition("#")[2] for c in claimed])  # type: ignore[attr-defined]
    base = ports.public_url()
    sent = 0
    for key in sorted(claimed):
        person_id = key.partition("#")[2]
        reader = people.get(person_id)
        if reader is None or not reader.active:
            continue
        reviews = by_person[person_id]
        link = f"{base}{review_page(reviews[0].id) if len(reviews) == 1 else review_page(None)}"
        try:
            mail = render_review_mail(
                sender=ports.sender, to=reader.email, reader_name=reader.name, locale=reader.locale, what="remind",
                kind=cycle.kind, cycle_name=cycle.name, deadline=cycle.deadline,
                time_zone=reader.time_zone or cycle.time_zone, link=link,
                owed=[("manager" if manager else "self", r.employee_name) for r in reviews],
                configuration_set=ports.configuration_set,
            )  # fmt: skip
            ports.mailer.send(mail, tags={"review_cycle": cycle.id})
            sent += 1
        except Exception:
            ports.reviews.release_reminder(message.org, cycle.id, key, message.slot)
            raise
    return sent
