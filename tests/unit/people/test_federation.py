"""A first federated sign-in becomes the employee's provisioned user, linked by e-mail, or is refused."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.session
import pytest
from botocore.validate import validate_parameters

from infra.provision import Stack
from janus.people.cognito import CognitoUserPool
from janus.people.federation import (
    PROVIDER,
    CognitoDirectory,
    FederatedSignIn,
    PoolUser,
    SignInRefused,
    link_first_sign_in,
)
from janus.people.users import Account
from tests.conftest import ROOT

ADA = FederatedSignIn(PROVIDER, "3f6c1e0a", "ada@acme.example.com")


class Directory:
    """In memory: the users with each address, and the links made."""

    def __init__(self, *users: tuple[str, PoolUser]):
        self.users = users
        self.links: list[tuple[str, FederatedSignIn]] = []

    def users_with_email(self, email: str) -> list[PoolUser]:
        return [user for address, user in self.users if address == email]

    def link(self, username: str, person: FederatedSignIn) -> None:
        self.links.append((username, person))


def provisioned(email: str = "ada@acme.example.com", enabled: bool = True, employee_id: str = "e012") -> Any:
    return (email, PoolUser("uuid-ada", federated=False, enabled=enabled, employee_id=employee_id))


def test_the_identity_is_linked_to_the_provisioned_user_with_the_same_address():
    directory = Directory(provisioned(), provisioned("grace@acme.example.com"))

    link_first_sign_in(ADA, directory)

    assert directory.links == [("uuid-ada", ADA)]


def test_a_user_an_identity_provider_made_is_not_the_employee():
    made_by_a_sign_in = ("ada@acme.example.com", PoolUser("Organisation_old", True, True, ""))
    directory = Directory(made_by_a_sign_in, provisioned())

    link_first_sign_in(ADA, directory)

    assert directory.links == [("uuid-ada", ADA)]


@pytest.mark.parametrize(
    ("users", "reason"),
    [
        ((), "no_employee"),
        ((provisioned(employee_id=""),), "no_employee"),
        ((provisioned(), provisioned()), "no_employee"),
        ((provisioned(enabled=False),), "disabled"),
    ],
)
def test_without_exactly_one_enabled_employee_user_the_sign_in_is_refused(users: Any, reason: str):
    directory = Directory(*users)

    with pytest.raises(SignInRefused) as refused:
        link_first_sign_in(ADA, directory)

    assert refused.value.reason == reason
    assert "ask HR" in str(refused.value)
    assert "ada@" not in str(refused.value), "Lambda logs the message: it names no address"
    assert directory.links == []


@pytest.mark.parametrize("email", ["", 'ada@acme.example.com" or email = "x', "ada\\@acme.example.com"])
def test_an_address_that_would_change_the_search_is_refused_without_searching(email: str):
    directory = Directory(provisioned())

    with pytest.raises(SignInRefused) as refused:
        link_first_sign_in(FederatedSignIn(PROVIDER, "s", email), directory)

    assert refused.value.reason == "no_email"
    assert directory.links == []


def test_cognito_user_name_gives_the_provider_and_subject_and_the_address_is_lowercased():
    person = FederatedSignIn.of("organisation_AbC_123", " Ada@ACME.example.com ")

    assert person == FederatedSignIn(PROVIDER, "AbC_123", "ada@acme.example.com")
    with pytest.raises(SignInRefused):
        FederatedSignIn.of("Google_123", "ada@acme.example.com")


def test_the_provider_name_is_the_one_the_template_gives_it():
    from infra.template import load

    provider = load(ROOT / "template.yaml")["Resources"]["FederatedIdentityProvider"]["Properties"]
    assert provider["ProviderName"] == PROVIDER


# ---------------------------------------------------------------- against moto's Cognito
class LinkingCognito:
    """moto's cognito-idp, which has no AdminLinkProviderForUser: the call is checked against botocore's
    model of the operation (as the real client would before sending it) and recorded."""

    def __init__(self, cognito: Any):
        self.cognito = cognito
        self.linked: list[dict[str, Any]] = []
        model = botocore.session.get_session().get_service_model("cognito-idp")
        self.shape = model.operation_model("AdminLinkProviderForUser").input_shape

    def __getattr__(self, name: str) -> Any:
        return getattr(self.cognito, name)

    def admin_link_provider_for_user(self, **kwargs: Any) -> dict[str, Any]:
        validate_parameters(kwargs, self.shape)
        self.linked.append(kwargs)
        return {}


def _pool(aws: Stack) -> tuple[Any, str]:
    cognito = boto3.client("cognito-idp", region_name="us-east-1")
    return cognito, aws.user_pools["UserPool"]


def test_the_provisioned_user_is_found_in_cognito_by_address_and_linked(aws: Stack):
    cognito, pool_id = _pool(aws)
    pool = CognitoUserPool(cognito, pool_id, suppress=True)
    for employee, email in (("e012", "ada@acme.example.com"), ("e013", "grace@acme.example.com")):
        pool.create(Account("acme", employee, email, employee, True, frozenset({"employee"})))
    linking = LinkingCognito(cognito)
    ada = cognito.admin_get_user(UserPoolId=pool_id, Username="ada@acme.example.com")

    link_first_sign_in(ADA, CognitoDirectory(linking, pool_id))

    assert linking.linked == [
        {
            "UserPoolId": pool_id,
            "DestinationUser": {"ProviderName": "Cognito", "ProviderAttributeValue": ada["Username"]},
            "SourceUser": {
                "ProviderName": "Organisation",
                "ProviderAttributeName": "Cognito_Subject",
                "ProviderAttributeValue": "3f6c1e0a",
            },
        }
    ]


def test_a_disabled_user_in_cognito_is_not_linked(aws: Stack):
    cognito, pool_id = _pool(aws)
    pool = CognitoUserPool(cognito, pool_id, suppress=True)
    pool.create(Account("acme", "e012", "ada@acme.example.com", "Ada", True, frozenset({"employee"})))
    pool.disable("ada@acme.example.com")
    linking = LinkingCognito(cognito)

    with pytest.raises(SignInRefused, match="disabled"):
        link_first_sign_in(ADA, CognitoDirectory(linking, pool_id))
    assert linking.linked == []
