"""The fan-out that turns a launch into assignments and one invitation per rater.

Every piece of fan-out work is bounded (a page of a shard) and idempotent, so a 10,000-subject
cycle launches without any invocation doing unbounded work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from janus.invitations.messages import InvitationBundle
from janus.kernel.jobs import Jobs
from janus.rounds.entities import Assignment
from janus.rounds.messages import InvitePage, LaunchPage
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.store_subjects import SubjectStore

# Subjects a launch job turns into assignments: about 1,480, in 60 BatchWriteItem requests.
LAUNCH_PAGE = 200
# Raters one invitations message names: the cycle, the settings and 98 raters' states and names are
# 198 keys (two BatchGetItem); their claims are one transaction, their marks and the count another
# (99 items: a transaction takes 100).
INVITE_BUNDLE = 98
# Raters an invite or remind job reads (one Query page): ten bundles, one SendMessageBatch.
INVITE_PAGE = 10 * INVITE_BUNDLE


def bundles_of(rater_ids: Sequence[str]) -> list[list[str]]:
    """The raters of a page (and any handed on), in invitations messages of ``INVITE_BUNDLE``."""
    return [list(rater_ids[n : n + INVITE_BUNDLE]) for n in range(0, len(rater_ids), INVITE_BUNDLE)]


@dataclass(frozen=True)
class Launch:
    """What a launch reads and writes: the cycle, its subjects, their assignments and the cycle's progress."""

    cycles: CycleStore
    subjects: SubjectStore
    assignments: AssignmentStore
    progress: ProgressStore


def launch_page(
    org: str,
    cycle_id: str,
    shard: int,
    start: dict[str, Any] | None,
    count: int,
    launch: Launch,
    jobs: Jobs,
    departments: Mapping[str, int] | None = None,
) -> None:
    """Turn one page of one shard's subjects into assignments; continue, or count the shard's assignments
    (in all and by department) and the shard done. ``count`` and ``departments``: those of its earlier pages."""
    cycle = launch.cycles.get(org, cycle_id)
    job_id = f"launch-{shard}"
    if cycle is None or cycle.state != "open":
        return
    if cycle.launch_pending <= 0:
        # Every shard is counted, so this job was delivered again: if the first delivery of the last one
        # ended after counting and before handing on, this one hands on (the invitations go once anyway).
        if "launch" not in cycle.handed_on:
            _hand_on_to_invitations(org, cycle_id, cycle.shards, launch, jobs)
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
            department=s.department,
        )
        for s in subjects
        for r in s.raters
    ]
    launch.assignments.put_assignments(assignments, cycle.shards)
    count += len(assignments)
    by_department = Counter(departments or {})
    by_department.update(a.department for a in assignments if a.department)
    if next_start:
        next_page = LaunchPage(
            org=org, cycle_id=cycle_id, shard=shard, start=next_start, count=count, departments=dict(by_department)
        )
        jobs.send("jobs", [next_page.encode()])
        return
    # Counted before the shard is counted done, each counter once: a job delivered again after either
    # step, or after a part of the first, counts nothing twice and leaves nothing out.
    launch.progress.count_launch(org, cycle_id, job_id, count, dict(by_department))
    remaining = launch.cycles.count_job(org, cycle_id, "launch_pending", job_id)
    if remaining == 0:
        _hand_on_to_invitations(org, cycle_id, cycle.shards, launch, jobs)


def _hand_on_to_invitations(org: str, cycle_id: str, shards: int, launch: Launch, jobs: Jobs) -> None:
    pages = [InvitePage(org=org, cycle_id=cycle_id, shard=n, start=None, shards=shards) for n in range(shards)]
    jobs.send("jobs", [page.encode() for page in pages])
    launch.cycles.handed_on(org, cycle_id, "launch")


def invite_page(
    org: str,
    cycle_id: str,
    shard: int,
    start: dict[str, Any] | None,
    raters: RaterStore,
    jobs: Jobs,
    shards: int,
) -> None:
    """The invitations of one page of one shard's raters, a message per bundle of ``INVITE_BUNDLE``;
    each names the cycle's shards."""
    page, next_start = raters.raters_page(org, cycle_id, shard, start, INVITE_PAGE)
    ids = [r.employee_id for r in page]
    bundles = [InvitationBundle(org=org, cycle_id=cycle_id, rater_ids=ids, shards=shards) for ids in bundles_of(ids)]
    jobs.send("invitations", [bundle.encode() for bundle in bundles])
    if next_start:
        next_page = InvitePage(org=org, cycle_id=cycle_id, shard=shard, start=next_start, shards=shards)
        jobs.send("jobs", [next_page.encode()])
