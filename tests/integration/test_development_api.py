"""Development plans over HTTP on the local stack: seeded from a released 360 report's coaching recommendations,
the employee's own actions and aspirations, the manager's comments, and who may read what."""

from __future__ import annotations

import requests

from tests.integration.rounds import create_cycle, event, full_answers, launch, links_of, team_org


def released_round(local, org, subject: str, raters: list[str]) -> str:
    cycle = create_cycle(local, org, [subject], raters={"peer": {"min": 0, "max": 5}})
    launch(local, org, cycle["id"], force=True)
    for rater in raters:
        for link in links_of(local, org, rater):
            questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
            answers = full_answers(questionnaire, rating=2 if rater != subject else 4)
            assert requests.post(f"{link}/submit", json=answers, timeout=10).status_code == 200
    assert event(local, org, cycle["id"], "close").status_code == 202
    local.settle()
    assert event(local, org, cycle["id"], "release").status_code == 202
    local.settle()
    return cycle["id"]


def test_a_plan_is_seeded_from_the_released_report_and_kept_by_the_employee_over_http(local):
    org = team_org(local, teams=1, size=4)
    cycle_id = released_round(local, org, "t1-1", ["t1-1", "m1", "t1-2", "t1-3", "t1-4"])
    ann, lead, head = local.as_(org.id, "t1-1", ("employee",)), local.as_(org.id, "m1", ("manager",)), \
        local.as_(org.id, "m0", ("manager",))  # fmt: skip
    url = f"{local.api}/employees/t1-1/development-plan"

    plan = ann.get(url, timeout=10).json()
    seeded = [a for a in plan["actions"] if a["kind"] == "report"]
    assert seeded and {a["competency"] for a in seeded} <= {"listening", "teamwork"}
    assert all(a["cycle_id"] == cycle_id and a["title"] for a in seeded)
    assert lead.get(url, timeout=10).json()["actions"] == plan["actions"]  # read again: seeded once
    assert head.get(url, timeout=10).status_code == 200
    assert local.as_(org.id, "t1-2", ("employee",)).get(url, timeout=10).status_code == 404

    added = ann.post(f"{url}/actions", json={"title": "Shadow a senior engineer", "due": "2030-06-30"}, timeout=10)
    assert added.status_code == 201, added.text
    action_id = added.json()["actions"][-1]["id"]
    assert ann.patch(url, json={"aspirations": "Lead a team"}, timeout=10).json()["aspirations"] == "Lead a team"
    moved = ann.patch(f"{url}/actions/{action_id}", json={"status": "in_progress", "note": "week 1"}, timeout=10)
    assert moved.status_code == 200 and moved.json()["actions"][-1]["status"] == "in_progress"
    commented = lead.patch(f"{url}/actions/{action_id}", json={"comment": "Good start"}, timeout=10)
    assert commented.json()["actions"][-1]["comments"][0]["by"] == "m1"
    assert lead.patch(f"{url}/actions/{action_id}", json={"status": "done"}, timeout=10).status_code == 403
    assert lead.post(f"{url}/actions", json={"title": "Mine"}, timeout=10).status_code == 403

    refused = ann.post(f"{url}/actions", json={"title": "x", "colour": "red"}, timeout=10)
    assert refused.status_code in (400, 422) and "colour" in refused.text
    kinds = [entry["kind"] for entry in ann.get(url, timeout=10).json()["history"]]
    assert kinds == ["comment", "action_changed", "aspirations", "action_added", "seeded"]
