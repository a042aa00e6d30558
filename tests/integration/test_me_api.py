"""A signed-in person's own pages over HTTP: GET /me (forms owed, released reports, peers to propose, the
improvement plan) and GET /me/team (a manager's team, proposals to decide, cases to act on)."""

from __future__ import annotations

import requests

from tests.integration.rounds import create_cycle, event, full_answers, launch, team_org


def session(local, org, sub: str, roles: tuple[str, ...] = ("employee",)) -> requests.Session:
    return local.as_(org.id, sub, roles)


def me(local, who: requests.Session, path: str = "/me") -> dict:
    answer = who.get(f"{local.api}{path}", timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_rater_finds_the_forms_they_owe_and_each_link_opens_its_form(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1", "t1-2"], raters={"peer": {"min": 0, "max": 5}})
    launch(local, org, cycle["id"], force=True)
    rater = session(local, org, "t1-3")

    forms = me(local, rater)["forms"]

    assert {f["subject_id"] for f in forms} == {"t1-1", "t1-2"}
    assert {f["subject_name"] for f in forms} == {"Person t1-1", "Person t1-2"}
    assert all(f["cycle_name"] == "Spring 360" and f["status"] == "pending" for f in forms)
    assert all(f["time_zone"] and f["deadline"].startswith("2030-03-31") for f in forms)
    link = next(f["link"] for f in forms if f["subject_id"] == "t1-1")
    questionnaire = requests.get(f"{local.api}{link}/questionnaire", timeout=10).json()
    assert questionnaire["subject"]["name"] == "Person t1-1"

    # Once answered, the form is no longer owed; nobody else sees it among their own.
    assert requests.post(f"{local.api}{link}/submit", json=full_answers(questionnaire), timeout=10).status_code == 200
    assert [f["subject_id"] for f in me(local, rater)["forms"]] == ["t1-2"]
    assert me(local, session(local, org, "m0", ("employee", "manager")))["forms"] == []


def test_a_subject_sees_their_report_only_once_released_and_the_mailed_link_is_that_page(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"], raters={"peer": {"min": 0, "max": 5}})
    launch(local, org, cycle["id"], force=True)
    assert event(local, org, cycle["id"], "close").status_code == 202
    local.settle()
    subject = session(local, org, "t1-1")
    assert me(local, subject)["reports"] == []

    assert event(local, org, cycle["id"], "release").status_code == 202
    local.settle()

    (report,) = me(local, subject)["reports"]
    assert report["path"] == f"/reports/{cycle['id']}/t1-1" and report["cycle_name"] == "Spring 360"
    mailed = [m for m in requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
              if m["to"] == [org.email("t1-1")] and "report" in m["subject"].lower()]  # fmt: skip
    assert f"{local.api}{report['path']}" in mailed[0]["links"]
    # A colleague has no report of their own here, and cannot read this one.
    assert me(local, session(local, org, "t1-2"))["reports"] == []
    html = session(local, org, "t1-2").get(f"{local.api}/cycles/{cycle['id']}/reports/t1-1/html", timeout=10)
    assert html.status_code in (403, 404)


def test_an_employee_proposes_peers_and_their_manager_decides_on_the_team_page(local):
    org = team_org(local, teams=1, size=5)
    # Two of the four colleagues are chosen as peers; the other two are there to propose.
    cycle = create_cycle(local, org, ["t1-1", "t1-2"], raters={"peer": {"min": 0, "max": 2}})
    assert event(local, org, cycle["id"], "nominate").status_code == 202
    employee = session(local, org, "t1-1")

    (nomination,) = me(local, employee)["nominations"]
    assert nomination["cycle_id"] == cycle["id"] and nomination["peers"] == {"min": 0, "max": 2}
    peers = {r["id"] for r in nomination["raters"] if r["relationship"] == "peer"}
    candidates = [c["id"] for c in nomination["candidates"]]
    assert len(peers) == 2 and sorted(candidates) == sorted({"t1-2", "t1-3", "t1-4", "t1-5"} - peers)
    proposed = employee.post(
        f"{local.api}/cycles/{cycle['id']}/subjects/t1-1/proposals", json={"peers": [candidates[0]]}, timeout=10
    )
    assert proposed.status_code == 200, proposed.text
    (nomination,) = me(local, employee)["nominations"]
    name = f"Person {candidates[0]}"
    assert nomination["proposals"] == [{"id": candidates[0], "name": name, "status": "proposed"}]
    assert [c["id"] for c in nomination["candidates"]] == candidates[1:]

    manager = session(local, org, "m1", ("employee", "manager"))
    team = me(local, manager, "/me/team")
    assert [m["id"] for m in team["members"]] == ["t1-1", "t1-2", "t1-3", "t1-4", "t1-5"]
    (round_,) = next(m for m in team["members"] if m["id"] == "t1-1")["rounds"]
    assert round_["state"] == "nominating" and round_["proposals"][0]["status"] == "proposed"
    assert {r["name"] for r in round_["raters"] if r["relationship"] == "peer"} == {f"Person {p}" for p in peers}
    decided = manager.post(
        f"{local.api}/cycles/{cycle['id']}/subjects/t1-1/proposals/decision",
        json={"reject": [candidates[0]]},
        timeout=10,
    )
    assert decided.status_code == 200, decided.text
    (round_,) = next(m for m in me(local, manager, "/me/team")["members"] if m["id"] == "t1-1")["rounds"]
    assert round_["proposals"] == [{"id": candidates[0], "name": name, "status": "rejected"}]
    (nomination,) = me(local, employee)["nominations"]
    assert nomination["proposals"][0]["status"] == "rejected"

    # The head's team is its managers, not this one's people; an employee has no team page.
    head = session(local, org, "m0", ("employee", "manager"))
    assert [m["id"] for m in me(local, head, "/me/team")["members"]] == ["m1"]
    assert employee.get(f"{local.api}/me/team", timeout=10).status_code == 403


def test_a_flagged_case_is_on_the_team_page_and_the_agreed_plan_on_the_employees_page(local):
    org = team_org(local, teams=1, size=2)
    manager = session(local, org, "m1", ("employee", "manager"))
    flagged = manager.post(
        f"{local.api}/employees/t1-1/unacceptable", json={"note": "Missed every deadline"}, timeout=10
    )
    assert flagged.status_code == 201, flagged.text
    case_id = flagged.json()["id"]

    team = me(local, manager, "/me/team")
    (case,) = team["cases"]
    assert (case["id"], case["employee_name"], case["state"], case["path"]) == (
        case_id, "Person t1-1", "open", f"/cases/{case_id}",
    )  # fmt: skip
    assert next(m for m in team["members"] if m["id"] == "t1-1")["cases"][0]["id"] == case_id
    notice = [m for m in requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
              if m["to"] == [org.email("m1")] and f"/cases/{case_id}" in " ".join(m["links"])]  # fmt: skip
    assert notice, "the manager's notice links the case's page"
    employee = session(local, org, "t1-1")
    assert me(local, employee)["plans"] == []

    view = manager.get(f"{local.api}/escalations/{case_id}", timeout=10).json()
    assert view["names"]["t1-1"] == "Person t1-1" and view["names"]["m1"] == "Person m1"
    steps = [
        {"type": "acknowledge"},
        {"type": "plan", "expectations": "Ship on time", "support": "Weekly 1:1", "measures": "Dates met"},
    ]
    for step in steps:
        moved = manager.post(f"{local.api}/escalations/{case_id}/events", json=step, timeout=10)
        assert moved.status_code == 200, moved.text

    (plan,) = me(local, employee)["plans"]
    assert (plan["expectations"], plan["support"], plan["measures"]) == ("Ship on time", "Weekly 1:1", "Dates met")
    assert len(plan["review_dates"]) == 3 and "notes" not in plan and "events" not in plan
