"""Importing the organisation: validation first, all or nothing, batches, idempotence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from janus.kernel.errors import InvalidInput, NotFound
from janus.kernel.metering import REQUESTS
from janus.people.employees import get_employee, managers_above
from janus.people.importing import import_employees, parse_csv
from janus.people.store import DynamoEmployeeDirectory

ORG = "acme"


def person(employee_id: str, manager_id: str = "", **fields: Any) -> dict[str, Any]:
    row = {
        "id": employee_id,
        "name": f"Person {employee_id}",
        "email": f"{employee_id}@acme.example.com",
        "manager_id": manager_id,
        "department": "Sales",
        "job_class": "service-sales",
        "locale": "en",
    }
    row.update(fields)
    return row


def org_chart(size: int) -> list[dict[str, Any]]:
    return [person("p0")] + [person(f"p{i}", manager_id=f"p{(i - 1) // 5}") for i in range(1, size)]


@pytest.fixture
def directory(aws: Any) -> DynamoEmployeeDirectory:
    return DynamoEmployeeDirectory()


def problems_of(error: pytest.ExceptionInfo[InvalidInput]) -> list[dict[str, Any]]:
    return [problem.as_dict() for problem in error.value.problems]


def test_import_creates_employees_that_can_be_read_back(directory):
    result = import_employees(ORG, org_chart(12), directory)

    assert (result.created, result.updated, result.unchanged) == (12, 0, 0)
    employee = get_employee(ORG, "p7", directory)
    assert employee.manager_id == "p1"
    assert employee.email == "p7@acme.example.com"


def test_every_problem_is_reported_at_once_and_nothing_is_written(directory):
    rows = [
        person("ok1"),
        person("bad id!", email="not-an-address"),
        person("ok2", job_class="astronaut", locale="fr"),
        {"id": "ok3", "email": "ok3@acme.example.com"},
    ]
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, rows, directory)

    found = {(p["row"], p["field"]) for p in problems_of(error)}
    assert {(2, "id"), (2, "email"), (3, "job_class"), (3, "locale"), (4, "name"), (4, "department")} <= found
    assert (1, "id") not in found
    with pytest.raises(NotFound):
        get_employee(ORG, "ok1", directory)


def test_duplicate_ids_and_emails_in_one_file_are_rejected(directory):
    rows = [person("a"), person("a", email="other@acme.example.com"), person("b", email="A@acme.example.com")]
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, rows, directory)

    messages = {(p["row"], p["field"]): p["message"] for p in problems_of(error)}
    assert "also on row 1" in messages[(2, "id")]
    assert "also on row 1" in messages[(3, "email")]  # e-mails compare without case


def test_unknown_manager_is_rejected(directory):
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, [person("a", manager_id="ghost")], directory)
    assert problems_of(error) == [
        {"row": 1, "field": "manager_id", "message": "manager 'ghost' is neither in this file nor in the organisation"}
    ]


def test_manager_already_in_the_organisation_is_accepted(directory):
    import_employees(ORG, [person("boss")], directory)
    result = import_employees(ORG, [person("new", manager_id="boss")], directory)
    assert result.created == 1


def test_loop_inside_the_file_is_rejected(directory):
    rows = [person("a", manager_id="c"), person("b", manager_id="a"), person("c", manager_id="b"), person("d")]
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, rows, directory)
    assert sorted(p["row"] for p in problems_of(error)) == [1, 2, 3]


def test_loop_through_employees_outside_the_file_is_rejected(directory):
    # top <- mid <- low already exist; moving top under low closes a loop through mid.
    import_employees(ORG, [person("top"), person("mid", manager_id="top"), person("low", manager_id="mid")], directory)
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, [person("top", manager_id="low")], directory)
    assert problems_of(error)[0]["field"] == "manager_id"
    assert get_employee(ORG, "top", directory).manager_id is None


def test_format_duplicate_and_hierarchy_problems_are_reported_together_in_one_answer(directory):
    rows = [
        person("a"),
        person("b", email="not-an-address"),
        person("a", email="a2@acme.example.com"),
        person("c", manager_id="ghost"),
        person("d", manager_id="e"),
        person("e", manager_id="d"),
        person("f", manager_id="b"),  # b's row is wrong, but b is no unknown manager
    ]
    before = REQUESTS.snapshot()
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, rows, directory)

    assert error.value.message == "5 problem(s) in the employees; nothing was imported"
    assert sorted((p["row"], p["field"]) for p in problems_of(error)) == [
        (2, "email"),
        (3, "id"),
        (4, "manager_id"),
        (5, "manager_id"),
        (6, "manager_id"),
    ]
    assert REQUESTS.since(before)[("dynamodb", "BatchGetItem")] == 1  # the file's people and managers, once
    with pytest.raises(NotFound):
        get_employee(ORG, "a", directory)


def test_own_manager_is_rejected(directory):
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, [person("a", manager_id="a")], directory)
    assert "own manager" in problems_of(error)[0]["message"]


def test_reimporting_the_same_rows_changes_nothing_and_writes_nothing(directory):
    rows = org_chart(30)
    import_employees(ORG, rows, directory)
    before = REQUESTS.snapshot()

    result = import_employees(ORG, rows, directory)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 30)
    assert {row["status"] for row in result.rows} == {"unchanged"}
    assert REQUESTS.since(before)[("dynamodb", "BatchWriteItem")] == 0


def test_a_changed_row_is_updated_and_only_it_is_written(directory):
    rows = org_chart(10)
    import_employees(ORG, rows, directory)
    rows[4] = {**rows[4], "department": "Marketing"}

    result = import_employees(ORG, rows, directory)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 9)
    assert result.rows[4] == {"row": 5, "id": "p4", "status": "updated"}
    assert get_employee(ORG, "p4", directory).department == "Marketing"


def test_writes_go_in_batches_of_25_and_reads_in_batches_of_100(directory):
    before = REQUESTS.snapshot()
    import_employees(ORG, org_chart(260), directory)
    calls = REQUESTS.since(before)

    assert calls[("dynamodb", "BatchWriteItem")] == 11  # ceil(260 / 25)
    assert calls[("dynamodb", "BatchGetItem")] == 3  # ceil(260 / 100): ids and their managers together
    assert calls[("dynamodb", "PutItem")] == 0


def test_an_older_change_arriving_late_does_not_overwrite_a_newer_one(directory):
    now = datetime(2026, 11, 1, tzinfo=UTC)
    import_employees(ORG, [person("a", department="New")], directory, as_of=now)

    result = import_employees(ORG, [person("a", department="Old")], directory, as_of=now - timedelta(hours=1))

    assert result.stale == 1
    assert get_employee(ORG, "a", directory).department == "New"


def test_organisations_do_not_see_each_other(directory):
    import_employees(ORG, [person("a")], directory)
    with pytest.raises(NotFound):
        get_employee("other-org", "a", directory)


def test_csv_with_header_is_parsed_and_optional_columns_accepted():
    rows = parse_csv(
        "\ufeffid,name,email,manager_id,department,job_class,locale,time_zone\n"
        "a,Ann,ann@x.example.com,,Sales,clerical,da,Europe/Copenhagen\n"
    )
    assert rows == [
        {
            "id": "a",
            "name": "Ann",
            "email": "ann@x.example.com",
            "manager_id": "",
            "department": "Sales",
            "job_class": "clerical",
            "locale": "da",
            "time_zone": "Europe/Copenhagen",
        }
    ]


def test_csv_header_problems_name_each_column():
    with pytest.raises(InvalidInput) as error:
        parse_csv("id,name,email,department,job_class,colour\na,b,c,d,e,f\n")
    messages = [p["message"] for p in problems_of(error)]
    assert "missing column 'manager_id'" in messages
    assert "missing column 'locale'" in messages
    assert "unknown column 'colour'" in messages


def test_unknown_time_zone_and_bad_active_flag_are_rejected(directory):
    with pytest.raises(InvalidInput) as error:
        import_employees(ORG, [person("a", time_zone="Mars/Olympus", active="maybe")], directory)
    assert {p["field"] for p in problems_of(error)} == {"time_zone", "active"}


def test_empty_import_is_rejected(directory):
    with pytest.raises(InvalidInput, match="no employees"):
        import_employees(ORG, [], directory)


def test_managers_above_are_listed_nearest_first_up_to_the_levels_asked(directory):
    import_employees(ORG, org_chart(40), directory)  # p0 <- p1..p5 <- p6..p30 <- ...
    assert managers_above(ORG, "p31", directory, levels=5) == ["p6", "p1", "p0"]
    assert managers_above(ORG, "p31", directory, levels=2) == ["p6", "p1"]
    assert managers_above(ORG, "p0", directory, levels=3) == []
