"""HR's export of everything Janus holds about one employee, over HTTP on the local stack: every capability's
records about them in one JSON document, and none of what it must leave out (private check-in notes, their
answers as a rater, what they wrote about others); the export is HR's alone and is itself in the audit log."""

from __future__ import annotations

import json

from tests.integration.rounds import team_org
from tests.integration.test_development_api import released_round

VALUES = [{"id": "courage", "name": "Courage"}]


def test_hr_exports_everything_about_one_employee_and_nothing_it_must_leave_out(local):
    org = team_org(local, teams=1, size=4)
    api = local.api
    ann, lead = local.as_(org.id, "t1-1", ("employee",)), local.as_(org.id, "m1", ("manager",))
    bo = local.as_(org.id, "t1-2", ("employee",))
    # A released 360 round about Ann, in which Ann also rated Bo.
    cycle_id = released_round(local, org, "t1-1", ["t1-1", "m1", "t1-2", "t1-3", "t1-4"])
    # A goal, a check-in with private notes on both sides, recognition (one private), a case.
    goal = ann.post(f"{api}/goals", json={"title": "Answer every customer within a day", "due": "2030-06-30"})
    assert goal.status_code == 201, goal.text
    assert lead.put(f"{api}/employees/t1-1/check-in-cadence", json={"cadence": "weekly"}).status_code == 200
    made = ann.post(f"{api}/check-ins", json={"employee_id": "t1-1"}, timeout=10).json()
    base = f"{api}/check-ins/{made['id']}"
    assert ann.post(f"{base}/topics", json={"text": "My workload"}, timeout=10).status_code == 201
    assert ann.put(f"{base}/notes", json={"shared": "Fewer meetings", "private": "ANN-PRIVATE-NOTE"}).status_code == 200
    assert lead.put(f"{base}/notes", json={"private": "LEAD-PRIVATE-NOTE"}, timeout=10).status_code == 200
    assert lead.post(f"{base}/actions", json={"text": "Cancel a meeting", "owner": "t1-1"}).status_code == 201
    assert org.hr.put(f"{api}/organisation", json={"values": VALUES}, timeout=10).status_code == 200
    for visibility in ("public", "private"):
        body = {"to": ["t1-1"], "value": "courage", "message": f"Well done, {visibility}", "visibility": visibility}
        given = bo.post(f"{api}/recognitions", json=body, timeout=10)
        assert given.status_code == 201, given.text
    flagged = lead.post(f"{api}/employees/t1-1/unacceptable", json={"note": "Missed every deadline."}, timeout=10)
    assert flagged.status_code == 201
    assert lead.get(f"{api}/employees/t1-1/development-plan", timeout=10).status_code == 200  # a read by another

    assert ann.get(f"{api}/employees/t1-1/export", timeout=10).status_code == 403  # not even their own: HR's
    assert lead.get(f"{api}/employees/t1-1/export", timeout=10).status_code == 403
    assert org.hr.get(f"{api}/employees/nobody/export", timeout=10).status_code == 404
    answer = org.hr.get(f"{api}/employees/t1-1/export", timeout=30)
    assert answer.status_code == 200, answer.text
    exported = answer.json()
    whole = json.dumps(exported)

    assert exported["format"] == "janus-export/1" and exported["employee"]["id"] == "t1-1"
    assert [g["title"] for g in exported["goals"]] == ["Answer every customer within a day"]
    assert exported["goals"][0]["history"]
    (check_in,) = exported["check_ins"]["check_ins"]
    assert [t["text"] for t in check_in["topics"]] == ["My workload"]
    assert check_in["shared_notes"]["text"] == "Fewer meetings"
    assert [a["text"] for a in check_in["actions"]] == ["Cancel a meeting"]
    assert exported["check_ins"]["pair"]["cadence"] == "weekly"
    assert "ANN-PRIVATE-NOTE" not in whole and "LEAD-PRIVATE-NOTE" not in whole  # private notes never leave
    assert sorted(r["visibility"] for r in exported["recognition_received"]) == ["private", "public"]
    assert "manager_flag" in {c["cause"] for c in exported["cases"]}  # and the weak report's own
    assert exported["development_plan"]["actions"]  # seeded from the released report
    (report,) = exported["reports"]
    assert report["cycle_id"] == cycle_id and report["report"]["subject"]["id"] == "t1-1"
    assert "t1-2" not in json.dumps(report)  # the raters are pooled, never named
    assert all(r.get("subject_id") != "t1-2" for r in exported["reports"])  # Ann's answers about Bo: not hers
    reads = exported["reads_of_their_records"]
    assert {(r["reader"], r["record"]) for r in reads} >= {("m1", "development_plan"), ("hr-1", "export")}
    assert exported["left_out"]
