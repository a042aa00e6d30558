"""What a request body may hold: a small shape language that every route's body passes through before
the domain sees it, and that describes itself as JSON Schema for the API document.

A shape checks JSON types, nesting and the fields an object may have: a field the route does not know
is refused by name (422), a value of the wrong JSON type is refused by its path (400). Values within
their types (a deadline in the past, an unknown competency) are the domain's to judge.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from typing import Any, Protocol

from janus.kernel.errors import InvalidInput, Problem, Unprocessable


class Spec(Protocol):
    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None: ...

    def schema(self) -> dict[str, Any]: ...


def _at(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


@dataclass(frozen=True)
class Text:
    max_length: int | None = None
    enum: tuple[str, ...] | None = None
    format: str | None = None  # for the document only: "date-time", "date", "email"

    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if not isinstance(value, str):
            problems.append(Problem("must be text", field=where or None))
        elif self.enum is not None and value not in self.enum:
            problems.append(Problem(f"must be one of {', '.join(self.enum)}", field=where or None))
        elif self.max_length is not None and len(value) > self.max_length:
            problems.append(Problem(f"is {len(value)} characters; at most {self.max_length}", field=where or None))

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.max_length is not None:
            out["maxLength"] = self.max_length
        if self.enum is not None:
            out["enum"] = list(self.enum)
        if self.format is not None:
            out["format"] = self.format
        return out


@dataclass(frozen=True)
class Integer:
    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem("must be a whole number", field=where or None))

    def schema(self) -> dict[str, Any]:
        return {"type": "integer"}


@dataclass(frozen=True)
class Number:
    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(Problem("must be a number", field=where or None))

    def schema(self) -> dict[str, Any]:
        return {"type": "number"}


@dataclass(frozen=True)
class Boolean:
    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if not isinstance(value, bool):
            problems.append(Problem("must be true or false", field=where or None))

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Null:
    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if value is not None:
            problems.append(Problem("must be null", field=where or None))

    def schema(self) -> dict[str, Any]:
        return {"type": "null"}


@dataclass(frozen=True)
class Array:
    items: Spec
    max_items: int | None = None

    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if not isinstance(value, list):
            problems.append(Problem("must be a list", field=where or None))
            return
        if self.max_items is not None and len(value) > self.max_items:
            problems.append(Problem(f"has {len(value)} items; at most {self.max_items}", field=where or None))
            return
        for number, item in enumerate(value, start=1):
            self.items.check(item, f"{where}[{number}]", problems, unknown)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.items.schema()}
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        return out


@dataclass(frozen=True)
class Mapping:
    """An object whose keys are data (question ids, competency ids), each value of one shape."""

    values: Spec

    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if not isinstance(value, MappingABC):
            problems.append(Problem("must be an object", field=where or None))
            return
        for key, item in value.items():
            self.values.check(item, _at(where, str(key)), problems, unknown)

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.values.schema()}


@dataclass(frozen=True)
class OneOf:
    options: tuple[Spec, ...]

    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        attempts: list[tuple[list[Problem], list[Problem]]] = []
        for option in self.options:
            found: list[Problem] = []
            extra: list[Problem] = []
            option.check(value, where, found, extra)
            if not found and not extra:
                return
            attempts.append((found, extra))
        # The option that came closest speaks for all: the fewest problems.
        found, extra = min(attempts, key=lambda pair: len(pair[0]) + len(pair[1]))
        problems += found
        unknown += extra

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [option.schema() for option in self.options]}


def nullable(spec: Spec) -> OneOf:
    return OneOf((spec, Null()))


@dataclass(frozen=True)
class Shape:
    """An object with named fields: a field not named here is refused, a required one must be there."""

    fields: dict[str, Spec]
    required: frozenset[str] = field(default_factory=frozenset)
    description: str = ""

    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        if not isinstance(value, MappingABC):
            problems.append(Problem("must be a JSON object", field=where or None))
            return
        for name in value:
            if name not in self.fields:
                unknown.append(Problem("is not a field of this request", field=_at(where, str(name))))
        for name in sorted(self.required - set(value)):
            problems.append(Problem("is required", field=_at(where, name)))
        for name, spec in self.fields.items():
            if name in value:
                spec.check(value[name], _at(where, name), problems, unknown)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {name: spec.schema() for name, spec in self.fields.items()},
            "additionalProperties": False,
        }
        if self.required:
            out["required"] = sorted(self.required)
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Anything:
    """Any JSON value: for a body the domain checks whole (an HRIS's rows)."""

    def check(self, value: Any, where: str, problems: list[Problem], unknown: list[Problem]) -> None:
        return

    def schema(self) -> dict[str, Any]:
        return {}


def check_body(value: Any, spec: Spec) -> Any:
    """The body if it has the shape; else every problem named: unknown fields 422, the rest 400."""
    problems: list[Problem] = []
    unknown: list[Problem] = []
    spec.check(value, "", problems, unknown)
    if unknown:
        names = ", ".join(f"'{p.field}'" for p in unknown)
        raise Unprocessable(f"this request does not take {names}", unknown + problems)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the request; nothing was changed", problems)
    return value
