"""The user pool port over Cognito's admin API (cognito-idp).

Cognito's admin API is rate-limited per account (tens of requests a second per category): the client
given here is made in botocore's adaptive retry mode (``aws.client(..., retries="adaptive")``), which
paces itself when throttled, on top of the queue's own pacing.
"""

from __future__ import annotations

from typing import Any

from janus.people.users import Account, User


class CognitoUserPool:
    """``suppress``: create users without Cognito's invitation e-mail (a federated IdP, or the local stack)."""

    def __init__(self, cognito: Any, pool_id: str, suppress: bool):
        self.cognito = cognito
        self.pool_id = pool_id
        self.suppress = suppress

    def find(self, email: str) -> User | None:
        try:
            found = self.cognito.admin_get_user(UserPoolId=self.pool_id, Username=email)
        except self.cognito.exceptions.UserNotFoundException:
            return None
        attributes = {item["Name"]: item["Value"] for item in found.get("UserAttributes") or []}
        groups = self.cognito.admin_list_groups_for_user(UserPoolId=self.pool_id, Username=email, Limit=10)
        return User(
            email=attributes.get("email", email),
            name=attributes.get("name", ""),
            enabled=bool(found.get("Enabled", True)),
            groups=frozenset(group["GroupName"] for group in groups.get("Groups") or []),
            employee=(attributes.get("custom:org", ""), attributes.get("custom:employee_id", "")),
        )

    def create(self, account: Account) -> bool:
        attributes = {
            "email": account.email,
            "email_verified": "true",
            "name": account.name,
            "custom:org": account.org,
            "custom:employee_id": account.employee_id,
        }
        try:
            self.cognito.admin_create_user(
                UserPoolId=self.pool_id,
                Username=account.email,
                UserAttributes=[{"Name": name, "Value": value} for name, value in attributes.items()],
                DesiredDeliveryMediums=["EMAIL"],
                **({"MessageAction": "SUPPRESS"} if self.suppress else {}),
            )
        except self.cognito.exceptions.UsernameExistsException:
            return False
        return True

    def set_contact(self, user_email: str, account: Account) -> None:
        attributes = {"name": account.name}
        if user_email != account.email:  # Cognito refuses an e-mail "change" to the same address
            attributes |= {"email": account.email, "email_verified": "true"}
        self.cognito.admin_update_user_attributes(
            UserPoolId=self.pool_id,
            Username=user_email,
            UserAttributes=[{"Name": name, "Value": value} for name, value in attributes.items()],
        )

    def delete(self, email: str) -> None:
        try:
            self.cognito.admin_delete_user(UserPoolId=self.pool_id, Username=email)
        except self.cognito.exceptions.UserNotFoundException:
            return

    def remove(self, org: str, employee_id: str, email: str) -> bool:
        """An erased employee's user, found by their e-mail and removed if it is theirs; False: none of theirs."""
        user = self.find(email)
        if user is None or user.employee != (org, employee_id):
            return False
        self.delete(email)
        return True

    def enable(self, email: str) -> None:
        self.cognito.admin_enable_user(UserPoolId=self.pool_id, Username=email)

    def disable(self, email: str) -> None:
        self.cognito.admin_disable_user(UserPoolId=self.pool_id, Username=email)
        self.cognito.admin_user_global_sign_out(UserPoolId=self.pool_id, Username=email)

    def join(self, email: str, group: str) -> None:
        self.cognito.admin_add_user_to_group(UserPoolId=self.pool_id, Username=email, GroupName=group)

    def leave(self, email: str, group: str) -> None:
        self.cognito.admin_remove_user_from_group(UserPoolId=self.pool_id, Username=email, GroupName=group)
