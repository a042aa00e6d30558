"""What one review page is written against, read from the other capabilities through their models: the person's
goals (the goals' owner index, with each goal's latest history), the review's competencies and the library's
model evaluations of a top, a good and a poor performer in the person's job class, and the summary of their
latest released 360 report (the rounds' latest cycles, the person's subject records, the report's JSON)."""

from __future__ import annotations

import json
from typing import Any

from janus.library import library

RECENT_CYCLES = 10
GOAL_HISTORY = 5


def competencies_of(ids: tuple[str, ...] | list[str], lang: str) -> list[dict[str, Any]]:
    lib = library()
    return [
        {"id": cid, "name": lib.competency(cid).name.get(lang), "definition": lib.competency(cid).definition.get(lang)}
        for cid in ids
        if lib.has_competency(cid)
    ]


def model_evaluations_of(job_class: str, lang: str) -> dict[str, Any] | None:
    lib = library()
    if not lib.has_job_class(job_class):
        return None
    found = lib.job_class(job_class)
    evaluations = found.model_evaluations
    return {
        "job_class": job_class,
        "job_class_name": found.name.get(lang),
        "top": evaluations.top.get(lang),
        "good": evaluations.good.get(lang),
        "poor": evaluations.poor.get(lang),
    }


def profile_of(job_class: str) -> tuple[str, ...]:
    """The job class's default competencies (at most ten), none for an unknown job class."""
    lib = library()
    return lib.job_class(job_class).profile if lib.has_job_class(job_class) else ()


class Goals:
    """A person's goals with their progress and latest changes: one Query of the owner index, one of each goal's
    history (at most ``limit`` goals)."""

    def __init__(self, store: Any, limit: int = 20):
        self._store = store
        self._limit = limit

    def __call__(self, org: str, owner: str) -> list[dict[str, Any]]:
        goals = self._store.of_owner(org, owner)[: self._limit]
        return [{**goal.as_dict(), "history": self._store.history(org, goal.id, limit=GOAL_HISTORY)} for goal in goals]


class LatestSummary:
    """The first page of a person's latest released 360 report: the organisation's latest cycles (one Query),
    the person's subject records in the released ones (one BatchGetItem), the newest built report (one S3 read)."""

    def __init__(self, cycles: Any, subjects: Any, reports: Any):
        self._cycles = cycles
        self._subjects = subjects
        self._reports = reports

    def __call__(self, org: str, employee_id: str) -> dict[str, Any] | None:
        released = [cycle for cycle in self._cycles.latest(org, limit=RECENT_CYCLES) if cycle.state == "released"]
        if not released:
            return None
        mine = {s.cycle_id: s for s in self._subjects.get_pairs(org, [(c.id, employee_id) for c in released])}
        for cycle in released:  # newest first
            subject = mine.get(cycle.id)
            if subject is None or not subject.report_digest:
                continue
            body = self._reports.get(org, cycle.id, employee_id, "json")
            if body is None:
                continue
            report = json.loads(body)
            return {"cycle_id": cycle.id, "cycle_name": cycle.name, "summary": report.get("summary") or {}}
        return None
