"""What HR sees: rich tables and progress bars for the API's answers. Text from the API is never read as markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def label(key: str) -> str:
    words = ["ID" if word == "id" else word for word in key.split("_")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def cell(value: Any) -> str:
    """One value as plain text: lists joined, shortfalls and rater limits spelled out."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
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
    table = Table(box=box.SIMPLE_HEAD)
    for heading in ("ID", "Name", "Kind", "State", "Deadline"):
        table.add_column(heading, overflow="fold")
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
    counts = Table(box=box.SIMPLE_HEAD)
    for key in PROGRESS:
        counts.add_column(label(key), justify="right")
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
