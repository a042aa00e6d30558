"""Goals over HTTP on the local stack: set, seen or not, changed with a reason, progress rolling up the tree
through the queue, and the quarterly nudge fired by the local clock, once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import requests

from tests.integration.rounds import mail_to, team_org

GOAL = {"title": "Answer customers within one working day", "due": None,
        "key_results": [{"title": "Share answered in a day", "start": 60, "target": 100, "unit": "%"}]}  # fmt: skip


def local_now(local) -> datetime:
    return datetime.fromisoformat(requests.get(f"{local.api}/_local/clock", timeout=10).json()["now"])


def goal_body(local, **fields) -> dict:
    due = (local_now(local) + timedelta(days=60)).date().isoformat()
    return {**GOAL, "due": due, **fields}


def test_goals_are_set_seen_changed_and_rolled_up_over_http(local):
    org = team_org(local, teams=1, size=3)
    head = local.as_(org.id, "m0", ("manager",))
    lead = local.as_(org.id, "m1", ("manager",))
    ann, bo = local.as_(org.id, "t1-1", ("employee",)), local.as_(org.id, "t1-2", ("employee",))

    answer = head.post(f"{local.api}/goals", json=goal_body(local, title="Keep every customer", key_results=[]))
    assert answer.status_code == 201, answer.text
    company = answer.json()
    assert [f["code"] for f in company["findings"]] == ["no_measure", "no_target"]
    team = lead.post(f"{local.api}/goals", json=goal_body(local, parent_id=company["id"])).json()
    mine = ann.post(f"{local.api}/goals", json=goal_body(local, parent_id=team["id"])).json()
    private = bo.post(f"{local.api}/goals", json=goal_body(local, visibility="private")).json()

    assert ann.get(f"{local.api}/goals/{private['id']}", timeout=10).status_code == 404
    assert lead.get(f"{local.api}/goals/{private['id']}", timeout=10).status_code == 200
    assert (
        head.get(f"{local.api}/goals", params={"owner": "t1-2"}, timeout=10).json()["goals"][0]["id"] == private["id"]
    )
    assert ann.get(f"{local.api}/goals", params={"owner": "t1-2"}, timeout=10).json() == {"goals": [], "parents": {}}

    moved = ann.post(f"{local.api}/goals/{mine['id']}/progress", json={"value": 100, "note": "done early"})
    assert moved.status_code == 200 and moved.json()["progress"] == 1
    local.settle()
    assert lead.get(f"{local.api}/goals/{team['id']}", timeout=10).json()["progress"] == 0.5
    assert head.get(f"{local.api}/goals/{company['id']}", timeout=10).json()["progress"] == 0.5

    changed = lead.patch(f"{local.api}/goals/{team['id']}", json={"status": "at_risk", "reason": "two left"})
    assert changed.status_code == 200, changed.text
    shown = bo.get(f"{local.api}/goals/{team['id']}", timeout=10).json()
    assert [c["id"] for c in shown["children"]] == [mine["id"]]
    assert shown["history"][0] | {"at": None} == {"version": 2, "at": None, "by": "m1", "kind": "changed",
                                                   "changes": {"status": {"from": "on_track", "to": "at_risk"}},
                                                   "reason": "two left"}  # fmt: skip
    assert bo.patch(f"{local.api}/goals/{team['id']}", json={"title": "Mine", "reason": "r"}).status_code == 403


def test_owners_are_nudged_once_at_the_next_quarters_start(local):
    org = team_org(local, teams=1, size=2)
    ann = local.as_(org.id, "t1-1", ("employee",))
    lead = local.as_(org.id, "m1", ("manager",))
    assert ann.post(f"{local.api}/goals", json=goal_body(local), timeout=10).status_code == 201
    assert lead.post(f"{local.api}/goals", json=goal_body(local, owner="t1-1", title="Write the handbook"),
                     timeout=10).status_code == 201  # fmt: skip
    assert lead.post(f"{local.api}/goals", json=goal_body(local, title="Hire two people"), timeout=10).ok

    now = local_now(local)
    quarter = (now.month - 1) // 3 + 1
    year, following = (now.year + 1, 1) if quarter == 4 else (now.year, quarter + 1)
    start = datetime(year, 3 * following - 2, 1, 9, tzinfo=now.tzinfo)  # the organisation keeps UTC
    hours = int((start - now).total_seconds() // 3600) + 1
    local.advance(f"PT{hours}H")
    local.settle()

    nudges = [m for m in mail_to(local, org) if "new quarter" in m["subject"]]
    assert sorted(m["to"][0] for m in nudges) == [org.email("m1"), org.email("t1-1")]
    (ann_mail,) = [m for m in nudges if m["to"] == [org.email("t1-1")]]
    assert "Write the handbook" in ann_mail["text"] and "Answer customers" in ann_mail["text"]
    assert ann_mail["links"] == [f"{local.api}/my-goals"]

    # The quarter's start delivered again sends nothing twice.
    sqs = local.client("sqs")
    url = next(u for u in sqs.list_queues()["QueueUrls"] if u.endswith("-PerformanceQueue"))
    label = f"{year}-Q{following}"
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"job": "goals_quarter", "v": 1, "org": org.id,
                                                           "quarter": label}))  # fmt: skip
    local.settle()
    assert len([m for m in mail_to(local, org) if "new quarter" in m["subject"]]) == 2


def test_a_private_child_tells_nothing_through_its_parent_by_any_route(local):
    org = team_org(local, teams=1, size=2)
    lead = local.as_(org.id, "m1", ("manager",))
    ann, bo = local.as_(org.id, "t1-1", ("employee",)), local.as_(org.id, "t1-2", ("employee",))
    team = lead.post(f"{local.api}/goals", json=goal_body(local, title="Answer every customer", key_results=[]))
    team = team.json()
    mine = ann.post(f"{local.api}/goals", json=goal_body(local, parent_id=team["id"])).json()
    secret = bo.post(f"{local.api}/goals", json=goal_body(local, parent_id=team["id"], visibility="private",
                                                          title="Leave for a rival in spring")).json()  # fmt: skip
    assert ann.post(f"{local.api}/goals/{mine['id']}/progress", json={"value": 80}).ok  # 0.5
    assert bo.post(f"{local.api}/goals/{secret['id']}/progress", json={"value": 100}).ok  # 1.0
    local.settle()

    for reader in (ann, lead):
        shown = reader.get(f"{local.api}/goals/{team['id']}", timeout=10).json()
        assert shown["progress"] == 0.5  # the private child's 1.0 is in no figure a reader sees
        listed = reader.get(f"{local.api}/goals", params={"owner": "m1"}, timeout=10).json()
        assert [g["progress"] for g in listed["goals"]] == [0.5]
    by_ann = ann.get(f"{local.api}/goals/{team['id']}", timeout=10).text
    assert "rival" not in by_ann and secret["id"] not in by_ann
    by_lead = lead.get(f"{local.api}/goals/{team['id']}", timeout=10).json()
    assert {c["id"]: c["counts_in_parent"] for c in by_lead["children"]} == {mine["id"]: True, secret["id"]: False}

    now = local_now(local)
    quarter = (now.month - 1) // 3 + 1
    year, following = (now.year + 1, 1) if quarter == 4 else (now.year, quarter + 1)
    start = datetime(year, 3 * following - 2, 1, 9, tzinfo=now.tzinfo)
    local.advance(f"PT{int((start - now).total_seconds() // 3600) + 1}H")
    local.settle()
    mails = {m["to"][0]: m for m in mail_to(local, org) if "new quarter" in m["subject"]}
    assert "rival" not in mails[org.email("t1-1")]["text"] and "rival" not in mails[org.email("m1")]["text"]
    assert "rival" in mails[org.email("t1-2")]["text"]  # its owner's own nudge lists it


def test_the_companys_goals_a_managers_team_and_a_confirmation_over_http(local):
    org = team_org(local, teams=1, size=2)
    head = local.as_(org.id, "m0", ("manager",))
    lead = local.as_(org.id, "m1", ("manager",))
    ann = local.as_(org.id, "t1-1", ("employee",))
    company = head.post(f"{local.api}/goals", json=goal_body(local, title="Keep every customer")).json()
    private = head.post(f"{local.api}/goals", json=goal_body(local, title="Sell the firm", visibility="private"))
    assert private.status_code == 201
    listed = ann.get(f"{local.api}/goals", params={"scope": "organisation"}, timeout=10).json()
    assert [g["id"] for g in listed["goals"]] == [company["id"]] and listed["next"] is None  # not the private one
    mine = ann.post(f"{local.api}/goals", json=goal_body(local, parent_id=company["id"])).json()
    assert ann.post(f"{local.api}/goals/{mine['id']}/confirm", timeout=10).status_code == 200  # no body
    team = lead.get(f"{local.api}/goals", params={"scope": "team"}, timeout=10).json()
    assert {p["id"]: (p["open"], p["looked_at_this_quarter"]) for p in team["people"]} == {
        "t1-1": (1, True), "t1-2": (0, False)}  # fmt: skip
    shown = ann.get(f"{local.api}/goals/{mine['id']}", timeout=10).json()
    assert [p["id"] for p in shown["parents"]] == [company["id"]]
    assert [h["kind"] for h in shown["history"]] == ["confirmed", "created"]
