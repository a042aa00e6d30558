"""Stored reports: encrypted in S3, recorded in the table, and their event due only once per content."""

from __future__ import annotations

import boto3

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
