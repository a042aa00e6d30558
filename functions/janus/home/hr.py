"""HR's overview (``GET /organisation/overview``): every cycle still running and what needs HR now, in one
request.

A read model over the rounds' and the escalations' stores; it writes nothing. Its reads are bounded whatever
the organisation's size: the organisation's newest cycles (one Query), the progress shards of those launched
and not yet released (one BatchGetItem per six cycles), the newest page of the organisation's cases (one
Query) and the names of the people in the cases past due (one BatchGetItem per 100). Short subjects are
counted on each cycle, undeliverable addresses on its progress counters: nothing is read per person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.console import case_page
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds.create import with_counts
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore

if TYPE_CHECKING:
    from janus.escalations.store import EscalationStore

RECENT_CYCLES = 50  # the organisation's newest cycles looked through: years of rounds
RUNNING = ("draft", "nominating", "open", "closed", "reported")  # not yet released, nor cancelled
CASES_PAGE = 100  # the newest cases looked through for those past due


@dataclass(frozen=True)
class HrSources:
    """What HR's overview reads; the cases' store is made on first use (see janus.home.overview.Sources)."""

    directory: DynamoEmployeeDirectory
    cycles: CycleStore
    progress: ProgressStore
    cases: Callable[[], EscalationStore]


def overview(caller: Caller, sources: HrSources) -> dict[str, Any]:
    """The cycles not yet released or cancelled, newest first, each with its progress counters, short
    subjects and deadline; and the open cases past their due date among the organisation's newest."""
    caller.require("hr_admin")
    org, now = caller.org, clock.now()
    running = [c for c in sources.cycles.latest(org, limit=RECENT_CYCLES) if c.state in RUNNING]
    counts = sources.progress.progress_of_cycles(org, [c.id for c in running if c.launched_at])
    from janus.escalations.store import CaseFilter  # loaded with the cases' store, on the overview's first read

    newest = sources.cases().page_for_org(org, CaseFilter(), limit=CASES_PAGE)  # one Query of the newest
    cases, following = newest.cases, newest.after
    late = sorted(
        (c for c in cases if c.state != "closed" and c.due is not None and c.due < now),
        key=lambda c: (c.due, c.id),
    )
    people = {p for c in late for p in (c.employee_id, c.owner) if p}
    found = sources.directory.get_many(org, people) if people else {}

    def name(employee_id: str | None) -> str | None:
        return found[employee_id].name if employee_id in found else None

    return {
        "now": now.isoformat(),
        "cycles": [with_counts(c, counts.get(c.id)) for c in running],
        "cases_past_due": [
            {
                "id": c.id,
                "employee_id": c.employee_id,
                "employee_name": name(c.employee_id),
                "state": c.state,
                "level": c.level,
                "owner": c.owner,
                "owner_name": name(c.owner),
                "due": c.due.isoformat() if c.due else None,
                "path": case_page(c.id),
            }
            for c in late
        ],
        # Cases are read newest first, a page of 100: older open cases past due are not in this list.
        "cases_read": len(cases),
        "more_cases": following is not None,
    }
