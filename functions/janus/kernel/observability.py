"""Logger and metrics, created once and shared by every module.

The service name comes from POWERTOOLS_SERVICE_NAME (one per function in
template.yaml), the metrics namespace from POWERTOOLS_METRICS_NAMESPACE.

Traces need no code: with active tracing (template.yaml) Lambda records every
invocation in X-Ray, its start-up, run and overhead, and botocore passes the
invocation's trace header on with each AWS request it sends. Janus does not
load the X-Ray SDK, which is in maintenance mode and reaches its end of support
on 25 February 2027, and which cost each cold start about 17 ms of import
(docs/operations.md, "Traces").
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics

logger = Logger()
metrics = Metrics()


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
