"""The `janus` command: HR's everyday calls to the Janus API, with readable output (see docs/cli.md).

Longer than most modules, on purpose: it is the command table, one short function per command under
its group's Typer app (employees, cycles, nominations, reports, escalations), and every command shares
the connection, the reader's time zone and the output set up in ``root``. The HTTP calls live in
``client.py`` and the tables in ``render.py``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.console import Console
from rich.live import Live
from rich.text import Text

from janus_cli import admin, render
from janus_cli.client import ApiError, ConfigError, JanusClient, Unreachable, resolve_config

ACTIVE_STATES = ("nominating", "open")

app = typer.Typer(
    help="HR's command-line tool for Janus. It talks to any deployment, local or on AWS.\n\n"
    "The API URL and token come from --api/--token, else JANUS_API/JANUS_TOKEN, "
    "else .janus/local.json (written by the local stack).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a traceback must never show the token
)
employees_app = typer.Typer(help="Import and look up employees.", no_args_is_help=True)
cycles_app = typer.Typer(help="Create, follow and steer feedback cycles.", no_args_is_help=True)
nominations_app = typer.Typer(
    help="See and change a subject's raters before launch; follow their forms after.", no_args_is_help=True
)
reports_app = typer.Typer(help="List, open and save a cycle's reports.", no_args_is_help=True)
escalations_app = typer.Typer(help="Cases of unacceptable performance.", no_args_is_help=True)
app.add_typer(employees_app, name="employees")
app.add_typer(cycles_app, name="cycles")
app.add_typer(nominations_app, name="nominations")
app.add_typer(reports_app, name="reports")
app.add_typer(escalations_app, name="escalations")
app.add_typer(admin.app, name="admin")

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class Kind(StrEnum):
    self_ = "self"
    k180 = "180"
    k360 = "360"


@dataclass(frozen=True)
class Options:
    api: str | None
    token: str | None


def out() -> Console:
    return Console()


def err() -> Console:
    return Console(stderr=True)


@app.callback()
def root(
    ctx: typer.Context,
    api: Annotated[str | None, typer.Option("--api", metavar="URL", help="Base URL of the API.")] = None,
    token: Annotated[str | None, typer.Option("--token", metavar="TOKEN", help="Bearer token (never printed).")] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz", metavar="ZONE", help="Show times in this zone, e.g. Europe/Copenhagen. Default: the machine's."
        ),
    ] = None,
) -> None:
    ctx.obj = Options(api, token)
    render.use_zone(reader_zone(tz))


def reader_zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise typer.BadParameter(f"{name!r} is not a time zone, such as Europe/Copenhagen", param_hint="--tz") from None


@contextmanager
def connect(ctx: typer.Context, hint: Callable[[ApiError], str | None] | None = None) -> Iterator[JanusClient]:
    """A client for the configured deployment; API and connection errors end the command readably,
    a refusal with the ``hint`` of what to do about it, if any."""
    options: Options = ctx.find_root().obj
    try:
        config = resolve_config(options.api, options.token)
    except ConfigError as exc:
        err().print(Text.assemble(("Configuration: ", "bold red"), str(exc)))
        raise typer.Exit(2) from None
    with JanusClient(config) as client:
        try:
            yield client
        except ApiError as exc:
            render.api_error(err(), exc)
            if hint and (advice := hint(exc)):
                err().print(Text(advice, style="yellow"))
            raise typer.Exit(1) from None
        except Unreachable as exc:
            err().print(Text.assemble(("Could not reach ", "bold red"), (exc.url, "bold"), f": {exc.reason}."))
            raise typer.Exit(1) from None


def check_deadline(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise typer.BadParameter(
            f"{value!r} is not a date and time with a UTC offset, such as 2026-12-15T17:00:00+01:00",
            param_hint="--deadline",
        )
    return value


# Employees


@employees_app.command("import")
def employees_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A .csv or .json file.")],
) -> None:
    """Create or update employees from a CSV file (header row) or a JSON list."""
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise typer.BadParameter("give a .csv or a .json file", param_hint="FILE")
    data = file.read_bytes()
    body: Any = None
    if suffix == ".json":
        try:
            body = json.loads(data)
        except ValueError as exc:
            raise typer.BadParameter(f"{file} is not valid JSON ({exc})", param_hint="FILE") from None
    with connect(ctx) as client:
        result = client.import_employees(body) if suffix == ".json" else client.import_employees_csv(data)
    out().print(render.import_result(result))


@employees_app.command("show")
def employees_show(ctx: typer.Context, employee_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """One employee's record."""
    with connect(ctx) as client:
        employee = client.employee(employee_id)
    out().print(render.record(employee, ("id", "name", "email", "manager_id", "department", "job_class", "locale")))


@employees_app.command("list")
def employees_list(ctx: typer.Context) -> None:
    """Every employee of the organisation, active or not, by id."""
    with connect(ctx) as client:
        people = client.employees()
    out().print(render.employees(people) if people else "No employees yet.")


# Cycles


def read_subjects(subjects: list[str] | None, subjects_file: Path | None) -> list[str]:
    if subjects and subjects_file:
        raise typer.BadParameter("give either --subject or --subjects-file, not both", param_hint="--subject")
    if subjects_file:
        lines = (line.strip() for line in subjects_file.read_text(encoding="utf-8-sig").splitlines())
        subjects = [line for line in lines if line and not line.startswith("#")]
        if not subjects:
            raise typer.BadParameter(f"no employee ids in {subjects_file}", param_hint="--subjects-file")
    if not subjects:
        raise typer.BadParameter("give --subject ID (repeatable) or --subjects-file FILE", param_hint="--subject")
    return subjects


@cycles_app.command("create")
def cycles_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="The cycle's name, as raters see it.")],
    kind: Annotated[Kind, typer.Option(help="self, 180 (self and manager) or 360.")],
    deadline: Annotated[str, typer.Option(help="With a UTC offset, e.g. 2026-12-15T17:00:00+01:00.")],
    subject: Annotated[list[str] | None, typer.Option(metavar="ID", help="A subject's employee id; repeat.")] = None,
    subjects_file: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, readable=True, help="One employee id per line.")
    ] = None,
    competency: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="A competency id; repeat. Default: the job class profiles.")
    ] = None,
    anonymity_threshold: Annotated[
        int | None, typer.Option(min=1, help="Fewest raters whose answers are shown.")
    ] = None,
    workload_cap: Annotated[int | None, typer.Option(min=1, help="Most forms any one rater gets.")] = None,
) -> None:
    """Create a cycle, with every subject's raters derived from the hierarchy."""
    cycle: dict[str, Any] = {
        "name": name,
        "kind": kind.value,
        "deadline": check_deadline(deadline),
        "subjects": read_subjects(subject, subjects_file),
    }
    optional = {"competencies": competency, "anonymity_threshold": anonymity_threshold, "workload_cap": workload_cap}
    cycle |= {key: value for key, value in optional.items() if value is not None}
    with connect(ctx) as client:
        created = client.create_cycle(cycle)
    console = out()
    console.print(
        Text.assemble("Created cycle ", (str(created.get("id")), "bold"), " state ", render.state(created.get("state")))
    )


@cycles_app.command("list")
def cycles_list(ctx: typer.Context) -> None:
    """Every cycle of the organisation."""
    with connect(ctx) as client:
        cycles = client.cycles()
    out().print(render.cycles(cycles) if cycles else "No cycles yet.")


@cycles_app.command("show")
def cycles_show(ctx: typer.Context, cycle_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """A cycle's settings and progress."""
    with connect(ctx) as client:
        cycle = client.cycle(cycle_id)
    out().print(render.cycle(cycle))


@cycles_app.command("status")
def cycles_status(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="ID")],
    watch: Annotated[
        bool, typer.Option("--watch", help="Refresh until the cycle is no longer nominating or open.")
    ] = False,
    interval: Annotated[float, typer.Option(min=0.1, help="Seconds between refreshes with --watch.")] = 5.0,
) -> None:
    """A cycle's state and progress: forms submitted and declined out of all assignments."""
    console = out()
    with connect(ctx) as client:
        cycle = client.cycle(cycle_id)
        if not watch or cycle.get("state") not in ACTIVE_STATES:
            console.print(render.status(cycle))
            return
        try:
            with Live(render.status(cycle), console=console, auto_refresh=False) as live:
                while cycle.get("state") in ACTIVE_STATES:
                    time.sleep(interval)
                    cycle = client.cycle(cycle_id)
                    live.update(render.status(cycle), refresh=True)
        except KeyboardInterrupt:
            return


def send_event(
    ctx: typer.Context, cycle_id: str, kind: str, hint: Callable[[ApiError], str | None] | None = None, **extra: Any
) -> None:
    with connect(ctx, hint) as client:
        answer = client.cycle_event(cycle_id, kind, **extra)
    line = Text.assemble(f"{kind.capitalize()} of cycle ", (cycle_id, "bold"), " accepted")
    if isinstance(answer, dict) and answer.get("state"):
        line.append_text(Text.assemble("; state ", render.state(answer["state"])))
    out().print(line)


@cycles_app.command("launch")
def cycles_launch(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="ID")],
    force: Annotated[
        bool, typer.Option("--force", help="Launch even though some subjects are short of raters.")
    ] = False,
) -> None:
    """Invite every rater; refused while any subject is short of raters (unless --force)."""
    if force:
        send_event(ctx, cycle_id, "launch", force=True)
        return

    def launch_anyway(refusal: ApiError) -> str | None:
        if refusal.status != 409 or not refusal.details:  # only a refusal for short subjects lists them
            return None
        return f"To launch anyway, with those subjects short of raters: janus cycles launch {cycle_id} --force"

    send_event(ctx, cycle_id, "launch", hint=launch_anyway)


@cycles_app.command("remind")
def cycles_remind(ctx: typer.Context, cycle_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Remind every rater with pending work now (at most once a day each)."""
    send_event(ctx, cycle_id, "remind")


@cycles_app.command("release")
def cycles_release(ctx: typer.Context, cycle_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Open the built reports to their subjects and managers, and tell them by e-mail."""
    send_event(ctx, cycle_id, "release")


@cycles_app.command("close")
def cycles_close(ctx: typer.Context, cycle_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Stop taking answers."""
    send_event(ctx, cycle_id, "close")


@cycles_app.command("cancel")
def cycles_cancel(ctx: typer.Context, cycle_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Cancel a cycle that has not closed."""
    send_event(ctx, cycle_id, "cancel")


@cycles_app.command("extend")
def cycles_extend(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="ID")],
    deadline: Annotated[str, typer.Option(help="The new deadline, with a UTC offset.")],
) -> None:
    """Move the deadline."""
    send_event(ctx, cycle_id, "extend", deadline=check_deadline(deadline))


# Nominations


def parse_rater(spec: str) -> dict[str, str]:
    rater_id, _, relationship = spec.partition(":")
    if not rater_id.strip() or not relationship.strip():
        raise typer.BadParameter(f"{spec!r} is not ID:relationship, such as e006:peer", param_hint="--rater")
    return {"id": rater_id.strip(), "relationship": relationship.strip()}


@nominations_app.command("list")
def nominations_list(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="CYCLE_ID")],
    subject_id: Annotated[str, typer.Argument(metavar="SUBJECT_ID")],
) -> None:
    """A subject's raters by relationship, and any shortfalls."""
    with connect(ctx) as client:
        answer = client.raters(cycle_id, subject_id)
    out().print(render.raters(answer))


@nominations_app.command("set")
def nominations_set(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="CYCLE_ID")],
    subject_id: Annotated[str, typer.Argument(metavar="SUBJECT_ID")],
    rater: Annotated[list[str], typer.Option(metavar="ID:RELATIONSHIP", help="e.g. e006:peer; repeat.")],
) -> None:
    """Replace a subject's raters (self, manager, peer, direct_report, other)."""
    raters = [parse_rater(spec) for spec in rater]
    with connect(ctx) as client:
        answer = client.set_raters(cycle_id, subject_id, raters)
    if isinstance(answer, dict) and "raters" in answer:
        out().print(render.raters(answer))
    else:
        out().print(f"Saved {len(raters)} rater(s) for {subject_id} in cycle {cycle_id}.")


class Status(StrEnum):
    pending = "pending"
    in_progress = "in_progress"
    submitted = "submitted"
    declined = "declined"
    removed = "removed"


@nominations_app.command("status")
def nominations_status(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="CYCLE_ID")],
    subject_id: Annotated[
        str | None, typer.Argument(metavar="[SUBJECT_ID]", help="One subject; without it, every subject.")
    ] = None,
    status: Annotated[list[Status] | None, typer.Option(help="Only forms in this status; repeat.")] = None,
) -> None:
    """After launch: each rater's form, pending, in progress, submitted or declined (with the reason)."""
    with connect(ctx) as client:
        ids = [subject_id] if subject_id else [str(s.get("id")) for s in client.subjects(cycle_id)]
        answers = [client.assignments(cycle_id, subject) for subject in ids]
    out().print(render.assignments(answers, [s.value for s in status or []]))


# Reports


@reports_app.command("list")
def reports_list(ctx: typer.Context, cycle_id: Annotated[str, typer.Argument(metavar="CYCLE_ID")]) -> None:
    """Every subject of the cycle and whether their report is built."""
    with connect(ctx) as client:
        subjects = client.subjects(cycle_id)
    out().print(render.reports(subjects) if subjects else "No subjects in this cycle.")


def find_chromium() -> str | None:
    configured = os.environ.get("JANUS_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return next((found for name in CHROMIUMS if (found := shutil.which(name))), None)


def print_to_pdf(chromium: str, page: str, target: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="janus-report-") as folder:
        source = Path(folder) / "report.html"
        source.write_text(page, encoding="utf-8")
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--print-to-pdf={target.resolve()}", source.as_uri()]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=120, check=False)  # noqa: S603 - HR's own Chromium
        except (OSError, subprocess.TimeoutExpired) as exc:
            err().print(Text.assemble(("Chromium failed: ", "bold red"), exc.__class__.__name__))
            raise typer.Exit(1) from None
    if not target.is_file():
        err().print(Text.assemble(("Chromium wrote no PDF at ", "bold red"), str(target)))
        raise typer.Exit(1)


@reports_app.command("save")
def reports_save(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="CYCLE_ID")],
    subject_id: Annotated[str, typer.Argument(metavar="SUBJECT_ID")],
    pdf: Annotated[bool, typer.Option("--pdf", help="Save a PDF, printed by headless Chromium.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Default: report-CYCLE-SUBJECT.html (or .pdf).")
    ] = None,
) -> None:
    """Save a subject's report as its printable HTML page, or as PDF."""
    chromium = find_chromium() if pdf else None
    if pdf and not chromium:
        err().print(
            Text.assemble(
                ("No Chromium for --pdf. ", "bold red"),
                "Install chromium, or set JANUS_CHROMIUM to a Chromium or Chrome binary; "
                "or save without --pdf and print the HTML page from a browser.",
            )
        )
        raise typer.Exit(1)
    target = output or Path(f"report-{cycle_id}-{subject_id}.{'pdf' if pdf else 'html'}")
    with connect(ctx) as client:
        page = client.report_page(cycle_id, subject_id)
    if chromium:
        print_to_pdf(chromium, page, target)
    else:
        target.write_text(page, encoding="utf-8")
    out().print(Text.assemble("Saved the report of ", (subject_id, "bold"), " to ", (str(target), "bold")))


@reports_app.command("open")
def reports_open(
    ctx: typer.Context,
    cycle_id: Annotated[str, typer.Argument(metavar="CYCLE_ID")],
    subject_id: Annotated[str, typer.Argument(metavar="SUBJECT_ID")],
) -> None:
    """Open a subject's report in the browser (from a private temporary file: the page needs the token)."""
    with connect(ctx) as client:
        page = client.report_page(cycle_id, subject_id)
    handle, name = tempfile.mkstemp(prefix=f"janus-{cycle_id}-{subject_id}-", suffix=".html")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(page)
    target = Path(name)
    if not webbrowser.open(target.as_uri()):
        out().print(Text.assemble("No browser to open; the report is at ", (str(target), "bold")))
        return
    out().print(Text.assemble("Opened the report of ", (subject_id, "bold"), " (", str(target), ")"))


@app.command("analytics")
def analytics(ctx: typer.Context, cycle_id: Annotated[str, typer.Argument(metavar="CYCLE_ID")]) -> None:
    """A reported cycle's response rates, competency heat map and instrument quality."""
    with connect(ctx) as client:
        data = client.analytics(cycle_id)
    out().print(render.analytics(data))


# Escalations


@escalations_app.command("list")
def escalations_list(ctx: typer.Context) -> None:
    """Every case: its employee, cause, state, owner and next deadline."""
    with connect(ctx) as client:
        cases = client.escalations()
    out().print(render.escalations(cases) if cases else "No cases.")


@escalations_app.command("show")
def escalations_show(ctx: typer.Context, case_id: Annotated[str, typer.Argument(metavar="CASE_ID")]) -> None:
    """One case, with its plan, reviews and audit trail."""
    with connect(ctx) as client:
        case = client.escalation(case_id)
    out().print(render.escalation(case))


def main() -> None:
    app()
