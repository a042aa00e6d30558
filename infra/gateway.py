"""The local API gateway: the template's Api routes as REST proxy events.

A request is matched against the routes, its bearer token verified (as the
Cognito authorizer would on AWS), turned into an API Gateway REST proxy event
with ``requestContext.authorizer.claims`` and handed to the function in this
process; the function's answer becomes the HTTP response.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt

from infra import console_files
from infra.provision import Route

MAX_BODY = 10 * 1024 * 1024  # API Gateway's payload limit
LocalRoute = Callable[["Request"], tuple[int, str, bytes]]
# A route that sets its own headers (a redirect, a cookie): the local sign-in's pages.
LocalPage = Callable[["Request"], tuple[int, dict[str, str], bytes]]
Verifier = Callable[[str | None], dict[str, str] | None]


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    client: str

    def json(self) -> Any:
        return json.loads(self.body or b"{}")


def _pattern(path: str) -> re.Pattern[str]:
    regex = re.sub(r"\{(\w+)\+\}", r"(?P<\1>.+)", path)
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", regex)
    return re.compile(f"^{regex}$")


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


class Tokens:
    """Signs and verifies the local stack's JWTs (HS256, a secret per stack)."""

    def __init__(self, secret: str):
        self.secret = secret

    def issue(
        self, org: str, sub: str, roles: list[str], lifetime: int = 12 * 3600, employee_id: str | None = None
    ) -> str:
        """A token with the claims of a Cognito ID token: the admin-set attributes and the user's groups."""
        now = int(time.time())
        claims = {
            "sub": sub,
            "token_use": "id",
            "custom:org": org,
            "custom:employee_id": employee_id or sub,
            "cognito:groups": roles,
            "iat": now,
            "exp": now + lifetime,
            "iss": "janus-local",
        }
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def claims(self, authorization: str | None) -> dict[str, str] | None:
        if not authorization or not authorization.lower().startswith("bearer "):
            return None
        try:
            claims = jwt.decode(authorization[7:].strip(), self.secret, algorithms=["HS256"], issuer="janus-local")
        except jwt.PyJWTError:
            return None
        # Cognito's REST authorizer hands every claim over as a string.
        return {key: ",".join(value) if isinstance(value, list) else str(value) for key, value in claims.items()}


class Gateway:
    def __init__(
        self,
        routes: list[Route],
        invoke: Callable[[str, dict[str, Any]], Any],
        tokens: Tokens,
        local_routes: dict[tuple[str, str], LocalRoute],
        stage: str = "v1",
        pages: dict[tuple[str, str], LocalPage] | None = None,
        verifiers: list[Verifier] | None = None,
        console: Console | None = None,
    ):
        self.routes = [(route, _pattern(route.path)) for route in routes]
        self.invoke = invoke
        self.tokens = tokens
        self.local_routes = local_routes
        self.stage = stage
        self.pages = pages or {}
        self.verifiers = [tokens.claims, *(verifiers or [])]
        self.console = console

    def handle(self, request: Request) -> tuple[int, dict[str, str], bytes]:
        local = self.local_routes.get((request.method, request.path))
        if local:
            status, content_type, body = local(request)
            return status, {"Content-Type": content_type}, body
        page = self.pages.get((request.method, request.path))
        if page:
            return page(request)
        allowed = []
        for route, pattern in self.routes:
            match = pattern.match(request.path)
            if not match:
                continue
            if route.method not in (request.method, "ANY"):
                allowed.append(route.method)
                continue
            return self._call(route, match.groupdict(), request)
        if allowed:
            return (
                405,
                {"Content-Type": "application/json"},
                error_body("method_not_allowed", f"use {', '.join(allowed)}"),
            )
        if self.console and request.method in ("GET", "HEAD"):
            found = self.console.answer(request)
            if found:
                return found
        return 404, {"Content-Type": "application/json"}, error_body("not_found", "no such route")

    def _call(self, route: Route, parameters: dict[str, str], request: Request) -> tuple[int, dict[str, str], bytes]:
        claims = None
        if route.authorized:
            claims = self._claims(request.headers.get("authorization"))
            if claims is None:
                return 401, {"Content-Type": "application/json"}, error_body("unauthenticated", "Unauthorized")
        event = self._event(route, parameters, request, claims)
        answer = self.invoke(route.function, event)
        headers = dict(answer.get("headers") or {})
        for name, values in (answer.get("multiValueHeaders") or {}).items():
            headers[name] = ", ".join(values)
        body = answer.get("body") or ""
        payload = base64.b64decode(body) if answer.get("isBase64Encoded") else body.encode()
        return int(answer.get("statusCode", 200)), headers, payload

    def _claims(self, authorization: str | None) -> dict[str, str] | None:
        """The first verifier that knows the token: the stack's own HS256 tokens, then the local sign-in's."""
        for verify in self.verifiers:
            claims = verify(authorization)
            if claims is not None:
                return claims
        return None

    def _event(
        self, route: Route, parameters: dict[str, str], request: Request, claims: dict[str, str] | None
    ) -> dict[str, Any]:
        try:
            body: str | None = request.body.decode() if request.body else None
            encoded = False
        except UnicodeDecodeError:
            body, encoded = base64.b64encode(request.body).decode(), True
        headers = {name.title(): value for name, value in request.headers.items()}
        return {
            "resource": route.path,
            "path": request.path,
            "httpMethod": request.method,
            "headers": headers,
            "multiValueHeaders": {name: [value] for name, value in headers.items()},
            "queryStringParameters": {k: v[-1] for k, v in request.query.items()} or None,
            "multiValueQueryStringParameters": request.query or None,
            "pathParameters": parameters or None,
            "stageVariables": None,
            "requestContext": {
                "resourcePath": route.path,
                "httpMethod": request.method,
                "path": f"/{self.stage}{request.path}",
                "stage": self.stage,
                "requestId": str(uuid.uuid4()),
                "requestTimeEpoch": int(time.time() * 1000),
                "accountId": "123456789012",
                "apiId": "local",
                "identity": {"sourceIp": request.client, "userAgent": request.headers.get("user-agent", "")},
                "authorizer": {"claims": claims} if claims else None,
            },
            "body": body,
            "isBase64Encoded": encoded,
        }

    def serve(self, host: str, port: int) -> ThreadingHTTPServer:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    self._send(413, {"Content-Type": "application/json"}, error_body("too_large", "body over 10 MB"))
                    return
                body = self.rfile.read(length) if length else b""
                url = urlsplit(self.path)
                request = Request(
                    self.command,
                    url.path,
                    parse_qs(url.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                    self.client_address[0],
                )
                try:
                    status, headers, payload = gateway.handle(request)
                except Exception as error:  # a crash in a function is API Gateway's 502
                    status, headers, payload = (
                        502,
                        {"Content-Type": "application/json"},
                        error_body("bad_gateway", f"the function failed: {type(error).__name__}"),
                    )
                self._send(status, headers, payload)

            def _send(self, status: int, headers: dict[str, str], payload: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() not in ("content-length", "connection"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _any

            def __getattr__(self, name: str) -> Any:
                # Any other method reaches the routes too, as on API Gateway: one no route takes is a 405.
                if name.startswith("do_"):
                    return self._any
                raise AttributeError(name)

            def log_message(self, *_: Any) -> None:  # quiet: the stack prints what matters
                pass

        return LocalServer((host, port), Handler)


class Console:
    """The built console (``console/dist``): its files, and its index.html for any page path a
    browser asks for (the single-page app routes it), as CloudFront serves it from S3. A path the
    distribution sends to the API (``api_paths``, its behaviours' patterns) is never the console's;
    ``headers`` are the security headers the distribution adds (its Content-Security-Policy above all)."""

    def __init__(self, folder: Path, api_paths: Sequence[str] = (), headers: Mapping[str, str] | None = None):
        self.folder = folder.resolve()
        self.api_paths = tuple(api_paths)
        self.headers = dict(headers or {})

    def answer(self, request: Request) -> tuple[int, dict[str, str], bytes] | None:
        if not (self.folder / "index.html").is_file():
            return None
        if any(fnmatchcase(request.path, pattern) for pattern in self.api_paths):
            return None
        wanted = (self.folder / request.path.lstrip("/")).resolve()
        if wanted.is_file() and wanted.is_relative_to(self.folder):
            return self._file(wanted)
        # A page path is a browser's navigation; a script asking for JSON gets the API's 404.
        if request.path.startswith("/assets/") or "text/html" not in request.headers.get("accept", ""):
            return None
        return self._file(self.folder / "index.html")

    def _file(self, path: Path) -> tuple[int, dict[str, str], bytes]:
        key = path.relative_to(self.folder).as_posix()
        headers = {
            "X-Content-Type-Options": "nosniff",
            **self.headers,
            "Content-Type": console_files.content_type(key),
            "Cache-Control": console_files.cache_control(key),
        }
        return 200, headers, path.read_bytes()


class LocalServer(ThreadingHTTPServer):
    """The gateway's HTTP server: a listen backlog for a burst of connections (a page and its
    requests, a test's fifty at once), and quiet when a client hangs up before its answer."""

    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return  # a browser that closed the tab or moved on: nothing went wrong here
        super().handle_error(request, client_address)
