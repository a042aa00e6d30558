"""Reading a rater's answers: ratings (1 to 5, or "na"), a comment per competency and an overall
comment, from JSON or from the plain HTML form, checked against the form or the whole library."""

from __future__ import annotations

from typing import Any

from janus.kernel.errors import InvalidInput, Problem, Unprocessable
from janus.library import library
from janus.rounds.entities import Assignment

COMMENT_LIMIT = 2000
OVERALL_LIMIT = 4000


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


def _parse(
    body: Any, questions: set[str], competencies: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, str], str | None, list[Problem]]:
    if not isinstance(body, dict):
        raise InvalidInput('send {"ratings": {...}, "comments": {...}, "overall": "..."}')
    problems: list[Problem] = []
    ratings = _ratings(body.get("ratings") or {}, questions, problems)
    comments = _comments(body.get("comments") or {}, competencies, problems)
    overall = body.get("overall")
    if overall is not None and not isinstance(overall, str):
        problems.append(Problem("must be text", field="overall"))
        overall = None
    elif overall and len(overall) > OVERALL_LIMIT:
        problems.append(Problem(f"is {len(overall)} characters; at most {OVERALL_LIMIT}", field="overall"))
    return ratings, comments, (overall.strip() or None) if overall else None, problems


def parse_answers(body: Any, assignment: Assignment) -> tuple[dict[str, Any], dict[str, str], str | None]:
    """Ratings, comments and overall comment from a request, or a 422 naming every problem."""
    lib = library()
    questions = {q.id for cid in assignment.competencies for q in lib.competency(cid).questions}
    ratings, comments, overall, problems = _parse(body, questions, assignment.competencies)
    if problems:
        raise Unprocessable(f"{len(problems)} problem(s) in the answers; nothing was saved", problems)
    return ratings, comments, overall


def _any_form(body: Any) -> tuple[dict[str, Any], dict[str, str], str | None] | None:
    """Answers well made for some form of the library (not yet this link's), or None."""
    if not isinstance(body, dict):
        return None
    lib = library()
    everything = tuple(c.id for c in lib.competencies)
    ratings, comments, overall, problems = _parse(body, set(lib.question_ids), everything)
    return None if problems else (ratings, comments, overall)


def complete_answers(body: Any) -> tuple[dict[str, Any], dict[str, str], str | None, tuple[str, ...]] | None:
    """Answers that are well made and complete for the competencies they name, with those
    competencies; None when they are not (the caller then reads the form to say what is wrong)."""
    parsed = _any_form(body)
    if parsed is None:
        return None
    ratings, comments, overall = parsed
    lib = library()
    competencies = {lib.competency_of(q) or "" for q in ratings}
    if not competencies or not set(comments) <= competencies:
        return None
    if any(q.id not in ratings for cid in competencies for q in lib.competency(cid).questions):
        return None
    return ratings, comments, overall, tuple(sorted(competencies))


def draft_answers(body: Any) -> tuple[dict[str, Any], dict[str, str], set[str], str | None, bool] | None:
    """A draft's answers checked against the whole library: ratings, comments, comments emptied,
    the overall comment and whether to keep the saved one; None when anything is wrong."""
    parsed = _any_form(body)
    if parsed is None:
        return None
    ratings, comments, overall = parsed
    lib = library()
    cleared = {c for c in body.get("comments") or {} if lib.has_competency(c) and c not in comments}
    return ratings, comments, cleared, overall, "overall" not in body


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
    body: dict[str, Any] = {"ratings": ratings, "comments": comments, "overall": overall or ""}
    if fields.get("status"):
        body["status"] = fields["status"][-1]
    return body
