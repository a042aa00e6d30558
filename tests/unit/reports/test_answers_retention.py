"""A closed cycle's answers are kept the organisation's retention after the close: the report jobs stamp every
assignment of their page (no item is made for a rater without one), the reports say until when, and a job
delivered again moves no stamp."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from janus.kernel import clock
from janus.kernel.messages import dispatch
from janus.people.organisation import OrgSettings
from janus.people.store import DynamoEmployeeDirectory
from janus.reports import pipeline
from janus.rounds import create, states
from janus.rounds.entities import Assignment
from janus.rounds.keys import subject_pk
from janus.store.items import AssignmentItem
from tests.unit.people.sample import person
from tests.unit.reports.test_release import ORG, TEAM, Stopped, reports_function
from tests.unit.rounds.test_reminders import Queues
from tests.unit.stores import RoundStores


def stamps(cycle_id: str, subjects: list[str]) -> dict[tuple[str, str], int | None]:
    return {
        (item.subject_id, item.rater_id): None if item.expires_at is None else int(item.expires_at)
        for subject in subjects
        for item in AssignmentItem.query(subject_pk(ORG, cycle_id, subject), AssignmentItem.SK.startswith("RATER#"))
    }


def test_closing_a_cycle_stamps_its_answers_and_the_reports_say_until_when(aws, stopped_clock, monkeypatch):
    monkeypatch.setattr(create, "fanout_shards", lambda subjects: 3)
    monkeypatch.setattr(pipeline, "PAGE", 2)
    directory, store, queues = DynamoEmployeeDirectory(), RoundStores(), Queues()
    directory.put_many(ORG, [person("m1", None), *(person(t, "m1") for t in TEAM)])
    store.orgs.put(ORG, OrgSettings(retention_months=18))
    body = {"name": "Spring 360", "kind": "360", "deadline": "2030-03-24T16:00:00+00:00", "subjects": TEAM}
    made = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    store.cycles.transition(ORG, made.id, ("draft",), "open")
    subjects = store.subjects.get_subjects(ORG, made.id, TEAM)
    asked = [s for s in subjects if s.raters][:5]
    # Every rater of five subjects has an assignment; the others' raters have none (as if never launched).
    store.assignments.put_assignments(
        [Assignment(ORG, made.id, s.employee_id, r.id, r.relationship, "pending", ("listening",), {}, {}, None, None)
         for s in asked for r in s.raters],
        made.shards,
    )  # fmt: skip
    clock.advance(timedelta(days=20))  # 2030-03-24 09:00 UTC: HR closes it
    states.apply_event(ORG, made.id, {"type": "close"}, store.ledger, queues, states.CycleTimers(Stopped(), Stopped()))  # type: ignore[arg-type]

    reports = reports_function(aws, monkeypatch, queues)
    jobs = [m for q, m in queues.sent if q == "reports"]
    while work := [(q, m) for q, m in queues.sent if q == "reports"]:
        queues.sent.remove(work[0])
        dispatch(reports.HANDLERS, reports.MESSAGES.decode(work[0][1]))

    kept = datetime(2031, 9, 24, 9, tzinfo=UTC)  # 18 months after the close
    found = stamps(made.id, [s.employee_id for s in subjects])
    assert set(found) == {(s.employee_id, r.id) for s in asked for r in s.raters}  # none made for the rest
    assert set(found.values()) == {int(kept.timestamp())}

    report = json.loads(reports.reports.get(ORG, made.id, asked[0].employee_id, "json"))
    assert report["cycle"]["answers_kept_until"] == kept.isoformat()
    assert report["cycle"]["retention_months"] == 18
    html = reports.reports.get(ORG, made.id, asked[0].employee_id, "html").decode()
    assert ("The answers behind this report are kept until 24 September 2031 (the organisation keeps them 18 months "
            "after the round closes).") in " ".join(html.split())  # fmt: skip

    # A page's job delivered again (after the retention changed) leaves the stamps as they are.
    store.orgs.put(ORG, OrgSettings(retention_months=6))
    dispatch(reports.HANDLERS, reports.MESSAGES.decode(jobs[0]))
    assert set(stamps(made.id, [s.employee_id for s in subjects]).values()) == {int(kept.timestamp())}


def test_a_report_job_queued_before_jobs_carried_the_retention_keeps_the_default(aws: Any) -> None:
    closed = pipeline.Closed.from_dict(
        {"name": "Spring", "kind": "360", "closed_at": "2030-03-24T09:00:00+00:00", "anonymity_threshold": 3,
         "manager_identified": False, "shards": 1}
    )  # fmt: skip
    assert closed.answers_expire_at() == datetime(2033, 3, 24, 9, tzinfo=UTC)
