"""HR's people list: its keys, its pages, its filters at the DynamoDB floor, and the import's dry run."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from janus.kernel.errors import InvalidInput, NotFound
from janus.kernel.metering import REQUESTS
from janus.people import listing
from janus.people.employees import get_employee
from janus.people.importing import import_employees
from janus.people.listing import Search, list_people
from janus.people.names import name_key, partition
from janus.people.store import DynamoEmployeeDirectory, employee_key
from janus.store.items import EmployeeItem

ORG = "acme"
FIRST = ("Anna", "Ahmed", "Bo", "Birgitte", "Camilla", "Emil", "Freja", "Jonas", "Karen", "Lars", "Mette", "Ølvir")
LAST = ("Bech", "Holm", "Jensen", "Nygaard", "Ærø", "Østergaard", "Dahl", "Falk")
DEPARTMENTS = ("Sales", "Engineering", "Finance", "People")
JOBS = ("technical", "service-sales", "clerical")


def person(employee_id: str, name: str, manager_id: str = "", **fields: Any) -> dict[str, Any]:
    return {
        "id": employee_id,
        "name": name,
        "email": f"{employee_id}@acme.example.com",
        "manager_id": manager_id,
        "department": "Sales",
        "job_class": "technical",
        "locale": "en",
        **fields,
    }


def organisation(size: int, seed: int = 3) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for i in range(size):
        rows.append(
            person(
                f"e{i}",
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "" if i == 0 else f"e{(i - 1) // 8}",
                department=DEPARTMENTS[i % len(DEPARTMENTS)],
                job_class=JOBS[i % len(JOBS)] if i else "management",
            )
        )
    return rows


@pytest.fixture
def directory(aws: Any) -> DynamoEmployeeDirectory:
    return DynamoEmployeeDirectory()


def every_page(search: Search, directory: DynamoEmployeeDirectory, limit: int = listing.PAGE) -> list[dict[str, Any]]:
    """Every page of a listing, each request checked to stay within its bounds."""
    people: list[dict[str, Any]] = []
    token: str | None = None
    for _ in range(500):
        before = REQUESTS.snapshot()
        page = list_people(ORG, search, token, directory, limit)
        made = REQUESTS.since(before)
        assert made[("dynamodb", "Query")] <= max(listing.MAX_QUERIES, limit)
        assert made[("dynamodb", "Scan")] == 0
        assert len(page["employees"]) <= limit
        people += page["employees"]
        token = page["next"]
        if token is None:
            return people
    raise AssertionError("the listing never ended")


def by_name(rows: list[dict[str, Any]]) -> list[str]:
    return [row["id"] for row in sorted(rows, key=lambda row: (name_key(row["name"]), row["id"]))]


# ---------------------------------------------------------------- the keys


def test_a_name_key_folds_case_and_accents_and_sorts_word_by_word():
    assert name_key("Søren Ærø") == name_key("soren aero") == "soren_aero"
    assert name_key("  Jean-Luc  O'Neil ") == "jean_luc_o_neil"
    assert sorted(["Alan", "Al Berg", "Al"], key=name_key) == ["Al", "Al Berg", "Alan"]
    assert name_key("Ólafur") == "olafur"


def test_names_are_partitioned_by_their_first_two_letters_and_other_scripts_share_one():
    assert partition(name_key("Camilla Bech")) == "ca"
    assert partition(name_key("A Li")) == "a_"
    assert partition(name_key("李小龍")) == "~"
    assert partition(name_key("Aй")) == "a~"
    assert partition("") == "~"


def test_an_employee_carries_every_list_key_on_its_own_item(directory):
    import_employees(ORG, [person("b", "Bo Berg"), person("s", "Søren Holm", "b", department=" SALES ")], directory)

    item = EmployeeItem.get(*employee_key(ORG, "s"))
    assert (item.GSI1PK, item.GSI1SK) == ("ORG#acme#MGR#b", "soren_holm#s")
    assert (item.GSI3PK, item.GSI3SK) == ("ORG#acme#DEPT#sales", "soren_holm#s")
    assert (item.GSI4PK, item.GSI4SK) == ("ORG#acme#JOB#technical", "soren_holm#s")
    assert (item.GSI5PK, item.GSI5SK) == ("ORG#acme#NAME#so", "soren_holm#s")
    assert directory.name_partitions(ORG) == ["bo", "so"]


def test_the_import_writes_no_item_for_the_keys_but_notes_a_new_name_partition_once(directory):
    rows = organisation(60)
    before = REQUESTS.snapshot()
    import_employees(ORG, rows, directory)
    first = REQUESTS.since(before)
    assert first[("dynamodb", "BatchWriteItem")] == 3  # ceil(60 / 25): the keys are on the employees' items
    assert (first[("dynamodb", "GetItem")], first[("dynamodb", "UpdateItem")]) == (1, 1)  # the partitions in use

    rows[5] = {**rows[5], "department": "Legal"}
    before = REQUESTS.snapshot()
    import_employees(ORG, rows, directory)
    again = REQUESTS.since(before)
    assert (again[("dynamodb", "BatchWriteItem")], again[("dynamodb", "UpdateItem")]) == (1, 0)


# ---------------------------------------------------------------- the pages


def test_everyone_is_listed_once_sorted_by_name_a_page_at_a_time(directory):
    rows = organisation(130)
    import_employees(ORG, rows, directory)
    import_employees("other", [person("x1", "Aaron Other")], directory)

    people = every_page(Search(), directory, limit=20)

    assert [p["id"] for p in people] == by_name(rows)


def test_the_first_page_reads_the_partitions_in_use_and_one_query_per_partition_it_needs(directory):
    import_employees(ORG, organisation(200), directory)
    before = REQUESTS.snapshot()

    page = list_people(ORG, Search(), None, directory)

    made = REQUESTS.since(before)
    assert len(page["employees"]) == listing.PAGE and page["next"]
    partitions_read = len({partition(name_key(p["name"])) for p in page["employees"]})
    assert made[("dynamodb", "Query")] == partitions_read
    assert made[("dynamodb", "GetItem")] == 1  # the partitions in use
    assert made[("dynamodb", "BatchGetItem")] == 1  # the managers' names
    assert page["employees"][1]["manager_name"] is not None or page["employees"][1]["manager_id"] is None


def test_a_small_organisation_with_a_name_partition_each_still_fills_its_pages(directory):
    rows = [person(f"s{i}", f"{chr(97 + i // 5)}{chr(97 + i % 5)} Person") for i in range(30)]  # aa, ab, ... fe
    import_employees(ORG, rows, directory)
    before = REQUESTS.snapshot()

    page = list_people(ORG, Search(), None, directory, limit=20)

    assert [p["id"] for p in page["employees"]] == [f"s{i}" for i in range(20)] and page["next"]
    assert REQUESTS.since(before)[("dynamodb", "Query")] == 20  # one a person: each partition holds one
    rest = list_people(ORG, Search(), page["next"], directory, limit=20)
    assert [p["id"] for p in rest["employees"]] == [f"s{i}" for i in range(20, 30)] and rest["next"] is None


@pytest.mark.parametrize(
    ("search", "keep"),
    [
        (Search(department="engineering"), lambda r: r["department"] == "Engineering"),
        (Search(job_class="clerical"), lambda r: r["job_class"] == "clerical"),
        (Search(manager="e2"), lambda r: r["manager_id"] == "e2"),
        (Search(name=name_key("Øl")), lambda r: r["name"].startswith("Ølvir")),
        (Search(name="c"), lambda r: name_key(r["name"]).startswith("c")),
        (
            Search(department="sales", job_class="technical", name="a"),
            lambda r: r["department"] == "Sales" and r["job_class"] == "technical" and r["name"].startswith("A"),
        ),
        (
            Search(manager="e1", department="finance"),
            lambda r: r["manager_id"] == "e1" and r["department"] == "Finance",
        ),
    ],
)
def test_each_filter_and_combination_lists_exactly_its_people_sorted_by_name(directory, search, keep):
    rows = organisation(160)
    import_employees(ORG, rows, directory)

    people = every_page(search, directory, limit=15)

    expected = by_name([row for row in rows if keep(row)])
    assert expected and [p["id"] for p in people] == expected


def test_a_department_reads_its_own_index_partition_and_nothing_of_the_rest(directory):
    import_employees(ORG, organisation(120), directory)
    before = REQUESTS.snapshot()

    page = list_people(ORG, Search(department="finance"), None, directory)

    assert {p["department"] for p in page["employees"]} == {"Finance"} and len(page["employees"]) == 30
    made = REQUESTS.since(before)
    assert made[("dynamodb", "Query")] == 1 and made[("dynamodb", "GetItem")] == 0


def test_a_rare_combination_stops_after_the_query_cap_and_hands_on_a_token(directory):
    rows = organisation(140)
    rows[139] = {**rows[139], "department": "Sales", "job_class": "hr-training"}
    import_employees(ORG, rows, directory)
    search = Search(department="sales", job_class="hr-training")

    before = REQUESTS.snapshot()
    first = list_people(ORG, search, None, directory, limit=5)
    assert REQUESTS.since(before)[("dynamodb", "Query")] == 1  # 35 of Sales examined at most 100 a Query
    assert [p["id"] for p in first["employees"]] == ["e139"] and first["next"] is None

    # More than MAX_QUERIES pages to look through: the request stops there and says where to go on.
    big = [{**row, "department": "Sales"} for row in organisation(1_150)]
    big[1_149] = {**big[1_149], "job_class": "hr-training", "name": "Zoe Zulu"}  # the last by name
    import_employees("big", big, directory)
    before = REQUESTS.snapshot()
    stopped = list_people("big", search, None, directory, limit=5)
    assert REQUESTS.since(before)[("dynamodb", "Query")] == listing.MAX_QUERIES
    assert stopped["employees"] == [] and stopped["next"]
    rest = list_people("big", search, stopped["next"], directory, limit=5)
    assert [p["id"] for p in rest["employees"]] == ["e1149"] and rest["next"] is None


def test_a_token_from_another_search_or_made_up_is_refused(directory):
    import_employees(ORG, organisation(30), directory)
    page = list_people(ORG, Search(), None, directory, limit=5)

    with pytest.raises(InvalidInput, match="another search"):
        list_people(ORG, Search(department="sales"), page["next"], directory)
    for forged in ("not-a-token", "W10", "x" * 3000):
        with pytest.raises(InvalidInput):
            list_people(ORG, Search(), forged, directory)


def test_a_token_never_reaches_another_organisation(directory):
    import_employees(ORG, organisation(30), directory)
    import_employees("other", organisation(30), directory)
    page = list_people(ORG, Search(), None, directory, limit=5)

    rest = list_people("other", Search(), page["next"], directory, limit=100)

    assert {p["email"] for p in rest["employees"]} <= {r["email"] for r in organisation(30)}
    assert all(p["id"] for p in rest["employees"])


def test_the_search_from_the_query_string_is_checked_and_normalised():
    assert Search.of("e1", " Sales ", "technical", "  Sø ") == Search("e1", "sales", "technical", "so")
    assert Search.of(None, "", None, "") == Search()
    with pytest.raises(InvalidInput) as error:
        Search.of("not an id!", "x" * 101, "astronaut", "y" * 201)
    assert {p.field for p in error.value.problems} == {"manager", "department", "job_class", "q"}


def test_the_most_selective_filter_is_the_one_read():
    assert listing.plan(Search(manager="e1", department="sales", name="an")) == ("manager", "e1")
    assert listing.plan(Search(department="sales", name="an", job_class="technical")) == ("name", "an")
    assert listing.plan(Search(department="sales", name="a")) == ("department", "sales")
    assert listing.plan(Search(job_class="technical", name="a")) == ("name", None)
    assert listing.plan(Search(job_class="technical")) == ("job_class", "technical")
    assert listing.plan(Search(name="李")) == ("name", "~")
    assert listing.plan(Search()) == ("name", None)


# ---------------------------------------------------------------- people stored before the keys


def test_people_stored_before_the_list_keys_get_them_on_their_next_import_unchanged(directory):
    rows = organisation(12)
    import_employees(ORG, rows, directory)
    for item in EmployeeItem.batch_get([employee_key(ORG, row["id"]) for row in rows]):
        # as an item written before the keys existed
        item.update(
            actions=[
                *(getattr(EmployeeItem, f"GSI{n}{part}").remove() for n in (3, 4, 5) for part in ("PK", "SK")),
                EmployeeItem.keys_version.remove(),
            ]
        )
    assert every_page(Search(), directory) == []

    result = import_employees(ORG, rows, directory)

    assert (result.updated, result.unchanged) == (0, 12)
    assert [p["id"] for p in every_page(Search(), directory)] == by_name(rows)
    before = REQUESTS.snapshot()
    import_employees(ORG, rows, directory)
    assert REQUESTS.since(before)[("dynamodb", "BatchWriteItem")] == 0  # once only


# ---------------------------------------------------------------- dry run


def writes(made: Counter[tuple[str, str]]) -> dict[str, int]:
    kinds = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")
    return {op: n for (service, op), n in made.items() if op in kinds and n} | {
        f"{service}:{op}": n for (service, op), n in made.items() if service != "dynamodb" and n
    }


class Queued:
    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []

    def send(self, queue: str, messages: Any) -> None:
        self.sent.append((queue, messages))


def test_a_dry_run_answers_what_the_import_would_and_writes_and_queues_nothing(directory):
    rows = organisation(40)
    import_employees(ORG, rows[:30], directory)
    changed = [*rows[:29], {**rows[29], "department": "Legal"}, *rows[30:]]
    jobs = Queued()

    before = REQUESTS.snapshot()
    dry = import_employees(ORG, changed, directory, jobs=jobs, dry_run=True)
    made = REQUESTS.since(before)

    assert writes(made) == {} and jobs.sent == []
    assert (dry.created, dry.updated, dry.unchanged, dry.dry_run) == (10, 1, 29, True)
    with pytest.raises(NotFound):
        get_employee(ORG, "e35", directory)
    real = import_employees(ORG, changed, directory)
    assert {**dry.as_dict(), "dry_run": False} == real.as_dict()


def test_a_dry_run_of_a_bad_file_reports_every_problem_and_writes_nothing(directory):
    rows = [person("a", "Ann"), person("b", "", email="nope"), person("c", "Cy", "ghost")]
    before = REQUESTS.snapshot()
    with pytest.raises(InvalidInput) as dry:
        import_employees(ORG, rows, directory, dry_run=True)
    assert writes(REQUESTS.since(before)) == {}
    with pytest.raises(InvalidInput) as real:
        import_employees(ORG, rows, directory)
    assert [p.as_dict() for p in dry.value.problems] == [p.as_dict() for p in real.value.problems]
    assert {(p.row, p.field) for p in dry.value.problems} == {(2, "name"), (2, "email"), (3, "manager_id")}
