"""A quarter of goals and check-ins under what AWS does under load, then drained and redriven: the end state of a clean
quarter.

Two local stacks play the same quarter (the bench's generated organisation): one clean, one with faults
(infra/faults.py: DynamoDB throttling and 500s, SES throttling and rejections, SQS duplicates and reordering, schedules
fired twice or late). Every employee sets two goals, the first aligned to their manager's, and records progress once;
every manager sets a weekly cadence with each report, and each pair holds four weekly check-ins (the employee starts it
and brings a topic, the manager raises an action item and completes it), but a few pairs miss the second week; the clock
then runs to the next quarter's start, whose nudge asks every owner to look at their goals. At the end, one employee
leaves and HR erases them. Afterwards the faulted stack's faults are turned off, every dead-letter queue is redriven
with ``janus admin redrive --all`` and the queues drained.

Then: every goal has the clean quarter's progress (key results, children rolled up the tree), every pair the clean
quarter's check-ins, missed slots and open actions, the leaver is erased and named by no goal or pair left, HR's two-way
measure by department is the clean one, each owner was nudged once for the quarter and each person at most once per
missed slot, and every message that exhausted its retries was in a dead-letter queue until the redrive emptied them. A
slot whose schedule fires late, after the pair has met, is counted missed by the check-in held (as the clean quarter
counts it) and nudges nobody: those two e-mails of the clean quarter are the only ones the faulted one may lack. The
test prints what it injected and what it found.

The client sends each creation (a goal, a check-in, a topic, an action item) with an idempotency key and sends the same
key with its retries after a 5xx, as the console does: a DynamoDB 500 after the write applied makes no second one. Left
out of the kinds by default, and why: an invocation dying partway (as in test_faults.py: between SES's send and the
claim's mark an e-mail goes again by design). JANUS_FAULTS_YEAR_KINDS sets the kinds ("all" for every one).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from bench.org import people
from infra.faults import KINDS as FAULT_KINDS
from tests.e2e.test_faults import RETRIES, Driver
from tests.integration.conftest import start_local, stop_local

EMPLOYEES = int(os.environ.get("JANUS_FAULTS_EMPLOYEES", "40"))
SEED = int(os.environ.get("JANUS_FAULTS_SEED", "7"))
RATE = float(os.environ.get("JANUS_FAULTS_RATE", "0.05"))
LEFT_OUT = ("invocation-died",)
KINDS = os.environ.get("JANUS_FAULTS_YEAR_KINDS") or "+".join(k for k in FAULT_KINDS if k not in LEFT_OUT)
KINDS = "+".join(FAULT_KINDS) if KINDS == "all" else KINDS
ORG = "faults"
WEEKS = 4
MISSED_WEEK = 2
NUDGE_LINK = "/my-goals"


class Quarter(Driver):
    """One stack, the quarter's steps; requests answered 5xx are tried again, as the console's user would."""

    def __init__(self, local: Any, faulted: bool):
        super().__init__(local, faulted)
        self.rows = people(EMPLOYEES)
        self.managers = {row["manager_id"] for row in self.rows if row["manager_id"]}
        self.pairs = [(row["id"], row["manager_id"]) for row in self.rows if row["manager_id"]]
        self.missing = {employee for employee, _ in self.pairs[1::7]}
        self.first: dict[str, str] = {}
        self.leaver = ""

    def as_(self, who: str) -> Any:
        roles = ("employee", "manager") if who in self.managers else ("employee",)
        return self.local.as_(ORG, who, roles)

    def quarter(self) -> None:
        self.call(self.hr, "PUT", f"{self.api}/employees", (200,), json=self.rows)
        self.settle()
        self.goals()
        # To the next quarter's start, whose nudge asks every owner to look at their goals; then the check-ins
        # (before it, the pairs' weekly slots would fall due every week of the wait).
        now = self.now()
        following = (now.month - 1) // 3 + 1
        year, month = (now.year + 1, 1) if following == 4 else (now.year, 3 * following + 1)
        start = now.replace(year=year, month=month, day=1, hour=9, minute=0, second=0, microsecond=0)
        self.advance(f"PT{int((start - now).total_seconds()) // 60 + 120}M")
        self.drain()
        self.check_ins()
        self.erase()

    def erase(self) -> None:
        """The last employee, who manages nobody, leaves and is erased: under faults, as in the clean quarter, their
        records end gone whatever died or came twice on the way, and their manager's goal counts them no more."""
        row = next(row for row in reversed(self.rows) if row["id"] not in self.managers)
        self.leaver = row["id"]
        self.call(self.hr, "PUT", f"{self.api}/employees", (200,), json=[{**row, "active": False}])
        self.settle()
        self.call(self.hr, "POST", f"{self.api}/employees/{self.leaver}/erasure", (200, 202))
        self.drain()

    def goals(self) -> None:
        due = (self.now() + timedelta(days=60)).date().isoformat()
        for row in self.rows:  # managers come before their reports
            who = row["id"]
            for n in (1, 2):
                body: dict[str, Any] = {
                    "title": f"Answer every customer of {who} within one working day ({n})",
                    "measure": "Share of tickets answered within a working day",
                    "due": due,
                    "key_results": [{"title": "Share answered within a day", "start": 60, "target": 95, "unit": "%"}],
                }
                if n == 1 and row["manager_id"]:
                    body["parent_id"] = self.first[row["manager_id"]]
                made = self.create(self.as_(who), f"{self.api}/goals", (201,), json=body)
                if n == 1:
                    self.first[who] = made.json()["id"]
        self.settle()
        for row in self.rows:
            who = row["id"]
            body = {"key_result_id": "k1", "value": 70 + int(who[1:]) % 25, "note": "Weekly count"}
            self.call(self.as_(who), "POST", f"{self.api}/goals/{self.first[who]}/progress", (200, 201), json=body)
        self.drain()

    def check_ins(self) -> None:
        for employee, manager in self.pairs:
            url = f"{self.api}/employees/{employee}/check-in-cadence"
            self.call(self.as_(manager), "PUT", url, (200,), json={"cadence": "weekly"})
        for week in range(1, WEEKS + 1):
            for employee, manager in self.pairs:
                if week == MISSED_WEEK and employee in self.missing:
                    continue
                me, lead = self.as_(employee), self.as_(manager)
                made = self.create(me, f"{self.api}/check-ins", (201,), json={"employee_id": employee})
                base = f"{self.api}/check-ins/{made.json()['id']}"
                self.create(me, f"{base}/topics", (201,), json={"text": f"My week {week}"})
                self.call(me, "PUT", f"{base}/notes", (200,), json={"shared": "Agreed", "private": "Only mine"})
                if week < WEEKS:  # the last week's action stays open
                    self.create(lead, f"{base}/actions", (201,), json={"text": f"Do {week}", "owner": employee})
                self.call(lead, "POST", f"{base}/complete", (200,))
            if week < WEEKS:  # a week on, less an hour: this week's slots are not yet due; the missed ones are
                self.advance("P6DT23H")
        self.drain()

    def dead_lettered(self) -> list[str]:
        """What lies in the dead-letter queues: each message's kind and how often it was received."""
        sqs = boto3.client("sqs", endpoint_url=self.local.aws_endpoint, region_name="us-east-1")
        found = []
        for url in sqs.list_queues(QueueNamePrefix="janus-local-")["QueueUrls"]:
            if url.endswith("DeadLetterQueue"):
                answer = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0,
                                             AttributeNames=["All"])  # fmt: skip
                for message in answer.get("Messages", []):
                    body = json.loads(message["Body"])
                    kind = body.get("job") or body.get("detail-type") or "?"
                    received = message["Attributes"].get("ApproximateReceiveCount")
                    found.append(f"{url.rsplit('-', 1)[1]}: {kind}, received {received}")
        return found

    # ------------------------------------------------------------------ the end state
    def end_state(self) -> dict[str, Any]:
        goals = {}
        for row in self.rows:
            if row["id"] == self.leaver:
                continue
            listed = self.call(self.hr, "GET", f"{self.api}/goals", (200,), params={"owner": row["id"]}).json()
            for goal in listed["goals"]:
                goals[goal["title"]] = (round(goal["progress"], 6), goal["status"])
        pairs = {}
        for employee, manager in self.pairs:
            if employee == self.leaver:
                continue
            lead = self.as_(manager)
            shown = self.call(lead, "GET", f"{self.api}/check-ins", (200,), params={"employee_id": employee}).json()
            newest = self.call(lead, "GET", f"{self.api}/check-ins/{shown['check_ins'][0]['id']}", (200,)).json()
            open_actions = sorted(a["text"] for a in newest["actions"] if not a["done"])
            pairs[employee] = (len(shown["check_ins"]), shown["pair"]["held"], shown["pair"]["missed"], open_actions)
        measure = self.call(self.hr, "GET", f"{self.api}/organisation/check-ins", (200,)).json()
        mail = self.mail()
        nudges = Counter(m["to"][0] for m in mail if any(link.endswith(NUDGE_LINK) for link in m["links"]))
        missed = Counter(m["to"][0] for m in mail if "check-ins" in " ".join(m["links"]))
        erasures = self.call(self.hr, "GET", f"{self.api}/organisation/erasures", (200,)).json()["erasures"]
        gone = self.call(self.hr, "GET", f"{self.api}/employees/{self.leaver}", (200, 404)).status_code == 404
        mentioned = [g for g in goals if self.leaver in g] + [e for e, v in pairs.items() if self.leaver in str(v)]
        erased = [(e["employee_id"], e["state"]) for e in erasures], gone, mentioned
        return {"goals": goals, "pairs": pairs, "measure": measure, "nudges": nudges, "missed": missed,
                "erased": erased}  # fmt: skip


def run(state_dir: Path, *extra: str) -> tuple[Quarter, dict[str, Any]]:
    local = start_local(state_dir, "--no-seed", *extra)
    quarter = Quarter(local, faulted=bool(extra))
    try:
        quarter.quarter()
        if not extra:
            return quarter, quarter.end_state()
        return quarter, {}
    except BaseException:
        stop_local(local)
        raise


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_a_quarter_of_goals_and_check_ins_under_faults_ends_as_a_clean_quarter(tmp_path):
    started = time.monotonic()
    clean, expected = run(tmp_path / "clean")
    stop_local(clean.local)
    clean_seconds = time.monotonic() - started

    faulted, _ = run(tmp_path / "faulted", "--faults", f"seed={SEED},rate={RATE},kinds={KINDS}")
    try:
        requests.post(f"{faulted.api}/_local/faults", json={"rate": 0}, timeout=10).raise_for_status()
        faults = requests.get(f"{faulted.api}/_local/faults", timeout=10).json()
        faulted.settle()
        dead = faulted.dead_letters()
        lettered = faulted.dead_lettered()
        redriven = faulted.redrive()
        faulted.drain()
        after = faulted.dead_letters()
        found = faulted.end_state()
    finally:
        stop_local(faulted.local)

    owners = {row["email"] for row in faulted.rows}
    print(f"\n{EMPLOYEES} employees, seed {SEED}, rate {RATE}, kinds {KINDS}: clean {clean_seconds:.0f} s, "
          f"both {time.monotonic() - started:.0f} s")  # fmt: skip
    print(f"injected: {json.dumps(faults['injected'])}")
    print(f"messages that failed their last delivery: {faults['exhausted']}; dead-letter queues: "
          f"{ {name: n for name, n in dead.items() if n} or 'empty'}")  # fmt: skip
    print(f"dead-lettered: {lettered or 'nothing'}")
    print(f"redrive: {' / '.join(redriven.split())}")
    print(f"requests the client retried after a 5xx (at most {RETRIES} tries): {dict(faulted.retried) or 'none'}")
    print(
        f"found: {len(found['goals'])} goals, {sum(p[0] for p in found['pairs'].values())} check-ins, "
        f"{sum(p[2] for p in found['pairs'].values())} missed slots, {sum(found['nudges'].values())} quarterly "
        f"nudges to {len(found['nudges'])} owners, {sum(found['missed'].values())} missed-slot e-mails"
    )
    got = found["goals"]
    differing_goals = {title: (got.get(title), v) for title, v in expected["goals"].items() if got.get(title) != v}
    held = found["pairs"]
    differing_pairs = {e: (held.get(e), v) for e, v in expected["pairs"].items() if held.get(e) != v}
    print(f"goals differing from the clean quarter: {len(differing_goals)}; pairs differing: {len(differing_pairs)}")
    for line in [*list(differing_goals.items())[:10], *list(differing_pairs.items())[:10]]:
        print(f"  {line}")

    assert sum(faults["injected"].values()) > 0
    assert expected["nudges"] == Counter(dict.fromkeys(owners, 1)), "the clean quarter nudges each owner once"
    assert sum(dead.values()) == faults["exhausted"], "every message that exhausted its retries is dead-lettered"
    assert sum(after.values()) == 0, "the redrive emptied the dead-letter queues"
    assert set(found["goals"]) == set(expected["goals"]) and not differing_goals, "every goal's progress as clean"
    assert not differing_pairs, "every pair's check-ins, missed slots and open actions as clean"
    assert found["measure"] == expected["measure"], "HR's two-way measure as clean"
    assert expected["erased"] == ([(faulted.leaver, "erased")], True, []), "the clean quarter's leaver is erased"
    assert found["erased"] == expected["erased"], "the leaver erased under faults as in the clean quarter"
    assert found["nudges"] == expected["nudges"], "each owner nudged once for the quarter"
    assert not found["missed"] - expected["missed"], "nobody told twice, nor of a slot the clean quarter did not miss"
    untold = sum((expected["missed"] - found["missed"]).values())
    assert untold <= 2 * faults["injected"]["schedule-late"], "only a slot whose schedule fired late goes untold"
