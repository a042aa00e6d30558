"""The rater's side: the link token, the questionnaire, drafts, submit and decline.

The token in the e-mailed link is the rater's only credential. Only its SHA-256
is stored; an unknown, expired or revoked token gets the same answer, whatever
the reason. A submitted response is immutable.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from janus.cycles import Cycle
from janus.employees import Employee, EmployeeDirectory
from janus.errors import Conflict, InvalidInput, NotFound, Problem, Unprocessable
from janus.library import library
from janus.store.cycles import Assignment, ConditionFailed, CycleStore

TOKEN_BYTES = 24  # 192 bits from the operating system's CSPRNG
COMMENT_LIMIT = 2000
OVERALL_LIMIT = 4000
REASON_LIMIT = 1000
NOT_FOUND = "This link is not valid. It may have expired, or the round may have ended."
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
OPEN_STATUSES = ("pending", "in_progress")


def new_token() -> tuple[str, str]:
    """A fresh link token and the digest that is stored instead of it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Link:
    cycle: Cycle
    assignment: Assignment
    people: Mapping[str, Employee] = field(default_factory=dict)  # the subject and the rater, as read with it


def resolve(token: str, store: CycleStore) -> Link:
    """The assignment behind a token, or the one NotFound for every kind of bad link.

    Two reads: the token, then one BatchGetItem for the assignment, the cycle and the two people.
    """
    if not isinstance(token, str) or not _TOKEN_SHAPE.match(token):
        raise NotFound(NOT_FOUND)
    wanted = digest(token)
    item = store.get_token(wanted)
    if item is None or not hmac.compare_digest(item.PK, f"TOKEN#{wanted}"):
        raise NotFound(NOT_FOUND)
    assignment, cycle, people = store.link(item.org, item.cycle_id, item.subject_id, item.rater_id)
    if assignment is None or assignment.status == "removed" or cycle is None or cycle.state == "cancelled":
        raise NotFound(NOT_FOUND)
    return Link(cycle=cycle, assignment=assignment, people=people)


def _people(link: Link, directory: EmployeeDirectory) -> Mapping[str, Employee]:
    a = link.assignment
    if a.subject_id in link.people and a.rater_id in link.people:
        return link.people
    return directory.get_many(a.org, {a.subject_id, a.rater_id})


def readable(link: Link) -> Link:
    """Reading the form: the link expires when the cycle closes."""
    if link.cycle.state != "open":
        raise NotFound(NOT_FOUND)
    return link


def rater_locale(link: Link, directory: EmployeeDirectory) -> str:
    rater = _people(link, directory).get(link.assignment.rater_id)
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


def _ratings(given: Any, questions: set[str], problems: list[Problem]) -> dict[str, Any]:
    if not isinstance(given, dict):
        problems.append(Problem("must be an object of question id to rating", field="ratings"))
        return {}
    ratings: dict[str, Any] = {}
    for question, value in given.items():
        where = f"rating.{question}"
        if question not in questions:
            problems.append(Problem("is not a question of this form", field=where))
        elif value == "na" or (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5):
            ratings[question] = value
        elif value not in (None, ""):
            problems.append(Problem("must be a rating from 1 to 5 or 'na' (not able to rate)", field=where))
    return ratings


def _comments(given: Any, competencies: tuple[str, ...], problems: list[Problem]) -> dict[str, str]:
    if not isinstance(given, dict):
        problems.append(Problem("must be an object of competency id to comment", field="comments"))
        return {}
    comments: dict[str, str] = {}
    for competency, text in given.items():
        where = f"comment.{competency}"
        if competency not in competencies:
            problems.append(Problem("is not a competency of this form", field=where))
        elif not isinstance(text, str):
            problems.append(Problem("must be text", field=where))
        elif len(text) > COMMENT_LIMIT:
            problems.append(Problem(f"is {len(text)} characters; at most {COMMENT_LIMIT}", field=where))
        elif text.strip():
            comments[competency] = text.strip()
    return comments


def parse_answers(body: Any, assignment: Assignment) -> tuple[dict[str, Any], dict[str, str], str | None]:
    """Ratings, comments and overall comment from a request, or a 422 naming every problem."""
    if not isinstance(body, dict):
        raise InvalidInput('send {"ratings": {...}, "comments": {...}, "overall": "..."}')
    lib = library()
    questions = {q.id for cid in assignment.competencies for q in lib.competency(cid).questions}
    problems: list[Problem] = []
    ratings = _ratings(body.get("ratings") or {}, questions, problems)
    comments = _comments(body.get("comments") or {}, assignment.competencies, problems)
    overall = body.get("overall")
    if overall is not None and not isinstance(overall, str):
        problems.append(Problem("must be text", field="overall"))
        overall = None
    elif overall and len(overall) > OVERALL_LIMIT:
        problems.append(Problem(f"is {len(overall)} characters; at most {OVERALL_LIMIT}", field="overall"))
    if problems:
        raise Unprocessable(f"{len(problems)} problem(s) in the answers; nothing was saved", problems)
    return ratings, comments, (overall.strip() or None) if overall else None


def _writable(link: Link) -> Assignment:
    if link.cycle.state != "open":
        raise Conflict("the round has closed: answers can no longer be changed")
    if link.assignment.status == "submitted":
        raise Conflict("these answers were submitted and can no longer be changed")
    if link.assignment.status == "declined":
        raise Conflict("this request was declined")
    return link.assignment


def save_draft(link: Link, body: Any, store: CycleStore) -> dict[str, Any]:
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
    return {"status": "in_progress", "answered": len(merged_ratings)}


def submit(link: Link, body: Any, store: CycleStore) -> dict[str, Any]:
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


def decline(link: Link, body: Any, store: CycleStore) -> dict[str, Any]:
    a = _writable(link)
    reason = body.get("reason") if isinstance(body, dict) else None
    if reason is not None and (not isinstance(reason, str) or len(reason) > REASON_LIMIT):
        raise Unprocessable("the reason is not valid", [Problem(f"must be text of at most {REASON_LIMIT}", "reason")])
    try:
        store.decline(a, (reason or "").strip() or None, allowed_from=OPEN_STATUSES)
    except ConditionFailed:
        raise Conflict("these answers were submitted or declined meanwhile") from None
    return {"status": "declined"}


def form_fields(fields: dict[str, list[str]]) -> dict[str, Any]:
    """The plain HTML form's fields (rating.<question>, comment.<competency>, overall) as an answers body."""
    ratings: dict[str, Any] = {}
    comments: dict[str, str] = {}
    overall = None
    for name, values in fields.items():
        value = values[-1] if values else ""
        if name.startswith("rating."):
            ratings[name[7:]] = int(value) if value in ("1", "2", "3", "4", "5") else value
        elif name.startswith("comment."):
            comments[name[8:]] = value
        elif name == "overall":
            overall = value
    return {"ratings": ratings, "comments": comments, "overall": overall or ""}
