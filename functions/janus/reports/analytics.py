"""HR's analytics per cycle, gathered while the reports are built and merged at the end.

Everything here is a sum (counts, totals, sums of squares), so the pieces built by many
report jobs merge into one answer without reading any response twice. The heat map adds up only
the ratings each report showed in its "all others" (docs/anonymity.md): a department's mean is a
sum of figures its reports show, so it can never be the difference that gives a hidden answer away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from janus.library import library
from janus.reports.disclosure import Answer, Policy, disclose, others_ratings
from janus.reports.stats import Alpha, OneWay
from janus.rounds.entities import Assignment

GROUPS = ("self", "manager", "peer", "direct_report", "other")


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class Analytics:
    """HR's analytics of a cycle as its report pages add them up: response rates, the heat map, reliability and rater
    spread; a page carries its sums on to the next."""

    # department -> group -> [asked, submitted]
    rates: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # department -> competency -> [sum of ratings counted in "all others", their number, raters, raters counted]
    heat: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    alpha: dict[str, Alpha] = field(default_factory=dict)
    raters: OneWay = field(default_factory=OneWay)

    def add_subject(
        self,
        department: str,
        competencies: Sequence[str],
        asked: Sequence[str],
        submitted: Sequence[Assignment],
        *,
        policy: Policy,
    ) -> None:
        """One subject: the relationship of each rater asked, and the responses submitted, under the cycle's policy."""
        lib = library()
        answers = [Answer(a.relationship, a.ratings) for a in submitted]
        questions = {cid: [q.id for q in lib.competency(cid).questions] for cid in competencies}
        disclosure = disclose(answers, [q for qs in questions.values() for q in qs], policy)
        for cid in competencies:
            rated = sum(
                1 for a in answers if a.relationship != "self" and any(a.numeric(q) is not None for q in questions[cid])
            )
            counted = others_ratings(disclosure, questions[cid])
            if rated:
                cell = self.heat.setdefault(department, {}).setdefault(cid, [0.0, 0, 0, 0])
                cell[0] += sum(sum(row) for row in counted)
                cell[1] += sum(len(row) for row in counted)
                cell[2] += rated
                cell[3] += len(counted)
        rates = self.rates.setdefault(department, {})
        for relationship in asked:
            rates.setdefault(relationship, [0, 0])[0] += 1
        for a in submitted:
            rates.setdefault(a.relationship, [0, 0])[1] += 1
        rater_means = []
        for a in submitted:
            if a.relationship != "self":
                values = [float(v) for v in a.ratings.values() if _numeric(v)]
                if values:
                    rater_means.append(fmean(values))
            for cid in competencies:
                items = [a.ratings.get(q.id) for q in lib.competency(cid).questions]
                if all(_numeric(v) for v in items):
                    self.alpha.setdefault(cid, Alpha()).add([float(v) for v in items])
        if rater_means:
            self.raters.add_group(rater_means)

    def merge(self, other: Analytics) -> Analytics:
        for department, groups in other.rates.items():
            mine = self.rates.setdefault(department, {})
            for group, (asked, done) in groups.items():
                counts = mine.setdefault(group, [0, 0])
                counts[0] += asked
                counts[1] += done
        for department, cells in other.heat.items():
            mine_cells = self.heat.setdefault(department, {})
            for cid, values in cells.items():
                cell = mine_cells.setdefault(cid, [0.0, 0, 0, 0])
                for i, value in enumerate(values):
                    cell[i] += value
        for cid, alpha in other.alpha.items():
            self.alpha[cid] = self.alpha[cid].merge(alpha) if cid in self.alpha else alpha
        self.raters = self.raters.merge(other.raters)
        return self

    def as_dict(self) -> dict[str, Any]:
        return {
            "rates": self.rates,
            "heat": self.heat,
            "alpha": {cid: a.as_dict() for cid, a in self.alpha.items()},
            "raters": self.raters.as_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Analytics:
        if not data:
            return cls()
        return cls(
            rates=data["rates"],
            heat=data["heat"],
            alpha={cid: Alpha.from_dict(a) for cid, a in data["alpha"].items()},
            raters=OneWay.from_dict(data["raters"]),
        )

    def finish(self, threshold: int) -> dict[str, Any]:
        """HR's view: response rates, the heat map (a mean only over at least ``threshold`` raters counted in their
        reports' "all others"; ``raters`` is how many rated), instrument quality."""

        def rate(asked: int, done: int) -> dict[str, Any]:
            return {"asked": asked, "submitted": done, "rate": round(done / asked, 3) if asked else None}

        by_group: dict[str, list[int]] = {}
        for groups in self.rates.values():
            for group, (asked, done) in groups.items():
                counts = by_group.setdefault(group, [0, 0])
                counts[0] += asked
                counts[1] += done
        departments = {
            department: {
                "all": rate(sum(c[0] for c in groups.values()), sum(c[1] for c in groups.values())),
                "by_group": {g: rate(*groups[g]) for g in GROUPS if g in groups},
            }
            for department, groups in sorted(self.rates.items())
        }
        heat = {
            department: {
                cid: {
                    "mean": round(total / count, 2) if counted >= threshold and count else None,
                    "raters": int(raters),
                }
                for cid, (total, count, raters, counted) in sorted(cells.items())
            }
            for department, cells in sorted(self.heat.items())
        }
        alpha_values = {cid: a.value() for cid, a in sorted(self.alpha.items())}
        return {
            "response_rates": {
                "by_department": departments,
                "by_group": {g: rate(*by_group[g]) for g in GROUPS if g in by_group},
            },
            "heat_map": heat,
            "instrument": {
                "cronbach_alpha": {cid: round(v, 3) if v is not None else None for cid, v in alpha_values.items()},
                "rater_icc1": (lambda v: round(v, 3) if v is not None else None)(self.raters.icc1()),
            },
            "threshold": threshold,
        }
