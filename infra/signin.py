"""The local stand-in for Cognito's managed login, so the console signs in locally as deployed.

Authorization code with PKCE: ``/oauth2/authorize`` shows the organisation's people to pick
from, ``/oauth2/token`` trades the code and the verifier for an ID and an access token signed
with this stack's RSA key (published at ``/.well-known/jwks.json``), ``/logout`` returns to the
console. ``/_local/sign-in?sub=&org=&next=`` signs in at once, for tests and demos. The tokens
carry Cognito's claims: ``custom:org``, ``custom:employee_id``, ``cognito:groups``, e-mail, name
and locale.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jinja2 import Environment, FileSystemLoader, select_autoescape

from infra.gateway import Request

CLIENT_ID = "janus-console"
LIFETIME = 3600
CODE_LIFETIME = 300
PEOPLE_SHOWN = 200  # the sign-in page lists a page of people, not a 100,000-person organisation
SESSION_COOKIE = "janus_local_session"
HTML = "text/html; charset=utf-8"
JSON = "application/json"

_PAGE = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"])
).get_template("sign_in.html")

Answer = tuple[int, dict[str, str], bytes]
# org -> the first people of its directory, each with "id", "name", "email", "locale", "manager_id"
People = Callable[[str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Grant:
    claims: dict[str, Any]
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str | None
    expires: float


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _json(status: int, body: Any, **headers: str) -> Answer:
    return status, {"Content-Type": JSON, "Cache-Control": "no-store", **headers}, json.dumps(body).encode()


def _oauth_error(code: str, description: str, status: int = 400) -> Answer:
    return _json(status, {"error": code, "error_description": description})


def _redirect(location: str, **headers: str) -> Answer:
    return 302, {"Location": location, "Cache-Control": "no-store", **headers}, b""


def _same_origin_path(target: str | None) -> str:
    """Only a path on this origin: an open redirect would hand a session to any site."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


class LocalIdentity:
    """Signs users in to the local stack's organisations and verifies the tokens it issued."""

    def __init__(self, issuer: str, people: People, hr_admins: dict[str, set[str]], default_org: str):
        self.issuer = issuer
        self.people = people
        self.hr_admins = hr_admins
        self.default_org = default_org
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex[:16]
        self._grants: dict[str, Grant] = {}
        self._sessions: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ routes
    def routes(self) -> dict[tuple[str, str], Callable[[Request], Answer]]:
        return {
            ("GET", "/.well-known/openid-configuration"): self.configuration,
            ("GET", "/.well-known/jwks.json"): self.jwks,
            ("GET", "/oauth2/authorize"): self.authorize,
            ("POST", "/oauth2/authorize"): self.choose,
            ("POST", "/oauth2/token"): self.token,
            ("GET", "/oauth2/userInfo"): self.user_info,
            ("GET", "/logout"): self.logout,
            ("GET", "/_local/sign-in"): self.sign_in_directly,
        }

    def configuration(self, _: Request) -> Answer:
        base = self.issuer
        return _json(
            200,
            {
                "issuer": base,
                "authorization_endpoint": f"{base}/oauth2/authorize",
                "token_endpoint": f"{base}/oauth2/token",
                "userinfo_endpoint": f"{base}/oauth2/userInfo",
                "end_session_endpoint": f"{base}/logout",
                "jwks_uri": f"{base}/.well-known/jwks.json",
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["none"],
            },
        )

    def jwks(self, _: Request) -> Answer:
        numbers = self.key.public_key().public_numbers()
        key = {"kty": "RSA", "alg": "RS256", "use": "sig", "kid": self.kid, "n": _b64(numbers.n), "e": _b64(numbers.e)}
        return _json(200, {"keys": [key]})

    def authorize(self, request: Request) -> Answer:
        query = {name: values[-1] for name, values in request.query.items()}
        problem = self._check_authorize(query)
        if problem:
            return problem
        session = self._session_of(request)
        org = query.get("org") or (session or {}).get("custom:org") or self.default_org
        if session and session["custom:org"] == org and query.get("prompt") != "login":
            return self._grant(session, query)
        if query.get("prompt") == "none":
            return _redirect(self._back(query, {"error": "login_required"}))
        everyone = self.people(org)
        people = sorted(everyone, key=lambda person: person["id"])[:PEOPLE_SHOWN]
        for person in people:
            person["groups"] = ", ".join(self._groups(org, person, everyone))
        page = _PAGE.render(people=people, org=org, query=query, query_string=urlencode(query))
        return 200, {"Content-Type": HTML, "Cache-Control": "no-store"}, page.encode()

    def choose(self, request: Request) -> Answer:
        form = {name: values[-1] for name, values in parse_qs(request.body.decode()).items()}
        query = {name: values[-1] for name, values in parse_qs(form.get("query", "")).items()}
        problem = self._check_authorize(query)
        if problem:
            return problem
        claims = self._claims(form.get("org") or self.default_org, form.get("sub", ""))
        if claims is None:
            return _oauth_error("access_denied", "no such person in this organisation", 403)
        return self._grant(claims, query, self._new_session(claims))

    def token(self, request: Request) -> Answer:
        form = {name: values[-1] for name, values in parse_qs(request.body.decode()).items()}
        if form.get("grant_type") != "authorization_code":
            return _oauth_error("unsupported_grant_type", "only authorization_code")
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # a code is good once
        if grant is None or grant.expires < time.time():
            return _oauth_error("invalid_grant", "unknown, used or expired code")
        if form.get("redirect_uri") != grant.redirect_uri or form.get("client_id", grant.client_id) != grant.client_id:
            return _oauth_error("invalid_grant", "redirect_uri or client_id differs from the authorization request")
        verifier = form.get("code_verifier", "")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not verifier or not secrets.compare_digest(digest, grant.challenge):
            return _oauth_error("invalid_grant", "the code_verifier does not match the code_challenge")
        return _json(
            200,
            {
                "id_token": self._sign(grant.claims, "id", grant.client_id, grant.nonce),
                "access_token": self._sign(grant.claims, "access", grant.client_id, None),
                "token_type": "Bearer",
                "expires_in": LIFETIME,
            },
        )

    def user_info(self, request: Request) -> Answer:
        claims = self.claims(request.headers.get("authorization"))
        if claims is None:
            return _oauth_error("invalid_token", "sign in", 401)
        return _json(200, {k: v for k, v in claims.items() if k in ("sub", "email", "name", "locale")})

    def logout(self, request: Request) -> Answer:
        target = request.query.get("logout_uri", request.query.get("post_logout_redirect_uri", ["/"]))[-1]
        if target.startswith(self.issuer):
            target = target[len(self.issuer) :] or "/"
        return _redirect(_same_origin_path(target), **{"Set-Cookie": f"{SESSION_COOKIE}=; Path=/; Max-Age=0"})

    def sign_in_directly(self, request: Request) -> Answer:
        query = {name: values[-1] for name, values in request.query.items()}
        claims = self._claims(query.get("org") or self.default_org, query.get("sub", ""))
        if claims is None:
            return _json(404, {"error": {"code": "not_found", "message": "no such person in this organisation"}})
        # The console finds the session on its next sign-in redirect and comes back without a page.
        return _redirect(_same_origin_path(query.get("next")), **self._new_session(claims))

    # ------------------------------------------------------------ verifying
    def claims(self, authorization: str | None) -> dict[str, str] | None:
        """The claims of a token this identity signed, as the API Gateway authorizer hands them over."""
        if not authorization or not authorization.lower().startswith("bearer "):
            return None
        try:
            claims = jwt.decode(
                authorization[7:].strip(),
                self.key.public_key(),
                algorithms=["RS256"],
                issuer=self.issuer,
                options={"verify_aud": False},  # the access token names its client in client_id
            )
        except jwt.PyJWTError:
            return None
        return {key: ",".join(value) if isinstance(value, list) else str(value) for key, value in claims.items()}

    # ------------------------------------------------------------ inside
    def _check_authorize(self, query: dict[str, str]) -> Answer | None:
        if query.get("response_type") != "code":
            return _oauth_error("unsupported_response_type", "only response_type=code")
        if not query.get("client_id") or not query.get("redirect_uri", "").startswith(self.issuer):
            return _oauth_error("invalid_request", f"client_id and a redirect_uri on {self.issuer} are required")
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return _oauth_error("invalid_request", "PKCE with code_challenge_method=S256 is required")
        return None

    def _grant(self, claims: dict[str, Any], query: dict[str, str], headers: dict[str, str] | None = None) -> Answer:
        code = secrets.token_urlsafe(24)
        with self._lock:
            now = time.time()
            self._grants = {c: g for c, g in self._grants.items() if g.expires > now}
            self._grants[code] = Grant(
                claims,
                query["client_id"],
                query["redirect_uri"],
                query["code_challenge"],
                query.get("nonce"),
                now + CODE_LIFETIME,
            )
        return _redirect(self._back(query, {"code": code}), **(headers or {}))

    @staticmethod
    def _back(query: dict[str, str], answer: dict[str, str]) -> str:
        if query.get("state"):
            answer = {**answer, "state": query["state"]}
        separator = "&" if urlsplit(query["redirect_uri"]).query else "?"
        return f"{query['redirect_uri']}{separator}{urlencode(answer)}"

    def _new_session(self, claims: dict[str, Any]) -> dict[str, str]:
        session = secrets.token_urlsafe(24)
        with self._lock:
            self._sessions[session] = claims
        return {"Set-Cookie": f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax"}

    def _session_of(self, request: Request) -> dict[str, Any] | None:
        for part in request.headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == SESSION_COOKIE:
                with self._lock:
                    return self._sessions.get(value)
        return None

    def _groups(self, org: str, person: dict[str, Any], people: list[dict[str, Any]]) -> list[str]:
        groups = ["employee"]
        if any(other.get("manager_id") == person["id"] for other in people):
            groups.insert(0, "manager")
        if person["id"] in self.hr_admins.get(org, set()):
            groups.insert(0, "hr_admin")
        return groups

    def _claims(self, org: str, sub: str) -> dict[str, Any] | None:
        people = self.people(org)
        person = next((p for p in people if p["id"] == sub), None)
        if person is None:
            return None
        return {
            "sub": person["id"],
            "custom:org": org,
            "custom:employee_id": person["id"],
            "cognito:groups": self._groups(org, person, people),
            "email": person.get("email") or "",
            "name": person.get("name") or person["id"],
            "locale": person.get("locale") or "en",
        }

    def _sign(self, claims: dict[str, Any], use: str, client_id: str, nonce: str | None) -> str:
        now = int(time.time())
        token = {
            **claims,
            "iss": self.issuer,
            "iat": now,
            "auth_time": now,
            "exp": now + LIFETIME,
            "token_use": use,
            "jti": uuid.uuid4().hex,
        }
        if use == "id":
            token["aud"] = client_id
            if nonce:
                token["nonce"] = nonce
        else:
            token["client_id"] = client_id
            token["scope"] = "openid email profile"
        return jwt.encode(token, self.key, algorithm="RS256", headers={"kid": self.kid})
