"""The rater's form and answers: the link token in the path is the only credential."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import parse_qs

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import store
from janus.feedback import answers as feedback
from janus.feedback.page import content_security_policy, render_form, render_message
from janus.kernel.api import create_resolver, json_body, json_response
from janus.kernel.errors import JanusError, NotFound
from janus.kernel.observability import logger, metrics
from janus.kernel.settings import Settings
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import links
from janus.rounds.store_answers import AnswerStore

settings = Settings.from_env()
store.bind(settings)
directory = DynamoEmployeeDirectory()
answers = AnswerStore()
app = create_resolver()

_PRIVATE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def _html(status: int, page: str, nonce: str) -> Response:
    headers = {**_PRIVATE, "Content-Security-Policy": content_security_policy(nonce)}
    return Response(status_code=status, content_type="text/html; charset=utf-8", body=page, headers=headers)


def _json(status: int, body: Any) -> Response:
    return json_response(status, body, headers=dict(_PRIVATE))


def _resolve(token: str) -> feedback.Link:
    return feedback.resolve(token, answers, links.signer(settings))


def _is_form() -> bool:
    content_type = (app.current_event.headers.get("content-type") or "").lower()
    return content_type.startswith("application/x-www-form-urlencoded")


def _form_body() -> dict[str, Any]:
    return feedback.form_fields(parse_qs(app.current_event.decoded_body or "", keep_blank_values=True))


def _page(
    token: str,
    notice: str | None = None,
    problems: list[dict[str, Any]] | None = None,
    answers: dict[str, Any] | None = None,
    served_at: str = "page",
    link: feedback.Link | None = None,
) -> Response:
    """The form for a live link (resolved here unless the caller already did); the neutral 404 page for any other."""
    nonce = secrets.token_urlsafe(16)
    try:
        link = feedback.readable(link or _resolve(token))
    except NotFound:
        return _html(404, render_message("en", nonce=nonce, kind="not_found"), nonce)
    questionnaire = feedback.questionnaire(link, directory)
    if answers is not None:
        questionnaire["answers"] = answers
    return _html(
        200,
        render_form(questionnaire, token=token, nonce=nonce, notice=notice, problems=problems, served_at=served_at),
        nonce,
    )


def _message(token: str, link: feedback.Link | None, kind: str) -> Response:
    """A short page in the rater's language (English when the link was not valid); without the
    link at hand, the language costs one read."""
    nonce = secrets.token_urlsafe(16)
    if link is not None:
        locale = feedback.rater_locale(link, directory)
    else:
        where = links.signer(settings).locate(token)
        locale = feedback.locale_of(where, directory) if where else "en"
    return _html(200, render_message(locale, nonce=nonce, kind=kind), nonce)


@app.get("/feedback/<token>")
def get_form(token: str) -> Response:
    return _page(token)


@app.get("/feedback/<token>/questionnaire")
def get_questionnaire(token: str) -> Response:
    link = feedback.readable(_resolve(token))
    return _json(200, feedback.questionnaire(link, directory))


@app.put("/feedback/<token>")
def put_draft(token: str) -> Response:
    return _json(200, feedback.draft(token, json_body(app.current_event), answers, links.signer(settings)))


@app.post("/feedback/<token>")
def post_draft_form(token: str) -> Response:
    """The plain HTML form's "Save draft" button."""
    body = _form_body()
    try:
        feedback.draft(token, body, answers, links.signer(settings))
    except JanusError as error:
        return _form_error(token, None, error, body, served_at="page")
    return _page(token, notice="draft_saved")  # read again: the page shows what was just saved


@app.post("/feedback/<token>/submit")
def post_submit(token: str) -> Response:
    """One write when the answers are complete (janus.feedback.answers.submit)."""
    if not _is_form():
        result = feedback.submit(token, json_body(app.current_event), answers, links.signer(settings))
        metrics.add_metric(name="ResponsesSubmitted", unit="Count", value=1)
        return _json(200, result)
    body = _form_body()
    try:
        feedback.submit(token, body, answers, links.signer(settings))
    except JanusError as error:
        return _form_error(token, None, error, body)
    metrics.add_metric(name="ResponsesSubmitted", unit="Count", value=1)
    return _message(token, None, "submitted")


@app.post("/feedback/<token>/decline")
def post_decline(token: str) -> Response:
    if not _is_form():
        return _json(200, feedback.decline(token, json_body(app.current_event), answers, links.signer(settings)))
    fields = parse_qs(app.current_event.decoded_body or "")
    try:
        body = {"reason": (fields.get("reason") or [""])[-1], "status": (fields.get("status") or [""])[-1]}
        feedback.decline(token, body, answers, links.signer(settings))
    except JanusError as error:
        return _form_error(token, None, error, None)
    return _message(token, None, "declined")


def _form_error(
    token: str,
    link: feedback.Link | None,
    error: JanusError,
    answers: dict[str, Any] | None,
    served_at: str = "submit",
) -> Response:
    """A plain form post that was refused: the form again, with the problems and what was typed."""
    if isinstance(error, NotFound):
        nonce = secrets.token_urlsafe(16)
        return _html(404, render_message("en", nonce=nonce, kind="not_found"), nonce)
    if error.status == 409:
        return _message(token, link, "closed" if "closed" in error.message else "submitted")
    problems = [p.as_dict() for p in error.problems] or [{"message": error.message}]
    # The browser is at .../<token>/submit (or /decline): the page's links must climb one level.
    response = _page(token, problems=problems, answers=answers, served_at=served_at, link=link)
    response.status_code = error.status
    return response


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
