"""Retention per organisation over HTTP: HR sets it in months; a held check-in, a closed case and a closed
cycle's answers carry the table's expires_at that many months after they closed, and the 360 report says until
when its answers are kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import requests

from janus.kernel.retention import expires_at
from tests.integration.rounds import team_org
from tests.integration.test_escalations_api import cases_of, weak_round


def table(local) -> str:
    (name,) = [n for n in local.client("dynamodb").list_tables()["TableNames"] if n.endswith("-Table")]
    return name


def stamp(local, pk: str, sk: str) -> int | None:
    item = local.client("dynamodb").get_item(TableName=table(local), Key={"PK": {"S": pk}, "SK": {"S": sk}})["Item"]
    return int(item["expires_at"]["N"]) if "expires_at" in item else None


def put(org: Any, local, body: dict[str, Any]) -> requests.Response:
    return org.hr.put(f"{local.api}/organisation", json=body, timeout=10)


def test_hr_sets_the_retention_in_whole_months_and_a_bad_value_is_refused_by_name(local):
    org = team_org(local, teams=1, size=1)
    assert org.hr.get(f"{local.api}/organisation", timeout=10).json()["retention_months"] == 36
    for bad in (5, 121, 12.5, "36", True):
        refused = put(org, local, {"retention_months": bad})
        assert refused.status_code == 400, (bad, refused.text)
        assert [d["field"] for d in refused.json()["error"]["details"]] == ["retention_months"]
    assert put(org, local, {"retention_months": 12}).json()["retention_months"] == 12
    assert org.hr.get(f"{local.api}/organisation", timeout=10).json()["retention_months"] == 12
    assert put(org, local, {"anonymity_threshold": 4}).json()["retention_months"] == 12  # not sent: kept
    assert put(org, local, {"retention_months": None}).json()["retention_months"] == 36


def test_a_held_check_in_is_kept_the_organisations_months_after_it_was_held(local):
    org = team_org(local, teams=1, size=2)
    assert put(org, local, {"retention_months": 12}).status_code == 200
    lead, ann = local.as_(org.id, "m1", ("manager",)), local.as_(org.id, "t1-1", ("employee",))
    made = ann.post(f"{local.api}/check-ins", json={"employee_id": "t1-1"}, timeout=10).json()
    base = f"{local.api}/check-ins/{made['id']}"
    assert ann.put(f"{base}/notes", json={"private": "I am tired"}, timeout=10).status_code == 200
    held = lead.post(f"{base}/complete", timeout=10).json()
    pk = f"ORG#{org.id}#CHECKIN#{made['id']}"
    # Held on its day: kept from the later of the moment it was held and the end of its day.
    day_end = datetime.combine(date.fromisoformat(made["date"]), time(), UTC) + timedelta(days=1)
    assert stamp(local, pk, "CHECKIN") == expires_at(max(datetime.fromisoformat(held["completed_at"]), day_end), 12)
    assert stamp(local, pk, "NOTE#t1-1") is not None


def test_a_closed_cycles_answers_and_a_closed_case_expire_after_the_organisations_months(local):
    org = team_org(local, teams=1, size=4)
    assert put(org, local, {"retention_months": 24}).status_code == 200
    cycle = weak_round(local, org)
    closed_at = datetime.fromisoformat(org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["closed_at"])
    kept = expires_at(closed_at, 24)
    for rater in ("t1-1", "m1", "t1-2", "t1-3", "t1-4"):
        assert stamp(local, f"ORG#{org.id}#CYCLE#{cycle['id']}#SUBJ#t1-1", f"RATER#{rater}") == kept

    report = org.hr.get(f"{local.api}/cycles/{cycle['id']}/reports/t1-1", timeout=10).json()
    assert report["cycle"]["retention_months"] == 24
    assert int(datetime.fromisoformat(report["cycle"]["answers_kept_until"]).timestamp()) == kept
    page = " ".join(org.hr.get(f"{local.api}/cycles/{cycle['id']}/reports/t1-1/html", timeout=10).text.split())
    assert "The answers behind this report are kept until" in page
    assert "(the organisation keeps them 24 months after the round closes)" in page

    case = cases_of(local, org)[0]
    assert stamp(local, f"ORG#{org.id}#ESC#{case['id']}", "CASE") is None  # open: kept
    closing = org.hr.post(f"{local.api}/escalations/{case['id']}/events",
                          json={"type": "close", "decision": "Moved to another role"}, timeout=10)  # fmt: skip
    assert closing.status_code == 200, closing.text
    closed = datetime.fromisoformat(closing.json()["closed_at"])
    assert stamp(local, f"ORG#{org.id}#ESC#{case['id']}", "CASE") == expires_at(closed, 24)
