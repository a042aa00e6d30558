"""The report page's two charts as inline SVG geometry: the competency profile and the self/others gap.

Horizontal positions are percentages of the chart's width, so the SVG fills any screen while its
text keeps the page's font size; vertical positions are pixels. Every value drawn is also in the
chart's description (``desc``) and on the page as text.
"""

from __future__ import annotations

import math
from typing import Any

from janus.reports.view import ReportView

SCALE_MIN, SCALE_MAX = 1, 5
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


def _x(score: float) -> float:
    """A score's position on a chart's 1–5 axis, in percent of the chart's width."""
    share = (min(max(score, SCALE_MIN), SCALE_MAX) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
    return round(AXIS_LEFT + share * (AXIS_RIGHT - AXIS_LEFT), 2)


def _pct(value: float) -> str:
    return f"{value:g}%"


def _legend(r: ReportView, groups: list[str], top: int) -> list[dict[str, Any]]:
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


def profile_chart(r: ReportView, competencies: list[dict[str, Any]]) -> dict[str, Any]:
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


def _bar(r: ReportView, group: str, score: float | None, y: int) -> dict[str, Any]:
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


def gap_chart(r: ReportView, competencies: list[dict[str, Any]]) -> dict[str, Any]:
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
