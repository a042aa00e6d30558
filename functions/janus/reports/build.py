"""The subject's 360 report, built from the submitted answers, with anonymity enforced here.

What each figure may aggregate is decided in ``janus.reports.disclosure`` (the rule, and why no
subtraction of shown figures recovers a hidden answer, is in docs/anonymity.md); this module turns
those figures into scores, counts, gaps, agreement and comments. The template only shows what this
module lets through.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from statistics import fmean
from typing import Any

from janus.library import library
from janus.reports import stats
from janus.reports.disclosure import ALL_OTHERS, GROUPS, OTHER_GROUPS, Answer, Disclosure, Policy, disclose

__all__ = ["ALL_OTHERS", "Answer", "Policy", "build_report", "summary"]

LOW_AGREEMENT = 0.5
TOP = 3


def _scores(disclosure: Disclosure, questions: Sequence[str]) -> tuple[dict, dict, list[str]]:
    """Per group shown over these questions its mean and number of raters, and the groups that rated but are hidden."""
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    for group in (*GROUPS, ALL_OTHERS):
        if values := disclosure.values(group, questions):
            scores[group] = round(fmean(values), 2)
            counts[group] = len(disclosure.raters(group, questions))
    hidden = sorted({g for q in questions for g in disclosure.behaviours[q].hidden} - set(scores))
    return scores, counts, hidden


def _gap(scores: dict[str, float], policy: Policy) -> tuple[float | None, str | None]:
    if "self" not in scores or ALL_OTHERS not in scores:
        return None, None
    gap = round(scores["self"] - scores[ALL_OTHERS], 2)
    if gap >= policy.gap_threshold:
        return gap, "blind_spot"
    if gap <= -policy.gap_threshold:
        return gap, "hidden_strength"
    return gap, None


def _agreement(disclosure: Disclosure, questions: Sequence[str]) -> dict[str, Any] | None:
    rows = disclosure.agreement_rows(questions)
    if not rows:
        return None
    value = round(stats.rwg_j(rows, options=5), 2)
    return {"rwg": value, "low": value < LOW_AGREEMENT, "raters": len(rows)}


def _order(texts: Iterable[str]) -> list[str]:
    # A fixed order that has nothing to do with who wrote what or when.
    return sorted(texts, key=lambda text: hashlib.sha256(text.encode()).hexdigest())


def _comments(disclosure: Disclosure, pick: Callable[[Answer], str | None], questions: Sequence[str]) -> list[str]:
    """Comments of the raters whose ratings a shown figure holds (never the subject's own), unattributed."""
    answers = disclosure.answers
    return _order(text.strip() for i in disclosure.seen(questions) if (text := pick(answers[i])) and text.strip())


def _groups(disclosure: Disclosure, answers: Sequence[Answer], questions: Sequence[str]) -> list[dict[str, Any]]:
    responders = {g: sum(1 for a in answers if a.relationship == g) for g in GROUPS}
    groups = []
    for group in GROUPS:
        shown = bool(disclosure.cells(group, questions))
        entry: dict[str, Any] = {"id": group, "responses": responders[group], "shown": shown}
        if not shown:
            entry["reason"] = (
                "none" if responders[group] == 0 else ("not_identified" if group == "manager" else "below_threshold")
            )
        groups.append(entry)
    others = len(disclosure.raters(ALL_OTHERS, questions))
    groups.append(
        {
            "id": ALL_OTHERS,
            "responses": others,
            "shown": bool(others),
            **({} if others else {"reason": "below_threshold"}),
        }
    )
    return groups


def _anonymity(disclosure: Disclosure, groups: list[dict[str, Any]], questions: Sequence[str]) -> list[dict[str, Any]]:
    """What this report did with each group not shown on its own: counted in "all others", or left out, and why."""
    entries = []
    for entry in groups:
        if entry["id"] in OTHER_GROUPS and not entry["shown"] and entry["responses"]:
            counted, why = disclosure.in_others(entry["id"], questions) or ("none", "too_few")
            entries.append({"group": entry["id"], "responses": entry["responses"], "in_others": counted, "why": why})
    return entries


def _first_page(
    groups: list[dict[str, Any]], sections: list[dict[str, Any]], focus: list[dict[str, Any]]
) -> dict[str, Any]:
    """The one-page summary, made only of figures the report shows elsewhere: sorted by size, each list capped."""
    rated = [s for s in sections if ALL_OTHERS in s["scores"]]

    def entry(section: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
        return {"competency": section["id"], "name": section["name"], key: value}

    def score(section: dict[str, Any]) -> dict[str, Any]:
        return entry(section, "score", section["scores"][ALL_OTHERS])

    best = sorted(rated, key=lambda s: (-s["scores"][ALL_OTHERS], s["id"]))[: min(TOP, (len(rated) + 1) // 2)]
    worst = [s for s in sorted(rated, key=lambda s: (s["scores"][ALL_OTHERS], s["id"])) if s not in best][:TOP]

    def largest(flag: str, size: Callable[[dict[str, Any]], float]) -> dict[str, Any] | None:
        found = sorted((s for s in sections if s["flag"] == flag), key=lambda s: (-size(s), s["id"]))
        return entry(found[0], "gap", found[0]["gap"]) if found else None

    low = [s for s in sections if s["agreement"] and s["agreement"]["low"]]
    split = sorted(low, key=lambda s: (s["agreement"]["rwg"], s["id"]))
    return {
        "respondents": [{"group": g["id"], "responses": g["responses"]} for g in groups],
        "strongest": [score(s) for s in best],
        "weakest": [score(s) for s in worst],
        "blind_spot": largest("blind_spot", lambda s: s["gap"]),
        "hidden_strength": largest("hidden_strength", lambda s: -s["gap"]),
        "disagreement": [entry(s, "rwg", s["agreement"]["rwg"]) for s in split[:TOP]],
        "focus": [score(s) for s in focus],
    }


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
    disclosure = disclose(answers, all_questions, policy)
    groups = _groups(disclosure, answers, all_questions)

    sections, behaviours_seen = [], []
    for cid in competencies:
        competency = lib.competency(cid)
        questions = [q.id for q in competency.questions]
        scores, counts, hidden = _scores(disclosure, questions)
        gap, flag = _gap(scores, policy)
        behaviours = []
        for q in competency.questions:
            b_scores, b_counts, b_hidden = _scores(disclosure, [q.id])
            b_gap, b_flag = _gap(b_scores, policy)
            behaviour = {
                "id": q.id,
                "text": q.get(locale),
                "scores": b_scores,
                "counts": b_counts,
                "hidden": b_hidden,
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
                "hidden": hidden,
                "gap": gap,
                "flag": flag,
                "agreement": _agreement(disclosure, questions),
                "behaviours": behaviours,
                "comments": _comments(disclosure, lambda a, c=cid: (a.comments or {}).get(c), questions),
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
        return sorted(found, key=lambda item: -abs(item["gap"]))

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
    recommendations = [
        {
            "competency": s["id"],
            "name": s["name"],
            "items": [r.get(locale) for r in lib.competency(s["id"]).recommendations],
        }
        for s in lowest_competencies
    ]
    focus = [s for s in lowest_competencies if any(r["competency"] == s["id"] and r["items"] for r in recommendations)]
    return {
        "cycle": cycle,
        "subject": subject,
        "locale": locale,
        "threshold": policy.threshold,
        "gap_threshold": policy.gap_threshold,
        "groups": groups,
        "summary": _first_page(groups, sections, focus),
        "anonymity": _anonymity(disclosure, groups, all_questions),
        "competencies": sections,
        "blind_spots": flagged("blind_spot"),
        "hidden_strengths": flagged("hidden_strength"),
        "highest": brief(ranked[:TOP]),
        "lowest": brief(list(reversed(ranked))[:TOP]) if len(ranked) > TOP else brief(list(reversed(ranked))),
        "overall_comments": _comments(disclosure, lambda a: a.overall, all_questions),
        "recommendations": recommendations,
    }


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """What the ReportReady event carries: enough for escalation rules, no comments and no raters."""
    overall = [s["scores"][ALL_OTHERS] for s in report["competencies"] if ALL_OTHERS in s["scores"]]
    return {
        "others_overall": round(fmean(overall), 2) if overall else None,
        "competencies": {s["id"]: s["scores"].get(ALL_OTHERS) for s in report["competencies"]},
        "responses": {g["id"]: g["responses"] for g in report["groups"]},
    }
