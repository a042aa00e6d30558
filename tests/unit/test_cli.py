"""The `janus` command against a fake API: what HR sees, and what the tool sends."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from janus_cli.main import app

TOKEN = "tok-SECRET-0123456789"
DEAD = "http://127.0.0.1:1"  # nothing listens on port 1

CYCLE = {
    "id": "c-7f3a9b",
    "name": "Autumn 360",
    "kind": "360",
    "state": "open",
    "deadline": "2026-12-15T16:00:00+00:00",
    "competencies": ["listening", "teamwork"],
    "anonymity_threshold": 3,
    "manager_identified": True,
    "workload_cap": 8,
    "raters": {"peer": {"min": 3, "max": 6}},
    "nominations_pending": 0,
    "short_subjects": 0,
    "progress": {
        "subjects": 2,
        "assignments": 14,
        "invited": 14,
        "in_progress": 3,
        "submitted": 6,
        "declined": 1,
        "undeliverable": 0,
        "response_rate": 0.43,
    },
}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class FakeApi:
    """Canned answers per (method, path); a list of several is answered in turn, the last one repeating."""

    url: str = ""
    routes: dict[tuple[str, str], list[tuple[int, Any]]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def answer(self, method: str, path: str, *answers: tuple[int, Any]) -> None:
        self.routes[(method, path)] = list(answers)

    def respond(self, method: str, path: str) -> tuple[int, Any]:
        queue = self.routes.get((method, path))
        if not queue:
            return 404, {"error": {"code": "not_found", "message": "no such route"}}
        return queue.pop(0) if len(queue) > 1 else queue[0]


def handler_for(fake: FakeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def handle_any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {key.lower(): value for key, value in self.headers.items()}
            fake.requests.append(Request(self.command, self.path, headers, body))
            status, payload = fake.respond(self.command, self.path)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_PUT = do_POST = handle_any

        def log_message(self, *_: Any) -> None:
            pass

    return Handler


@pytest.fixture
def api() -> Iterator[FakeApi]:
    fake = FakeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(fake))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No configuration from the real environment or project; wide, plain output."""
    monkeypatch.chdir(tmp_path)
    for name in ("JANUS_API", "JANUS_TOKEN", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env)
    assert TOKEN not in result.output, "the token must never be printed"
    return result


def janus(api: FakeApi, *args: str) -> Result:
    return run("--api", api.url, "--token", TOKEN, *args)


# Employees


def test_csv_import_sends_text_csv_with_the_token_and_prints_the_counts(api: FakeApi, tmp_path: Path) -> None:
    csv = "id,name,email,manager_id,department,job_class,locale\ne001,Helle Bruun,helle@x.example,,HR,management,da\n"
    (tmp_path / "people.csv").write_text(csv)
    api.answer("PUT", "/employees", (200, {"created": 38, "updated": 1, "unchanged": 7, "stale": 2, "rows": []}))

    result = janus(api, "employees", "import", "people.csv")

    assert result.exit_code == 0, result.output
    [sent] = api.requests
    assert (sent.method, sent.path) == ("PUT", "/employees")
    assert sent.headers["content-type"].startswith("text/csv")
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent.body.decode() == csv
    for heading in ("Created", "Updated", "Unchanged", "Stale"):
        assert heading in result.stdout
    assert "38" in result.stdout and "7" in result.stdout and "2" in result.stdout


def test_json_import_sends_the_list_as_json(api: FakeApi, tmp_path: Path) -> None:
    people = [{"id": "e001", "name": "Helle Bruun", "email": "helle@x.example", "manager_id": ""}]
    (tmp_path / "people.json").write_text(json.dumps(people))
    api.answer("PUT", "/employees", (200, {"created": 1, "updated": 0, "unchanged": 0, "stale": 0}))

    result = janus(api, "employees", "import", "people.json")

    assert result.exit_code == 0, result.output
    [sent] = api.requests
    assert sent.headers["content-type"] == "application/json"
    assert sent.json() == people


def test_a_rejected_import_lists_every_problem_and_exits_1(api: FakeApi, tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,name\n")
    problems = [
        {"row": 2, "field": "email", "message": "'bob@x' is not an e-mail address"},
        {"row": 5, "field": "manager_id", "message": "e999 is not an employee"},
        {"row": 7, "field": "locale", "message": "must be en or da"},
    ]
    message = "3 problem(s) in the employees; nothing was imported"
    api.answer(
        "PUT", "/employees", (400, {"error": {"code": "invalid_input", "message": message, "details": problems}})
    )

    result = janus(api, "employees", "import", "people.csv")

    assert result.exit_code == 1
    assert message in result.stderr
    lines = result.stderr.splitlines()
    for problem in problems:
        assert any(
            str(problem["row"]) in line and problem["field"] in line and problem["message"] in line for line in lines
        ), problem


def test_import_refuses_other_files_without_calling_the_api(api: FakeApi, tmp_path: Path) -> None:
    (tmp_path / "people.xlsx").write_text("x")
    result = janus(api, "employees", "import", "people.xlsx")
    assert result.exit_code == 2
    assert ".csv" in result.output
    assert api.requests == []


def test_employees_show(api: FakeApi) -> None:
    api.answer("GET", "/employees/e009", (200, {"id": "e009", "name": "Grace Howell", "active": True}))
    result = janus(api, "employees", "show", "e009")
    assert result.exit_code == 0, result.output
    assert "Grace Howell" in result.stdout and "e009" in result.stdout


# Cycles


def test_cycles_create_sends_the_cycle_and_prints_its_id_and_state(api: FakeApi) -> None:
    api.answer("POST", "/cycles", (201, {"id": "c-7f3a9b", "state": "draft", "nominations_pending": 0}))

    result = janus(
        api,
        "cycles",
        "create",
        "--name",
        "Autumn 360",
        "--kind",
        "360",
        "--deadline",
        "2026-12-15T17:00:00+01:00",
        "--subject",
        "e002",
        "--subject",
        "e003",
        "--competency",
        "listening",
        "--competency",
        "teamwork",
        "--anonymity-threshold",
        "3",
        "--workload-cap",
        "8",
    )

    assert result.exit_code == 0, result.output
    [sent] = api.requests
    assert (sent.method, sent.path) == ("POST", "/cycles")
    assert sent.json() == {
        "name": "Autumn 360",
        "kind": "360",
        "deadline": "2026-12-15T17:00:00+01:00",
        "subjects": ["e002", "e003"],
        "competencies": ["listening", "teamwork"],
        "anonymity_threshold": 3,
        "workload_cap": 8,
    }
    assert "c-7f3a9b" in result.stdout and "draft" in result.stdout


def test_cycles_create_reads_subjects_from_a_file_and_sends_only_what_was_given(api: FakeApi, tmp_path: Path) -> None:
    (tmp_path / "subjects.txt").write_text("e002\n\n  e003  \n# not this one\ne004\n")
    api.answer("POST", "/cycles", (201, {"id": "c-1", "state": "draft"}))

    args = ["--name", "Self", "--kind", "self", "--deadline", "2026-12-15T17:00:00Z", "--subjects-file", "subjects.txt"]
    result = janus(api, "cycles", "create", *args)

    assert result.exit_code == 0, result.output
    assert api.requests[0].json() == {
        "name": "Self",
        "kind": "self",
        "deadline": "2026-12-15T17:00:00Z",
        "subjects": ["e002", "e003", "e004"],
    }


@pytest.mark.parametrize(
    ("extra", "complaint"),
    [
        (["--deadline", "2026-12-15T17:00:00", "--subject", "e002"], "UTC offset"),
        (["--deadline", "2026-12-15T17:00:00+01:00"], "--subject"),
    ],
)
def test_cycles_create_checks_its_options_before_calling_the_api(
    api: FakeApi, extra: list[str], complaint: str
) -> None:
    result = janus(api, "cycles", "create", "--name", "X", "--kind", "180", *extra)
    assert result.exit_code == 2
    assert complaint in result.output
    assert api.requests == []


def test_cycles_list_shows_a_table(api: FakeApi) -> None:
    api.answer("GET", "/cycles", (200, [CYCLE, {**CYCLE, "id": "c-2", "name": "Spring 180", "state": "draft"}]))
    result = janus(api, "cycles", "list")
    assert result.exit_code == 0, result.output
    assert "Response rate" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "c-7f3a9b" in line)
    for value in ("Autumn 360", "360", "open", "2026-12-15T16:00:00+00:00", "43%"):
        assert value in row
    assert "Spring 180" in result.stdout


def test_cycles_show(api: FakeApi) -> None:
    api.answer("GET", "/cycles/c-7f3a9b", (200, CYCLE))
    result = janus(api, "cycles", "show", "c-7f3a9b")
    assert result.exit_code == 0, result.output
    assert "listening, teamwork" in result.stdout
    assert "peer 3–6" in result.stdout
    assert "6/14" in result.stdout


def test_status_renders_the_progress(api: FakeApi) -> None:
    api.answer("GET", "/cycles/c-7f3a9b", (200, CYCLE))

    result = janus(api, "cycles", "status", "c-7f3a9b")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "open" in out
    counts = next(line for line in out.splitlines() if "14" in line and "3" in line and "6" in line)
    assert counts.split() == ["2", "14", "14", "3", "6", "1", "0"]
    for heading in ("Subjects", "Assignments", "Invited", "In progress", "Submitted", "Declined", "Undeliverable"):
        assert heading in out
    assert "6/14 (43%)" in out
    assert "1/14 (7%)" in out
    assert "Response rate 43%" in out


def test_status_watch_refreshes_until_the_cycle_is_no_longer_open(api: FakeApi) -> None:
    closed = {**CYCLE, "state": "closed", "progress": {**CYCLE["progress"], "submitted": 13}}
    api.answer("GET", "/cycles/c-7f3a9b", (200, CYCLE), (200, CYCLE), (200, closed))

    result = janus(api, "cycles", "status", "c-7f3a9b", "--watch", "--interval", "0.1")

    assert result.exit_code == 0, result.output
    assert len(api.requests) == 3
    assert "closed" in result.stdout and "13/14" in result.stdout


@pytest.mark.parametrize(
    ("command", "body"),
    [
        (["launch", "c-1"], {"type": "launch"}),
        (["launch", "c-1", "--force"], {"type": "launch", "force": True}),
        (["remind", "c-1"], {"type": "remind"}),
        (["release", "c-1"], {"type": "release"}),
        (["close", "c-1"], {"type": "close"}),
        (["cancel", "c-1"], {"type": "cancel"}),
        (
            ["extend", "c-1", "--deadline", "2027-01-10T17:00:00+01:00"],
            {"type": "extend", "deadline": "2027-01-10T17:00:00+01:00"},
        ),
    ],
)
def test_events_are_posted(api: FakeApi, command: list[str], body: dict[str, Any]) -> None:
    api.answer("POST", "/cycles/c-1/events", (202, {"id": "c-1", "state": "open"}))
    result = janus(api, "cycles", *command)
    assert result.exit_code == 0, result.output
    [sent] = api.requests
    assert (sent.method, sent.path, sent.json()) == ("POST", "/cycles/c-1/events", body)
    assert "accepted" in result.stdout


SHORT = [
    {"id": "e002", "name": "Mette Kjær", "shortfalls": [{"relationship": "peer", "have": 2, "min": 3}]},
    {"id": "e003", "name": "Jonas Holm", "shortfalls": [{"relationship": "peer", "have": 1, "min": 3}]},
]


@pytest.mark.parametrize("details", [SHORT, {"subjects": SHORT, "total": 2}], ids=["list", "object"])
def test_a_refused_launch_prints_the_short_subjects_and_exits_1(api: FakeApi, details: Any) -> None:
    error = {"code": "conflict", "message": "2 subject(s) are short of raters", "details": details}
    api.answer("POST", "/cycles/c-1/events", (409, {"error": error}))

    result = janus(api, "cycles", "launch", "c-1")

    assert result.exit_code == 1
    err = result.stderr
    assert "409" in err and "conflict" in err and "2 subject(s) are short of raters" in err
    mette = next(line for line in err.splitlines() if "e002" in line)
    assert "Mette Kjær" in mette and "peer 2 of 3" in mette
    assert "peer 1 of 3" in next(line for line in err.splitlines() if "e003" in line)


def test_a_conflict_without_details_prints_the_message(api: FakeApi) -> None:
    error = {"code": "conflict", "message": "a closed cycle cannot be launched"}
    api.answer("POST", "/cycles/c-1/events", (409, {"error": error}))
    result = janus(api, "cycles", "launch", "c-1")
    assert result.exit_code == 1
    assert "a closed cycle cannot be launched" in result.stderr


# Nominations


def test_nominations_list_shows_raters_by_relationship_and_shortfalls(api: FakeApi) -> None:
    answer = {
        "subject": {"id": "e002", "name": "Mette Kjær"},
        "raters": [
            {"id": "e006", "name": "Ole Lund", "relationship": "peer", "source": "derived"},
            {"id": "e002", "name": "Mette Kjær", "relationship": "self"},
            {"id": "e001", "name": "Helle Bruun", "relationship": "manager"},
        ],
        "shortfalls": [{"relationship": "peer", "have": 1, "min": 3}],
    }
    api.answer("GET", "/cycles/c-1/subjects/e002/raters", (200, answer))

    result = janus(api, "nominations", "list", "c-1", "e002")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Mette Kjær", out.index("self")) < out.index("Helle Bruun") < out.index("Ole Lund")
    assert "Shortfalls" in out
    assert next(line for line in out.splitlines() if line.strip().startswith("peer") and "Ole" not in line).split() == [
        "peer",
        "1",
        "3",
    ]


def test_nominations_set_puts_the_raters(api: FakeApi) -> None:
    api.answer("PUT", "/cycles/c-1/subjects/e002/raters", (200, {"subject": {"id": "e002"}, "raters": []}))

    result = janus(api, "nominations", "set", "c-1", "e002", "--rater", "e002:self", "--rater", "e006:peer")

    assert result.exit_code == 0, result.output
    [sent] = api.requests
    assert sent.method == "PUT"
    assert sent.json() == {"raters": [{"id": "e002", "relationship": "self"}, {"id": "e006", "relationship": "peer"}]}


def test_nominations_set_rejects_a_rater_without_relationship(api: FakeApi) -> None:
    result = janus(api, "nominations", "set", "c-1", "e002", "--rater", "e006")
    assert result.exit_code == 2
    assert "ID:relationship" in result.output
    assert api.requests == []


# Configuration and failures


@pytest.mark.parametrize(
    ("options", "env", "state", "token"),
    [
        ([], {}, {"api": "FAKE", "hr_token": "file-token"}, "file-token"),
        ([], {"JANUS_API": "FAKE", "JANUS_TOKEN": "env-token"}, {"api": DEAD, "hr_token": "file-token"}, "env-token"),
        (
            ["--api", "FAKE", "--token", "option-token"],
            {"JANUS_API": DEAD, "JANUS_TOKEN": "env-token"},
            {"api": DEAD, "hr_token": "file-token"},
            "option-token",
        ),
        ([], {"JANUS_TOKEN": "env-token"}, {"api": "FAKE", "hr_token": "file-token"}, "env-token"),
    ],
    ids=["local-json", "env-over-local-json", "option-over-env", "each-setting-on-its-own"],
)
def test_configuration_precedence(
    api: FakeApi, tmp_path: Path, options: list[str], env: dict[str, str], state: dict[str, str], token: str
) -> None:
    def real(value: str) -> str:
        return api.url if value == "FAKE" else value

    (tmp_path / ".janus").mkdir()
    (tmp_path / ".janus" / "local.json").write_text(json.dumps({key: real(v) for key, v in state.items()}))
    api.answer("GET", "/employees/e001", (200, {"id": "e001", "name": "Helle Bruun"}))

    result = run(*[real(o) for o in options], "employees", "show", "e001", env={k: real(v) for k, v in env.items()})

    assert result.exit_code == 0, result.output
    [sent] = api.requests
    assert sent.headers["authorization"] == f"Bearer {token}"
    assert token not in result.output


def test_missing_configuration_exits_2_with_a_clear_message(api: FakeApi) -> None:
    result = run("cycles", "list")
    assert result.exit_code == 2
    assert "No API URL" in result.stderr
    assert "--api" in result.stderr and "JANUS_API" in result.stderr and ".janus/local.json" in result.stderr
    assert api.requests == []


def test_a_missing_token_exits_2(api: FakeApi) -> None:
    result = run("--api", api.url, "cycles", "list")
    assert result.exit_code == 2
    assert "No token" in result.stderr and "JANUS_TOKEN" in result.stderr
    assert api.requests == []


def test_an_unreachable_api_names_the_url(api: FakeApi) -> None:
    result = run("--api", DEAD, "--token", TOKEN, "cycles", "show", "c-1")
    assert result.exit_code == 1
    assert f"{DEAD}/cycles/c-1" in result.stderr


def test_the_token_never_appears_in_any_output(api: FakeApi) -> None:
    """Successes and errors alike: a 401, a 404 and the help."""
    api.answer("GET", "/cycles", (401, {"error": {"code": "unauthenticated", "message": "Unauthorized"}}))
    api.answer("GET", "/cycles/c-1", (200, CYCLE))
    for args in (["cycles", "list"], ["cycles", "show", "c-1"], ["cycles", "show", "nope"], ["--help"]):
        result = janus(api, *args)
        assert TOKEN not in result.output and TOKEN not in result.stderr
    assert janus(api, "cycles", "list").exit_code == 1
    assert "unauthenticated" in janus(api, "cycles", "list").stderr
