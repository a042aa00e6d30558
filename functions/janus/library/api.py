"""The library's routes: the competencies and the job classes, in the reader's language, for anyone signed in."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from janus.kernel.api import caller_of, json_response
from janus.library import library, pick_locale


def router() -> Router:
    routes = Router()

    def reader_locale() -> str:
        """Anyone signed in to the organisation may read the library, in their language."""
        caller_of(routes.current_event)
        return pick_locale(routes.current_event.headers.get("accept-language"))

    @routes.get("/competencies")
    def get_competencies() -> Response:
        locale = reader_locale()
        body = library().catalogue(locale)
        return json_response(200, body, headers={"Content-Language": locale, "Vary": "Accept-Language"})

    @routes.get("/job-classes")
    def get_job_classes() -> Response:
        locale = reader_locale()
        body = {"locale": locale, "job_classes": library().job_class_list(locale)}
        return json_response(200, body, headers={"Content-Language": locale, "Vary": "Accept-Language"})

    return routes
