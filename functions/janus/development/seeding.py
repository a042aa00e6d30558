"""Where a plan's first actions come from: the person's latest released 360 report, read as the home page reads
it (the organisation's newest cycles, one Query; the person's subject records in the released ones, one
BatchGetItem; the report's JSON, one S3 GetObject, only when its cycle has not seeded the plan yet), and its
coaching recommendations for the lowest-rated competencies turned into actions linked to their competency."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from janus.development.plan import MAX_ACTIONS, MAX_TITLE, Action, Plan, Seed

RECENT_CYCLES = 50  # as the home page: years of rounds
PER_COMPETENCY = 2  # recommendations taken from each of the report's lowest-rated competencies (three at most)


class ReportSource(Protocol):
    def latest_released(self, org: str, employee_id: str, known: Iterable[str]) -> Seed | None:
        """The newest released report of the person, unless its cycle is among ``known`` (None then, and when
        there is none)."""


class ReleasedReports:
    """The reports on the table and in S3 (the rounds' and the reports' stores), made on first use."""

    def __init__(self, cycles: Callable[[], Any], subjects: Callable[[], Any], reports: Callable[[], Any]):
        self._cycles, self._subjects, self._reports = cycles, subjects, reports

    def latest_released(self, org: str, employee_id: str, known: Iterable[str]) -> Seed | None:
        released = [c for c in self._cycles().latest(org, limit=RECENT_CYCLES) if c.state == "released"]
        if not released:
            return None
        mine = {s.cycle_id: s for s in self._subjects().get_pairs(org, [(c.id, employee_id) for c in released])}
        newest = next((c for c in released if c.id in mine and mine[c.id].report_digest), None)
        if newest is None or newest.id in set(known):
            return None
        raw = self._reports().get(org, newest.id, employee_id, "json")
        if raw is None:
            return None
        report = json.loads(raw)
        return Seed(newest.id, tuple(report.get("recommendations") or ()))

    def all_released(self, org: str, employee_id: str) -> list[dict[str, Any]]:
        """Every released report about the person among the organisation's recent cycles, newest first: the cycle
        and the report as its reader gets it (JSON)."""
        released = [c for c in self._cycles().latest(org, limit=RECENT_CYCLES) if c.state == "released"]
        mine = {s.cycle_id: s for s in self._subjects().get_pairs(org, [(c.id, employee_id) for c in released])}
        found = []
        for cycle in released:
            if cycle.id in mine and mine[cycle.id].report_digest:
                raw = self._reports().get(org, cycle.id, employee_id, "json")
                if raw is not None:
                    found.append({"cycle_id": cycle.id, "cycle_name": cycle.name, "report": json.loads(raw)})
        return found


def seeded(plan: Plan, seed: Seed, now: datetime) -> tuple[Plan, list[dict[str, Any]]]:
    """The plan with the seed's actions added (at most ``PER_COMPETENCY`` a competency, as many as the plan has
    room for) and the cycle recorded, so that the same report never seeds twice; and the history entries."""
    actions = list(plan.actions)
    number = plan.next_action
    added: list[str] = []
    for recommendation in seed.recommendations:
        items = [item for item in recommendation.get("items") or () if isinstance(item, str) and item.strip()]
        for text in items[:PER_COMPETENCY]:
            if len(actions) >= MAX_ACTIONS:
                break
            action = Action(
                id=f"a{number}",
                kind="report",
                title=" ".join(text.split())[:MAX_TITLE],
                competency=recommendation.get("competency"),
                competency_name=recommendation.get("name"),
                cycle_id=seed.cycle_id,
                created_at=now,
                created_by="janus",
                updated_at=now,
            )
            actions.append(action)
            added.append(action.id)
            number += 1
    after = replace(plan, actions=tuple(actions), next_action=number, seeded_from=(*plan.seeded_from, seed.cycle_id),
                    updated_at=now)  # fmt: skip
    entry = {"at": now.isoformat(), "by": "janus", "kind": "seeded", "cycle_id": seed.cycle_id, "actions": added}
    return after, [entry]
