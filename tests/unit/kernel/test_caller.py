"""Who a caller is, from the claims the authorizer verified: Cognito's, or the local stack's own."""

from __future__ import annotations

from typing import Any

import pytest
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from janus.kernel.api import caller_of
from janus.kernel.errors import Unauthenticated

UUID_SUB = "5f1c2a9e-7d3b-4c1e-9a2f-0b8d6e4c3a21"


def _event(claims: dict[str, str]) -> APIGatewayProxyEvent:
    return APIGatewayProxyEvent({"requestContext": {"authorizer": {"claims": claims}}})


def _cognito(**claims: Any) -> dict[str, str]:
    """An ID token's claims as API Gateway's REST Cognito authorizer hands them over: every value a string."""
    return {
        "sub": UUID_SUB,
        "token_use": "id",
        "cognito:username": "ann@acme.example",
        "iss": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
        **claims,
    }


def test_a_cognito_token_acts_as_its_employee_id_not_its_sub() -> None:
    claims = _cognito(**{"custom:org": "acme", "custom:employee_id": "e-7", "cognito:groups": "employee"})
    caller = caller_of(_event(claims))
    assert (caller.sub, caller.org, caller.roles) == ("e-7", "acme", frozenset({"employee"}))


@pytest.mark.parametrize("groups", ["hr_admin,manager", "[hr_admin manager]", '["hr_admin", "manager"]'])
def test_roles_are_the_cognito_groups_however_spelled(groups: str) -> None:
    claims = _cognito(**{"custom:org": "acme", "custom:employee_id": "e-7", "cognito:groups": groups})
    assert caller_of(_event(claims)).roles == frozenset({"hr_admin", "manager"})


def test_a_cognito_token_without_an_employee_id_acts_as_no_one() -> None:
    claims = _cognito(**{"custom:org": "acme", "cognito:groups": "hr_admin"})
    with pytest.raises(Unauthenticated):
        caller_of(_event(claims))


def test_attributes_a_user_could_set_grant_no_role() -> None:
    claims = _cognito(**{"custom:org": "acme", "custom:employee_id": "e-7", "custom:roles": "hr_admin"})
    assert caller_of(_event(claims)).roles == frozenset()


def test_a_cognito_token_is_not_read_through_the_local_claims() -> None:
    # org and roles are the local stack's older claims; in a token from Cognito they count for nothing.
    claims = _cognito(**{"custom:employee_id": "e-7", "org": "acme", "roles": "hr_admin"})
    with pytest.raises(Unauthenticated):
        caller_of(_event(claims))


def test_the_local_stacks_older_token_still_signs_in_as_its_sub() -> None:
    caller = caller_of(_event({"sub": "hr-1", "org": "acme", "roles": "hr_admin"}))
    assert (caller.sub, caller.org, caller.roles) == ("hr-1", "acme", frozenset({"hr_admin"}))
