"""Raters' assignments on DynamoDB: written at launch, read by rater (the open ones, for invitations
and reminders) or by subject (the submitted ones, for reports), withdrawn, and stamped to expire once
their cycle closed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pynamodb.attributes import MapAttribute
from pynamodb.exceptions import DoesNotExist

from janus.kernel import clock
from janus.rounds.entities import Assignment, Subject
from janus.rounds.keys import asked_pk, responses_pk, shard, subject_pk
from janus.rounds.links import new_nonce
from janus.rounds.store_progress import update_with_progress
from janus.store import TRANSACTION_ITEMS, write_each
from janus.store.items import AssignmentItem

# An assignment no longer open leaves its rater's shard (GSI1): invitations and reminders read
# only the open ones, not the answers of those submitted.
CLOSED = (AssignmentItem.GSI1PK.remove(), AssignmentItem.GSI1SK.remove())


def _plain(value: Any) -> dict[str, Any]:
    return value.as_dict() if isinstance(value, MapAttribute) else dict(value or {})


def assignment_of(item: AssignmentItem) -> Assignment:
    return Assignment(
        org=item.org,
        cycle_id=item.cycle_id,
        subject_id=item.subject_id,
        rater_id=item.rater_id,
        relationship=item.relationship,
        status=item.status,
        competencies=tuple(item.competencies),
        ratings=_plain(item.ratings),
        comments=_plain(item.comments),
        overall=item.overall,
        submitted_at=item.submitted_at,
        reminder_count=int(item.reminder_count or 0),
        link_nonce=item.link_nonce or "",
        subject_name=item.subject_name,
        decline_reason=item.decline_reason,
        updated_at=item.updated_at,
        department=item.department,
    )


def assignment_item(org: str, cycle_id: str, subject_id: str, rater_id: str) -> AssignmentItem:
    """The key of an assignment, to update."""
    return AssignmentItem(subject_pk(org, cycle_id, subject_id), f"RATER#{rater_id}")


def read_assignment(org: str, cycle_id: str, subject_id: str, rater_id: str) -> Assignment | None:
    try:
        return assignment_of(AssignmentItem.get(subject_pk(org, cycle_id, subject_id), f"RATER#{rater_id}"))
    except DoesNotExist:
        return None


class AssignmentStore:
    """The assignments of cycles, as launched and as withdrawn."""

    def put_assignments(self, assignments: Sequence[Assignment], shards: int) -> None:
        """New assignments of a cycle of ``shards`` shards, in BatchWriteItem groups of 25."""
        with AssignmentItem.batch_write() as batch:
            for a in assignments:
                batch.save(
                    AssignmentItem(
                        subject_pk(a.org, a.cycle_id, a.subject_id),
                        f"RATER#{a.rater_id}",
                        GSI1PK=asked_pk(a.org, a.cycle_id, shard(a.rater_id, shards=shards)),
                        GSI1SK=f"{a.rater_id}#SUBJ#{a.subject_id}",
                        org=a.org,
                        cycle_id=a.cycle_id,
                        subject_id=a.subject_id,
                        rater_id=a.rater_id,
                        relationship=a.relationship,
                        status=a.status,
                        competencies=list(a.competencies),
                        ratings={},
                        comments={},
                        link_nonce=new_nonce(),
                        subject_name=a.subject_name,
                        department=a.department,
                        responses_key=responses_pk(a.org, a.cycle_id, a.subject_id, shards),
                    )
                )

    def get_assignment(self, org: str, cycle_id: str, subject_id: str, rater_id: str) -> Assignment | None:
        return read_assignment(org, cycle_id, subject_id, rater_id)

    def assignments_of_raters(
        self, org: str, cycle_id: str, rater_ids: Iterable[str], shards: int
    ) -> dict[str, list[Assignment]]:
        """Each rater's open assignments (pending or in progress) in a cycle of ``shards`` shards.
        Raters next to each other in a shard (a page of the shard's raters, or a slice of one)
        share a Query: a rater's assignments are sorted under their id."""
        found: dict[str, list[Assignment]] = {rater_id: [] for rater_id in rater_ids}
        by_shard: dict[str, list[str]] = {}
        for rater_id in sorted(found):
            by_shard.setdefault(asked_pk(org, cycle_id, shard(rater_id, shards=shards)), []).append(rater_id)
        for pk, raters in by_shard.items():
            # Ids are letters, digits, ".", "_" and "-", all after "#" and before "~".
            window = AssignmentItem.GSI1SK.between(f"{raters[0]}#", f"{raters[-1]}#~")
            for item in AssignmentItem.by_rater.query(pk, window):
                if item.rater_id in found:
                    found[item.rater_id].append(assignment_of(item))
        return found

    def assignments_of_subject(self, org: str, cycle_id: str, subject_id: str) -> list[Assignment]:
        """Every assignment of one subject, whatever its status, by rater: one Query of its partition."""
        pk = subject_pk(org, cycle_id, subject_id)
        return [assignment_of(item) for item in AssignmentItem.query(pk, AssignmentItem.SK.startswith("RATER#"))]

    def responses_of_subjects(self, subjects: Sequence[Subject]) -> dict[str, list[Assignment]]:
        """Each subject's submitted responses, sorted by rater: one Query (a page per MB) of the
        responses index per shard the subjects are in, from the first subject to the last.

        A page of a shard's subjects is a run of that shard's index, and its responses are the
        same run of the responses index, so nothing outside the page is read.
        """
        found: dict[str, list[Assignment]] = {s.employee_id: [] for s in subjects}
        by_shard: dict[str, list[str]] = {}
        for s in subjects:
            by_shard.setdefault(responses_pk(s.org, s.cycle_id, s.employee_id, s.shards), []).append(s.employee_id)
        for pk, ids in by_shard.items():
            ids.sort()
            # Ids are letters, digits, ".", "_" and "-", all after "#" and before "~".
            window = AssignmentItem.GSI2SK.between(f"{ids[0]}#", f"{ids[-1]}#~")
            for item in AssignmentItem.responses.query(pk, window):
                if item.subject_id in found and item.status == "submitted":
                    found[item.subject_id].append(assignment_of(item))
        return found

    def remove(self, assignment: Assignment, counters: dict[str, int]) -> None:
        """Withdraw an unsubmitted assignment (its answers are dropped with it)."""
        a = assignment
        item = assignment_item(a.org, a.cycle_id, a.subject_id, a.rater_id)
        actions = [
            AssignmentItem.status.set("removed"),
            *CLOSED,
            AssignmentItem.ratings.set({}),
            AssignmentItem.comments.set({}),
            AssignmentItem.overall.remove(),
            AssignmentItem.updated_at.set(clock.now()),
        ]
        condition = AssignmentItem.status.is_in("pending", "in_progress", "declined")
        update_with_progress(a, item, actions, condition, counters)

    def expire(self, subjects: Sequence[Subject], expires_at: int) -> None:
        """Stamp the assignments of the subjects' raters to expire at ``expires_at`` (the table's TTL), without
        reading them: TransactWriteItems of up to 100 conditional updates. An assignment that is not there is
        left alone (no item is made for it), and so is one stamped as late or later already: a stamp only
        moves later, and a page stamped again (its job delivered twice) writes nothing."""
        keys = [(subject_pk(s.org, s.cycle_id, s.employee_id), f"RATER#{r.id}") for s in subjects for r in s.raters]
        condition = AssignmentItem.PK.exists() & (
            AssignmentItem.expires_at.does_not_exist() | (AssignmentItem.expires_at < expires_at)
        )
        actions = [AssignmentItem.expires_at.set(expires_at)]

        def stamp(key: tuple[str, str]) -> Any:
            item = AssignmentItem(*key)
            return lambda transaction: transaction.update(item, actions=actions, condition=condition)

        for start in range(0, len(keys), TRANSACTION_ITEMS):
            write_each({key: stamp(key) for key in keys[start : start + TRANSACTION_ITEMS]})
