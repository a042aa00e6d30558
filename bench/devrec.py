"""The bench's development and recognition phases, run by ``bench.round.Round``: a month of recognition (each
employee recognises another each week, the weekly digests sent, people's pages and HR's figures read) and the
development plans of every subject once the round's reports are released (seeded, an action added and
updated). Each phase's floor is the requests its design makes, counted from what was done."""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from janus.kernel import clock
from janus.recognition.recognition import quarter_of

if TYPE_CHECKING:
    from bench.round import Round

WEEKS = 4
PRIVATE_EVERY = 5  # one recognition in five is private
READ_SAMPLE = 100
VALUES = [{"id": "customer-first", "name": "Customer first"}, {"id": "courage", "name": "Courage"},
          {"id": "one-team", "name": "One team"}]  # fmt: skip
DIGEST_PAGE, DIGEST_BUNDLE, DIGEST_LISTED = 1000, 25, 10  # janus.recognition.digest and .mail


def _batches(items: int, per: int) -> int:
    return math.ceil(items / per)


def _recipient(row: dict[str, Any], week: int, rows: list[dict[str, Any]], index: dict[str, int]) -> str:
    """Someone else each week: the manager, a colleague further along the list, or someone far away."""
    at = index[row["id"]]
    if week % 2 == 0 and row["manager_id"]:
        return row["manager_id"]
    step = 1 + week * 7 + at % 5
    other = rows[(at + step) % len(rows)]["id"]
    return other if other != row["id"] else rows[(at + 1) % len(rows)]["id"]


def _digest_floor(r: Round) -> tuple[int, int]:
    """(Query pages, requests of the bundles) the weekly digests need, replayed from the digest entries."""
    shards: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for item in r._items():
        pk = item.attrs["PK"].value
        if "#RECDIGEST#" in pk:
            entry = json.loads(item.attrs["entry"].value)
            shards.setdefault(pk, []).append((item.attrs["SK"].value, item.attrs["manager"].value, entry))
    bundle_requests = 0
    weeks = {pk.split("#RECDIGEST#")[1].split("#")[0] for pk in shards}
    queries = 16 * len(weeks)  # every shard of every week is read once, empty or not
    for entries in shards.values():
        queries += max(0, math.ceil(len(entries) / DIGEST_PAGE) - 1) + (1 if len(entries) % DIGEST_PAGE == 0 else 0)
        by_manager: dict[str, list[Any]] = {}
        for _, manager, entry in sorted(entries, key=lambda e: e[0]):
            by_manager.setdefault(manager, []).append(entry)
        managers = list(by_manager)
        for start in range(0, len(managers), DIGEST_BUNDLE):
            group = managers[start : start + DIGEST_BUNDLE]
            keys = set(group)
            for manager in group:
                for entry in by_manager[manager][:DIGEST_LISTED]:
                    keys |= {entry["from"], entry["recipient"]}
            # choices, people, claims, the organisation's values
            bundle_requests += 1 + _batches(len(keys), 100) + 1 + 1
    return queries, bundle_requests


def recognition_month(r: Round, rows: list[dict[str, Any]]) -> None:
    api, hr = r.stack.api, r.hr()
    hr.put(f"{api}/organisation", json={"values": VALUES}, timeout=60).raise_for_status()
    hr.put(f"{api}/organisation/recognition-digest", json={"enabled": True}, timeout=60).raise_for_status()
    managers = {row["manager_id"] for row in rows if row["manager_id"]}
    index = {row["id"]: n for n, row in enumerate(rows)}
    marked: set[tuple[str, str]] = set()
    given: Counter[str] = Counter()
    posts = 0

    def give(pair: tuple[dict[str, Any], int]) -> None:
        row, week = pair
        to = _recipient(row, week, rows, index)
        body = {"to": [to], "value": VALUES[(index[row["id"]] + week) % len(VALUES)]["id"],
                "message": f"Thank you for your help this week ({week + 1}).",
                "visibility": "private" if (index[row["id"]] + week) % PRIVATE_EVERY == 0 else "public"}  # fmt: skip
        answer = r.session().post(f"{api}/recognitions", json=body, headers=r._as(row["id"], row["id"] in managers),
                                  timeout=60)  # fmt: skip
        answer.raise_for_status()

    with r.phase("recognition: a month") as p:
        for week in range(WEEKS):
            quarter = quarter_of(clock.now().date())
            for row in rows:
                marked.add((_recipient(row, week, rows, index), quarter))
                given[row["id"]] += 1
            r._pool([(row, week) for row in rows], give, f"recognitions, week {week + 1}")
            posts += len(rows)
            now = clock.now()
            monday = (now + timedelta(days=7 - now.weekday())).replace(hour=9, minute=0, second=0, microsecond=0)
            clock.advance(monday - now)  # the week's digest falls due (08:00 on the Monday after it)
            time.sleep(0.005)  # let SQS see the new time
            r.settle()
        readers = [row["id"] for row in rows[1 : READ_SAMPLE + 1]]

        def read(who: str) -> None:
            answer = r.session().get(f"{api}/recognitions", params={"employee_id": who},
                                     headers=r._as(rows[0]["id"], True), timeout=60)  # fmt: skip
            answer.raise_for_status()

        r._pool(readers, read, "people's recognition read")
        figures = hr.get(f"{api}/organisation/recognition", params={"department": rows[-1]["department"]},
                         timeout=60)  # fmt: skip
        figures.raise_for_status()
        queries, bundles = _digest_floor(r)
        p.units = {"recognitions": posts, "people recognised in the quarter": len(marked), "reads": len(readers) + 1}
        p.floor = {
            # each recognition: the people (BatchGetItem), the values (GetItem), its write (one transaction), the
            # recognised markers (BatchGetItem)
            "per recognition: BatchGetItem people, markers; GetItem values; TransactWriteItems": 4 * posts,
            "TransactWriteItems, a person's first recognition in the quarter": len(marked),
            "digest: Query pages of each week's 16 shards": queries,
            "digest: per bundle BatchGetItem choices, people; TransactWriteItems claims; GetItem values": bundles,
            # each person's page: the person, their recognitions, the names, the values
            "page: BatchGetItem person, names; Query; GetItem values": 4 * len(readers),
            # HR: the values, the quarter's counters, the department's people and their managers' names, markers
            "HR: GetItem values; Query counters, department; BatchGetItem names, markers": 5,
        }


def development_plans(r: Round, rows: list[dict[str, Any]]) -> None:
    api, hr = r.stack.api, r.hr()
    answer = hr.post(f"{api}/cycles/{r.cycle_id}/events", json={"type": "release"}, timeout=60)
    answer.raise_for_status()
    r.settle()
    managers = {row["manager_id"] for row in rows if row["manager_id"]}
    seeded: list[bool] = []

    def plan(row: dict[str, Any]) -> None:
        who = row["id"]
        headers = r._as(who, who in managers)
        url = f"{api}/employees/{who}/development-plan"
        read = r.session().get(url, headers=headers, timeout=60)
        read.raise_for_status()
        seeded.append(bool(read.json()["seeded_from"]))
        added = r.session().post(f"{url}/actions", json={"title": "Shadow a colleague for a day", "due": "2031-06-30"},
                                 headers=headers, timeout=60)  # fmt: skip
        added.raise_for_status()
        action_id = added.json()["actions"][-1]["id"]
        moved = r.session().patch(f"{url}/actions/{action_id}", json={"status": "in_progress", "note": "Booked"},
                                  headers=headers, timeout=60)  # fmt: skip
        moved.raise_for_status()

    with r.phase("development plans") as p:
        r._pool(rows, plan, "development plans")
        with_seed = sum(seeded)
        p.units = {"plans": len(rows), "seeded from a report": with_seed}
        p.floor = {
            # the read: the plan, the latest cycles, the person's subject records, the names shown
            "read: GetItem plan; Query cycles; BatchGetItem subject records, names": 4 * len(rows),
            # a seeded plan: the report's record (the report store checks it is built), the seed, the history
            "read: BatchGetItem report record; TransactWriteItems seed; Query history (seeded)": 3 * with_seed,
            # each change: the plan, its write with its history, the history and names shown
            "change: GetItem plan; TransactWriteItems; Query history; BatchGetItem names": 2 * 4 * len(rows),
        }
