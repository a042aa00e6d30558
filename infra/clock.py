"""The local clock: janus.kernel.clock moved forward, and moto's SQS timing with it.

Advancing it makes failed messages visible again when their visibility
timeout has passed on the local clock, and lets the scheduler fire what fell due.
"""

from __future__ import annotations

import datetime as _datetime
import importlib
import re
import time
import types
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


class _LocalDatetime(_datetime.datetime):
    @classmethod
    def now(cls, tz: _datetime.tzinfo | None = None) -> _datetime.datetime:  # type: ignore[override]
        return _datetime.datetime.now(tz) + clock.offset()


_IDEMPOTENCY = (
    "aws_lambda_powertools.utilities.idempotency.base",
    "aws_lambda_powertools.utilities.idempotency.persistence.base",
    "aws_lambda_powertools.utilities.idempotency.persistence.dynamodb",
    "aws_lambda_powertools.utilities.idempotency.persistence.datarecord",
)


def follow_idempotency() -> None:
    """Make Powertools idempotency's expiries (of a record, of an in-progress claim) run on the local clock.

    On AWS a message comes back after its visibility timeout (minutes), when the claim of a delivery that
    died has expired (the function's timeout); locally the visibility timeout passes on the local clock, so
    the claim's expiry must too, or a redelivery would find it still in progress."""
    shim = types.ModuleType("datetime")
    shim.__dict__.update(_datetime.__dict__)
    shim.datetime = _LocalDatetime  # type: ignore[attr-defined]
    for name in _IDEMPOTENCY:
        importlib.import_module(name).dt = shim  # type: ignore[attr-defined]
