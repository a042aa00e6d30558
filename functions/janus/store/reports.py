"""Reports in S3 (JSON and HTML, encrypted) and their records in the table."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from pynamodb.exceptions import DoesNotExist

from janus import clock
from janus.store import get_items
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
        """Store one report; True when its content is new (see ``save_all``)."""
        return subject_id in self.save_all(org, cycle_id, [(subject_id, report, html)])

    def save_all(self, org: str, cycle_id: str, built: Sequence[tuple[str, dict[str, Any], str]]) -> set[str]:
        """Store a page of reports (subject id, report, HTML); the subjects whose content is new.

        The documents go to S3; the records are read in one BatchGetItem and only the new or
        changed ones written, in BatchWriteItem groups of 25, so a redelivered job writes no
        record and its ReportReady events do not go out again. Two deliveries of one job at the
        same moment could both find a record stale and both announce it: the consumers of
        ReportReady take an event twice as once.
        """
        records: dict[str, ReportItem] = {}
        for subject_id, report, html in built:
            body = json.dumps(report, sort_keys=True, ensure_ascii=False).encode()
            digest = hashlib.sha256(body).hexdigest()
            base = f"reports/{org}/{cycle_id}/{subject_id}"
            self._put(f"{base}.json", body, "application/json")
            self._put(f"{base}.html", html.encode(), "text/html; charset=utf-8")
            records[subject_id] = ReportItem(
                _pk(org, cycle_id, subject_id),
                "REPORT",
                org=org,
                cycle_id=cycle_id,
                subject_id=subject_id,
                json_key=f"{base}.json",
                html_key=f"{base}.html",
                digest=digest,
                event_digest=digest,
                built_at=clock.now(),
            )
        stored = get_items((_pk(org, cycle_id, subject_id), "REPORT") for subject_id in records)
        fresh = {
            subject_id
            for subject_id, item in records.items()
            if (stored.get((item.PK, "REPORT")) or {}).get("event_digest", {}).get("S") != item.digest
        }
        with ReportItem.batch_write() as batch:
            for subject_id in sorted(fresh):
                batch.save(records[subject_id])
        return fresh

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
