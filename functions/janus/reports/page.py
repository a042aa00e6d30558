"""A subject's 360 report as one self-contained HTML page (no JavaScript, no external resources).

Rendering only: ``render_report`` takes the report JSON that ``janus.reports.build`` produces — cycle,
subject, locale, threshold, gap_threshold, groups (responses, shown, reason), summary (the first page's
strongest, weakest, blind_spot, hidden_strength, disagreement and focus), competencies (scores,
counts, gap, flag, agreement, behaviours, comments), blind_spots, hidden_strengths, highest,
lowest, overall_comments and recommendations, every text already in the reader's language — and
answers the whole page. The charts are inline SVG (``janus.reports.charts``); every value in them
is also on the page as text. The CSS is one inline ``<style>`` element; a route that sends a Content-Security-Policy
(``style-src 'nonce-…'``) passes its ``nonce``.

Anonymity is decided upstream, but the page keeps to it as well: it shows a score only for a group
whose ``groups`` entry says ``"shown": true``, whatever else the data holds. Missing data (a hidden
group, a competency nobody rated, no self-assessment, no comments) gets a short explanation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from janus.kernel import pages
from janus.library import library
from janus.reports.charts import gap_chart, profile_chart
from janus.reports.view import (
    GROUPS,
    TEMPLATES,
    ReportView,
    dicts_of,
    format_date,
    format_threshold,
    number,
    text_of,
    texts_of,
)

FLAGS = ("blind_spot", "hidden_strength")
TOP = 3
# Flagged behaviours listed before the details; every one of them is flagged in its competency's table too.
FLAGGED_LISTED = 5
LOW_AGREEMENT = 0.5

_ENV = pages.environment(TEMPLATES)


def _check_nonce(nonce: str | None) -> str:
    return "" if nonce is None else pages.check_nonce(nonce)


# --- the page's parts ----------------------------------------------------------------------------


def _respondents(r: ReportView) -> list[dict[str, Any]]:
    """One row per group, in display order: the number of answers and whether the report shows it."""
    rows = []
    for group in GROUPS:
        entry = r.groups.get(group, {})
        responses = int(number(entry.get("responses")) or 0)
        if group in r.shown:
            status = r.t("respondents.shown")
        elif group == "self" and responses == 0:
            status = r.t("respondents.no_self")
        elif entry.get("reason") == "below_threshold":
            status = r.t("respondents.below_threshold", n=r.threshold)
        elif entry.get("reason") == "none" or responses == 0:
            status = r.t("respondents.none")
        else:
            status = r.t("respondents.hidden")
        rows.append(
            {
                "group": group,
                "name": r.t.group(group),
                "responses": responses,
                "status": status,
                "shown": group in r.shown,
            }
        )
    return rows


def _flag(r: ReportView, item: dict[str, Any]) -> dict[str, str] | None:
    flag = item.get("flag")
    return {"id": flag, "text": r.t(f"competencies.flags.{flag}")} if flag in FLAGS else None


def _cells(r: ReportView, item: dict[str, Any], groups: list[str]) -> list[dict[str, Any]]:
    scores = r.scores(item)
    return [
        {
            "group": g,
            "value": r.score(scores[g]) if g in scores else "",
            "missing": "" if g in scores else r.missing(item, g),
        }
        for g in groups
    ]


def _agreement(r: ReportView, c: dict[str, Any]) -> dict[str, Any] | None:
    agreement = c.get("agreement") if isinstance(c.get("agreement"), dict) else {}
    rwg = number(agreement.get("rwg"))
    low = agreement.get("low")
    if not isinstance(low, bool):
        low = rwg is not None and rwg < LOW_AGREEMENT
    if rwg is None and not low:
        return None
    return {"value": r.score(rwg) if rwg is not None else "", "low": low}


def _behaviours(r: ReportView, c: dict[str, Any]) -> dict[str, Any]:
    items = [b for b in dicts_of(c.get("behaviours")) if text_of(b.get("text"))]
    rated = {g for b in items for g in r.scores(b)}
    columns = [g for g in r.shown if g in rated]
    rows = []
    for b in items:
        gap = number(b.get("gap"))
        rows.append(
            {
                "text": text_of(b.get("text")),
                "cells": _cells(r, b, columns),
                "gap": r.gap(gap) if gap is not None else "",
                "flag": _flag(r, b),
            }
        )
    return {"columns": [{"group": g, "name": r.t.group(g)} for g in columns], "rows": rows if columns else []}


def _competency(r: ReportView, c: dict[str, Any]) -> dict[str, Any]:
    scores = r.scores(c)
    gap = number(c.get("gap"))
    return {
        "id": str(c.get("id") or ""),
        "name": text_of(c.get("name")),
        "definition": text_of(c.get("definition")),
        "rated": bool(scores),
        "raw": scores,
        "groups": [
            {"group": g, "name": r.t.group(g), "count": r.count(c, g), **cell}
            for g, cell in zip(r.shown, _cells(r, c, r.shown), strict=True)
        ],
        "gap": r.gap(gap) if gap is not None else "",
        "flag": _flag(r, c),
        "agreement": _agreement(r, c),
        "behaviours": _behaviours(r, c),
        "comments": texts_of(c.get("comments")),
    }


def _summary_items(r: ReportView, items: Any) -> list[dict[str, str]]:
    """Flagged competencies and behaviours, the largest gap first (the rest are flagged in the details)."""
    out = []
    by_size = sorted(dicts_of(items), key=lambda item: -abs(number(item.get("gap")) or 0.0))
    for item in by_size:
        gap = number(item.get("gap"))
        competency = item.get("competency")
        out.append(
            {
                "text": text_of(item.get("text")) or r.names.get(competency, ""),
                "context": r.names.get(competency, "") if item.get("behaviour") else "",
                "gap": r.gap(gap) if gap is not None else "",
                "href": f"#competency-{competency}" if competency in r.names else "",
            }
        )
    return [i for i in out if i["text"]]


def _first_page_item(r: ReportView, item: Any, key: str, write: Callable[[float], str]) -> dict[str, str] | None:
    """One competency of the summary with its figure (a score, a gap or an rwg), or None if either is missing."""
    if not isinstance(item, dict):
        return None
    competency, value = item.get("competency"), number(item.get(key))
    name = text_of(item.get("name")) or r.names.get(competency, "")
    if not name or value is None:
        return None
    return {"name": name, "value": write(value), "href": f"#competency-{competency}" if competency in r.names else ""}


def _first_page(r: ReportView) -> dict[str, Any]:
    """The one-page summary as ``janus.reports.build`` chose it (an older report without one gets empty lists)."""
    summary = r.data.get("summary") if isinstance(r.data.get("summary"), dict) else {}

    def listed(key: str, figure: str, write: Callable[[float], str]) -> list[dict[str, str]]:
        found = (_first_page_item(r, item, figure, write) for item in dicts_of(summary.get(key)))
        return [item for item in found if item][:TOP]

    return {
        "strongest": listed("strongest", "score", r.score),
        "weakest": listed("weakest", "score", r.score),
        "blind_spot": _first_page_item(r, summary.get("blind_spot"), "gap", r.gap),
        "hidden_strength": _first_page_item(r, summary.get("hidden_strength"), "gap", r.gap),
        "disagreement": listed("disagreement", "rwg", r.score),
        "focus": listed("focus", "score", r.score),
    }


def _ranked(r: ReportView, items: Any) -> list[dict[str, str]]:
    out = []
    for item in dicts_of(items):
        score = number(item.get("score"))
        if text_of(item.get("text")) and score is not None:
            out.append(
                {"text": text_of(item["text"]), "competency": text_of(item.get("competency")), "score": r.score(score)}
            )
    return out


def _recommendations(r: ReportView, competencies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in competencies}
    out = []
    for rec in dicts_of(r.data.get("recommendations")):
        competency = by_id.get(str(rec.get("competency") or ""))
        others = competency["raw"].get("others") if competency else None
        items = texts_of(rec.get("items"))
        if items:
            out.append(
                {
                    "name": text_of(rec.get("name")) or (competency["name"] if competency else ""),
                    "score": r.t("recommendations.score", score=r.score(others)) if others is not None else "",
                    "href": f"#competency-{competency['id']}" if competency else "",
                    "items": items,
                }
            )
    return out


def _scale(locale: str) -> list[dict[str, Any]]:
    """The rating scale the raters used, as the library words it."""
    return [{"value": p.value, "label": p.label.get(locale)} for p in library().scale.points]


def render_report(report: dict[str, Any], *, nonce: str | None = None) -> str:
    """The subject's 360 report as one HTML page (``report`` has the shape ``janus.reports.build`` produces).

    ``nonce`` goes on the page's only ``<style>`` element, for a Content-Security-Policy
    ``style-src 'nonce-…'``; the page has no script and loads nothing.
    """
    r = ReportView(report)
    t = r.t
    cycle = report.get("cycle") if isinstance(report.get("cycle"), dict) else {}
    subject = report.get("subject") if isinstance(report.get("subject"), dict) else {}
    name = text_of(subject.get("name"))
    competencies = [_competency(r, c) for c in r.competencies]
    respondents = _respondents(r)
    gap_text = format_threshold(r.gap_threshold, r.locale)
    context = {
        "locale": r.locale,
        "t": t,
        "nonce": _check_nonce(nonce),
        "name": name,
        "reader_name": name or t("no_name"),
        "cycle_name": text_of(cycle.get("name")),
        "closed_iso": text_of(cycle.get("closed_at")),
        "closed_text": format_date(cycle.get("closed_at"), r.locale),
        # How long the answers are kept (a report built before reports said so has neither).
        "kept_text": format_date(cycle.get("answers_kept_until"), r.locale),
        "retention_months": int(number(cycle.get("retention_months")) or 0),
        "respondents": respondents,
        "anyone": any(row["responses"] for row in respondents),
        "threshold": r.threshold,
        "gap_threshold": gap_text,
        "low_agreement": format_threshold(LOW_AGREEMENT, r.locale),
        "scale": _scale(r.locale),
        "has_self": "self" in r.shown,
        "has_others": "others" in r.shown,
        "manager_shown": "manager" in r.shown,
        "left_out": r.left_out(),
        "first_page": _first_page(r),
        "blind_spots": _summary_items(r, report.get("blind_spots")),
        "hidden_strengths": _summary_items(r, report.get("hidden_strengths")),
        "flagged_listed": FLAGGED_LISTED,
        "highest": _ranked(r, report.get("highest")),
        "lowest": _ranked(r, report.get("lowest")),
        "competencies": competencies,
        "rated": [c for c in competencies if c["rated"]],
        "profile": profile_chart(r, competencies),
        "gap_chart": gap_chart(r, competencies),
        "overall_comments": texts_of(report.get("overall_comments")),
        "recommendations": _recommendations(r, competencies),
    }
    return _ENV.get_template("report.html").render(context)
