"""Check-ins over HTTP on the local stack: a cadence set, a check-in held by both sides with private notes only
their authors read, action items carried over, HR's two-way measure, and a missed slot nudging both people once,
fired by the local clock."""

from __future__ import annotations

import json

import requests

from tests.integration.rounds import mail_to, team_org


def test_a_check_in_is_held_by_both_sides_and_private_notes_stay_with_their_author(local):
    org = team_org(local, teams=1, size=2)
    lead, ann = local.as_(org.id, "m1", ("manager",)), local.as_(org.id, "t1-1", ("employee",))
    head, bo = local.as_(org.id, "m0", ("manager",)), local.as_(org.id, "t1-2", ("employee",))
    hr = org.hr

    cadence = lead.put(f"{local.api}/employees/t1-1/check-in-cadence", json={"cadence": "weekly"}, timeout=10)
    assert cadence.status_code == 200, cadence.text
    assert cadence.json()["cadence"] == "weekly" and cadence.json()["next_due"]
    assert ann.put(f"{local.api}/employees/t1-1/check-in-cadence", json={"cadence": "monthly"}).status_code == 404

    made = ann.post(f"{local.api}/check-ins", json={"employee_id": "t1-1"}, timeout=10)
    assert made.status_code == 201, made.text
    cid = made.json()["id"]
    base = f"{local.api}/check-ins/{cid}"
    assert ann.get(base, timeout=10).json()["goals"]["path"] == "/goals?owner=t1-1"
    assert ann.post(f"{base}/topics", json={"text": "My workload"}, timeout=10).status_code == 201
    assert lead.post(f"{base}/topics", json={"text": "The new project"}, timeout=10).status_code == 201
    assert ann.put(f"{base}/notes", json={"private": "I am tired"}, timeout=10).status_code == 200
    assert lead.put(f"{base}/notes", json={"shared": "Fewer meetings", "private": "Ask HR"}).status_code == 200
    action = lead.post(f"{base}/actions", json={"text": "Cancel a meeting", "owner": "m1"}, timeout=10).json()
    action_id = action["actions"][0]["id"]

    mine = ann.get(base, timeout=10).json()
    assert [(t["text"], t["side"]) for t in mine["topics"]] == [("My workload", "employee"),
                                                                ("The new project", "manager")]  # fmt: skip
    assert mine["private_notes"]["text"] == "I am tired" and mine["shared_notes"]["text"] == "Fewer meetings"
    assert lead.get(base, timeout=10).json()["private_notes"]["text"] == "Ask HR"
    for reader in (head, hr):
        shown = reader.get(base, timeout=10)
        assert shown.status_code == 200 and "private_notes" not in shown.json()
        assert "I am tired" not in shown.text and "Ask HR" not in shown.text
    assert bo.get(base, timeout=10).status_code == 404
    assert "I am tired" not in lead.get(base, timeout=10).text

    assert lead.post(f"{base}/complete", timeout=10).json()["state"] == "completed"
    following = ann.post(f"{local.api}/check-ins", json={"employee_id": "t1-1"}, timeout=10).json()
    assert [(a["id"], a["carried"]) for a in following["actions"]] == [(action_id, True)]
    done = ann.post(f"{local.api}/check-ins/{following['id']}/actions/{action_id}/done", timeout=10)
    assert done.status_code == 200 and done.json()["actions"][0]["done"] is True
    assert ann.get(base, timeout=10).json()["actions"][0]["done"] is True

    listed = lead.get(f"{local.api}/check-ins", params={"employee_id": "t1-1"}, timeout=10).json()
    assert {c["id"] for c in listed["check_ins"]} == {cid, following["id"]} and listed["pair"]["held"] == 1

    measure = hr.get(f"{local.api}/organisation/check-ins", timeout=10)
    assert measure.status_code == 200
    assert measure.json()["departments"] == [] and measure.json()["hidden_departments"] == 1  # one pair: hidden
    assert lead.get(f"{local.api}/organisation/check-ins", timeout=10).status_code == 403
    for address in (org.email("t1-1"), org.email("m1")):
        for message in (m for m in mail_to(local, org) if m["to"] == [address]):
            assert "I am tired" not in message["text"] and "Ask HR" not in message["text"]


def test_a_missed_slot_nudges_both_people_once(local):
    org = team_org(local, teams=1, size=1)
    lead = local.as_(org.id, "m1", ("manager",))
    assert lead.put(f"{local.api}/employees/t1-1/check-in-cadence", json={"cadence": "weekly"}).status_code == 200

    local.advance("P7DT1H")
    local.settle()

    missed = [m for m in mail_to(local, org) if "was missed" in m["subject"]]
    assert sorted(m["to"][0] for m in missed) == [org.email("m1"), org.email("t1-1")]
    (ann_mail,) = [m for m in missed if m["to"] == [org.email("t1-1")]]
    (lead_mail,) = [m for m in missed if m["to"] == [org.email("m1")]]
    assert ann_mail["links"] == [f"{local.api}/my-check-ins"] and "Person m1" in ann_mail["subject"]
    assert lead_mail["links"] == [f"{local.api}/team/check-ins"] and "Person t1-1" in lead_mail["subject"]
    pair = lead.get(f"{local.api}/check-ins", params={"employee_id": "t1-1"}, timeout=10).json()["pair"]
    assert pair["missed"] == 1

    # The slot's message delivered again sends nothing twice.
    sqs = local.client("sqs")
    url = next(u for u in sqs.list_queues()["QueueUrls"] if u.endswith("-PerformanceQueue"))
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"job": "checkins_slot_due", "v": 1, "org": org.id,
                                                           "employee_id": "t1-1", "slot": 1,
                                                           "due": pair["next_due"]}))  # fmt: skip
    local.settle()
    assert len([m for m in mail_to(local, org) if "was missed" in m["subject"]]) == 2
    assert requests.get(f"{local.api}/_local/mailbox", timeout=10).ok
