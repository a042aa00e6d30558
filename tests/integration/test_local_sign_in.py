"""The local stand-in for Cognito's managed login: authorization code with PKCE, tokens the
gateway accepts, and the direct sign-in for tests and demos."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests

from tests.integration.rounds import team_org

CLIENT = "janus-console"


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def _authorize_query(local, org: str, challenge: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": CLIENT,
        "redirect_uri": f"{local.api}/callback",
        "scope": "openid email profile",
        "state": "st-1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "org": org,
    }


def _sign_in(local, org: str, sub: str) -> dict[str, str]:
    verifier, challenge = _pkce()
    browser = requests.Session()
    page = browser.get(f"{local.api}/oauth2/authorize", params=_authorize_query(local, org, challenge), timeout=30)
    assert page.status_code == 200
    assert f'value="{sub}"' in page.text
    query = re.search(r'name="query" value="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    picked = browser.post(
        f"{local.api}/oauth2/authorize",
        data={"query": query, "sub": sub, "org": org},
        allow_redirects=False,
        timeout=30,
    )
    assert picked.status_code == 302
    back = parse_qs(urlsplit(picked.headers["Location"]).query)
    assert back["state"] == ["st-1"]
    tokens = requests.post(
        f"{local.api}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": back["code"][0],
            "redirect_uri": f"{local.api}/callback",
            "client_id": CLIENT,
            "code_verifier": verifier,
        },
        timeout=30,
    )
    assert tokens.status_code == 200, tokens.text
    return tokens.json()


@pytest.fixture(scope="module")
def org(local):
    return team_org(local, teams=1, size=2)


def test_the_console_discovers_the_local_sign_in(local):
    configuration = requests.get(f"{local.api}/.well-known/openid-configuration", timeout=10).json()
    assert configuration["issuer"] == local.api
    assert configuration["authorization_endpoint"] == f"{local.api}/oauth2/authorize"
    keys = requests.get(configuration["jwks_uri"], timeout=10).json()["keys"]
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256"


def test_a_picked_person_gets_cognito_shaped_tokens_the_api_accepts(local, org):
    tokens = _sign_in(local, org.id, "m1")
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] > 0
    key = jwt.PyJWKClient(f"{local.api}/.well-known/jwks.json").get_signing_key_from_jwt(tokens["id_token"])
    claims = jwt.decode(tokens["id_token"], key.key, algorithms=["RS256"], audience=CLIENT, issuer=local.api)
    assert claims["sub"] == claims["custom:employee_id"] == "m1"
    assert claims["custom:org"] == org.id
    assert claims["cognito:groups"] == ["manager", "employee"]
    assert claims["email"] == f"m1@{org.domain}" and claims["locale"] == "en"
    for token in (tokens["id_token"], tokens["access_token"]):
        answer = requests.get(
            f"{local.api}/cycles/c-none/reports/m1", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        assert answer.status_code == 404, answer.text  # signed in, and no such cycle


def test_a_code_needs_its_verifier_and_is_good_once(local, org):
    verifier, challenge = _pkce()
    direct = requests.get(
        f"{local.api}/_local/sign-in",
        params={"sub": "t1-1", "org": org.id, "next": "/"},
        allow_redirects=False,
        timeout=30,
    )
    cookies = direct.cookies
    answer = requests.get(
        f"{local.api}/oauth2/authorize",
        params=_authorize_query(local, org.id, challenge),
        cookies=cookies,
        allow_redirects=False,
        timeout=30,
    )
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": f"{local.api}/callback"}
    wrong = requests.post(f"{local.api}/oauth2/token", data={**form, "code_verifier": "not-it"}, timeout=30)
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # The failed attempt used the code up.
    again = requests.post(f"{local.api}/oauth2/token", data={**form, "code_verifier": verifier}, timeout=30)
    assert again.status_code == 400


def test_direct_sign_in_redirects_to_a_path_of_this_origin_only(local, org):
    answer = requests.get(
        f"{local.api}/_local/sign-in",
        params={"sub": "t1-2", "org": org.id, "next": "/reports/c1/t1-2"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/reports/c1/t1-2"
    assert "janus_local_session=" in answer.headers["Set-Cookie"]
    elsewhere = requests.get(
        f"{local.api}/_local/sign-in",
        params={"sub": "t1-2", "org": org.id, "next": "//evil.example.com/"},
        allow_redirects=False,
        timeout=30,
    )
    assert elsewhere.headers["Location"] == "/"
    nobody = requests.get(f"{local.api}/_local/sign-in", params={"sub": "ghost", "org": org.id}, timeout=30)
    assert nobody.status_code == 404


def test_the_stacks_own_tokens_still_work(local, org):
    answer = org.hr.get(f"{local.api}/employees/m1", timeout=30)
    assert answer.status_code == 200
    forged = requests.get(f"{local.api}/employees/m1", headers={"Authorization": "Bearer not.a.token"}, timeout=30)
    assert forged.status_code == 401


def test_an_unknown_path_asked_for_as_json_stays_a_json_404(local):
    answer = requests.get(f"{local.api}/no/such/route", headers={"Accept": "application/json"}, timeout=10)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


def test_logout_ends_the_session_and_returns_to_the_console(local):
    answer = requests.get(
        f"{local.api}/logout",
        params={"client_id": CLIENT, "logout_uri": f"{local.api}/"},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert "Max-Age=0" in answer.headers["Set-Cookie"]
