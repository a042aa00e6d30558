"""A round that ends in released reports, read by the people allowed to read them and nobody else."""

from __future__ import annotations

import requests

from tests.integration.rounds import create_cycle, event, full_answers, launch, links_of, mail_to, team_org


def test_released_reports_are_read_by_the_subject_without_anything_below_the_threshold(stack):
    org = team_org(stack, teams=2, size=5)
    # m1 is rated by themself, their manager m0, one peer (m2) and five direct reports.
    cycle = create_cycle(stack, org, ["m1"], raters={"peer": {"min": 1, "max": 5}})
    launch(stack, org, cycle["id"])

    def answer(rater: str, rating: int, comment: str) -> None:
        link = links_of(stack, org, rater)[0]
        answers = full_answers(requests.get(f"{link}/questionnaire", timeout=10).json(), rating=rating)
        answers["comments"] = {"listening": comment}
        assert requests.post(f"{link}/submit", json=answers, timeout=10).status_code == 200

    answer("m1", 5, "SELF-NOTE")
    answer("m0", 3, "MANAGER-NOTE")
    answer("m2", 1, "PEER-ONLY-COMMENT")  # one peer: below the threshold of 3
    for report in ("t1-1", "t1-2", "t1-3"):
        answer(report, 4, f"REPORT-NOTE-{report}")

    assert event(stack, org, cycle["id"], "close").status_code == 202
    stack.settle()
    assert org.hr.get(f"{stack.api}/cycles/{cycle['id']}", timeout=10).json()["state"] == "reported"

    subject = requests.Session()
    subject.headers["Authorization"] = f"Bearer {stack.token(org.id, 'm1', ['employee', 'manager'])}"
    url = f"{stack.api}/cycles/{cycle['id']}/reports/m1"
    assert subject.get(url, timeout=10).status_code == 403  # not released yet
    hr_view = org.hr.get(url, timeout=10)
    assert hr_view.status_code == 200

    assert event(stack, org, cycle["id"], "release").status_code == 202
    stack.settle()
    notices = [m for m in mail_to(stack, org) if "report" in m["subject"].lower()]
    assert {m["to"][0] for m in notices} == {org.email("m1"), org.email("m0")}
    assert all("SELF-NOTE" not in m["text"] and "REPORT-NOTE" not in m["text"] for m in notices)

    report = subject.get(url, timeout=10)
    assert report.status_code == 200
    data = report.json()
    assert data["subject"]["name"] == "Person m1"
    groups = {g["id"]: g for g in data["groups"]}
    assert groups["peer"] == {"id": "peer", "responses": 1, "shown": False, "reason": "below_threshold"}
    listening = next(c for c in data["competencies"] if c["id"] == "listening")
    assert "peer" not in listening["scores"]
    assert listening["scores"]["direct_report"] == 4.0
    assert listening["scores"]["others"] == round((3 + 4 * 3) / 4, 2)  # manager and reports, not the lone peer
    assert "PEER-ONLY-COMMENT" not in report.text
    assert "SELF-NOTE" not in str(listening["comments"])
    assert sorted(listening["comments"]) == sorted(
        ["MANAGER-NOTE", "REPORT-NOTE-t1-1", "REPORT-NOTE-t1-2", "REPORT-NOTE-t1-3"]
    )

    page = subject.get(f"{url}/html", timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "<svg" in page.text and "PEER-ONLY-COMMENT" not in page.text

    manager_of_subject = requests.Session()
    manager_of_subject.headers["Authorization"] = f"Bearer {stack.token(org.id, 'm0', ['manager'])}"
    assert manager_of_subject.get(url, timeout=10).status_code == 200
    colleague = requests.Session()
    colleague.headers["Authorization"] = f"Bearer {stack.token(org.id, 't1-1', ['employee'])}"
    assert colleague.get(url, timeout=10).status_code == 403

    analytics = org.hr.get(f"{stack.api}/cycles/{cycle['id']}/analytics", timeout=10)
    assert analytics.status_code == 200
    rates = analytics.json()["response_rates"]["by_group"]
    assert rates["direct_report"] == {"asked": 5, "submitted": 3, "rate": 0.6}
    assert set(analytics.json()["instrument"]["cronbach_alpha"]) == {"listening", "teamwork"}
