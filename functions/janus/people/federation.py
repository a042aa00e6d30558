"""A first sign-in through the organisation's identity provider, made the employee's own user.

Janus provisions each employee's Cognito user from the import (``janus.people.users``), its organisation
and employee id set through the admin API. When someone signs in through the federated provider for the
first time, Cognito's pre sign-up trigger links that identity to the provisioned user with the same
e-mail address, so they sign in as it: its ``custom:org``, ``custom:employee_id`` and groups. With no such
user the sign-in is refused: nobody gets an account that names no employee.

The provider's e-mail claim is trusted to say who someone is: federate only the organisation's own
identity provider (docs/operations.md, "Federation").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

PROVIDER = "Organisation"  # the identity provider's name in the user pool (template.yaml)
# Every Cognito action linking calls; the sign-up function's role grants exactly these, on the pool.
FEDERATION_ACTIONS = ("ListUsers", "AdminLinkProviderForUser")
_ASK_HR = "ask HR to check the address in the employee import"


class SignInRefused(Exception):
    """The sign-in cannot be linked to an employee; Cognito shows the message to the person signing in.
    The message names no address: Lambda logs the error a trigger raises."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # for the log: never the address


@dataclass(frozen=True)
class FederatedSignIn:
    """Someone signing in through the identity provider for the first time."""

    provider: str
    subject: str  # their id at the provider
    email: str

    @classmethod
    def of(cls, user_name: str, email: str) -> FederatedSignIn:
        """From Cognito's user name for them, ``<provider>_<subject>``, and the e-mail the provider gave."""
        prefix, _, subject = user_name.partition("_")
        if prefix.lower() != PROVIDER.lower() or not subject:
            raise SignInRefused("unknown_provider", "Janus signs people in through their organisation only.")
        return cls(PROVIDER, subject, email.strip().lower())


@dataclass(frozen=True)
class PoolUser:
    """A user of the pool with the e-mail address asked for."""

    username: str
    federated: bool  # made by Cognito for an identity provider's sign-in, not provisioned by Janus
    enabled: bool
    employee_id: str


class Directory(Protocol):
    def users_with_email(self, email: str) -> Sequence[PoolUser]: ...
    def link(self, username: str, person: FederatedSignIn) -> None: ...


def link_first_sign_in(person: FederatedSignIn, directory: Directory) -> None:
    """Link the person's identity to the one enabled user Janus provisioned with their e-mail address."""
    if not person.email or '"' in person.email or "\\" in person.email:
        raise SignInRefused("no_email", f"Your organisation sent no usable e-mail address for you: {_ASK_HR}.")
    provisioned = [user for user in directory.users_with_email(person.email) if not user.federated]
    if len(provisioned) != 1 or not provisioned[0].employee_id:
        raise SignInRefused("no_employee", f"Janus has no employee with the address you signed in with: {_ASK_HR}.")
    (user,) = provisioned
    if not user.enabled:
        raise SignInRefused("disabled", "Your Janus user is disabled (an employee who has left): ask HR.")
    directory.link(user.username, person)


class CognitoDirectory:
    """The pool's users, through Cognito's API (the pool is the one whose trigger is running)."""

    def __init__(self, cognito: Any, pool_id: str):
        self.cognito = cognito
        self.pool_id = pool_id

    def users_with_email(self, email: str) -> list[PoolUser]:
        found = self.cognito.list_users(UserPoolId=self.pool_id, Filter=f'email = "{email}"', Limit=10)
        users = []
        for user in found.get("Users") or []:
            attributes = {item["Name"]: item["Value"] for item in user.get("Attributes") or []}
            users.append(
                PoolUser(
                    username=user["Username"],
                    federated=user.get("UserStatus") == "EXTERNAL_PROVIDER",
                    enabled=bool(user.get("Enabled", True)),
                    employee_id=attributes.get("custom:employee_id", ""),
                )
            )
        return users

    def link(self, username: str, person: FederatedSignIn) -> None:
        self.cognito.admin_link_provider_for_user(
            UserPoolId=self.pool_id,
            DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": username},
            SourceUser={
                "ProviderName": person.provider,
                "ProviderAttributeName": "Cognito_Subject",
                "ProviderAttributeValue": person.subject,
            },
        )
