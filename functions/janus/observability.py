"""Logger, metrics and tracer, created once and shared by every module.

The service name comes from POWERTOOLS_SERVICE_NAME (one per function in
template.yaml), the metrics namespace from POWERTOOLS_METRICS_NAMESPACE.
"""

from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger()
metrics = Metrics()
tracer = Tracer()
