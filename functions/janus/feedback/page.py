"""The rater's pages: the feedback form and the short message pages, as server-rendered HTML.

Rendering only: the handler loads the questionnaire (the JSON of
``GET /feedback/{token}/questionnaire``), makes a nonce (``new_nonce``), answers with
the HTML and the header ``Content-Security-Policy: content_security_policy(nonce)``.

The form works without JavaScript (plain ``application/x-www-form-urlencoded`` posts)
and is better with it (progress, autosave). Every URL in the page is relative, because
on AWS the API has a stage prefix (``https://host/v1/feedback/<token>``). The page at
``.../feedback/<token>`` links to ``<token>``, ``<token>/submit``, ``<token>/decline``;
when a rejected submit is shown again, the browser is at ``.../feedback/<token>/submit``
and the links must start with ``../`` (``served_at="submit"``).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from janus.kernel import pages
from janus.library import minutes_for

_DIR = Path(__file__).parent / "templates"
LOCALES = ("en", "da")
MESSAGE_KINDS = ("not_found", "submitted", "declined", "closed")
RELATIONSHIPS = ("self", "manager", "peer", "direct_report", "other")


STRINGS: dict[str, dict[str, Any]] = pages.load_strings(_DIR / "strings.yaml")
_ENV = pages.environment(_DIR)


_lang = pages.lang


class _Texts(pages.Texts):
    def __init__(self, locale: str):
        super().__init__(STRINGS, locale)


def new_nonce() -> str:
    """A fresh nonce for one response (128 bits, base64url)."""
    return secrets.token_urlsafe(16)


_check_nonce = pages.check_nonce


def content_security_policy(nonce: str) -> str:
    """The Content-Security-Policy header for a page rendered with this nonce."""
    n = _check_nonce(nonce)
    return (
        f"default-src 'none'; script-src 'nonce-{n}'; style-src 'nonce-{n}'; img-src data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


def _urls(token: str, served_at: str) -> dict[str, str]:
    if not token or token in (".", ".."):
        raise ValueError("a token is required")
    if served_at not in ("page", "submit"):
        raise ValueError("served_at is 'page' or 'submit'")
    page = ("../" if served_at == "submit" else "") + quote(token, safe="")
    return {
        "page": page,
        "submit": f"{page}/submit",
        "decline": f"{page}/decline",
        "questionnaire": f"{page}/questionnaire",
    }


def format_day(value: str, locale: str) -> str:
    """``2026-12-15T16:00:00+01:00`` → ``15 December 2026`` / ``15. december 2026``, in the value's offset."""
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    months = STRINGS["date.months"][locale]
    return STRINGS["date.day"][locale].format(day=when.day, month=months[when.month - 1], year=when.year)


def format_date(value: str, locale: str) -> str:
    """``2027-03-31T23:59:59+02:00`` → ``31 March 2027, 23:59 (UTC+02:00)`` / ``31. marts 2027 kl. 23:59 (UTC+02:00)``:
    in the value's own offset (the cycle's time zone, which the questionnaire gives as an offset), naming it."""
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    offset = when.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " (UTC)"
    else:
        minutes = int(offset.total_seconds()) // 60
        sign, minutes = ("-", -minutes) if minutes < 0 else ("+", minutes)
        zone = f" (UTC{sign}{minutes // 60:02d}:{minutes % 60:02d})"
    months = STRINGS["date.months"][locale]
    day = STRINGS["date.format"][locale].format(
        day=when.day, month=months[when.month - 1], year=when.year, time=f"{when.hour:02d}:{when.minute:02d}"
    )
    return day + zone


def _privacy(t: _Texts, relationship: str, name: str, manager_identified: Any) -> list[str]:
    if relationship == "self":
        return [t("privacy.self")]
    if relationship == "manager" and manager_identified is True:
        return [t("privacy.manager_identified", name=name)]
    if relationship == "manager" and manager_identified is None:
        return [t("privacy.manager", name=name)]
    return [t("privacy.others", name=name), t("privacy.tip")]


def _problem_index(
    problems: list[dict[str, Any]], competencies: list[dict[str, Any]], t: _Texts, na: str
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The message for each field, and the error summary (text and link) in the order given, where
    a competency's questions with problems are one line that leads to the first of them."""
    labels = {"overall": (t("errors.overall_label"), "overall", t("errors.default.comment"))}
    competency_of: dict[str, dict[str, Any]] = {}
    for c in competencies:
        labels[f"comment.{c['id']}"] = (
            t("errors.comment_label", competency=c["name"]),
            f"comment.{c['id']}",
            t("errors.default.comment"),
        )
        for q in c["questions"]:
            text = q["text"].rstrip(" .:")
            labels[f"rating.{q['id']}"] = (text, f"rating.{q['id']}-1", t("errors.default.rating", na=na))
            competency_of[f"rating.{q['id']}"] = c
    asked = {str(p.get("field") or "") for p in problems}
    questions_left = {c["id"]: sum(1 for q in c["questions"] if f"rating.{q['id']}" in asked) for c in competencies}
    by_field: dict[str, str] = {}
    summary = []
    summarised: set[str] = set()
    for problem in problems:
        field = str(problem.get("field") or "")
        label, anchor, default = labels.get(field, (t("errors.answers"), "", t("errors.default.other")))
        message = str(problem.get("message") or default)
        if field in labels:
            by_field[field] = f"{by_field[field]} {message}" if field in by_field else message
        competency = competency_of.get(field)
        if competency is not None and questions_left[competency["id"]] > 1:
            if competency["id"] not in summarised:
                summarised.add(competency["id"])
                n = questions_left[competency["id"]]
                text = t("errors.questions_left", competency=competency["name"], n=n)
                summary.append({"text": text, "href": f"#{anchor}"})
            continue
        summary.append({"text": t("errors.item", label=label, message=message), "href": f"#{anchor}" if anchor else ""})
    return by_field, summary


def _competency_views(q: dict[str, Any], errors: dict[str, str]) -> list[dict[str, Any]]:
    answers = q.get("answers") or {}
    ratings = answers.get("ratings") or {}
    comments = answers.get("comments") or {}
    views = []
    for c in q["competencies"]:
        questions = [
            {
                "id": item["id"],
                "text": item["text"],
                "value": "" if ratings.get(item["id"]) is None else str(ratings[item["id"]]),
                "error": errors.get(f"rating.{item['id']}", ""),
            }
            for item in c["questions"]
        ]
        views.append(
            {
                "id": c["id"],
                "name": c["name"],
                "definition": c.get("definition", ""),
                "questions": questions,
                "comment": comments.get(c["id"]) or "",
                "error": errors.get(f"comment.{c['id']}", ""),
            }
        )
    return views


def render_form(
    questionnaire: dict[str, Any],
    *,
    token: str,
    nonce: str,
    notice: str | None = None,
    problems: list[dict[str, Any]] | None = None,
    served_at: Literal["page", "submit"] = "page",
) -> str:
    """The feedback form for one rater (or, once submitted or declined, a read-only message).

    ``questionnaire`` has the shape of ``GET /feedback/{token}/questionnaire`` (an optional
    ``manager_identified`` flag makes the privacy note for managers exact); ``notice`` is shown
    at the top; ``problems`` (``[{"field", "message"}]`` from a rejected submit) are shown in an
    error summary and next to their fields, with the rater's answers kept from ``answers``. A
    ``notice`` that names one of strings.yaml's ``notices`` (``"draft_saved"``) is shown in the
    page's language; any other text is shown as given, as are the problems' messages.
    ``served_at`` is the URL the HTML answers: the page itself, or ``<page>/submit``.
    """
    q = questionnaire
    locale = _lang(q.get("locale"))
    t = _Texts(locale)
    relationship = q.get("relationship") if q.get("relationship") in RELATIONSHIPS else "other"
    name = q["subject"]["name"]
    na = q["scale"]["not_able_to_rate"]
    errors, summary = _problem_index(problems or [], q["competencies"], t, na)
    competencies = _competency_views(q, errors)
    total = sum(len(c["questions"]) for c in competencies)
    is_self = relationship == "self"
    status = q.get("status")
    limits = q.get("limits") or {}
    context = {
        "locale": locale,
        "t": t,
        "nonce": _check_nonce(nonce),
        "urls": _urls(token, served_at),
        "notice": STRINGS[f"notices.{notice}"][locale] if f"notices.{notice}" in STRINGS else notice or "",
        "problems": summary,
        "is_self": is_self,
        "subject_name": name,
        "heading": t("heading.self") if is_self else t("heading.other", name=name),
        "relationship_text": t(f"relationship.{relationship}", name=name),
        "cycle_name": q["cycle"]["name"],
        "deadline_iso": q["cycle"]["deadline"],
        "deadline_text": format_date(q["cycle"]["deadline"], locale),
        "minutes": minutes_for(total),
        "instructions": t("howto.self", na=na) if is_self else t("howto.other", name=name, na=na),
        "privacy": _privacy(t, relationship, name, q.get("manager_identified")),
        "done": status if status in ("submitted", "declined") else "",
        "form_status": "in_progress" if status == "in_progress" else "pending",  # orders a submit's tries
        "points": q["scale"]["points"],
        "na_label": na,
        "competencies": competencies,
        "total": total,
        "overall": (q.get("answers") or {}).get("overall") or "",
        "overall_error": errors.get("overall", ""),
        "comment_limit": limits.get("comment", 2000),
        "overall_limit": limits.get("overall", 4000),
        "reason_limit": limits.get("reason", limits.get("comment", 2000)),
    }
    return _ENV.get_template("form.html").render(context)


def render_message(
    locale: str,
    *,
    nonce: str,
    kind: str,
    closed_on: str | None = None,
    next_form: dict[str, Any] | None = None,
) -> str:
    """A short page: ``not_found`` (the same whatever the reason), ``submitted``, ``declined`` or ``closed``.

    ``closed_on`` (an ISO date-time) says when a closed round closed. ``next_form``
    (``{"token", "subject_name", "relationship", "remaining"}``) links a thank-you page to the
    rater's next open form; the page answers ``.../feedback/<token>/submit`` (or ``/decline``),
    so the link climbs one level.
    """
    if kind not in MESSAGE_KINDS:
        raise ValueError(f"kind is one of {MESSAGE_KINDS}, not {kind!r}")
    lang = _lang(locale)
    t = _Texts(lang)
    body = t("done.closed.body_on", date=format_day(closed_on, lang)) if kind == "closed" and closed_on else None
    following = None
    if next_form and kind in ("submitted", "declined"):
        name = str(next_form["subject_name"])
        remaining = int(next_form["remaining"])
        following = {
            "href": "../" + quote(str(next_form["token"]), safe=""),
            "text": t("next.self") if next_form["relationship"] == "self" else t("next.other", name=name),
            "remaining": t("next.remaining_one" if remaining == 1 else "next.remaining_other", n=remaining),
        }
    return _ENV.get_template("message.html").render(
        locale=lang, t=t, nonce=_check_nonce(nonce), kind=kind, body=body, next_form=following
    )
