"""Running a round: creating a cycle, deriving its raters, moving it through its states,
and the fan-out that turns a launch into assignments and one invitation per rater.

A cycle is created with its raters derived; after that, every piece of fan-out work is
bounded (a page of a shard) and idempotent, so a 10,000-subject cycle launches without any
invocation doing unbounded work.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from janus.kernel.jobs import Jobs
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory
from janus.reports.access import release_jobs, report_jobs
from janus.rounds import timers as reminders
from janus.rounds.cycle import (
    ALL_EMPLOYEES,
    EDITABLE_STATES,
    TRANSITIONS,
    Cycle,
    competencies_for,
    fanout_shards,
    parse_deadline,
    parse_new_cycle,
    with_subjects,
)
from janus.rounds.entities import Assignment, Subject
from janus.rounds.nominations import Nominee, derive_all, parse_edit, shortfalls
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.store_subjects import SubjectStore
from janus.rounds.timers import DeadlineSchedules, ReminderSchedules, Slot
from janus.store import ConditionFailed

# Up to this many subjects, a new cycle asks for the teams it needs (a BatchGetItem, then up to two
# Queries a subject: their own team and their manager's); beyond, reading the organisation costs
# fewer requests (a Query page per shard and MB: 16 up to about 30,000 employees).
FEW_SUBJECTS = 8
# Subjects a launch job turns into assignments: about 1,480, in 60 BatchWriteItem requests.
LAUNCH_PAGE = 200
# Raters one invitations message names: the cycle, the settings and 98 raters' states and names are
# 198 keys (two BatchGetItem); their claims are one transaction, their marks and the count another
# (99 items: a transaction takes 100).
INVITE_BUNDLE = 98
# Raters an invite or remind job reads (one Query page): ten bundles, one SendMessageBatch.
INVITE_PAGE = 10 * INVITE_BUNDLE
SHORT_LIST = 50
GROUP_NAMES = {
    "self": "self",
    "manager": "manager",
    "peer": "peers",
    "direct_report": "direct reports",
    "other": "others",
}


def _cycle_or_404(cycles: CycleStore, org: str, cycle_id: str) -> Cycle:
    cycle = cycles.get(org, cycle_id)
    if cycle is None:
        raise NotFound(f"no cycle '{cycle_id}' in this organisation")
    return cycle


# ---------------------------------------------------------------------------- create and derive
def create_cycle(
    org: str,
    body: Any,
    directory: DynamoEmployeeDirectory,
    cycles: CycleStore,
    home_time_zone: str = reminders.DEFAULT_TIME_ZONE,
) -> Cycle:
    """A new cycle with every subject's raters derived, written whole before it is answered.

    Derivation needs the subjects and their managers' and their own teams. A cycle of many
    subjects reads the organisation once (a Query page per shard and MB) and derives from
    memory; a cycle of a few asks for the teams it needs. Either way the cycle, its subjects
    and its raters' loads are written once each (the subjects and loads in transactions of 100,
    the cycle last), and no HR edit can race a derivation still running.
    """
    new = parse_new_cycle(body)
    employees, team = _hierarchy(org, new.subjects, directory)
    if new.subjects == ALL_EMPLOYEES:
        new = with_subjects(new, sorted(e.id for e in employees.values() if e.active))
    problems = [
        Problem(f"'{employee_id}' is not an active employee of the organisation", field="subjects")
        for employee_id in new.subjects
        if employee_id not in employees or not employees[employee_id].active
    ]
    if problems:
        raise InvalidInput(f"{len(problems)} subject(s) cannot be reviewed; nothing was created", problems)
    cycle_id = f"c-{secrets.token_hex(5)}"
    shards = fanout_shards(len(new.subjects))
    derived, loads = derive_all(
        cycle_id=cycle_id,
        kind=new.kind,
        config=new.config,
        subjects=[employees[s] for s in new.subjects],
        team=team,
    )
    subjects = [
        Subject(
            org=org,
            cycle_id=cycle_id,
            employee_id=d.subject.id,
            name=d.subject.name,
            manager_id=d.subject.manager_id,
            competencies=competencies_for(new.config, d.subject.job_class),
            raters=d.raters,
            proposals=(),
            shortfalls=d.shortfalls,
            derived=True,
            department=d.subject.department,
            locale=d.subject.locale,
            shards=shards,
        )
        for d in derived
    ]
    # Reminder slots: every subject's time zone and the organisation's (the default of everyone else).
    time_zones = [employees[s].time_zone or home_time_zone for s in new.subjects] + [home_time_zone]
    return cycles.create(org, cycle_id, new, subjects, loads, time_zones=time_zones, shards=shards)


def _hierarchy(
    org: str, subject_ids: Sequence[str], directory: DynamoEmployeeDirectory
) -> tuple[dict[str, Employee], Callable[[str], list[Employee]]]:
    """(employees by id, a manager's team) for deriving ``subject_ids``' raters.

    Many subjects (or all): the whole organisation, read once. A few: the subjects by key,
    and each team they need with a Query of its own, asked once.
    """
    if subject_ids == ALL_EMPLOYEES or len(subject_ids) > FEW_SUBJECTS:
        everyone = directory.everyone(org)
        teams: dict[str, list[Employee]] = {}
        for employee in everyone:
            if employee.manager_id:
                teams.setdefault(employee.manager_id, []).append(employee)
        return {e.id: e for e in everyone}, lambda manager_id: teams.get(manager_id, [])
    asked: dict[str, list[Employee]] = {}

    def team(manager_id: str) -> list[Employee]:
        if manager_id not in asked:
            asked[manager_id] = directory.reports_of(org, manager_id)
        return asked[manager_id]

    return directory.get_many(org, subject_ids), team


def _with(subject: Subject, raters: Sequence[Nominee], gaps: list[dict[str, Any]], *, derived: bool) -> Subject:
    return replace(subject, raters=tuple(raters), shortfalls=tuple(gaps), derived=derived or subject.derived)


# ---------------------------------------------------------------------------- views
def cycle_view(progress_store: ProgressStore, cycle: Cycle) -> dict[str, Any]:
    progress = (
        progress_store.progress(cycle.org, cycle.id)
        if cycle.launched_at
        else dict.fromkeys(("assignments", "invited", "in_progress", "submitted", "declined", "undeliverable"), 0)
    )
    progress["subjects"] = cycle.subject_count
    answered = progress["submitted"]
    progress["response_rate"] = round(answered / progress["assignments"], 3) if progress["assignments"] else 0.0
    return cycle.as_dict(progress)


def get_cycle(org: str, cycle_id: str, cycles: CycleStore, progress: ProgressStore) -> dict[str, Any]:
    return cycle_view(progress, _cycle_or_404(cycles, org, cycle_id))


def list_cycles(org: str, cycles: CycleStore, progress: ProgressStore) -> list[dict[str, Any]]:
    return [cycle_view(progress, cycle) for cycle in cycles.latest(org)]


@dataclass(frozen=True)
class Roster:
    """What choosing a cycle's raters reads and writes: the cycle, its subjects, the raters' loads
    and, once launched, their assignments."""

    cycles: CycleStore
    subjects: SubjectStore
    raters: RaterStore
    assignments: AssignmentStore


def _subject_or_404(subjects: SubjectStore, org: str, cycle_id: str, subject_id: str) -> Subject:
    subject = subjects.get_subject(org, cycle_id, subject_id)
    if subject is None:
        raise NotFound(f"'{subject_id}' is not a subject of cycle '{cycle_id}'")
    return subject


def raters_view(subject: Subject, directory: DynamoEmployeeDirectory) -> dict[str, Any]:
    people = directory.get_many(subject.org, [r.id for r in subject.raters] + [p["id"] for p in subject.proposals])

    def name(employee_id: str) -> str | None:
        return people[employee_id].name if employee_id in people else None

    return {
        "subject": {"id": subject.employee_id, "name": subject.name},
        "derived": subject.derived,
        "raters": [{**r.as_dict(), "name": name(r.id)} for r in subject.raters],
        "proposals": [{**p, "name": name(p["id"])} for p in subject.proposals],
        "shortfalls": list(subject.shortfalls),
    }


def get_raters(
    org: str, cycle_id: str, subject_id: str, roster: Roster, directory: DynamoEmployeeDirectory
) -> dict[str, Any]:
    _cycle_or_404(roster.cycles, org, cycle_id)
    return raters_view(_subject_or_404(roster.subjects, org, cycle_id, subject_id), directory)


def _replace_raters(
    roster: Roster,
    cycle: Cycle,
    subject: Subject,
    raters: list[Nominee],
    proposals: tuple[dict[str, str], ...] | None = None,
) -> Subject:
    gaps = shortfalls(cycle.kind, cycle.config, raters, has_manager=subject.manager_id is not None)
    updated = _with(subject, raters, gaps, derived=True)
    if proposals is not None:
        updated = replace(updated, proposals=proposals)
    roster.subjects.save_subject(updated)
    deltas = Counter(r.id for r in raters)
    deltas.subtract(Counter(r.id for r in subject.raters))
    roster.raters.add_loads(cycle.org, cycle.id, dict(deltas), cycle.shards)
    roster.cycles.add_short(cycle.org, cycle.id, int(bool(gaps)) - int(bool(subject.shortfalls)))
    return updated


def put_raters(
    org: str, cycle_id: str, subject_id: str, body: Any, roster: Roster, directory: DynamoEmployeeDirectory
) -> dict[str, Any]:
    cycle = _cycle_or_404(roster.cycles, org, cycle_id)
    subject = _subject_or_404(roster.subjects, org, cycle_id, subject_id)
    if cycle.state not in EDITABLE_STATES:
        raise Conflict(f"the cycle is {cycle.state}: raters can change only before launch")
    ids = [r.get("id") for r in (body.get("raters") or []) if isinstance(r, dict)] if isinstance(body, dict) else []
    known = directory.get_many(org, [i for i in ids if isinstance(i, str)] + [subject_id])
    raters = parse_edit(body, kind=cycle.kind, config=cycle.config, subject=known[subject_id], known=known)
    return raters_view(_replace_raters(roster, cycle, subject, raters), directory)


def propose_peers(
    org: str,
    cycle_id: str,
    subject_id: str,
    body: Any,
    caller: Caller,
    roster: Roster,
    directory: DynamoEmployeeDirectory,
) -> dict[str, Any]:
    """The subject proposes colleagues as peers; their manager decides."""
    if caller.sub != subject_id:
        raise Forbidden("only the subject proposes their own peers")
    cycle = _cycle_or_404(roster.cycles, org, cycle_id)
    if cycle.state != "nominating" or "peer" not in cycle.groups:
        raise Conflict(f"the cycle is {cycle.state}: peers can be proposed while it is nominating")
    subject = _subject_or_404(roster.subjects, org, cycle_id, subject_id)
    peers = body.get("peers") if isinstance(body, dict) else None
    if not isinstance(peers, list) or not peers or not all(isinstance(p, str) for p in peers):
        raise InvalidInput('send {"peers": [employee ids]}')
    known = directory.get_many(org, peers)
    problems = [
        Problem(f"'{p}' is not an active employee", field="peers")
        for p in peers
        if p not in known or not known[p].active or p == subject_id
    ]
    if problems:
        raise InvalidInput("some proposed peers cannot rate you", problems)
    already = {r.id for r in subject.raters} | {p["id"] for p in subject.proposals}
    proposals = subject.proposals + tuple(
        {"id": p, "status": "proposed"} for p in dict.fromkeys(peers) if p not in already
    )
    roster.subjects.save_subject(replace(subject, proposals=proposals))
    return raters_view(_subject_or_404(roster.subjects, org, cycle_id, subject_id), directory)


def decide_proposals(
    org: str,
    cycle_id: str,
    subject_id: str,
    body: Any,
    caller: Caller,
    roster: Roster,
    directory: DynamoEmployeeDirectory,
) -> dict[str, Any]:
    cycle = _cycle_or_404(roster.cycles, org, cycle_id)
    subject = _subject_or_404(roster.subjects, org, cycle_id, subject_id)
    if caller.sub != subject.manager_id and "hr_admin" not in caller.roles:
        raise Forbidden("only the subject's manager or HR decides on proposed peers")
    if cycle.state not in EDITABLE_STATES:
        raise Conflict(f"the cycle is {cycle.state}: proposals can be decided only before launch")
    approve = set(body.get("approve") or []) if isinstance(body, dict) else set()
    reject = set(body.get("reject") or []) if isinstance(body, dict) else set()
    pending = {p["id"] for p in subject.proposals if p["status"] == "proposed"}
    unknown = (approve | reject) - pending
    if unknown or approve & reject:
        raise InvalidInput(
            "decide only on pending proposals, each once",
            [Problem(f"'{p}' is not a pending proposal", field="approve") for p in sorted(unknown)],
        )
    _, most = cycle.config.bounds["peer"]
    raters = list(subject.raters) + [Nominee(p, "peer", source="proposed") for p in sorted(approve)]
    if sum(1 for r in raters if r.relationship == "peer") > most:
        raise InvalidInput(
            f"at most {most} peers", [Problem(f"approving these gives more than {most} peers", "approve")]
        )
    proposals = tuple(
        {**p, "status": "approved" if p["id"] in approve else "rejected" if p["id"] in reject else p["status"]}
        for p in subject.proposals
    )
    return raters_view(_replace_raters(roster, cycle, subject, raters, proposals), directory)


def remove_rater(
    org: str, cycle_id: str, subject_id: str, rater_id: str, roster: Roster, directory: DynamoEmployeeDirectory
) -> dict[str, Any]:
    """Take a rater off a subject; after launch their link stops working at once."""
    cycle = _cycle_or_404(roster.cycles, org, cycle_id)
    subject = _subject_or_404(roster.subjects, org, cycle_id, subject_id)
    remaining = [r for r in subject.raters if r.id != rater_id]
    if len(remaining) == len(subject.raters):
        raise NotFound(f"'{rater_id}' is not a rater of '{subject_id}' in this cycle")
    if cycle.state in EDITABLE_STATES:
        return raters_view(_replace_raters(roster, cycle, subject, remaining), directory)
    if cycle.state != "open":
        raise Conflict(f"the cycle is {cycle.state}: raters can no longer change")
    assignment = roster.assignments.get_assignment(org, cycle_id, subject_id, rater_id)
    if assignment is None or assignment.status == "removed":
        raise NotFound(f"'{rater_id}' is not a rater of '{subject_id}' in this cycle")
    if assignment.status == "submitted":
        raise Conflict("this rater has submitted; submitted answers stay part of the round")
    rater = roster.raters.get_rater(org, cycle_id, rater_id)
    counters = {"assignments": -1}
    if rater is not None and rater.invited_at is not None:
        counters["invited"] = -1
    if assignment.status in ("in_progress", "declined"):
        counters[assignment.status] = -1
    try:
        roster.assignments.remove(assignment, counters)
    except ConditionFailed:
        raise Conflict("this rater has submitted meanwhile; submitted answers stay part of the round") from None
    return raters_view(_replace_raters(roster, cycle, subject, remaining), directory)


# ---------------------------------------------------------------------------- events
class CycleTimers:
    """The deadline schedule and the reminder slots' schedules of a launched cycle, kept in step with it."""

    def __init__(self, deadlines: DeadlineSchedules, slots: ReminderSchedules):
        self.deadlines = deadlines
        self.slots = slots

    def start(self, cycle: Cycle) -> None:
        self.deadlines.set(cycle)
        self.slots.set(cycle, reminders.plan(cycle, cycle.time_zones, clock.now()))

    def move(self, before: Cycle, after: Cycle) -> None:
        self.slots.clear(reminders.plan(before, before.time_zones, clock.now()))
        self.start(after)

    def stop(self, cycle: Cycle) -> None:
        self.deadlines.clear(cycle.id)
        self.slots.clear(reminders.plan(cycle, cycle.time_zones, clock.now()))


@dataclass(frozen=True)
class Ledger:
    """What a cycle's events read and write: the cycle, its short subjects (why a launch is refused)
    and its progress (in the view they answer with)."""

    cycles: CycleStore
    subjects: SubjectStore
    progress: ProgressStore


def apply_event(org: str, cycle_id: str, body: Any, ledger: Ledger, jobs: Jobs, timers: CycleTimers) -> dict[str, Any]:
    """HR's or automation's event: one path, whichever way it arrives."""
    if not isinstance(body, dict) or body.get("type") not in TRANSITIONS:
        raise InvalidInput(f"'type' must be one of {', '.join(TRANSITIONS)}", [Problem("unknown event", "type")])
    kind = body["type"]
    from_states, to_state = TRANSITIONS[kind]
    cycle = _cycle_or_404(ledger.cycles, org, cycle_id)
    if kind == "remind":
        if cycle.state != "open":
            raise Conflict(f"cannot remind in a cycle that is {cycle.state}")
        manual = f"manual-{clock.now().date().isoformat()}"
        jobs.send("jobs", remind_jobs(org, cycle_id, cycle.time_zones, cycle.shards, round_id=manual))
        return cycle_view(ledger.progress, cycle)
    deadline: datetime | None = None
    if kind == "extend":
        problems: list[Problem] = []
        deadline = parse_deadline(body.get("deadline"), "deadline", problems)
        if deadline is not None and deadline <= cycle.deadline:
            problems.append(Problem("must be later than the current deadline", field="deadline"))
        if problems:
            raise InvalidInput("the new deadline is not valid", problems)
    force = kind == "launch" and body.get("force") is True
    try:
        moved = ledger.cycles.transition(
            org,
            cycle_id,
            from_states,
            to_state,
            deadline=deadline,
            require_ready=kind == "launch" and not force,
            launch_pending=cycle.shards if kind == "launch" else None,
            report_pending=cycle.shards,
        )
    except ConditionFailed:
        raise _why_not(ledger, org, cycle_id, kind, from_states) from None
    _follow_up(kind, cycle, moved, jobs, timers)
    return cycle_view(ledger.progress, moved)


def _follow_up(kind: str, before: Cycle, after: Cycle, jobs: Jobs, timers: CycleTimers) -> None:
    """What a transition sets going: timers, fan-out jobs."""
    org, cycle_id = after.org, after.id
    if kind == "launch":
        timers.start(after)
    if kind == "extend":
        timers.move(before, after)
    if kind in ("close", "cancel") and before.state == "open":
        timers.stop(before)
    if kind == "close":
        jobs.send("reports", report_jobs(after))
    if kind == "release":
        jobs.send("reports", release_jobs(after))
    if kind == "launch":
        jobs.send(
            "jobs",
            [
                {"job": "launch", "org": org, "cycle_id": cycle_id, "shard": n, "start": None, "count": 0}
                for n in range(after.shards)
            ],
        )


def _why_not(ledger: Ledger, org: str, cycle_id: str, kind: str, from_states: Sequence[str]) -> Conflict:
    cycle = _cycle_or_404(ledger.cycles, org, cycle_id)
    if cycle.state not in from_states:
        return Conflict(f"cannot {kind} a cycle that is {cycle.state}")
    if cycle.nominations_pending:
        return Conflict("raters are still being chosen for this cycle; try again in a moment")
    short = ledger.subjects.short_subjects(org, cycle_id, limit=SHORT_LIST)
    details = [
        Problem(
            f"{s.name}: "
            + ", ".join(f"{g['have']} of at least {g['min']} {GROUP_NAMES[g['relationship']]}" for g in s.shortfalls),
            field=s.employee_id,
        )
        for s in short
    ]
    return Conflict(
        f'{cycle.short_subjects} subject(s) have too few raters; add raters or launch with "force": true',
        details,
    )


def deadline_reached(org: str, cycle_id: str, deadline: str, ledger: Ledger, jobs: Jobs, timers: CycleTimers) -> str:
    """The deadline schedule fired: close the cycle, unless the deadline moved or the cycle moved on."""
    cycle = ledger.cycles.get(org, cycle_id)
    if cycle is None or cycle.state != "open" or cycle.deadline.isoformat() != deadline:
        return "not due"
    try:
        apply_event(org, cycle_id, {"type": "close"}, ledger, jobs, timers)
    except Conflict:
        return "closed already"
    return "closed"


# ---------------------------------------------------------------------------- reminders
def _remind_job(
    org: str,
    cycle_id: str,
    time_zone: str | None,
    time_zones: Sequence[str],
    round_id: str,
    shard: int,
    shards: int,
    start: dict[str, Any] | None,
    slot: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "job": "remind",
        "org": org,
        "cycle_id": cycle_id,
        "time_zone": time_zone,
        "time_zones": list(time_zones),
        "round": round_id,
        "shard": shard,
        "shards": shards,
        "start": start,
        "slot": slot,
    }


def remind_jobs(
    org: str, cycle_id: str, time_zones: Sequence[str], shards: int, round_id: str, slot: Slot | None = None
) -> list[dict[str, Any]]:
    """The first remind page job of a slot's time zone (everyone's, for HR's nudge without a slot),
    carrying the slot itself, for the bundles to check that it still stands. The pages run one after
    another through the cycle's shards and hand nearly empty bundles on (``remind_page``)."""
    time_zone, named = (slot.time_zone, slot.as_dict()) if slot else (None, None)
    return [{**_remind_job(org, cycle_id, time_zone, time_zones, round_id, 0, shards, None, named), "carry": []}]


def slot_due(
    slot: Slot, cycles: CycleStore, jobs: Jobs, time_zones: Sequence[str] | None = None, shards: int | None = None
) -> str:
    """A reminder slot's schedule fired: queue its time zone's remind pages. The schedule carries the
    cycle's time zones and shards, so nothing is read here: the pages' bundles read the cycle anyway,
    and send nothing unless it is still open and the slot still in its plan (the deadline may have
    moved). A slot fired twice reminds nobody twice: each rater's reminder is claimed for their
    local day."""
    if time_zones is None or shards is None:  # a schedule made before schedules carried them
        cycle = cycles.get(slot.org, slot.cycle_id)
        if cycle is None or cycle.state != "open":
            return "cycle not open"
        if not reminders.in_plan(slot, cycle):
            return "not in the plan"
        time_zones, shards = cycle.time_zones, cycle.shards
    jobs.send("jobs", remind_jobs(slot.org, slot.cycle_id, time_zones, shards, f"{slot.days_before}d", slot))
    return "fired"


def _bundles(rater_ids: Sequence[str]) -> list[list[str]]:
    return [list(rater_ids[n : n + INVITE_BUNDLE]) for n in range(0, len(rater_ids), INVITE_BUNDLE)]


def remind_page(
    org: str,
    cycle_id: str,
    time_zone: str | None,
    round_id: str,
    shard: int,
    start: dict[str, Any] | None,
    cycles: CycleStore,
    raters: RaterStore,
    jobs: Jobs,
    time_zones: Sequence[str] | None = None,
    shards: int | None = None,
    slot: Slot | None = None,
    carry: Sequence[str] | None = None,
) -> None:
    """The reminders of one page's raters in the slot's time zone (or all, for HR's nudge), a message
    per bundle of ``INVITE_BUNDLE``. The job carries the cycle's time zones and shards, so the page
    reads only its raters; each bundle carries the slot on, reads the cycle, and sends nothing once
    the cycle is no longer open or the slot no longer in its plan.

    A slot's pages run one after another, this shard's next page or else the next shard's first. Each
    sends its bundles but a last, partly filled one that is at most half full or holds raters handed
    on by earlier pages: its raters (``carry``) go on to the next page, and the slot's last page sends
    them. A bundle reads its raters' assignments with a Query per shard they are in, so a page's own
    last bundle, if more than half full, goes as it is: joined to the next page's raters it would cost
    a Query more and seldom save a bundle. A job without ``carry`` (queued when each shard had its own
    pages) sends all its raters and stays in its shard."""
    if time_zones is None or shards is None:  # a job queued before jobs carried them
        cycle = cycles.get(org, cycle_id)
        if cycle is None or cycle.state != "open":
            return
        time_zones, shards = cycle.time_zones, cycle.shards
    named = slot.as_dict() if slot else None
    page, next_start = raters.raters_page(org, cycle_id, shard, start, INVITE_PAGE)
    chosen = [
        r.employee_id
        for r in page
        if r.invited_at
        and not r.undeliverable_at
        and (time_zone is None or reminders.slot_time_zone(r.time_zone, time_zones) == time_zone)
    ]
    chained = carry is not None
    bundles = _bundles([*(carry or ()), *chosen])
    next_shard = shard + 1 if chained and not next_start and shard + 1 < shards else None
    goes_on = bool(next_start) or next_shard is not None
    partial = bundles[-1] if bundles and len(bundles[-1]) < INVITE_BUNDLE else []
    handed_on = len(bundles) == 1 and bool(carry)  # the partial bundle holds raters of earlier pages
    carries = chained and goes_on and bool(partial) and (len(partial) <= INVITE_BUNDLE // 2 or handed_on)
    carried = bundles.pop() if carries else []
    jobs.send(
        "invitations",
        [
            {
                "kind": "reminder",
                "org": org,
                "cycle_id": cycle_id,
                "rater_ids": bundle,
                "shards": shards,
                "round": round_id,
                "slot": named,
            }
            for bundle in bundles
        ],
    )
    if goes_on:
        on = next_shard if next_shard is not None else shard  # the next shard, or this one's next page
        job = _remind_job(org, cycle_id, time_zone, time_zones, round_id, on, shards, next_start or None, named)
        jobs.send("jobs", [{**job, "carry": carried} if chained else job])


# ---------------------------------------------------------------------------- launch fan-out
@dataclass(frozen=True)
class Launch:
    """What a launch reads and writes: the cycle, its subjects, their assignments and the cycle's progress."""

    cycles: CycleStore
    subjects: SubjectStore
    assignments: AssignmentStore
    progress: ProgressStore


def launch_page(
    org: str, cycle_id: str, shard: int, start: dict[str, Any] | None, count: int, launch: Launch, jobs: Jobs
) -> None:
    """Turn one page of one shard's subjects into assignments; continue or count the shard done."""
    cycle = launch.cycles.get(org, cycle_id)
    job_id = f"launch-{shard}"
    if cycle is None or cycle.state != "open" or cycle.launch_pending <= 0:
        return
    subjects, next_start = launch.subjects.subjects_page(org, cycle_id, shard, start, LAUNCH_PAGE)
    assignments = [
        Assignment(
            org=org,
            cycle_id=cycle_id,
            subject_id=s.employee_id,
            rater_id=r.id,
            relationship=r.relationship,
            status="pending",
            competencies=s.competencies,
            ratings={},
            comments={},
            overall=None,
            submitted_at=None,
            subject_name=s.name,
        )
        for s in subjects
        for r in s.raters
    ]
    launch.assignments.put_assignments(assignments, cycle.shards)
    count += len(assignments)
    if next_start:
        jobs.send(
            "jobs",
            [{"job": "launch", "org": org, "cycle_id": cycle_id, "shard": shard, "start": next_start, "count": count}],
        )
        return
    remaining = launch.cycles.count_job(org, cycle_id, "launch_pending", job_id)
    if remaining >= 0:
        launch.progress.add_progress(org, cycle_id, job_id, assignments=count)
    if remaining == 0:
        jobs.send(
            "jobs",
            [
                {"job": "invite", "org": org, "cycle_id": cycle_id, "shard": n, "shards": cycle.shards, "start": None}
                for n in range(cycle.shards)
            ],
        )


def invite_page(
    org: str,
    cycle_id: str,
    shard: int,
    start: dict[str, Any] | None,
    raters: RaterStore,
    jobs: Jobs,
    shards: int | None = None,
) -> None:
    """The invitations of one page of one shard's raters, a message per bundle of ``INVITE_BUNDLE``;
    each names the cycle's shards (None in a job queued before jobs carried them)."""
    page, next_start = raters.raters_page(org, cycle_id, shard, start, INVITE_PAGE)
    ids = [r.employee_id for r in page]
    jobs.send(
        "invitations",
        [
            {"kind": "invitation", "org": org, "cycle_id": cycle_id, "rater_ids": bundle, "shards": shards}
            for bundle in _bundles(ids)
        ],
    )
    if next_start:
        jobs.send(
            "jobs",
            [
                {
                    "job": "invite",
                    "org": org,
                    "cycle_id": cycle_id,
                    "shard": shard,
                    "shards": shards,
                    "start": next_start,
                }
            ],
        )
