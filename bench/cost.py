"""What a measured round would cost on AWS on-demand pricing (prices in bench/prices.json).

A round is priced by what it used. Left out, as in docs/performance.md: CloudWatch Logs, X-Ray,
the free tiers, and the fixed monthly charges that do not grow with a round: the Lambda SQS
pollers' empty receives (per queue) and the Secrets Manager secrets themselves
(``secretsmanager_per_secret_month`` each; template.yaml has one, LinkKey). The round's
Secrets Manager API calls (GetSecretValue) are priced like any other request.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRICES = Path(__file__).with_name("prices.json")
SQS_CHUNK = 64 * 1024  # SQS bills each 64 KB of a request as one request
STORAGE_MONTHS = 1  # the table and the reports are billed for the month the round runs in


@dataclass(frozen=True)
class Line:
    service: str
    what: str
    quantity: float
    unit: str
    dollars: float
    email: bool = False


@dataclass(frozen=True)
class Usage:
    """What the round used, as measured on the local stack."""

    requests: Counter[tuple[str, str]]  # (service, operation) -> requests from the functions
    invocations: Counter[str]  # function -> invocations
    handler_seconds: dict[str, float]  # function -> summed handler time
    memory_mb: dict[str, int]  # function -> configured memory
    rru: float
    wru: float
    table_bytes: int
    report_bytes: int
    api_requests: int  # requests through API Gateway (HR's and raters')
    queue_batches: int  # batches Lambda took from SQS: a receive and a batch delete each
    scheduler_invocations: int  # schedules that fired (deadline, reminder slots, escalation SLAs)
    emails: int


def prices() -> dict[str, Any]:
    return json.loads(PRICES.read_text())


def estimate(usage: Usage, price: dict[str, Any] | None = None) -> list[Line]:
    p = price or prices()
    gb_seconds = sum(usage.handler_seconds[f] * usage.memory_mb.get(f, 512) / 1024 for f in usage.handler_seconds)
    invocations = sum(usage.invocations.values())
    sqs = sum(n for (service, _), n in usage.requests.items() if service == "sqs") + 2 * usage.queue_batches
    s3_puts = sum(n for (s, op), n in usage.requests.items() if s == "s3" and op in ("PutObject", "CopyObject"))
    s3_gets = sum(n for (s, op), n in usage.requests.items() if s == "s3" and op in ("GetObject", "HeadObject"))
    events = usage.requests.get(("eventbridge", "PutEvents"), 0) + usage.requests.get(("events", "PutEvents"), 0)
    # botocore names the service "secrets-manager" in its events; every API call is billed alike.
    secret_calls = sum(n for (s, _), n in usage.requests.items() if s in ("secrets-manager", "secretsmanager"))
    gb = 1024**3
    return [
        Line("Lambda", "compute (arm64)", gb_seconds, "GB-s", gb_seconds * p["lambda_arm64_per_gb_second"]),
        Line("Lambda", "requests", invocations, "requests", invocations / 1e6 * p["lambda_per_million_requests"]),
        Line("API Gateway", "REST requests", usage.api_requests, "requests",
             usage.api_requests / 1e6 * p["api_gateway_rest_per_million_requests"]),
        Line("DynamoDB", "write request units", usage.wru, "WRU",
             usage.wru / 1e6 * p["dynamodb_per_million_write_request_units"]),
        Line("DynamoDB", "read request units", usage.rru, "RRU",
             usage.rru / 1e6 * p["dynamodb_per_million_read_request_units"]),
        Line("DynamoDB", "storage, one month", usage.table_bytes / gb, "GB-month",
             usage.table_bytes / gb * STORAGE_MONTHS * p["dynamodb_storage_per_gb_month"]),
        Line("SQS", "requests (send, receive, delete)", sqs, "requests",
             sqs / 1e6 * p["sqs_standard_per_million_requests"]),
        Line("S3", "PUT requests", s3_puts, "requests", s3_puts / 1000 * p["s3_standard_per_thousand_put_requests"]),
        Line("S3", "GET requests", s3_gets, "requests", s3_gets / 1000 * p["s3_standard_per_thousand_get_requests"]),
        Line("S3", "storage, one month", usage.report_bytes / gb, "GB-month",
             usage.report_bytes / gb * STORAGE_MONTHS * p["s3_standard_storage_per_gb_month"]),
        Line("EventBridge", "custom events", events, "events",
             events / 1e6 * p["eventbridge_custom_events_per_million"]),
        Line("Scheduler", "invocations", usage.scheduler_invocations, "invocations",
             usage.scheduler_invocations / 1e6 * p["scheduler_per_million_invocations"]),
        Line("Secrets Manager", "API calls (GetSecretValue)", secret_calls, "requests",
             secret_calls / 10_000 * p["secretsmanager_per_ten_thousand_api_calls"]),
        Line("SES", "messages", usage.emails, "messages", usage.emails / 1000 * p["ses_per_thousand_messages"],
             email=True),
    ]  # fmt: skip


def per_thousand_subjects(lines: list[Line], subjects: int) -> tuple[float, float]:
    """(dollars without e-mail, dollars with e-mail) per 1,000 subjects."""
    scale = 1000 / subjects if subjects else math.nan
    without = sum(line.dollars for line in lines if not line.email) * scale
    return without, sum(line.dollars for line in lines) * scale
