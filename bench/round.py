"""One whole 360 round on the local stack, phase by phase, with what each phase cost.

The stack runs in this process (``infra.stack.LocalStack``), so the benchmark reads the
request counter by function, the capacity meter, the mailbox and the handler timings
directly. HR and raters still go through the local API gateway over HTTP.
"""

from __future__ import annotations

import math
import random
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import boto3
import requests

from bench import devrec
from bench.org import people
from infra.capacity import CAPACITY
from infra.stack import LocalStack
from janus.goals.nudges import PAGE_GOALS
from janus.kernel import clock
from janus.kernel.metering import REQUESTS
from janus.people.names import name_key, partition
from janus.store.items import PROGRESS_SHARDS

ORG = "bench"
CHECK_IN_PAIRS = 100  # pairs that hold the quarter's check-ins, spread over a larger organisation
CHECK_IN_WEEKS = 13  # a quarter of weekly check-ins
MISSED_WEEK = 5  # the week a tenth of the pairs miss
CHECK_IN_MARGIN = timedelta(hours=6)  # each week's check-ins are held this much before their slot falls due
CHECK_IN_ITEMS = ("checkin", "pair", "check-in note", "check-in action", "check-in dept")
ANSWER_SHARE = 0.85  # of assignments: the rest stay unanswered and get reminders
DECLINE_SHARE = 0.03
DRAFT_SHARE = 0.25  # of answered forms: saved as a draft first
WEAK_SUBJECTS = 0.01  # subjects rated low enough to open an escalation case
MB = 1024 * 1024


@dataclass
class Phase:
    name: str
    requests: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_function: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    rru: float = 0.0
    wru: float = 0.0
    emails: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    handler_seconds: dict[str, float] = field(default_factory=dict)  # function -> summed handler time
    invocations: Counter[str] = field(default_factory=Counter)
    api_requests: int = 0  # invocations through the API gateway
    queue_batches: int = 0  # invocations with a batch of SQS messages
    units: dict[str, int] = field(default_factory=dict)  # business units done in the phase
    floor: dict[str, int] = field(default_factory=dict)  # part of the floor -> DynamoDB requests

    @property
    def dynamodb(self) -> int:
        return sum(n for (service, _), n in self.requests.items() if service == "dynamodb")

    @property
    def floor_total(self) -> int:
        return sum(self.floor.values())


@dataclass
class Throughput:
    submits: int = 0
    submit_seconds: float = 0.0
    submit_handler: list[float] = field(default_factory=list)
    puts: int = 0
    put_seconds: float = 0.0
    put_round_trips: list[float] = field(default_factory=list)  # alone
    put_round_trips_loaded: list[float] = field(default_factory=list)  # with as many clients as the submits had


def pages(size: int) -> int:
    """Query pages a read of ``size`` bytes needs at the least (1 MB a page)."""
    return max(1, math.ceil(size / MB))


def batches(items: int, per: int) -> int:
    return math.ceil(items / per)


class Round:
    def __init__(
        self, employees: int, workers: int, state_dir: Path, seed: int = 7, say: Callable[[str], None] = print
    ):
        self.employees = employees
        self.workers = workers
        self.random = random.Random(seed)
        self.say = say
        # The template's hold on a goal's progress before it goes up the tree, which gathers a burst under a parent.
        self.stack = LocalStack(port=0, state_dir=state_dir, meter=True, rollup_delay_seconds=ROLLUP_DELAY)
        self.phases: list[Phase] = []
        self.throughput = Throughput()
        self._local = threading.local()
        self.cycle_id = ""
        self.invitations: list[dict[str, Any]] = []
        self.table_bytes = self.report_bytes = self.schedules_fired = self.goal_bytes = 0
        self.check_in_bytes = self.check_in_schedules = 0
        self.until_remind = False  # bench.remind stops the round there
        self.with_goals = True  # bench.remind leaves the goals out
        self.check_in_pairs = CHECK_IN_PAIRS  # the pairs that hold a quarter of check-ins (0: every pair)
        self.with_reviews = True  # ... and the appraisal
        self.review_bytes = 0
        self.with_devrec = True  # ... and the development plans and recognition
        self.devrec_bytes = 0

    # ------------------------------------------------------------------ plumbing
    def session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def hr(self) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.stack.tokens.issue(ORG, 'hr-bench', ['hr_admin'])}"
        return session

    def settle(self) -> None:
        while self.stack.settle():
            pass

    def _timings(self) -> dict[tuple[str, str], tuple[int, float]]:
        """(function, kind of event) -> (invocations, summed handler seconds) so far."""
        return {
            (name, kind): (len(values), sum(values))
            for name, runtime in self.stack.runtimes.items()
            for kind, values in list(runtime.timings.items())
        }

    @contextmanager
    def phase(self, name: str) -> Iterator[Phase]:
        phase = Phase(name)
        self.say(f"  {name} ...")
        requests_before, functions_before = REQUESTS.snapshot(), REQUESTS.snapshot_by_scope()
        capacity_before, mail_before, timings_before = CAPACITY.snapshot(), self._mail_count(), self._timings()
        wall, cpu = time.perf_counter(), time.process_time()
        yield phase
        self.settle()
        phase.wall, phase.cpu = time.perf_counter() - wall, time.process_time() - cpu
        phase.requests = REQUESTS.snapshot() - requests_before
        phase.by_function = REQUESTS.snapshot_by_scope() - functions_before
        capacity = CAPACITY.snapshot()
        phase.rru, phase.wru = capacity["RRU"] - capacity_before["RRU"], capacity["WRU"] - capacity_before["WRU"]
        phase.emails = self._mail_count() - mail_before
        for (function, kind), (count, seconds) in self._timings().items():
            count_before, seconds_before = timings_before.get((function, kind), (0, 0.0))
            if count > count_before:
                phase.invocations[function] += count - count_before
                phase.handler_seconds[function] = phase.handler_seconds.get(function, 0.0) + seconds - seconds_before
                if kind.split(" ")[0] in ("GET", "PUT", "POST", "DELETE", "PATCH"):
                    phase.api_requests += count - count_before
                elif kind == "aws:sqs":
                    phase.queue_batches += count - count_before
        self.phases.append(phase)
        ratio = phase.dynamodb / phase.floor_total if phase.floor_total else float("nan")
        self.say(
            f"  {name}: {phase.wall:.1f} s, {phase.dynamodb:,} DynamoDB requests "
            f"({ratio:.2f} x the floor of {phase.floor_total:,}), {phase.emails:,} e-mails"
        )

    def _mail_count(self) -> int:
        self.stack.mailbox.collect()
        return len(self.stack.mailbox.messages)

    def _pool(self, work: list[Any], task: Callable[[Any], Any], label: str) -> list[Any]:
        results: list[Any] = []
        step = max(1, len(work) // 10)
        with ThreadPoolExecutor(self.workers) as pool:
            for n, result in enumerate(pool.map(task, work), 1):
                results.append(result)
                if n % step == 0 or n == len(work):
                    self.say(f"    {label}: {n:,}/{len(work):,}")
        return results

    def _items(self) -> Any:
        """The table's items, read from the embedded endpoint's store."""
        from moto.backends import get_backend

        from infra.template import ACCOUNT, REGION

        return get_backend("dynamodb")[ACCOUNT][REGION].get_table(self.stack.stack.tables["Table"]).all_items()

    def _table_bytes(self) -> dict[str, tuple[int, int]]:
        """(items, bytes) per kind of item in the table."""
        sizes: dict[str, list[int]] = {}
        for item in self._items():
            sk, pk = item.attrs["SK"].value, item.attrs["PK"].value
            kind = "assignment" if sk.startswith("RATER#") else "goal history" if sk.startswith("HIST#") else sk.lower()
            if "#DEV#" in pk:
                kind = "development plan"
            elif any(part in pk for part in ("#RECS#", "#RECSTATS#", "#RECDIGEST#")) or sk.startswith("REC"):
                kind = "recognition"
            elif sk.startswith(("NOTE#", "ACTION#", "DEPT#")):  # a check-in's private notes, a pair's action items
                kind = f"check-in {sk.split('#')[0].lower()}"
            entry = sizes.setdefault(kind, [0, 0])
            entry[0] += 1
            entry[1] += item.size()
        return {kind: (count, size) for kind, (count, size) in sizes.items()}

    def _reports_built(self) -> int:
        """Reports recorded in the table: a digest on the subject's item."""
        return sum(1 for item in self._items() if item.attrs["SK"].value == "SUBJECT" and "report_digest" in item.attrs)

    # ------------------------------------------------------------------ the round
    def run(self) -> None:
        self.stack.start()
        try:
            self._run()
            sizes = self._table_bytes()
            self.table_bytes = sum(size for _, size in sizes.values())
            self.review_bytes = sum(
                item.size()
                for item in self._items()
                if "#REVIEW#" in (pk := item.attrs["PK"].value) or "#RCYCLE#" in pk
            )
            self.goal_bytes = sum(sizes.get(kind, (0, 0))[1] for kind in ("goal", "goal history", "nudge"))
            self.check_in_bytes = sum(size for kind, (_, size) in sizes.items() if kind in CHECK_IN_ITEMS)
            self.goal_bytes -= sum(
                item.size()
                for item in self._items()
                if "#REVIEW#" in item.attrs["PK"].value and item.attrs["SK"].value.startswith("HIST#")
            )
            self.devrec_bytes = sum(sizes.get(kind, (0, 0))[1] for kind in ("development plan", "recognition"))
            self.report_bytes = self._bucket_bytes()
            self.schedules_fired = len(self.stack.scheduler.fired)
        finally:
            self.stack.stop(reset=True)  # so that a next round in this process starts from nothing

    def _bucket_bytes(self) -> int:
        s3 = self.stack.clients["s3"]
        total = 0
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=self.stack.stack.buckets["ReportsBucket"]):
            total += sum(entry["Size"] for entry in page.get("Contents", []))
        return total

    def _run(self) -> None:
        api, hr = self.stack.api, self.hr()
        rows = people(self.employees)

        with self.phase("import") as p:
            answer = hr.put(f"{api}/employees", json=rows, timeout=600)
            answer.raise_for_status()
            p.units = {"employees": len(rows)}
            p.floor = {
                "BatchWriteItem, 25 employees": batches(len(rows), 25),
                "BatchGetItem, 100 stored employees": batches(len(rows), 100),
                # whether any of the people new to the directory was erased (an import never brings one back)
                "BatchGetItem, 100 new employees' erasures": batches(len(rows), 100),
                # The import queues their sign-in users in bundles of 25: each reads its employees
                # and the organisation's settings (who manages is settled by the file).
                "BatchGetItem, a bundle of 25 users": batches(len(rows), 25),
                "GetItem, the settings of a bundle": batches(len(rows), 25),
                # the people list's name partitions in use: read, then the new ones added
                "GetItem and UpdateItem, the name partitions": 2,
            }

        if self.with_goals:
            self._goals(rows)
            # Each phase measures itself only: the quarters' nudges and the pairs' next slots that a phase leaves
            # scheduled would fall due in a later phase's month (a real organisation's go on).
            self._unschedule("goals-nudge-")
            self._check_ins(rows)
            self._unschedule("checkins-")
        if self.with_reviews:
            self._reviews(rows)

        deadline = (clock.now() + timedelta(days=10)).replace(hour=16, minute=0, second=0, microsecond=0)
        with self.phase("nominate") as p:
            answer = hr.post(
                f"{api}/cycles",
                json={"name": "Benchmark 360", "kind": "360", "deadline": deadline.isoformat()},
                timeout=600,
            )
            answer.raise_for_status()
            self.cycle_id = answer.json()["id"]
            self.settle()
            sizes = self._table_bytes()
            subjects, raters = sizes["subject"][0], sizes.get("rater", (0, 0))[0]
            p.units = {"subjects": subjects, "raters": raters}
            p.floor = {
                "cycle": 1,
                "BatchWriteItem, 25 subjects": batches(subjects, 25),
                "BatchWriteItem, 25 rater loads": batches(raters, 25),
                "Query pages of employees": pages(sizes["employee"][1]),
            }

        with self.phase("launch") as p:
            answer = hr.post(f"{api}/cycles/{self.cycle_id}/events", json={"type": "launch", "force": True}, timeout=60)
            answer.raise_for_status()
            self.settle()
            sizes = self._table_bytes()
            assignments = sizes["assignment"][0]
            invited = self._rater_count()
            p.units = {"assignments": assignments, "raters": invited}
            p.floor = {
                "state change": 1,
                "BatchWriteItem, 25 assignments": batches(assignments, 25),
                "Query pages of subjects": pages(sizes["subject"][1]),
                "Query pages of assignments": pages(sizes["assignment"][1]),
                "BatchGetItem, 100 raters' names and addresses": batches(invited, 100),
                "BatchWriteItem, 25 invited marks": batches(invited, 25),  # so that none goes twice
            }
        self.invitations = [m for m in self.stack.mailbox.messages if _form_links(m)]

        self._respond()
        self._remind(deadline)
        if self.until_remind:
            return
        self._pages(rows)
        self._hr_pages()
        self._people_list(rows)

        with self.phase("close and report") as p:
            answer = hr.post(f"{api}/cycles/{self.cycle_id}/events", json={"type": "close"}, timeout=60)
            answer.raise_for_status()
            self.settle()
            sizes = self._table_bytes()
            reports = self._reports_built()
            p.units = {"reports": reports}
            p.floor = {
                "state change": 1,
                # the close reads the organisation's retention, which the report jobs stamp the answers with
                "GetItem, the organisation's settings": 1,
                "TransactWriteItems, 100 answers stamped to expire": batches(sizes["assignment"][0], 100),
                "Query pages of responses": pages(sizes["assignment"][1]),
                "Query pages of subjects": pages(sizes["subject"][1]),
                "BatchWriteItem, 25 report records": batches(reports, 25),
                # the cases weak reports open (escalations): items any design must write
                "BatchWriteItem, 25 escalation cases": batches(sizes.get("case", (0, 0))[0], 25),
            }

        with self.phase("analytics") as p:
            answer = hr.get(f"{api}/cycles/{self.cycle_id}/analytics", timeout=120)
            answer.raise_for_status()
            p.units = {"reads": 1}
            p.floor = {"Query page": 1}

        if self.with_devrec:
            devrec.development_plans(self, rows)
            devrec.recognition_month(self, rows)  # last: its month on the clock moves nothing the round measures

    def _rater_count(self) -> int:
        return self._table_bytes().get("rater", (0, 0))[0]

    # ------------------------------------------------------------------ raters answer
    def answering(self) -> tuple[list[str], list[str]]:
        """(the links declined, the links submitted), drawn from the invitations with the round's seed."""
        links = [link for message in self.invitations for link in _form_links(message)]
        self.random.shuffle(links)
        answered = links[: int(len(links) * ANSWER_SHARE)]
        declines = answered[: int(len(links) * DECLINE_SHARE)]
        return declines, answered[len(declines) :]

    def _respond(self) -> None:
        declines, forms = self.answering()
        drafts = set(forms[: int(len(forms) * DRAFT_SHARE)])
        weak = WEAK_SUBJECTS

        def view(link: str) -> dict[str, Any]:
            answer = self.session().get(f"{link}/questionnaire", timeout=60)
            answer.raise_for_status()
            return answer.json()

        def answers(form: dict[str, Any]) -> dict[str, Any]:
            subject = form["subject"]["id"]
            rng = random.Random(f"{subject}/{form['relationship']}")
            centre = 1.6 if random.Random(subject).random() < weak else 3.2 + random.Random(subject).random()
            ratings: dict[str, Any] = {}
            for competency in form["competencies"]:
                for question in competency["questions"]:
                    score = min(5, max(1, round(rng.gauss(centre, 0.7))))
                    ratings[question["id"]] = "na" if rng.random() < 0.03 else score
            first = form["competencies"][0]["id"]
            return {"ratings": ratings, "comments": {first: "Clear and kind in meetings."}, "overall": "Thank you."}

        with self.phase("respond: open forms and save drafts") as p:
            opened = self._pool(forms, lambda link: (link, view(link)), "forms opened")

            def draft(pair: tuple[str, dict[str, Any]]) -> None:
                link, form = pair
                body = answers(form)
                half = dict(list(body["ratings"].items())[: len(body["ratings"]) // 2])
                answer = self.session().put(link, json={"ratings": half}, timeout=60)
                if answer.status_code != 200:
                    raise RuntimeError(f"draft: {answer.status_code} {answer.text[:300]}")

            self._pool([pair for pair in opened if pair[0] in drafts], draft, "drafts saved")
            p.units = {"forms opened": len(forms), "drafts": len(drafts)}
            p.floor = {"GetItem per form opened": len(forms), "write per draft": len(drafts)}

        with self.phase("respond: decline") as p:
            self._pool(
                declines,
                lambda link: self.session().post(f"{link}/decline", json={"reason": "not enough contact"}, timeout=60),
                "declined",
            )
            p.units = {"declines": len(declines)}
            p.floor = {"write per decline": len(declines)}

        with self.phase("respond: submit") as p:
            # Like the form, each sends the status it last saw (the questionnaire's, or its draft's).
            bodies = [
                (link, {**answers(form), "status": "in_progress" if link in drafts else form["status"]})
                for link, form in opened
            ]
            timings = self.stack.runtimes["FeedbackFunction"].timings
            before = {kind: len(v) for kind, v in timings.items()}
            started = time.perf_counter()
            results = self._pool(
                bodies,
                lambda pair: self.session().post(f"{pair[0]}/submit", json=pair[1], timeout=60).status_code,
                "submitted",
            )
            self.throughput.submit_seconds = time.perf_counter() - started
            self.throughput.submits = sum(1 for status in results if status == 200)
            for kind, values in timings.items():
                if kind.endswith("/submit"):
                    self.throughput.submit_handler += values[before.get(kind, 0) :]
            p.units = {"submitted responses": self.throughput.submits}
            p.floor = {"write per submitted response": self.throughput.submits}
        self._raw_puts(len(bodies[0][1]["ratings"]) if bodies else 10)

    def _raw_puts(self, ratings: int) -> None:
        """The same endpoint's raw speed: plain PutItem of a response-sized item, alone and in the same pool."""
        dynamodb = boto3.client(
            "dynamodb", endpoint_url=self.stack.endpoint, region_name="us-east-1", aws_access_key_id="local",
            aws_secret_access_key="local",
        )  # fmt: skip
        table = self.stack.stack.tables["Table"]
        answers = {f"q{n}": {"N": str(1 + n % 5)} for n in range(ratings)}

        def put(n: int) -> float:
            started = time.perf_counter()
            dynamodb.put_item(
                TableName=table,
                Item={"PK": {"S": f"BENCH#{n}"}, "SK": {"S": "PUT"}, "ratings": {"M": answers}, "status": {"S": "x"}},
            )
            return time.perf_counter() - started

        self.throughput.put_round_trips = [put(n) for n in range(300)]
        count = max(300, min(self.throughput.submits, 3000))
        started = time.perf_counter()
        with ThreadPoolExecutor(self.workers) as pool:
            self.throughput.put_round_trips_loaded = list(pool.map(put, range(1000, 1000 + count)))
        self.throughput.puts, self.throughput.put_seconds = count, time.perf_counter() - started

    # ------------------------------------------------------------------ reminders
    def _remind(self, deadline: Any) -> None:
        with self.phase("remind (7 days before)") as p:
            until = deadline - timedelta(days=6, hours=12)
            start = self._mail_count()
            while clock.now() < until:
                clock.advance(timedelta(hours=1))
                time.sleep(0.005)  # let SQS see the new time
                self.settle()
            self._mail_count()
            reminders = [m for m in self.stack.mailbox.messages[start:] if _form_links(m)]
            sizes = self._table_bytes()
            p.units = {"reminders": len(reminders)}
            p.floor = {
                "Query pages of raters": pages(sizes.get("rater", (0, 0))[1]),
                "Query pages of their assignments": pages(sizes["assignment"][1]),
                "BatchGetItem, 100 raters' names and addresses": batches(len(reminders), 100),
                "BatchWriteItem, 25 reminded marks": batches(len(reminders), 25),  # one a day, at most three
            }

    # ------------------------------------------------------------------ goals
    def _as(self, who: str, manages: bool) -> dict[str, str]:
        roles = ["employee", "manager"] if manages else ["employee"]
        return {"Authorization": f"Bearer {self.stack.tokens.issue(ORG, who, roles)}"}

    def _roll_up(self) -> None:
        """Let each held-back push up the tree fall due and run, a level at a time, until the queue is empty (the
        background delivery may take a level's messages between two of these settles)."""
        sqs = self.stack.clients["sqs"]
        url = self.stack.stack.queues["PerformanceQueue"]
        counts = ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed",
                  "ApproximateNumberOfMessagesNotVisible")  # fmt: skip
        while True:  # the holds are longer the nearer a goal is to the top: a level's pushes fall due apart
            clock.advance(timedelta(seconds=ROLLUP_DELAY + 1))
            time.sleep(0.005)  # let SQS see the new time
            self.settle()
            left = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=list(counts))["Attributes"]
            if not any(int(left[name]) for name in counts):
                return

    def _goals(self, rows: list[dict[str, Any]]) -> None:
        """Every employee sets three goals with key results, the first aligned to their manager's first (level by
        level from the top), updates one key result once, and is nudged at the next quarter's start."""
        api = self.stack.api
        managers = {row["manager_id"] for row in rows if row["manager_id"]}
        first: dict[str, str] = {}
        due = (clock.now() + timedelta(days=60)).date().isoformat()

        def set_goals(row: dict[str, Any]) -> None:
            who = row["id"]
            headers = self._as(who, who in managers)
            for n in range(GOALS_EACH):
                body: dict[str, Any] = {
                    "title": f"Answer every customer of team {who} within one working day ({n + 1})",
                    "measure": "Share of tickets answered within a working day",
                    "due": due,
                    "key_results": [
                        {"title": "Share answered within a day", "start": 60, "target": 95, "unit": "%"},
                        {"title": "Tickets open for more than a week", "start": 40, "target": 5},
                    ],
                    "visibility": "private" if n == 2 else "organisation",
                }
                if n == 0 and row["manager_id"]:
                    body["parent_id"] = first[row["manager_id"]]
                answer = self.session().post(f"{api}/goals", json=body, headers=headers, timeout=60)
                answer.raise_for_status()
                if n == 0:
                    first[who] = answer.json()["id"]

        levels: dict[int, list[dict[str, Any]]] = {}
        depth: dict[str, int] = {}
        for row in rows:  # managers come before their reports
            depth[row["id"]] = depth[row["manager_id"]] + 1 if row["manager_id"] else 0
            levels.setdefault(depth[row["id"]], []).append(row)
        aligned = sum(1 for row in rows if row["manager_id"])
        pushed = sum(1 for row in rows if row["manager_id"] and row["id"] in managers)

        with self.phase("goals: set") as p:
            for level in sorted(levels):
                self._pool(levels[level], set_goals, f"goals set, level {level}")
            self._roll_up()
            goals = len(rows) * GOALS_EACH
            p.units = {"goals": goals, "aligned to a manager's goal": aligned}
            p.floor = {
                # the goal's counts in its owner's department ride in the same transaction: no request of their own
                "TransactWriteItems, a goal with its history, its progress on its parent and its counts": goals,
                "BatchGetItem, the owner's department and goal tally (and the parent of an aligned goal)": goals,
                # each manager's aligned goal, whose progress moved with its team's, is pushed to its own parent
                "TransactWriteItems, a parent's progress pushed up the tree": pushed,
                "BatchGetItem, 100 parents to push": batches(pushed, 100),
                # the top of the tree (the chief's first goal) moved to its progress band on HR's counters
                "TransactWriteItems, the top goal's band": 1,
                "GetItem, the organisation's time zone for its quarterly nudge": 1,
            }

        def update(row: dict[str, Any]) -> None:
            who = row["id"]
            body = {"key_result_id": "k1", "value": 75 + int(who[1:]) % 20, "note": "Weekly count"}
            answer = self.session().post(f"{api}/goals/{first[who]}/progress", json=body,
                                         headers=self._as(who, who in managers), timeout=60)  # fmt: skip
            answer.raise_for_status()

        with self.phase("goals: progress") as p:
            self._pool(rows, update, "progress updated")
            self._roll_up()
            p.units = {"progress updates": len(rows)}
            p.floor = {
                "GetItem, the goal": len(rows),
                # a goal looked at this quarter already moves its band's counters without reading the owner's tally
                "TransactWriteItems, the goal with its history, its progress on its parent and its counts": len(rows),
                "TransactWriteItems, a parent's progress pushed up the tree": pushed,
                "BatchGetItem, 100 parents to push": batches(pushed, 100),
                "TransactWriteItems, the top goal's band": 1,
            }

        with self.phase("goals: quarterly nudge") as p:
            start = self._mail_count()
            now = clock.now()
            quarter = (now.month - 1) // 3 + 1
            year, following = (now.year + 1, 1) if quarter == 4 else (now.year, quarter + 1)
            due_at = now.replace(year=year, month=3 * following - 2, day=1, hour=9, minute=0, second=0, microsecond=0)
            clock.advance(due_at - now + timedelta(minutes=1))
            time.sleep(0.005)
            self.settle()
            self._mail_count()
            nudged = sum(1 for m in self.stack.mailbox.messages[start:] if "/my-goals" in " ".join(m.get("links", [])))
            p.units = {"owners nudged": nudged}
            p.floor = {
                # the owner index's shards spread the writes; the chain reads each shard that holds open goals
                "Query pages of open goals, each shard's": self._open_goal_pages(),
                "BatchGetItem, 100 owners' names and addresses": batches(nudged, 100),
                "TransactWriteItems, 100 nudges recorded": batches(nudged, 100),  # so that none goes twice
                "GetItem, the organisation's time zone for the next quarter's nudge": 1,
            }

    # ------------------------------------------------------------------ check-ins
    def _check_ins(self, rows: list[dict[str, Any]]) -> None:
        """Every employee with a manager holds weekly check-ins with them for a quarter: the manager sets the
        cadence, then each week the employee starts the check-in and brings a topic, the manager brings one, the
        employee writes shared and private notes, the manager raises an action item for the employee and completes
        it; the open action items carry over week to week. A tenth of the pairs miss one week: their slot falls
        due, both are nudged once, and the next week they meet again. In an organisation of more than
        ``check_in_pairs`` pairs, that many of them, spread over it, hold the quarter."""
        api = self.stack.api
        managers = {row["manager_id"] for row in rows if row["manager_id"]}
        every = [(row["id"], row["manager_id"]) for row in rows if row["manager_id"]]
        # Above ``check_in_pairs`` pairs, that many spread evenly over the organisation hold the quarter (the
        # per-check-in figures do not depend on how many do, and each check-in costs the local stack ~0.2 s).
        limit = self.check_in_pairs or len(every)
        pairs = every[:: max(1, math.ceil(len(every) / limit))]
        missing = {employee for employee, _ in pairs[3::10]}

        def as_(who: str) -> dict[str, str]:
            return self._as(who, who in managers)

        def cadence(pair: tuple[str, str]) -> None:
            employee, manager = pair
            answer = self.session().put(f"{api}/employees/{employee}/check-in-cadence", json={"cadence": "weekly"},
                                        headers=as_(manager), timeout=60)  # fmt: skip
            answer.raise_for_status()

        def hold(pair: tuple[str, str]) -> None:
            employee, manager = pair
            http = self.session()
            made = http.post(f"{api}/check-ins", json={"employee_id": employee}, headers=as_(employee), timeout=60)
            made.raise_for_status()
            base = f"{api}/check-ins/{made.json()['id']}"
            for answer in (
                http.post(f"{base}/topics", json={"text": "How my week went"}, headers=as_(employee), timeout=60),
                http.post(f"{base}/topics", json={"text": "The next release"}, headers=as_(manager), timeout=60),
                http.put(f"{base}/notes", json={"shared": "We agreed to move the demo.", "private": "Ask for help"},
                         headers=as_(employee), timeout=60),
                http.post(f"{base}/actions", json={"text": "Book the course", "owner": employee},
                          headers=as_(manager), timeout=60),
                http.post(f"{base}/complete", headers=as_(manager), timeout=60),
            ):  # fmt: skip
                answer.raise_for_status()

        with self.phase("check-ins: a quarter") as p:
            fired = len(self.stack.scheduler.fired)
            start = self._mail_count()
            self._pool(pairs, cadence, "cadences set")
            held = 0
            for week in range(1, CHECK_IN_WEEKS + 1):
                meeting = [pair for pair in pairs if week != MISSED_WEEK or pair[0] not in missing]
                self._pool(meeting, hold, f"check-ins, week {week}")
                held += len(meeting)
                # A week on, less a margin: the slots of this week's check-ins are not yet due; those missed are.
                clock.advance(timedelta(days=7) - CHECK_IN_MARGIN)
                time.sleep(0.005)
                self.settle()
            self._mail_count()
            nudged = sum(1 for m in self.stack.mailbox.messages[start:] if "check-ins" in " ".join(m.get("links", [])))
            self.check_in_schedules = len(self.stack.scheduler.fired) - fired
            missed = self.check_in_schedules
            p.units = {"check-ins": held, "pairs": len(pairs), "slots missed": missed, "people nudged": nudged,
                       "pairs in the organisation": len(every)}  # fmt: skip
            carried = held - len(pairs)  # every check-in after a pair's first lists its open action items
            p.floor = {
                # a cadence: the employee (BatchGetItem), the pair (GetItem), the pair written (TransactWriteItems)
                "a cadence set: BatchGetItem, GetItem, TransactWriteItems": 3 * len(pairs),
                # made: the employee, the pair, the organisation's cycles for the development focus, the write
                "a check-in made: BatchGetItem, GetItem, Query, TransactWriteItems": 4 * held,
                # each of the five writes after it reads the check-in with the writer's own notes, writes once
                "each write: BatchGetItem of the check-in and the writer's notes, TransactWriteItems": 2 * 5 * held,
                "a completed check-in: GetItem, the pair": held,
                # the answer lists the action items: the action and the completion always, the rest once carried
                "BatchGetItem, the action items listed": 2 * held + 4 * carried,
                # a missed slot: the pair, its transaction, the two people, each claimed before their e-mail
                "a missed slot: GetItem, TransactWriteItems, BatchGetItem, 2 UpdateItem": 5 * missed,
            }

    # ------------------------------------------------------------------ reviews
    def _reviews(self, rows: list[dict[str, Any]]) -> None:
        """An appraisal for the whole organisation: HR creates and launches it (one review per person, an e-mail to
        each employee and each manager), every employee writes and submits their self part, every manager the
        manager's part of each direct report, HR reads the calibration, closes and releases."""
        from janus.reviews.gather import profile_of

        api = self.stack.api
        hr = self.hr()
        managers = {row["manager_id"] for row in rows if row["manager_id"]}
        managed = [row for row in rows if row["manager_id"]]
        deadline = (clock.now() + timedelta(days=20)).date().isoformat()
        ids: dict[str, str] = {}

        def self_part(row: dict[str, Any]) -> None:
            who = row["id"]
            headers = self._as(who, who in managers)
            competencies = profile_of(row["job_class"])[:3]
            rated = {c: {"rating": 4, "comment": "Shown every week"} for c in competencies}
            body = {"summary": "A year of steady delivery and two new customers won.", "competencies": rated}
            self.session().put(
                f"{api}/reviews/{ids[who]}/self", json=body, headers=headers, timeout=60
            ).raise_for_status()
            self.session().post(f"{api}/reviews/{ids[who]}/self/submit", headers=headers, timeout=60).raise_for_status()

        def manager_part(row: dict[str, Any]) -> None:
            who, manager = row["id"], row["manager_id"]
            headers = self._as(manager, True)
            body = {
                "summary": "Delivered what was agreed, and helped the team.",
                "overall_rating": 2 + int(who[1:]) % 4,
            }
            self.session().put(f"{api}/reviews/{ids[who]}/manager", json=body, headers=headers,
                               timeout=60).raise_for_status()  # fmt: skip
            self.session().post(f"{api}/reviews/{ids[who]}/manager/submit", headers=headers,
                                timeout=60).raise_for_status()  # fmt: skip

        def event(cycle_id: str, kind: str) -> None:
            hr.post(f"{api}/review-cycles/{cycle_id}/events", json={"type": kind}, timeout=60).raise_for_status()

        with self.phase("reviews: appraisal") as p:
            answer = hr.post(f"{api}/review-cycles", json={"name": "Year-end appraisal", "kind": "appraisal",
                                                           "deadline": deadline}, timeout=60)  # fmt: skip
            answer.raise_for_status()
            cycle_id = answer.json()["id"]
            event(cycle_id, "launch")
            self.settle()
            ids.update({row["id"]: f"{cycle_id}.{row['id']}" for row in rows})
            self._pool(rows, self_part, "self parts")
            self._pool(managed, manager_part, "manager parts")
            calibration = hr.get(f"{api}/review-cycles/{cycle_id}/calibration", timeout=60)
            calibration.raise_for_status()
            shown = calibration.json()
            assert shown["progress"]["manager_submitted"] == len(managed), shown["progress"]
            event(cycle_id, "close")
            event(cycle_id, "release")
            # The launch's pages: each shard of everyone, 99 people at a time in the order of their ids.
            by_shard: dict[int, list[dict[str, Any]]] = {}
            for row in sorted(rows, key=lambda r: r["id"]):
                by_shard.setdefault(zlib.crc32(row["id"].encode()) % 16, []).append(row)
            launch_pages = told = 0
            for members in by_shard.values():
                for start in range(0, len(members), 99):
                    page = members[start : start + 99]
                    launch_pages += 1
                    told += batches(len(page) + len({r["manager_id"] for r in page if r["manager_id"]}), 100)
            p.units = {"reviews": len(rows), "self parts": len(rows), "manager parts": len(managed)}
            p.floor = {
                "GetItem, the settings and PutItem, the cycle": 2,
                "GetItem, UpdateItem and Query, the cycle's launch, close and release, with its progress": 9,
                "GetItem, the cycle, for each launch page and its e-mail bundle": 2 * launch_pages,
                "Query pages of the people's shards": launch_pages,
                "TransactWriteItems, 99 reviews and their count": launch_pages,
                "TransactWriteItems, 99 launch e-mails claimed": launch_pages,
                "BatchGetItem, the people each bundle tells (its employees and their managers)": told,
                # a draft and a submit of each part: the review, its cycle (its state), and one transaction
                # (the review, its history and counters at the submit)
                "GetItem, the review and its cycle, for each draft and submit": 4 * (len(rows) + len(managed)),
                "TransactWriteItems, each draft and submit": 2 * (len(rows) + len(managed)),
                "GetItem and Query pages, the calibration (the cycle and its counters)": 5,
                "BatchGetItem, 100 managers' names": batches(len(shown["by_manager"]), 100),
            }

    def _unschedule(self, prefix: str) -> None:
        """Delete the one-time schedules whose names start with ``prefix`` from the local stack's scheduler."""
        from moto.backends import get_backend

        from infra.template import ACCOUNT, REGION

        for group in get_backend("scheduler")[ACCOUNT][REGION].schedule_groups.values():
            for name in [name for name in group.schedules if name.startswith(prefix)]:
                del group.schedules[name]

    def _open_goal_pages(self) -> int:
        """Query pages the open goals need, shard by shard: a page holds 1 MB or ``PAGE_GOALS`` goals."""
        shards: dict[str, list[int]] = {}
        for item in self._items():
            key = item.attrs.get("GSI1PK")
            if item.attrs["SK"].value == "GOAL" and key is not None and "#GOALS#OPEN#" in key.value:
                entry = shards.setdefault(key.value, [0, 0])
                entry[0] += 1
                entry[1] += item.size()
        return sum(max(pages(size), batches(count, PAGE_GOALS)) for count, size in shards.values())

    # ------------------------------------------------------------------ people's own pages
    def _pages(self, rows: list[dict[str, Any]]) -> None:
        """GET /me for a sample of employees and GET /me/team for a sample of managers, while the round is open:
        what the console's home and team pages read."""
        api = self.stack.api
        managers = sorted({row["manager_id"] for row in rows if row["manager_id"]}, key=lambda m: int(m[1:]))
        sample = [row for row in rows if row["manager_id"]][:PAGE_SAMPLE]
        leads = managers[:PAGE_SAMPLE]
        team = {m: [row["id"] for row in rows if row["manager_id"] == m] for m in leads}

        def get(pair: tuple[str, str]) -> dict[str, Any]:
            who, path = pair
            roles = ["employee", "manager"] if who in team else ["employee"]
            headers = {"Authorization": f"Bearer {self.stack.tokens.issue(ORG, who, roles)}"}
            answer = self.session().get(f"{api}{path}", headers=headers, timeout=60)
            answer.raise_for_status()
            return answer.json()

        with self.phase("people's pages") as p:
            homes = self._pool([(row["id"], "/me") for row in sample], get, "home pages")
            teams = self._pool([(m, "/me/team") for m in leads], get, "team pages")
            named = [
                len({r["id"] for m in t["members"] for x in m["rounds"] for r in x["raters"]} - set(team[m]))
                for m, t in zip(leads, teams, strict=True)
            ]
            p.units = {"pages": len(homes) + len(teams), "forms listed": sum(len(h["forms"]) for h in homes)}
            p.floor = {
                # each home: the latest cycles, the person, their subject records, their open forms in the open
                # cycle, their cases, their manager's name
                "home: Query cycles, forms, cases": 3 * len(homes),
                "home: BatchGetItem person, subject records, names": 3 * len(homes),
                # each team: the direct reports, the latest cycles, their subject records, each one's cases,
                # the names of their raters
                "team: Query reports, cycles": 2 * len(teams),
                "team: BatchGetItem, 100 subject records": sum(batches(len(team[m]), 100) for m in leads),
                "team: Query, each member's cases": sum(len(team[m]) for m in leads),
                "team: BatchGetItem, 100 raters' names": sum(batches(n, 100) for n in named),
            }

    # ------------------------------------------------------------------ HR's pages
    def _hr_pages(self) -> None:
        """HR's page of the open cycle (GET /cycles/{id}/progress: progress overall and by department, the
        subjects short of raters, the first subjects) and HR's overview (GET /organisation/overview), while raters
        answer: bounded whatever the round's size."""
        api, hr = self.stack.api, self.hr()
        with self.phase("HR's cycle page") as p:
            answer = hr.get(f"{api}/cycles/{self.cycle_id}/progress", timeout=60)
            answer.raise_for_status()
            page = answer.json()
            overview = hr.get(f"{api}/organisation/overview", timeout=60)
            overview.raise_for_status()
            p.units = {"pages": 2, "departments": len(page["departments"])}
            p.floor = {
                # the cycle; one Query a progress shard, reading the shard's counters and each department's;
                # the short subjects' index (when any are short); the first subjects (the first shard holds 50)
                "cycle page: GetItem cycle": 1,
                "cycle page: Query, 16 progress shards": PROGRESS_SHARDS,
                "cycle page: Query, short subjects": 1 if page["short"]["total"] else 0,
                "cycle page: Query, first subjects": 1,
                # the latest cycles, their progress shards (six cycles a BatchGetItem), the newest cases,
                # and the names in the cases past due
                "overview: Query cycles, cases": 2,
                "overview: BatchGetItem progress shards": batches(16 * len(overview.json()["cycles"]), 100),
                "overview: BatchGetItem names": 1 if overview.json()["cases_past_due"] else 0,
            }

    # ------------------------------------------------------------------ HR's people list
    def _people_list(self, rows: list[dict[str, Any]]) -> None:
        """What the console's People pages read: the first page of everyone, of a department and of a name's
        first letters, and a person's page deep in the tree. None of it grows with the organisation."""
        api, hr = self.stack.api, self.hr()
        by_name = sorted(rows, key=lambda row: (name_key(row["name"]), row["id"]))
        department = rows[-1]["department"]
        prefix = name_key(rows[len(rows) // 2]["name"])[:3]
        deepest = rows[-1]
        depth = 0
        managers = {row["id"]: row["manager_id"] for row in rows}
        at = deepest["id"]
        while managers[at]:
            at, depth = managers[at], depth + 1

        def read(path: str, **params: str) -> dict[str, Any]:
            answer = hr.get(f"{api}{path}", params=params, timeout=60)
            answer.raise_for_status()
            return answer.json()

        with self.phase("HR: people list") as p:
            everyone = read("/employees")
            chosen = read("/employees", department=department)
            named = read("/employees", q=prefix)
            person = read(f"/employees/{deepest['id']}/overview")
            assert [e["id"] for e in everyone["employees"]] == [r["id"] for r in by_name[: len(everyone["employees"])]]
            assert {e["department"] for e in chosen["employees"]} == {department}
            assert all(name_key(e["name"]).startswith(prefix) for e in named["employees"])
            assert len(person["managers"]) == depth
            spans = {partition(name_key(row["name"])) for row in by_name[:PEOPLE_PAGE]}
            p.units = {"reads": 4, "people listed": sum(len(page["employees"]) for page in (everyone, chosen, named))}
            p.floor = {
                # a page sorted by name: the name partitions in use, then one Query per partition it spans
                "everyone: GetItem, the name partitions": 1,
                "everyone: Query, a name partition the page spans": len(spans),
                "department, name: Query, one partition": 2,
                "BatchGetItem, the managers' names of each page": 3,
                # the person and each manager above them, their reports, the latest cycles, their subject records
                "person: BatchGetItem, the person and each level up": 1 + depth,
                "person: Query reports, cycles; BatchGetItem subject records": 3,
            }


PEOPLE_PAGE = 50  # janus.people.listing.PAGE
PAGE_SAMPLE = 100  # people whose home page is read, and managers whose team page is
ROLLUP_DELAY = 30  # seconds, as template.yaml holds a goal's progress before it goes up the tree
GOALS_EACH = 3


def _form_links(message: dict[str, Any]) -> list[str]:
    return [link for link in message.get("links", []) if "/feedback/" in link]
