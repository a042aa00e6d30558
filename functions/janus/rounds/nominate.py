"""Choosing a cycle's raters: HR's edits, the subjects' proposals of peers and their managers'
decisions, and taking a rater off a subject, before launch or after.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from janus.invitations.messages import ProposalsWaiting
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from janus.kernel.jobs import Jobs
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds.create import cycle_or_404
from janus.rounds.cycle import EDITABLE_STATES, Cycle
from janus.rounds.entities import Subject
from janus.rounds.nominations import Nominee, parse_edit, shortfalls
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_raters import RaterStore
from janus.rounds.store_subjects import SubjectStore
from janus.store import ConditionFailed


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
    cycle_or_404(roster.cycles, org, cycle_id)
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
    roster.raters.add_loads(cycle.org, cycle.id, dict(deltas), cycle.shards, subject.employee_id)
    roster.cycles.add_short(cycle.org, cycle.id, int(bool(gaps)) - int(bool(subject.shortfalls)))
    return updated


def put_raters(
    org: str, cycle_id: str, subject_id: str, body: Any, roster: Roster, directory: DynamoEmployeeDirectory
) -> dict[str, Any]:
    cycle = cycle_or_404(roster.cycles, org, cycle_id)
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
    jobs: Jobs,
) -> dict[str, Any]:
    """The subject proposes colleagues as peers; their manager decides, and is told by e-mail of those
    this proposal adds (a subject without a manager is HR's to decide: nobody is told)."""
    if caller.sub != subject_id:
        raise Forbidden("only the subject proposes their own peers")
    cycle = cycle_or_404(roster.cycles, org, cycle_id)
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
    added = [p for p in dict.fromkeys(peers) if p not in already]
    proposals = subject.proposals + tuple({"id": p, "status": "proposed"} for p in added)
    roster.subjects.save_subject(replace(subject, proposals=proposals))
    if added and subject.manager_id:
        waiting = ProposalsWaiting(
            org=org, cycle_id=cycle_id, manager_id=subject.manager_id, subject_id=subject_id, proposal_ids=added
        )
        jobs.send("invitations", [waiting.encode()])
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
    cycle = cycle_or_404(roster.cycles, org, cycle_id)
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
    cycle = cycle_or_404(roster.cycles, org, cycle_id)
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


def _with(subject: Subject, raters: Sequence[Nominee], gaps: list[dict[str, Any]], *, derived: bool) -> Subject:
    return replace(subject, raters=tuple(raters), shortfalls=tuple(gaps), derived=derived or subject.derived)
