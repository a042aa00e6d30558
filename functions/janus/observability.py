"""Logger, metrics and tracer, created once and shared by every module.

The service name comes from POWERTOOLS_SERVICE_NAME (one per function in
template.yaml), the metrics namespace from POWERTOOLS_METRICS_NAMESPACE.
"""

import traceback

from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger()
metrics = Metrics()
tracer = Tracer()


def log_failure(message: str, error: BaseException) -> None:
    """Log a failure with its type and where it happened, but not its text: texts can quote personal data."""
    frames = traceback.extract_tb(error.__traceback__)
    where = [f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno} {frame.name}" for frame in frames[-6:]]
    logger.error(message, error_type=type(error).__name__, frames=where)
