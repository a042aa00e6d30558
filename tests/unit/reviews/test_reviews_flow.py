"""Reviews on the table: review cycles and their state rules, the launch (one review per person, once, and one
e-mail each to the employee and the manager, once), who reads and writes which part, drafts with an optimistic
version, submits, release and acknowledgement, calibration with a reason and its counters, escalation, and the
reminders bundled per person and sent once per slot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest

from janus.escalations.messages import ReviewConcern
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound
from janus.kernel.messages import Message
from janus.people.employees import Employee
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.reviews import flow, launch
from janus.reviews.messages import ReviewLaunchPage, ReviewMailBundle, ReviewReminderDue, ReviewReminderPage
from janus.reviews.model import ReviewCycle
from janus.reviews.store import ReviewStore

# t leads; m and x report to t; e and p report to m; y reports to x; h is HR; q has left.
PEOPLE = {"t": None, "m": "t", "x": "t", "e": "m", "p": "m", "y": "x", "h": None, "q": "m"}
ROLES = {"t": {"manager"}, "m": {"manager"}, "x": {"manager"}, "h": {"hr_admin"}}


def caller(who: str) -> Caller:
    return Caller(sub=who, org="o", roles=frozenset(ROLES.get(who, set()) | {"employee"}))


class Mailer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []  # (to, subject, text)

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        self.sent.append((str(message["To"]).split("@")[0], str(message["Subject"]), text))


@dataclass
class World:
    queue: list[Message] = field(default_factory=list)
    escalated: list[Message] = field(default_factory=list)
    scheduled: list[str] = field(default_factory=list)
    mailer: Mailer = field(default_factory=Mailer)

    def run(self, work: launch.WorkPorts) -> None:
        """Deliver every queued message, twice each (SQS delivers at least once)."""
        while self.queue:
            message = self.queue.pop(0)
            for _ in range(2):
                if isinstance(message, ReviewLaunchPage):
                    launch.launch_page(message, work)
                elif isinstance(message, ReviewMailBundle):
                    launch.mail_bundle(message, work)
                elif isinstance(message, ReviewReminderPage):
                    launch.reminder_page(message, work, clock.now())
                elif isinstance(message, ReviewReminderDue):
                    launch.reminder_due(message, work, lambda cycle: self.scheduled.append(cycle.id))


@pytest.fixture
def world(aws: Any, stopped_clock: None) -> World:
    people = [
        Employee(i, f"Person {i}", f"{i}@example.com", manager, "Sales" if i != "y" else "Ops", "technical", "en",
                 active=i != "q")
        for i, manager in PEOPLE.items()
    ]  # fmt: skip
    DynamoEmployeeDirectory().put_many("o", people)
    return World()


@pytest.fixture
def ports(world: World) -> flow.Ports:
    return flow.Ports(
        reviews=ReviewStore(),
        directory=DynamoEmployeeDirectory(),
        orgs=OrgStore(),
        send=world.queue.extend,
        escalate=world.escalated.extend,
        remind_schedule=lambda cycle: world.scheduled.append(cycle.id),
        goals_of=lambda org, owner: [{"id": "g1", "title": "Ship it", "progress": 0.5, "history": []}],
    )


@pytest.fixture
def work(world: World, ports: flow.Ports) -> launch.WorkPorts:
    return launch.WorkPorts(
        reviews=ports.reviews, directory=ports.directory, mailer=world.mailer, sender="janus@example.com",
        configuration_set=None, public_url=lambda: "https://janus.example.com", send=world.queue.extend,
    )  # fmt: skip


def new_cycle(ports: flow.Ports, **fields: Any) -> dict[str, Any]:
    body = {"name": "Year end", "kind": "appraisal", "deadline": "2030-03-31", **fields}
    return flow.create_cycle(caller("h"), body, ports)


def launched(ports: flow.Ports, world: World, work: launch.WorkPorts, **fields: Any) -> dict[str, Any]:
    cycle = new_cycle(ports, **fields)
    flow.cycle_event(caller("h"), cycle["id"], {"type": "launch"}, ports)
    world.run(work)
    return cycle


def rid(cycle: dict[str, Any], who: str) -> str:
    return f"{cycle['id']}.{who}"


def written(ports: flow.Ports, cycle: dict[str, Any], who: str, rating: int, **fields: Any) -> dict[str, Any]:
    """The manager m writes and submits the manager's part of who's review."""
    flow.save_part(caller("m"), rid(cycle, who), True, {"summary": "Fine", "overall_rating": rating, **fields}, ports)
    return flow.submit_part(caller("m"), rid(cycle, who), True, ports)


# ---------------------------------------------------------------------------- review cycles


def test_only_hr_creates_a_cycle_and_every_problem_is_named(ports):
    with pytest.raises(Forbidden):
        flow.create_cycle(caller("m"), {"name": "x"}, ports)
    with pytest.raises(InvalidInput) as raised:
        body = {"name": "", "kind": "annual", "deadline": "2020-01-01", "employees": ["e", "nobody", "q"],
                "rating_scale": ["a", "b"]}  # fmt: skip
        flow.create_cycle(caller("h"), body, ports)
    assert {p.field for p in raised.value.problems} == {"name", "kind", "deadline", "employees", "rating_scale"}


def test_a_date_deadline_ends_that_day_and_the_default_scale_has_five_points(ports):
    cycle = new_cycle(ports)
    assert cycle["state"] == "draft" and cycle["employees"] == "everyone"
    assert cycle["deadline"].startswith("2030-03-31T23:59:59") and len(cycle["rating_scale"]) == 5


def test_events_follow_the_states_and_others_are_refused_with_409(ports, world, work):
    cycle = new_cycle(ports)
    for event in ("close", "release"):
        with pytest.raises(Conflict):
            flow.cycle_event(caller("h"), cycle["id"], {"type": event}, ports)
    assert flow.cycle_event(caller("h"), cycle["id"], {"type": "launch"}, ports)["state"] == "open"
    with pytest.raises(Conflict):
        flow.cycle_event(caller("h"), cycle["id"], {"type": "launch"}, ports)
    with pytest.raises(Conflict):
        flow.cycle_event(caller("h"), cycle["id"], {"type": "release"}, ports)
    assert flow.cycle_event(caller("h"), cycle["id"], {"type": "close"}, ports)["state"] == "closed"
    assert world.scheduled == [cycle["id"], cycle["id"]]  # the first slot set at launch, cleared at close
    assert flow.cycle_event(caller("h"), cycle["id"], {"type": "release"}, ports)["state"] == "released"
    with pytest.raises(Forbidden):
        flow.cycle_event(caller("m"), cycle["id"], {"type": "close"}, ports)
    with pytest.raises(InvalidInput):
        flow.cycle_event(caller("h"), cycle["id"], {"type": "cancel"}, ports)


def test_a_launch_creates_one_review_per_active_person_and_mails_each_once(ports, world, work):
    cycle = launched(ports, world, work)
    shown = flow.get_cycle(caller("h"), cycle["id"], ports)
    assert shown["progress"]["reviews"] == 7  # everyone but q, who left; each page delivered twice
    assert world.scheduled == [cycle["id"]]
    to = sorted(to for to, _, _ in world.mailer.sent)
    # each employee once; m for e and p, t for m and x, x for y
    assert to == sorted(["t", "m", "x", "e", "p", "y", "h", "m", "m", "t", "t", "x"])
    employee_mail = next(m for m in world.mailer.sent if m[0] == "e")
    assert "appraisal is open" in employee_mail[1] and f"/my-reviews/{rid(cycle, 'e')}" in employee_mail[2]
    assert "Deadline: " in employee_mail[2] and "(UTC)" in employee_mail[2]


def test_a_selection_launches_only_the_people_named(ports, world, work):
    cycle = launched(ports, world, work, employees=["e", "p"])
    assert flow.get_cycle(caller("h"), cycle["id"], ports)["progress"]["reviews"] == 2
    assert sorted(to for to, _, _ in world.mailer.sent) == ["e", "m", "m", "p"]


# ---------------------------------------------------------------------------- reading


def test_the_employee_their_managers_and_hr_read_a_review_and_nobody_else(ports, world, work):
    cycle = launched(ports, world, work)
    for who in ("e", "m", "t", "h"):
        assert flow.get_review(caller(who), rid(cycle, "e"), "en", ports)["employee_id"] == "e"
    for who in ("p", "x", "y"):
        with pytest.raises(NotFound):
            flow.get_review(caller(who), rid(cycle, "e"), "en", ports)
    with pytest.raises(NotFound):
        flow.list_reviews(caller("p"), "e", None, ports)


def test_the_page_gathers_goals_competencies_model_evaluations_and_the_check_in_seam(ports, world, work):
    cycle = launched(ports, world, work)
    page = flow.get_review(caller("e"), rid(cycle, "e"), "da", ports)
    assert page["goals"][0]["id"] == "g1"
    assert 1 <= len(page["competency_details"]) <= 10 and page["competency_details"][0]["name"]
    assert page["model_evaluations"]["job_class"] == "technical" and page["model_evaluations"]["top"]
    assert page["report_summary"] is None and page["check_in_actions"] == []
    assert page["you"]["may_write_self"] and not page["you"]["may_write_manager"]


def test_the_employee_sees_the_managers_part_only_after_release(ports, world, work):
    cycle = launched(ports, world, work)
    written(ports, cycle, "e", 4)
    before = flow.get_review(caller("e"), rid(cycle, "e"), "en", ports)
    assert before["manager"] == {"status": "submitted"} and "overall_rating" not in before
    assert before["history"] == []
    listed = flow.list_reviews(caller("e"), None, None, ports)["reviews"][0]
    assert listed["overall_rating"] is None and listed["manager_rating"] is None
    assert flow.get_review(caller("t"), rid(cycle, "e"), "en", ports)["manager"]["overall_rating"] == 4
    for event in ("close", "release"):
        flow.cycle_event(caller("h"), cycle["id"], {"type": event}, ports)
    after = flow.get_review(caller("e"), rid(cycle, "e"), "en", ports)
    assert after["manager"]["summary"] == "Fine" and after["overall_rating"] == 4


def test_a_manager_lists_the_reviews_they_write(ports, world, work):
    cycle = launched(ports, world, work)
    assert sorted(r["employee_id"] for r in flow.list_reviews(caller("m"), None, "m", ports)["reviews"]) == ["e", "p"]
    with pytest.raises(Forbidden):
        flow.list_reviews(caller("m"), None, "x", ports)
    page = flow.cycle_reviews(caller("h"), cycle["id"], None, ports)
    assert len(page["reviews"]) == 7 and page["next"] is None


# ---------------------------------------------------------------------------- writing


def test_each_side_writes_only_its_own_part(ports, world, work):
    cycle = launched(ports, world, work)
    with pytest.raises(Forbidden):
        flow.save_part(caller("e"), rid(cycle, "e"), True, {"summary": "x"}, ports)
    with pytest.raises(Forbidden):
        flow.save_part(caller("m"), rid(cycle, "e"), False, {"summary": "x"}, ports)
    with pytest.raises(Forbidden):
        flow.save_part(caller("h"), rid(cycle, "e"), False, {"summary": "x"}, ports)
    assert flow.save_part(caller("t"), rid(cycle, "e"), True, {"summary": "from above"}, ports)["version"] == 2
    with pytest.raises(NotFound):
        flow.save_part(caller("x"), rid(cycle, "e"), True, {"summary": "x"}, ports)


def test_a_draft_is_checked_and_saved_against_its_version(ports, world, work):
    cycle = launched(ports, world, work)
    review = flow.get_review(caller("e"), rid(cycle, "e"), "en", ports)
    competency = review["competencies"][0]
    with pytest.raises(InvalidInput) as raised:
        flow.save_part(caller("e"), rid(cycle, "e"), False, {"competencies": {competency: {"rating": 9},
                                                                              "juggling": {"rating": 3}},
                                                             "overall_rating": 5}, ports)  # fmt: skip
    assert {p.field for p in raised.value.problems} == {
        f"competencies.{competency}.rating", "competencies.juggling", "overall_rating"}  # fmt: skip
    body = {"summary": "Good", "competencies": {competency: {"rating": 4, "comment": "yes"}}, "goals": {"g1": "done"}}
    saved = flow.save_part(caller("e"), rid(cycle, "e"), False, {**body, "version": review["version"]}, ports)
    assert saved["self"]["status"] == "draft" and saved["self"]["competencies"][competency]["rating"] == 4
    with pytest.raises(Conflict):
        flow.save_part(caller("e"), rid(cycle, "e"), False, {**body, "version": review["version"]}, ports)


def test_a_part_is_submitted_once_ready_and_never_changes_after(ports, world, work):
    cycle = launched(ports, world, work)
    with pytest.raises(InvalidInput):
        flow.submit_part(caller("e"), rid(cycle, "e"), False, ports)
    flow.save_part(caller("m"), rid(cycle, "e"), True, {"summary": "ok"}, ports)
    with pytest.raises(InvalidInput) as raised:
        flow.submit_part(caller("m"), rid(cycle, "e"), True, ports)
    assert [p.field for p in raised.value.problems] == ["overall_rating"]
    flow.save_part(caller("e"), rid(cycle, "e"), False, {"summary": "mine"}, ports)
    assert flow.submit_part(caller("e"), rid(cycle, "e"), False, ports)["self"]["status"] == "submitted"
    with pytest.raises(Conflict):
        flow.save_part(caller("e"), rid(cycle, "e"), False, {"summary": "again"}, ports)
    with pytest.raises(Conflict):
        flow.submit_part(caller("e"), rid(cycle, "e"), False, ports)
    assert flow.get_cycle(caller("h"), cycle["id"], ports)["progress"]["self_submitted"] == 1


def test_parts_are_written_only_while_the_cycle_is_open(ports, world, work):
    cycle = new_cycle(ports)
    flow.cycle_event(caller("h"), cycle["id"], {"type": "launch"}, ports)
    world.run(work)
    flow.cycle_event(caller("h"), cycle["id"], {"type": "close"}, ports)
    with pytest.raises(Conflict):
        flow.save_part(caller("e"), rid(cycle, "e"), False, {"summary": "late"}, ports)


# ---------------------------------------------------------------------------- escalation


def test_unacceptable_or_a_bottom_rating_calls_for_the_case_and_a_fair_rating_does_not(ports, world, work):
    cycle = launched(ports, world, work)
    written(ports, cycle, "e", 3)
    assert world.escalated == []
    written(ports, cycle, "p", 3, unacceptable=True)
    [concern] = world.escalated
    assert isinstance(concern, ReviewConcern)
    assert (concern.employee_id, concern.review_id, concern.reasons) == ("p", rid(cycle, "p"), ("unacceptable",))
    flow.calibrate(caller("h"), rid(cycle, "e"), {"overall_rating": 1, "reason": "missed every target"}, ports)
    assert world.escalated[-1].reasons == ("bottom_rating",)  # type: ignore[attr-defined]


def test_the_case_opens_once_per_person_and_review(aws, stopped_clock):
    from janus.escalations import flow as escalation_flow
    from janus.escalations.store import EscalationStore

    DynamoEmployeeDirectory().put_many(
        "o",
        [
            Employee("e", "E", "e@example.com", "m", "Sales", "technical", "en"),
            Employee("m", "M", "m@example.com", None, "Sales", "management", "en"),
        ],
    )

    class Schedules:
        def set(self, *args: Any) -> None: ...

        def clear(self, name: str) -> None: ...

    mailer = Mailer()
    ports = escalation_flow.Ports(cases=EscalationStore(), directory=DynamoEmployeeDirectory(), schedules=Schedules(),  # type: ignore[arg-type]
                                  queue_arn="arn", mailer=mailer, sender="j@example.com",
                                  public_url=lambda: "https://janus.example.com", orgs=OrgStore())  # fmt: skip
    first = escalation_flow.review_concern("o", "e", "m", "c1.e", {"reasons": ["unacceptable"]}, "m", ports)
    again = escalation_flow.review_concern("o", "e", "m", "c1.e", {"reasons": ["bottom_rating"]}, "h", ports)
    other = escalation_flow.review_concern("o", "e", "m", "c2.e", {"reasons": ["unacceptable"]}, "m", ports)
    assert first and again is None and other and other != first
    assert [to for to, _, _ in mailer.sent] == ["m", "m"]
    assert "performance review" in mailer.sent[0][2]


# ---------------------------------------------------------------------------- calibration


def test_hr_calibrates_with_a_reason_before_release_and_the_counters_follow(ports, world, work):
    cycle = launched(ports, world, work)
    written(ports, cycle, "e", 3)
    written(ports, cycle, "p", 4)
    view = flow.calibration(caller("h"), cycle["id"], None, ports)
    assert view["overall"] == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 0}
    assert [(m["manager_id"], m["total"]) for m in view["by_manager"]] == [("m", 2)]
    assert [(d["department"], d["counts"]["3"]) for d in view["by_department"]] == [("Sales", 1)]
    with pytest.raises(InvalidInput) as raised:
        flow.calibrate(caller("h"), rid(cycle, "e"), {"overall_rating": 4, "reason": "  "}, ports)
    assert [p.field for p in raised.value.problems] == ["reason"]
    with pytest.raises(Forbidden):
        flow.calibrate(caller("m"), rid(cycle, "e"), {"overall_rating": 4, "reason": "x"}, ports)
    with pytest.raises(Conflict):
        flow.calibrate(caller("h"), rid(cycle, "y"), {"overall_rating": 4, "reason": "no part yet"}, ports)
    done = flow.calibrate(caller("h"), rid(cycle, "e"), {"overall_rating": 4, "reason": "Led the migration"}, ports)
    assert done["overall_rating"] == 4 and done["calibrated_rating"] == 4 and done["manager"]["overall_rating"] == 3
    view = flow.calibration(caller("h"), cycle["id"], None, ports)
    assert view["overall"] == {"1": 0, "2": 0, "3": 0, "4": 2, "5": 0}
    assert view["by_manager"][0]["counts"]["4"] == 2
    history = flow.get_review(caller("h"), rid(cycle, "e"), "en", ports)["history"]
    expected = {"by": "h", "kind": "calibrated", "from": 3, "to": 4, "reason": "Led the migration"}
    assert history[0] | {"at": None, "version": None} == {"at": None, "version": None, **expected}
    for event in ("close", "release"):
        flow.cycle_event(caller("h"), cycle["id"], {"type": event}, ports)
    with pytest.raises(Conflict):
        flow.calibrate(caller("h"), rid(cycle, "e"), {"overall_rating": 5, "reason": "too late"}, ports)


def test_calibration_is_for_hr_only(ports, world, work):
    cycle = launched(ports, world, work)
    with pytest.raises(Forbidden):
        flow.calibration(caller("t"), cycle["id"], None, ports)


# ---------------------------------------------------------------------------- acknowledgement


def test_the_employee_acknowledges_once_after_release(ports, world, work):
    cycle = launched(ports, world, work)
    written(ports, cycle, "e", 4)
    with pytest.raises(Conflict):
        flow.acknowledge(caller("e"), rid(cycle, "e"), {}, ports)
    for event in ("close", "release"):
        flow.cycle_event(caller("h"), cycle["id"], {"type": event}, ports)
    with pytest.raises(Forbidden):
        flow.acknowledge(caller("m"), rid(cycle, "e"), {}, ports)
    done = flow.acknowledge(caller("e"), rid(cycle, "e"), {"comment": " Thank  you "}, ports)
    assert done["acknowledged"]["comment"] == "Thank you"
    with pytest.raises(Conflict):
        flow.acknowledge(caller("e"), rid(cycle, "e"), {}, ports)
    assert flow.get_cycle(caller("h"), cycle["id"], ports)["progress"]["acknowledged"] == 1


# ---------------------------------------------------------------------------- reminders


def test_reminders_bundle_each_persons_owed_parts_once_per_slot(ports, world, work):
    cycle = launched(ports, world, work, employees=["e", "p", "y"])
    flow.save_part(caller("e"), rid(cycle, "e"), False, {"summary": "mine"}, ports)
    flow.submit_part(caller("e"), rid(cycle, "e"), False, ports)
    written(ports, cycle, "p", 3)
    world.mailer.sent.clear()
    world.queue.append(ReviewReminderDue(org="o", cycle_id=cycle["id"], slot="3d"))
    world.run(work)
    sent = sorted((to, text.count("The manager's part for")) for to, _, text in world.mailer.sent)
    assert sent == [("m", 1), ("p", 0), ("x", 1), ("y", 0)]  # m owes e's part only; e submitted hers
    world.mailer.sent.clear()
    world.queue.append(ReviewReminderDue(org="o", cycle_id=cycle["id"], slot="3d"))
    world.run(work)
    assert world.mailer.sent == []


def test_the_reminder_slots_fall_before_the_deadline_in_the_organisations_time_zone(ports):
    cycle = ReviewCycle.from_stored("o", "rc-1", "open", 1, {**new_cycle(ports), "employees": None})
    slots = launch.slots_of(cycle)
    assert [name for name, _ in slots] == ["7d", "3d", "1d"]
    assert slots[0][1].isoformat() == "2030-03-24T09:00:00+00:00"
    assert launch.next_slot(cycle, clock.now()) == slots[0]
    assert launch.next_slot(cycle, cycle.deadline + timedelta(days=1)) is None


def test_a_review_read_by_anyone_but_its_employee_is_in_the_audit_log(ports, world, work):
    from janus.audit.log import AuditLog

    cycle = launched(ports, world, work)
    for who in ("e", "m", "h"):
        flow.get_review(caller(who), rid(cycle, "e"), "en", ports)
    with pytest.raises(NotFound):
        flow.get_review(caller("p"), rid(cycle, "e"), "en", ports)

    reads = AuditLog().of_person(caller("e").org, "e").reads
    assert sorted((r.reader, r.record, r.ref) for r in reads) == [
        ("h", "review", rid(cycle, "e")),
        ("m", "review", rid(cycle, "e")),
    ]
