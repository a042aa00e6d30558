"""A 360 report's data as the page reads it: defensively, with the texts and number formats of its language.

``janus.reports.page`` and ``janus.reports.charts`` draw from a ``ReportView``: it keeps to the
report's ``groups`` (a score shows only for a group whose entry says ``"shown": true``) and
explains a missing score. The words are in ``templates/strings.yaml``, read on first use.
"""

from __future__ import annotations

import math
import numbers
from datetime import datetime
from pathlib import Path
from typing import Any

from janus.kernel import pages

TEMPLATES = Path(__file__).parent / "templates"
LOCALES = ("en", "da")
GROUPS = ("self", "manager", "peer", "direct_report", "other", "others")
WHY = ("manager_identified", "shown_groups", "too_few")
DEFAULT_THRESHOLD = 3
DEFAULT_GAP_THRESHOLD = 1.0

STRINGS: dict[str, dict[str, Any]] = pages.load_strings(TEMPLATES / "strings.yaml")


class ReportTexts(pages.Texts):
    def __init__(self, locale: str):
        super().__init__(STRINGS, locale)

    def group(self, group: str) -> str:
        return self(f"groups.{group}")


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


def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def texts_of(values: Any) -> list[str]:
    return [text_of(v) for v in values or [] if text_of(v)]


def dicts_of(values: Any) -> list[dict[str, Any]]:
    return [v for v in values or [] if isinstance(v, dict)] if isinstance(values, list) else []


# --- the report ----------------------------------------------------------------------------------


class ReportView:
    """The report's data, read defensively, with the texts and formats of its language."""

    def __init__(self, report: dict[str, Any]):
        self.data = report
        self.locale = pages.lang(report.get("locale"))
        self.t = ReportTexts(self.locale)
        threshold = number(report.get("threshold"))
        self.threshold = int(threshold) if threshold is not None else DEFAULT_THRESHOLD
        gap_threshold = number(report.get("gap_threshold"))
        self.gap_threshold = gap_threshold if gap_threshold is not None else DEFAULT_GAP_THRESHOLD
        self.groups = {g.get("id"): g for g in dicts_of(report.get("groups"))}
        self.shown = [g for g in GROUPS if self.groups.get(g, {}).get("shown") is True]
        self.competencies = dicts_of(report.get("competencies"))
        self.names = {c.get("id"): text_of(c.get("name")) for c in self.competencies}

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
        hidden = item.get("hidden") if isinstance(item.get("hidden"), list) else []
        if group in hidden or (group not in ("self", "manager") and 0 < count < self.threshold):
            return self.t("competencies.cell_hidden", n=self.threshold)
        return self.t("competencies.cell_not_rated")

    def left_out(self) -> list[str]:
        """One line per group not shown on its own: whether its answers count in "All others", and why not."""
        lines = []
        for entry in dicts_of(self.data.get("anonymity")):
            group, counted, why = entry.get("group"), entry.get("in_others"), entry.get("why")
            if group not in GROUPS or counted not in ("all", "some", "none"):
                continue
            reason = "not_identified" if group == "manager" else "below_threshold"
            k = int(number(entry.get("responses")) or 0)
            head = self.t(f"howto.left.{reason}", group=self.t.group(group), k=k, n=self.threshold)
            why_text = self.t(f"howto.left.why.{why}", n=self.threshold) if why in WHY else ""
            if counted != "all" and not why_text:
                continue
            lines.append(f"{head}; {self.t(f'howto.left.{counted}', why=why_text)}")
        return lines

    def count(self, item: dict[str, Any], group: str) -> str:
        counts = item.get("counts") if isinstance(item.get("counts"), dict) else {}
        count = number(counts.get(group))
        return str(int(count)) if count is not None else ""
