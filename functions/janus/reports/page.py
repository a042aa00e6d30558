"""A subject's 360 report as one self-contained HTML page (no JavaScript, no external resources).

Rendering only: ``render_report`` takes the report JSON that ``janus.reports.build`` produces — cycle,
subject, locale, threshold, gap_threshold, groups (responses, shown, reason), competencies (scores,
counts, gap, flag, agreement, behaviours, comments), blind_spots, hidden_strengths, highest,
lowest, overall_comments and recommendations, every text already in the reader's language — and
answers the whole page. The charts are inline SVG; every value in them is also on the page as
text. The CSS is one inline ``<style>`` element; a route that sends a Content-Security-Policy
(``style-src 'nonce-…'``) passes its ``nonce``.

Anonymity is decided upstream, but the page keeps to it as well: it shows a score only for a group
whose ``groups`` entry says ``"shown": true``, whatever else the data holds. Missing data (a hidden
group, a competency nobody rated, no self-assessment, no comments) gets a short explanation.
"""

from __future__ import annotations

import math
import numbers
from datetime import datetime
from pathlib import Path
from typing import Any

from janus.kernel import pages
from janus.library import library

_DIR = Path(__file__).parent / "templates"
LOCALES = ("en", "da")
GROUPS = ("self", "manager", "peer", "direct_report", "other", "others")
FLAGS = ("blind_spot", "hidden_strength")
LOW_AGREEMENT = 0.5
DEFAULT_THRESHOLD = 3
DEFAULT_GAP_THRESHOLD = 1.0
SCALE_MIN, SCALE_MAX = 1, 5

# Chart geometry. Horizontal positions are percentages of the chart's width, so the SVG fills
# any screen while its text keeps the page's font size; vertical positions are pixels.
AXIS_LEFT, AXIS_RIGHT = 2.5, 97.5
LEGEND_ROW = 22
LANE = 8
BAR = 18
# Each group's marker: a shape (defined once in the profile chart's <defs>) and a colour with at
# least 3:1 contrast on white. The shapes alone tell the groups apart (in black and white too).
MARKERS = {
    "self": "circle",
    "manager": "square",
    "peer": "triangle",
    "direct_report": "diamond",
    "other": "triangle-down",
    "others": "cross",
}


STRINGS: dict[str, dict[str, Any]] = pages.load_strings(_DIR / "strings.yaml")
_ENV = pages.environment(_DIR)


_lang = pages.lang


class _Texts(pages.Texts):
    def __init__(self, locale: str):
        super().__init__(STRINGS, locale)

    def group(self, group: str) -> str:
        return self(f"groups.{group}")


def _check_nonce(nonce: str | None) -> str:
    return "" if nonce is None else pages.check_nonce(nonce)


# --- values ------------------------------------------------------------------------------------


def number(value: Any) -> float | None:
    """A finite number, or None for anything else (missing, null, NaN, text, booleans)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Number) or isinstance(value, complex):
        return None
    result = float(value)  # type: ignore[arg-type]
    return result if math.isfinite(result) else None


def format_number(value: float, locale: str, decimals: int = 2, signed: bool = False) -> str:
    """``3.78`` / ``3,78``; signed: ``+1.50`` / ``−1.20`` (a true minus sign), and ``0.00`` unsigned."""
    rounded = round(value, decimals)
    text = f"{abs(rounded):.{decimals}f}"
    if locale == "da":
        text = text.replace(".", ",")
    if rounded < 0:
        return f"−{text}"
    return f"+{text}" if signed and rounded > 0 else text


def format_threshold(value: float, locale: str) -> str:
    """A threshold as people write it: ``1.0``, ``0.75`` (``1,0`` in Danish)."""
    text = f"{value:.2f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return text.replace(".", ",") if locale == "da" else text


def format_date(value: Any, locale: str) -> str:
    """``2026-12-15T16:00:00+00:00`` → ``15 December 2026`` / ``15. december 2026``; "" if not a date."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return ""
    months = STRINGS["date.months"][locale]
    return STRINGS["date.format"][locale].format(day=when.day, month=months[when.month - 1], year=when.year)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _texts(values: Any) -> list[str]:
    return [_text(v) for v in values or [] if _text(v)]


def _dicts(values: Any) -> list[dict[str, Any]]:
    return [v for v in values or [] if isinstance(v, dict)] if isinstance(values, list) else []


def _x(score: float) -> float:
    """A score's position on a chart's 1–5 axis, in percent of the chart's width."""
    share = (min(max(score, SCALE_MIN), SCALE_MAX) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
    return round(AXIS_LEFT + share * (AXIS_RIGHT - AXIS_LEFT), 2)


def _pct(value: float) -> str:
    return f"{value:g}%"


# --- the page's parts ----------------------------------------------------------------------------


class _Report:
    """The report's data, read defensively, with the texts and formats of its language."""

    def __init__(self, report: dict[str, Any]):
        self.data = report
        self.locale = _lang(report.get("locale"))
        self.t = _Texts(self.locale)
        threshold = number(report.get("threshold"))
        self.threshold = int(threshold) if threshold is not None else DEFAULT_THRESHOLD
        gap_threshold = number(report.get("gap_threshold"))
        self.gap_threshold = gap_threshold if gap_threshold is not None else DEFAULT_GAP_THRESHOLD
        self.groups = {g.get("id"): g for g in _dicts(report.get("groups"))}
        self.shown = [g for g in GROUPS if self.groups.get(g, {}).get("shown") is True]
        self.competencies = _dicts(report.get("competencies"))
        self.names = {c.get("id"): _text(c.get("name")) for c in self.competencies}

    def score(self, value: Any) -> str:
        return format_number(value, self.locale)

    def gap(self, value: float) -> str:
        return format_number(value, self.locale, signed=True)

    def scores(self, item: dict[str, Any]) -> dict[str, float]:
        """The item's scores for the groups the report shows, and only those."""
        raw = item.get("scores") if isinstance(item.get("scores"), dict) else {}
        found = {g: number(raw.get(g)) for g in self.shown}
        return {g: v for g, v in found.items() if v is not None}

    def missing(self, item: dict[str, Any], group: str) -> str:
        """Why a shown group has no score for this item: too few answers to it, or none."""
        counts = item.get("counts") if isinstance(item.get("counts"), dict) else {}
        count = number(counts.get(group)) or 0
        if group not in ("self", "manager") and 0 < count < self.threshold:
            return self.t("competencies.cell_hidden", n=self.threshold)
        return self.t("competencies.cell_not_rated")

    def count(self, item: dict[str, Any], group: str) -> str:
        counts = item.get("counts") if isinstance(item.get("counts"), dict) else {}
        count = number(counts.get(group))
        return str(int(count)) if count is not None else ""


def _respondents(r: _Report) -> list[dict[str, Any]]:
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


def _flag(r: _Report, item: dict[str, Any]) -> dict[str, str] | None:
    flag = item.get("flag")
    return {"id": flag, "text": r.t(f"competencies.flags.{flag}")} if flag in FLAGS else None


def _cells(r: _Report, item: dict[str, Any], groups: list[str]) -> list[dict[str, Any]]:
    scores = r.scores(item)
    return [
        {
            "group": g,
            "value": r.score(scores[g]) if g in scores else "",
            "missing": "" if g in scores else r.missing(item, g),
        }
        for g in groups
    ]


def _agreement(r: _Report, c: dict[str, Any]) -> dict[str, Any] | None:
    agreement = c.get("agreement") if isinstance(c.get("agreement"), dict) else {}
    rwg = number(agreement.get("rwg"))
    low = agreement.get("low")
    if not isinstance(low, bool):
        low = rwg is not None and rwg < LOW_AGREEMENT
    if rwg is None and not low:
        return None
    return {"value": r.score(rwg) if rwg is not None else "", "low": low}


def _behaviours(r: _Report, c: dict[str, Any]) -> dict[str, Any]:
    items = [b for b in _dicts(c.get("behaviours")) if _text(b.get("text"))]
    rated = {g for b in items for g in r.scores(b)}
    columns = [g for g in r.shown if g in rated]
    rows = []
    for b in items:
        gap = number(b.get("gap"))
        rows.append(
            {
                "text": _text(b.get("text")),
                "cells": _cells(r, b, columns),
                "gap": r.gap(gap) if gap is not None else "",
                "flag": _flag(r, b),
            }
        )
    return {"columns": [{"group": g, "name": r.t.group(g)} for g in columns], "rows": rows if columns else []}


def _competency(r: _Report, c: dict[str, Any]) -> dict[str, Any]:
    scores = r.scores(c)
    gap = number(c.get("gap"))
    return {
        "id": str(c.get("id") or ""),
        "name": _text(c.get("name")),
        "definition": _text(c.get("definition")),
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
        "comments": _texts(c.get("comments")),
    }


def _legend(r: _Report, groups: list[str], top: int) -> list[dict[str, Any]]:
    """Two columns of legend entries (wide enough for a phone), from ``top`` down."""
    return [
        {
            "group": g,
            "shape": MARKERS[g],
            "name": r.t.group(g),
            "x": "0%" if n % 2 == 0 else "50%",
            "y": top + (n // 2) * LEGEND_ROW + 10,
        }
        for n, g in enumerate(groups)
    ]


def _ticks(top: int, bottom: int) -> list[dict[str, Any]]:
    return [{"label": str(s), "x": _pct(_x(s)), "top": top, "bottom": bottom} for s in range(SCALE_MIN, SCALE_MAX + 1)]


def _profile_chart(r: _Report, competencies: list[dict[str, Any]]) -> dict[str, Any]:
    """Chart (a): a row per competency, a marker per shown group on a 1–5 axis, each group in its own lane."""
    groups = [g for g in r.shown if any(g in c["raw"] for c in competencies)]
    legend = _legend(r, groups, 4)
    y = 4 + math.ceil(len(groups) / 2) * LEGEND_ROW + 20
    tick_y = y
    band = max(24, (len(groups) - 1) * LANE + 18)
    rows = []
    described = []
    for c in competencies:
        top = y + 8
        axis = top + 26 + band // 2
        first_lane = axis - (len(groups) - 1) * LANE // 2
        markers = [
            {
                "group": g,
                "shape": MARKERS[g],
                "x": _pct(_x(c["raw"][g])),
                "y": first_lane + n * LANE,
                "label": f"{r.t.group(g)}: {r.score(c['raw'][g])}",
            }
            for n, g in enumerate(groups)
            if g in c["raw"]
        ]
        rows.append(
            {
                "id": c["id"],
                "name": c["name"],
                "label_y": top + 16,
                "band_top": top + 26,
                "band_bottom": top + 26 + band,
                "axis": axis,
                "markers": markers,
                "line_y": top + 26 + band + 8,
            }
        )
        values = ", ".join(f"{r.t.group(g)} {r.score(c['raw'][g])}" for g in groups if g in c["raw"])
        described.append(f"{c['name']}: {values or r.t('charts.not_rated')}")
        y = top + 26 + band + 8
    return {
        "groups": [{"group": g, "name": r.t.group(g)} for g in groups],
        "legend": legend,
        "tick_y": tick_y,
        "ticks": _ticks(tick_y + 6, y),
        "rows": rows,
        "height": y + 4,
        "desc": " ".join([r.t("charts.profile.desc"), *(f"{d}." for d in described)]),
    }


def _bar(r: _Report, group: str, score: float | None, y: int) -> dict[str, Any]:
    """One bar from 1 to the score, with its value as text (inside a long bar, after a short one)."""
    name = r.t.group(group)
    if score is None:
        return {
            "group": group,
            "y": y,
            "width": "",
            "text": r.t("charts.bar_not_rated", group=name),
            "text_x": _pct(AXIS_LEFT),
            "inside": False,
        }
    end = _x(score)
    return {
        "group": group,
        "y": y,
        "width": _pct(round(end - AXIS_LEFT, 2)),
        "text": f"{name} {r.score(score)}",
        "text_x": _pct(end),
        "inside": score >= (SCALE_MIN + SCALE_MAX) / 2,
    }


def _gap_chart(r: _Report, competencies: list[dict[str, Any]]) -> dict[str, Any]:
    """Chart (b): for each competency a bar for the self-assessment and one for all others."""
    y = 26
    rows = []
    described = []
    for c in competencies:
        top = y + 8
        self_score, others = c["raw"].get("self"), c["raw"].get("others")
        notes = [r.t("summary.gap", gap=c["gap"])] if c["gap"] else []
        notes += [c["flag"]["text"]] if c["flag"] else []
        label = " · ".join([c["name"], *notes])
        bars = [_bar(r, "self", self_score, top + 24), _bar(r, "others", others, top + 24 + BAR + 4)]
        rows.append({"id": c["id"], "label": label, "label_y": top + 16, "bars": bars, "flag": c["flag"]})
        described.append(f"{label}: {', '.join(b['text'] for b in bars)}.")
        y = top + 24 + 2 * BAR + 4 + 10
    return {
        "x0": _pct(AXIS_LEFT),
        "bar": BAR,
        "ticks": _ticks(20, y),
        "rows": rows,
        "height": y + 4,
        "desc": " ".join([r.t("charts.gap.desc"), *described]),
    }


def _summary_items(r: _Report, items: Any) -> list[dict[str, str]]:
    out = []
    for item in _dicts(items):
        gap = number(item.get("gap"))
        competency = item.get("competency")
        out.append(
            {
                "text": _text(item.get("text")) or r.names.get(competency, ""),
                "context": r.names.get(competency, "") if item.get("behaviour") else "",
                "gap": r.gap(gap) if gap is not None else "",
                "href": f"#competency-{competency}" if competency in r.names else "",
            }
        )
    return [i for i in out if i["text"]]


def _ranked(r: _Report, items: Any) -> list[dict[str, str]]:
    out = []
    for item in _dicts(items):
        score = number(item.get("score"))
        if _text(item.get("text")) and score is not None:
            out.append(
                {"text": _text(item["text"]), "competency": _text(item.get("competency")), "score": r.score(score)}
            )
    return out


def _recommendations(r: _Report, competencies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in competencies}
    out = []
    for rec in _dicts(r.data.get("recommendations")):
        competency = by_id.get(str(rec.get("competency") or ""))
        others = competency["raw"].get("others") if competency else None
        items = _texts(rec.get("items"))
        if items:
            out.append(
                {
                    "name": _text(rec.get("name")) or (competency["name"] if competency else ""),
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
    r = _Report(report)
    t = r.t
    cycle = report.get("cycle") if isinstance(report.get("cycle"), dict) else {}
    subject = report.get("subject") if isinstance(report.get("subject"), dict) else {}
    name = _text(subject.get("name"))
    competencies = [_competency(r, c) for c in r.competencies]
    respondents = _respondents(r)
    gap_text = format_threshold(r.gap_threshold, r.locale)
    context = {
        "locale": r.locale,
        "t": t,
        "nonce": _check_nonce(nonce),
        "name": name,
        "reader_name": name or t("no_name"),
        "cycle_name": _text(cycle.get("name")),
        "closed_iso": _text(cycle.get("closed_at")),
        "closed_text": format_date(cycle.get("closed_at"), r.locale),
        "respondents": respondents,
        "anyone": any(row["responses"] for row in respondents),
        "threshold": r.threshold,
        "gap_threshold": gap_text,
        "low_agreement": format_threshold(LOW_AGREEMENT, r.locale),
        "scale": _scale(r.locale),
        "has_self": "self" in r.shown,
        "has_others": "others" in r.shown,
        "manager_shown": "manager" in r.shown,
        "blind_spots": _summary_items(r, report.get("blind_spots")),
        "hidden_strengths": _summary_items(r, report.get("hidden_strengths")),
        "highest": _ranked(r, report.get("highest")),
        "lowest": _ranked(r, report.get("lowest")),
        "competencies": competencies,
        "rated": [c for c in competencies if c["rated"]],
        "profile": _profile_chart(r, competencies),
        "gap_chart": _gap_chart(r, competencies),
        "overall_comments": _texts(report.get("overall_comments")),
        "recommendations": _recommendations(r, competencies),
    }
    return _ENV.get_template("report.html").render(context)
