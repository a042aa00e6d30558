"""Invitation bundles: each rater once, and one address the mail service refuses holds up nobody else."""

from __future__ import annotations

import re
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest

from janus.invitations import flow as invitations
from janus.kernel import clock
from janus.kernel.messages import dispatch
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, fanout, states
from janus.rounds.handlers import FANOUT, fanout_handlers
from janus.rounds.links import Signer
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"
SETTINGS = invitations.MailSettings(sender="feedback@acme.example.com", public_api_url="https://janus.example.com")


class Jobs:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def send(self, queue: str, messages: Any) -> None:
        self.sent += [(queue, m) for m in messages]


class Mailer:
    """Accepts every message but those to ``refused``, as SES refuses an address it will not send to."""

    def __init__(self, refused: set[str]) -> None:
        self.refused = refused
        self.to: list[str] = []

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        if str(message["To"]) in self.refused:
            raise RuntimeError("MessageRejected")
        self.to.append(str(message["To"]))


@pytest.fixture
def bundle(aws: Any) -> tuple[RoundStores, str, list[str]]:
    """A launched 360 cycle for a manager and five reports, and the one bundle of its raters."""
    directory, store, jobs = DynamoEmployeeDirectory(), RoundStores(), Jobs()
    directory.put_many(ORG, [person("m1", None)] + [person(f"t{n}", "m1") for n in range(1, 6)])
    body = {"name": "360", "kind": "360", "deadline": (clock.now() + timedelta(days=20)).isoformat()}
    cycle = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    store.cycles.transition(ORG, cycle.id, ("draft",), "open", launch_pending=cycle.shards)
    for shard in range(cycle.shards):
        fanout.launch_page(ORG, cycle.id, shard, None, 0, store.launch, jobs)
    for _, job in [j for j in jobs.sent if j[1].get("job") == "invite"]:
        fanout.invite_page(ORG, cycle.id, job["shard"], None, store.raters, jobs, shards=job["shards"])
    raters = sorted(r for _, m in jobs.sent if m.get("kind") == "invitation" for r in m["rater_ids"])
    return store, cycle.id, raters


def send(store: RoundStores, cycle_id: str, raters: list[str], mailer: Mailer) -> dict[str, str]:
    return invitations.send_invitations(
        ORG, cycle_id, raters, cycles=store.cycles, raters=store.raters, assignments=store.assignments, mailer=mailer,
        settings=SETTINGS, signer=Signer(b"k" * 32), reminders=store.reminders, shards=1,
    )  # fmt: skip


def test_a_refused_address_holds_up_nobody_else_and_is_tried_again_after_its_lease(bundle):
    store, cycle_id, raters = bundle
    assert raters == ["m1", "t1", "t2", "t3", "t4", "t5"]
    refusing = Mailer(refused={"t3@acme.example.com"})

    with pytest.raises(RuntimeError, match="1 of the bundle's e-mails were not sent"):
        send(store, cycle_id, raters, refusing)  # the message fails, and comes back
    assert sorted(refusing.to) == [f"{r}@acme.example.com" for r in raters if r != "t3"]
    assert store.raters.get_rater(ORG, cycle_id, "t3").invited_at is None
    assert store.raters.get_rater(ORG, cycle_id, "t2").invited_at is not None

    with pytest.raises(invitations.InvitationBusy):  # too soon: t3's claim still holds
        send(store, cycle_id, raters, Mailer(refused=set()))
    clock.advance(invitations.INVITING_LEASE + timedelta(seconds=1))
    accepting = Mailer(refused=set())
    outcomes = send(store, cycle_id, raters, accepting)
    assert accepting.to == ["t3@acme.example.com"]  # the others are not sent again
    assert outcomes["t3"].startswith("sent") and outcomes["t1"] == "already invited"
    progress = store.progress.progress(ORG, cycle_id)
    assert progress["invited"] == progress["assignments"]


def test_a_cycle_of_several_shards_invites_each_rater_once_with_every_subject_they_rate(aws, monkeypatch):
    monkeypatch.setattr("janus.rounds.cycle.SUBJECTS_PER_SHARD", 2)  # six subjects: three shards
    directory, store, jobs = DynamoEmployeeDirectory(), RoundStores(), Jobs()
    directory.put_many(ORG, [person("m1", None)] + [person(f"t{n}", "m1") for n in range(1, 6)])
    body = {"name": "360", "kind": "360", "deadline": (clock.now() + timedelta(days=20)).isoformat()}
    cycle = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    assert cycle.shards == 3
    states.apply_event(ORG, cycle.id, {"type": "launch", "force": True}, store.ledger, jobs, Timers())
    handlers = fanout_handlers(store.launch, store.raters, store.ledger, jobs, Timers())
    while work := [m for q, m in jobs.sent if q == "jobs"]:
        jobs.sent = [(q, m) for q, m in jobs.sent if q != "jobs"]
        for job in work:
            dispatch(handlers, FANOUT.decode(job))
    mailer = Mailer(refused=set())
    for _, message in jobs.sent:
        invitations.send_invitations(
            ORG, cycle.id, message["rater_ids"], cycles=store.cycles, raters=store.raters,
            assignments=store.assignments, mailer=mailer, settings=SETTINGS, signer=Signer(b"k" * 32),
            reminders=store.reminders, shards=message["shards"],
        )  # fmt: skip

    assert sorted(mailer.to) == sorted(f"{r}@acme.example.com" for r in ["m1", "t1", "t2", "t3", "t4", "t5"])
    subjects = store.subjects.get_subjects(ORG, cycle.id, ["m1", "t1", "t2", "t3", "t4", "t5"])
    asked = {r.id for s in subjects for r in s.raters}
    assert store.progress.progress(ORG, cycle.id)["invited"] == sum(len(s.raters) for s in subjects)
    assert {r for r in asked if store.raters.get_rater(ORG, cycle.id, r).invited_at is None} == set()


class Timers:
    def start(self, cycle: Any) -> None:
        pass


def test_an_answered_assignment_leaves_the_raters_reminder_reads_and_joins_the_reports(bundle):
    store, cycle_id, _ = bundle
    cycle = store.cycles.get(ORG, cycle_id)
    asked, *others = store.assignments.assignments_of_raters(ORG, cycle_id, ["t1"], cycle.shards)["t1"]
    store.answers.save_answers(
        asked, ratings={"listening.q1": 4}, comments={}, overall=None, status="submitted",
        allowed_from=("pending", "in_progress"), counters={"submitted": 1},
    )  # fmt: skip

    assert store.assignments.assignments_of_raters(ORG, cycle_id, ["t1"], cycle.shards) == {"t1": others}
    (subject,) = store.subjects.get_subjects(ORG, cycle_id, [asked.subject_id])
    (response,) = store.assignments.responses_of_subjects([subject])[asked.subject_id]
    assert (response.rater_id, response.status, response.ratings) == ("t1", "submitted", {"listening.q1": 4})


class Keeping(Mailer):
    """Keeps the messages it accepts."""

    def __init__(self) -> None:
        super().__init__(refused=set())
        self.messages: list[EmailMessage] = []

    def send(self, message: EmailMessage, tags: dict[str, str]) -> None:
        super().send(message, tags)
        self.messages.append(message)


def test_the_email_and_the_form_agree_on_the_minutes_a_form_takes(aws):
    from janus.feedback import answers
    from janus.feedback.page import render_form
    from janus.library import library
    from janus.rounds.store_answers import AnswerStore

    directory, store, jobs = DynamoEmployeeDirectory(), RoundStores(), Jobs()
    directory.put_many(ORG, [person("m1", None), person("t1", "m1")])
    competencies = [c["id"] for c in library().competency_list("en")][:10]  # 60 questions
    body = {"name": "360", "kind": "self", "deadline": (clock.now() + timedelta(days=20)).isoformat()}
    body |= {"competencies": competencies, "subjects": ["t1"]}
    cycle = create.create_cycle(ORG, body, directory, store.cycles)
    store.cycles.transition(ORG, cycle.id, ("draft",), "open", launch_pending=cycle.shards)
    for shard in range(cycle.shards):
        fanout.launch_page(ORG, cycle.id, shard, None, 0, store.launch, jobs)
    mailer = Keeping()
    send(store, cycle.id, ["t1"], mailer)
    (message,) = mailer.messages
    text = message.get_body(("plain",)).get_content()
    in_mail = re.search(r"about (\d+) minutes", text)

    assignment, opened, _ = AnswerStore().link(ORG, cycle.id, "t1", "t1")
    link = answers.Link(cycle=opened, assignment=assignment)
    page = render_form(answers.questionnaire(link, directory), token="TOKEN", nonce="bm9uY2UtZm9yLXRlc3Rz")
    on_form = re.search(r"About (\d+) minutes", page)
    assert in_mail and on_form
    assert in_mail.group(1) == on_form.group(1)
