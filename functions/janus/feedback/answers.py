"""The rater's side: the link, the questionnaire, drafts, submit and decline.

The token in the e-mailed link is the rater's only credential. It names its assignment and is
signed (janus.rounds.links), so nothing is stored to find it; an unknown, forged, expired or revoked
token gets the same answer, whatever the reason. A submitted response is immutable.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from janus.feedback.parsing import COMMENT_LIMIT, OVERALL_LIMIT, complete_answers, draft_answers, parse_answers
from janus.kernel.errors import Conflict, NotFound, Problem, Unprocessable
from janus.library import library
from janus.people.employees import Employee, EmployeeDirectory
from janus.rounds.cycle import Cycle
from janus.rounds.entities import Assignment, LinkWriteRefused
from janus.rounds.links import Locator, Signer
from janus.rounds.store_answers import AnswerStore
from janus.store import ConditionFailed

REASON_LIMIT = 1000
NOT_FOUND = "This link is not valid. It may have expired, or the round may have ended."
OPEN_STATUSES = ("pending", "in_progress")


@dataclass(frozen=True)
class Link:
    """What a rater's link opens: the cycle, the assignment and, when read with it, the subject and the rater."""

    cycle: Cycle
    assignment: Assignment
    people: Mapping[str, Employee] = field(default_factory=dict)  # the subject and the rater, as read with it


def resolve(token: str, store: AnswerStore, signer: Signer) -> Link:
    """The assignment behind a token, or the one NotFound for every kind of bad link.

    One read: the token names its assignment, so one BatchGetItem brings the assignment, the
    cycle and the two people; the assignment's link nonce must be the one the token was made for.
    """
    where = locate(token, signer)
    assignment, cycle, people = store.link(where.org, where.cycle_id, where.subject_id, where.rater_id)
    if assignment is None or not _live(assignment, where) or cycle is None or cycle.state == "cancelled":
        raise NotFound(NOT_FOUND)
    return Link(cycle=cycle, assignment=assignment, people=people)


def locate(token: str, signer: Signer) -> Locator:
    where = signer.locate(token)
    if where is None:
        raise NotFound(NOT_FOUND)
    return where


def _live(assignment: Assignment, where: Locator) -> bool:
    """Whether the assignment is not withdrawn and is the one the link was made for (its nonce)."""
    return assignment.status != "removed" and hmac.compare_digest(assignment.link_nonce.encode(), where.nonce.encode())


def _people(link: Link, directory: EmployeeDirectory) -> Mapping[str, Employee]:
    a = link.assignment
    if a.subject_id in link.people and a.rater_id in link.people:
        return link.people
    return directory.get_many(a.org, {a.subject_id, a.rater_id})


def closed_on(link: Link) -> datetime | None:
    """When the link's round closed (in the deadline's time zone), or None while it is open."""
    cycle = link.cycle
    if cycle.state in ("draft", "nominating", "open", "cancelled"):
        return None
    closed = cycle.closed_at or cycle.deadline
    return closed.astimezone(cycle.deadline.tzinfo) if cycle.deadline.tzinfo else closed


def readable(link: Link) -> Link:
    """Reading the form: the link expires when the cycle closes."""
    if link.cycle.state != "open":
        raise NotFound(NOT_FOUND)
    return link


def rater_locale(link: Link, directory: EmployeeDirectory) -> str:
    rater = _people(link, directory).get(link.assignment.rater_id)
    return rater.locale if rater else "en"


def locale_of(where: Locator, directory: EmployeeDirectory) -> str:
    rater = directory.get_many(where.org, {where.rater_id}).get(where.rater_id)
    return rater.locale if rater else "en"


def questionnaire(link: Link, directory: EmployeeDirectory) -> dict[str, Any]:
    a, cycle = link.assignment, link.cycle
    people = _people(link, directory)
    rater, subject = people.get(a.rater_id), people.get(a.subject_id)
    locale = rater.locale if rater else "en"
    lib = library()
    competencies = [lib.competency(cid) for cid in a.competencies]
    return {
        "cycle": {"id": cycle.id, "name": cycle.name, "deadline": cycle.deadline.isoformat()},
        "subject": {"id": a.subject_id, "name": subject.name if subject else a.subject_id},
        "relationship": a.relationship,
        "manager_identified": cycle.config.manager_identified,
        "locale": locale,
        "status": a.status,
        "scale": {
            "points": [{"value": p.value, "label": p.label.get(locale)} for p in lib.scale.points],
            "not_able_to_rate": lib.scale.not_able_to_rate.get(locale),
        },
        "competencies": [
            {
                "id": c.id,
                "name": c.name.get(locale),
                "definition": c.definition.get(locale),
                "questions": [{"id": q.id, "text": q.get(locale)} for q in c.questions],
            }
            for c in competencies
        ],
        "answers": {"ratings": a.ratings, "comments": a.comments, "overall": a.overall or ""},
        "limits": {"comment": COMMENT_LIMIT, "overall": OVERALL_LIMIT},
    }


def _refusal(cycle_open: bool, status: str) -> Conflict:
    """Why answers can no longer change (the cycle is not cancelled and the assignment is live)."""
    if not cycle_open:
        return Conflict("the round has closed: answers can no longer be changed")
    if status == "submitted":
        return Conflict("these answers were submitted and can no longer be changed")
    return Conflict("this request was declined")


def _writable(link: Link) -> Assignment:
    if link.cycle.state != "open" or link.assignment.status not in OPEN_STATUSES:
        raise _refusal(link.cycle.state == "open", link.assignment.status)
    return link.assignment


def save_draft(link: Link, body: Any, store: AnswerStore) -> dict[str, Any]:
    """Merge the answers sent into the saved ones, with the form read: every problem named."""
    a = _writable(link)
    ratings, comments, overall = parse_answers(body, a)
    merged_ratings = {**a.ratings, **ratings}
    merged_comments = {**a.comments, **comments}
    if isinstance(body, dict) and "comments" in body:  # an emptied box clears its comment
        merged_comments = {k: v for k, v in merged_comments.items() if k in comments or k not in body["comments"]}
    keep_overall = overall if isinstance(body, dict) and "overall" in body else a.overall
    counters = {"in_progress": 1} if a.status == "pending" else {}
    try:
        store.save_answers(
            a,
            ratings=merged_ratings,
            comments=merged_comments,
            overall=keep_overall,
            status="in_progress",
            allowed_from=OPEN_STATUSES,
            counters=counters,
        )
    except ConditionFailed:
        raise Conflict("these answers were submitted or declined meanwhile and can no longer be changed") from None
    return {"status": "in_progress"}


def draft(token: str, body: Any, store: AnswerStore, signer: Signer) -> dict[str, Any]:
    """Save a draft through the link: one request when the answers are well made.

    Each answer sent is set in the assignment's maps and the rest kept, so nothing is read
    first; the write holds only if the form asks for every competency the answers name.
    Anything else reads the form and answers as a read-first draft would.
    """
    where = locate(token, signer)
    answers = draft_answers(body)
    if answers is not None:
        ratings, comments, cleared, overall, keep_overall = answers
        named = {library().competency_of(q) or "" for q in ratings} | set(comments) | set(cleared)

        def write(expected: str) -> None:
            store.draft_through_link(
                where,
                expected=expected,
                competencies=named,
                ratings=ratings,
                comments=comments,
                cleared=cleared,
                overall=overall,
                keep_overall=keep_overall,
            )

        if _through_link(where, write, body.get("status")):
            return {"status": "in_progress"}
    return save_draft(resolve(token, store, signer), body, store)


def _submit_read(link: Link, body: Any, store: AnswerStore) -> dict[str, Any]:
    """Submit with the form read first: every problem named, from what the form asks."""
    a = _writable(link)
    ratings, comments, overall = parse_answers(body, a)
    lib = library()
    missing = [q.id for cid in a.competencies for q in lib.competency(cid).questions if q.id not in ratings]
    if missing:
        raise Unprocessable(
            f"{len(missing)} question(s) still need an answer (a rating or 'not able to rate')",
            [Problem("needs a rating or 'not able to rate'", field=f"rating.{q}") for q in missing],
        )
    counters = {"submitted": 1, **({"in_progress": -1} if a.status == "in_progress" else {})}
    try:
        store.save_answers(
            a,
            ratings=ratings,
            comments=comments,
            overall=overall,
            status="submitted",
            allowed_from=OPEN_STATUSES,
            counters=counters,
        )
    except ConditionFailed:
        raise Conflict("these answers were already submitted and can no longer be changed") from None
    return {"status": "submitted"}


def _through_link(
    where: Locator, write: Callable[[str], None], seen: Any = None, done: Callable[[Assignment], bool] | None = None
) -> bool:
    """Run a write that assumes the assignment is in the state the client last saw (``seen``:
    pending unless it says in_progress), then, if it was in the other, one that assumes that.
    The counters depend on it; the condition makes a wrong guess cost a request, never a count.

    True once written; False when the assignment was in the state assumed and still refused,
    which means it asks for other answers than were sent (the caller reads the form to explain).
    A dead link answers 404, a closed round or a finished assignment 409, as when read first.

    ``done`` says whether the assignment refused already holds what this write writes: DynamoDB may
    answer a write it applied with a 500, which the SDK retries, and the retry is refused by the write
    itself; the rater's one submit is then done, not a conflict.
    """
    for expected in sorted(OPEN_STATUSES, key=lambda status: status != seen):
        try:
            write(expected)
            return True
        except LinkWriteRefused as refused:
            a = refused.assignment
            if a is None or not _live(a, where) or refused.cycle_state in (None, "cancelled"):
                raise NotFound(NOT_FOUND) from None
            if done is not None and done(a):
                return True
            if refused.cycle_state != "open" or a.status not in OPEN_STATUSES:
                raise _refusal(refused.cycle_state == "open", a.status) from None
            if a.status == expected:
                return False
    raise Conflict("these answers changed meanwhile; try again")  # pending, in progress, then pending again


def submit(token: str, body: Any, store: AnswerStore, signer: Signer) -> dict[str, Any]:
    """Submit through the link: one request when the answers are complete and the body's
    ``status`` is the one the form was last seen in (the questionnaire's, or a draft's answer).

    The answers name their competencies and the write holds only if they are exactly the
    assignment's, so nothing is read first. Anything else (a problem in the answers, a refusal
    for other competencies) reads the form and answers as a read-first submit would.
    """
    where = locate(token, signer)
    answers = complete_answers(body)
    if answers is not None:
        ratings, comments, overall, competencies = answers

        def write(expected: str) -> None:
            store.submit_through_link(
                where, expected=expected, competencies=competencies, ratings=ratings, comments=comments, overall=overall
            )

        def written(a: Assignment) -> bool:
            return a.status == "submitted" and (a.ratings, a.comments, a.overall or "") == (
                ratings, comments, overall or "",
            )  # fmt: skip

        if _through_link(where, write, body.get("status"), written):
            return {"status": "submitted"}
    return _submit_read(resolve(token, store, signer), body, store)


def decline(token: str, body: Any, store: AnswerStore, signer: Signer) -> dict[str, Any]:
    """Decline through the link in one request."""
    where = locate(token, signer)
    reason = body.get("reason") if isinstance(body, dict) else None
    if reason is not None and (not isinstance(reason, str) or len(reason) > REASON_LIMIT):
        resolve(token, store, signer)  # a dead link is a 404 whatever was sent
        raise Unprocessable("the reason is not valid", [Problem(f"must be text of at most {REASON_LIMIT}", "reason")])
    text = (reason or "").strip() or None
    seen = body.get("status") if isinstance(body, dict) else None
    if not _through_link(
        where,
        lambda expected: store.decline_through_link(where, expected=expected, reason=text),
        seen,
        lambda a: a.status == "declined" and a.decline_reason == text,
    ):
        raise Conflict("these answers were submitted or declined meanwhile")  # cannot be: no condition but the state
    return {"status": "declined"}
