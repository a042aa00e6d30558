"""A cycle's progress by department: counted by the writes that count it in all, in the same request
(the launch's count, a rater's draft, submit and decline, HR taking a rater off), each once however
often or in whatever order it arrives, and read with one Query per progress shard."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from janus.feedback import answers
from janus.kernel import clock
from janus.kernel.errors import Conflict
from janus.kernel.metering import REQUESTS
from janus.library import library
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, fanout, nominate
from janus.rounds.keys import department_key
from janus.rounds.links import Locator, Signer, locator_of
from janus.store.items import PROGRESS_SHARDS
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"
SIGNER = Signer(b"k" * 32)
DEPARTMENTS = {"m1": "Sales", "s1": "Sales", "s2": "Sales", "s3": "Sales", "e1": "R&D", "e2": "R&D", "e3": "R&D"}


class Jobs:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def send(self, queue: str, messages: Any) -> None:
        self.sent += [(queue, m) for m in messages]


def dynamodb_calls(before: Any) -> dict[str, int]:
    return {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}


@pytest.fixture
def launched(aws: Any) -> tuple[RoundStores, str]:
    """A launched 360 cycle of a Sales manager, three Sales reports and three R&D reports (one team)."""
    directory, store, jobs = DynamoEmployeeDirectory(), RoundStores(), Jobs()
    people = [person("m1", None)] + [person(e, "m1") for e in DEPARTMENTS if e != "m1"]
    directory.put_many(ORG, [replace(p, department=DEPARTMENTS[p.id]) for p in people])
    body = {"name": "360", "kind": "360", "deadline": (clock.now() + timedelta(days=20)).isoformat()}
    cycle = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    store.cycles.transition(ORG, cycle.id, ("draft",), "open", launch_pending=cycle.shards)
    for shard in range(cycle.shards):
        fanout.launch_page(ORG, cycle.id, shard, None, 0, store.launch, jobs)
    return store, cycle.id


def assignments_of(store: RoundStores, cycle_id: str, subject: str) -> dict[str, Any]:
    return {a.rater_id: a for a in store.assignments.assignments_of_subject(ORG, cycle_id, subject)}


def token(store: RoundStores, cycle_id: str, subject: str, rater: str) -> str:
    return SIGNER.token(locator_of(assignments_of(store, cycle_id, subject)[rater]))


def complete() -> dict[str, Any]:
    return {"ratings": {q.id: 4 for q in library().competency("listening").questions}, "overall": "Thanks."}


def test_the_launch_counts_each_departments_assignments_and_they_add_up_to_the_cycles(launched):
    store, cycle_id = launched
    totals, departments = store.progress.progress_by_department(ORG, cycle_id)

    asked = {s: len(assignments_of(store, cycle_id, s)) for s in DEPARTMENTS}
    assert departments == {
        "R&D": {"assignments": sum(asked[s] for s in ("e1", "e2", "e3")), "in_progress": 0, "submitted": 0,
                "declined": 0},
        "Sales": {"assignments": sum(asked[s] for s in ("m1", "s1", "s2", "s3")), "in_progress": 0, "submitted": 0,
                  "declined": 0},
    }  # fmt: skip
    assert totals["assignments"] == sum(asked.values()) == sum(d["assignments"] for d in departments.values())
    assert totals == store.progress.progress(ORG, cycle_id)


def test_a_launch_job_delivered_again_counts_nothing_twice(launched):
    store, cycle_id = launched
    before = store.progress.progress_by_department(ORG, cycle_id)

    # Delivered again after it counted (the cycle still waits for other shards) and counted anew.
    store.progress.count_launch(ORG, cycle_id, "launch-0", 99, {"Sales": 50, "R&D": 49})

    assert store.progress.progress_by_department(ORG, cycle_id) == before


def test_a_launch_count_of_many_departments_goes_in_transactions_of_100_and_counts_each_once(aws):
    store = RoundStores()
    departments = {f"Department {n:03}": n + 1 for n in range(150)}
    total = sum(departments.values())
    before = REQUESTS.snapshot()
    # A delivery that counted the shard and 99 departments, then failed:
    store.progress.count_launch(ORG, "c-many", "launch-3", total, dict(list(departments.items())[:99]))
    assert dynamodb_calls(before) == {"TransactWriteItems": 1}
    before = REQUESTS.snapshot()

    store.progress.count_launch(ORG, "c-many", "launch-3", total, departments)  # delivered again

    # Two transactions of up to 100 (151 counters), each tried again without the counters that counted the job.
    assert dynamodb_calls(before) == {"TransactWriteItems": 4}

    totals, counted = store.progress.progress_by_department(ORG, "c-many")
    assert totals["assignments"] == sum(departments.values())
    assert {name: c["assignments"] for name, c in counted.items()} == departments


def test_a_link_names_its_subjects_department_and_older_links_still_work():
    assignment = Locator("acme", "c-1", "e1", "e2", "n0nce")
    with_department = replace(assignment, department=department_key("R&D"))

    assert SIGNER.locate(SIGNER.token(with_department)) == with_department
    assert SIGNER.locate(SIGNER.token(assignment)) == assignment  # a link sent before departments were kept
    assert "R&D" not in str(SIGNER.token(with_department))
    assert len(department_key("A department with a long name, " * 3)) == len(department_key("R&D")) == 12


def test_a_submit_moves_its_departments_counters_in_its_one_request_without_a_read(launched):
    store, cycle_id = launched
    link = token(store, cycle_id, "e1", "m1")
    before = REQUESTS.snapshot()

    answers.submit(link, {**complete(), "status": "pending"}, store.answers, SIGNER)

    assert dynamodb_calls(before) == {"TransactWriteItems": 1}
    _, departments = store.progress.progress_by_department(ORG, cycle_id)
    assert (departments["R&D"]["submitted"], departments["Sales"]["submitted"]) == (1, 0)


def test_duplicates_and_late_arrivals_count_once(launched):
    store, cycle_id = launched
    draft, submitted, declined = (token(store, cycle_id, s, r) for s, r in (("e2", "m1"), ("e3", "m1"), ("s1", "m1")))
    rating = {"ratings": {library().competency("listening").questions[0].id: 3}}

    answers.draft(draft, rating, store.answers, SIGNER)
    answers.draft(draft, {**rating, "status": "in_progress"}, store.answers, SIGNER)  # a second draft
    answers.submit(draft, {**complete(), "status": "pending"}, store.answers, SIGNER)  # says pending: tried twice
    answers.submit(submitted, complete(), store.answers, SIGNER)
    answers.decline(declined, {"reason": "On leave"}, store.answers, SIGNER)
    # Delivered again (or retried by the SDK after DynamoDB answered the applied write with a 500): done, once.
    assert answers.submit(submitted, complete(), store.answers, SIGNER) == {"status": "submitted"}
    assert answers.decline(declined, {"reason": "On leave"}, store.answers, SIGNER) == {"status": "declined"}
    for late in (
        lambda: answers.submit(submitted, {**complete(), "overall": "Other words"}, store.answers, SIGNER),
        lambda: answers.draft(submitted, rating, store.answers, SIGNER),  # a draft arriving after the submit
        lambda: answers.decline(submitted, {}, store.answers, SIGNER),  # a decline after it
        lambda: answers.submit(declined, complete(), store.answers, SIGNER),  # a submit after a decline
        lambda: answers.decline(declined, {}, store.answers, SIGNER),
    ):
        with pytest.raises(Conflict):
            late()

    totals, departments = store.progress.progress_by_department(ORG, cycle_id)
    assert {k: departments["R&D"][k] for k in ("submitted", "in_progress", "declined")} == {
        "submitted": 2, "in_progress": 0, "declined": 0,
    }  # fmt: skip
    assert {k: departments["Sales"][k] for k in ("submitted", "in_progress", "declined")} == {
        "submitted": 0, "in_progress": 0, "declined": 1,
    }  # fmt: skip
    assert (totals["submitted"], totals["in_progress"], totals["declined"]) == (2, 0, 1)


def test_a_draft_counts_its_department_in_progress_until_the_submit(launched):
    store, cycle_id = launched
    link = token(store, cycle_id, "s2", "s2")
    answers.draft(link, {"ratings": {library().competency("listening").questions[0].id: 3}}, store.answers, SIGNER)
    assert store.progress.progress_by_department(ORG, cycle_id)[1]["Sales"]["in_progress"] == 1

    answers.submit(link, {**complete(), "status": "in_progress"}, store.answers, SIGNER)

    sales = store.progress.progress_by_department(ORG, cycle_id)[1]["Sales"]
    assert (sales["in_progress"], sales["submitted"]) == (0, 1)


def test_an_answer_the_server_reads_first_counts_its_department_too(launched):
    store, cycle_id = launched
    link = token(store, cycle_id, "s3", "m1")
    # Answers short of one question are read against the form: the refusal names the missing one.
    partial = complete()
    partial["ratings"].pop(next(iter(partial["ratings"])))
    with pytest.raises(Exception, match="still need an answer"):
        answers.submit(link, partial, store.answers, SIGNER)
    answers.save_draft(answers.resolve(link, store.answers, SIGNER), partial, store.answers)

    assert store.progress.progress_by_department(ORG, cycle_id)[1]["Sales"]["in_progress"] == 1


def test_taking_a_rater_off_after_launch_takes_the_form_off_its_department(launched):
    store, cycle_id = launched
    before = store.progress.progress_by_department(ORG, cycle_id)[1]["R&D"]["assignments"]
    peer = next(r for r, a in assignments_of(store, cycle_id, "e1").items() if a.relationship == "peer")

    nominate.remove_rater(ORG, cycle_id, "e1", peer, store.roster, DynamoEmployeeDirectory())

    assert store.progress.progress_by_department(ORG, cycle_id)[1]["R&D"]["assignments"] == before - 1


def test_a_link_made_before_assignments_kept_the_department_counts_in_all_only(launched):
    store, cycle_id = launched
    older = replace(locator_of(assignments_of(store, cycle_id, "e1")["e1"]), department=None)

    answers.submit(SIGNER.token(older), complete(), store.answers, SIGNER)

    totals, departments = store.progress.progress_by_department(ORG, cycle_id)
    assert totals["submitted"] == 1 and departments["R&D"]["submitted"] == 0


def test_the_progress_by_department_is_one_query_a_shard_whatever_the_size(launched):
    store, cycle_id = launched
    before = REQUESTS.snapshot()

    store.progress.progress_by_department(ORG, cycle_id)

    assert dynamodb_calls(before) == {"Query": PROGRESS_SHARDS}
