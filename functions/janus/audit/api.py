"""HR's reading of the audit log: GET /organisation/audit?person=<id> (who read that person's records) or
?reader=<id> (whose records that person read), newest first, 50 a page. The log has no other route."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.audit.log import RECORDS, AuditLog, after_token, page_token
from janus.kernel.api import caller_of
from janus.kernel.errors import InvalidInput, Problem
from janus.people.employees import EmployeeDirectory


def router(log: AuditLog, directory: EmployeeDirectory) -> Router:
    routes = Router()

    @routes.get("/organisation/audit")
    def get_audit() -> dict[str, Any]:
        caller = caller_of(routes.current_event)
        caller.require("hr_admin")
        query = routes.current_event.get_query_string_value
        person, reader = (query("person") or "").strip(), (query("reader") or "").strip()
        if bool(person) == bool(reader):
            raise InvalidInput(
                "name either the person whose records were read or the reader",
                [Problem("give exactly one of person and reader", "person")],
            )
        after = after_token(query("next"))
        page = log.of_person(caller.org, person, after) if person else log.by_reader(caller.org, reader, after)
        people = directory.get_many(caller.org, {p for r in page.reads for p in (r.person, r.reader)})
        return {
            "reads": [r.as_dict() for r in page.reads],
            "names": {i: e.name for i, e in people.items()},
            "records": list(RECORDS),
            "next": page_token(page.after),
        }

    return routes
