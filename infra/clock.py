"""The local clock: janus.kernel.clock moved forward, and moto's SQS timing with it.

Advancing it makes failed messages visible again when their visibility
timeout has passed on the local clock, and lets the scheduler fire what fell due.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import moto.sqs.models as sqs_models

from janus.kernel import clock

_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def parse_duration(text: str) -> timedelta:
    """An ISO 8601 duration such as P3D, PT2H or P1DT30M."""
    match = _DURATION.match(text or "")
    if not match or text in ("P", "PT") or text.endswith("T"):
        raise ValueError(f"'{text}' is not an ISO 8601 duration such as P3D or PT2H")
    return timedelta(**{unit: int(value) for unit, value in match.groupdict().items() if value})


def _offset_seconds() -> float:
    return clock.offset().total_seconds()


def follow_moto() -> None:
    """Make moto's SQS visibility timeouts and delays run on the local clock."""
    sqs_models.unix_time = lambda dt=None: (
        time.time() + _offset_seconds() if dt is None else time.mktime(dt.timetuple())
    )
    sqs_models.unix_time_millis = lambda dt=None: (time.time() + _offset_seconds()) * 1000.0
