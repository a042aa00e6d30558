"""Reminders and deadlines, driven by the local clock (POST /_local/clock)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import requests

from tests.integration.rounds import create_cycle, event, full_answers, launch, links_of, mail_to, team_org

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def local_now(local) -> datetime:
    return datetime.fromisoformat(requests.get(f"{local.api}/_local/clock", timeout=10).json()["now"])


def deadline_in(local, days: int) -> str:
    day = (local_now(local).astimezone(COPENHAGEN) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, 17, 0, tzinfo=COPENHAGEN).isoformat()


def reminders_to(local, org) -> list[str]:
    return sorted(m["to"][0] for m in mail_to(local, org) if m["subject"].startswith("Reminder"))


def test_reminders_go_7_3_and_1_days_before_to_pending_raters_only(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"], deadline=deadline_in(local, 10))
    launch(local, org, cycle["id"])
    manager_link = links_of(local, org, "m1")[0]
    answers = full_answers(requests.get(f"{manager_link}/questionnaire", timeout=10).json())
    assert requests.post(f"{manager_link}/submit", json=answers, timeout=10).status_code == 200
    pending = sorted(org.email(r) for r in ("t1-1", "t1-2", "t1-3"))

    seen_by_day = []
    for _ in range(11):
        local.advance("P1D")
        seen_by_day.append(len(reminders_to(local, org)))
    # Three reminder days (7, 3 and 1 days before), one bundled e-mail to each pending rater each time.
    assert sorted(set(seen_by_day)) == [0, 3, 6, 9]
    assert reminders_to(local, org) == sorted(pending * 3)
    assert org.email("m1") not in reminders_to(local, org)
    reminder = next(m for m in mail_to(local, org) if m["subject"].startswith("Reminder"))
    link = next(link for link in reminder["links"] if "/feedback/" in link)
    assert requests.get(f"{link}/questionnaire", timeout=10).status_code in (
        200,
        404,
    )  # 404 once the deadline closed it


def test_the_deadline_closes_the_cycle_and_builds_the_reports(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"], deadline=deadline_in(local, 2))
    launch(local, org, cycle["id"])
    local.advance("P1D")
    assert org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["state"] == "open"
    local.advance("P2D")
    local.settle()
    assert org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["state"] == "reported"


def test_extending_moves_the_deadline_and_the_reminders(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"], deadline=deadline_in(local, 2))
    launch(local, org, cycle["id"])
    new_deadline = deadline_in(local, 9)
    assert event(local, org, cycle["id"], "extend", deadline=new_deadline).status_code == 202
    before = len(reminders_to(local, org))
    local.advance("P3D")  # past the old deadline: still open, and no reminder for the old plan
    state = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()
    assert state["state"] == "open"
    assert datetime.fromisoformat(state["deadline"]) == datetime.fromisoformat(new_deadline)
    assert len(reminders_to(local, org)) == before + 4  # 7 days before the new deadline: four pending raters
    local.advance("P7D")
    assert org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["state"] in ("closed", "reported")


def test_hr_nudges_everyone_pending_once_a_day_at_most(local):
    org = team_org(local, teams=1, size=2)
    cycle = create_cycle(local, org, ["t1-1"], deadline=deadline_in(local, 20), raters={"peer": {"min": 1, "max": 5}})
    launch(local, org, cycle["id"])
    assert event(local, org, cycle["id"], "remind").status_code == 202
    local.settle()
    first = reminders_to(local, org)
    assert first == sorted(org.email(r) for r in ("m1", "t1-1", "t1-2"))
    assert event(local, org, cycle["id"], "remind").status_code == 202
    local.settle()
    assert reminders_to(local, org) == first  # not twice on one day
    draft = event(local, org, create_cycle(local, org, ["t1-2"])["id"], "remind")
    assert draft.status_code == 409


def test_a_reminder_message_delivered_twice_sends_one_e_mail_and_none_to_whoever_answered(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"], deadline=deadline_in(local, 20))
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    answers = full_answers(requests.get(f"{link}/questionnaire", timeout=10).json())
    assert requests.post(f"{link}/submit", json=answers, timeout=10).status_code == 200
    sqs = local.client("sqs")
    queue = sqs.get_queue_url(QueueName="janus-local-InvitationsQueue")["QueueUrl"]
    for rater in ("t1-2", "t1-2", "m1", "m1"):  # each twice, as SQS may deliver
        message = {"kind": "reminder", "org": org.id, "cycle_id": cycle["id"], "rater_ids": [rater], "shards": 1}
        message["round"] = "7"
        sqs.send_message(QueueUrl=queue, MessageBody=json.dumps(message))
    local.settle()

    assert reminders_to(local, org) == [org.email("t1-2")]  # once; m1 has nothing pending

    # A bundle naming all three: t1-2 had today's already, m1 has nothing pending, t1-3 gets hers.
    bundle = {
        "kind": "reminder",
        "org": org.id,
        "cycle_id": cycle["id"],
        "rater_ids": ["m1", "t1-2", "t1-3"],
        "shards": 1,
    }
    sqs.send_message(QueueUrl=queue, MessageBody=json.dumps({**bundle, "round": "7"}))
    local.settle()
    assert reminders_to(local, org) == sorted([org.email("t1-2"), org.email("t1-3")])


def test_the_deadline_tells_the_hr_lead_once_with_the_response_rate_and_a_close_by_hr_tells_nobody(local):
    org = team_org(local, teams=1, size=3)
    assert org.hr.put(f"{local.api}/organisation", json={"escalation": {"hr_lead": "m0"}}, timeout=10).ok
    cycle = create_cycle(local, org, ["t1-1"], deadline=deadline_in(local, 2))
    by_hr = create_cycle(local, org, ["t1-2"], name="Closed by HR", deadline=deadline_in(local, 2))
    launch(local, org, cycle["id"])
    launch(local, org, by_hr["id"])
    invitation = next(m for m in mail_to(local, org) if m["to"] == [org.email("m1")] and "Spring 360" in m["subject"])
    (manager_link,) = [link for link in invitation["links"] if "/feedback/" in link]
    answers = full_answers(requests.get(f"{manager_link}/questionnaire", timeout=10).json())
    assert requests.post(f"{manager_link}/submit", json=answers, timeout=10).status_code == 200
    asked = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]["assignments"]
    assert event(local, org, by_hr["id"], "close").status_code == 202
    local.advance("P3D")
    local.settle()

    told = [m for m in mail_to(local, org) if m["to"] == [org.email("m0")] and "deadline" in m["subject"]]
    rate = f"{round(100 / asked)}%"
    assert [m["subject"] for m in told] == [f"Spring 360 closed at its deadline: {rate} responded"]
    (notice,) = told
    assert f"1 of {asked} feedback forms were submitted ({rate})" in notice["text"]
    assert f"{local.api}/cycles/{cycle['id']}" in notice["links"]
