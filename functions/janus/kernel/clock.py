"""The one source of "now" for the domain.

On AWS it is the system clock. The local stack moves it forward
(``POST /_local/clock``) so that deadlines and schedules can be tested in
seconds; everything that asks for the time asks here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_offset = timedelta(0)


def now() -> datetime:
    return datetime.now(UTC) + _offset


def offset() -> timedelta:
    """How far the clock runs ahead of the system clock (zero on AWS)."""
    return _offset


def advance(by: timedelta) -> datetime:
    """Move the clock forward (local stack and tests only)."""
    global _offset
    if by < timedelta(0):
        raise ValueError("the clock only moves forward")
    _offset += by
    return now()


def reset() -> None:
    global _offset
    _offset = timedelta(0)
