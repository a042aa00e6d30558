"""Who is calling: the claims the API Gateway authorizer verified, as the domain sees them.

Kept apart from ``janus.kernel.api`` so that domain modules (and the functions that only run
them from queues and schedules) do not load the REST router to know what a caller is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from janus.kernel.errors import Forbidden

ROLES = ("hr_admin", "manager", "employee")


@dataclass(frozen=True)
class Caller:
    """Who is calling: their employee id (the token's subject), their organisation and their roles."""

    sub: str
    org: str
    roles: frozenset[str]

    def require(self, role: str) -> None:
        if role not in self.roles:
            raise Forbidden(f"this needs the role '{role}'")


def roles_of(value: Any) -> frozenset[str]:
    """The known roles in a roles claim, however it is spelled."""
    if isinstance(value, list | tuple):
        items = value
    elif isinstance(value, str):
        # Cognito hands claims over as strings: "hr_admin,manager", "[hr_admin manager]" or a JSON list.
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):
            try:
                items = json.loads(text)
            except ValueError:
                items = text[1:-1].replace(",", " ").split()
        else:
            items = text.replace(",", " ").split()
    else:
        items = []
    return frozenset(str(item) for item in items if str(item) in ROLES)
