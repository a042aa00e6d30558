"""Domain errors. Each maps to one HTTP status and one error code, once, in janus.kernel.api."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request: where (row, field) and what."""

    message: str
    field: str | None = None
    row: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("row", self.row), ("field", self.field), ("message", self.message)) if v is not None}


class JanusError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class InvalidInput(JanusError):
    """The request is malformed or its content breaks a rule; nothing was written."""

    status = 400
    code = "invalid_input"


class Unprocessable(JanusError):
    """Well-formed but unacceptable answers (for example a rating out of range)."""

    status = 422
    code = "unprocessable"


class Unauthenticated(JanusError):
    status = 401
    code = "unauthenticated"


class Forbidden(JanusError):
    status = 403
    code = "forbidden"


class NotFound(JanusError):
    status = 404
    code = "not_found"


class Conflict(JanusError):
    """The state does not allow this (for example launching a closed cycle)."""

    status = 409
    code = "conflict"
