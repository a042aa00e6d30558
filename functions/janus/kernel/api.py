"""The REST resolver every API function uses: one error shape, one caller type.

Domain errors become ``{"error": {"code", "message", "details"?}}`` here and
nowhere else; anything unexpected is logged and answered 500 without detail.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qs

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from janus.kernel.bodies import Spec, check_body
from janus.kernel.caller import Caller, caller_from_claims
from janus.kernel.errors import InvalidInput, JanusError, Problem
from janus.kernel.idempotency import HEADER, RequestKey, key_of
from janus.kernel.observability import logger

# API Gateway's own limit: an organisation's import file is the largest body any route takes.
MAX_BODY = 10 * 1024 * 1024
MAX_DEPTH = 32


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
    return caller_from_claims(claims)


def body_text(event: APIGatewayProxyEvent) -> str:
    """The body as text: at most ``MAX_BODY`` bytes of UTF-8 (a client's bytes are not trusted to be)."""
    raw = event.get("body") or ""
    data = base64.b64decode(raw) if event.get("isBase64Encoded") else raw.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BODY:
        raise InvalidInput(f"the body is {len(data):,} bytes; at most {MAX_BODY:,}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"the body is not UTF-8 text (byte {error.start})") from None


def storable(value: Any, where: str = "") -> None:
    """Refuse what the table cannot keep, before anything is written: text with lone surrogates, and
    nesting deeper than ``MAX_DEPTH`` (walked without recursion, whatever the depth)."""
    stack: list[tuple[Any, str, int]] = [(value, where, 0)]
    while stack:
        item, at, depth = stack.pop()
        if depth > MAX_DEPTH:
            problem = Problem("is nested too deep", at or None)
            raise InvalidInput(f"the body is nested more than {MAX_DEPTH} levels deep", [problem])
        if isinstance(item, str):
            _text(item, at)
        elif isinstance(item, dict):
            for key, child in item.items():
                _text(key, at)
                stack.append((child, f"{at}.{key}" if at else str(key), depth + 1))
        elif isinstance(item, list):
            stack.extend((child, f"{at}[{n}]", depth + 1) for n, child in enumerate(item, start=1))


def _text(text: str, at: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problem = Problem("is not valid Unicode text", at or None)
        raise InvalidInput("the body holds text that is not valid Unicode", [problem]) from None


def json_body(event: APIGatewayProxyEvent, shape: Spec) -> Any:
    """The route's JSON body, decoded within the limits and checked against the route's shape."""
    text = body_text(event)
    try:
        value = json.loads(text or "null")
    except RecursionError:
        raise InvalidInput(f"the body is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as error:
        raise InvalidInput(f"the body is not valid JSON: {error}") from None
    storable(value)
    return check_body(value, shape)


def form_body(event: APIGatewayProxyEvent) -> dict[str, list[str]]:
    """A plain HTML form's fields (application/x-www-form-urlencoded), decoded within the same limits."""
    try:
        fields = parse_qs(body_text(event), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise InvalidInput("the form is not UTF-8 text") from None
    storable(fields)
    return fields


def request_key(event: APIGatewayProxyEvent, caller: Caller, body: Any) -> RequestKey | None:
    """A creation's ``Idempotency-Key`` (janus.kernel.idempotency), None without one; 400 naming the header for a
    key that is not one. The key is the caller's own in their organisation, for this method, path and body."""
    value = (event.headers or {}).get(HEADER)
    return key_of(value, caller.org, caller.sub, event.http_method, event.path, body)


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
