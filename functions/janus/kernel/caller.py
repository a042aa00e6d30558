"""Who is calling: the claims the API Gateway authorizer verified, as the domain sees them.

Kept apart from ``janus.kernel.api`` so that domain modules (and the functions that only run
them from queues and schedules) do not load the REST router to know what a caller is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from janus.kernel.errors import Forbidden, Unauthenticated

ROLES = ("hr_admin", "manager", "employee")
# Claims only Cognito's tokens carry: a token with any of them is read as Cognito's, never as a local one.
COGNITO_CLAIMS = ("token_use", "cognito:username", "custom:org", "custom:employee_id", "cognito:groups")


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


def caller_from_claims(claims: Mapping[str, Any]) -> Caller:
    """The caller from verified claims. Cognito's (deployed, and the local stack's tokens, which look the same):
    the employee id and organisation are the admin-set ``custom:employee_id`` and ``custom:org`` (``sub`` is
    Cognito's UUID, which names no employee), the roles the user's groups. An older local token (``org``,
    ``sub``, ``roles``) still reads as it did: its ``sub`` is the employee id."""
    if any(name in claims for name in COGNITO_CLAIMS):
        employee, org, roles = claims.get("custom:employee_id"), claims.get("custom:org"), claims.get("cognito:groups")
    else:
        employee, org, roles = claims.get("sub"), claims.get("org"), claims.get("roles")
    if not employee or not org:
        raise Unauthenticated("sign in: the token names no employee or organisation")
    return Caller(sub=str(employee), org=str(org), roles=roles_of(roles))
