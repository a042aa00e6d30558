"""Quarters of the calendar year: goals are set for a period of quarters and nudged at each one's start."""

from __future__ import annotations

from datetime import date, timedelta

PERIOD_QUARTERS = 4  # a goal is due by the end of the fourth quarter after the one it is set in


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def first_day(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


def following(year: int, quarter: int, steps: int = 1) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + steps
    return index // 4, index % 4 + 1


def last_day(year: int, quarter: int) -> date:
    return first_day(*following(year, quarter)) - timedelta(days=1)


def label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def period_end(today: date) -> date:
    """The last day a goal set ``today`` should be due by."""
    return last_day(*following(*quarter_of(today), PERIOD_QUARTERS))
