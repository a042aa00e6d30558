"""Reports in S3 (JSON and HTML, encrypted) and their records in the table."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from janus import clock
from janus.store import condition_failed
from janus.store.models import ReportItem


def _pk(org: str, cycle_id: str, subject_id: str) -> str:
    return f"ORG#{org}#CYCLE#{cycle_id}#SUBJ#{subject_id}"


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

    def save(self, org: str, cycle_id: str, subject_id: str, report: dict[str, Any], html: str) -> bool:
        """Store the report; True when its content is new, so that its event goes out once."""
        body = json.dumps(report, sort_keys=True, ensure_ascii=False).encode()
        digest = hashlib.sha256(body).hexdigest()
        base = f"reports/{org}/{cycle_id}/{subject_id}"
        self._put(f"{base}.json", body, "application/json")
        self._put(f"{base}.html", html.encode(), "text/html; charset=utf-8")
        item = ReportItem(
            _pk(org, cycle_id, subject_id),
            "REPORT",
            org=org,
            cycle_id=cycle_id,
            subject_id=subject_id,
            json_key=f"{base}.json",
            html_key=f"{base}.html",
            digest=digest,
            built_at=clock.now(),
        )
        try:
            item.update(
                actions=[
                    ReportItem.org.set(org),
                    ReportItem.cycle_id.set(cycle_id),
                    ReportItem.subject_id.set(subject_id),
                    ReportItem.json_key.set(item.json_key),
                    ReportItem.html_key.set(item.html_key),
                    ReportItem.digest.set(digest),
                    ReportItem.built_at.set(item.built_at),
                    ReportItem.event_digest.set(digest),
                ],
                condition=ReportItem.event_digest.does_not_exist() | (ReportItem.event_digest != digest),
            )
        except UpdateError as error:
            if condition_failed(error):
                return False
            raise
        return True

    def get(self, org: str, cycle_id: str, subject_id: str, kind: str) -> bytes | None:
        try:
            item = ReportItem.get(_pk(org, cycle_id, subject_id), "REPORT")
        except DoesNotExist:
            return None
        return self._get(item.json_key if kind == "json" else item.html_key)

    def put_document(self, key: str, document: dict[str, Any]) -> None:
        self._put(key, json.dumps(document, sort_keys=True).encode(), "application/json")

    def get_document(self, key: str) -> dict[str, Any] | None:
        body = self._get(key)
        return json.loads(body) if body is not None else None
