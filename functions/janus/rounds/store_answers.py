"""A rater's answers on DynamoDB: what their link shows, read in one BatchGetItem, and the drafts,
submits and declines written through it, each in one request that moves the cycle's progress with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from pynamodb.constants import ALL_OLD
from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.expressions.condition import size
from pynamodb.transactions import TransactWrite

from janus.kernel import clock
from janus.people.employees import Employee
from janus.people.store import employee_key
from janus.rounds.cycle import Cycle
from janus.rounds.entities import Assignment, LinkWriteRefused
from janus.rounds.keys import cycle_key, responses_key, shard, subject_pk
from janus.rounds.links import Locator
from janus.rounds.store_assignments import (
    CLOSED,
    AssignmentStore,
    assignment_item,
    assignment_of,
    read_assignment,
)
from janus.rounds.store_cycles import cycle_of, read_cycle
from janus.rounds.store_progress import progress_updates, update_with_progress
from janus.rounds.store_raters import people_in
from janus.store import ConditionFailed, cancellation_codes, commit, condition_failed, get_items
from janus.store.items import FANOUT_SHARDS, PROGRESS_SHARDS, AssignmentItem, CycleItem


def _submitted(org: str, cycle_id: str, subject_id: str, rater_id: str, now: datetime) -> list[Any]:
    """What a submit sets besides the answers: the time, and the response's place in the index the
    reports read (the key written at launch; an assignment older than that key is in one of 16)."""
    older, sk = responses_key(org, cycle_id, subject_id, rater_id, FANOUT_SHARDS)
    return [
        AssignmentItem.status.set("submitted"),
        AssignmentItem.submitted_at.set(now),
        AssignmentItem.GSI2PK.set(AssignmentItem.responses_key | older),
        AssignmentItem.GSI2SK.set(sk),
        *CLOSED,
    ]


class AnswerStore:
    """The answers raters give through their links."""

    def link(
        self, org: str, cycle_id: str, subject_id: str, rater_id: str
    ) -> tuple[Assignment | None, Cycle | None, dict[str, Employee]]:
        """What a link shows, in one BatchGetItem: the assignment, the cycle, the subject and the rater."""
        assignment_key = (subject_pk(org, cycle_id, subject_id), f"RATER#{rater_id}")
        cycle = cycle_key(org, cycle_id)
        found = get_items([assignment_key, cycle, *(employee_key(org, e) for e in {subject_id, rater_id})])
        assignment, cycle_found = found.get(assignment_key), found.get(cycle)
        return (
            assignment_of(AssignmentItem.from_raw_data(assignment)) if assignment else None,
            cycle_of(CycleItem.from_raw_data(cycle_found)) if cycle_found else None,
            people_in(found),
        )

    def rater_in_cycle(self, org: str, cycle_id: str, rater_id: str) -> tuple[Cycle | None, Employee | None]:
        """The cycle and the rater, in one BatchGetItem: what a page after an answer needs."""
        cycle = cycle_key(org, cycle_id)
        found = get_items([cycle, employee_key(org, rater_id)])
        cycle_found = found.get(cycle)
        return (
            cycle_of(CycleItem.from_raw_data(cycle_found)) if cycle_found else None,
            people_in(found).get(rater_id),
        )

    def open_assignments_of(self, org: str, cycle_id: str, rater_id: str, shards: int) -> list[Assignment]:
        """The rater's assignments still open in a cycle of ``shards`` shards (pending or in progress): one Query."""
        return AssignmentStore().assignments_of_raters(org, cycle_id, [rater_id], shards)[rater_id]

    def save_answers(
        self,
        assignment: Assignment,
        *,
        ratings: dict[str, Any],
        comments: dict[str, str],
        overall: str | None,
        status: str,
        allowed_from: Sequence[str],
        counters: dict[str, int],
    ) -> None:
        """Write the answers (and the new status) if the assignment is still in ``allowed_from``.

        One request: a plain conditional update, or a transaction with the progress counter
        when the status changes, so the counts can never drift from the assignments.
        """
        a = assignment
        item = assignment_item(a.org, a.cycle_id, a.subject_id, a.rater_id)
        now = clock.now()
        actions = [
            AssignmentItem.ratings.set(ratings),
            AssignmentItem.comments.set(comments),
            AssignmentItem.updated_at.set(now),
        ]
        actions.append(AssignmentItem.overall.set(overall) if overall else AssignmentItem.overall.remove())
        if status == "submitted":
            actions += _submitted(a.org, a.cycle_id, a.subject_id, a.rater_id, now)
        else:
            actions.append(AssignmentItem.status.set(status))
        condition = AssignmentItem.status.is_in(*allowed_from) & (AssignmentItem.link_nonce == a.link_nonce)
        if not counters:
            try:
                item.update(actions=actions, condition=condition)
            except UpdateError as error:
                if condition_failed(error):
                    raise ConditionFailed from error
                raise
            return
        update_with_progress(a, item, actions, condition, counters)

    def submit_through_link(
        self,
        where: Locator,
        *,
        expected: str,
        competencies: Iterable[str],
        ratings: dict[str, Any],
        comments: dict[str, str],
        overall: str | None,
    ) -> None:
        """The answers, submitted in one request (see ``_through_link``)."""
        now = clock.now()
        actions = [
            AssignmentItem.ratings.set(ratings),
            AssignmentItem.comments.set(comments),
            AssignmentItem.updated_at.set(now),
            AssignmentItem.overall.set(overall) if overall else AssignmentItem.overall.remove(),
            *_submitted(where.org, where.cycle_id, where.subject_id, where.rater_id, now),
        ]
        counters = {"submitted": 1, **({"in_progress": -1} if expected == "in_progress" else {})}
        self._through_link(where, expected=expected, actions=actions, counters=counters, competencies=competencies)

    def draft_through_link(
        self,
        where: Locator,
        *,
        expected: str,
        competencies: Iterable[str],
        ratings: dict[str, Any],
        comments: dict[str, str],
        cleared: Iterable[str],
        overall: str | None,
        keep_overall: bool,
    ) -> None:
        """A draft, merged into the saved answers in one request (see ``_through_link``): each answer
        sent is set in the assignment's maps, each comment ``cleared`` removed, the rest kept."""
        actions: list[Any] = [AssignmentItem.ratings[q].set(v) for q, v in ratings.items()]
        actions += [AssignmentItem.comments[c].set(text) for c, text in comments.items()]
        actions += [AssignmentItem.comments[c].remove() for c in cleared]
        if not keep_overall:
            actions.append(AssignmentItem.overall.set(overall) if overall else AssignmentItem.overall.remove())
        actions += [AssignmentItem.status.set("in_progress"), AssignmentItem.updated_at.set(clock.now())]
        counters = {"in_progress": 1} if expected == "pending" else {}
        self._through_link(
            where, expected=expected, actions=actions, counters=counters, competencies=competencies, exact=False
        )

    def decline_through_link(self, where: Locator, *, expected: str, reason: str | None) -> None:
        """The request, declined in one request (see ``_through_link``)."""
        actions = [AssignmentItem.status.set("declined"), AssignmentItem.updated_at.set(clock.now()), *CLOSED]
        if reason:
            actions.append(AssignmentItem.decline_reason.set(reason))
        counters = {"declined": 1, **({"in_progress": -1} if expected == "in_progress" else {})}
        self._through_link(where, expected=expected, actions=actions, counters=counters)

    def _through_link(
        self,
        where: Locator,
        *,
        expected: str,
        actions: list[Any],
        counters: dict[str, int],
        competencies: Iterable[str] | None = None,
        exact: bool = True,
    ) -> None:
        """A rater's write in one TransactWriteItems, without reading first.

        It happens only if the assignment is the one the link was made for, is still ``expected``
        (and asks exactly ``competencies``, when given, or at least them if not ``exact``) and the
        cycle is open; the progress shard's counters, and its department's, move with it. Otherwise
        LinkWriteRefused says how things were.
        """
        item = assignment_item(where.org, where.cycle_id, where.subject_id, where.rater_id)
        condition = (AssignmentItem.status == expected) & (AssignmentItem.link_nonce == where.nonce)
        if competencies is not None:
            wanted = sorted(set(competencies))
            if exact:
                condition &= size(AssignmentItem.competencies) == len(wanted)
            for competency in wanted:
                condition &= AssignmentItem.competencies.contains(competency)
        number = shard(where.subject_id, where.rater_id, shards=PROGRESS_SHARDS)
        # The link names the subject's department (links made before assignments kept it name none).
        updates = progress_updates(where.org, where.cycle_id, number, where.department, counters)
        cycle = cycle_key(where.org, where.cycle_id)

        def write(transaction: TransactWrite) -> None:
            transaction.condition_check(CycleItem, *cycle, condition=CycleItem.state == "open")
            transaction.update(item, actions=actions, condition=condition, return_values=ALL_OLD)
            for progress, additions in updates:
                transaction.update(progress, actions=additions)

        try:
            commit(write)
        except TransactWriteError as error:
            codes = cancellation_codes(error)
            if "ConditionalCheckFailed" not in codes:
                raise
            # The reasons come in the order of the request: the cycle's check, then the assignment.
            cycle_state: str | None = "open"
            if codes[0] == "ConditionalCheckFailed":
                found = read_cycle(where.org, where.cycle_id)
                cycle_state = found.state if found is not None else None
            refused = error.cancellation_reasons[1] if len(codes) > 1 else None
            if refused is not None and refused.code == "ConditionalCheckFailed":
                old = refused.raw_item  # none when there is no such item
                assignment = assignment_of(AssignmentItem.from_raw_data(old)) if old else None
            else:
                assignment = read_assignment(where.org, where.cycle_id, where.subject_id, where.rater_id)
            raise LinkWriteRefused(assignment, cycle_state) from error
