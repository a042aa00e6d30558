"""Schemathesis against the local stack, from the API's own document: whatever it sends, within a
bounded budget, the API answers no 5xx and nothing its document does not describe."""

from __future__ import annotations

from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from infra.openapi import document
from tests.integration.conftest import Local
from tests.integration.rounds import create_cycle, team_org

SCHEMA = schemathesis.openapi.from_dict(document())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Per operation (every one the document has), examples made to fit its document and examples made not to.
EXAMPLES = 25


@pytest.fixture(scope="module")
def hr_headers(local: Local) -> dict[str, str]:
    """HR of an organisation with people and a draft cycle, so that generated ids sometimes meet real ones."""
    org = team_org(local)
    create_cycle(local, org, ["t1-1"])
    return {"Authorization": f"Bearer {local.token(org.id, 'hr-1', ['hr_admin', 'manager', 'employee'])}"}


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_request_gets_a_5xx_or_an_answer_outside_the_document(case: Any, local: Local, hr_headers: dict) -> None:
    case.call_and_validate(base_url=local.api, headers=hr_headers, checks=CHECKS, timeout=30)


def test_the_local_stack_serves_the_document(local: Local) -> None:
    served = requests.get(f"{local.api}/openapi.json", timeout=10)
    assert served.status_code == 200
    assert served.json() == document()
