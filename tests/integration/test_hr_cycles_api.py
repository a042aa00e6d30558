"""HR's cycle page and overview over HTTP on the local stack: who is short before launch, progress overall
and by department once raters answer, each page one request with a bounded number of DynamoDB requests,
and the submit still one write."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from tests.integration.rounds import Org, event, full_answers, launch, links_of


def two_department_org(local) -> Org:
    """A head (m0, Board), a Sales team (m1 and s1..s4) and an R&D team (m2 and r1..r4)."""
    org = f"org-{uuid.uuid4().hex[:8]}"
    domain = f"{org}.example.com"

    def row(employee_id: str, manager: str, department: str) -> dict[str, Any]:
        return {"id": employee_id, "name": f"Person {employee_id}", "email": f"{employee_id}@{domain}",
                "manager_id": manager, "department": department, "job_class": "technical", "locale": "en"}  # fmt: skip

    people = [row("m0", "", "Board"), row("m1", "m0", "Sales"), row("m2", "m0", "R&D")]
    people += [row(f"s{n}", "m1", "Sales") for n in range(1, 5)] + [row(f"r{n}", "m2", "R&D") for n in range(1, 5)]
    hr = local.as_(org)
    hr.put(f"{local.api}/employees", json=people, timeout=30).raise_for_status()
    return Org(id=org, hr=hr, domain=domain)


def dynamodb_requests(local, action) -> dict[str, int]:
    local.settle()
    before = local.requests_made()
    action()
    after = local.requests_made()
    return {
        op: after[(s, op)] - before.get((s, op), 0)
        for (s, op) in after
        if s == "dynamodb" and after[(s, op)] != before.get((s, op), 0)
    }


def test_hr_sees_who_is_short_then_progress_by_department_each_in_one_bounded_request(local):
    org = two_department_org(local)
    body = {"name": "Spring 360", "kind": "360", "deadline": "2030-03-31", "competencies": ["listening"],
            "subjects": ["s1", "s2", "r1", "r2"], "raters": {"peer": {"min": 4, "max": 5}}}  # fmt: skip
    created = org.hr.post(f"{local.api}/cycles", json=body, timeout=30)
    assert created.status_code == 201, created.text
    cycle = created.json()["id"]
    page: dict[str, Any] = {}

    def read_page() -> None:
        answer = org.hr.get(f"{local.api}/cycles/{cycle}/progress", timeout=10)
        assert answer.status_code == 200, answer.text
        page.clear()
        page.update(answer.json())

    # Three peers each of at least four: every subject is short, and says why.
    assert dynamodb_requests(local, read_page) == {"GetItem": 1, "Query": 2}
    assert page["short"]["total"] == 4
    assert {s["id"]: s["shortfalls"] for s in page["short"]["subjects"]}["s1"] == [
        {"relationship": "peer", "have": 3, "min": 4}
    ]
    short = org.hr.get(f"{local.api}/cycles/{cycle}/subjects", params={"short": "true"}, timeout=10).json()
    assert sorted(s["id"] for s in short["subjects"]) == ["r1", "r2", "s1", "s2"]
    assert org.hr.get(f"{local.api}/cycles/{cycle}/subjects", params={"short": "yes"}, timeout=10).status_code == 400

    refused = event(local, org, cycle, "launch")
    assert refused.status_code == 409 and len(refused.json()["error"]["details"]) == 4
    launch(local, org, cycle, force=True)

    # Answers through the links: the R&D head submits for r1, a Sales peer declines for s1.
    def link(rater: str, subject: str) -> str:
        for candidate in links_of(local, org, rater):
            form = requests.get(f"{candidate}/questionnaire", timeout=10).json()
            if form["subject"]["id"] == subject:
                return candidate
        raise AssertionError(f"no link of {rater} about {subject}")

    manager_of_r1 = link("m2", "r1")
    form = requests.get(f"{manager_of_r1}/questionnaire", timeout=10).json()

    def submit() -> None:
        requests.post(f"{manager_of_r1}/submit", json=full_answers(form), timeout=10).raise_for_status()

    assert dynamodb_requests(local, submit) == {"TransactWriteItems": 1}  # its department's counters with it
    assert requests.post(f"{link('s2', 's1')}/decline", json={"reason": "New here"}, timeout=10).ok

    # 16 progress shards (the cycle's and each department's counters), the short ones, the first subjects.
    assert dynamodb_requests(local, read_page) == {"GetItem": 1, "Query": 16 + 1 + 1}
    progress = page["cycle"]["progress"]
    departments = {d["department"]: d for d in page["departments"]}
    assert set(departments) == {"Sales", "R&D"}
    assert sum(d["assignments"] for d in departments.values()) == progress["assignments"]
    assert (departments["R&D"]["submitted"], departments["Sales"]["declined"]) == (1, 1)
    assert departments["R&D"]["response_rate"] == round(1 / departments["R&D"]["assignments"], 3)
    assert page["cycle"]["deadline"].startswith("2030-03-31T23:59:59") and page["cycle"]["time_zone"]

    forms = org.hr.get(f"{local.api}/cycles/{cycle}/subjects/s1/assignments", timeout=10).json()["assignments"]
    declined = next(a for a in forms if a["rater_id"] == "s2")
    assert (declined["status"], declined["decline_reason"], declined["undeliverable"]) == (
        "declined",
        "New here",
        False,
    )


def test_the_overview_lists_running_cycles_and_is_for_hr_only(local):
    org = two_department_org(local)
    body = {"name": "Autumn 180", "kind": "180", "deadline": "2030-04-30", "subjects": ["s1", "r1"]}
    cycle = org.hr.post(f"{local.api}/cycles", json=body, timeout=30).json()["id"]
    launch(local, org, cycle)
    overview: dict[str, Any] = {}

    def read() -> None:
        overview.update(org.hr.get(f"{local.api}/organisation/overview", timeout=10).json())

    assert dynamodb_requests(local, read) == {"Query": 2, "BatchGetItem": 1}  # cycles, their progress, the cases
    (listed,) = overview["cycles"]
    assert (listed["id"], listed["state"], listed["progress"]["assignments"]) == (cycle, "open", 4)
    assert overview["cases_past_due"] == []
    manager = local.as_(org.id, "m1", ("employee", "manager"))
    assert manager.get(f"{local.api}/organisation/overview", timeout=10).status_code == 403
