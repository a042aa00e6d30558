"""HR's list of cases: filtered by state and department at the table, a page at a time, never examining
more than a bounded number of cases per request, with the names of employees and owners in one read."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from janus.escalations import flow
from janus.escalations.case import Case, open_case
from janus.escalations.opening import flag
from janus.escalations.store import EXAMINED, QUERIES, CaseFilter, EscalationStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import InvalidInput
from janus.kernel.metering import REQUESTS
from janus.people.employees import Employee
from janus.people.organisation import EscalationRules
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory

ORG = "o"
RULES = EscalationRules()
HR = Caller(org=ORG, sub="hr1", roles=frozenset({"hr_admin"}))


@pytest.fixture(autouse=True)
def _clock(stopped_clock: None) -> None:
    """A clock that moves only when the test moves it."""


def person(employee_id: str, department: str, manager_id: str | None = "m") -> Employee:
    return Employee(
        id=employee_id,
        name=f"Person {employee_id}",
        email=f"{employee_id}@o.example.com",
        manager_id=manager_id,
        department=department,
        job_class="technical",
        locale="en",
    )


def opened(employee_id: str, department: str | None, cause: str = "others_overall", state: str = "open") -> Case:
    """A case as the store keeps it, opened a minute after the one before."""
    clock.advance(timedelta(minutes=1))
    case = open_case(ORG, employee_id, "m", cause, {"cycle_id": "c1"}, RULES, department=department)
    case = dataclasses.replace(case, state=state)
    assert EscalationStore().create_if_absent(case)
    return case


def ports() -> flow.Ports:
    return flow.Ports(
        cases=EscalationStore(),
        directory=DynamoEmployeeDirectory(),
        schedules=None,  # type: ignore[arg-type]  # a listing schedules nothing
        queue_arn="",
        mailer=None,  # type: ignore[arg-type]  # and sends nothing
        sender="",
        public_url=lambda: "",
        orgs=OrgStore(),
    )


def queries_made(before: dict) -> int:
    return REQUESTS.since(before).get(("dynamodb", "Query"), 0)


def test_the_filter_keeps_the_states_and_the_department_asked_for_newest_first(aws) -> None:
    a = opened("e1", "Sales")
    b = opened("e2", "Sales", state="acknowledged")
    c = opened("e3", "R&D", state="plan_agreed")
    d = opened("e4", "Sales", state="closed")
    store = EscalationStore()

    def ids(where: CaseFilter) -> list[str]:
        return [case.id for case in store.page_for_org(ORG, where).cases]

    assert ids(CaseFilter()) == [d.id, c.id, b.id, a.id]
    assert ids(CaseFilter(states=frozenset({"open", "acknowledged", "plan_agreed"}))) == [c.id, b.id, a.id]
    assert ids(CaseFilter(department="Sales")) == [d.id, b.id, a.id]
    assert ids(CaseFilter(frozenset({"closed", "open"}), "Sales")) == [d.id, a.id]
    assert ids(CaseFilter(department="Marketing")) == []
    assert ids(CaseFilter(department="sales")) == []  # the department as the cases keep it, exactly


def test_cases_opened_before_departments_were_kept_are_listed_but_found_by_no_department(aws) -> None:
    old = opened("e1", None)
    new = opened("e2", "Sales")
    store = EscalationStore()
    assert [c.id for c in store.page_for_org(ORG, CaseFilter()).cases] == [new.id, old.id]
    assert [c.id for c in store.page_for_org(ORG, CaseFilter(department="Sales")).cases] == [new.id]
    assert store.get(ORG, old.id).department is None


def test_a_page_stops_at_its_size_and_the_next_goes_on_from_the_last_case_shown(aws) -> None:
    made = [opened(f"e{n:02}", "Sales" if n % 2 else "R&D") for n in range(30)]
    sales = [c.id for c in reversed(made) if c.department == "Sales"]
    store = EscalationStore()

    first = store.page_for_org(ORG, CaseFilter(department="Sales"), limit=4)
    second = store.page_for_org(ORG, CaseFilter(department="Sales"), first.after, limit=4)
    rest = store.page_for_org(ORG, CaseFilter(department="Sales"), second.after, limit=100)

    assert [c.id for c in first.cases] == sales[:4]
    assert [c.id for c in second.cases] == sales[4:8]
    assert [c.id for c in rest.cases] == sales[8:]
    assert rest.after is None


def test_a_filter_that_keeps_little_examines_a_bounded_number_of_cases_and_hands_on_where_it_stopped(aws) -> None:
    total = EXAMINED * QUERIES + 30
    for n in range(total - 1):
        opened(f"e{n:04}", "R&D")
    oldest_first = opened("x", "Sales")  # the newest: found at once
    store = EscalationStore()
    wanted = CaseFilter(department="Marketing")  # nobody: every page comes back empty

    before = REQUESTS.snapshot()
    page = store.page_for_org(ORG, wanted)
    assert queries_made(before) == QUERIES
    assert page.cases == [] and page.after is not None

    before = REQUESTS.snapshot()
    last = store.page_for_org(ORG, wanted, page.after)
    assert queries_made(before) == 1  # the 30 left
    assert last.cases == [] and last.after is None

    found = store.page_for_org(ORG, CaseFilter(department="Sales"))
    assert [c.id for c in found.cases] == [oldest_first.id]


def test_the_listing_names_employees_and_owners_in_one_read_and_says_todays_department(aws) -> None:
    DynamoEmployeeDirectory().put_many(
        ORG, [person("m", "Management", None), person("e1", "Sales"), person("e2", "Finance")]
    )
    opened("e1", None)  # before cases kept their department; e1 is in Sales today
    opened("e2", "R&D")  # opened in R&D; e2 has since moved to Finance

    before = REQUESTS.snapshot()
    listed = flow.list_cases(ORG, HR, ports())
    made = REQUESTS.since(before)

    assert made[("dynamodb", "BatchGetItem")] == 1
    assert made[("dynamodb", "Query")] == 1
    assert listed["names"] == {"e1": "Person e1", "e2": "Person e2", "m": "Person m"}
    by_employee = {c["employee_id"]: c for c in listed["cases"]}
    assert (by_employee["e1"]["department"], by_employee["e1"]["employee_department"]) == (None, "Sales")
    assert (by_employee["e2"]["department"], by_employee["e2"]["employee_department"]) == ("R&D", "Finance")
    assert listed["next"] is None


def test_the_page_token_is_opaque_and_only_one_a_listing_gave_is_taken(aws) -> None:
    for n in range(5):
        opened(f"e{n}", "Sales")
    first = flow.list_cases(ORG, HR, ports(), CaseFilter(), None)
    assert len(first["cases"]) == 5 and first["next"] is None

    store = EscalationStore()
    page = store.page_for_org(ORG, CaseFilter(), limit=2)
    token = flow.page_token(page.after)
    assert token and "esc-" not in token and "#" not in token
    assert flow.after_token(token) == page.after
    following = flow.list_cases(ORG, HR, ports(), CaseFilter(), token)
    assert [c["employee_id"] for c in following["cases"]] == ["e2", "e1", "e0"]

    for bad in ("nonsense", "ORG#other#ESCALATIONS", flow.page_token("2030-01-01T00:00:00+00:00#../x")):
        with pytest.raises(InvalidInput) as caught:
            flow.list_cases(ORG, HR, ports(), CaseFilter(), bad)
        assert [p.field for p in caught.value.problems] == ["next"]


def test_another_organisations_token_reads_only_the_callers_cases(aws) -> None:
    for n in range(3):
        opened(f"e{n}", "Sales")
    elsewhere = open_case("other", "z", "m", "others_overall", {}, RULES, department="Sales")
    EscalationStore().create_if_absent(elsewhere)
    token = flow.page_token(EscalationStore().page_for_org("other", CaseFilter(), limit=1).after)
    # The token names a position in time; under the caller's organisation it reads only the caller's cases.
    listed = flow.list_cases(ORG, HR, ports(), CaseFilter(), token)
    assert all(case["org"] == ORG for case in listed["cases"])


def test_the_filter_names_every_problem() -> None:
    assert flow.case_filter("open, acknowledged", " Sales ") == CaseFilter(frozenset({"open", "acknowledged"}), "Sales")
    assert flow.case_filter(None, "") == CaseFilter()
    with pytest.raises(InvalidInput) as caught:
        flow.case_filter("open,waiting,done", "x" * 101)
    assert [p.field for p in caught.value.problems] == ["state", "department"]
    assert "waiting, done" in caught.value.problems[0].message


def test_a_case_opens_in_its_employees_department(aws) -> None:
    case = flag(ORG, "e1", "m", "m", frozenset({"manager"}), "Missed every deadline.", RULES, "Sales")
    assert case.department == "Sales"
    assert Case.from_dict(case.as_dict()).department == "Sales"
    assert EscalationStore().create_if_absent(case)
    assert EscalationStore().page_for_org(ORG, CaseFilter(department="Sales")).cases == [case]
