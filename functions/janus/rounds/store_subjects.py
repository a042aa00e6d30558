"""A cycle's subjects on DynamoDB: their raters, proposals and shortfalls, read by key, by shard
(a page at a time) or as the short list (those with too few raters)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pynamodb.exceptions import DoesNotExist

from janus.kernel import clock
from janus.rounds.entities import Subject
from janus.rounds.keys import shard, subject_pk
from janus.rounds.nominations import Nominee
from janus.store.items import SubjectItem


def subject_item(subject: Subject) -> SubjectItem:
    org, cycle_id, employee_id = subject.org, subject.cycle_id, subject.employee_id
    short = bool(subject.shortfalls)
    return SubjectItem(
        subject_pk(org, cycle_id, employee_id),
        "SUBJECT",
        GSI1PK=f"ORG#{org}#CYCLE#{cycle_id}#SHORT" if short else None,
        GSI1SK=employee_id if short else None,
        GSI2PK=f"ORG#{org}#CYCLE#{cycle_id}#SUBJECTS#{shard(employee_id, shards=subject.shards)}",
        GSI2SK=employee_id,
        org=org,
        cycle_id=cycle_id,
        employee_id=employee_id,
        name=subject.name,
        manager_id=subject.manager_id,
        competencies=list(subject.competencies),
        raters=[r.as_dict() for r in subject.raters],
        proposals=list(subject.proposals),
        shortfalls=list(subject.shortfalls),
        derived_at=clock.now() if subject.derived else None,
        department=subject.department,
        locale=subject.locale,
        fanout_shards=subject.shards,
        report_digest=subject.report_digest,
    )


def subject_of(item: SubjectItem) -> Subject:
    return Subject(
        org=item.org,
        cycle_id=item.cycle_id,
        employee_id=item.employee_id,
        name=item.name,
        manager_id=item.manager_id,
        competencies=tuple(item.competencies),
        raters=tuple(Nominee.from_dict(r) for r in item.raters or []),
        proposals=tuple(item.proposals or []),
        shortfalls=tuple(item.shortfalls or []),
        derived=item.derived_at is not None,
        department=item.department,
        locale=item.locale,
        shards=int(item.fanout_shards),
        report_digest=item.report_digest,
    )


class SubjectStore:
    """The subjects of cycles."""

    def get_subject(self, org: str, cycle_id: str, subject_id: str) -> Subject | None:
        try:
            return subject_of(SubjectItem.get(subject_pk(org, cycle_id, subject_id), "SUBJECT"))
        except DoesNotExist:
            return None

    def get_subjects(self, org: str, cycle_id: str, subject_ids: Iterable[str]) -> list[Subject]:
        keys = [(subject_pk(org, cycle_id, s), "SUBJECT") for s in sorted(set(subject_ids))]
        return [subject_of(item) for item in SubjectItem.batch_get(keys)] if keys else []

    def get_pairs(self, org: str, pairs: Iterable[tuple[str, str]]) -> list[Subject]:
        """The subjects named by (cycle id, employee id) pairs across cycles: one BatchGetItem per 100."""
        keys = [(subject_pk(org, cycle_id, s), "SUBJECT") for cycle_id, s in sorted(set(pairs))]
        return [subject_of(item) for item in SubjectItem.batch_get(keys)] if keys else []

    def save_subject(self, subject: Subject) -> None:
        """Store one subject's raters (an edit by HR, a proposal, a decision)."""
        subject_item(subject).save()

    def short_subjects(self, org: str, cycle_id: str, limit: int = 50) -> list[Subject]:
        return [subject_of(i) for i in SubjectItem.by_short.query(f"ORG#{org}#CYCLE#{cycle_id}#SHORT", limit=limit)]

    def short_after(self, org: str, cycle_id: str, after: str | None, limit: int) -> tuple[list[Subject], bool]:
        """Up to ``limit`` of the subjects short of raters after the id ``after``, by id (the sparse index
        holds only those), and whether more remain."""
        pk = f"ORG#{org}#CYCLE#{cycle_id}#SHORT"
        condition = SubjectItem.GSI1SK > after if after else None  # noqa: SIM300 - a key condition
        result = SubjectItem.by_short.query(pk, condition, limit=limit, page_size=limit)
        items = [subject_of(item) for item in result]
        return items, result.last_evaluated_key is not None

    def subjects_page(
        self, org: str, cycle_id: str, shard_number: int, start: dict[str, Any] | None, limit: int
    ) -> tuple[list[Subject], dict[str, Any] | None]:
        result = SubjectItem.by_shard.query(
            f"ORG#{org}#CYCLE#{cycle_id}#SUBJECTS#{shard_number}", limit=limit, last_evaluated_key=start
        )
        items = [subject_of(item) for item in result]
        return items, result.last_evaluated_key

    def subjects_after(
        self, org: str, cycle_id: str, shard_number: int, after: str | None, limit: int
    ) -> tuple[list[Subject], bool]:
        """Up to ``limit`` subjects of a shard after the id ``after``, by id, and whether more remain."""
        pk = f"ORG#{org}#CYCLE#{cycle_id}#SUBJECTS#{shard_number}"
        condition = SubjectItem.GSI2SK > after if after else None  # noqa: SIM300 - a key condition
        result = SubjectItem.by_shard.query(pk, condition, limit=limit, page_size=limit)
        items = [subject_of(item) for item in result]
        return items, result.last_evaluated_key is not None
