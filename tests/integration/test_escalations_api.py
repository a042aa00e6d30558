"""Unacceptable performance: a weak report opens cases, missed deadlines escalate, a plan stops it.
Driven by the local clock."""

from __future__ import annotations

import json

import requests

from tests.integration.rounds import create_cycle, event, full_answers, launch, links_of, mail_to, team_org


def session(local, org, sub: str, roles: list[str]) -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {local.token(org.id, sub, roles)}"
    return s


def weak_round(local, org) -> dict:
    cycle = create_cycle(local, org, ["t1-1"], raters={"peer": {"min": 0, "max": 5}})
    launch(local, org, cycle["id"])
    for rater in ("t1-1", "m1", "t1-2", "t1-3", "t1-4"):
        link = links_of(local, org, rater)[0]
        answers = full_answers(requests.get(f"{link}/questionnaire", timeout=10).json(), rating=1)
        assert requests.post(f"{link}/submit", json=answers, timeout=10).status_code == 200
    assert event(local, org, cycle["id"], "close").status_code == 202
    local.settle()
    return cycle


def cases_of(local, org, who: requests.Session | None = None) -> list[dict]:
    answer = (who or org.hr).get(f"{local.api}/escalations", timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["cases"]


def test_a_weak_report_opens_cases_once_and_tells_the_manager(local):
    org = team_org(local, teams=1, size=4)
    weak_round(local, org)
    cases = cases_of(local, org)
    assert {c["cause"] for c in cases} == {"others_overall", "competency:listening", "competency:teamwork"}
    assert all(c["employee_id"] == "t1-1" and c["owner"] == "m1" and c["state"] == "open" for c in cases)
    notices = [m for m in mail_to(local, org) if m["to"] == [org.email("m1")] and "Confidential" in m["subject"]]
    assert len(notices) == 3
    assert all("score" not in m["text"].lower() for m in notices)

    # The same ReportReady event again (a replay) opens nothing new.
    ready = {
        "org": org.id,
        "cycle_id": "c-replay",
        "subject_id": "t1-1",
        "manager_id": "m1",
        "others_overall": 1.0,
        "competencies": {"listening": 1.0},
    }
    local.client("events").put_events(
        Entries=[
            {
                "Source": "janus",
                "DetailType": "ReportReady",
                "Detail": json.dumps(ready),
                "EventBusName": "janus-local-bus",
            }
        ]
    )
    local.settle()
    assert len(cases_of(local, org)) == 3

    # The employee concerned does not see the cases; a colleague neither.
    employee = session(local, org, "t1-1", ["employee", "manager"])
    assert cases_of(local, org, employee) == []
    assert employee.get(f"{local.api}/escalations/{cases[0]['id']}", timeout=10).status_code == 404


def test_a_missed_acknowledgement_escalates_and_a_plan_stops_the_escalation(local):
    org = team_org(local, teams=1, size=4)
    lead = org.hr.put(f"{local.api}/organisation", json={"escalation": {"hr_lead": "t1-4"}}, timeout=10)
    assert lead.status_code == 200, lead.text
    weak_round(local, org)
    cases = {c["cause"]: c for c in cases_of(local, org)}
    manager = session(local, org, "m1", ["manager"])
    opened_notices = [m["to"][0] for m in mail_to(local, org) if "Confidential" in m["subject"]]
    assert opened_notices.count(org.email("t1-4")) == 3  # the HR lead is told of every case

    # The manager acknowledges and plans one case; the others are left alone.
    planned = cases["others_overall"]["id"]
    url = f"{local.api}/escalations/{planned}/events"
    assert manager.post(url, json={"type": "acknowledge"}, timeout=10).status_code == 200
    plan = {
        "type": "plan",
        "expectations": "Reply to customers within two days.",
        "support": "Weekly coaching with the team lead.",
        "measures": "Response times in the ticket system.",
    }
    agreed = manager.post(url, json=plan, timeout=10)
    assert agreed.status_code == 200, agreed.text
    assert agreed.json()["state"] == "plan_agreed"
    assert len(agreed.json()["plan"]["review_dates"]) == 3
    # The plan's measure is an action of the person's development plan, due at the first review.
    local.settle()
    person = agreed.json()["employee_id"]
    plan_url = f"{local.api}/employees/{person}/development-plan"
    (measure,) = [a for a in manager.get(plan_url, timeout=10).json()["actions"] if a["kind"] == "case"]
    assert (measure["title"], measure["status"], measure["case_id"]) == (
        "Response times in the ticket system.", "open", planned,
    )  # fmt: skip
    assert measure["due"] == agreed.json()["plan"]["review_dates"][0][:10]

    local.advance("P6D")  # five days to acknowledge have passed
    after = {c["cause"]: c for c in cases_of(local, org)}
    missed = after["competency:listening"]
    assert (missed["level"], missed["owner"]) == (1, "m0")
    assert missed["events"][-1]["type"] == "escalated" and missed["events"][-1]["by"] == "system"
    assert after["others_overall"]["level"] == 0  # the plan stopped it
    assert any(m["to"] == [org.email("m0")] for m in mail_to(local, org) if "Confidential" in m["subject"])

    local.advance("P6D")  # the top of the hierarchy missed it too: it goes to the HR lead
    top = {c["cause"]: c for c in cases_of(local, org)}["competency:listening"]
    assert (top["level"], top["owner"]) == (2, "t1-4")

    # The first review, due 30 days after the plan: extended; the next one: improved closes the case.
    local.advance("P17D")
    assert {c["cause"]: c for c in cases_of(local, org)}["others_overall"]["level"] == 0
    review = manager.post(
        url, json={"type": "review", "outcome": "extended", "notes": "Better, not there yet."}, timeout=10
    )
    assert review.status_code == 200, review.text
    done = manager.post(url, json={"type": "review", "outcome": "improved", "notes": "Targets met."}, timeout=10)
    assert done.json()["state"] == "closed"
    types = [e["type"] for e in done.json()["events"]]
    assert types[:3] == ["opened", "acknowledged", "plan_agreed"]
    assert types.count("reviewed") == 2 and "escalated" not in types
    local.settle()
    (measure,) = [a for a in manager.get(plan_url, timeout=10).json()["actions"] if a["kind"] == "case"]
    assert measure["status"] == "done"  # closed with the case, as improved


def test_a_manager_marks_performance_unacceptable(local):
    org = team_org(local, teams=1, size=2)
    manager = session(local, org, "m1", ["manager"])
    opened = manager.post(
        f"{local.api}/employees/t1-2/unacceptable", json={"note": "Missed every deadline."}, timeout=10
    )
    assert opened.status_code == 201, opened.text
    assert opened.json()["cause"] == "manager_flag" and opened.json()["owner"] == "m1"
    again = manager.post(f"{local.api}/employees/t1-2/unacceptable", json={"note": "Again."}, timeout=10)
    assert again.status_code == 409
    stranger = session(local, org, "t1-1", ["manager"])
    assert stranger.post(f"{local.api}/employees/t1-2/unacceptable", json={"note": "x"}, timeout=10).status_code == 403


def test_hr_sets_the_organisations_time_zone_and_escalation_rules(local):
    org = team_org(local, teams=1, size=2)
    assert org.hr.get(f"{local.api}/organisation", timeout=10).json()["time_zone"] == "UTC"
    bad = org.hr.put(
        f"{local.api}/organisation",
        json={"time_zone": "Mars/Base", "escalation": {"hr_lead": "ghost", "plan_days": 0}},
        timeout=10,
    )
    assert bad.status_code == 400
    assert {d["field"] for d in bad.json()["error"]["details"]} == {
        "time_zone",
        "escalation.hr_lead",
        "escalation.plan_days",
    }
    good = org.hr.put(
        f"{local.api}/organisation",
        json={"time_zone": "Europe/Copenhagen", "escalation": {"others_overall_max": 2.5}},
        timeout=10,
    )
    assert good.status_code == 200
    assert good.json()["escalation"]["others_overall_max"] == 2.5
    assert org.hr.get(f"{local.api}/organisation", timeout=10).json()["time_zone"] == "Europe/Copenhagen"
    manager = session(local, org, "m1", ["manager"])
    assert manager.put(f"{local.api}/organisation", json={}, timeout=10).status_code == 403
