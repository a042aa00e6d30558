"""Recognition over HTTP on the local stack: given for the organisation's values, read as its visibility allows,
counted for HR, and a manager's weekly digest fired by the local clock, once."""

from __future__ import annotations

import json
from datetime import datetime

from tests.integration.rounds import mail_to, team_org

VALUES = [{"id": "customer-first", "name": "Customer first"}, {"id": "courage", "name": "Courage"}]


def test_recognition_is_given_read_counted_and_digested_over_http(local):
    org = team_org(local, teams=1, size=4)
    assert org.hr.put(f"{local.api}/organisation", json={"values": VALUES}, timeout=10).status_code == 200
    ann, bo = local.as_(org.id, "t1-1", ("employee",)), local.as_(org.id, "t1-2", ("employee",))
    lead = local.as_(org.id, "m1", ("manager",))
    url = f"{local.api}/recognitions"

    given = ann.post(url, json={"to": ["t1-2", "t1-3"], "value": "courage", "message": "You said no to scope creep."})
    assert given.status_code == 201, given.text
    assert given.json()["value_name"] == "Courage" and given.json()["visibility"] == "public"
    private = bo.post(url, json={"to": ["t1-3"], "value": "customer-first", "message": "Quietly great work.",
                                 "visibility": "private"}, timeout=10)  # fmt: skip
    assert private.status_code == 201
    assert bo.post(url, json={"to": ["t1-4"], "value": "kindness", "message": "x"}, timeout=10).status_code == 422
    unknown = bo.post(url, json={"to": ["ghost"], "value": "courage", "message": "x"}, timeout=10)
    assert unknown.status_code == 422 and "ghost" in unknown.text
    assert bo.post(url, json={"to": ["t1-2"], "value": "courage", "message": "me"}, timeout=10).status_code == 400
    assert bo.post(url, json={"to": ["t1-4"], "value": "courage", "message": "x", "tone": "warm"}).status_code in (
        400, 422)  # fmt: skip

    seen_by_ann = ann.get(url, params={"employee_id": "t1-3"}, timeout=10).json()["recognitions"]
    assert [r["message"] for r in seen_by_ann] == ["You said no to scope creep."]
    seen_by_them = local.as_(org.id, "t1-3", ("employee",)).get(url, timeout=10).json()["recognitions"]
    assert [r["visibility"] for r in seen_by_them] == ["private", "public"]

    figures = org.hr.get(f"{local.api}/organisation/recognition", params={"department": "R&D"}, timeout=10)
    assert figures.status_code == 200, figures.text
    (rnd,) = figures.json()["departments"]
    assert rnd["department"] == "R&D" and rnd["hidden"] is True  # two people recognised: below the threshold of 3
    never = {p["id"] for p in figures.json()["never_recognised"]["people"]}
    assert never == {"m0", "m1", "t1-1", "t1-4"}
    assert lead.get(f"{local.api}/organisation/recognition", timeout=10).status_code == 403

    assert org.hr.put(f"{local.api}/organisation/recognition-digest", json={"enabled": True}).status_code == 200
    local.advance("P8D")
    local.settle()
    digests = [m for m in mail_to(local, org) if "Recognition for your team" in m["subject"]]
    assert [m["to"] for m in digests] == [[org.email("m1")]]
    assert "Person t1-1 recognised Person t1-2 for Courage" in digests[0]["text"]
    assert "Quietly great work." not in digests[0]["text"] and digests[0]["links"] == [f"{local.api}/recognition"]

    # The week's end delivered again sends nothing twice.
    year, week, _ = datetime.fromisoformat(given.json()["given_at"]).isocalendar()
    sqs = local.client("sqs")
    queue = next(u for u in sqs.list_queues()["QueueUrls"] if u.endswith("-PerformanceQueue"))
    sqs.send_message(QueueUrl=queue, MessageBody=json.dumps({"job": "recognition_digest", "v": 1, "org": org.id,
                                                             "week": f"{year}-W{week:02d}"}))  # fmt: skip
    local.settle()
    assert len([m for m in mail_to(local, org) if "Recognition for your team" in m["subject"]]) == 1
