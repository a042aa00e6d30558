"""Logger, metrics and tracer, created once and shared by every module.

The service name comes from POWERTOOLS_SERVICE_NAME (one per function in
template.yaml), the metrics namespace from POWERTOOLS_METRICS_NAMESPACE.
The tracer records to X-Ray on Lambda (template.yaml turns active tracing on),
with a subsegment for each AWS request; where Powertools turns tracing off
(outside Lambda, under SAM local, or with POWERTOOLS_TRACE_DISABLED) it does
not even import the X-Ray SDK.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.tracing.base import BaseProvider, BaseSegment


class _NoSegment(BaseSegment):
    def close(self, end_time: int | None = None) -> None: ...
    def add_subsegment(self, subsegment: Any) -> None: ...
    def remove_subsegment(self, subsegment: Any) -> None: ...
    def put_annotation(self, key: str, value: Any) -> None: ...
    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None: ...
    def add_exception(self, exception: BaseException, stack: Any, remote: bool = False) -> None: ...


class _NoTracing(BaseProvider):
    """What a disabled tracer calls instead of the X-Ray SDK, which costs about 100 ms to import."""

    @contextlib.contextmanager
    def in_subsegment(self, name: str | None = None, **kwargs: Any) -> Iterator[BaseSegment]:
        yield _NoSegment()

    @contextlib.asynccontextmanager
    async def in_subsegment_async(self, name: str | None = None, **kwargs: Any) -> AsyncIterator[BaseSegment]:
        yield _NoSegment()

    def put_annotation(self, key: str, value: Any) -> None: ...
    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None: ...
    def patch(self, modules: Any) -> None: ...
    def patch_all(self) -> None: ...


# Every request Janus sends goes through botocore (pynamodb's included), so that is the one library
# the tracer patches: patching all that the X-Ray SDK can would import sqlite3, http.client's
# patch and the rest for nothing, on every cold start.
TRACED_LIBRARIES = ("botocore",)

logger = Logger()
metrics = Metrics()
if Tracer._is_tracer_disabled():
    tracer = Tracer(provider=_NoTracing())
else:
    tracer = Tracer(auto_patch=False)
    tracer.patch(TRACED_LIBRARIES)


def log_failure(message: str, error: BaseException) -> None:
    """Log a failure with its type and where it happened, but not its text: texts can quote personal data."""
    frames = traceback.extract_tb(error.__traceback__)
    where = [f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno} {frame.name}" for frame in frames[-6:]]
    logger.error(message, error_type=type(error).__name__, frames=where)


def report_failures(record_handler: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap a queue record handler: a failure is logged (without its text) and re-raised for SQS to retry."""

    def handle(record: Any) -> None:
        try:
            record_handler(record)
        except Exception as error:  # reported to SQS as this item's failure; it will be retried
            log_failure("queue message failed", error)
            raise

    return handle
