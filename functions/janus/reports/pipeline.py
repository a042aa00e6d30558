"""Building every subject's report when a cycle closes, HR's analytics, and releasing them.

Closing queues one report job per shard of subjects, carrying what the reports need of the
cycle; each job builds one page of up to 700 reports (a shard's, as a rule: their submitted
responses read with one Query of the responses index), stores them, publishes ReportReady for new
content, stamps the page's assignments (the answers) to expire the organisation's retention after
the close, carries its analytics sums to the next page, and the last shard merges the analytics and
marks the cycle reported. Rebuilding gives the same report and no second event.

Only a close stamps the answers, from its own moment: a cycle is extended only while open and never
reopens once closed, so an answer never expires before the retention after its cycle closed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from janus.invitations.messages import ReleasedNotice, TeamReleased
from janus.kernel.events import EventPublisher
from janus.kernel.jobs import Jobs
from janus.reports.access import analytics_key, release_key
from janus.reports.analytics import Analytics
from janus.reports.build import Answer, Policy, build_report, summary
from janus.reports.messages import Closed, ReleasePage, ReportPage
from janus.reports.store import ReportStore
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_subjects import SubjectStore
from janus.store import ConditionFailed

# Subjects a report job builds: a shard's whole (a cycle has one shard per 500 subjects, at most 16).
# A page of 700 makes 1,400 PutObject one after the other: at S3's usual tens of milliseconds
# each, well within the reports function's 120 s.
PAGE = 700


def report_page(
    org: str,
    cycle_id: str,
    shard: int,
    start: dict[str, Any] | None,
    partial: dict[str, Any] | None,
    *,
    cycle: Closed,
    cycles: CycleStore,
    subjects: SubjectStore,
    assignments: AssignmentStore,
    reports: ReportStore,
    events: EventPublisher,
    jobs: Jobs,
    render: Callable[[dict[str, Any]], str],
) -> None:
    """Build, store and announce the reports of one page of a shard's subjects: a Query page of the
    subjects, a Query of their submitted responses, the reports' digests set on the subjects whose
    content is new; then the next page's job, or this shard's count (and, for the last, the analytics)."""
    page, next_start = subjects.subjects_page(org, cycle_id, shard, start, PAGE)
    analytics = Analytics.from_dict(partial)
    policy = Policy(threshold=cycle.anonymity_threshold, manager_identified=cycle.manager_identified)
    built: list[tuple[str, dict[str, Any], str]] = []
    expires = cycle.answers_expire_at()
    kept = {"retention_months": cycle.retention_months, "answers_kept_until": expires.isoformat()} if expires else {}
    responses = assignments.responses_of_subjects(page)
    for subject in page:
        submitted = responses[subject.employee_id]
        answers = [Answer(a.relationship, a.ratings, a.comments, a.overall) for a in submitted]
        # A subject keeps its department and language from the cycle's creation: no employee is read.
        department, locale = subject.department or "", subject.locale or "en"
        report = build_report(
            cycle={"id": cycle_id, "name": cycle.name, "kind": cycle.kind, "closed_at": cycle.closed_at, **kept},
            subject={"id": subject.employee_id, "name": subject.name},
            competencies=subject.competencies,
            answers=answers,
            policy=policy,
            locale=locale,
        )
        built.append((subject.employee_id, report, render(report)))
        asked = [r.relationship for r in subject.raters]  # a rater removed after launch leaves the list
        analytics.add_subject(department, subject.competencies, asked, submitted, policy=policy)
    fresh = reports.save_all(org, cycle_id, built, {s.employee_id: s.report_digest for s in page})
    managers = {s.employee_id: s.manager_id for s in page}
    ready = [
        {
            "org": org,
            "cycle_id": cycle_id,
            "subject_id": subject_id,
            "manager_id": managers[subject_id],
            **summary(report),
        }
        for subject_id, report, _ in built
        if subject_id in fresh
    ]
    events.publish("ReportReady", ready)
    if expires is not None:
        assignments.expire(page, int(expires.timestamp()))
    if next_start:
        jobs.send(
            "reports",
            [
                ReportPage(
                    org=org, cycle_id=cycle_id, shard=shard, start=next_start, partial=analytics.as_dict(), cycle=cycle
                ).encode()
            ],
        )
        return
    reports.put_document(analytics_key(org, cycle_id, f"partial-{shard}"), analytics.as_dict())
    if cycles.count_job(org, cycle_id, "report_pending", f"report-{shard}") == 0:
        merged = Analytics()
        for number in range(cycle.shards):
            merged.merge(Analytics.from_dict(reports.get_document(analytics_key(org, cycle_id, f"partial-{number}"))))
        reports.put_document(analytics_key(org, cycle_id, "analytics"), merged.finish(cycle.anonymity_threshold))
        with contextlib.suppress(ConditionFailed):  # a redelivered last job: the cycle moved on already
            cycles.transition(org, cycle_id, ("closed",), "reported")


def release_page(
    org: str,
    cycle_id: str,
    shard: int,
    start: dict[str, Any] | None,
    teams: dict[str, list[str]] | None,
    *,
    shards: int,
    cycles: CycleStore,
    subjects: SubjectStore,
    reports: ReportStore,
    jobs: Jobs,
) -> None:
    """Tell one page of subjects that their report is there, and gather their managers' teams: carried to
    the shard's next page, then kept in S3 for the shard. The last shard to finish tells each manager of
    the cycle once, listing their whole team."""
    page, next_start = subjects.subjects_page(org, cycle_id, shard, start, PAGE)
    notices = [
        ReleasedNotice(org=org, cycle_id=cycle_id, rater_id=s.employee_id, round=s.employee_id).encode() for s in page
    ]
    jobs.send("invitations", notices)
    teams = dict(teams or {})
    for s in page:
        if s.manager_id:
            teams[s.manager_id] = [*teams.get(s.manager_id, []), s.employee_id]
    if next_start:
        job = ReleasePage(org=org, cycle_id=cycle_id, shard=shard, start=next_start, teams=teams, shards=shards)
        jobs.send("reports", [job.encode()])
        return
    reports.put_document(release_key(org, cycle_id, f"teams-{shard}"), teams)
    if cycles.count_job(org, cycle_id, "release_pending", f"release-{shard}") != 0:
        return
    # The last shard, or a job delivered again after it: the managers are told unless that was done.
    cycle = cycles.get(org, cycle_id, consistent=True)
    if cycle is None or "release" in cycle.handed_on:
        return
    merged: dict[str, list[str]] = {}
    for number in range(shards):
        for manager_id, team in (reports.get_document(release_key(org, cycle_id, f"teams-{number}")) or {}).items():
            merged[manager_id] = [*merged.get(manager_id, []), *team]
    told = [
        TeamReleased(org=org, cycle_id=cycle_id, manager_id=manager_id, subject_ids=sorted(team)).encode()
        for manager_id, team in sorted(merged.items())
    ]
    jobs.send("invitations", told)
    cycles.handed_on(org, cycle_id, "release")
