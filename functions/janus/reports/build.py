"""The subject's 360 report, built from the submitted answers, with anonymity enforced here.

Anonymity rules (the template only shows what this module lets through):
- the subject's own answers are always theirs to see; the manager's are shown only when the
  cycle says the manager is identified;
- any other group (peers, direct reports, others) shows scores and comments only where at
  least ``threshold`` of its raters answered that item;
- "all others" combines everyone but the subject. A group too small to be shown counts inside
  it only when the hidden groups together still reach the threshold: otherwise subtracting
  the shown groups from "all others" would reveal the small group;
- "not able to rate" is no answer: a peer who chose it everywhere does not count as a peer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from janus.library import library
from janus.reports import stats

GROUPS = ("self", "manager", "peer", "direct_report", "other")
OTHER_GROUPS = ("manager", "peer", "direct_report", "other")
ALL_OTHERS = "others"
GAP_THRESHOLD = 1.0
LOW_AGREEMENT = 0.5
TOP = 3


@dataclass(frozen=True)
class Answer:
    """One submitted response (whose, only the relationship: reports never know the rater)."""

    relationship: str
    ratings: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    overall: str | None = None

    def numeric(self, question: str) -> float | None:
        value = self.ratings.get(question)
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Policy:
    """What a report may show: the anonymity threshold, whether the manager is named, and the gap that makes a blind
    spot."""

    threshold: int
    manager_identified: bool
    gap_threshold: float = GAP_THRESHOLD


def _shown(group: str, raters: int, policy: Policy) -> bool:
    if raters == 0:
        return False
    if group == "self":
        return True
    if group == "manager" and policy.manager_identified:
        return True
    return raters >= policy.threshold


def _included(
    answers: Sequence[Answer], questions: Sequence[str], policy: Policy
) -> tuple[dict[str, list[Answer]], list[Answer]]:
    """Per group the raters who answered these questions, and who counts in "all others"."""
    by_group: dict[str, list[Answer]] = {g: [] for g in GROUPS}
    for answer in answers:
        if any(answer.numeric(q) is not None for q in questions):
            by_group[answer.relationship].append(answer)
    shown = [g for g in OTHER_GROUPS if _shown(g, len(by_group[g]), policy)]
    hidden = [g for g in OTHER_GROUPS if g not in shown and by_group[g]]
    others = [a for g in shown for a in by_group[g]]
    if sum(len(by_group[g]) for g in hidden) >= policy.threshold:
        others += [a for g in hidden for a in by_group[g]]
    return by_group, others


def _mean(answers: Iterable[Answer], questions: Sequence[str]) -> float | None:
    values = [v for a in answers for q in questions if (v := a.numeric(q)) is not None]
    return round(fmean(values), 2) if values else None


def _scores(answers: Sequence[Answer], questions: Sequence[str], policy: Policy) -> tuple[dict, dict, list[Answer]]:
    by_group, others = _included(answers, questions, policy)
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    for group in GROUPS:
        if _shown(group, len(by_group[group]), policy) and (score := _mean(by_group[group], questions)) is not None:
            scores[group], counts[group] = score, len(by_group[group])
    if len(others) >= policy.threshold and (score := _mean(others, questions)) is not None:
        scores[ALL_OTHERS], counts[ALL_OTHERS] = score, len(others)
    return scores, counts, others


def _gap(scores: dict[str, float], policy: Policy) -> tuple[float | None, str | None]:
    if "self" not in scores or ALL_OTHERS not in scores:
        return None, None
    gap = round(scores["self"] - scores[ALL_OTHERS], 2)
    if gap >= policy.gap_threshold:
        return gap, "blind_spot"
    if gap <= -policy.gap_threshold:
        return gap, "hidden_strength"
    return gap, None


def _agreement(others: Sequence[Answer], questions: Sequence[str]) -> dict[str, Any] | None:
    rows = [[a.numeric(q) for q in questions] for a in others]
    complete = [row for row in rows if all(v is not None for v in row)]
    if len(complete) < 2:
        return None
    value = round(stats.rwg_j(complete, options=5), 2)
    return {"rwg": value, "low": value < LOW_AGREEMENT, "raters": len(complete)}


def _order(texts: Iterable[str]) -> list[str]:
    # A fixed order that has nothing to do with who wrote what or when.
    return sorted(texts, key=lambda text: hashlib.sha256(text.encode()).hexdigest())


def _comments(answers: Sequence[Answer], pick: Any, questions: Sequence[str], policy: Policy) -> list[str]:
    """Comments of the raters the report counts in "all others" (never the subject's own), unattributed."""
    _, others = _included(answers, questions, policy)
    return _order(text.strip() for a in others if (text := pick(a)) and text.strip())


def build_report(
    *,
    cycle: dict[str, Any],
    subject: dict[str, str],
    competencies: Sequence[str],
    answers: Sequence[Answer],
    policy: Policy,
    locale: str,
) -> dict[str, Any]:
    """The report as data: every number and every text a reader may see, and nothing else."""
    lib = library()
    all_questions = [q.id for cid in competencies for q in lib.competency(cid).questions]
    _, counts_all, _ = _scores(answers, all_questions, policy)
    responders = {g: sum(1 for a in answers if a.relationship == g) for g in GROUPS}
    groups = []
    for group in GROUPS:
        shown = group in counts_all
        entry: dict[str, Any] = {"id": group, "responses": responders[group], "shown": shown}
        if not shown:
            entry["reason"] = (
                "none" if responders[group] == 0 else ("not_identified" if group == "manager" else "below_threshold")
            )
        groups.append(entry)
    groups.append(
        {
            "id": ALL_OTHERS,
            "responses": counts_all.get(ALL_OTHERS, 0),
            "shown": ALL_OTHERS in counts_all,
            **({} if ALL_OTHERS in counts_all else {"reason": "below_threshold"}),
        }
    )

    sections, behaviours_seen = [], []
    for cid in competencies:
        competency = lib.competency(cid)
        questions = [q.id for q in competency.questions]
        scores, counts, others = _scores(answers, questions, policy)
        gap, flag = _gap(scores, policy)
        behaviours = []
        for q in competency.questions:
            b_scores, b_counts, _ = _scores(answers, [q.id], policy)
            b_gap, b_flag = _gap(b_scores, policy)
            behaviour = {
                "id": q.id,
                "text": q.get(locale),
                "scores": b_scores,
                "counts": b_counts,
                "gap": b_gap,
                "flag": b_flag,
            }
            behaviours.append(behaviour)
            behaviours_seen.append((competency, behaviour))
        sections.append(
            {
                "id": cid,
                "name": competency.name.get(locale),
                "definition": competency.definition.get(locale),
                "scores": scores,
                "counts": counts,
                "gap": gap,
                "flag": flag,
                "agreement": _agreement(others, questions) if ALL_OTHERS in scores else None,
                "behaviours": behaviours,
                "comments": _comments(answers, lambda a, c=cid: (a.comments or {}).get(c), questions, policy),
            }
        )

    def flagged(kind: str) -> list[dict[str, Any]]:
        found = [
            {"competency": s["id"], "behaviour": None, "text": s["name"], "gap": s["gap"]}
            for s in sections
            if s["flag"] == kind
        ]
        found += [
            {"competency": c.id, "behaviour": b["id"], "text": b["text"], "gap": b["gap"]}
            for c, b in behaviours_seen
            if b["flag"] == kind
        ]
        return found

    rated = [(c, b) for c, b in behaviours_seen if ALL_OTHERS in b["scores"]]
    ranked = sorted(rated, key=lambda cb: (-cb[1]["scores"][ALL_OTHERS], cb[1]["id"]))

    def brief(pairs: Iterable[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
        return [
            {"id": b["id"], "text": b["text"], "competency": c.name.get(locale), "score": b["scores"][ALL_OTHERS]}
            for c, b in pairs
        ]

    lowest_competencies = sorted(
        (s for s in sections if ALL_OTHERS in s["scores"]), key=lambda s: (s["scores"][ALL_OTHERS], s["id"])
    )[:TOP]
    return {
        "cycle": cycle,
        "subject": subject,
        "locale": locale,
        "threshold": policy.threshold,
        "gap_threshold": policy.gap_threshold,
        "groups": groups,
        "competencies": sections,
        "blind_spots": flagged("blind_spot"),
        "hidden_strengths": flagged("hidden_strength"),
        "highest": brief(ranked[:TOP]),
        "lowest": brief(list(reversed(ranked))[:TOP]) if len(ranked) > TOP else brief(list(reversed(ranked))),
        "overall_comments": _comments(answers, lambda a: a.overall, all_questions, policy),
        "recommendations": [
            {
                "competency": s["id"],
                "name": s["name"],
                "items": [r.get(locale) for r in lib.competency(s["id"]).recommendations],
            }
            for s in lowest_competencies
        ],
    }


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """What the ReportReady event carries: enough for escalation rules, no comments and no raters."""
    overall = [s["scores"][ALL_OTHERS] for s in report["competencies"] if ALL_OTHERS in s["scores"]]
    return {
        "others_overall": round(fmean(overall), 2) if overall else None,
        "competencies": {s["id"]: s["scores"].get(ALL_OTHERS) for s in report["competencies"]},
        "responses": {g["id"]: g["responses"] for g in report["groups"]},
    }
