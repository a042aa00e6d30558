"""Stored reports: encrypted in S3, recorded in the table, and their event due only once per content."""

from __future__ import annotations

import boto3

from janus.metering import REQUESTS
from janus.store.reports import ReportStore


def test_a_rebuilt_report_with_the_same_content_is_not_new_and_a_changed_one_is(aws):
    bucket = aws.buckets["ReportsBucket"]
    s3 = boto3.client("s3", region_name="us-east-1")
    reports = ReportStore(s3, bucket)
    report = {"subject": {"id": "s"}, "competencies": [{"id": "listening", "scores": {"others": 3.5}}]}

    assert reports.save("o", "c", "s", report, "<html>1</html>") is True
    assert reports.save("o", "c", "s", report, "<html>1</html>") is False  # redelivered job: no second event
    assert reports.save("o", "c", "s", {**report, "competencies": []}, "<html>2</html>") is True

    stored = s3.head_object(Bucket=bucket, Key="reports/o/c/s.json")
    assert stored["ServerSideEncryption"] == "AES256"
    assert reports.get("o", "c", "s", "html") == b"<html>2</html>"
    assert reports.get("o", "c", "nobody", "json") is None


def test_a_page_of_reports_is_recorded_in_one_read_and_batches_of_25_and_only_what_changed(aws):
    reports = ReportStore(boto3.client("s3", region_name="us-east-1"), aws.buckets["ReportsBucket"])
    page = [(f"s{n:02}", {"subject": {"id": f"s{n:02}"}, "mean": n}, f"<html>{n}</html>") for n in range(30)]

    before = REQUESTS.snapshot()
    assert reports.save_all("o", "c", page) == {subject for subject, _, _ in page}
    first = REQUESTS.since(before)
    assert (first[("dynamodb", "BatchGetItem")], first[("dynamodb", "BatchWriteItem")]) == (1, 2)
    assert first[("dynamodb", "UpdateItem")] + first[("dynamodb", "PutItem")] == 0

    page[3] = ("s03", {"subject": {"id": "s03"}, "mean": 99}, "<html>99</html>")
    before = REQUESTS.snapshot()
    assert reports.save_all("o", "c", page) == {"s03"}  # a redelivered job announces only what changed
    again = REQUESTS.since(before)
    assert (again[("dynamodb", "BatchGetItem")], again[("dynamodb", "BatchWriteItem")]) == (1, 1)
    assert reports.get("o", "c", "s03", "html") == b"<html>99</html>"
    assert reports.save_all("o", "c", page) == set()
