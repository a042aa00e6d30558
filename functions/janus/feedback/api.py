"""The rater's routes: the form and the answers behind the link in their e-mail, whose token is the only
credential. Plain HTML form posts get pages back; JSON gets JSON."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.feedback import answers as feedback
from janus.feedback.next_form import after_answer
from janus.feedback.page import content_security_policy, render_form, render_message
from janus.feedback.parsing import form_fields
from janus.kernel.api import form_body, json_body, json_response
from janus.kernel.bodies import Anything, Integer, Mapping, Null, OneOf, Shape, Text, nullable
from janus.kernel.errors import JanusError, NotFound
from janus.kernel.observability import metrics
from janus.people.employees import EmployeeDirectory
from janus.rounds.links import Signer
from janus.rounds.store_answers import AnswerStore

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


# The answers' values are the form's to judge, each problem named with its question or competency (422).
RATING = OneOf((Integer(), Text(enum=("na", "")), Null()))
ANSWERS = Shape(
    {
        "ratings": Mapping(Anything(RATING.schema())),
        "comments": Mapping(Anything(Text().schema())),
        "overall": Anything(nullable(Text()).schema()),
        "status": Text(max_length=32),
    },
    description="ratings by question id, a comment by competency id, an overall comment; "
    "status is the assignment's status as the form last saw it",
)
DECLINE = Shape({"reason": Anything(nullable(Text()).schema()), "status": Text(max_length=32)})
BODIES = {
    ("PUT", "/feedback/{token}"): ANSWERS,
    ("POST", "/feedback/{token}/submit"): ANSWERS,
    ("POST", "/feedback/{token}/decline"): DECLINE,
}


class RaterRoutes:
    """The rater's routes over the answers store, the directory (for names and languages) and the link signer,
    whose key is read on the first link a process checks."""

    def __init__(
        self, routes: Router, directory: EmployeeDirectory, store: AnswerStore, signer: Callable[[], Signer]
    ) -> None:
        self.routes = routes
        self.directory = directory
        self.store = store
        self.signer = signer

    def _resolve(self, token: str) -> feedback.Link:
        return feedback.resolve(token, self.store, self.signer())

    def _is_form(self) -> bool:
        content_type = (self.routes.current_event.headers.get("content-type") or "").lower()
        return content_type.startswith("application/x-www-form-urlencoded")

    def _form_body(self) -> dict[str, Any]:
        return form_fields(form_body(self.routes.current_event))

    def _page(
        self,
        token: str,
        notice: str | None = None,
        problems: list[dict[str, Any]] | None = None,
        answers: dict[str, Any] | None = None,
        served_at: str = "page",
        link: feedback.Link | None = None,
    ) -> Response:
        """The form for a live link (resolved here unless the caller already did); the neutral 404 page else."""
        nonce = secrets.token_urlsafe(16)
        try:
            link = link or self._resolve(token)
            if feedback.closed_on(link) is not None:
                return self._closed(link, 404)  # the status of every link that no longer opens a form
            link = feedback.readable(link)
        except NotFound:
            return _html(404, render_message("en", nonce=nonce, kind="not_found"), nonce)
        questionnaire = feedback.questionnaire(link, self.directory)
        if answers is not None:
            questionnaire["answers"] = answers
        return _html(
            200,
            render_form(questionnaire, token=token, nonce=nonce, notice=notice, problems=problems, served_at=served_at),
            nonce,
        )

    def _message(self, token: str, link: feedback.Link | None, kind: str) -> Response:
        """A short page in the rater's language (English when the link was not valid); without the
        link at hand, the language costs one read."""
        nonce = secrets.token_urlsafe(16)
        if link is not None:
            locale = feedback.rater_locale(link, self.directory)
        else:
            where = self.signer().locate(token)
            locale = feedback.locale_of(where, self.directory) if where else "en"
        return _html(200, render_message(locale, nonce=nonce, kind=kind), nonce)

    def _closed(self, link: feedback.Link, status: int) -> Response:
        """The page for a live link of a round that has closed: when it closed, in the rater's language."""
        nonce = secrets.token_urlsafe(16)
        closed = feedback.closed_on(link)
        page = render_message(
            feedback.rater_locale(link, self.directory),
            nonce=nonce,
            kind="closed",
            closed_on=closed.isoformat() if closed else None,
        )
        return _html(status, page, nonce)

    def _thanks(self, token: str, kind: str) -> Response:
        """The page after a submit or a decline, with a link to the rater's next open form, if any."""
        nonce = secrets.token_urlsafe(16)
        after = after_answer(token, self.store, self.signer())
        following = asdict(after.next_form) if after.next_form else None
        return _html(200, render_message(after.locale, nonce=nonce, kind=kind, next_form=following), nonce)

    def get_form(self, token: str) -> Response:
        return self._page(token)

    def get_questionnaire(self, token: str) -> Response:
        link = feedback.readable(self._resolve(token))
        return _json(200, feedback.questionnaire(link, self.directory))

    def put_draft(self, token: str) -> Response:
        body = json_body(self.routes.current_event, ANSWERS)
        return _json(200, feedback.draft(token, body, self.store, self.signer()))

    def post_draft_form(self, token: str) -> Response:
        """The plain HTML form's "Save draft" button."""
        body = self._form_body()
        try:
            feedback.draft(token, body, self.store, self.signer())
        except JanusError as error:
            return self._form_error(token, None, error, body, served_at="page")
        return self._page(token, notice="draft_saved")  # read again: the page shows what was just saved

    def post_submit(self, token: str) -> Response:
        """One write when the answers are complete (janus.feedback.answers.submit)."""
        if not self._is_form():
            result = feedback.submit(token, json_body(self.routes.current_event, ANSWERS), self.store, self.signer())
            metrics.add_metric(name="ResponsesSubmitted", unit="Count", value=1)
            return _json(200, result)
        body = self._form_body()
        try:
            feedback.submit(token, body, self.store, self.signer())
        except JanusError as error:
            return self._form_error(token, None, error, body)
        metrics.add_metric(name="ResponsesSubmitted", unit="Count", value=1)
        return self._thanks(token, "submitted")

    def post_decline(self, token: str) -> Response:
        if not self._is_form():
            body = json_body(self.routes.current_event, DECLINE)
            return _json(200, feedback.decline(token, body, self.store, self.signer()))
        fields = form_body(self.routes.current_event)
        try:
            body = {"reason": (fields.get("reason") or [""])[-1], "status": (fields.get("status") or [""])[-1]}
            feedback.decline(token, body, self.store, self.signer())
        except JanusError as error:
            return self._form_error(token, None, error, None)
        return self._thanks(token, "declined")

    def _form_error(
        self,
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
        if error.status == 409 and "closed" in error.message:
            try:
                return self._closed(link or self._resolve(token), 409)
            except NotFound:
                return self._message(token, link, "closed")
        if error.status == 409:
            return self._message(token, link, "submitted")
        problems = [p.as_dict() for p in error.problems] or [{"message": error.message}]
        # The browser is at .../<token>/submit (or /decline): the page's links must climb one level.
        response = self._page(token, problems=problems, answers=answers, served_at=served_at, link=link)
        response.status_code = error.status
        return response


def router(directory: EmployeeDirectory, store: AnswerStore, signer: Callable[[], Signer]) -> Router:
    routes = Router()
    rater = RaterRoutes(routes, directory, store, signer)
    routes.get("/feedback/<token>")(rater.get_form)
    routes.get("/feedback/<token>/questionnaire")(rater.get_questionnaire)
    routes.put("/feedback/<token>")(rater.put_draft)
    routes.post("/feedback/<token>")(rater.post_draft_form)
    routes.post("/feedback/<token>/submit")(rater.post_submit)
    routes.post("/feedback/<token>/decline")(rater.post_decline)
    return routes
