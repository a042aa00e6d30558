"""Reports in S3 (JSON and HTML, encrypted), recorded on their subjects' items in the table."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pynamodb.transactions import TransactWrite

from janus.rounds.keys import subject_pk
from janus.store import get_items, write_all
from janus.store.items import SubjectItem


def _base(org: str, cycle_id: str, subject_id: str) -> str:
    return f"reports/{org}/{cycle_id}/{subject_id}"


def _digest_set(org: str, cycle_id: str, subject_id: str, digest: str) -> Callable[[TransactWrite], None]:
    subject = SubjectItem(subject_pk(org, cycle_id, subject_id), "SUBJECT")
    return lambda transaction: transaction.update(subject, actions=[SubjectItem.report_digest.set(digest)])


class ReportStore:
    def __init__(self, s3: Any, bucket: str):
        self.s3 = s3
        self.bucket = bucket

    def _put(self, key: str, body: bytes, content_type: str) -> None:
        self.s3.put_object(
            Bucket=self.bucket, Key=key, Body=body, ContentType=content_type, ServerSideEncryption="AES256"
        )

    def _get(self, key: str) -> bytes | None:
        try:
            return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except self.s3.exceptions.NoSuchKey:
            return None

    def save_all(
        self,
        org: str,
        cycle_id: str,
        built: Sequence[tuple[str, dict[str, Any], str]],
        announced: Mapping[str, str | None],
    ) -> set[str]:
        """Store a page of reports (subject id, report, HTML); the subjects whose content is new.

        ``announced`` holds each subject's ``report_digest`` as the page read it with the subjects: the
        content whose ReportReady went out last (None before the first). The documents go to S3; the
        new digests are set on the subject items in TransactWriteItems of up to 100 updates (a batch
        write takes 25, and only whole items), so a page costs no read of its own and a redelivered
        job writes nothing and announces nothing. A transaction costs twice the write units of a batch
        write: four per subject item of up to 1 KB (the item and its copy in the subjects' index),
        where a record item of its own cost one. Two deliveries of one job at the same moment could
        both find a digest stale and both announce it: the consumers of ReportReady take an event
        twice as once.
        """
        fresh: dict[str, str] = {}
        for subject_id, report, html in built:
            body = json.dumps(report, sort_keys=True, ensure_ascii=False).encode()
            base = _base(org, cycle_id, subject_id)
            self._put(f"{base}.json", body, "application/json")
            self._put(f"{base}.html", html.encode(), "text/html; charset=utf-8")
            digest = hashlib.sha256(body).hexdigest()
            if announced.get(subject_id) != digest:
                fresh[subject_id] = digest
        write_all([_digest_set(org, cycle_id, subject_id, digest) for subject_id, digest in sorted(fresh.items())])
        return set(fresh)

    def get(self, org: str, cycle_id: str, subject_id: str, kind: str) -> bytes | None:
        """A built report (``kind`` "json" or "html"), once the subject item says it is built."""
        pk = subject_pk(org, cycle_id, subject_id)
        found = get_items([(pk, "SUBJECT")])
        if "report_digest" in found.get((pk, "SUBJECT"), {}):
            return self._get(f"{_base(org, cycle_id, subject_id)}.{kind}")
        return None

    def delete(self, org: str, cycle_id: str, subject_id: str) -> None:
        """A subject's report, both forms (an erasure): S3 answers a missing key as deleted."""
        base = _base(org, cycle_id, subject_id)
        for kind in ("json", "html"):
            self.s3.delete_object(Bucket=self.bucket, Key=f"{base}.{kind}")

    def put_document(self, key: str, document: dict[str, Any]) -> None:
        self._put(key, json.dumps(document, sort_keys=True).encode(), "application/json")

    def get_document(self, key: str) -> dict[str, Any] | None:
        body = self._get(key)
        return json.loads(body) if body is not None else None
