"""What the cycles function needs of the reports: the jobs a close and a release queue, and who
may read a report and the analytics.

The reports themselves are built by ``janus.reports.pipeline``, which only the reports function loads (with
the statistics and the analytics behind them).
"""

from __future__ import annotations

from typing import Any

from janus.audit.log import AuditLog
from janus.kernel.caller import Caller
from janus.kernel.errors import Forbidden, NotFound
from janus.library import library
from janus.people.employees import EmployeeDirectory, managers_above
from janus.reports.messages import Closed, ReleasePage, ReportPage
from janus.reports.store import ReportStore
from janus.rounds.cycle import Cycle
from janus.rounds.store_cycles import CycleStore

READERS_AFTER_RELEASE = "the subject, their manager and their manager's manager"


def analytics_key(org: str, cycle_id: str, part: str) -> str:
    return f"analytics/{org}/{cycle_id}/{part}.json"


def report_jobs(cycle: Cycle, retention_months: int) -> list[dict[str, Any]]:
    """A close's report jobs: one per shard of subjects, each carrying what the reports need of the cycle (and
    the organisation's retention as it closed, which its answers are kept for)."""
    closed = Closed.of(cycle, retention_months)
    return [
        ReportPage(org=cycle.org, cycle_id=cycle.id, shard=n, start=None, partial=None, cycle=closed).encode()
        for n in range(cycle.shards)
    ]


def release_jobs(cycle: Cycle) -> list[dict[str, Any]]:
    """A release's jobs: one per shard of subjects, each telling a page of readers at a time."""
    return [
        ReleasePage(org=cycle.org, cycle_id=cycle.id, shard=n, start=None, shards=cycle.shards).encode()
        for n in range(cycle.shards)
    ]


def release_key(org: str, cycle_id: str, part: str) -> str:
    return f"release/{org}/{cycle_id}/{part}.json"


def _readers(org: str, subject_id: str, directory: EmployeeDirectory) -> set[str]:
    """The subject, their manager and their manager's manager."""
    return {subject_id, *managers_above(org, subject_id, directory, levels=2)}


def read_report(
    org: str,
    cycle_id: str,
    subject_id: str,
    kind: str,
    caller: Caller,
    *,
    cycles: CycleStore,
    reports: ReportStore,
    directory: EmployeeDirectory,
    audit: AuditLog,
) -> bytes:
    """HR reads any report once built; after release, only the subject and the two managers above them.
    A read by anyone but the subject is recorded in the audit log before it is answered."""
    cycle = cycles.get(org, cycle_id)
    if cycle is None:
        raise NotFound(f"no cycle '{cycle_id}' in this organisation")
    if "hr_admin" not in caller.roles:
        if cycle.state != "released":
            raise Forbidden("reports are open to HR until they are released")
        readers = _readers(org, subject_id, directory)
        if caller.sub not in readers:
            raise Forbidden(f"a report is open to HR and, after release, to {READERS_AFTER_RELEASE}")
    body = reports.get(org, cycle_id, subject_id, kind)
    if body is None:
        raise NotFound(f"no report for '{subject_id}' in cycle '{cycle_id}' yet")
    audit.record(org, subject_id, caller, "report", cycle_id)
    return body


def read_analytics(
    org: str, cycle_id: str, *, cycles: CycleStore, reports: ReportStore, locale: str = "en"
) -> dict[str, Any]:
    """The cycle's analytics as its last report page wrote them, with what a page of them needs besides (so it
    reads nothing else): the cycle (its name and state, from the read that checks it exists) and the names of
    its competencies in ``locale`` (from the library, in memory)."""
    cycle = cycles.get(org, cycle_id)
    if cycle is None:
        raise NotFound(f"no cycle '{cycle_id}' in this organisation")
    document = reports.get_document(analytics_key(org, cycle_id, "analytics"))
    if document is None:
        raise NotFound("the cycle's analytics are ready once its reports are built")
    named = {cid for cells in document.get("heat_map", {}).values() for cid in cells}
    named.update(document.get("instrument", {}).get("cronbach_alpha", {}))
    lib = library()
    about = cycle.as_dict()
    return {
        **document,
        "cycle": {key: about[key] for key in ("id", "name", "kind", "state", "closed_at", "released_at")},
        "competencies": {cid: lib.competency(cid).name.get(locale) for cid in sorted(named) if lib.has_competency(cid)},
        "locale": locale,
    }
