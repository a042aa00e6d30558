"""Who rates whom: raters derived from the hierarchy, shortfalls, and edits by HR and managers.

Derivation asks, per kind: the subject themself; their manager; their direct reports; and
peers (colleagues who share the manager), chosen least-loaded first so that no rater is
asked about more than the cycle's workload cap. Self, manager and direct reports are
structural and always asked; the cap limits the peers, the group where a choice exists.
Self and manager forms are known from the subjects alone, so they are counted for the whole
cycle before any peer is chosen (``reserved_loads``): a colleague derived late is not filled
to the cap with peer forms and then handed their own self-assessment on top.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from janus.kernel.errors import InvalidInput, Problem
from janus.people.employees import Employee
from janus.rounds.cycle import GROUPS_BY_KIND, CycleConfig


@dataclass(frozen=True)
class Nominee:
    """A rater asked about a subject: who, in which relationship, and who chose them."""

    id: str
    relationship: str
    source: str = "derived"  # derived | proposed | hr

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "relationship": self.relationship, "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Nominee:
        return cls(id=data["id"], relationship=data["relationship"], source=data.get("source", "derived"))


def _tiebreak(cycle_id: str, subject_id: str, rater_id: str) -> int:
    # Stable, but different per subject, so equal loads do not always pick the same colleague.
    return zlib.crc32(f"{cycle_id}/{subject_id}/{rater_id}".encode())


RESERVED = ("self", "manager")


def reserved_loads(kind: str, subjects: Sequence[Employee]) -> dict[str, int]:
    """The self and manager forms of a cycle, per rater, before anyone's peers are chosen."""
    loads: dict[str, int] = {}
    for subject in subjects:
        loads[subject.id] = loads.get(subject.id, 0) + 1
        if "manager" in GROUPS_BY_KIND[kind] and subject.manager_id:
            loads[subject.manager_id] = loads.get(subject.manager_id, 0) + 1
    return loads


def derive(
    *,
    cycle_id: str,
    kind: str,
    config: CycleConfig,
    subject: Employee,
    reports: Sequence[Employee],
    peers: Sequence[Employee],
    loads: dict[str, int],
    reserved: bool = False,
) -> list[Nominee]:
    """The subject's raters; ``loads`` (rater id -> forms so far) is updated as raters are chosen.

    With ``reserved``, ``loads`` already holds the cycle's self and manager forms (``reserved_loads``).
    """
    groups = GROUPS_BY_KIND[kind]
    chosen = [Nominee(subject.id, "self")]
    if "manager" in groups and subject.manager_id:
        chosen.append(Nominee(subject.manager_id, "manager"))
    if "direct_report" in groups:
        _, most = config.bounds["direct_report"]
        chosen += [Nominee(r.id, "direct_report") for r in sorted(reports, key=lambda r: r.id) if r.active][:most]
    if "peer" in groups:
        _, most = config.bounds["peer"]
        candidates = sorted(
            (p for p in peers if p.active and p.id != subject.id),
            key=lambda p: (loads.get(p.id, 0), _tiebreak(cycle_id, subject.id, p.id)),
        )
        for peer in candidates:
            if sum(1 for n in chosen if n.relationship == "peer") >= most:
                break
            if loads.get(peer.id, 0) < config.workload_cap:
                chosen.append(Nominee(peer.id, "peer"))
                loads[peer.id] = loads.get(peer.id, 0) + 1
    for nominee in chosen:
        if nominee.relationship != "peer" and not (reserved and nominee.relationship in RESERVED):
            loads[nominee.id] = loads.get(nominee.id, 0) + 1
    return chosen


@dataclass(frozen=True)
class Derived:
    """One subject's raters and the groups they fall short in."""

    subject: Employee
    raters: tuple[Nominee, ...]
    shortfalls: tuple[dict[str, Any], ...]


def derive_all(
    *,
    cycle_id: str,
    kind: str,
    config: CycleConfig,
    subjects: Sequence[Employee],
    team: Callable[[str], Sequence[Employee]],
) -> tuple[list[Derived], dict[str, int]]:
    """Every subject's raters, in one pass, and each rater's load (forms asked) for the whole cycle.

    ``team(manager_id)`` is the manager's direct reports, active or not: a subject's peers are
    their manager's team, and a subject's direct reports their own. Subjects are derived in id
    order, so the same organisation and cycle always give the same raters.
    """
    loads = reserved_loads(kind, subjects)
    groups = GROUPS_BY_KIND[kind]
    derived = []
    for subject in sorted(subjects, key=lambda e: e.id):
        raters = derive(
            cycle_id=cycle_id,
            kind=kind,
            config=config,
            subject=subject,
            reports=team(subject.id) if "direct_report" in groups else [],
            peers=team(subject.manager_id) if "peer" in groups and subject.manager_id else [],
            loads=loads,
            reserved=True,
        )
        gaps = shortfalls(kind, config, raters, has_manager=subject.manager_id is not None)
        derived.append(Derived(subject, tuple(raters), tuple(gaps)))
    return derived, {rater: load for rater, load in loads.items() if load > 0}


def shortfalls(kind: str, config: CycleConfig, raters: Sequence[Nominee], has_manager: bool) -> list[dict[str, Any]]:
    """Each group below its minimum: what launch would refuse."""
    result = []
    for group in GROUPS_BY_KIND[kind]:
        low, _ = config.bounds[group]
        if group == "manager" and not has_manager:
            continue
        have = sum(1 for rater in raters if rater.relationship == group)
        if have < low:
            result.append({"relationship": group, "have": have, "min": low})
    return result


def parse_edit(
    body: Any, *, kind: str, config: CycleConfig, subject: Employee, known: Mapping[str, Employee]
) -> list[Nominee]:
    """HR's replacement list of raters for one subject, checked whole."""
    raters = body.get("raters") if isinstance(body, dict) else None
    if not isinstance(raters, list):
        raise InvalidInput('send {"raters": [{"id", "relationship"}, ...]}')
    groups = GROUPS_BY_KIND[kind]
    problems: list[Problem] = []
    seen: set[str] = set()
    result: list[Nominee] = []
    for number, rater in enumerate(raters, start=1):
        where = f"raters[{number}]"
        if not isinstance(rater, dict) or not isinstance(rater.get("id"), str):
            problems.append(Problem('must be {"id", "relationship"}', field=where))
            continue
        rater_id, relationship = rater["id"], rater.get("relationship")
        if relationship not in groups:
            problems.append(Problem(f"relationship must be one of {', '.join(groups)}", field=f"{where}.relationship"))
        elif (relationship == "self") != (rater_id == subject.id):
            problems.append(Problem("the subject, and only the subject, is 'self'", field=f"{where}.relationship"))
        employee = known.get(rater_id)
        if employee is None or not employee.active:
            problems.append(Problem(f"'{rater_id}' is not an active employee of the organisation", field=f"{where}.id"))
        if rater_id in seen:
            problems.append(Problem(f"'{rater_id}' is listed more than once", field=f"{where}.id"))
        seen.add(rater_id)
        if relationship in groups:
            result.append(Nominee(rater_id, relationship, source="hr"))
    for group in groups:
        _, most = config.bounds[group]
        have = sum(1 for n in result if n.relationship == group)
        if have > most:
            problems.append(Problem(f"{have} raters in '{group}', at most {most}", field="raters"))
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the raters; nothing was changed", problems)
    return result
