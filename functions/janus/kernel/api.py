"""The REST resolver every API function uses: one error shape, one caller type.

Domain errors become ``{"error": {"code", "message", "details"?}}`` here and
nowhere else; anything unexpected is logged and answered 500 without detail.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from janus.kernel.caller import Caller, roles_of
from janus.kernel.errors import InvalidInput, JanusError, Unauthenticated
from janus.kernel.observability import logger


def error_response(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> Response:
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=json.dumps({"error": error}))


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=json.dumps(body), headers=headers
    )


def caller_of(event: APIGatewayProxyEvent) -> Caller:
    claims = (event.request_context.authorizer.claims or {}) if event.request_context.authorizer else {}
    org = claims.get("org") or claims.get("custom:org")
    sub = claims.get("sub")
    if not org or not sub:
        raise Unauthenticated("sign in: no organisation or subject in the token")
    return Caller(sub=sub, org=org, roles=roles_of(claims.get("roles") or claims.get("custom:roles")))


def json_body(event: APIGatewayProxyEvent) -> Any:
    try:
        return json.loads(event.decoded_body or "null")
    except ValueError as error:
        raise InvalidInput(f"the body is not valid JSON: {error}") from error


def create_resolver() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    @app.exception_handler(JanusError)
    def _domain_error(error: JanusError) -> Response:
        return error_response(error.status, error.code, error.message, [p.as_dict() for p in error.problems])

    @app.not_found
    def _no_route(_: NotFoundError) -> Response:
        return error_response(404, "not_found", "no such route")

    @app.exception_handler(Exception)
    def _unexpected(_: Exception) -> Response:
        logger.exception("unexpected error")
        return error_response(500, "internal", "something went wrong on our side; it has been logged")

    return app
