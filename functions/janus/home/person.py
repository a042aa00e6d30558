"""A person's page for HR (``GET /employees/{id}/overview``): who they are, the chain of managers above them,
their direct reports and the rounds they are a subject of, in one request.

A read model like janus.home.overview, at the same floor: the person and each manager above them (one
BatchGetItem a level, at most the hierarchy's depth limit), the first page of their direct reports (one
Query), the organisation's latest cycles (one Query) and the person's subject records in them (one
BatchGetItem). Nothing read grows with the size of the organisation.
"""

from __future__ import annotations

from typing import Any

from janus.home.overview import RECENT_CYCLES, Sources
from janus.kernel.caller import Caller
from janus.kernel.console import report_page
from janus.people import listing
from janus.people.employees import MAX_HIERARCHY_DEPTH, Employee, get_employee

REPORTS_PAGE = listing.PAGE


def person(caller: Caller, employee_id: str, sources: Sources) -> dict[str, Any]:
    caller.require("hr_admin")
    org = caller.org
    employee = get_employee(org, employee_id, sources.directory)
    managers = _managers_above(org, employee, sources)
    reports = listing.list_people(
        org, listing.Search(manager=employee.id), None, sources.directory, REPORTS_PAGE, known={employee.id: employee}
    )
    cycles = sources.cycles.latest(org, limit=RECENT_CYCLES)
    mine = {s.cycle_id: s for s in sources.subjects.get_pairs(org, [(c.id, employee.id) for c in cycles])}
    return {
        "employee": {**employee.as_dict(), "manager_name": managers[0]["name"] if managers else None},
        "managers": managers,
        "reports": reports,
        "rounds": [
            {
                "cycle_id": cycle.id,
                "cycle_name": cycle.name,
                "kind": cycle.kind,
                "state": cycle.state,
                "deadline": cycle.deadline.isoformat(),
                "time_zone": cycle.time_zone,
                "raters": len(mine[cycle.id].raters),
                "report_path": report_page(cycle.id, employee.id) if mine[cycle.id].report_digest else None,
            }
            for cycle in cycles
            if cycle.id in mine
        ],
    }


def _managers_above(org: str, employee: Employee, sources: Sources) -> list[dict[str, Any]]:
    """Nearest first, up to the top: one read a level, never more levels than the hierarchy may have."""
    chain: list[dict[str, Any]] = []
    seen = {employee.id}
    current = employee
    while current.manager_id and current.manager_id not in seen and len(chain) < MAX_HIERARCHY_DEPTH:
        above = sources.directory.get_many(org, [current.manager_id]).get(current.manager_id)
        if above is None:  # left out of an import since: the id is all there is
            chain.append({"id": current.manager_id, "name": None, "active": False})
            break
        chain.append({"id": above.id, "name": above.name, "active": above.active})
        seen.add(above.id)
        current = above
    return chain
