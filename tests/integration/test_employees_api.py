"""PUT /employees and GET /employees/{id} over HTTP, as HR and as everyone else."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

HEADER = "id,name,email,manager_id,department,job_class,locale"


def org() -> str:
    return f"org-{uuid.uuid4().hex[:8]}"


def rows(count: int, prefix: str = "e") -> list[dict[str, Any]]:
    people = []
    for i in range(count):
        people.append(
            {
                "id": f"{prefix}{i}",
                "name": f"Employee {i}",
                "email": f"{prefix}{i}@corp.example.com",
                "manager_id": "" if i == 0 else f"{prefix}{(i - 1) // 8}",
                "department": f"Dept {i % 4}",
                "job_class": "technical",
                "locale": "da" if i % 3 else "en",
            }
        )
    return people


def test_hr_imports_json_and_reads_an_employee(local):
    hr = local.as_(org())
    answer = hr.put(f"{local.api}/employees", json=rows(20), timeout=30)
    assert answer.status_code == 200
    assert answer.json()["created"] == 20

    employee = hr.get(f"{local.api}/employees/e9", timeout=10)
    assert employee.status_code == 200
    assert employee.json() == {
        "id": "e9",
        "name": "Employee 9",
        "email": "e9@corp.example.com",
        "manager_id": "e1",
        "department": "Dept 1",
        "job_class": "technical",
        "locale": "en",
        "role": None,
        "time_zone": None,
        "active": True,
    }


def test_hr_imports_csv_and_a_second_import_reports_every_row_unchanged(local):
    hr = local.as_(org())
    text = (
        "\n".join(
            [
                HEADER,
                "a,Ann Ahl,ann@corp.example.com,,Sales,service-sales,da",
                "b,Bo Berg,bo@corp.example.com,a,Sales,service-sales,en",
            ]
        )
        + "\n"
    )
    headers = {"Content-Type": "text/csv"}
    first = hr.put(f"{local.api}/employees", data=text.encode(), headers=headers, timeout=30)
    assert first.status_code == 200, first.text
    assert first.json()["created"] == 2

    again = hr.put(f"{local.api}/employees", data=text.encode(), headers=headers, timeout=30).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert [row["status"] for row in again["rows"]] == ["unchanged", "unchanged"]


def test_a_bad_csv_answers_400_with_every_error_of_every_kind_at_once_and_writes_nothing(local):
    hr = local.as_(org())
    text = (
        "\n".join(
            [
                HEADER,
                "a,Ann,ann@corp.example.com,,Sales,clerical,en",
                "b,,not-an-email,a,Sales,pilot,de",
                "c,Cy,cy@corp.example.com,zz,Sales,clerical,en",
                "d,Di,ANN@corp.example.com,a,Sales,clerical,en",
                "e,Ed,ed@corp.example.com,f,Sales,clerical,en",
                "f,Fi,fi@corp.example.com,e,Sales,clerical,en",
            ]
        )
        + "\n"
    )
    answer = hr.put(f"{local.api}/employees", data=text.encode(), headers={"Content-Type": "text/csv"}, timeout=30)

    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_input"
    found = [(d["row"], d["field"], d["message"]) for d in error["details"]]
    assert found == [
        (2, "name", "is required"),
        (2, "email", "'not-an-email' is not an e-mail address"),
        (
            2,
            "job_class",
            "'pilot' is not a job class; use one of clerical, hr-training, service-sales, technical, management",
        ),
        (2, "locale", "'de' is not a language; use one of en, da"),
        (3, "manager_id", "manager 'zz' is neither in this file nor in the organisation"),
        (4, "email", "e-mail 'ann@corp.example.com' is also on row 1"),
        (5, "manager_id", "'e' would end up managing themselves through f"),
        (6, "manager_id", "'f' would end up managing themselves through e"),
    ]
    assert hr.get(f"{local.api}/employees/a", timeout=10).status_code == 404


def test_a_hierarchy_loop_answers_400_naming_the_rows(local):
    hr = local.as_(org())
    people = rows(3)
    people[0]["manager_id"] = "e2"  # e0 -> e2 -> e0
    answer = hr.put(f"{local.api}/employees", json=people, timeout=30)
    assert answer.status_code == 400
    details = answer.json()["error"]["details"]
    assert {d["row"] for d in details} == {1, 3}
    assert all(d["field"] == "manager_id" for d in details)


def test_a_body_that_is_not_a_list_is_rejected_clearly(local):
    hr = local.as_(org())
    answer = hr.put(f"{local.api}/employees", json={"id": "a"}, timeout=10)
    assert answer.status_code == 400
    assert "JSON list" in answer.json()["error"]["message"]
    broken = hr.put(f"{local.api}/employees", data=b"[{", headers={"Content-Type": "application/json"}, timeout=10)
    assert broken.status_code == 400
    assert "not valid JSON" in broken.json()["error"]["message"]


@pytest.mark.parametrize("roles", [("manager",), ("employee",), ()])
def test_only_hr_may_import_or_read_employees(local, roles):
    tenant = org()
    local.as_(tenant).put(f"{local.api}/employees", json=rows(2), timeout=30).raise_for_status()
    someone = local.as_(tenant, sub="e1", roles=roles)
    assert someone.put(f"{local.api}/employees", json=rows(2), timeout=10).status_code == 403
    answer = someone.get(f"{local.api}/employees/e0", timeout=10)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"


def test_another_organisations_token_sees_nothing(local):
    tenant = org()
    local.as_(tenant).put(f"{local.api}/employees", json=rows(2), timeout=30).raise_for_status()
    stranger = local.as_(org())
    answer = stranger.get(f"{local.api}/employees/e0", timeout=10)
    assert answer.status_code == 404


def test_no_or_forged_token_is_401(local):
    import requests

    assert requests.get(f"{local.api}/employees/e0", timeout=10).status_code == 401
    forged = requests.get(f"{local.api}/employees/e0", headers={"Authorization": "Bearer abc.def.ghi"}, timeout=10)
    assert forged.status_code == 401


def test_hris_events_on_the_bus_import_employees_and_late_old_events_are_ignored(local):
    tenant = org()
    events = local.client("events")

    def publish(department: str, when: str) -> None:
        detail = {"org": tenant, "employees": [{**rows(1)[0], "department": department}]}
        events.put_events(
            Entries=[
                {
                    "Source": "janus.hris",
                    "DetailType": "EmployeesChanged",
                    "Detail": json.dumps(detail),
                    "EventBusName": "janus-local-bus",
                    "Time": when,
                }
            ]
        )

    publish("Newest", "2026-11-20T10:00:00Z")
    local.settle()
    publish("Older", "2026-11-19T10:00:00Z")  # delivered out of order
    local.settle()

    employee = local.as_(tenant).get(f"{local.api}/employees/e0", timeout=10)
    assert employee.status_code == 200
    assert employee.json()["department"] == "Newest"
