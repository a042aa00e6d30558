"""What HR sees: rich tables and progress bars for the API's answers. Text from the API is never read as markup.

Longer than most modules, on purpose: one small function per table the commands print, all held to
the same 80 columns and the same time format (``cell``), so that one look shows them alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, tzinfo
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from janus_cli.client import ApiError

RELATIONSHIPS = ("self", "manager", "peer", "direct_report", "other")
PROGRESS = ("subjects", "assignments", "invited", "in_progress", "submitted", "declined", "undeliverable")
IMPORT_COUNTS = ("created", "updated", "unchanged", "stale")
STATE_STYLES = {
    "draft": "dim",
    "nominating": "yellow",
    "open": "green",
    "closed": "blue",
    "reported": "blue",
    "released": "cyan",
    "cancelled": "red",
}
CYCLE_FIELDS = (
    "id",
    "name",
    "kind",
    "state",
    "deadline",
    "competencies",
    "anonymity_threshold",
    "manager_identified",
    "workload_cap",
    "raters",
    "reminders",
    "created_at",
    "launched_at",
    "closed_at",
    "nominations_pending",
    "short_subjects",
)


TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
STATUS_ORDER = ("pending", "in_progress", "declined", "submitted", "removed")

reader_zone: tzinfo | None = None
"""The zone every time is shown in; None is the machine's own."""


def use_zone(zone: tzinfo | None) -> None:
    global reader_zone
    reader_zone = zone


def when(value: str) -> str:
    """An API timestamp in the reader's zone, to the minute, with the zone named."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(reader_zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or local.strftime('%z')}"


def label(key: str) -> str:
    words = ["ID" if word == "id" else word for word in key.split("_")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def cell(value: Any) -> str:
    """One value as plain text: lists joined, shortfalls and rater limits spelled out."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and TIMESTAMP.match(value):
        return when(value)
    if isinstance(value, list):
        return ", ".join(cell(item) for item in value)
    if isinstance(value, Mapping):
        keys = set(value)
        if {"relationship", "have", "min"} <= keys:
            return f"{value['relationship']} {value['have']} of {value['min']}"
        if keys and keys <= {"min", "max"}:
            return f"{value.get('min', '')}–{value.get('max', '')}"
        return "; ".join(f"{key} {cell(item)}" for key, item in value.items())
    return str(value)


def state(value: Any) -> Text:
    return Text(str(value or "?"), style=STATE_STYLES.get(str(value), ""))


def percent(part: Any, whole: Any) -> str:
    return f"{part / whole:.0%}" if isinstance(part, int | float) and isinstance(whole, int | float) and whole else "–"


def record(data: Mapping[str, Any], keys: Iterable[str] | None = None, title: str | None = None) -> Table:
    """A two-column table of fields: the given keys first, then any others the API sent."""
    keys = list(keys or [])
    table = Table(show_header=False, box=box.SIMPLE, title=title, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key in [*[k for k in keys if k in data], *[k for k in data if k not in keys]]:
        value = data[key]
        table.add_row(label(key), state(value) if key == "state" else Text(cell(value)))
    return table


def rows(items: list[Mapping[str, Any]], title: str | None = None) -> Table:
    """A table of uniform objects, such as the problems of an import or the short subjects of a launch."""
    keys: list[str] = []
    for item in items:
        keys += [key for key in item if key not in keys]
    first = [k for k in ("row", "id", "subject", "name", "field", "relationship") if k in keys]
    keys = first + sorted((k for k in keys if k not in first), key=lambda k: k == "message")
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left")
    for key in keys:
        table.add_column(label(key), overflow="fold")
    for item in items:
        table.add_row(*(Text(cell(item.get(key))) for key in keys))
    return table


def details(console: Console, value: Any) -> None:
    if isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        console.print(rows(value))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, list) and item and all(isinstance(i, Mapping) for i in item):
                console.print(rows(item, title=label(key)))
            else:
                console.print(Text(f"{label(key)}: {cell(item)}"))
    elif value not in (None, "", []):
        console.print(Text(cell(value)))


def api_error(console: Console, error: ApiError) -> None:
    console.print(Text.assemble(("Error", "bold red"), f" {error.status} {error.code}: ", (error.message, "bold")))
    details(console, error.details)


def import_result(result: Mapping[str, Any]) -> Table:
    table = Table(title="Employees imported", title_justify="left", box=box.SIMPLE_HEAD)
    for key in IMPORT_COUNTS:
        table.add_column(label(key), justify="right")
    table.add_row(*(str(result.get(key, 0)) for key in IMPORT_COUNTS))
    return table


def cycles(items: list[Mapping[str, Any]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Name", overflow="fold", ratio=1)
    table.add_column("Kind")
    table.add_column("State")
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Response rate", justify="right")
    for cycle in items:
        rate = (cycle.get("progress") or {}).get("response_rate")
        table.add_row(
            Text(cell(cycle.get("id"))),
            Text(cell(cycle.get("name"))),
            Text(cell(cycle.get("kind"))),
            state(cycle.get("state")),
            Text(cell(cycle.get("deadline"))),
            percent(rate, 1),
        )
    return table


def cycle(data: Mapping[str, Any]) -> RenderableType:
    fields = {key: value for key, value in data.items() if key != "progress"}
    return Group(record(fields, CYCLE_FIELDS), status(data))


def status(data: Mapping[str, Any]) -> RenderableType:
    """The state, the counts and bars for submitted and declined forms out of all assignments."""
    progress = data.get("progress") or {}
    header = Text.assemble(
        ("Cycle ", "bold"),
        (cell(data.get("id")), "bold"),
        f"  {cell(data.get('name'))}  state ",
        state(data.get("state")),
    )
    counts = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    for key in PROGRESS:
        counts.add_column(label(key), justify="right", no_wrap=True)
    counts.add_row(*(cell(progress.get(key, 0)) for key in PROGRESS))
    assignments = progress.get("assignments") or 0
    bars = Table.grid(padding=(0, 2))
    for key, style in (("submitted", "green"), ("declined", "red")):
        done = progress.get(key) or 0
        bar = ProgressBar(total=max(assignments, 1), completed=done, width=40, complete_style=style)
        bars.add_row(label(key), bar, f"{done}/{assignments} ({percent(done, assignments)})")
    lines: list[RenderableType] = [header, counts, bars]
    if progress.get("response_rate") is not None:
        lines.append(Text(f"Response rate {percent(progress['response_rate'], 1)}"))
    for key in ("nominations_pending", "short_subjects"):
        if data.get(key):
            lines.append(Text(f"{label(key)}: {data[key]}", style="yellow"))
    return Group(*lines)


def raters(answer: Mapping[str, Any]) -> RenderableType:
    """A subject's raters by relationship, then the shortfalls against the cycle's minima."""
    subject = answer.get("subject") or {}
    people = list(answer.get("raters") or [])
    order = {name: index for index, name in enumerate(RELATIONSHIPS)}
    people.sort(key=lambda r: order.get(str(r.get("relationship")), len(order)))
    table = Table(
        title=Text(f"Raters of {cell(subject.get('id'))} {cell(subject.get('name'))}"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    for heading in ("Relationship", "ID", "Name", "Source"):
        table.add_column(heading)
    for rater in people:
        table.add_row(*(Text(cell(rater.get(k))) for k in ("relationship", "id", "name", "source")))
    shortfalls = list(answer.get("shortfalls") or [])
    if not shortfalls:
        return Group(table, Text("No shortfalls.", style="green"))
    short = Table(title="Shortfalls", title_justify="left", box=box.SIMPLE_HEAD, title_style="yellow")
    for heading in ("Relationship", "Have", "Min"):
        short.add_column(heading, justify="left" if heading == "Relationship" else "right")
    for item in shortfalls:
        short.add_row(*(Text(cell(item.get(k))) for k in ("relationship", "have", "min")))
    return Group(table, short)


def table(*headings: str, title: str | None = None, wrap: Iterable[str] = ()) -> Table:
    """A plain table whose columns keep their values whole, except those in ``wrap``, which share the
    width left over (so that it fits a terminal of 80 columns)."""
    grid = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True, title=title, title_justify="left"
    )
    for heading in headings:
        if heading in wrap:
            grid.add_column(heading, overflow="fold", ratio=1)
        else:
            grid.add_column(heading, no_wrap=True)
    return grid


def employees(items: list[Mapping[str, Any]]) -> RenderableType:
    grid = table("ID", "Name", "Department", "Manager", "Active", wrap=("Name", "Department"))
    for person in sorted(items, key=lambda p: str(p.get("id"))):
        grid.add_row(*(Text(cell(person.get(k))) for k in ("id", "name", "department", "manager_id", "active")))
    return Group(grid, Text(f"{len(items)} employees"))


def counted(statuses: Iterable[str]) -> Text:
    counts: dict[str, int] = {}
    for status_ in statuses:
        counts[status_] = counts.get(status_, 0) + 1
    order = {name: index for index, name in enumerate(STATUS_ORDER)}
    parts = [f"{n} {name}" for name, n in sorted(counts.items(), key=lambda kv: order.get(kv[0], len(order)))]
    return Text(", ".join(parts) or "No assignments.")


def assignments(answers: list[Mapping[str, Any]], statuses: Iterable[str] = ()) -> RenderableType:
    """Every rater's form after launch: its status, when it last changed and any reason for a decline.
    With one subject the subject is the title; with several it is a column."""
    wanted = set(statuses)
    several = len(answers) != 1
    rows_: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []
    for answer in answers:
        for item in answer.get("assignments") or []:
            if not wanted or item.get("status") in wanted:
                rows_.append((answer.get("subject") or {}, item))
    order = {name: index for index, name in enumerate(STATUS_ORDER)}
    rows_.sort(key=lambda row: (str(row[0].get("id")), order.get(str(row[1].get("status")), len(order))))
    subject = (answers[0].get("subject") or {}) if answers else {}
    title = None if several else f"Raters of {cell(subject.get('id'))} {cell(subject.get('name'))}"
    headings = (("Subject",) if several else ()) + ("Rater", "Relationship", "Status", "Changed", "Reason")
    grid = table(*headings, title=title, wrap=("Rater", "Reason"))
    for who, item in rows_:
        rater = f"{cell(item.get('rater_id'))} {cell(item.get('rater_name'))}".strip()
        changed = item.get("submitted_at") or item.get("updated_at")
        values = [rater, item.get("relationship"), item.get("status"), changed, item.get("decline_reason")]
        grid.add_row(*(([Text(cell(who.get("id")))] if several else []) + [Text(cell(v)) for v in values]))
    return Group(grid, counted(str(item.get("status")) for _, item in rows_))


def reports(subjects: list[Mapping[str, Any]]) -> RenderableType:
    grid = table("Subject", "Name", "Department", "Raters", "Report", wrap=("Name", "Department"))
    for subject in sorted(subjects, key=lambda s: str(s.get("id"))):
        built = Text("built", style="green") if subject.get("report") else Text("not built", style="dim")
        values = (subject.get("id"), subject.get("name"), subject.get("department"), subject.get("raters"))
        grid.add_row(*(Text(cell(v)) for v in values), built)
    return grid


def _rates(title: str, heading: str, rates: Mapping[str, Any]) -> Table:
    grid = table(heading, "Asked", "Submitted", "Rate", title=title, wrap=(heading,))
    for name, rate in rates.items():
        rate = rate.get("all", rate) if isinstance(rate, Mapping) else {}
        grid.add_row(Text(name), cell(rate.get("asked")), cell(rate.get("submitted")), percent(rate.get("rate"), 1))
    return grid


def analytics(data: Mapping[str, Any]) -> RenderableType:
    """Response rates by department and by group, the heat map as one row per cell, and the instrument."""
    rates = data.get("response_rates") or {}
    threshold = data.get("threshold")
    heat = table("Department", "Competency", "Mean", "Raters", title="Heat map", wrap=("Department", "Competency"))
    for department, row in (data.get("heat_map") or {}).items():
        for competency, value in row.items():
            mean = value.get("mean")
            shown = f"{mean:.2f}" if isinstance(mean, int | float) else f"hidden (under {cell(threshold)})"
            heat.add_row(Text(department), Text(competency), shown, cell(value.get("raters")))
    instrument = data.get("instrument") or {}
    alpha = table("Competency", "Cronbach's alpha", title="Instrument", wrap=("Competency",))
    for competency, value in (instrument.get("cronbach_alpha") or {}).items():
        alpha.add_row(Text(competency), f"{value:.2f}" if isinstance(value, int | float) else "–")
    icc = instrument.get("rater_icc1")
    return Group(
        _rates("Response rates by department", "Department", rates.get("by_department") or {}),
        _rates("Response rates by group", "Group", rates.get("by_group") or {}),
        heat,
        alpha,
        Text(f"Rater agreement ICC(1): {icc:.2f}" if isinstance(icc, int | float) else "Rater agreement ICC(1): –"),
    )


CASE_HIDDEN = ("org", "version", "events", "reviews", "plan")


def escalations(cases: list[Mapping[str, Any]]) -> Table:
    grid = table("ID", "Employee", "Cause", "State", "Owner", "Due", wrap=("Cause",))
    for case in cases:
        values = (case.get("id"), case.get("employee_id"), case.get("cause"), case.get("state"), case.get("owner"))
        grid.add_row(*(Text(cell(v)) for v in values), Text(cell(case.get("due"))))
    return grid


def escalation(case: Mapping[str, Any]) -> RenderableType:
    fields = {key: value for key, value in case.items() if key not in CASE_HIDDEN}
    parts: list[RenderableType] = [
        record(fields, ("id", "employee_id", "manager_id", "cause", "state", "owner", "due"))
    ]
    if case.get("plan"):
        parts.append(record(case["plan"], title="Plan"))
    for review in case.get("reviews") or []:
        parts.append(record(review, title="Review"))
    trail = table("At", "By", "Event", title="Audit trail")
    for event in case.get("events") or []:
        trail.add_row(Text(cell(event.get("at"))), Text(cell(event.get("by"))), Text(cell(event.get("type"))))
    parts.append(trail)
    return Group(*parts)
