"""Moving a cycle through its states: HR's or automation's events, one path whichever way they
arrive, the deadline, and the timers and jobs each transition sets going.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from janus.invitations.messages import ClosedByDeadline
from janus.kernel import clock
from janus.kernel.errors import Conflict, InvalidInput, Problem
from janus.kernel.jobs import Jobs
from janus.reports.access import release_jobs, report_jobs
from janus.rounds import timers as reminders
from janus.rounds.create import cycle_or_404, cycle_view
from janus.rounds.cycle import TRANSITIONS, Cycle
from janus.rounds.messages import LaunchPage
from janus.rounds.new_cycle import parse_deadline
from janus.rounds.remind import remind_jobs
from janus.rounds.schedules import DeadlineSchedules, ReminderSchedules
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_subjects import SubjectStore
from janus.store import ConditionFailed

if TYPE_CHECKING:
    from janus.people.organisation import OrgSettings

SHORT_LIST = 50
GROUP_NAMES = {
    "self": "self",
    "manager": "manager",
    "peer": "peers",
    "direct_report": "direct reports",
    "other": "others",
}


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


class Organisations(Protocol):
    def get(self, org: str) -> OrgSettings: ...


@dataclass(frozen=True)
class Ledger:
    """What a cycle's events read and write: the cycle, its short subjects (why a launch is refused),
    its progress (in the view they answer with) and the organisation's settings (whom a deadline tells)."""

    cycles: CycleStore
    subjects: SubjectStore
    progress: ProgressStore
    orgs: Organisations


def apply_event(org: str, cycle_id: str, body: Any, ledger: Ledger, jobs: Jobs, timers: CycleTimers) -> dict[str, Any]:
    """HR's or automation's event: one path, whichever way it arrives."""
    if not isinstance(body, dict) or body.get("type") not in TRANSITIONS:
        raise InvalidInput(f"'type' must be one of {', '.join(TRANSITIONS)}", [Problem("unknown event", "type")])
    kind = body["type"]
    from_states, to_state = TRANSITIONS[kind]
    cycle = cycle_or_404(ledger.cycles, org, cycle_id)
    if kind == "remind":
        if cycle.state != "open":
            raise Conflict(f"cannot remind in a cycle that is {cycle.state}")
        manual = f"manual-{clock.now().date().isoformat()}"
        jobs.send("reminders", remind_jobs(org, cycle_id, cycle.time_zones, cycle.shards, round_id=manual))
        return cycle_view(ledger.progress, cycle)
    deadline: datetime | None = None
    if kind == "extend":
        problems: list[Problem] = []
        deadline = parse_deadline(body.get("deadline"), "deadline", problems, cycle.time_zone)
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
    # A close reads the retention afresh: the reports say it, and the answers are stamped with it.
    months = ledger.orgs.get(org).retention_months if kind == "close" else None
    _follow_up(kind, cycle, moved, jobs, timers, months)
    return cycle_view(ledger.progress, moved)


def _follow_up(
    kind: str, before: Cycle, after: Cycle, jobs: Jobs, timers: CycleTimers, retention_months: int | None = None
) -> None:
    """What a transition sets going: timers, fan-out jobs."""
    org, cycle_id = after.org, after.id
    if kind == "launch":
        timers.start(after)
    if kind == "extend":
        timers.move(before, after)
    if kind in ("close", "cancel") and before.state == "open":
        timers.stop(before)
    if kind == "close":
        assert retention_months is not None
        jobs.send("reports", report_jobs(after, retention_months))
    if kind == "release":
        jobs.send("reports", release_jobs(after))
    if kind == "launch":
        pages = [LaunchPage(org=org, cycle_id=cycle_id, shard=n, start=None, count=0) for n in range(after.shards)]
        jobs.send("jobs", [page.encode() for page in pages])


def _why_not(ledger: Ledger, org: str, cycle_id: str, kind: str, from_states: Sequence[str]) -> Conflict:
    cycle = cycle_or_404(ledger.cycles, org, cycle_id)
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
    """The deadline schedule fired: close the cycle, unless the deadline moved or the cycle moved on,
    and tell the HR lead. Only the call whose transition closed it tells, so a schedule's message
    delivered twice tells once; a close by HR tells nobody (HR did it)."""
    cycle = ledger.cycles.get(org, cycle_id)
    if cycle is None or cycle.state != "open" or cycle.deadline != datetime.fromisoformat(deadline):
        return "not due"
    try:
        apply_event(org, cycle_id, {"type": "close"}, ledger, jobs, timers)
    except Conflict:
        return "closed already"
    hr_lead = ledger.orgs.get(org).escalation.hr_lead
    if hr_lead:  # HR is reached by e-mail only through its lead (docs/architecture.md, "Escalation")
        jobs.send("invitations", [ClosedByDeadline(org=org, cycle_id=cycle_id, hr_lead=hr_lead).encode()])
    return "closed"
