"""Check-ins on DynamoDB (keys in ``janus.store.items``; the design in docs/architecture.md, "Check-ins").

A check-in is one item with its agenda as JSON; each author's private notes are an item of their own under the
check-in's key, ``NOTE#<author>``, which only a read by that author's key ever fetches. A pair (an employee and
their manager) is one item: cadence, next slot, counts and open action items; its action items sit under the
pair's key. Each department's counters are one item of the organisation's check-in statistics.

Every write that moves a counter moves it in the same TransactWriteItems as the write that counts: a topic
with its check-in, a completed check-in with its pair's slot, a missed slot with the pair.

``expires_at`` (the table's time to live, ``janus.kernel.retention``) rides in the writes that happen anyway: each
write of a check-in or of private notes sets the stamp the flow gives it, and an action item gets its own when done.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from janus.checkins.checkin import CheckIn
from janus.store import cancellation_codes, commit, get_items
from janus.store.items import (
    CheckInActionItem,
    CheckInItem,
    CheckInNoteItem,
    CheckInPairItem,
    CheckInStatsItem,
)
from janus.store.once import Once

LISTED = 50  # an employee's newest check-ins a list shows


class CheckInChanged(Exception):
    """The check-in or the pair was saved by someone else since it was read."""


def check_in_key(org: str, check_in_id: str) -> tuple[str, str]:
    return f"ORG#{org}#CHECKIN#{check_in_id}", "CHECKIN"


def note_key(org: str, check_in_id: str, author: str) -> tuple[str, str]:
    return f"ORG#{org}#CHECKIN#{check_in_id}", f"NOTE#{author}"


def pair_key(org: str, employee_id: str) -> tuple[str, str]:
    return f"ORG#{org}#CHECKINS#PAIR#{employee_id}", "PAIR"


def action_key(org: str, employee_id: str, action_id: str) -> tuple[str, str]:
    return f"ORG#{org}#CHECKINS#PAIR#{employee_id}", f"ACTION#{action_id}"


def stats_pk(org: str) -> str:
    return f"ORG#{org}#CHECKINS#STATS"


def _employee_pk(org: str, employee_id: str) -> str:
    return f"ORG#{org}#CHECKINS#EMP#{employee_id}"


@dataclass(frozen=True)
class Pair:
    org: str
    employee_id: str
    manager_id: str
    department: str
    cadence: str | None = None
    next_due: datetime | None = None
    slot: int = 0
    held: int = 0
    missed: int = 0
    count: int = 0
    last_check_in: str | None = None
    last_held_at: datetime | None = None
    open_actions: frozenset[str] = field(default_factory=frozenset)
    owed: frozenset[str] = field(default_factory=frozenset)
    owed_slot: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "employee_id": self.employee_id,
            "manager_id": self.manager_id,
            "cadence": self.cadence,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "held": self.held,
            "missed": self.missed,
            "last_check_in": self.last_check_in,
            "last_held_at": self.last_held_at.isoformat() if self.last_held_at else None,
        }


def _pair_of(item: CheckInPairItem) -> Pair:
    return Pair(
        org=item.org,
        employee_id=item.employee_id,
        manager_id=item.manager_id,
        department=item.department,
        cadence=item.cadence,
        next_due=item.next_due,
        slot=int(item.slot or 0),
        held=int(item.held or 0),
        missed=int(item.missed or 0),
        count=int(item.count or 0),
        last_check_in=item.last_check_in,
        last_held_at=item.last_held_at,
        open_actions=frozenset(item.open_actions or ()),
        owed=frozenset(item.owed or ()),
        owed_slot=int(item.owed_slot) if item.owed_slot is not None else None,
    )


def _check_in_of(item: CheckInItem) -> CheckIn:
    return CheckIn.from_stored(item.org, item.check_in_id, item.check_in, int(item.version))


Write = Callable[[TransactWrite], None]


def _count(org: str, department: str, **added: int) -> Write:
    """Add to a department's counters (the item is made by its first count)."""
    item = CheckInStatsItem(stats_pk(org), f"DEPT#{department}")
    actions = [CheckInStatsItem.org.set(org), CheckInStatsItem.department.set(department)]
    actions += [getattr(CheckInStatsItem, name).add(value) for name, value in added.items()]
    return lambda transaction: transaction.update(item, actions=actions)


def _new_pair(pair: Pair) -> Write:
    item = CheckInPairItem(
        *pair_key(pair.org, pair.employee_id),
        org=pair.org,
        employee_id=pair.employee_id,
        manager_id=pair.manager_id,
        department=pair.department,
        cadence=pair.cadence,
        next_due=pair.next_due,
        slot=pair.slot,
        held=0,
        missed=0,
        count=pair.count,
        last_check_in=pair.last_check_in,
    )
    return lambda transaction: transaction.save(item, condition=CheckInPairItem.PK.does_not_exist())


def _pair_update(org: str, employee_id: str, actions: list[Any], condition: Any = None) -> Write:
    item = CheckInPairItem(*pair_key(org, employee_id))
    wanted = CheckInPairItem.PK.exists() if condition is None else CheckInPairItem.PK.exists() & condition
    return lambda transaction: transaction.update(item, actions=actions, condition=wanted)


def _check_in_update(before: CheckIn, after: CheckIn, expires_at: int | None, extra: Any = None) -> Write:
    item = CheckInItem(*check_in_key(before.org, before.id))
    condition = CheckInItem.PK.exists() & (CheckInItem.version == before.version)
    if extra is not None:
        condition = condition & extra
    actions = [
        CheckInItem.check_in.set(after.stored()),
        CheckInItem.state.set(after.state),
        CheckInItem.version.set(before.version + 1),
    ]
    if expires_at is not None:
        actions.append(CheckInItem.expires_at.set(expires_at))
    return lambda transaction: transaction.update(item, actions=actions, condition=condition)


def _commit(writes: list[Write], once: Once | None = None) -> None:
    def write(transaction: TransactWrite) -> None:
        for add in writes:
            add(transaction)

    try:
        commit(write, once)
    except TransactWriteError as error:
        if "ConditionalCheckFailed" in cancellation_codes(error):
            raise CheckInChanged from error
        raise


class CheckInStore:
    # ------------------------------------------------------------------ reads
    def get(self, org: str, check_in_id: str) -> CheckIn | None:
        try:
            return _check_in_of(CheckInItem.get(*check_in_key(org, check_in_id), consistent_read=True))
        except DoesNotExist:
            return None

    def get_with_note(self, org: str, check_in_id: str, author: str) -> tuple[CheckIn | None, dict[str, Any] | None]:
        """A check-in and the private notes of ``author`` on it (one BatchGetItem); nobody else's are read."""
        keys = [check_in_key(org, check_in_id), note_key(org, check_in_id, author)]
        found = get_items(keys, consistent=True)
        raw = found.get(keys[0])
        if raw is None:
            return None, None
        note_raw = found.get(keys[1])
        note = None
        if note_raw is not None:
            item = CheckInNoteItem.from_raw_data(note_raw)
            if item.author == author:
                note = {"text": item.text, "updated_at": item.updated_at.isoformat()}
        return _check_in_of(CheckInItem.from_raw_data(raw)), note

    def of_employee(self, org: str, employee_id: str, limit: int = LISTED) -> list[CheckIn]:
        """An employee's check-ins, newest first (one Query page)."""
        result = CheckInItem.by_employee.query(
            _employee_pk(org, employee_id), scan_index_forward=False, limit=limit, page_size=limit
        )
        return [_check_in_of(item) for item in result]

    def pair(self, org: str, employee_id: str) -> Pair | None:
        try:
            return _pair_of(CheckInPairItem.get(*pair_key(org, employee_id), consistent_read=True))
        except DoesNotExist:
            return None

    def actions(self, org: str, employee_id: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """A pair's action items by id (one BatchGetItem per 100)."""
        found = get_items((action_key(org, employee_id, action_id) for action_id in ids), consistent=True)
        actions = (CheckInActionItem.from_raw_data(raw) for raw in found.values())
        return {item.action["id"]: {**item.action, "done": bool(item.done)} for item in actions}

    def stats(self, org: str) -> list[dict[str, Any]]:
        """Every department's counters (one Query: a row a department, however many people)."""
        return [
            {
                "department": item.department,
                "pairs": int(item.pairs or 0),
                "topics_employee": int(item.topics_employee or 0),
                "topics_manager": int(item.topics_manager or 0),
                "held": int(item.held or 0),
                "missed": int(item.missed or 0),
            }
            for item in CheckInStatsItem.query(stats_pk(org), CheckInStatsItem.SK.startswith("DEPT#"))
        ]

    # ------------------------------------------------------------------ writes
    def set_cadence(self, before: Pair | None, after: Pair) -> None:
        """A new pair (counted in its department) or a pair's new cadence and next slot."""
        if before is None:
            _commit([_new_pair(after), _count(after.org, after.department, pairs=1)])
            return
        actions = [
            CheckInPairItem.cadence.set(after.cadence),
            CheckInPairItem.next_due.set(after.next_due),
            CheckInPairItem.slot.set(after.slot),
            CheckInPairItem.manager_id.set(after.manager_id),
        ]
        _commit([_pair_update(after.org, after.employee_id, actions, CheckInPairItem.slot == before.slot)])

    def create(
        self,
        check_in: CheckIn,
        before: Pair | None,
        pair: Pair,
        drop_open: bool = False,
        expires_at: int | None = None,
        once: Once | None = None,
    ) -> None:
        """A new check-in, and its pair told of it (made, and counted in its department, if new); ``drop_open``
        forgets the pair's open action items (the employee has a new manager: they stay in the old check-ins).
        ``once``: the request's idempotency key, whose record joins the write."""
        item = CheckInItem(
            *check_in_key(check_in.org, check_in.id),
            GSI1PK=_employee_pk(check_in.org, check_in.employee_id),
            GSI1SK=f"{check_in.date}#{check_in.created_at}#{check_in.id}",
            GSI2PK=f"ORG#{check_in.org}#CHECKINS#MGR#{check_in.manager_id}",
            GSI2SK=f"{check_in.date}#{check_in.created_at}#{check_in.id}",
            org=check_in.org,
            check_in_id=check_in.id,
            employee_id=check_in.employee_id,
            manager_id=check_in.manager_id,
            state=check_in.state,
            version=1,
            check_in=check_in.stored(),
            expires_at=expires_at,
        )
        writes: list[Write] = [lambda transaction: transaction.save(item, condition=CheckInItem.PK.does_not_exist())]
        if before is None:
            writes += [_new_pair(pair), _count(pair.org, pair.department, pairs=1)]
        else:
            actions = [
                CheckInPairItem.count.add(1),
                CheckInPairItem.last_check_in.set(check_in.id),
                CheckInPairItem.manager_id.set(pair.manager_id),
            ]
            if drop_open:
                actions.append(CheckInPairItem.open_actions.remove())
            writes.append(_pair_update(pair.org, pair.employee_id, actions))
        _commit(writes, once)

    def add_topic(
        self, before: CheckIn, after: CheckIn, side: str, expires_at: int | None = None, once: Once | None = None
    ) -> None:
        """The topic with its side counted in the department, together (with the idempotency key's record)."""
        counted = _count(before.org, before.department, **{f"topics_{side}": 1})
        _commit([_check_in_update(before, after, expires_at), counted], once)

    def save_notes(
        self,
        before: CheckIn,
        after: CheckIn | None,
        author: str,
        private: str | None,
        at: datetime,
        expires_at: int | None = None,
    ) -> None:
        """The shared notes (in ``after``) and/or the author's private notes (empty removes them), together."""
        writes: list[Write] = [_check_in_update(before, after, expires_at)] if after is not None else []
        if private is not None:
            pk, sk = note_key(before.org, before.id, author)
            if private:
                note = CheckInNoteItem(
                    pk,
                    sk,
                    org=before.org,
                    check_in_id=before.id,
                    author=author,
                    text=private,
                    updated_at=at,
                    expires_at=expires_at,
                )
                writes.append(lambda transaction: transaction.save(note))
            else:
                gone = CheckInNoteItem(pk, sk)
                writes.append(lambda transaction: transaction.delete(gone))
        _commit(writes)

    def add_action(
        self,
        before: CheckIn,
        after: CheckIn,
        action: dict[str, Any],
        expires_at: int | None = None,
        once: Once | None = None,
    ) -> None:
        """A new action item of the pair, listed by the check-in and open on the pair (with the idempotency key's
        record)."""
        item = CheckInActionItem(
            *action_key(before.org, before.employee_id, action["id"]), org=before.org, action=action, done=False
        )
        writes = [
            _check_in_update(before, after, expires_at),
            lambda transaction: transaction.save(item, condition=CheckInActionItem.PK.does_not_exist()),
            _pair_update(before.org, before.employee_id, [CheckInPairItem.open_actions.add({action["id"]})]),
        ]
        _commit(writes, once)

    def mark_done(self, org: str, employee_id: str, action: dict[str, Any], expires_at: int | None = None) -> None:
        """The action item done (once) and no longer open on the pair."""
        item = CheckInActionItem(*action_key(org, employee_id, action["id"]))
        condition = CheckInActionItem.PK.exists() & (CheckInActionItem.done == False)  # noqa: E712 - a condition
        actions = [
            CheckInActionItem.action.set({k: v for k, v in action.items() if k != "done"}),
            CheckInActionItem.done.set(True),
        ]
        if expires_at is not None:
            actions.append(CheckInActionItem.expires_at.set(expires_at))
        writes = [
            lambda transaction: transaction.update(item, actions=actions, condition=condition),
            _pair_update(org, employee_id, [CheckInPairItem.open_actions.delete({action["id"]})]),
        ]
        _commit(writes)

    def complete(
        self,
        before: CheckIn,
        after: CheckIn,
        pair: Pair,
        next_due: datetime | None,
        at: datetime,
        missed: bool,
        expires_at: int | None = None,
    ) -> None:
        """The check-in held: its pair's slot moves on (numbered anew, so that the old slot's schedule finds it
        moved) and the department counts it held, together; ``missed``: its slot had passed uncounted (its
        schedule late or lost), and is counted missed with it."""
        actions = [
            CheckInPairItem.slot.set(pair.slot + 1),
            CheckInPairItem.held.add(1),
            CheckInPairItem.last_held_at.set(at),
            CheckInPairItem.last_check_in.set(before.id),
        ]
        actions.append(CheckInPairItem.next_due.set(next_due) if next_due else CheckInPairItem.next_due.remove())
        if missed:
            actions.append(CheckInPairItem.missed.add(1))
        writes = [
            _check_in_update(before, after, expires_at, CheckInItem.state == "open"),
            _pair_update(pair.org, pair.employee_id, actions, CheckInPairItem.slot == pair.slot),
            _count(pair.org, pair.department, held=1, **({"missed": 1} if missed else {})),
        ]
        _commit(writes)

    def miss(self, pair: Pair, next_due: datetime, owed: Iterable[str]) -> bool:
        """The pair's slot counted missed, the next one set and the nudges owed recorded, with the department's
        count; False when the slot had moved on already (held, or missed by an earlier firing)."""
        actions = [
            CheckInPairItem.slot.set(pair.slot + 1),
            CheckInPairItem.next_due.set(next_due),
            CheckInPairItem.missed.add(1),
            CheckInPairItem.owed.set(set(owed)),
            CheckInPairItem.owed_slot.set(pair.slot),
            CheckInPairItem.claims.remove(),  # the last slot's claims, done with
        ]
        writes = [
            _pair_update(pair.org, pair.employee_id, actions, CheckInPairItem.slot == pair.slot),
            _count(pair.org, pair.department, missed=1),
        ]
        try:
            _commit(writes)
        except CheckInChanged:
            return False
        return True

    def claim_owed(self, org: str, employee_id: str, slot: int, person: str) -> bool:
        """Take ``person`` off the nudges owed for ``slot``: True for the one delivery that does. The claim leaves a
        mark of its own, so that botocore's retry of a claim that applied (DynamoDB's 500 after the write), refused
        by its own write, still knows it claimed (a GetItem, on that path only)."""
        mark = f"{slot}#{person}#{os.urandom(6).hex()}"
        item = CheckInPairItem(*pair_key(org, employee_id))
        condition = CheckInPairItem.owed.contains(person) & (CheckInPairItem.owed_slot == slot)
        try:
            item.update(actions=[CheckInPairItem.owed.delete({person}), CheckInPairItem.claims.add({mark})],
                        condition=condition)  # fmt: skip
        except UpdateError as error:
            if "ConditionalCheckFailed" not in str(error):
                raise
            try:
                return mark in (CheckInPairItem.get(*pair_key(org, employee_id), consistent_read=True).claims or ())
            except DoesNotExist:
                return False
        return True

    def release_owed(self, org: str, employee_id: str, slot: int, person: str) -> None:
        """Owe the nudge again (its e-mail could not go), so that the message's next delivery sends it."""
        item = CheckInPairItem(*pair_key(org, employee_id))
        item.update(actions=[CheckInPairItem.owed.add({person})], condition=CheckInPairItem.owed_slot == slot)
