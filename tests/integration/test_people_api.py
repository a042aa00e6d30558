"""HR's people over HTTP: the import's dry run, the list with its filters and pages, and a person's page."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.integration.rounds import create_cycle, event, launch, team_org

HEADER = "id,name,email,manager_id,department,job_class,locale"
WRITES = (
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "BatchWriteItem",
    "TransactWriteItems",
    "SendMessage",
    "SendMessageBatch",
)
NAMES = ("Anna Nygaard", "Bo Berg", "Søren Holm", "Sofie Dahl", "Emil Falk", "Ærbødig Jensen", "Ida Ahl")


def org() -> str:
    return f"org-{uuid.uuid4().hex[:8]}"


def people(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"p{i}",
            "name": f"{NAMES[i % len(NAMES)]} {i}",
            "email": f"p{i}@corp.example.com",
            "manager_id": "" if i == 0 else f"p{(i - 1) // 6}",
            "department": ("Sales", "R&D", "Finance")[i % 3],
            "job_class": ("technical", "clerical")[i % 2] if i else "management",
            "locale": "da",
        }
        for i in range(count)
    ]


def writes(local) -> dict[str, int]:
    return {f"{service}:{op}": n for (service, op), n in local.requests_made().items() if op in WRITES}


def every_page(hr, local, **search: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    token = None
    for _ in range(100):
        answer = hr.get(f"{local.api}/employees", params={**search, **({"next": token} if token else {})}, timeout=10)
        assert answer.status_code == 200, answer.text
        found += answer.json()["employees"]
        token = answer.json()["next"]
        if token is None:
            return found
    raise AssertionError("the list never ended")


def test_a_dry_run_answers_as_the_import_would_and_writes_and_queues_nothing(local):
    hr = local.as_(org())
    rows = people(12)
    hr.put(f"{local.api}/employees", json=rows[:10], timeout=30).raise_for_status()
    rows[3] = {**rows[3], "department": "Legal"}
    csv = "\n".join([HEADER, *(",".join(row[c] for c in HEADER.split(",")) for row in rows)]) + "\n"
    headers = {"Content-Type": "text/csv"}
    local.settle()  # the first import's sign-in users, provisioned

    before = writes(local)
    dry = hr.put(f"{local.api}/employees?dry_run=true", data=csv.encode(), headers=headers, timeout=30)
    assert dry.status_code == 200, dry.text
    assert writes(local) == before  # no DynamoDB write, no message queued
    assert (dry.json()["created"], dry.json()["updated"], dry.json()["unchanged"]) == (2, 1, 9)
    assert hr.get(f"{local.api}/employees/p11", timeout=10).status_code == 404
    assert hr.get(f"{local.api}/employees/p3", timeout=10).json()["department"] == "Sales"

    real = hr.put(f"{local.api}/employees", data=csv.encode(), headers=headers, timeout=30)
    assert {**dry.json(), "dry_run": False} == real.json()


def test_a_dry_run_of_a_bad_file_answers_every_problem_as_the_import_would(local):
    hr = local.as_(org())
    csv = f"{HEADER}\na,Ann,ann@corp.example.com,,Sales,clerical,en\nb,Bo,nope,ghost,Sales,pilot,en\n"
    headers = {"Content-Type": "text/csv"}
    dry = hr.put(f"{local.api}/employees?dry_run=true", data=csv.encode(), headers=headers, timeout=30)
    real = hr.put(f"{local.api}/employees", data=csv.encode(), headers=headers, timeout=30)
    assert dry.status_code == real.status_code == 400
    assert dry.json() == real.json()
    assert [(d["row"], d["field"]) for d in dry.json()["error"]["details"]] == [(2, "email"), (2, "job_class")]
    bad_flag = hr.put(f"{local.api}/employees?dry_run=perhaps", data=csv.encode(), headers=headers, timeout=30)
    assert bad_flag.status_code == 400


def test_the_list_filters_by_each_key_and_their_combinations_sorted_by_name(local):
    hr = local.as_(org())
    rows = people(45)
    hr.put(f"{local.api}/employees", json=rows, timeout=30).raise_for_status()

    def ids(**search: str) -> list[str]:
        return [p["id"] for p in every_page(hr, local, **search)]

    def expected(keep) -> list[str]:
        from janus.people.names import name_key

        chosen = [row for row in rows if keep(row)]
        return [row["id"] for row in sorted(chosen, key=lambda row: (name_key(row["name"]), row["id"]))]

    assert ids() == expected(lambda r: True)
    assert ids(department="r&d") == expected(lambda r: r["department"] == "R&D")
    assert ids(job_class="clerical") == expected(lambda r: r["job_class"] == "clerical")
    assert ids(manager="p1") == expected(lambda r: r["manager_id"] == "p1")
    assert ids(q="so") == expected(lambda r: r["name"].startswith(("Søren", "Sofie")))
    assert ids(q="ærbø") == expected(lambda r: r["name"].startswith("Ærbødig"))
    assert ids(q="s", department="Sales", job_class="technical") == expected(
        lambda r: r["name"].startswith(("S", "s")) and r["department"] == "Sales" and r["job_class"] == "technical"
    )
    page = hr.get(f"{local.api}/employees", params={"manager": "p0"}, timeout=10).json()
    assert {p["manager_name"] for p in page["employees"]} == {rows[0]["name"]}


def test_the_list_refuses_a_bad_search_and_a_token_it_did_not_give(local):
    hr = local.as_(org())
    hr.put(f"{local.api}/employees", json=people(5), timeout=30).raise_for_status()
    bad = hr.get(f"{local.api}/employees", params={"job_class": "astronaut", "manager": "a b"}, timeout=10)
    assert bad.status_code == 400
    assert {d["field"] for d in bad.json()["error"]["details"]} == {"job_class", "manager"}
    assert hr.get(f"{local.api}/employees", params={"next": "forged"}, timeout=10).status_code == 400


@pytest.mark.parametrize("roles", [("manager",), ("employee",)])
def test_only_hr_lists_people_or_reads_a_persons_page(local, roles):
    tenant = org()
    local.as_(tenant).put(f"{local.api}/employees", json=people(3), timeout=30).raise_for_status()
    someone = local.as_(tenant, sub="p1", roles=roles)
    assert someone.get(f"{local.api}/employees", timeout=10).status_code == 403
    assert someone.get(f"{local.api}/employees/p2/overview", timeout=10).status_code == 403
    assert someone.put(f"{local.api}/employees?dry_run=true", json=people(3), timeout=10).status_code == 403


def test_a_persons_page_has_the_managers_to_the_top_the_reports_and_the_rounds(local):
    org_ = team_org(local, teams=2, size=3)  # m0 <- m1, m2 <- t1-1..3, t2-1..3
    cycle = create_cycle(local, org_, ["t1-1", "m1"], raters={"peer": {"min": 0, "max": 5}})
    launch(local, org_, cycle["id"], force=True)
    assert event(local, org_, cycle["id"], "close").status_code == 202
    local.settle()
    assert event(local, org_, cycle["id"], "release").status_code == 202
    local.settle()
    other = create_cycle(local, org_, ["t2-1"], name="Autumn 360")

    page = org_.hr.get(f"{local.api}/employees/t1-1/overview", timeout=10)
    assert page.status_code == 200, page.text
    person = page.json()
    assert person["employee"]["id"] == "t1-1" and person["employee"]["manager_name"] == "Person m1"
    assert [m["id"] for m in person["managers"]] == ["m1", "m0"]
    assert person["reports"] == {"employees": [], "next": None}
    (round_,) = person["rounds"]
    assert round_["cycle_id"] == cycle["id"] and round_["state"] == "released"
    assert round_["report_path"] == f"/reports/{cycle['id']}/t1-1"

    lead = org_.hr.get(f"{local.api}/employees/m1/overview", timeout=10).json()
    assert [r["id"] for r in lead["reports"]["employees"]] == ["t1-1", "t1-2", "t1-3"]
    assert [m["id"] for m in lead["managers"]] == ["m0"]
    assert {r["cycle_id"] for r in lead["rounds"]} == {cycle["id"]}
    top = org_.hr.get(f"{local.api}/employees/m0/overview", timeout=10).json()
    assert top["managers"] == [] and top["rounds"] == []
    assert other["id"] not in {r["cycle_id"] for r in top["rounds"]}
    assert org_.hr.get(f"{local.api}/employees/nobody/overview", timeout=10).status_code == 404
