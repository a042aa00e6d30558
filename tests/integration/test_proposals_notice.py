"""An employee's proposal of peers reaches their manager by e-mail on the local stack, with the team page's link."""

from __future__ import annotations

from tests.integration.rounds import create_cycle, event, mail_to, team_org


def test_the_manager_gets_one_email_linking_the_team_page_when_a_report_proposes_a_colleague(local):
    org = team_org(local, teams=1, size=4)
    cycle = create_cycle(local, org, ["t1-1"], raters={"peer": {"min": 0, "max": 1}})
    assert event(local, org, cycle["id"], "nominate").status_code == 202
    employee = local.as_(org.id, "t1-1", ("employee",))
    (nomination,) = employee.get(f"{local.api}/me", timeout=10).json()["nominations"]
    colleague = nomination["candidates"][0]["id"]
    proposals = f"{local.api}/cycles/{cycle['id']}/subjects/t1-1/proposals"

    assert employee.post(proposals, json={"peers": [colleague]}, timeout=10).status_code == 200
    local.settle()
    assert employee.post(proposals, json={"peers": [colleague]}, timeout=10).status_code == 200  # nothing new
    local.settle()

    (mail,) = mail_to(local, org)
    assert mail["to"] == [org.email("m1")]
    assert "Person t1-1" in mail["subject"]
    assert f"Person {colleague}" in mail["text"]
    assert mail["links"] == [f"{local.api}/team"]
