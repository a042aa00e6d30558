"""Stored reports: encrypted in S3, recorded on their subjects, and their event due only once per content."""

from __future__ import annotations

import boto3

from janus.kernel.metering import REQUESTS
from janus.reports.store import ReportStore
from janus.rounds.entities import Subject
from janus.rounds.store_subjects import SubjectStore


def subjects(*ids: str) -> SubjectStore:
    cycles = SubjectStore()
    for employee_id in ids:
        cycles.save_subject(
            Subject(
                org="o",
                cycle_id="c",
                employee_id=employee_id,
                name=f"Person {employee_id}",
                manager_id=None,
                competencies=("listening",),
                raters=(),
                proposals=(),
                shortfalls=(),
                derived=True,
                shards=1,
            )
        )
    return cycles


def announced(cycles: SubjectStore) -> dict[str, str | None]:
    page, _ = cycles.subjects_page("o", "c", 0, None, 1000)
    return {s.employee_id: s.report_digest for s in page}


def test_a_rebuilt_report_with_the_same_content_is_not_new_and_a_changed_one_is(aws):
    bucket = aws.buckets["ReportsBucket"]
    s3 = boto3.client("s3", region_name="us-east-1")
    reports = ReportStore(s3, bucket)
    cycles = subjects("s")
    report = {"subject": {"id": "s"}, "competencies": [{"id": "listening", "scores": {"others": 3.5}}]}

    assert reports.get("o", "c", "s", "html") is None  # not built yet
    assert reports.save_all("o", "c", [("s", report, "<html>1</html>")], announced(cycles)) == {"s"}
    # a redelivered job: no second event
    assert reports.save_all("o", "c", [("s", report, "<html>1</html>")], announced(cycles)) == set()
    changed = {**report, "competencies": []}
    assert reports.save_all("o", "c", [("s", changed, "<html>2</html>")], announced(cycles)) == {"s"}

    stored = s3.head_object(Bucket=bucket, Key="reports/o/c/s.json")
    assert stored["ServerSideEncryption"] == "AES256"
    assert reports.get("o", "c", "s", "html") == b"<html>2</html>"
    assert reports.get("o", "c", "nobody", "json") is None
    assert cycles.get_subject("o", "c", "s").name == "Person s"  # the subject is still whole


def test_a_page_of_reports_is_recorded_without_a_read_in_transactions_of_100_and_only_what_changed(aws):
    reports = ReportStore(boto3.client("s3", region_name="us-east-1"), aws.buckets["ReportsBucket"])
    ids = [f"s{n:03}" for n in range(130)]
    cycles = subjects(*ids)
    page = [(s, {"subject": {"id": s}, "mean": n}, f"<html>{n}</html>") for n, s in enumerate(ids)]

    stored = announced(cycles)
    before = REQUESTS.snapshot()
    assert reports.save_all("o", "c", page, stored) == set(ids)
    first = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert first == {"TransactWriteItems": 2}  # 100 and 30 subjects, and nothing read

    page[3] = ("s003", {"subject": {"id": "s003"}, "mean": 99}, "<html>99</html>")
    stored = announced(cycles)
    before = REQUESTS.snapshot()
    assert reports.save_all("o", "c", page, stored) == {"s003"}  # a redelivered job announces what changed
    again = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert again == {"TransactWriteItems": 1}
    assert reports.get("o", "c", "s003", "html") == b"<html>99</html>"
    assert reports.save_all("o", "c", page, announced(cycles)) == set()
