"""Development plans on DynamoDB: one item per person (the plan, its actions inline) and its history under the
same partition (keys in ``janus.store.items``). Every save is one TransactWriteItems: the plan, conditional on
the version it was read at (a plan nobody saved yet: on its not existing), and its history entries (puts that
never overwrite)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from janus.development.plan import Plan
from janus.store import cancellation_codes, commit
from janus.store.items import DevelopmentHistoryItem, DevelopmentPlanItem
from janus.store.once import Once

HISTORY_SHOWN = 100


class PlanChanged(Exception):
    """Someone saved the plan since it was read."""


def plan_key(org: str, employee_id: str) -> tuple[str, str]:
    return f"ORG#{org}#DEV#{employee_id}", "PLAN"


class PlanStore:
    def get(self, org: str, employee_id: str, consistent: bool = True) -> Plan | None:
        """The person's plan (one GetItem), or None before it is first saved."""
        try:
            item = DevelopmentPlanItem.get(*plan_key(org, employee_id), consistent_read=consistent)
        except DoesNotExist:
            return None
        return Plan.from_stored(org, employee_id, item.plan, int(item.version))

    def save(self, before: Plan, after: Plan, entries: Sequence[Mapping[str, Any]], once: Once | None = None) -> Plan:
        """Write ``after`` if the plan is still at ``before``'s version, with its history entries (numbered from
        that version on) and the request's idempotency key's record; raises PlanChanged otherwise (``Repeated``
        if the key's change was made already)."""
        version = before.version + 1
        saved = replace(after, version=version)
        pk, sk = plan_key(before.org, before.employee_id)
        item = DevelopmentPlanItem(pk, sk, org=before.org, employee_id=before.employee_id, version=version,
                                   plan=saved.stored())  # fmt: skip
        if before.version == 0:
            condition = DevelopmentPlanItem.PK.does_not_exist()
        else:
            condition = DevelopmentPlanItem.version == before.version
        history = [
            DevelopmentHistoryItem(
                pk,
                f"HIST#{version:08d}#{n:02d}",
                org=before.org,
                employee_id=before.employee_id,
                entry={**entry, "version": version},
            )
            for n, entry in enumerate(entries)
        ]

        def write(transaction: TransactWrite) -> None:
            transaction.save(item, condition=condition)
            for entry in history:
                transaction.save(entry, condition=DevelopmentHistoryItem.PK.does_not_exist())

        try:
            commit(write, once)
        except TransactWriteError as error:
            if "ConditionalCheckFailed" in cancellation_codes(error):
                raise PlanChanged from error
            raise
        return saved

    def history(self, org: str, employee_id: str, limit: int = HISTORY_SHOWN) -> list[dict[str, Any]]:
        """The plan's latest changes, newest first (one Query)."""
        found = DevelopmentHistoryItem.query(
            plan_key(org, employee_id)[0],
            DevelopmentHistoryItem.SK.startswith("HIST#"),
            scan_index_forward=False,
            limit=limit,
        )
        return [dict(item.entry) for item in found]
