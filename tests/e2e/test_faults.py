"""A whole 360 round under what AWS does under load, then drained and redriven: the end state of a clean run.

Two local stacks run the same round (the bench's generated organisation, the same answers, the same steps of the
local clock): one clean, one with ``--faults seed=7,rate=0.05`` (infra/faults.py: DynamoDB throttling and 500s,
SES throttling and rejections, SQS duplicates and reordering, schedules fired twice or late, batches dying
partway), and while the release's notices go out a storm of SES rejections, so that some messages fail every
delivery and land in a dead-letter queue. After the round the faulted
stack's faults are turned off, every dead-letter queue is redriven with ``janus admin redrive --all`` and the
queues are drained. Then every invitation went once to each rater, no reminder twice on a rater's day (in their
time zone) nor twice for one reminder slot, every notice once, the progress counts what the raters did, each
report holds every answer submitted about its subject, and the notices are those of the clean run (whose end
state passes the same checks). The test prints what it injected and what it found.

JANUS_FAULTS_EMPLOYEES sets the organisation's size (40 by default, a few minutes; the bench's 1,000 for the full
run), JANUS_FAULTS_SEED, JANUS_FAULTS_RATE, JANUS_FAULTS_KINDS (kinds joined by "+", or "all": by default every kind
but invocations dying partway), JANUS_FAULTS_STORM and JANUS_FAULTS_STORM_KINDS the faults. The seed fixes the
sequence of draws; which call meets which draw also depends on how the stack's threads interleave.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
import zlib
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import boto3
import pytest
import requests

from bench.org import people
from infra.faults import KINDS as FAULT_KINDS
from tests.conftest import ROOT
from tests.integration.conftest import Local, start_local, stop_local
from tests.integration.rounds import full_answers

EMPLOYEES = int(os.environ.get("JANUS_FAULTS_EMPLOYEES", "40"))
SEED = int(os.environ.get("JANUS_FAULTS_SEED", "7"))
RATE = float(os.environ.get("JANUS_FAULTS_RATE", "0.05"))
# What is injected. By default every kind but an invocation dying partway: a death between SES taking an e-mail
# and its claim being marked sends that e-mail again on redelivery (SES takes no idempotency key), so with deaths
# the "once" checks can fail by design, depending on where a death falls. JANUS_FAULTS_KINDS=all adds them; that run
# is made by hand and its duplicates read as such (docs/operations.md, "Faults").
KINDS = os.environ.get("JANUS_FAULTS_KINDS") or "+".join(k for k in FAULT_KINDS if k != "invocation-died")
KINDS = "+".join(FAULT_KINDS) if KINDS == "all" else KINDS
# While the release's notices go out, SES refuses this share of the sends: some notices fail every delivery and
# land in the dead-letter queue (a refused send sent nothing, so a retry is safe; a storm of deaths would also
# hit the moment between an e-mail sent and its record, where a notice is sent again by design: SES takes no
# idempotency key).
STORM = float(os.environ.get("JANUS_FAULTS_STORM", "0.7"))
STORM_KINDS = os.environ.get("JANUS_FAULTS_STORM_KINDS", "ses-rejected").split("+")
ORG = "faults"
STACK = "janus-local"
DRAIN_STEPS = 7  # past maxReceiveCount (5) visibility timeouts, so that what keeps failing is dead-lettered
REMINDER = ("Reminder", "Påmindelse")
# A weak report opens a case: which reports are weak depends on who rated whom, which the load-balanced choice
# of raters settles in the order the subjects come, so two runs may differ there, faults or not.
CASES = ("Confidential", "Fortroligt")
RETRIES = 6  # a client's tries of a request answered 5xx (the console and the CLI retry them too)


def slot_of(day: date, deadline: date, days_before: list[int]) -> int | None:
    """The reminder slot whose reminder went on the local ``day``: the latest on or before it (None: before any)."""
    return min((days for days in days_before if deadline - timedelta(days=days) <= day), default=None)


class Driver:
    """One stack, the round's steps, and what went wrong on the client's side."""

    def __init__(self, local: Local, faulted: bool):
        self.local = local
        self.faulted = faulted
        self.api = local.api
        self.hr = local.as_(ORG, "hr-1", ("hr_admin",))
        self.retried: Counter[str] = Counter()  # requests answered 5xx and tried again
        self.outcomes: dict[str, tuple[str, str, str]] = {}  # link -> (rater, subject, what they did)

    def call(self, session: Any, method: str, url: str, ok: tuple[int, ...], **args: Any) -> requests.Response:
        """The request, tried again on a 5xx as a client would; after a 5xx, 409 (already done) counts as done."""
        for attempt in range(RETRIES):
            answer = session.request(method, url, timeout=120, **args)
            if answer.status_code < 500:
                done = ok + ((409,) if attempt else ())
                assert answer.status_code in done, f"{method} {url}: {answer.status_code} {answer.text[:300]}"
                return answer
            self.retried[f"{method} {answer.status_code}"] += 1
            time.sleep(0.2)
        raise AssertionError(f"{method} {url}: 5xx {RETRIES} times: {answer.text[:300]}")

    def create(self, session: Any, url: str, ok: tuple[int, ...], **args: Any) -> requests.Response:
        """A POST that makes something, as the console sends it: one idempotency key for this creation, sent again
        with each retry after a 5xx, so that a retry of a creation that did happen answers it and makes nothing."""
        headers = {**args.pop("headers", {}), "Idempotency-Key": f"faults-{uuid.uuid4()}"}
        return self.call(session, "POST", url, ok, headers=headers, **args)

    def settle(self) -> None:
        while requests.post(f"{self.api}/_local/settle", timeout=600).json()["delivered"]:
            pass

    def advance(self, duration: str) -> None:
        answer = requests.post(f"{self.api}/_local/clock", json={"advance": duration}, timeout=600)
        answer.raise_for_status()
        self.settle()

    def drain(self) -> None:
        for _ in range(DRAIN_STEPS):
            self.advance("PT10M")

    def mail(self) -> list[dict[str, Any]]:
        return requests.get(f"{self.api}/_local/mailbox", timeout=60).json()["messages"]

    def now(self) -> datetime:
        return datetime.fromisoformat(requests.get(f"{self.api}/_local/clock", timeout=10).json()["now"])

    # ------------------------------------------------------------------ the round
    def round(self) -> str:
        self.call(self.hr, "PUT", f"{self.api}/employees", (200,), json=people(EMPLOYEES))
        self.settle()
        deadline = (self.now() + timedelta(days=10)).replace(hour=16, minute=0, second=0, microsecond=0)
        created = self.call(
            self.hr, "POST", f"{self.api}/cycles", (201,),
            json={"name": "Faults 360", "kind": "360", "deadline": deadline.isoformat()},
        )  # fmt: skip
        cycle = created.json()["id"]
        self.settle()
        self.call(self.hr, "POST", f"{self.api}/cycles/{cycle}/events", (202,), json={"type": "launch", "force": True})
        self.settle()
        self.drain()
        self.respond()
        # Day by day to the deadline: the reminder slots fire, then the deadline closes the cycle and reports it.
        while self.now() < deadline + timedelta(hours=2):
            self.advance("PT6H")
        self.drain()
        self.call(self.hr, "POST", f"{self.api}/cycles/{cycle}/events", (202,), json={"type": "release"})
        if self.faulted:
            storm = {"rate": STORM, "kinds": STORM_KINDS}
            requests.post(f"{self.api}/_local/faults", json=storm, timeout=10).raise_for_status()
        self.settle()
        self.drain()
        return cycle

    def respond(self) -> None:
        """Each rater opens each form of their invitation; most submit, some keep a draft, a few decline; who does
        what is drawn from the rater and the subject, so that both stacks answer alike."""
        for message in self.mail():
            for link in (link for link in message["links"] if "/feedback/" in link):
                if link in self.outcomes:
                    continue
                form = self.call(requests, "GET", f"{link}/questionnaire", (200,)).json()
                subject, draw = (
                    form["subject"]["id"],
                    zlib.crc32(f"{message['to'][0]}/{form['subject']['id']}".encode()),
                )
                answers = full_answers(form, rating=1 + draw % 5)
                if draw % 100 < 3:
                    self.call(requests, "POST", f"{link}/decline", (200,), json={"reason": "not enough contact"})
                    outcome = "declined"
                elif draw % 100 < 10:
                    half = dict(list(answers["ratings"].items())[:3])
                    self.call(requests, "PUT", link, (200,), json={"ratings": half})
                    outcome = "in_progress"
                elif draw % 100 < 85:
                    self.call(requests, "POST", f"{link}/submit", (200,), json=answers)
                    outcome = "submitted"
                else:
                    outcome = "pending"
                self.outcomes[link] = (message["to"][0], subject, outcome)

    # ------------------------------------------------------------------ what it ended with
    def end_state(self, cycle: str) -> dict[str, Any]:
        self.settle()
        shown = self.call(self.hr, "GET", f"{self.api}/cycles/{cycle}", (200,)).json()
        reports: dict[str, int] = {}  # subject -> responses in their report
        for row in people(EMPLOYEES):
            answer = self.hr.get(f"{self.api}/cycles/{cycle}/reports/{row['id']}", timeout=60)
            if answer.status_code == 200:
                reports[row["id"]] = sum(g["responses"] for g in answer.json()["groups"] if g["id"] != "others")
        return {"state": shown["state"], "progress": shown["progress"], "mail": self.mail(), "reports": reports,
                "deadline": shown["deadline"], "reminder_days": shown["reminders"]["days_before"]}  # fmt: skip

    def problems(self, end: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
        """What does not add up in the round's end state, from what this client did; and figures to compare."""
        problems: list[str] = []
        invitations: Counter[str] = Counter()
        reminders: dict[str, list[date]] = {}  # rater -> the local dates of their reminders
        zones = {row["email"]: ZoneInfo(row["time_zone"]) for row in people(EMPLOYEES)}
        notices: Counter[tuple[str, str]] = Counter()
        sent: Counter[tuple[str, str, tuple[str, ...]]] = Counter()  # a notice is once per its page (a case's own)
        links: dict[str, int] = {}
        for message in end["mail"]:
            to, forms = message["to"][0], [link for link in message["links"] if "/feedback/" in link]
            if message["subject"].startswith(REMINDER):
                local = datetime.fromisoformat(message["sent_at"]).astimezone(zones[to])
                reminders.setdefault(to, []).append(local.date())
            elif forms:
                invitations[to] += 1
                links[to] = len(forms)
            else:
                notices[(to, message["subject"])] += 1
                sent[(to, message["subject"], tuple(message["links"]))] += 1
        problems += [f"{to}: {n} invitations" for to, n in invitations.items() if n != 1]
        # At most one a day in the rater's time zone, and one a slot: a reminder goes on its slot's local day or,
        # when its message came back, later, but before the next slot's day.
        problems += [f"{to}: two reminders on a day" for to, days in reminders.items() if len(days) != len(set(days))]
        deadline = datetime.fromisoformat(end["deadline"])
        for to, days in reminders.items():
            slots = Counter(slot_of(day, deadline.astimezone(zones[to]).date(), end["reminder_days"]) for day in days)
            problems += [f"{to}: {n} reminders for the slot {slot} days before" for slot, n in slots.items() if n > 1]
        # A person with several cases (one per cause) is the subject of as many case notices, each linking its case.
        problems += [f"{to}: {n} x {subject} ({', '.join(page)})" for (to, subject, page), n in sent.items() if n != 1]
        done = Counter(outcome for _, _, outcome in self.outcomes.values())
        progress = end["progress"]
        counted = {name: progress[name] for name in ("assignments", "invited", "submitted", "in_progress", "declined")}
        wanted = {"assignments": sum(links.values()), "invited": sum(links.values()),
                  **{name: done[name] for name in ("submitted", "in_progress", "declined")}}  # fmt: skip
        problems += [
            f"progress {name}: {counted[name]}, wanted {n}" for name, n in wanted.items() if counted[name] != n
        ]
        submitted = Counter(subject for _, subject, outcome in self.outcomes.values() if outcome == "submitted")
        problems += [f"report of {subject}: {end['reports'].get(subject)} responses, {n} submitted"
                     for subject, n in submitted.items() if end["reports"].get(subject) != n]  # fmt: skip
        if end["state"] != "released":
            problems.append(f"the cycle is {end['state']}, not released")
        # A rater with a form still open at the reminder slots got the same reminders as every other such rater.
        still_open = {rater for rater, _, outcome in self.outcomes.values() if outcome in ("pending", "in_progress")}
        reminded = Counter(len(reminders.get(rater, [])) for rater in still_open)
        figures = {
            "notices": Counter({k: n for k, n in notices.items() if not k[1].startswith(CASES)}),
            "cases": sum(n for k, n in notices.items() if k[1].startswith(CASES)),
            "reports": len(end["reports"]),
            "reminders each": reminded,
            "invitations": sum(invitations.values()),
            "reminders": sum(map(len, reminders.values())),
        }
        return problems, figures

    def dead_letters(self) -> dict[str, int]:
        sqs = boto3.client("sqs", endpoint_url=self.local.aws_endpoint, region_name="us-east-1")
        depths = {}
        for url in sqs.list_queues(QueueNamePrefix=f"{STACK}-")["QueueUrls"]:
            if url.endswith("DeadLetterQueue"):
                attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
                depths[url.rsplit("/", 1)[1]] = int(attributes["ApproximateNumberOfMessages"]) + int(
                    attributes["ApproximateNumberOfMessagesNotVisible"]
                )
        return depths

    def redrive(self) -> str:
        env = {**os.environ, "AWS_ENDPOINT_URL": self.local.aws_endpoint, "AWS_ACCESS_KEY_ID": "local",
               "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "us-east-1"}  # fmt: skip
        done = subprocess.run(
            [str(Path(sys.executable).parent / "janus"), "admin", "redrive", "--stack", STACK, "--all"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout


def run(state_dir: Path, *extra: str) -> tuple[Driver, str]:
    local = start_local(state_dir, "--no-seed", *extra)
    driver = Driver(local, faulted=bool(extra))
    try:
        return driver, driver.round()
    except BaseException:
        stop_local(local)
        raise


@pytest.mark.slow
@pytest.mark.timeout(1800 if EMPLOYEES <= 100 else 3 * EMPLOYEES + 1800)  # the bench's 1,000: up to 80 minutes
def test_a_round_under_faults_ends_as_a_clean_round_after_redrive(tmp_path):
    started = time.monotonic()
    clean, clean_cycle = run(tmp_path / "clean")
    try:
        clean_end = clean.end_state(clean_cycle)
    finally:
        stop_local(clean.local)
    clean_seconds = time.monotonic() - started

    faulted, cycle = run(tmp_path / "faulted", "--faults", f"seed={SEED},rate={RATE},kinds={KINDS}")
    try:
        requests.post(f"{faulted.api}/_local/faults", json={"rate": 0}, timeout=10).raise_for_status()
        faults = requests.get(f"{faulted.api}/_local/faults", timeout=10).json()
        faulted.settle()
        dead = faulted.dead_letters()
        redriven = faulted.redrive()
        faulted.drain()
        after = faulted.dead_letters()
        found = faulted.end_state(cycle)
    finally:
        stop_local(faulted.local)

    clean_problems, expected = clean.problems(clean_end)
    problems, figures = faulted.problems(found)
    print(f"\n{EMPLOYEES} employees, seed {SEED}, rate {RATE}: clean {clean_seconds:.0f} s, "
          f"both {time.monotonic() - started:.0f} s")  # fmt: skip
    print(f"injected: {json.dumps(faults['injected'])}")
    print(f"messages that failed their last delivery: {faults['exhausted']}; dead-letter queues: "
          f"{ {name: n for name, n in dead.items() if n} or 'empty'}")  # fmt: skip
    print(f"redrive: {' / '.join(redriven.split())}")
    print(f"requests the client retried after a 5xx: {dict(faulted.retried) or 'none'}")
    print(
        f"found: {figures['invitations']} invitations, {figures['reminders']} reminders, "
        f"{sum(figures['notices'].values())} notices and {figures['cases']} case notices, {figures['reports']} "
        f"reports, progress {found['progress']}"
    )
    print(f"clean: {expected['invitations']} invitations, {expected['reminders']} reminders, "
          f"{sum(expected['notices'].values())} notices and {expected['cases']} case notices, "
          f"{expected['reports']} reports")  # fmt: skip
    notices_differ = (figures["notices"] - expected["notices"]) + (expected["notices"] - figures["notices"])
    print(f"problems: {len(problems)} (clean run: {len(clean_problems)}); notices differing: {dict(notices_differ)}")
    for line in (clean_problems + problems)[:30]:
        print(f"  {line}")

    assert not clean_problems, "the checks hold on a clean run"
    assert sum(faults["injected"].values()) > 0
    assert sum(dead.values()) == faults["exhausted"], "every message that exhausted its retries is dead-lettered"
    assert sum(after.values()) == 0, "the redrive emptied the dead-letter queues"
    assert not problems, "every e-mail once, every count right, every submitted answer in its report"
    assert not notices_differ, "the same notices as a clean run"
    assert figures["reports"] == expected["reports"] > 0
    assert set(figures["reminders each"]) <= set(expected["reminders each"]), "as many reminders as in a clean run"
