"""What an erasure reads and writes: the erasures' own records, and items of any kind taken raw.

An erasure removes whole partitions (a check-in and both sides' notes, a goal and its history) and rewrites
others' items where the person's id stands (a rater's answers, a manager's part of a review), whatever the
item's kind; pynamodb reads one model at a time, so these read and write the table's items as DynamoDB holds
them, through the models' one connection.

An erasure's record (PK ORG#<org>#ERASURES, SK EMP#<id>) keeps the id, the pseudonym that stands for the
person wherever others' records keep what they did, who asked, when, and what was removed: the one trace
that the person was here, so that HR can show the erasure was made and an import cannot bring them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError

from janus.store import condition_failed
from janus.store.items import MODELS, ErasureItem

BATCH_WRITE = 25
BATCH_WRITE_ATTEMPTS = 8


def erasures_pk(org: str) -> str:
    return f"ORG#{org}#ERASURES"


@dataclass(frozen=True)
class Erasure:
    org: str
    employee_id: str
    pseudonym: str
    requested_by: str
    requested_at: datetime
    state: str = "erasing"  # erasing, erased
    finished_at: datetime | None = None
    removed: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "employee_id": self.employee_id,
            "state": self.state,
            "requested_by": self.requested_by,
            "requested_at": self.requested_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "removed": dict(self.removed),
        }


def _erasure(item: ErasureItem) -> Erasure:
    return Erasure(
        org=item.org,
        employee_id=item.employee_id,
        pseudonym=item.pseudonym,
        requested_by=item.requested_by,
        requested_at=item.requested_at,
        state=item.state,
        finished_at=item.finished_at,
        removed=dict(item.removed or {}),
    )


class ErasureStore:
    def begin(self, erasure: Erasure) -> Erasure:
        """The erasure's record, made once: a second request while it runs (or after) finds the first."""
        item = ErasureItem(
            erasures_pk(erasure.org),
            f"EMP#{erasure.employee_id}",
            org=erasure.org,
            employee_id=erasure.employee_id,
            pseudonym=erasure.pseudonym,
            requested_by=erasure.requested_by,
            requested_at=erasure.requested_at,
            state=erasure.state,
        )
        try:
            item.save(condition=ErasureItem.PK.does_not_exist())
        except PutError as error:
            if not condition_failed(error):
                raise
            found = self.get(erasure.org, erasure.employee_id)
            if found is None:
                raise
            return found
        return erasure

    def get(self, org: str, employee_id: str) -> Erasure | None:
        try:
            return _erasure(ErasureItem.get(erasures_pk(org), f"EMP#{employee_id}", consistent_read=True))
        except ErasureItem.DoesNotExist:
            return None

    def erased(self, org: str, ids: Iterable[str]) -> set[str]:
        """Which of these ids were erased (or are being): an import leaves them out."""
        wanted = sorted(set(ids))
        keys = [(erasures_pk(org), f"EMP#{i}") for i in wanted]
        return {item.employee_id for item in ErasureItem.batch_get(keys)} if keys else set()

    def listed(self, org: str) -> list[Erasure]:
        return [_erasure(item) for item in ErasureItem.query(erasures_pk(org), scan_index_forward=False)]

    def progress(self, erasure: Erasure, removed: dict[str, int]) -> None:
        item = ErasureItem(erasures_pk(erasure.org), f"EMP#{erasure.employee_id}")
        item.update(actions=[ErasureItem.removed.set(removed)])

    def finish(self, erasure: Erasure, removed: dict[str, int], at: datetime) -> None:
        item = ErasureItem(erasures_pk(erasure.org), f"EMP#{erasure.employee_id}")
        item.update(
            actions=[
                ErasureItem.state.set("erased"),
                ErasureItem.finished_at.set(at),
                ErasureItem.removed.set(removed),
            ]
        )


# ------------------------------------------------------------------ items of any kind, raw


def _connection() -> Any:
    return MODELS[0]._get_connection()


class _Number(str):
    """A number as DynamoDB writes it (text), kept a number."""


def _plain(raw: dict[str, Any]) -> Any:
    """A DynamoDB attribute value as Python (strings, numbers, maps, lists, string sets, booleans, null)."""
    ((kind, value),) = raw.items()
    if kind == "M":
        return {k: _plain(v) for k, v in value.items()}
    if kind == "L":
        return [_plain(v) for v in value]
    if kind == "SS":
        return set(value)
    if kind == "N":
        return _Number(value)
    return None if kind == "NULL" else value


def _raw(value: Any) -> dict[str, Any]:
    if isinstance(value, _Number):
        return {"N": str(value)}
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, set):
        return {"SS": sorted(value)}
    if isinstance(value, dict):
        return {"M": {k: _raw(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"L": [_raw(v) for v in value]}
    return {"S": value}


def partition(pk: str, index: str | None = None) -> Iterator[dict[str, dict[str, Any]]]:
    """Every item of a partition (of the table, or of an index's), raw, a Query page at a time."""
    start = None
    while True:
        page = _connection().query(pk, index_name=index, exclusive_start_key=start)
        yield from page.get("Items", [])
        start = page.get("LastEvaluatedKey")
        if not start:
            return


def keys(items: Iterable[dict[str, dict[str, Any]]]) -> list[tuple[str, str]]:
    return [(item["PK"]["S"], item["SK"]["S"]) for item in items]


def delete(found: Iterable[tuple[str, str]]) -> int:
    """Delete these items, 25 to a BatchWriteItem, what it left unprocessed tried again; how many."""
    wanted = sorted(set(found))
    table = MODELS[0].Meta.table_name
    for start in range(0, len(wanted), BATCH_WRITE):
        page = [{"PK": pk, "SK": sk} for pk, sk in wanted[start : start + BATCH_WRITE]]
        for _ in range(BATCH_WRITE_ATTEMPTS):
            answer = _connection().batch_write_item(delete_items=page)
            left = answer.get("UnprocessedItems", {}).get(table, [])
            page = [{k: v["S"] for k, v in entry["DeleteRequest"]["Key"].items()} for entry in left]
            if not page:
                break
        else:
            raise RuntimeError(f"{len(page)} item(s) could not be deleted after {BATCH_WRITE_ATTEMPTS} attempts")
    return len(wanted)


def put(item: dict[str, dict[str, Any]]) -> None:
    """Write a raw item whole (an item rewritten under a new key, or with the person's id swapped)."""
    connection = _connection().connection
    connection.put_item(MODELS[0].Meta.table_name, item["PK"]["S"], item["SK"]["S"], attributes=item)


def swapped(item: dict[str, dict[str, Any]], old: str, new: str) -> dict[str, dict[str, Any]] | None:
    """The raw item with every value equal to ``old`` (and every key segment of it) made ``new``, JSON held
    as text included; None when nothing in it names ``old``."""
    changed = False

    def swap(value: Any) -> Any:
        nonlocal changed
        if isinstance(value, dict):
            return {swap(k) if isinstance(k, str) else k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, set):
            return {swap(v) for v in value}
        if isinstance(value, str) and not isinstance(value, _Number):
            if value == old:
                changed = True
                return new
            if value[:1] in "{[":
                try:
                    parsed = json.loads(value)
                except ValueError:
                    return value
                again = swap(parsed)
                return json.dumps(again) if again != parsed else value
            if "#" in value and old in value.split("#"):
                changed = True
                return "#".join(new if part == old else part for part in value.split("#"))
        return value

    result = {name: _raw(swap(_plain(value))) for name, value in item.items()}
    return result if changed else None
