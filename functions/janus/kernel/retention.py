"""How long an organisation keeps a record once it is no longer needed, in the terms DynamoDB's time to live reads:
``expires_at``, the epoch second after which the table deletes the item (within a few days of it; until then a
read may still find it). The months are the organisation's (``janus.people.organisation``, ``retention_months``).

A record is stamped when it stops being needed (a check-in held, a case closed, a round's answers once the round
closed) with that moment plus the months; a later change stamps it again from its own moment, so a stamp only ever
moves later.
"""

from __future__ import annotations

import calendar
from datetime import datetime

# Three years: a review or a case looks back over three yearly rounds at most, and three years is Denmark's general
# limitation period (forældelsesloven), within which a claim about a decision could still need its record. Less is
# the organisation's choice, down to MONTHS[0]; the law seldom allows more than ten years (MONTHS[1]).
DEFAULT_MONTHS = 36
MONTHS = (6, 120)


def kept_until(end: datetime, months: int) -> datetime:
    """``months`` calendar months after ``end`` (the same day of the month, or the month's last)."""
    total = end.month - 1 + months
    year, month = end.year + total // 12, total % 12 + 1
    return end.replace(year=year, month=month, day=min(end.day, calendar.monthrange(year, month)[1]))


def expires_at(end: datetime, months: int) -> int:
    """The ``expires_at`` of a record no longer needed from ``end`` (an aware time): epoch seconds."""
    return int(kept_until(end, months).timestamp())
