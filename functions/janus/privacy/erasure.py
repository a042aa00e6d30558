"""The erasure of an employee who has left (the GDPR's right to erasure), asked by HR.

What goes, and what stays:

- **Removed**: everything about the person. Their directory record and sign-in user; their goals with their
  history (a goal of someone else that supported one of theirs stays, no longer under it, with a history entry
  saying why); their check-ins with both sides' private notes, their pair and its action items; their reviews
  with every change; their development plan; the recognition they received; the escalation cases about them;
  their subject records and reports of every feedback round; the reads of their records in the audit log.
- **Anonymised**: what they did in other people's records keeps its place under a pseudonym (``erased-`` and
  eight random hex digits, one per erasure) in place of their id: their answers as a rater (so that the reports
  about others and the closed rounds' counts stand as they were), their manager part of others' reviews, the
  check-ins they held as a manager (their private notes on them are removed), their comments on others' plans
  and goals, the recognition they gave, their steps in others' cases, and their reads in the audit log.
- **Not reached**: free text others wrote naming them (a topic "ask Anna", a recognition's message); what they did
  as HR in the records of people they did not manage (a calibration's author in a review's history); the weekly
  recognition digest's entries of the current week and the API's idempotency records of their last day, both gone
  by TTL (35 days, one day).
- **Counts stay**: the rounds' and review cycles' counters, HR's check-in measure and the recognition figures
  count what happened, as they did.

An erasure is asked while nothing is still running around the person: they have left (the directory says
inactive), nobody active reports to them, they are neither the HR lead nor an HR administrator, and every
feedback round and review cycle they are in has been released (or cancelled) and every case about them is
closed. A request that finds anything else is refused with what stands in the way, and nothing is changed.

The work goes through the performance queue, one message an erasure; each step can run again and finds
what it already did gone or swapped, so a message delivered twice, or again after a death partway, ends the
same. The erasure's record (janus.privacy.store) says when it is done and what was removed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Protocol

from janus.checkins.store import CheckInStore, check_in_key, pair_key
from janus.development.store import PlanStore
from janus.goals.goal import Goal
from janus.goals.store import GoalChanged, GoalStore
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, NotFound
from janus.kernel.messages import Message
from janus.people.employees import Employee
from janus.privacy import store as raw
from janus.privacy.store import Erasure, ErasureStore
from janus.recognition.store import received_pk
from janus.reviews.store import ReviewStore, counts_pk
from janus.store import get_items

EVERY = 1000  # reviews, check-ins and cycles read at once: every one a person has (a weekly check-in for 19 years)
SETTLED_ROUNDS = ("released", "cancelled")
SETTLED_REVIEWS = ("released",)
SAVE_ATTEMPTS = 5  # a goal being changed by its owner at the same moment
DROPPED_PARENT = "the goal it supported was removed when its owner's records were erased"


@dataclass(frozen=True)
class EraseEmployee(Message):
    """Erase this employee; the erasure's record holds the pseudonym and who asked."""

    NAME: ClassVar[str] = "erase-employee"
    org: str
    employee_id: str


class Directory(Protocol):
    def get_many(self, org: str, ids: Iterable[str]) -> dict[str, Employee]: ...
    def put_many(self, org: str, employees: Sequence[Employee]) -> None: ...
    def reports_of(self, org: str, manager_id: str) -> list[Employee]: ...


class Rounds(Protocol):
    """The feedback rounds' cycles, subjects and reports, as the erasure needs them."""

    def cycles(self, org: str) -> list[Any]: ...  # every cycle: id, name, state, shards
    def subjects(self, org: str, cycle_id: str, shards: int) -> Iterable[Any]: ...  # employee_id, raters
    def delete_reports(self, org: str, cycle_id: str, subject_id: str) -> None: ...


class Users(Protocol):
    def remove(self, org: str, employee_id: str, email: str) -> bool: ...  # False: no user of theirs


@dataclass(frozen=True)
class Ports:
    directory: Directory
    orgs: Any  # get(org) -> OrgSettings
    erasures: ErasureStore
    goals: GoalStore
    roll_up: Callable[[str, Sequence[tuple[str, int]]], None]
    checkins: CheckInStore
    reviews: ReviewStore
    plans: PlanStore
    cases: Callable[[], Any]  # an EscalationStore
    rounds: Callable[[], Rounds]
    users: Callable[[], Users]
    send: Callable[[list[Message]], None]


# ------------------------------------------------------------------ the request


def request(caller: Caller, employee_id: str, ports: Ports) -> dict[str, Any]:
    """``POST /employees/{id}/erasure`` (HR): check nothing stands in the way, record the erasure, queue it.
    A second request answers the first's record (and queues the work again while it is not done)."""
    caller.require("hr_admin")
    org = caller.org
    found = ports.erasures.get(org, employee_id)
    if found is None:
        person = ports.directory.get_many(org, [employee_id]).get(employee_id)
        if person is None:
            raise NotFound(f"no employee '{employee_id}'")
        blockers = _blockers(org, person, ports)
        if blockers:
            raise Conflict(f"{employee_id} cannot be erased yet: " + "; ".join(blockers) + ". Nothing was changed")
        pseudonym = f"erased-{os.urandom(4).hex()}"
        found = ports.erasures.begin(Erasure(org, employee_id, pseudonym, caller.sub, clock.now()))
    if found.state != "erased":
        ports.send([EraseEmployee(org, employee_id)])
    return found.as_dict()


def listed(caller: Caller, ports: Ports) -> dict[str, Any]:
    """``GET /organisation/erasures`` (HR): the organisation's erasures, newest first."""
    caller.require("hr_admin")
    return {"erasures": [erasure.as_dict() for erasure in ports.erasures.listed(caller.org)]}


def _blockers(org: str, person: Employee, ports: Ports) -> list[str]:
    if person.active:
        return ["they are still active in the directory; import them with active false once they have left"]
    found = []
    leading = sorted(report.id for report in ports.directory.reports_of(org, person.id) if report.active)
    if leading:
        found.append(f"{', '.join(leading)} still report to them; import their new manager first")
    settings = ports.orgs.get(org)
    if person.id in settings.hr_admins:
        found.append("they are one of the organisation's HR administrators; take them off the list first")
    if settings.escalation.hr_lead == person.id:
        found.append("they are the HR lead of escalations; name another first")
    rounds = ports.rounds()
    for cycle in rounds.cycles(org):
        if cycle.state in SETTLED_ROUNDS:
            continue
        keys = [
            (f"ORG#{org}#CYCLE#{cycle.id}#SUBJ#{person.id}", "SUBJECT"),
            (f"ORG#{org}#CYCLE#{cycle.id}#RATER#{person.id}", "RATER"),
        ]
        if get_items(keys):
            found.append(
                f"they are in the feedback round '{cycle.name}' ({cycle.state}); erase them once it is released"
            )
    reviews = [*ports.reviews.of_employee(org, person.id, EVERY), *ports.reviews.of_manager(org, person.id, EVERY)]
    for cycle_id in sorted({review.cycle_id for review in reviews}):
        cycle = ports.reviews.get_cycle(org, cycle_id)
        if cycle is not None and cycle.state not in SETTLED_REVIEWS:
            found.append(f"they are in the review cycle '{cycle.name}' ({cycle.state}); erase them after its release")
    open_cases = [case.id for case in ports.cases().list_for_employees(org, [person.id]) if case.state != "closed"]
    if open_cases:
        found.append(f"the case(s) {', '.join(open_cases)} about them are open; close them first")
    return found


# ------------------------------------------------------------------ the work


def erase(message: EraseEmployee, ports: Ports) -> dict[str, int]:
    """Every step, in an order that a step run again finds what it needs: the sign-in user is removed while
    the directory still gives the e-mail, and the directory record goes last."""
    erasure = ports.erasures.get(message.org, message.employee_id)
    if erasure is None or erasure.state == "erased":
        return {}
    work = _Work(erasure, ports)
    work.managed |= {report.id for report in ports.directory.reports_of(erasure.org, erasure.employee_id)}
    for step in (work.rounds, work.reviews, work.check_ins, work.goals, work.plans, work.recognition, work.cases,
                 work.audit, work.people):  # fmt: skip
        step()
        ports.erasures.progress(erasure, work.removed)  # a run again after a death counts on from here
    ports.erasures.finish(erasure, work.removed, clock.now())
    return work.removed


class _Work:
    def __init__(self, erasure: Erasure, ports: Ports):
        self.org = erasure.org
        self.person = erasure.employee_id
        self.pseudonym = erasure.pseudonym
        self.ports = ports
        self.removed: dict[str, int] = dict(erasure.removed)
        self.managed: set[str] = set()  # the people whose records they wrote in as a manager

    def _count(self, what: str, n: int) -> None:
        if n:
            self.removed[what] = self.removed.get(what, 0) + n

    def _drop(self, what: str, pk: str, index: str | None = None) -> None:
        self._count(what, raw.delete(raw.keys(raw.partition(pk, index))))

    def _swap(self, what: str, items: Iterable[dict[str, Any]]) -> None:
        """Each item with the person's id made the pseudonym; an item whose key named them is moved."""
        moved = []
        for item in list(items):
            after = raw.swapped(item, self.person, self.pseudonym)
            if after is None:
                continue
            raw.put(after)
            if (after["PK"], after["SK"]) != (item["PK"], item["SK"]):
                moved.append((item["PK"]["S"], item["SK"]["S"]))
            self._count(what, 1)
        raw.delete(moved)

    def _swap_keys(self, what: str, keys: Iterable[tuple[str, str]]) -> None:
        self._swap(what, get_items(keys, consistent=True).values())

    # -------------------------------------------------------------- each capability

    def rounds(self) -> None:
        rounds = self.ports.rounds()
        org, person = self.org, self.person
        cycles = rounds.cycles(org)
        self._swap_keys("round_records_anonymised", [(f"ORG#{org}#CYCLE#{cycle.id}", "CYCLE") for cycle in cycles])
        for cycle in cycles:
            base = f"ORG#{org}#CYCLE#{cycle.id}"
            subject = list(raw.partition(f"{base}#SUBJ#{person}"))
            if subject:
                self._count("round_answers_about_them", raw.delete(raw.keys(subject)))
                rounds.delete_reports(org, cycle.id, person)
            rater = get_items([(f"{base}#RATER#{person}", "RATER")], consistent=True)
            if not rater:
                continue
            (found,) = rater.values()
            if "subjects" in found:  # whom they were asked about, kept by the nominations
                others = sorted(found["subjects"]["SS"])
            else:  # a rater item older than that list: the cycle's subjects that name them, a page at a time
                others = [s.employee_id for s in rounds.subjects(org, cycle.id, cycle.shards) if _names(s, person)]
            asked = [(f"{base}#SUBJ#{other}", sk) for other in others for sk in (f"RATER#{person}", "SUBJECT")]
            self._swap_keys("round_answers_anonymised", asked)  # 50 subjects a BatchGetItem, not one each
            self._count("round_rater_records", raw.delete(list(rater)))

    def reviews(self) -> None:
        org, reviews = self.org, self.ports.reviews
        for review in reviews.of_employee(org, self.person, EVERY):
            self._drop("reviews", f"ORG#{org}#REVIEW#{review.id}")
        for review in reviews.of_manager(org, self.person, EVERY):
            self.managed.add(review.employee_id)
            self._swap("reviews_anonymised", raw.partition(f"ORG#{org}#REVIEW#{review.id}"))
        cycles = reviews.cycles(org, EVERY)
        raw.delete([(f"ORG#{org}#RCYCLE#{cycle.id}#REMIND#{self.person}", "REMIND") for cycle in cycles])
        self._swap_keys("review_cycles_anonymised", [(f"ORG#{org}#RCYCLE#{cycle.id}", "RCYCLE") for cycle in cycles])
        for cycle in cycles:
            counters = counts_pk(org, cycle.id)
            self._swap(
                "review_counters_anonymised",
                (item for item in raw.partition(counters) if f"#{self.person}#" in f"#{item['SK']['S']}#"),
            )

    def check_ins(self) -> None:
        org, person = self.org, self.person
        for check_in in self.ports.checkins.of_employee(org, person, EVERY):
            self._drop("check_ins", check_in_key(org, check_in.id)[0])
        self._drop("check_in_pair", pair_key(org, person)[0])
        for item in list(raw.partition(f"ORG#{org}#CHECKINS#MGR#{person}", "GSI2")):
            pk = item["PK"]["S"]
            raw.delete([(pk, f"NOTE#{person}")])
            self.managed.add(item["employee_id"]["S"])
            self._swap_keys("check_ins_anonymised", [(pk, "CHECKIN")])
        for employee_id in sorted(self.managed):
            self._swap("check_ins_anonymised", raw.partition(pair_key(org, employee_id)[0]))

    def goals(self) -> None:
        org, goals = self.org, self.ports.goals
        for goal in goals.of_owner(org, self.person):
            self._detach_children(goal)
            self._take_out(goal)
            self._drop("goals", f"ORG#{org}#GOAL#{goal.id}")
        self._drop("goal_counters", f"ORG#{org}#GOALS#EMP#{self.person}")
        for employee_id in sorted(self.managed):
            for goal in goals.of_owner(org, employee_id):
                self._swap("goals_anonymised", raw.partition(f"ORG#{org}#GOAL#{goal.id}"))

    def _take_out(self, goal: Goal) -> None:
        """The goal out of its parent's progress and HR's counters (dropped, under nothing), read again first:
        its children leaving it moved it."""
        for _ in range(SAVE_ATTEMPTS):
            fresh = self.ports.goals.get(self.org, goal.id)
            if fresh is None or not (fresh.parent_id or fresh.is_open):
                return
            after = replace(fresh, parent_id=None, depth=0, status="dropped" if fresh.is_open else fresh.status)
            entry = _entry(fresh, "dropped", {"status": [fresh.status, after.status]})
            try:
                saved = self.ports.goals.save(fresh, after, entry)
            except GoalChanged:
                continue
            self.ports.roll_up(self.org, list(saved.parents_moved))
            return
        raise GoalChanged(goal.id)

    def _detach_children(self, goal: Goal) -> None:
        after: dict[str, Any] | None = None
        while True:
            children, after = self.ports.goals.children(self.org, goal.id, after=after)
            for child in children:
                if child.owner == self.person:
                    continue  # one of theirs: removed in its turn
                if self._detach(child.id, goal.id):
                    self._count("goals_detached", 1)
            if after is None:
                return

    def _detach(self, child_id: str, parent_id: str) -> bool:
        for _ in range(SAVE_ATTEMPTS):
            fresh = self.ports.goals.get(self.org, child_id)
            if fresh is None or fresh.parent_id != parent_id:
                return False
            moved = replace(fresh, parent_id=None, depth=0)
            entry = _entry(fresh, "changed", {"parent_id": [parent_id, None]}, reason=DROPPED_PARENT)
            try:
                saved = self.ports.goals.save(fresh, moved, entry)
            except GoalChanged:
                continue
            self.ports.roll_up(self.org, list(saved.parents_moved))
            return True
        raise GoalChanged(child_id)

    def plans(self) -> None:
        self._drop("development_plan", f"ORG#{self.org}#DEV#{self.person}")
        for employee_id in sorted(self.managed):
            self._swap("plans_anonymised", raw.partition(f"ORG#{self.org}#DEV#{employee_id}"))

    def recognition(self) -> None:
        org, person = self.org, self.person
        received = list(raw.partition(received_pk(org, person)))
        for item in received:
            others = set(item.get("named", {}).get("SS", [])) - {person}
            self._swap_keys("recognition_anonymised", [(received_pk(org, other), item["SK"]["S"]) for other in others])
        self._count("recognition_received", raw.delete(raw.keys(received)))
        self._swap("recognition_given", raw.partition(f"ORG#{org}#RECS#BY#{person}", "GSI1"))

    def cases(self) -> None:
        org = self.org
        for case in self.ports.cases().list_for_employees(org, [self.person]):
            self._drop("cases", f"ORG#{org}#ESC#{case.id}")
        self._swap("cases_anonymised", raw.partition(f"ORG#{org}#ESCALATIONS", "GSI2"))

    def audit(self) -> None:
        self._drop("reads_of_their_records", f"ORG#{self.org}#AUDIT#{self.person}")
        self._swap("their_reads_anonymised", raw.partition(f"ORG#{self.org}#AUDIT#BY#{self.person}", "GSI1"))

    def people(self) -> None:
        org, person = self.org, self.person
        found = self.ports.directory.get_many(org, [person]).get(person)
        if found is not None and self.ports.users().remove(org, person, found.email):
            self._count("sign_in_user", 1)
        former = [replace(report, manager_id=None) for report in self.ports.directory.reports_of(org, person)]
        if former:
            self.ports.directory.put_many(org, former)
            self._count("former_reports_unlinked", len(former))
        self._drop("directory_records", f"ORG#{org}#EMP#{person}")


def _names(subject: Any, person: str) -> bool:
    return person in {nominee.id for nominee in subject.raters} | {p.get("id") for p in subject.proposals}


def _entry(goal: Goal, kind: str, changes: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"version": goal.version + 1, "at": clock.now().isoformat(), "by": "janus", "kind": kind,
            "changes": changes, **extra}  # fmt: skip


class RoundRecords:
    """The feedback rounds as an erasure reads them, over the rounds' stores and the reports' bucket, made when an
    erasure asks (not at the function's cold start)."""

    def __init__(self, reports: Callable[[], Any]):
        from janus.rounds.store_cycles import CycleStore
        from janus.rounds.store_subjects import SubjectStore

        self._cycles = CycleStore()
        self._subjects = SubjectStore()
        self._reports = reports

    def cycles(self, org: str) -> list[Any]:
        return self._cycles.latest(org, EVERY)

    def subjects(self, org: str, cycle_id: str, shards: int) -> Iterable[Any]:
        for shard in range(shards):
            start = None
            while True:
                page, start = self._subjects.subjects_page(org, cycle_id, shard, start, 100)
                yield from page
                if start is None:
                    break

    def delete_reports(self, org: str, cycle_id: str, subject_id: str) -> None:
        self._reports().delete(org, cycle_id, subject_id)
