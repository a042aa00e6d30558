"""A closed case is kept the organisation's retention from its closing, and then goes by the table's TTL; an open
one is kept (it is still being worked on)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from janus.escalations.store import EscalationStore
from janus.kernel import clock
from janus.people.organisation import OrgSettings
from janus.people.organisation_store import OrgStore
from janus.store.items import EscalationItem
from tests.unit.escalations.test_case_listing import ORG
from tests.unit.escalations.test_improvement_plans_handed_on import HR, LEAD, PLAN, a_case, step
from tests.unit.escalations.test_improvement_plans_handed_on import world as world  # the fixture


def expires_at(case_id: str) -> int | None:
    found = EscalationItem.get(f"ORG#{ORG}#ESC#{case_id}", "CASE", consistent_read=True).expires_at
    return None if found is None else int(found)


@pytest.mark.parametrize(
    ("last", "caller"),
    [({"type": "review", "outcome": "improved", "notes": "Met"}, LEAD),
     ({"type": "close", "decision": "Left the company"}, HR)],
)  # fmt: skip
def test_a_closed_case_expires_the_organisations_months_after_it_closed(world: Any, last, caller) -> None:
    ports, _ = world
    OrgStore().put(ORG, OrgSettings(time_zone="Europe/Copenhagen", retention_months=24))
    case_id = a_case()
    step(ports, case_id, PLAN)
    assert expires_at(case_id) is None  # open: kept
    clock.advance(timedelta(days=31))  # 2030-04-04 09:00 UTC
    step(ports, case_id, last, caller)
    assert EscalationStore().get(ORG, case_id).state == "closed"  # type: ignore[union-attr]
    assert expires_at(case_id) == int(datetime(2032, 4, 4, 9, tzinfo=UTC).timestamp())
