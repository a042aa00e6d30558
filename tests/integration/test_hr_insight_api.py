"""HR's insight over HTTP: the organisation's values and anonymity default, the cases filtered and paged at the
table, and the analytics named in the reader's language."""

from __future__ import annotations

import requests

from tests.integration.rounds import create_cycle, event, full_answers, launch, links_of, team_org


def session(local, org, sub: str, roles: list[str]) -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {local.token(org.id, sub, roles)}"
    return s


def made_since(local, before: dict) -> dict[str, int]:
    after = local.requests_made()
    return {
        op: n - before.get((s, op), 0) for (s, op), n in after.items() if s == "dynamodb" and n > before.get((s, op), 0)
    }


# ---------------------------------------------------------------------------- the organisation


def test_hr_keeps_the_organisations_values_and_anonymity_default_and_new_cycles_take_it(local):
    org = team_org(local, teams=1, size=4)
    url = f"{local.api}/organisation"
    start = org.hr.get(url, timeout=10).json()
    assert (start["values"], start["anonymity_threshold"], start["names"]) == ([], 3, {})

    values = [
        {"id": "customer-first", "name": "Customer first", "description": "We start from what the customer needs."},
        {"id": "candour", "name": "Candour"},
    ]
    saved = org.hr.put(url, json={"values": values, "anonymity_threshold": 4, "hr_admins": ["m1"]}, timeout=10)
    assert saved.status_code == 200, saved.text
    read = org.hr.get(url, timeout=10).json()
    assert read["values"] == [values[0], {**values[1], "description": ""}]
    assert read["anonymity_threshold"] == 4
    assert read["names"] == {"m1": "Person m1"}

    defaulted = create_cycle(local, org, ["t1-1"])
    own = create_cycle(local, org, ["t1-2"], anonymity_threshold=2)
    assert (defaulted["anonymity_threshold"], own["anonymity_threshold"]) == (4, 2)


def test_every_problem_in_the_settings_is_named_and_nothing_changes(local):
    org = team_org(local, teams=1, size=2)
    url = f"{local.api}/organisation"
    bad = org.hr.put(
        url,
        json={
            "time_zone": "Mars/Olympus",
            "values": [{"id": "Two Words", "name": ""}, {"id": "ok", "name": "Fine", "description": "x" * 501}],
            "anonymity_threshold": 11,
        },
        timeout=10,
    )
    assert bad.status_code == 400
    assert [d["field"] for d in bad.json()["error"]["details"]] == [
        "time_zone",
        "values[1].id",
        "values[1].name",
        "values[2].description",
        "anonymity_threshold",
    ]
    assert org.hr.get(url, timeout=10).json()["values"] == []
    unknown = org.hr.put(url, json={"values": [{"id": "a", "name": "A", "colour": "red"}]}, timeout=10)
    assert unknown.status_code == 422
    assert [d["field"] for d in unknown.json()["error"]["details"]] == ["values[1].colour"]
    manager = session(local, org, "m1", ["manager"])
    assert manager.get(url, timeout=10).status_code == 403


# ---------------------------------------------------------------------------- HR's cases


def test_hr_lists_cases_by_state_and_department_a_page_at_a_time(local):
    org = team_org(local, teams=3, size=18)  # 54 reports in R&D under m1..m3
    people = org.hr.put(
        f"{local.api}/employees",
        json=[
            {
                "id": f"t3-{n}",
                "name": f"Person t3-{n}",
                "email": org.email(f"t3-{n}"),
                "manager_id": "m3",
                "department": "Sales",
                "job_class": "technical",
                "locale": "en",
            }
            for n in range(1, 19)
        ],
        timeout=30,
    )
    assert people.status_code == 200, people.text
    for team in (1, 2, 3):
        manager = session(local, org, f"m{team}", ["manager"])
        for n in range(1, 19):
            flagged = manager.post(
                f"{local.api}/employees/t{team}-{n}/unacceptable", json={"note": "Missed deadlines."}, timeout=10
            )
            assert flagged.status_code == 201, flagged.text
    first_case = org.hr.get(f"{local.api}/escalations?department=Sales", timeout=10).json()["cases"][-1]
    acknowledged = session(local, org, "m3", ["manager"]).post(
        f"{local.api}/escalations/{first_case['id']}/events", json={"type": "acknowledge"}, timeout=10
    )
    assert acknowledged.status_code == 200

    # Every case, newest first, 50 a page; the token goes on from the last one.
    first = org.hr.get(f"{local.api}/escalations", timeout=10).json()
    assert len(first["cases"]) == 50 and first["next"]
    rest = org.hr.get(f"{local.api}/escalations", params={"next": first["next"]}, timeout=10).json()
    assert len(rest["cases"]) == 4 and rest["next"] is None
    ids = [c["id"] for c in first["cases"] + rest["cases"]]
    assert len(set(ids)) == 54
    opened = [c["opened_at"] for c in first["cases"] + rest["cases"]]
    assert opened == sorted(opened, reverse=True)
    assert first["names"]["m1"] == "Person m1" and all(first["names"][c["employee_id"]] for c in first["cases"])

    # By department (kept on the case when it opened) and by state, at the table.
    sales = org.hr.get(f"{local.api}/escalations", params={"department": "Sales"}, timeout=10).json()
    assert len(sales["cases"]) == 18 and {c["department"] for c in sales["cases"]} == {"Sales"}
    before = local.requests_made()
    waiting = org.hr.get(
        f"{local.api}/escalations", params={"department": "Sales", "state": "acknowledged,plan_agreed"}, timeout=10
    ).json()
    made = made_since(local, before)
    assert [c["id"] for c in waiting["cases"]] == [first_case["id"]]
    assert waiting["cases"][0]["owner"] == "m3" and waiting["names"]["m3"] == "Person m3"
    assert made["Query"] <= 4 and made["BatchGetItem"] == 1
    open_rd = org.hr.get(f"{local.api}/escalations", params={"department": "R&D", "state": "open"}, timeout=10).json()
    assert len(open_rd["cases"]) == 36

    # What the listing does not take, named.
    bad = org.hr.get(f"{local.api}/escalations", params={"state": "waiting", "next": "nonsense"}, timeout=10)
    assert bad.status_code == 400
    assert [d["field"] for d in bad.json()["error"]["details"]] == ["state"]
    bad_token = org.hr.get(f"{local.api}/escalations", params={"next": "nonsense"}, timeout=10)
    assert bad_token.status_code == 400 and bad_token.json()["error"]["details"][0]["field"] == "next"

    # A manager sees only the cases of the people below them, through the same listing.
    manager = session(local, org, "m2", ["manager"])
    theirs = manager.get(f"{local.api}/escalations", params={"state": "open"}, timeout=10).json()
    assert {c["employee_id"] for c in theirs["cases"]} <= {f"t2-{n}" for n in range(1, 19)}


# ---------------------------------------------------------------------------- analytics


def test_the_analytics_name_the_cycle_and_its_competencies_in_the_readers_language(local):
    org = team_org(local, teams=1, size=4)
    cycle = create_cycle(local, org, ["t1-1", "t1-2"], raters={"peer": {"min": 0, "max": 5}})
    launch(local, org, cycle["id"])
    for rater in ("t1-1", "m1", "t1-3", "t1-4"):
        for link in links_of(local, org, rater):
            questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
            assert requests.post(f"{link}/submit", json=full_answers(questionnaire), timeout=10).status_code == 200
    assert event(local, org, cycle["id"], "close").status_code == 202
    local.settle()

    url = f"{local.api}/cycles/{cycle['id']}/analytics"
    english = org.hr.get(url, timeout=10)
    danish = org.hr.get(url, headers={"Accept-Language": "da"}, timeout=10)
    assert english.status_code == 200 and danish.headers["Content-Language"] == "da"
    assert english.json()["cycle"] == {
        "id": cycle["id"],
        "name": "Spring 360",
        "kind": "360",
        "state": "reported",
        "closed_at": english.json()["cycle"]["closed_at"],
        "released_at": None,
    }
    assert english.json()["competencies"] == {"listening": "Listening", "teamwork": "Teamwork"}
    assert danish.json()["competencies"]["listening"] != "Listening"
    assert set(english.json()["heat_map"]["R&D"]) == {"listening", "teamwork"}
