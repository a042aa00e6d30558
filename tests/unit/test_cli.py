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
            is_page = isinstance(payload, str)  # a str is a page, as the report's HTML route answers
            data = payload.encode() if is_page else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8" if is_page else "application/json")
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
    result = janus(api, "--tz", "UTC", "cycles", "list")
    assert result.exit_code == 0, result.output
    assert "Response rate" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "c-7f3a9b" in line)
    for value in ("Autumn 360", "360", "open", "2026-12-15 16:00 UTC", "43%"):
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


# What HR reads after launch: people, nominations, reports, analytics, escalations


EMPLOYEES_PAGE_1 = {
    "employees": [
        {
            "id": "e002",
            "name": "Mette Kjær",
            "email": "mette@x.example",
            "manager_id": "e001",
            "department": "Engineering",
            "job_class": "technical",
            "locale": "da",
            "active": True,
        },
        {
            "id": "e001",
            "name": "Helle Bruun",
            "email": "helle@x.example",
            "manager_id": None,
            "department": "HR",
            "job_class": "management",
            "locale": "da",
            "active": True,
        },
    ],
    "next": "page-2",
}
EMPLOYEES_PAGE_2 = {
    "employees": [
        {
            "id": "e003",
            "name": "Jonas Holm",
            "email": "jonas@x.example",
            "manager_id": "e001",
            "department": "Engineering",
            "job_class": "technical",
            "locale": "en",
            "active": False,
        },
    ],
    "next": None,
}


def test_employees_list_follows_every_page_and_sorts_by_id(api: FakeApi) -> None:
    api.answer("GET", "/employees", (200, EMPLOYEES_PAGE_1))
    api.answer("GET", "/employees?next=page-2", (200, EMPLOYEES_PAGE_2))

    result = janus(api, "employees", "list")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("e001") < out.index("e002") < out.index("e003")
    jonas = next(line for line in out.splitlines() if "e003" in line)
    assert "Jonas Holm" in jonas and "Engineering" in jonas and "no" in jonas
    assert "3 employees" in out


ASSIGNMENTS = {
    "subject": {"id": "e002", "name": "Mette Kjær"},
    "assignments": [
        {
            "rater_id": "e002",
            "rater_name": "Mette Kjær",
            "relationship": "self",
            "status": "submitted",
            "submitted_at": "2026-11-02T09:15:42.123456+00:00",
            "updated_at": "2026-11-02T09:15:42.123456+00:00",
        },
        {
            "rater_id": "e001",
            "rater_name": "Helle Bruun",
            "relationship": "manager",
            "status": "pending",
            "updated_at": None,
        },
        {
            "rater_id": "e006",
            "rater_name": "Ole Lund",
            "relationship": "peer",
            "status": "declined",
            "decline_reason": "I have not worked with Mette this year",
            "updated_at": "2026-11-03T14:00:00+00:00",
        },
    ],
}


def test_nominations_status_shows_who_is_pending_and_who_declined_and_why(api: FakeApi) -> None:
    api.answer("GET", "/cycles/c-1/subjects/e002/assignments", (200, ASSIGNMENTS))

    result = janus(api, "--tz", "Europe/Copenhagen", "nominations", "status", "c-1", "e002")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "pending" in next(line for line in out.splitlines() if "e001" in line)
    assert "declined" in next(line for line in out.splitlines() if "e006" in line)
    assert "I have not worked with Mette this year" in " ".join(out.split())
    assert "2026-11-02 10:15 CET" in out
    assert "1 pending" in out and "1 declined" in out and "1 submitted" in out


def test_nominations_status_of_a_whole_cycle_reads_every_subject_and_filters(api: FakeApi) -> None:
    subjects = {"subjects": [{"id": "e002", "name": "Mette Kjær"}, {"id": "e003", "name": "Jonas Holm"}], "next": None}
    jonas = {
        "subject": {"id": "e003", "name": "Jonas Holm"},
        "assignments": [
            {"rater_id": "e003", "rater_name": "Jonas Holm", "relationship": "self", "status": "in_progress"}
        ],
    }
    api.answer("GET", "/cycles/c-1/subjects", (200, subjects))
    api.answer("GET", "/cycles/c-1/subjects/e002/assignments", (200, ASSIGNMENTS))
    api.answer("GET", "/cycles/c-1/subjects/e003/assignments", (200, jonas))

    result = janus(api, "nominations", "status", "c-1", "--status", "pending", "--status", "in_progress")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "e001" in out and "e003" in out
    assert "e006" not in out and "submitted" not in out.split("pending")[0]


def test_a_refused_launch_names_force_as_the_way_to_launch_anyway(api: FakeApi) -> None:
    error = {"code": "conflict", "message": "2 subject(s) are short of raters", "details": SHORT}
    api.answer("POST", "/cycles/c-1/events", (409, {"error": error}))

    result = janus(api, "cycles", "launch", "c-1")

    assert result.exit_code == 1
    assert "janus cycles launch c-1 --force" in result.stderr


def test_times_are_shown_in_the_zone_asked_for_to_the_minute_with_the_zone_named(api: FakeApi) -> None:
    cycle = {**CYCLE, "created_at": "2026-10-01T08:30:12.345678+00:00", "launched_at": None}
    api.answer("GET", "/cycles/c-7f3a9b", (200, cycle))
    api.answer("GET", "/cycles", (200, {"cycles": [cycle]}))

    shown = janus(api, "--tz", "Europe/Copenhagen", "cycles", "show", "c-7f3a9b")
    listed = janus(api, "--tz", "America/New_York", "cycles", "list")

    assert shown.exit_code == 0, shown.output
    assert "2026-12-15 17:00 CET" in shown.stdout
    assert "2026-10-01 10:30 CEST" in shown.stdout
    assert "12.345678" not in shown.stdout and ":12" not in shown.stdout
    assert "2026-12-15 11:00 EST" in listed.stdout


def test_times_default_to_the_machine_zone(api: FakeApi, monkeypatch: pytest.MonkeyPatch) -> None:
    import time as time_module

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time_module.tzset()
    try:
        api.answer("GET", "/cycles/c-7f3a9b", (200, CYCLE))
        result = janus(api, "cycles", "show", "c-7f3a9b")
    finally:
        monkeypatch.delenv("TZ")
        time_module.tzset()
    assert "2026-12-16 01:00 JST" in result.stdout


def test_an_unknown_zone_is_wrong_usage(api: FakeApi) -> None:
    result = janus(api, "--tz", "Mars/Olympus", "cycles", "list")
    assert result.exit_code == 2
    assert "Mars/Olympus" in result.output
    assert api.requests == []


REPORT_SUBJECTS = {
    "subjects": [
        {"id": "e002", "name": "Mette Kjær", "department": "Engineering", "raters": 7, "report": True},
        {"id": "e003", "name": "Jonas Holm", "department": "Engineering", "raters": 4, "report": False},
    ],
    "next": None,
}
PAGE = "<!doctype html><html><body><h1>Mette Kjær</h1></body></html>"


def test_reports_list_says_which_reports_are_built(api: FakeApi) -> None:
    api.answer("GET", "/cycles/c-1/subjects", (200, REPORT_SUBJECTS))
    result = janus(api, "reports", "list", "c-1")
    assert result.exit_code == 0, result.output
    assert "built" in next(line for line in result.stdout.splitlines() if "e002" in line)
    assert "not built" in next(line for line in result.stdout.splitlines() if "e003" in line)


def test_reports_save_writes_the_html_page(api: FakeApi, tmp_path: Path) -> None:
    api.answer("GET", "/cycles/c-1/reports/e002/html", (200, PAGE))

    result = janus(api, "reports", "save", "c-1", "e002")

    assert result.exit_code == 0, result.output
    saved = tmp_path / "report-c-1-e002.html"
    assert saved.read_text(encoding="utf-8") == PAGE
    assert saved.name in result.stdout
    assert api.requests[0].headers["accept"].startswith("text/html")


def test_reports_save_as_pdf_prints_the_page_with_chromium(
    api: FakeApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text(
        '#!/bin/sh\nfor a in "$@"; do case $a in --print-to-pdf=*) printf \'%%PDF-1.4\' > "${a#*=}";; esac; done\n'
    )
    chromium.chmod(0o755)
    monkeypatch.setenv("JANUS_CHROMIUM", str(chromium))
    api.answer("GET", "/cycles/c-1/reports/e002/html", (200, PAGE))

    result = janus(api, "reports", "save", "c-1", "e002", "--pdf", "--output", "mette.pdf")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "mette.pdf").read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.html"))


def test_reports_save_as_pdf_without_chromium_says_how_to_get_it(
    api: FakeApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JANUS_CHROMIUM", str(tmp_path / "no-such-chromium"))
    api.answer("GET", "/cycles/c-1/reports/e002/html", (200, PAGE))

    result = janus(api, "reports", "save", "c-1", "e002", "--pdf")

    assert result.exit_code == 1
    assert "Chromium" in result.stderr and "--pdf" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_reports_open_shows_the_page_in_the_browser(api: FakeApi, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    api.answer("GET", "/cycles/c-1/reports/e002/html", (200, PAGE))

    result = janus(api, "reports", "open", "c-1", "e002")

    assert result.exit_code == 0, result.output
    [url] = opened
    assert url.startswith("file://") and Path(url.removeprefix("file://")).read_text(encoding="utf-8") == PAGE


ANALYTICS = {
    "response_rates": {
        "by_department": {
            "Engineering": {"all": {"asked": 40, "submitted": 31, "rate": 0.775}, "by_group": {}},
            "HR": {"all": {"asked": 5, "submitted": 5, "rate": 1.0}, "by_group": {}},
        },
        "by_group": {
            "self": {"asked": 12, "submitted": 11, "rate": 0.9167},
            "peer": {"asked": 33, "submitted": 25, "rate": 0.7576},
        },
    },
    "heat_map": {"Engineering": {"listening": {"mean": 3.84, "raters": 27}, "teamwork": {"mean": None, "raters": 2}}},
    "instrument": {"cronbach_alpha": {"listening": 0.87, "teamwork": None}, "rater_icc1": 0.41},
    "threshold": 3,
}


def test_analytics_shows_response_rates_heat_map_and_instrument(api: FakeApi) -> None:
    api.answer("GET", "/cycles/c-1/analytics", (200, ANALYTICS))

    result = janus(api, "analytics", "c-1")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "78%" in next(line for line in out.splitlines() if "Engineering" in line and "31" in line)
    assert "3.84" in next(line for line in out.splitlines() if "listening" in line and "27" in line)
    assert "hidden" in next(line for line in out.splitlines() if "teamwork" in line and "2" in line)
    assert "0.87" in out and "0.41" in out


CASE = {
    "id": "esc-41a2",
    "org": "acme",
    "employee_id": "e009",
    "manager_id": "e007",
    "cause": "overall_low",
    "source": {"cycle_id": "c-1"},
    "state": "acknowledged",
    "level": 0,
    "owner": "e007",
    "due": "2026-12-20T16:00:00+00:00",
    "plan": None,
    "reviews": [],
    "events": [
        {"at": "2026-12-01T09:00:00.5+00:00", "by": "system", "type": "opened", "detail": {}},
        {"at": "2026-12-02T10:00:00+00:00", "by": "e007", "type": "acknowledged", "detail": {}},
    ],
    "opened_at": "2026-12-01T09:00:00.5+00:00",
    "closed_at": None,
    "decision": None,
    "version": 2,
}


def test_escalations_list_and_show(api: FakeApi) -> None:
    api.answer("GET", "/escalations", (200, {"cases": [CASE]}))
    api.answer("GET", "/escalations/esc-41a2", (200, CASE))

    listed = janus(api, "--tz", "UTC", "escalations", "list")
    shown = janus(api, "--tz", "UTC", "escalations", "show", "esc-41a2")

    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.stdout.splitlines() if "esc-41a2" in line)
    for value in ("e009", "overall_low", "acknowledged", "e007", "2026-12-20 16:00 UTC"):
        assert value in row
    assert shown.exit_code == 0, shown.output
    assert "2026-12-02 10:00 UTC" in shown.stdout and "acknowledged" in shown.stdout
    assert "version" not in shown.stdout.lower()


WIDE = {
    **CYCLE,
    "id": "c-7f3a9b2e41d0",
    "name": "Engineering and Operations autumn 360 round, second wave",
    "created_at": "2026-10-01T08:30:12.345678+00:00",
    "launched_at": "2026-10-02T08:30:12.345678+00:00",
}


@pytest.mark.parametrize(
    ("command", "routes", "essential"),
    [
        (["cycles", "list"], {"/cycles": [WIDE]}, ["c-7f3a9b2e41d0", "2026-12-15 16:00 UTC", "43%"]),
        (["cycles", "show", "c-1"], {"/cycles/c-1": WIDE}, ["2026-10-02 08:30 UTC", "Undeliverable", "6/14 (43%)"]),
        (["cycles", "status", "c-1"], {"/cycles/c-1": WIDE}, ["Undeliverable", "6/14 (43%)"]),
        (
            ["employees", "list"],
            {"/employees": {**EMPLOYEES_PAGE_2, "employees": EMPLOYEES_PAGE_1["employees"]}},
            ["e001", "Helle Bruun", "Engineering"],
        ),
        (
            ["nominations", "status", "c-1", "e002"],
            {"/cycles/c-1/subjects/e002/assignments": ASSIGNMENTS},
            ["e006", "declined", "2026-11-03 14:00 UTC", "manager"],
        ),
        (["reports", "list", "c-1"], {"/cycles/c-1/subjects": REPORT_SUBJECTS}, ["e002", "not built"]),
        (["analytics", "c-1"], {"/cycles/c-1/analytics": ANALYTICS}, ["Engineering", "listening", "0.41"]),
        (["escalations", "list"], {"/escalations": {"cases": [CASE]}}, ["esc-41a2", "2026-12-20 16:00 UTC"]),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else None,
)
def test_every_table_fits_80_columns_and_keeps_what_matters(
    api: FakeApi, command: list[str], routes: dict[str, Any], essential: list[str]
) -> None:
    for path, payload in routes.items():
        api.answer("GET", path, (200, payload))

    result = run("--api", api.url, "--token", TOKEN, "--tz", "UTC", *command, env={"COLUMNS": "80"})

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, "\n".join(lines)
    for value in essential:
        assert any(value in line for line in lines), f"{value!r} is cut:\n{result.stdout}"
