"""Reviews over HTTP on the local stack: a whole appraisal, from launch (one review per person, e-mails in the
mailbox) through the self and manager parts, calibration with a reason, release and acknowledgement; a bottom
rating opens the escalation case once."""

from __future__ import annotations

from datetime import datetime, timedelta

import requests

from tests.integration.rounds import mail_to, team_org


def local_now(local) -> datetime:
    return datetime.fromisoformat(requests.get(f"{local.api}/_local/clock", timeout=10).json()["now"])


def test_a_whole_appraisal_over_http(local):
    org = team_org(local, teams=1, size=2)
    api = local.api
    lead = local.as_(org.id, "m1", ("manager",))
    head = local.as_(org.id, "m0", ("manager",))
    ann, bo = local.as_(org.id, "t1-1", ("employee",)), local.as_(org.id, "t1-2", ("employee",))
    deadline = (local_now(local) + timedelta(days=20)).date().isoformat()

    assert (
        ann.post(f"{api}/review-cycles", json={"name": "x", "kind": "appraisal", "deadline": deadline}).status_code
        == 403
    )
    bad = org.hr.post(f"{api}/review-cycles", json={"name": "Year end", "kind": "annual", "deadline": deadline})
    assert bad.status_code == 400 and bad.json()["error"]["details"][0]["field"] == "kind"
    assert org.hr.post(f"{api}/review-cycles", json={"name": "x", "kind": "update", "deadline": deadline,
                                                    "colour": "red"}).status_code == 422  # fmt: skip
    created = org.hr.post(f"{api}/review-cycles", json={"name": "Year end 2026", "kind": "appraisal",
                                                       "deadline": deadline})  # fmt: skip
    assert created.status_code == 201, created.text
    cycle = created.json()
    assert cycle["state"] == "draft" and cycle["employees"] == "everyone" and len(cycle["rating_scale"]) == 5
    # A cycle that names no scale takes the organisation's; one that names its own keeps it.
    four = ["Not yet", "Partly", "Fully", "Beyond"]
    assert org.hr.put(f"{api}/organisation", json={"rating_scale": four}, timeout=10).json()["rating_scale"] == four
    update = org.hr.post(f"{api}/review-cycles", json={"name": "Mid-year", "kind": "update", "deadline": deadline})
    assert update.json()["rating_scale"] == four
    own = org.hr.post(f"{api}/review-cycles", json={"name": "Pilot", "kind": "update", "deadline": deadline,
                                                    "rating_scale": ["Low", "Mid", "High"]})  # fmt: skip
    assert own.json()["rating_scale"] == ["Low", "Mid", "High"]
    refused = org.hr.put(f"{api}/organisation", json={"rating_scale": ["Only"]}, timeout=10)
    assert refused.status_code == 400 and refused.json()["error"]["details"][0]["field"] == "rating_scale"

    launched = org.hr.post(f"{api}/review-cycles/{cycle['id']}/events", json={"type": "launch"})
    assert launched.status_code == 202, launched.text
    assert org.hr.post(f"{api}/review-cycles/{cycle['id']}/events", json={"type": "launch"}).status_code == 409
    assert org.hr.post(f"{api}/review-cycles/{cycle['id']}/events", json={"type": "release"}).status_code == 409
    local.settle()
    shown = org.hr.get(f"{api}/review-cycles/{cycle['id']}", timeout=10).json()
    assert shown["state"] == "open" and shown["progress"]["reviews"] == 4

    mails = mail_to(local, org)
    to_ann = [m for m in mails if m["to"] == [org.email("t1-1")]]
    to_lead = [m for m in mails if m["to"] == [org.email("m1")]]
    assert len(to_ann) == 1 and "appraisal is open" in to_ann[0]["subject"]
    assert len(to_lead) == 3  # their own review, and one for each of their two reports
    review_id = f"{cycle['id']}.t1-1"
    assert any(link.endswith(f"/my-reviews/{review_id}") for link in to_ann[0]["links"])

    mine = ann.get(f"{api}/reviews", timeout=10).json()["reviews"]
    assert [r["id"] for r in mine] == [review_id]
    page = ann.get(f"{api}/reviews/{review_id}", headers={"Accept-Language": "da"}, timeout=10).json()
    assert page["job_class"] == "technical" and 1 <= len(page["competency_details"]) <= 10
    assert set(page["model_evaluations"]) >= {"top", "good", "poor"}
    assert page["check_in_actions"] == [] and page["you"]["may_write_self"]
    assert bo.get(f"{api}/reviews/{review_id}", timeout=10).status_code == 404
    competency = page["competencies"][0]

    saved = ann.put(f"{api}/reviews/{review_id}/self", json={"summary": "A good year", "version": page["version"],
                                                            "competencies": {competency: {"rating": 4}}})  # fmt: skip
    assert saved.status_code == 200, saved.text
    stale = ann.put(f"{api}/reviews/{review_id}/self", json={"summary": "Again", "version": page["version"]})
    assert stale.status_code == 409
    assert ann.put(f"{api}/reviews/{review_id}/manager", json={"summary": "me"}).status_code == 403
    assert ann.post(f"{api}/reviews/{review_id}/self/submit").status_code == 200
    assert ann.put(f"{api}/reviews/{review_id}/self", json={"summary": "late"}).status_code == 409

    assert lead.put(f"{api}/reviews/{review_id}/manager", json={"summary": "Solid", "overall_rating": 3}).ok
    assert lead.post(f"{api}/reviews/{review_id}/manager/submit").status_code == 200
    other = f"{cycle['id']}.t1-2"
    assert head.put(f"{api}/reviews/{other}/manager", json={"summary": "Not there yet", "overall_rating": 1,
                                                            "unacceptable": True}).ok  # fmt: skip
    assert head.post(f"{api}/reviews/{other}/manager/submit").status_code == 200
    local.settle()
    cases = org.hr.get(f"{api}/escalations", timeout=10).json()
    cases = cases.get("cases", cases.get("escalations", []))
    assert [c["cause"] for c in cases if c["employee_id"] == "t1-2"] == [f"review:{other}"]

    before = ann.get(f"{api}/reviews/{review_id}", timeout=10).json()
    assert before["manager"] == {"status": "submitted"} and "overall_rating" not in before

    calibration = org.hr.get(f"{api}/review-cycles/{cycle['id']}/calibration", timeout=10).json()
    assert calibration["overall"] == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 0}
    assert [(m["manager_id"], m["counts"]["1"], m["counts"]["3"]) for m in calibration["by_manager"]] == [("m1", 1, 1)]
    assert calibration["by_department"][0]["department"] == "R&D"

    no_reason = org.hr.post(f"{api}/reviews/{review_id}/calibrate", json={"overall_rating": 4, "reason": " "})
    assert no_reason.status_code == 400 and no_reason.json()["error"]["details"][0]["field"] == "reason"
    assert (
        lead.post(f"{api}/reviews/{review_id}/calibrate", json={"overall_rating": 4, "reason": "x"}).status_code == 403
    )
    calibrated = org.hr.post(f"{api}/reviews/{review_id}/calibrate",
                             json={"overall_rating": 4, "reason": "Led the migration"})  # fmt: skip
    assert calibrated.status_code == 200, calibrated.text
    after = org.hr.get(f"{api}/review-cycles/{cycle['id']}/calibration", timeout=10).json()
    assert after["overall"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 0}

    assert ann.post(f"{api}/reviews/{review_id}/acknowledge", json={}).status_code == 409
    assert org.hr.post(f"{api}/review-cycles/{cycle['id']}/events", json={"type": "close"}).status_code == 202
    assert org.hr.post(f"{api}/review-cycles/{cycle['id']}/events", json={"type": "release"}).status_code == 202
    assert org.hr.post(f"{api}/reviews/{review_id}/calibrate",
                       json={"overall_rating": 5, "reason": "late"}).status_code == 409  # fmt: skip

    released = ann.get(f"{api}/reviews/{review_id}", timeout=10).json()
    assert released["manager"]["summary"] == "Solid" and released["overall_rating"] == 4
    assert [e["kind"] for e in released["history"]][:2] == ["calibrated", "manager_submitted"]
    done = ann.post(f"{api}/reviews/{review_id}/acknowledge", json={"comment": "Thanks"})
    assert done.status_code == 200 and done.json()["acknowledged"]["comment"] == "Thanks"
    assert ann.post(f"{api}/reviews/{review_id}/acknowledge", json={}).status_code == 409
    final = org.hr.get(f"{api}/review-cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert final == {"reviews": 4, "self_submitted": 1, "manager_submitted": 2, "acknowledged": 1, "calibrated": 1}


def test_owers_are_reminded_once_per_slot(local):
    org = team_org(local, teams=1, size=2)
    deadline = (local_now(local) + timedelta(days=10)).date().isoformat()
    body = {"name": "Mid-year", "kind": "update", "deadline": deadline, "employees": ["t1-1", "t1-2"]}
    cycle = org.hr.post(f"{local.api}/review-cycles", json=body).json()
    assert org.hr.post(f"{local.api}/review-cycles/{cycle['id']}/events", json={"type": "launch"}).status_code == 202
    local.settle()
    ann = local.as_(org.id, "t1-1", ("employee",))
    review_id = f"{cycle['id']}.t1-1"
    assert ann.put(f"{local.api}/reviews/{review_id}/self", json={"summary": "Done"}).ok
    assert ann.post(f"{local.api}/reviews/{review_id}/self/submit").ok
    local.advance("P4D")  # past the 7-days-before slot
    local.settle()
    reminders = [m for m in mail_to(local, org) if m["subject"].startswith("Reminder")]
    assert sorted(m["to"][0].split("@")[0] for m in reminders) == ["m1", "t1-2"]
    lead_mail = next(m for m in reminders if m["to"] == [org.email("m1")])
    assert "Person t1-1" in lead_mail["text"] and "Person t1-2" in lead_mail["text"]
