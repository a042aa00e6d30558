"""The cost model prices what a round used with the dated prices in bench/prices.json."""

from __future__ import annotations

from collections import Counter

import pytest

from bench import cost

PRICES = cost.prices()


def _usage(**changes: object) -> cost.Usage:
    fields: dict[str, object] = {
        "requests": Counter({("sqs", "SendMessageBatch"): 10, ("s3", "PutObject"): 2000, ("events", "PutEvents"): 0}),
        "invocations": Counter({"ReportsFunction": 1_000_000}),
        "handler_seconds": {"ReportsFunction": 2048.0},
        "memory_mb": {"ReportsFunction": 1024},
        "rru": 2_000_000.0,
        "wru": 1_000_000.0,
        "table_bytes": 0,
        "report_bytes": 0,
        "api_requests": 0,
        "queue_batches": 5,
        "scheduler_invocations": 0,
        "emails": 1000,
    }
    fields.update(changes)
    return cost.Usage(**fields)  # type: ignore[arg-type]


def _line(lines: list[cost.Line], service: str, what: str) -> cost.Line:
    return next(line for line in lines if line.service == service and line.what.startswith(what))


def test_prices_are_dated():
    assert PRICES["as_of"] and PRICES["region"]


def test_each_line_is_quantity_times_its_price():
    lines = cost.estimate(_usage())
    assert _line(lines, "Lambda", "compute").quantity == 2048.0  # seconds x 1 GB
    assert _line(lines, "Lambda", "compute").dollars == pytest.approx(2048 * PRICES["lambda_arm64_per_gb_second"])
    assert _line(lines, "Lambda", "requests").dollars == pytest.approx(PRICES["lambda_per_million_requests"])
    write, read = PRICES["dynamodb_per_million_write_request_units"], PRICES["dynamodb_per_million_read_request_units"]
    assert _line(lines, "DynamoDB", "write").dollars == pytest.approx(write)
    assert _line(lines, "DynamoDB", "read").dollars == pytest.approx(2 * read)
    assert _line(lines, "SQS", "requests").quantity == 10 + 2 * 5  # sends, and a receive and a delete per batch
    assert _line(lines, "S3", "PUT").dollars == pytest.approx(2 * PRICES["s3_standard_per_thousand_put_requests"])
    assert _line(lines, "SES", "messages").email


def test_per_thousand_subjects_scales_and_keeps_email_apart():
    lines = cost.estimate(_usage())
    without, with_mail = cost.per_thousand_subjects(lines, subjects=500)
    total_without = sum(line.dollars for line in lines if not line.email)
    assert without == pytest.approx(2 * total_without)
    assert with_mail - without == pytest.approx(2 * PRICES["ses_per_thousand_messages"])


def test_get_secret_value_is_priced_per_ten_thousand_calls():
    assert PRICES["secretsmanager_per_ten_thousand_api_calls"] == pytest.approx(0.05)
    assert PRICES["secretsmanager_per_secret_month"] == pytest.approx(0.40)
    # botocore's event name spells the service "secrets-manager"; either spelling is counted.
    for service in ("secrets-manager", "secretsmanager"):
        lines = cost.estimate(_usage(requests=Counter({(service, "GetSecretValue"): 20_000})))
        line = _line(lines, "Secrets Manager", "API calls")
        assert line.quantity == 20_000
        assert line.dollars == pytest.approx(2 * 0.05)
        assert not line.email
    one_call = cost.estimate(_usage(requests=Counter({("secrets-manager", "GetSecretValue"): 1})))
    assert _line(one_call, "Secrets Manager", "API calls").dollars == pytest.approx(0.05 / 10_000)


def test_the_secret_monthly_charge_is_not_in_a_rounds_figure():
    lines = cost.estimate(_usage(requests=Counter()))
    assert [line.dollars for line in lines if line.service == "Secrets Manager"] == [0.0]
