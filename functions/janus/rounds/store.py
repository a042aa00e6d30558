"""Cycles, subjects, raters, assignments and progress on DynamoDB.

Reads are Query or BatchGet on designed keys, writes are BatchWriteItem groups
of 25, TransactWriteItems of up to 100 or single conditional updates; conditions
turn races into domain answers.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pynamodb.attributes import MapAttribute
from pynamodb.constants import ALL_OLD
from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.expressions.condition import size
from pynamodb.transactions import TransactWrite

from janus.kernel import clock
from janus.people.employees import Employee
from janus.people.store import employee_key, employee_of
from janus.rounds.cycle import Cycle, CycleConfig, NewCycle
from janus.rounds.links import Locator, new_nonce
from janus.rounds.nominations import Nominee
from janus.store import ConditionFailed, cancellation_codes, commit, condition_failed, get_items, write_all, write_each
from janus.store.items import (
    FANOUT_SHARDS,
    PROGRESS_SHARDS,
    AssignmentItem,
    CycleItem,
    EmployeeItem,
    ProgressItem,
    RaterItem,
    SubjectItem,
)

if TYPE_CHECKING:
    from janus.people.organisation import OrgSettings

COUNTERS = ("assignments", "invited", "in_progress", "submitted", "declined", "undeliverable")


class LinkWriteRefused(Exception):
    """A write through a rater's link found things otherwise than it assumed.

    ``assignment`` is the assignment as it was (None when there is none): DynamoDB returns the
    refused item with the cancellation, so that costs no read. ``cycle_state`` is "open" when the
    cycle was, else read afresh (None when there is no cycle).
    """

    def __init__(self, assignment: Assignment | None, cycle_state: str | None):
        super().__init__("the write through the link was refused")
        self.assignment = assignment
        self.cycle_state = cycle_state


def shard(*parts: str, shards: int = FANOUT_SHARDS) -> int:
    return zlib.crc32("/".join(parts).encode()) % shards


def _cycle_key(org: str, cycle_id: str) -> tuple[str, str]:
    return f"ORG#{org}#CYCLE#{cycle_id}", "CYCLE"


def subject_pk(org: str, cycle_id: str, subject_id: str) -> str:
    """The partition of a subject: its item, its assignments and, in cycles reported before the
    subject kept its report's digest, its report record."""
    return f"ORG#{org}#CYCLE#{cycle_id}#SUBJ#{subject_id}"


def _asked_pk(org: str, cycle_id: str, shard_number: int) -> str:
    """The GSI1 partition of a shard's raters' assignments: the same shards as the rater items'
    (GSI2), sorted by rater, then subject."""
    return f"ORG#{org}#CYCLE#{cycle_id}#ASKED#{shard_number}"


def _responses_pk(org: str, cycle_id: str, subject_id: str, shards: int) -> str:
    """The GSI2 partition of a subject's submitted responses: its shard, the same as the subject items'."""
    return f"ORG#{org}#CYCLE#{cycle_id}#RESPONSES#{shard(subject_id, shards=shards)}"


def _responses_key(org: str, cycle_id: str, subject_id: str, rater_id: str, shards: int) -> tuple[str, str]:
    """The GSI2 key of a submitted response, sorted by subject, then rater."""
    return _responses_pk(org, cycle_id, subject_id, shards), f"{subject_id}#{rater_id}"


# An assignment no longer open leaves its rater's shard (GSI1): invitations and reminders read
# only the open ones, not the answers of those submitted.
_CLOSED = (AssignmentItem.GSI1PK.remove(), AssignmentItem.GSI1SK.remove())


def _submitted(org: str, cycle_id: str, subject_id: str, rater_id: str, now: datetime) -> list[Any]:
    """What a submit sets besides the answers: the time, and the response's place in the index the
    reports read (the key written at launch; an assignment older than that key is in one of 16)."""
    older, sk = _responses_key(org, cycle_id, subject_id, rater_id, FANOUT_SHARDS)
    return [
        AssignmentItem.status.set("submitted"),
        AssignmentItem.submitted_at.set(now),
        AssignmentItem.GSI2PK.set(AssignmentItem.responses_key | older),
        AssignmentItem.GSI2SK.set(sk),
        *_CLOSED,
    ]


def _rater_key(org: str, cycle_id: str, rater_id: str) -> tuple[str, str]:
    return f"ORG#{org}#CYCLE#{cycle_id}#RATER#{rater_id}", "RATER"


@dataclass(frozen=True)
class Subject:
    """A subject of a cycle as stored: their raters (with proposals and shortfalls), competencies, and what their
    report needs."""

    org: str
    cycle_id: str
    employee_id: str
    name: str
    manager_id: str | None
    competencies: tuple[str, ...]
    raters: tuple[Nominee, ...]
    proposals: tuple[dict[str, str], ...]
    shortfalls: tuple[dict[str, Any], ...]
    derived: bool
    department: str | None = None  # as at the cycle's creation (None in cycles created before it was kept)
    locale: str | None = None
    shards: int = FANOUT_SHARDS  # the cycle's
    report_digest: str | None = None  # the content of the report last announced (ReportReady), once built


@dataclass(frozen=True)
class Assignment:
    """One rater's form about one subject: its status and answers."""

    org: str
    cycle_id: str
    subject_id: str
    rater_id: str
    relationship: str
    status: str
    competencies: tuple[str, ...]
    ratings: dict[str, Any]
    comments: dict[str, str]
    overall: str | None
    submitted_at: datetime | None
    reminder_count: int = 0
    link_nonce: str = ""  # set when stored; a new one voids the links made for the old (janus.rounds.links)
    subject_name: str | None = None  # as at launch, for the rater's e-mails


@dataclass(frozen=True)
class Rater:
    """A rater of a cycle: their load, when they were invited, and whether their address bounced."""

    employee_id: str
    load: int
    invited_at: datetime | None
    undeliverable_at: datetime | None
    time_zone: str | None = None


def _rater(item: RaterItem) -> Rater:
    return Rater(item.employee_id, int(item.load), item.invited_at, item.undeliverable_at, item.time_zone)


def _cycle(item: CycleItem) -> Cycle:
    return Cycle(
        org=item.org,
        id=item.cycle_id,
        name=item.name,
        kind=item.kind,
        state=item.state,
        deadline=item.deadline,
        config=CycleConfig.from_dict(item.config),
        created_at=item.created_at,
        subject_count=int(item.subject_count),
        nominations_pending=int(item.nominations_pending),
        short_subjects=int(item.short_subjects),
        launch_pending=int(item.launch_pending),
        report_pending=int(item.report_pending or 0),
        launched_at=item.launched_at,
        closed_at=item.closed_at,
        released_at=item.released_at,
        time_zones=tuple(item.time_zones or ()),
        shards=int(item.fanout_shards or FANOUT_SHARDS),
    )


def _subject(item: SubjectItem) -> Subject:
    return Subject(
        org=item.org,
        cycle_id=item.cycle_id,
        employee_id=item.employee_id,
        name=item.name,
        manager_id=item.manager_id,
        competencies=tuple(item.competencies),
        raters=tuple(Nominee.from_dict(r) for r in item.raters or []),
        proposals=tuple(item.proposals or []),
        shortfalls=tuple(item.shortfalls or []),
        derived=item.derived_at is not None,
        department=item.department,
        locale=item.locale,
        shards=int(item.fanout_shards or FANOUT_SHARDS),
        report_digest=item.report_digest,
    )


def _people(found: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Employee]:
    employees = (employee_of(EmployeeItem.from_raw_data(raw)) for (_, sk), raw in found.items() if sk == "EMPLOYEE")
    return {employee.id: employee for employee in employees}


def _plain(value: Any) -> dict[str, Any]:
    return value.as_dict() if isinstance(value, MapAttribute) else dict(value or {})


def _assignment(item: AssignmentItem) -> Assignment:
    return Assignment(
        org=item.org,
        cycle_id=item.cycle_id,
        subject_id=item.subject_id,
        rater_id=item.rater_id,
        relationship=item.relationship,
        status=item.status,
        competencies=tuple(item.competencies),
        ratings=_plain(item.ratings),
        comments=_plain(item.comments),
        overall=item.overall,
        submitted_at=item.submitted_at,
        reminder_count=int(item.reminder_count or 0),
        link_nonce=item.link_nonce or "",
        subject_name=item.subject_name,
    )


def _counter_actions(counters: dict[str, int]) -> list[Any]:
    """Additions to a progress counter shard (a zero is no change)."""
    return [getattr(ProgressItem, name).add(delta) for name, delta in counters.items() if delta]


def _update_each(updates: dict[str, tuple[Any, list[Any], Any]]) -> dict[str, dict[str, Any] | None]:
    """Conditional updates, {id: (item, actions, condition)}, in one TransactWriteItems; those whose
    condition fails are left out and the rest tried again. Returns the refused, each with the item
    as it was (None when there was none)."""

    def update(item: Any, actions: list[Any], condition: Any) -> Callable[[TransactWrite], None]:
        return lambda transaction: transaction.update(item, actions=actions, condition=condition, return_values=ALL_OLD)

    return write_each({key: update(*parts) for key, parts in updates.items()})


def _put_all(items: Sequence[Any]) -> None:
    """New items, in TransactWriteItems of up to 100 puts (``write_all``)."""
    write_all([lambda transaction, item=item: transaction.save(item) for item in items])


class CycleStore:
    # ------------------------------------------------------------------ cycles
    def create(
        self,
        org: str,
        cycle_id: str,
        new: NewCycle,
        subjects: Sequence[Subject],
        loads: dict[str, int],
        time_zones: Sequence[str] = (),
        shards: int = FANOUT_SHARDS,
    ) -> Cycle:
        """The cycle, its derived subjects and its raters' loads; the cycle item last, so that a
        cycle that can be read is whole.

        The subjects and the loads go in TransactWriteItems of up to 100 puts: a quarter of the
        requests of BatchWriteItem groups of 25, at twice the write units (a transactional write
        costs two a KB, a batch write one), which a cycle's creation, once a round, can afford.
        A create that fails midway leaves whole groups of subjects and loads under a cycle id that
        no cycle item names and nobody was given: nothing reads them, and HR's retry creates the
        cycle anew under a new id.
        """
        now = clock.now()
        pk, sk = _cycle_key(org, cycle_id)
        item = CycleItem(
            pk,
            sk,
            GSI1PK=f"ORG#{org}#CYCLES",
            GSI1SK=f"{now.isoformat()}#{cycle_id}",
            org=org,
            cycle_id=cycle_id,
            name=new.name,
            kind=new.kind,
            state="draft",
            deadline=new.deadline,
            config=new.config.as_dict(),
            subject_count=len(subjects),
            nominations_pending=0,
            short_subjects=sum(1 for subject in subjects if subject.shortfalls),
            launch_pending=0,
            created_at=now,
            time_zones=sorted(set(time_zones)),
            fanout_shards=shards,
        )
        _put_all([*(self._subject_item(subject) for subject in subjects), *self._loads(org, cycle_id, loads, shards)])
        item.save(condition=CycleItem.PK.does_not_exist())
        return _cycle(item)

    def get(self, org: str, cycle_id: str) -> Cycle | None:
        try:
            return _cycle(CycleItem.get(*_cycle_key(org, cycle_id)))
        except DoesNotExist:
            return None

    def latest(self, org: str, limit: int = 100) -> list[Cycle]:
        items = CycleItem.by_org.query(f"ORG#{org}#CYCLES", scan_index_forward=False, limit=limit)
        return [_cycle(item) for item in items]

    def transition(
        self,
        org: str,
        cycle_id: str,
        from_states: Iterable[str],
        to_state: str,
        *,
        require_ready: bool = False,
        deadline: datetime | None = None,
        launch_pending: int | None = None,
        report_pending: int = FANOUT_SHARDS,
    ) -> Cycle:
        """Move the cycle to ``to_state`` if it is in one of ``from_states`` (atomically); a launch and
        a close set how many shards' jobs are still to come."""
        now = clock.now()
        actions: list[Any] = [CycleItem.state.set(to_state)]
        condition = CycleItem.state.is_in(*from_states)
        if require_ready:
            condition &= (CycleItem.nominations_pending == 0) & (CycleItem.short_subjects == 0)
        if to_state == "open" and launch_pending is not None:
            actions += [CycleItem.launched_at.set(now), CycleItem.launch_pending.set(launch_pending)]
        if to_state == "closed":
            actions += [CycleItem.closed_at.set(now), CycleItem.report_pending.set(report_pending)]
        if to_state == "released":
            actions.append(CycleItem.released_at.set(now))
        if deadline is not None:
            actions.append(CycleItem.deadline.set(deadline))
        item = CycleItem(*_cycle_key(org, cycle_id))
        try:
            item.update(actions=actions, condition=condition & CycleItem.PK.exists())
        except UpdateError as error:
            if condition_failed(error):
                raise ConditionFailed from error
            raise
        return _cycle(item)

    def count_job(self, org: str, cycle_id: str, counter: str, job_id: str) -> int:
        """Count a finished fan-out job once, however often it is delivered; returns what is still pending."""
        actions = [getattr(CycleItem, counter).add(-1), CycleItem.done_jobs.add({job_id})]
        item = CycleItem(*_cycle_key(org, cycle_id))
        try:
            item.update(actions=actions, condition=~CycleItem.done_jobs.contains(job_id))
        except UpdateError as error:
            if condition_failed(error):
                return -1  # already counted
            raise
        return int(getattr(item, counter))

    def add_short(self, org: str, cycle_id: str, delta: int) -> None:
        if delta:
            CycleItem(*_cycle_key(org, cycle_id)).update(actions=[CycleItem.short_subjects.add(delta)])

    # ------------------------------------------------------------------ subjects
    def _subject_item(self, subject: Subject) -> SubjectItem:
        org, cycle_id, employee_id = subject.org, subject.cycle_id, subject.employee_id
        short = bool(subject.shortfalls)
        return SubjectItem(
            subject_pk(org, cycle_id, employee_id),
            "SUBJECT",
            GSI1PK=f"ORG#{org}#CYCLE#{cycle_id}#SHORT" if short else None,
            GSI1SK=employee_id if short else None,
            GSI2PK=f"ORG#{org}#CYCLE#{cycle_id}#SUBJECTS#{shard(employee_id, shards=subject.shards)}",
            GSI2SK=employee_id,
            org=org,
            cycle_id=cycle_id,
            employee_id=employee_id,
            name=subject.name,
            manager_id=subject.manager_id,
            competencies=list(subject.competencies),
            raters=[r.as_dict() for r in subject.raters],
            proposals=list(subject.proposals),
            shortfalls=list(subject.shortfalls),
            derived_at=clock.now() if subject.derived else None,
            department=subject.department,
            locale=subject.locale,
            fanout_shards=subject.shards,
            report_digest=subject.report_digest,
        )

    def get_subject(self, org: str, cycle_id: str, subject_id: str) -> Subject | None:
        try:
            return _subject(SubjectItem.get(subject_pk(org, cycle_id, subject_id), "SUBJECT"))
        except DoesNotExist:
            return None

    def get_subjects(self, org: str, cycle_id: str, subject_ids: Iterable[str]) -> list[Subject]:
        keys = [(subject_pk(org, cycle_id, s), "SUBJECT") for s in sorted(set(subject_ids))]
        return [_subject(item) for item in SubjectItem.batch_get(keys)] if keys else []

    def save_subject(self, subject: Subject) -> None:
        """Store one subject's raters (an edit by HR, a proposal, a decision)."""
        self._subject_item(subject).save()

    def short_subjects(self, org: str, cycle_id: str, limit: int = 50) -> list[Subject]:
        return [_subject(i) for i in SubjectItem.by_short.query(f"ORG#{org}#CYCLE#{cycle_id}#SHORT", limit=limit)]

    def subjects_page(
        self, org: str, cycle_id: str, shard_number: int, start: dict[str, Any] | None, limit: int
    ) -> tuple[list[Subject], dict[str, Any] | None]:
        result = SubjectItem.by_shard.query(
            f"ORG#{org}#CYCLE#{cycle_id}#SUBJECTS#{shard_number}", limit=limit, last_evaluated_key=start
        )
        items = [_subject(item) for item in result]
        return items, result.last_evaluated_key

    # ------------------------------------------------------------------ raters
    @staticmethod
    def _loads(org: str, cycle_id: str, loads: dict[str, int], shards: int) -> list[RaterItem]:
        """A new cycle's raters with their loads."""
        return [
            RaterItem(
                *_rater_key(org, cycle_id, rater_id),
                GSI2PK=f"ORG#{org}#CYCLE#{cycle_id}#RATERS#{shard(rater_id, shards=shards)}",
                GSI2SK=rater_id,
                org=org,
                cycle_id=cycle_id,
                employee_id=rater_id,
                load=load,
            )
            for rater_id, load in sorted(loads.items())
        ]

    def add_loads(self, org: str, cycle_id: str, deltas: dict[str, int], shards: int) -> None:
        for rater_id, delta in sorted(deltas.items()):
            if not delta:
                continue
            RaterItem(*_rater_key(org, cycle_id, rater_id)).update(
                actions=[
                    RaterItem.load.add(delta),
                    RaterItem.GSI2PK.set(f"ORG#{org}#CYCLE#{cycle_id}#RATERS#{shard(rater_id, shards=shards)}"),
                    RaterItem.GSI2SK.set(rater_id),
                    RaterItem.org.set(org),
                    RaterItem.cycle_id.set(cycle_id),
                    RaterItem.employee_id.set(rater_id),
                ]
            )

    def raters_page(
        self, org: str, cycle_id: str, shard_number: int, start: dict[str, Any] | None, limit: int
    ) -> tuple[list[Rater], dict[str, Any] | None]:
        result = RaterItem.by_shard.query(
            f"ORG#{org}#CYCLE#{cycle_id}#RATERS#{shard_number}", limit=limit, last_evaluated_key=start
        )
        raters = [_rater(item) for item in result if int(item.load) > 0]
        return raters, result.last_evaluated_key

    def get_rater(self, org: str, cycle_id: str, rater_id: str) -> Rater | None:
        try:
            item = RaterItem.get(*_rater_key(org, cycle_id, rater_id))
        except DoesNotExist:
            return None
        return _rater(item)

    def claim_invitations(self, org: str, cycle_id: str, rater_ids: Sequence[str], lease: timedelta) -> dict[str, str]:
        """The right to send each rater's invitation for ``lease``, taken on the raters' items in one
        transaction (up to 100 raters).

        Per rater: "claimed"; "invited" when theirs went already; "busy" when another delivery holds
        the right (it may yet fail: its lease runs out and the next delivery claims).
        """
        now = clock.now()
        condition = RaterItem.invited_at.does_not_exist() & (
            RaterItem.inviting_until.does_not_exist() | (RaterItem.inviting_until < now)
        )
        refused = _update_each(
            {
                rater_id: (
                    RaterItem(*_rater_key(org, cycle_id, rater_id)),
                    [RaterItem.inviting_until.set(now + lease)],
                    condition,
                )
                for rater_id in rater_ids
            }
        )
        return {
            rater_id: ("invited" if (refused[rater_id] or {}).get("invited_at") else "busy")
            if rater_id in refused
            else "claimed"
            for rater_id in rater_ids
        }

    def mark_invited(self, org: str, cycle_id: str, marks: Sequence[tuple[str, str | None, int]]) -> None:
        """Raters' invited marks, each (rater, time zone, links), and the cycle's invited count: one
        transaction (up to 99 raters), and each rater counted once."""
        if not marks:
            return
        now = clock.now()

        def update(transaction: TransactWrite, rater_id: str, time_zone: str | None) -> None:
            actions = [RaterItem.invited_at.set(now), RaterItem.inviting_until.remove()]
            if time_zone:
                actions.append(RaterItem.time_zone.set(time_zone))
            rater = RaterItem(*_rater_key(org, cycle_id, rater_id))
            transaction.update(rater, actions=actions, condition=RaterItem.invited_at.does_not_exist())

        def write(transaction: TransactWrite) -> None:
            for rater_id, time_zone, _ in marks:
                update(transaction, rater_id, time_zone)
            number = shard(f"invited/{marks[0][0]}", shards=PROGRESS_SHARDS)
            progress = ProgressItem(*self._progress_key(org, cycle_id, number))
            transaction.update(progress, actions=_counter_actions({"invited": sum(links for *_, links in marks)}))

        try:
            commit(write)
        except TransactWriteError as error:
            if "ConditionalCheckFailed" not in cancellation_codes(error):
                raise
            if len(marks) > 1:  # one was marked meanwhile: each on its own, so that the others count
                for mark in marks:
                    self.mark_invited(org, cycle_id, [mark])
            # a single rater marked already was counted already

    def mark_undeliverable(self, org: str, cycle_id: str, rater_id: str, reason: str) -> bool:
        """Record a bounce or complaint once; returns False when it was already recorded."""
        try:
            RaterItem(*_rater_key(org, cycle_id, rater_id)).update(
                actions=[RaterItem.undeliverable_at.set(clock.now()), RaterItem.undeliverable_reason.set(reason)],
                condition=RaterItem.PK.exists() & RaterItem.undeliverable_at.does_not_exist(),
            )
        except UpdateError as error:
            if condition_failed(error):
                return False
            raise
        return True

    # ------------------------------------------------------------------ assignments
    def put_assignments(self, assignments: Sequence[Assignment], shards: int) -> None:
        """New assignments of a cycle of ``shards`` shards, in BatchWriteItem groups of 25."""
        with AssignmentItem.batch_write() as batch:
            for a in assignments:
                batch.save(
                    AssignmentItem(
                        subject_pk(a.org, a.cycle_id, a.subject_id),
                        f"RATER#{a.rater_id}",
                        GSI1PK=_asked_pk(a.org, a.cycle_id, shard(a.rater_id, shards=shards)),
                        GSI1SK=f"{a.rater_id}#SUBJ#{a.subject_id}",
                        org=a.org,
                        cycle_id=a.cycle_id,
                        subject_id=a.subject_id,
                        rater_id=a.rater_id,
                        relationship=a.relationship,
                        status=a.status,
                        competencies=list(a.competencies),
                        ratings={},
                        comments={},
                        link_nonce=new_nonce(),
                        subject_name=a.subject_name,
                        responses_key=_responses_pk(a.org, a.cycle_id, a.subject_id, shards),
                    )
                )

    def get_assignment(self, org: str, cycle_id: str, subject_id: str, rater_id: str) -> Assignment | None:
        try:
            return _assignment(AssignmentItem.get(subject_pk(org, cycle_id, subject_id), f"RATER#{rater_id}"))
        except DoesNotExist:
            return None

    def assignments_of_raters(
        self, org: str, cycle_id: str, rater_ids: Iterable[str], shards: int
    ) -> dict[str, list[Assignment]]:
        """Each rater's open assignments (pending or in progress) in a cycle of ``shards`` shards.
        Raters next to each other in a shard (a page of the shard's raters, or a slice of one)
        share a Query: a rater's assignments are sorted under their id."""
        found: dict[str, list[Assignment]] = {rater_id: [] for rater_id in rater_ids}
        by_shard: dict[str, list[str]] = {}
        for rater_id in sorted(found):
            by_shard.setdefault(_asked_pk(org, cycle_id, shard(rater_id, shards=shards)), []).append(rater_id)
        for pk, raters in by_shard.items():
            # Ids are letters, digits, ".", "_" and "-", all after "#" and before "~".
            window = AssignmentItem.GSI1SK.between(f"{raters[0]}#", f"{raters[-1]}#~")
            for item in AssignmentItem.by_rater.query(pk, window):
                if item.rater_id in found:
                    found[item.rater_id].append(_assignment(item))
        return found

    def responses_of_subjects(self, subjects: Sequence[Subject]) -> dict[str, list[Assignment]]:
        """Each subject's submitted responses, sorted by rater: one Query (a page per MB) of the
        responses index per shard the subjects are in, from the first subject to the last.

        A page of a shard's subjects is a run of that shard's index, and its responses are the
        same run of the responses index, so nothing outside the page is read.
        """
        found: dict[str, list[Assignment]] = {s.employee_id: [] for s in subjects}
        by_shard: dict[str, list[str]] = {}
        for s in subjects:
            by_shard.setdefault(_responses_pk(s.org, s.cycle_id, s.employee_id, s.shards), []).append(s.employee_id)
        for pk, ids in by_shard.items():
            ids.sort()
            # Ids are letters, digits, ".", "_" and "-", all after "#" and before "~".
            window = AssignmentItem.GSI2SK.between(f"{ids[0]}#", f"{ids[-1]}#~")
            for item in AssignmentItem.responses.query(pk, window):
                if item.subject_id in found and item.status == "submitted":
                    found[item.subject_id].append(_assignment(item))
        return found

    def save_answers(
        self,
        assignment: Assignment,
        *,
        ratings: dict[str, Any],
        comments: dict[str, str],
        overall: str | None,
        status: str,
        allowed_from: Sequence[str],
        counters: dict[str, int],
    ) -> None:
        """Write the answers (and the new status) if the assignment is still in ``allowed_from``.

        One request: a plain conditional update, or a transaction with the progress counter
        when the status changes, so the counts can never drift from the assignments.
        """
        a = assignment
        item = AssignmentItem(subject_pk(a.org, a.cycle_id, a.subject_id), f"RATER#{a.rater_id}")
        now = clock.now()
        actions = [
            AssignmentItem.ratings.set(ratings),
            AssignmentItem.comments.set(comments),
            AssignmentItem.updated_at.set(now),
        ]
        actions.append(AssignmentItem.overall.set(overall) if overall else AssignmentItem.overall.remove())
        if status == "submitted":
            actions += _submitted(a.org, a.cycle_id, a.subject_id, a.rater_id, now)
        else:
            actions.append(AssignmentItem.status.set(status))
        condition = AssignmentItem.status.is_in(*allowed_from) & (AssignmentItem.link_nonce == a.link_nonce)
        if not counters:
            try:
                item.update(actions=actions, condition=condition)
            except UpdateError as error:
                if condition_failed(error):
                    raise ConditionFailed from error
                raise
            return
        self._transact(a, item, actions, condition, counters)

    def _transact(
        self, a: Assignment, item: AssignmentItem, actions: list[Any], condition: Any, counters: dict[str, int]
    ) -> None:
        """The assignment's conditional update and its progress counter, together or not at all."""
        number = shard(a.subject_id, a.rater_id, shards=PROGRESS_SHARDS)
        self._with_progress(a.org, a.cycle_id, number, item, actions, condition, counters)

    def _with_progress(
        self,
        org: str,
        cycle_id: str,
        number: int,
        item: Any,
        actions: list[Any],
        condition: Any,
        counters: dict[str, int],
    ) -> None:
        """An item's update and a progress shard's counters in one transaction, retried when another
        writer touched the same shard at the same moment."""
        progress = ProgressItem(*self._progress_key(org, cycle_id, number))
        counter_actions = _counter_actions(counters)

        def write(transaction: TransactWrite) -> None:
            transaction.update(item, actions=actions, condition=condition)
            transaction.update(progress, actions=counter_actions)

        try:
            commit(write)
        except TransactWriteError as error:
            if "ConditionalCheckFailed" in cancellation_codes(error):
                raise ConditionFailed from error
            raise

    def submit_through_link(
        self,
        where: Locator,
        *,
        expected: str,
        competencies: Iterable[str],
        ratings: dict[str, Any],
        comments: dict[str, str],
        overall: str | None,
    ) -> None:
        """The answers, submitted in one request (see ``_through_link``)."""
        now = clock.now()
        actions = [
            AssignmentItem.ratings.set(ratings),
            AssignmentItem.comments.set(comments),
            AssignmentItem.updated_at.set(now),
            AssignmentItem.overall.set(overall) if overall else AssignmentItem.overall.remove(),
            *_submitted(where.org, where.cycle_id, where.subject_id, where.rater_id, now),
        ]
        counters = {"submitted": 1, **({"in_progress": -1} if expected == "in_progress" else {})}
        self._through_link(where, expected=expected, actions=actions, counters=counters, competencies=competencies)

    def draft_through_link(
        self,
        where: Locator,
        *,
        expected: str,
        competencies: Iterable[str],
        ratings: dict[str, Any],
        comments: dict[str, str],
        cleared: Iterable[str],
        overall: str | None,
        keep_overall: bool,
    ) -> None:
        """A draft, merged into the saved answers in one request (see ``_through_link``): each answer
        sent is set in the assignment's maps, each comment ``cleared`` removed, the rest kept."""
        actions: list[Any] = [AssignmentItem.ratings[q].set(v) for q, v in ratings.items()]
        actions += [AssignmentItem.comments[c].set(text) for c, text in comments.items()]
        actions += [AssignmentItem.comments[c].remove() for c in cleared]
        if not keep_overall:
            actions.append(AssignmentItem.overall.set(overall) if overall else AssignmentItem.overall.remove())
        actions += [AssignmentItem.status.set("in_progress"), AssignmentItem.updated_at.set(clock.now())]
        counters = {"in_progress": 1} if expected == "pending" else {}
        self._through_link(
            where, expected=expected, actions=actions, counters=counters, competencies=competencies, exact=False
        )

    def decline_through_link(self, where: Locator, *, expected: str, reason: str | None) -> None:
        """The request, declined in one request (see ``_through_link``)."""
        actions = [AssignmentItem.status.set("declined"), AssignmentItem.updated_at.set(clock.now()), *_CLOSED]
        if reason:
            actions.append(AssignmentItem.decline_reason.set(reason))
        counters = {"declined": 1, **({"in_progress": -1} if expected == "in_progress" else {})}
        self._through_link(where, expected=expected, actions=actions, counters=counters)

    def _through_link(
        self,
        where: Locator,
        *,
        expected: str,
        actions: list[Any],
        counters: dict[str, int],
        competencies: Iterable[str] | None = None,
        exact: bool = True,
    ) -> None:
        """A rater's write in one TransactWriteItems, without reading first.

        It happens only if the assignment is the one the link was made for, is still ``expected``
        (and asks exactly ``competencies``, when given, or at least them if not ``exact``) and the
        cycle is open; the progress shard's counters move with it. Otherwise LinkWriteRefused says
        how things were.
        """
        item = AssignmentItem(subject_pk(where.org, where.cycle_id, where.subject_id), f"RATER#{where.rater_id}")
        condition = (AssignmentItem.status == expected) & (AssignmentItem.link_nonce == where.nonce)
        if competencies is not None:
            wanted = sorted(set(competencies))
            if exact:
                condition &= size(AssignmentItem.competencies) == len(wanted)
            for competency in wanted:
                condition &= AssignmentItem.competencies.contains(competency)
        number = shard(where.subject_id, where.rater_id, shards=PROGRESS_SHARDS)
        progress = ProgressItem(*self._progress_key(where.org, where.cycle_id, number))
        counter_actions = _counter_actions(counters)
        cycle_key = _cycle_key(where.org, where.cycle_id)

        def write(transaction: TransactWrite) -> None:
            transaction.condition_check(CycleItem, *cycle_key, condition=CycleItem.state == "open")
            transaction.update(item, actions=actions, condition=condition, return_values=ALL_OLD)
            if counter_actions:
                transaction.update(progress, actions=counter_actions)

        try:
            commit(write)
        except TransactWriteError as error:
            codes = cancellation_codes(error)
            if "ConditionalCheckFailed" not in codes:
                raise
            # The reasons come in the order of the request: the cycle's check, then the assignment.
            cycle_state: str | None = "open"
            if codes[0] == "ConditionalCheckFailed":
                cycle = self.get(where.org, where.cycle_id)
                cycle_state = cycle.state if cycle is not None else None
            refused = error.cancellation_reasons[1] if len(codes) > 1 else None
            if refused is not None and refused.code == "ConditionalCheckFailed":
                old = refused.raw_item  # none when there is no such item
                assignment = _assignment(AssignmentItem.from_raw_data(old)) if old else None
            else:
                assignment = self.get_assignment(where.org, where.cycle_id, where.subject_id, where.rater_id)
            raise LinkWriteRefused(assignment, cycle_state) from error

    def remove(self, assignment: Assignment, counters: dict[str, int]) -> None:
        """Withdraw an unsubmitted assignment (its answers are dropped with it)."""
        a = assignment
        item = AssignmentItem(subject_pk(a.org, a.cycle_id, a.subject_id), f"RATER#{a.rater_id}")
        actions = [
            AssignmentItem.status.set("removed"),
            *_CLOSED,
            AssignmentItem.ratings.set({}),
            AssignmentItem.comments.set({}),
            AssignmentItem.overall.remove(),
            AssignmentItem.updated_at.set(clock.now()),
        ]
        condition = AssignmentItem.status.is_in("pending", "in_progress", "declined")
        self._transact(a, item, actions, condition, counters)

    # ------------------------------------------------------------------ links
    def link(
        self, org: str, cycle_id: str, subject_id: str, rater_id: str
    ) -> tuple[Assignment | None, Cycle | None, dict[str, Employee]]:
        """What a link shows, in one BatchGetItem: the assignment, the cycle, the subject and the rater."""
        assignment_key = (subject_pk(org, cycle_id, subject_id), f"RATER#{rater_id}")
        cycle_key = _cycle_key(org, cycle_id)
        found = get_items([assignment_key, cycle_key, *(employee_key(org, e) for e in {subject_id, rater_id})])
        assignment = found.get(assignment_key)
        cycle = found.get(cycle_key)
        return (
            _assignment(AssignmentItem.from_raw_data(assignment)) if assignment else None,
            _cycle(CycleItem.from_raw_data(cycle)) if cycle else None,
            _people(found),
        )

    def invitation_context(
        self, org: str, cycle_id: str, rater_ids: Iterable[str], names: Iterable[str], *, states: bool = True
    ) -> tuple[Cycle | None, dict[str, Rater], OrgSettings, dict[str, Employee]]:
        """What invitations need besides the assignments, in BatchGetItem requests of 100: the cycle,
        the raters' states (unless ``states`` is False: reminders claim on them instead), the
        organisation's settings, and the raters and anyone else ``names``."""
        # Only here: the organisation's settings bring its escalation rules, which the feedback
        # form and the reports, importing this module on every cold start, never read.
        from janus.people.organisation_store import settings_key, settings_of

        raters = sorted(set(rater_ids))
        cycle_key, org_key = _cycle_key(org, cycle_id), settings_key(org)
        rater_keys = {r: _rater_key(org, cycle_id, r) for r in raters} if states else {}
        people = [employee_key(org, e) for e in {*raters, *names}]
        found = get_items([cycle_key, org_key, *rater_keys.values(), *people])
        cycle = _cycle(CycleItem.from_raw_data(found[cycle_key])) if cycle_key in found else None
        known = {r: _rater(RaterItem.from_raw_data(found[key])) for r, key in rater_keys.items() if key in found}
        return cycle, known, settings_of(found.get(org_key)), _people(found)

    # ------------------------------------------------------------------ progress
    @staticmethod
    def _progress_key(org: str, cycle_id: str, number: int) -> tuple[str, str]:
        return f"ORG#{org}#CYCLE#{cycle_id}#PROGRESS#{number}", "PROGRESS"

    def add_progress(self, org: str, cycle_id: str, key: str, **deltas: int) -> None:
        number = shard(key, shards=PROGRESS_SHARDS)
        actions = _counter_actions(deltas)
        if actions:
            ProgressItem(*self._progress_key(org, cycle_id, number)).update(actions=actions)

    def progress(self, org: str, cycle_id: str) -> dict[str, int]:
        keys = [self._progress_key(org, cycle_id, n) for n in range(PROGRESS_SHARDS)]
        totals = dict.fromkeys(COUNTERS, 0)
        for item in ProgressItem.batch_get(keys):
            for name in COUNTERS:
                totals[name] += int(getattr(item, name) or 0)
        return totals


class ReminderStore:
    """The per-rater reminder caps."""

    def claim_reminders(self, org: str, cycle_id: str, today: dict[str, str], most: int) -> dict[str, str]:
        """Count one reminder for each rater (``today`` is each one's local date) unless they had one
        that day or have had ``most``, or their address bounced: one transaction (up to 100 raters).
        Per rater "claimed", "address undeliverable" or "reminder cap reached"."""
        refused = _update_each(
            {
                rater_id: (
                    RaterItem(*_rater_key(org, cycle_id, rater_id)),
                    [RaterItem.reminder_count.add(1), RaterItem.last_reminded_on.set(date)],
                    (RaterItem.last_reminded_on.does_not_exist() | (RaterItem.last_reminded_on != date))
                    & (RaterItem.reminder_count.does_not_exist() | (RaterItem.reminder_count < most))
                    & RaterItem.undeliverable_at.does_not_exist()
                    & RaterItem.PK.exists(),
                )
                for rater_id, date in today.items()
            }
        )
        return {
            rater_id: "claimed"
            if rater_id not in refused
            else "address undeliverable"
            if "undeliverable_at" in (refused[rater_id] or {})
            else "reminder cap reached"
            for rater_id in today
        }
