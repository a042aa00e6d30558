"""A cycle's raters on DynamoDB: their loads, the claims and marks that send each invitation once,
the addresses that bounced, and the per-rater reminder caps."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pynamodb.constants import ALL_OLD
from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from janus.kernel import clock
from janus.people.employees import Employee
from janus.people.store import employee_key, employee_of
from janus.rounds.cycle import Cycle
from janus.rounds.entities import Rater
from janus.rounds.keys import cycle_key, progress_key, rater_key, shard
from janus.rounds.store_cycles import cycle_of
from janus.rounds.store_progress import counter_actions
from janus.store import cancellation_codes, commit, condition_failed, get_items, write_each
from janus.store.items import PROGRESS_SHARDS, CycleItem, EmployeeItem, ProgressItem, RaterItem

if TYPE_CHECKING:
    from janus.people.organisation import OrgSettings


def rater_of(item: RaterItem) -> Rater:
    return Rater(
        item.employee_id,
        int(item.load),
        item.invited_at,
        item.undeliverable_at,
        item.time_zone,
        item.undeliverable_reason,
    )


def people_in(found: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Employee]:
    """The employees among the items of a BatchGetItem."""
    employees = (employee_of(EmployeeItem.from_raw_data(raw)) for (_, sk), raw in found.items() if sk == "EMPLOYEE")
    return {employee.id: employee for employee in employees}


def _update_each(updates: dict[str, tuple[Any, list[Any], Any]]) -> dict[str, dict[str, Any] | None]:
    """Conditional updates, {id: (item, actions, condition)}, in one TransactWriteItems; those whose
    condition fails are left out and the rest tried again. Returns the refused, each with the item
    as it was (None when there was none)."""

    def update(item: Any, actions: list[Any], condition: Any) -> Callable[[TransactWrite], None]:
        return lambda transaction: transaction.update(item, actions=actions, condition=condition, return_values=ALL_OLD)

    return write_each({key: update(*parts) for key, parts in updates.items()})


class RaterStore:
    """The raters of cycles: how many forms each has, and their invitations."""

    def add_loads(
        self, org: str, cycle_id: str, deltas: dict[str, int], shards: int, subject_id: str | None = None
    ) -> None:
        """Move each rater's load; a rater newly asked about ``subject_id`` keeps it among their subjects (never
        taken off: the set says whom they may have answered about, for an erasure to reach by key)."""
        for rater_id, delta in sorted(deltas.items()):
            if not delta:
                continue
            asked = [RaterItem.subjects.add({subject_id})] if subject_id and delta > 0 else []
            RaterItem(*rater_key(org, cycle_id, rater_id)).update(
                actions=[
                    *asked,
                    RaterItem.load.add(delta),
                    RaterItem.GSI2PK.set(f"ORG#{org}#CYCLE#{cycle_id}#RATERS#{shard(rater_id, shards=shards)}"),
                    RaterItem.GSI2SK.set(rater_id),
                    RaterItem.org.set(org),
                    RaterItem.cycle_id.set(cycle_id),
                    RaterItem.employee_id.set(rater_id),
                ]
            )

    def raters_page(
        self, org: str, cycle_id: str, shard_number: int, start: dict[str, Any] | None, limit: int
    ) -> tuple[list[Rater], dict[str, Any] | None]:
        result = RaterItem.by_shard.query(
            f"ORG#{org}#CYCLE#{cycle_id}#RATERS#{shard_number}", limit=limit, last_evaluated_key=start
        )
        raters = [rater_of(item) for item in result if int(item.load) > 0]
        return raters, result.last_evaluated_key

    def get_rater(self, org: str, cycle_id: str, rater_id: str) -> Rater | None:
        try:
            item = RaterItem.get(*rater_key(org, cycle_id, rater_id))
        except DoesNotExist:
            return None
        return rater_of(item)

    def invitation_context(
        self, org: str, cycle_id: str, rater_ids: Iterable[str], names: Iterable[str], *, states: bool = True
    ) -> tuple[Cycle | None, dict[str, Rater], OrgSettings, dict[str, Employee]]:
        """What invitations need besides the assignments, in BatchGetItem requests of 100: the cycle,
        the raters' states (unless ``states`` is False: reminders claim on them instead), the
        organisation's settings, and the raters and anyone else ``names``."""
        # Only here: the organisation's settings bring its escalation rules, which the feedback
        # form and the reports, importing this module on every cold start, never read.
        from janus.people.organisation_store import settings_key, settings_of

        raters = sorted(set(rater_ids))
        cycle, org_key = cycle_key(org, cycle_id), settings_key(org)
        rater_keys = {r: rater_key(org, cycle_id, r) for r in raters} if states else {}
        people = [employee_key(org, e) for e in {*raters, *names}]
        found = get_items([cycle, org_key, *rater_keys.values(), *people])
        known = {r: rater_of(RaterItem.from_raw_data(found[key])) for r, key in rater_keys.items() if key in found}
        read = cycle_of(CycleItem.from_raw_data(found[cycle])) if cycle in found else None
        return read, known, settings_of(found.get(org_key)), people_in(found)

    def raters_with_people(
        self, org: str, cycle_id: str, rater_ids: Iterable[str]
    ) -> tuple[dict[str, Rater], dict[str, Employee]]:
        """The raters' states in the cycle (invited, address undeliverable) and the raters as employees
        (their names): one BatchGetItem per 50 raters."""
        raters = sorted(set(rater_ids))
        keys = {r: rater_key(org, cycle_id, r) for r in raters}
        found = get_items([*keys.values(), *(employee_key(org, r) for r in raters)])
        states = {r: rater_of(RaterItem.from_raw_data(found[key])) for r, key in keys.items() if key in found}
        return states, people_in(found)

    def claim_invitations(self, org: str, cycle_id: str, rater_ids: Sequence[str], lease: timedelta) -> dict[str, str]:
        """The right to send each rater's invitation for ``lease``, taken on the raters' items in one
        transaction (up to 100 raters).

        Per rater: "claimed"; "invited" when theirs went already; "busy" when another delivery holds
        the right (it may yet fail: its lease runs out and the next delivery claims).
        """
        now = clock.now()
        condition = RaterItem.invited_at.does_not_exist() & (
            RaterItem.inviting_until.does_not_exist() | (RaterItem.inviting_until < now)
        )
        refused = _update_each(
            {
                rater_id: (
                    RaterItem(*rater_key(org, cycle_id, rater_id)),
                    [RaterItem.inviting_until.set(now + lease)],
                    condition,
                )
                for rater_id in rater_ids
            }
        )
        return {
            rater_id: ("invited" if (refused[rater_id] or {}).get("invited_at") else "busy")
            if rater_id in refused
            else "claimed"
            for rater_id in rater_ids
        }

    def mark_invited(self, org: str, cycle_id: str, marks: Sequence[tuple[str, str | None, int]]) -> None:
        """Raters' invited marks, each (rater, time zone, links), and the cycle's invited count: one
        transaction (up to 99 raters), and each rater counted once."""
        if not marks:
            return
        now = clock.now()

        def update(transaction: TransactWrite, rater_id: str, time_zone: str | None) -> None:
            actions = [RaterItem.invited_at.set(now), RaterItem.inviting_until.remove()]
            if time_zone:
                actions.append(RaterItem.time_zone.set(time_zone))
            rater = RaterItem(*rater_key(org, cycle_id, rater_id))
            transaction.update(rater, actions=actions, condition=RaterItem.invited_at.does_not_exist())

        def write(transaction: TransactWrite) -> None:
            for rater_id, time_zone, _ in marks:
                update(transaction, rater_id, time_zone)
            number = shard(f"invited/{marks[0][0]}", shards=PROGRESS_SHARDS)
            progress = ProgressItem(*progress_key(org, cycle_id, number))
            transaction.update(progress, actions=counter_actions({"invited": sum(links for *_, links in marks)}))

        try:
            commit(write)
        except TransactWriteError as error:
            if "ConditionalCheckFailed" not in cancellation_codes(error):
                raise
            if len(marks) > 1:  # one was marked meanwhile: each on its own, so that the others count
                for mark in marks:
                    self.mark_invited(org, cycle_id, [mark])
            # a single rater marked already was counted already

    def mark_undeliverable(self, org: str, cycle_id: str, rater_id: str, reason: str) -> bool:
        """Record a bounce or complaint once; returns False when it was already recorded."""
        try:
            RaterItem(*rater_key(org, cycle_id, rater_id)).update(
                actions=[RaterItem.undeliverable_at.set(clock.now()), RaterItem.undeliverable_reason.set(reason)],
                condition=RaterItem.PK.exists() & RaterItem.undeliverable_at.does_not_exist(),
            )
        except UpdateError as error:
            if condition_failed(error):
                return False
            raise
        return True


class ReminderStore:
    """The per-rater reminder caps."""

    def claim_reminders(
        self, org: str, cycle_id: str, today: dict[str, str], most: int, lease: timedelta, slot: str | None = None
    ) -> dict[str, str]:
        """The right to send each rater today's reminder for ``lease`` (``today`` is each one's local date),
        unless they had one that day, or this ``slot``'s (``Slot.key``; HR's nudge has none) whatever the day,
        or have had ``most``, or their address bounced: one transaction (up to 100 raters). The reminder is
        counted by ``mark_reminded`` once sent, so a delivery that fails or dies between claiming and sending
        loses nothing: its lease runs out and the next delivery claims.

        Per rater "claimed", "busy" (another delivery holds the right), "address undeliverable" or
        "reminder cap reached" (had today's or the slot's, or ``most``)."""
        now = clock.now()
        refused = _update_each(
            {
                rater_id: (
                    RaterItem(*rater_key(org, cycle_id, rater_id)),
                    [RaterItem.reminding_until.set(now + lease)],
                    _not_reminded(date, slot)
                    & (RaterItem.reminder_count.does_not_exist() | (RaterItem.reminder_count < most))
                    & RaterItem.undeliverable_at.does_not_exist()
                    & (RaterItem.reminding_until.does_not_exist() | (RaterItem.reminding_until < now))
                    & RaterItem.PK.exists(),
                )
                for rater_id, date in today.items()
            }
        )
        return {rater_id: _reminder_refusal(refused[rater_id], today[rater_id], most, now, slot)
                if rater_id in refused else "claimed" for rater_id in today}  # fmt: skip

    def mark_reminded(self, org: str, cycle_id: str, sent: dict[str, str], slot: str | None = None) -> None:
        """Count the reminder each rater was sent on their local date ``sent[rater]`` (for ``slot``, if it was
        a slot's) and let go of the claim: one transaction (up to 100 raters); a rater already counted for that
        date or that slot is counted once."""
        if not sent:
            return
        remembered = [RaterItem.reminded_slots.add({slot})] if slot else []
        _update_each(
            {
                rater_id: (
                    RaterItem(*rater_key(org, cycle_id, rater_id)),
                    [RaterItem.reminder_count.add(1), RaterItem.last_reminded_on.set(date),
                     RaterItem.reminding_until.remove(), *remembered],
                    _not_reminded(date, slot) & RaterItem.PK.exists(),
                )
                for rater_id, date in sent.items()
            }
        )  # fmt: skip


def _not_reminded(date: str, slot: str | None) -> Any:
    """The condition that the rater had no reminder on their local ``date``, nor the ``slot``'s if there is one."""
    condition = RaterItem.last_reminded_on.does_not_exist() | (RaterItem.last_reminded_on != date)
    if slot is None:
        return condition
    return condition & (RaterItem.reminded_slots.does_not_exist() | ~RaterItem.reminded_slots.contains(slot))


def _reminder_refusal(item: dict[str, Any] | None, date: str, most: int, now: datetime, slot: str | None) -> str:
    """Why a rater's reminder was not claimed, from their item as it was (DynamoDB's attribute values)."""
    found = {name: next(iter(value.values())) for name, value in (item or {}).items() if isinstance(value, dict)}
    if found.get("undeliverable_at"):
        return "address undeliverable"
    if found.get("last_reminded_on") == date or int(found.get("reminder_count") or 0) >= most:
        return "reminder cap reached"
    if slot is not None and slot in (found.get("reminded_slots") or ()):
        return "reminder cap reached"
    until = found.get("reminding_until")
    if until and RaterItem.reminding_until.deserialize(until) >= now:
        return "busy"
    return "reminder cap reached"
