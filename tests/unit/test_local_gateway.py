"""The local gateway's server and the local mailbox, as a person running `make run` meets them."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from infra.gateway import Console, Gateway, Request, Tokens
from infra.mailbox import Mailbox
from infra.provision import Stack
from tests.conftest import ROOT


def _server() -> Any:
    return Gateway([], lambda *_: None, Tokens("s" * 32), {}).serve("127.0.0.1", 0)


def test_the_gateway_takes_a_burst_of_fifty_connections_before_it_accepts_any() -> None:
    server = _server()  # not serving yet: every connection waits in the listen backlog
    connections: list[socket.socket] = []
    try:
        for _ in range(50):
            connections.append(socket.create_connection(server.server_address, timeout=1))
    finally:
        for connection in connections:
            connection.close()
        server.server_close()
    assert len(connections) == 50


@pytest.mark.parametrize("hang_up", [ConnectionResetError, BrokenPipeError, ConnectionAbortedError])
def test_a_browser_that_hangs_up_prints_no_traceback(capsys: pytest.CaptureFixture[str], hang_up: type) -> None:
    server = _server()
    try:
        try:
            raise hang_up(104, "the peer hung up")
        except OSError:
            server.handle_error(None, ("127.0.0.1", 50000))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real fault")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 50000))
        assert "ValueError: a real fault" in capsys.readouterr().err  # anything else still shows
    finally:
        server.server_close()


def test_the_mailbox_starts_empty_with_each_run(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "00001.eml").write_text("Subject: from the last run\n\nold")
    (folder / "notes.txt").write_text("not a message")
    mailbox = Mailbox(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert mailbox.messages == []


def test_the_readme_says_the_local_state_lives_in_memory_and_ends_with_the_stack() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "lives in memory" in readme and "ends with the stack" in readme
    assert "starts empty with each run" in readme


def test_local_tokens_carry_the_claims_cognito_gives() -> None:
    tokens = Tokens("s" * 32)
    claims = tokens.claims(f"Bearer {tokens.issue('acme', 'e-7', ['hr_admin', 'manager'])}")
    assert claims is not None
    assert claims["custom:org"] == "acme"
    assert claims["custom:employee_id"] == claims["sub"] == "e-7"
    assert claims["cognito:groups"] == "hr_admin,manager"
    assert "roles" not in claims and "org" not in claims


def test_a_local_token_can_have_a_sub_apart_from_its_employee_id() -> None:
    tokens = Tokens("s" * 32)
    claims = tokens.claims(f"Bearer {tokens.issue('acme', 'uuid-1', ['employee'], employee_id='e-7')}")
    assert claims is not None
    assert (claims["sub"], claims["custom:employee_id"]) == ("uuid-1", "e-7")


def _console(tmp_path: Path, api_paths: list[str], headers: dict[str, str] | None = None) -> Console:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html>")
    (tmp_path / "assets" / "index-3f2a.js").write_text("")
    return Console(tmp_path, api_paths, headers)


def _get(path: str) -> Request:
    return Request("GET", path, {}, {"accept": "text/html"}, b"", "127.0.0.1")


def test_the_console_serves_its_pages_and_files_as_the_distribution_does(tmp_path: Path) -> None:
    console = _console(tmp_path, ["/cycles*", "/me", "/me/*"])

    page = console.answer(_get("/reports/c1/e012"))
    asset = console.answer(_get("/assets/index-3f2a.js"))

    assert page and page[1]["Cache-Control"] == "no-cache" and page[2] == b"<!doctype html>"
    assert asset and asset[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset[1]["Content-Type"] == "text/javascript; charset=utf-8"


def test_a_path_the_distribution_sends_to_the_api_is_never_a_console_page(tmp_path: Path) -> None:
    console = _console(tmp_path, ["/cycles*", "/me", "/me/*"])

    assert [console.answer(_get(path)) for path in ("/cycles", "/cycles/c1/nowhere", "/me", "/me/x")] == [None] * 4
    assert console.answer(_get("/messages")) is not None, "/me and /me/* are not every path that starts /me"


def test_the_local_console_follows_the_api_paths_of_the_template(aws: Stack) -> None:
    assert "/cycles*" in aws.api_paths and "/feedback*" in aws.api_paths


def test_the_local_console_carries_the_security_headers_the_distribution_adds(aws: Stack, tmp_path: Path) -> None:
    headers = aws.console_headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "https://janus-local-SignInDomain.auth.us-east-1.amazoncognito.com" in policy
    assert headers["X-Frame-Options"] == "DENY" and headers["Strict-Transport-Security"].startswith("max-age=")

    page = _console(tmp_path, aws.api_paths, headers).answer(_get("/"))

    assert page and page[1]["Content-Security-Policy"] == policy
    assert page[1]["Content-Type"] == "text/html; charset=utf-8"
