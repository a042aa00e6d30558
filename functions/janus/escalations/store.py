"""Escalation cases on DynamoDB: one item per case, the case as JSON beside its keys (and its state and
department, which HR's listing filters on).

``create_if_absent`` is a conditional put and ``create_all_if_absent`` the same for a batch, up to
100 puts to a transaction, so one employee has one case per cause however often the event that
opens it is delivered; ``save`` is an optimistic update on ``version``, so two people acting on a
case at once cannot overwrite each other (the loser gets ConditionFailed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError
from pynamodb.transactions import TransactWrite

from janus.escalations.case import Case
from janus.store import TRANSACTION_ITEMS, ConditionFailed, condition_failed, write_each
from janus.store.items import EscalationItem

# HR's listing: a page answers at most LISTED cases, and examines at most QUERIES Query pages of EXAMINED
# cases each (400 items read before the filter), whatever the organisation's size; it hands on where it stopped.
LISTED = 50
EXAMINED = 100
QUERIES = 4


@dataclass(frozen=True)
class CaseFilter:
    """Which of the organisation's cases a listing keeps: any of ``states`` (all when empty), and those that
    opened in ``department`` (all when None; a case opened before cases kept it is in none)."""

    states: frozenset[str] = field(default_factory=frozenset)
    department: str | None = None

    def condition(self) -> Any:
        conditions = []
        if self.states:
            conditions.append(EscalationItem.state.is_in(*sorted(self.states)))
        if self.department is not None:
            conditions.append(EscalationItem.department == self.department)
        if not conditions:
            return None
        return conditions[0] if len(conditions) == 1 else conditions[0] & conditions[1]


@dataclass(frozen=True)
class CasePage:
    """A page of cases, newest first, and the sort key of the last case examined (None: no more to examine)."""

    cases: list[Case]
    after: str | None


def _key(org: str, case_id: str) -> tuple[str, str]:
    return f"ORG#{org}#ESC#{case_id}", "CASE"


def _employee_pk(org: str, employee_id: str) -> str:
    return f"ORG#{org}#ESC#EMP#{employee_id}"


def _org_pk(org: str) -> str:
    return f"ORG#{org}#ESCALATIONS"


def _case(item: EscalationItem) -> Case:
    return replace(Case.from_dict(item.case), version=int(item.version))


def _new_item(case: Case) -> EscalationItem:
    order = f"{case.opened_at.isoformat()}#{case.id}"
    return EscalationItem(
        *_key(case.org, case.id),
        GSI1PK=_employee_pk(case.org, case.employee_id),
        GSI1SK=order,
        GSI2PK=_org_pk(case.org),
        GSI2SK=order,
        org=case.org,
        case_id=case.id,
        employee_id=case.employee_id,
        state=case.state,
        department=case.department,
        version=0,
        case=replace(case, version=0).as_dict(),
    )


def _put_new(item: EscalationItem) -> Callable[[TransactWrite], None]:
    return lambda transaction: transaction.save(item, condition=EscalationItem.PK.does_not_exist())


class EscalationStore:
    def create_if_absent(self, case: Case) -> bool:
        """Store a new case; False when a case with its id (same employee, same cause) exists."""
        try:
            _new_item(case).save(condition=EscalationItem.PK.does_not_exist())
        except PutError as error:
            if condition_failed(error):
                return False
            raise
        return True

    def create_all_if_absent(self, cases: Sequence[Case]) -> Iterator[list[Case]]:
        """Store new cases (distinct ids), up to 100 to a TransactWriteItems, leaving out those whose id
        exists already; yields, transaction by transaction, the cases created."""
        for start in range(0, len(cases), TRANSACTION_ITEMS):
            batch = cases[start : start + TRANSACTION_ITEMS]
            refused = write_each({case.id: _put_new(_new_item(case)) for case in batch})
            yield [case for case in batch if case.id not in refused]

    def get(self, org: str, case_id: str) -> Case | None:
        try:
            return _case(EscalationItem.get(*_key(org, case_id), consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, case: Case, expected_version: int, expires_at: int | None = None) -> Case:
        """Write the case if nobody saved it since ``expected_version``; returns it with its new version.
        ``expires_at``: the case closed, the epoch second the table lets it go (its TTL)."""
        saved = replace(case, version=expected_version + 1)
        item = EscalationItem(*_key(case.org, case.id))
        actions = [
            EscalationItem.case.set(saved.as_dict()),
            EscalationItem.state.set(case.state),
            EscalationItem.version.set(saved.version),
        ]
        if expires_at is not None:
            actions.append(EscalationItem.expires_at.set(expires_at))
        try:
            item.update(
                actions=actions,
                condition=EscalationItem.PK.exists() & (EscalationItem.version == expected_version),
            )
        except UpdateError as error:
            if condition_failed(error):
                raise ConditionFailed from error
            raise
        return saved

    def page_for_org(self, org: str, where: CaseFilter, after: str | None = None, limit: int = LISTED) -> CasePage:
        """Up to ``limit`` of the organisation's cases that ``where`` keeps, newest first, from after the sort key
        ``after`` (``<opened_at>#<case id>``, as a page handed it on). At most QUERIES Query requests of
        EXAMINED items: a filter that keeps few cases answers a short (even empty) page and where to go on."""
        condition = where.condition()
        pages = EscalationItem.by_org.query(
            _org_pk(org),
            scan_index_forward=False,
            filter_condition=condition,
            page_size=EXAMINED if condition is not None else limit,
            last_evaluated_key=self._start(org, after),
        ).page_iter
        kept: list[dict[str, Any]] = []
        for _ in range(QUERIES):
            try:
                kept += next(pages).get("Items", [])
            except StopIteration:
                break
            if len(kept) >= limit or pages.last_evaluated_key is None:
                break
        last = pages.last_evaluated_key
        if len(kept) > limit:  # the last page kept more than the listing answers: go on after the last one shown
            kept = kept[:limit]
            last = kept[-1]
        cases = [_case(EscalationItem.from_raw_data(raw)) for raw in kept]
        return CasePage(cases, last["GSI2SK"]["S"] if last else None)

    @staticmethod
    def _start(org: str, after: str | None) -> dict[str, Any] | None:
        """The exclusive start key of the organisation's index after sort key ``after`` (which names its case)."""
        if after is None:
            return None
        case_id = after.rsplit("#", 1)[-1]
        pk, sk = _key(org, case_id)
        return {"PK": {"S": pk}, "SK": {"S": sk}, "GSI2PK": {"S": _org_pk(org)}, "GSI2SK": {"S": after}}

    def list_for_employees(self, org: str, employee_ids: Iterable[str]) -> list[Case]:
        """Every case of these employees (one Query each), newest first."""
        cases = [
            _case(item)
            for employee_id in sorted(set(employee_ids))
            for item in EscalationItem.by_employee.query(_employee_pk(org, employee_id), scan_index_forward=False)
        ]
        return sorted(cases, key=lambda c: (c.opened_at, c.id), reverse=True)
