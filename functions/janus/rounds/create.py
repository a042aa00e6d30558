"""Creating a cycle with every subject's raters derived, and HR's views of cycles.

A cycle is created with its raters derived and written whole before it is answered; after that,
every piece of fan-out work is bounded (a page of a shard) and idempotent (janus.rounds.fanout).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import Any

from janus.kernel.errors import InvalidInput, NotFound, Problem
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import timers as reminders
from janus.rounds.cycle import ALL_EMPLOYEES, Cycle, competencies_for, fanout_shards
from janus.rounds.entities import Subject
from janus.rounds.new_cycle import parse_new_cycle, with_departments, with_subjects
from janus.rounds.nominations import derive_all
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import COUNTERS, ProgressStore

# Up to this many subjects, a new cycle asks for the teams it needs (a BatchGetItem, then up to two
# Queries a subject: their own team and their manager's); beyond, reading the organisation costs
# fewer requests (a Query page per shard and MB: 16 up to about 30,000 employees).
FEW_SUBJECTS = 8


def cycle_or_404(cycles: CycleStore, org: str, cycle_id: str) -> Cycle:
    cycle = cycles.get(org, cycle_id)
    if cycle is None:
        raise NotFound(f"no cycle '{cycle_id}' in this organisation")
    return cycle


def create_cycle(
    org: str,
    body: Any,
    directory: DynamoEmployeeDirectory,
    cycles: CycleStore,
    home_time_zone: str = reminders.DEFAULT_TIME_ZONE,
    default_threshold: int = 3,
) -> Cycle:
    """A new cycle with every subject's raters derived, written whole before it is answered.

    Derivation needs the subjects and their managers' and their own teams. A cycle of many
    subjects reads the organisation once (a Query page per shard and MB) and derives from
    memory; a cycle of a few asks for the teams it needs. Either way the cycle, its subjects
    and its raters' loads are written once each (the subjects and loads in transactions of 100,
    the cycle last), and no HR edit can race a derivation still running. ``home_time_zone`` and
    ``default_threshold`` are the organisation's: a date deadline ends in that zone, and a cycle that
    names no anonymity threshold gets that one.
    """
    new = parse_new_cycle(body, home_time_zone, default_threshold)
    employees, team = _hierarchy(org, new.subjects, directory)
    if new.subjects == ALL_EMPLOYEES and new.departments:
        new = with_departments(new, employees.values())
    elif new.subjects == ALL_EMPLOYEES:
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


def response_rate(submitted: int, asked: int) -> float:
    """Responses submitted of forms asked (removed raters' forms no longer count), to three places."""
    return round(submitted / asked, 3) if asked else 0.0


def with_counts(cycle: Cycle, counts: dict[str, int] | None) -> dict[str, Any]:
    """The cycle as HR reads it, with its progress counters (None before launch: nothing counted yet)."""
    progress: dict[str, Any] = dict(counts) if counts is not None else dict.fromkeys(COUNTERS, 0)
    progress["subjects"] = cycle.subject_count
    progress["response_rate"] = response_rate(progress["submitted"], progress["assignments"])
    return cycle.as_dict(progress)


def cycle_view(progress_store: ProgressStore, cycle: Cycle) -> dict[str, Any]:
    return with_counts(cycle, progress_store.progress(cycle.org, cycle.id) if cycle.launched_at else None)


def get_cycle(org: str, cycle_id: str, cycles: CycleStore, progress: ProgressStore) -> dict[str, Any]:
    return cycle_view(progress, cycle_or_404(cycles, org, cycle_id))


def list_cycles(org: str, cycles: CycleStore, progress: ProgressStore) -> list[dict[str, Any]]:
    """The organisation's newest 100 cycles (one Query) with the progress of those launched (their shards in one
    BatchGetItem per six cycles, not one per cycle)."""
    latest = cycles.latest(org)
    counts = progress.progress_of_cycles(org, [c.id for c in latest if c.launched_at])
    return [with_counts(cycle, counts.get(cycle.id)) for cycle in latest]
