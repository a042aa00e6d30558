"""What a function loads when Lambda starts it: only what the layer ships, and one DynamoDB client for all models."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from infra.template import load
from janus.kernel import aws as clients
from janus.kernel.settings import Settings
from janus.store.items import MODELS
from tests.conftest import ROOT

FUNCTIONS = {
    name: props["Properties"]["CodeUri"].rstrip("/")
    for name, props in load(ROOT / "template.yaml")["Resources"].items()
    if props["Type"] == "AWS::Serverless::Function"
}
# In the dev extra for the tests, never in functions/requirements.txt: the layer does not have them.
NOT_IN_THE_LAYER = ("textstat", "pydantic")


def modules_loaded_by(code_dir: str, extra_env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after importing the function's handler module, as Lambda does."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / code_dir), str(ROOT / "functions")]),
        "TABLE_NAME": "t",
        "IDEMPOTENCY_TABLE_NAME": "i",
        "REPORTS_BUCKET": "b",
        "EVENT_BUS_NAME": "e",
        "POWERTOOLS_SERVICE_NAME": "packaging",
        **(extra_env or {}),
    }
    code = "import json, sys, app; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_handler_imports_nothing_the_layer_leaves_out(function):
    loaded = modules_loaded_by(FUNCTIONS[function])
    assert "janus" in loaded
    assert [name for name in loaded if name.split(".")[0] in NOT_IN_THE_LAYER] == []


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_on_lambda_no_function_loads_the_xray_sdk(function):
    # Lambda's active tracing records the invocations; the SDK (end of support in 2027) would cost each cold start.
    on_lambda = {"LAMBDA_TASK_ROOT": str(ROOT / FUNCTIONS[function]), "POWERTOOLS_TRACE_DISABLED": "false"}
    loaded = modules_loaded_by(FUNCTIONS[function], on_lambda)
    assert "janus.kernel.observability" in loaded
    assert [name for name in loaded if name.split(".")[0] in ("aws_xray_sdk", "wrapt")] == []


# Cold start: what a function never runs, it does not import (docs/performance.md, "Cold start").
# The library's authoring rules are for writing the library, never run; its plain-language checks run only
# where goals are saved (the performance function, which loads them with its first save, not at its start),
# with the measures that load nothing (textstat never ships).
AUTHORING = {"janus.library.authoring"}
PLAIN_LANGUAGE = {"janus.library.plain_language"}
# The goals run in the performance function only.
GOALS = {"janus.goals.goal", "janus.goals.flow", "janus.goals.findings", "janus.goals.store", "janus.goals.nudges"}
# The report builder, its statistics and the analytics run in the reports function only.
REPORT_BUILDER = {"janus.reports.pipeline", "janus.reports.build", "janus.reports.stats", "janus.reports.analytics"}
# Only the cycles function checks an import's time zones (and reads its CSV, but csv comes with
# importlib.metadata in the development environment).
IMPORT_CHECKS = {"zoneinfo"}
# The escalation cases, their opening and their steps run in the escalations function only.
ESCALATION_CASES = {"janus.escalations.case", "janus.escalations.opening", "janus.escalations.lifecycle"}
# Only the cycles function provisions sign-in users (Cognito's admin API).
USERS = {"janus.people.users", "janus.people.cognito"}
NEVER_LOADED = {
    "CyclesFunction": {*ESCALATION_CASES, *REPORT_BUILDER, *AUTHORING, *PLAIN_LANGUAGE, *GOALS},  # rules, not cases
    "FeedbackFunction": {
        *USERS,
        *ESCALATION_CASES,
        "janus.people.organisation",
        *REPORT_BUILDER,
        *AUTHORING,
        *PLAIN_LANGUAGE,
        *GOALS,
        *IMPORT_CHECKS,
    },
    "InvitationsFunction": {*USERS, *ESCALATION_CASES, *REPORT_BUILDER, *AUTHORING, *PLAIN_LANGUAGE, *GOALS},
    "RemindersFunction": {
        *USERS,
        *ESCALATION_CASES,
        "janus.people.organisation",
        *REPORT_BUILDER,
        *AUTHORING,
        *PLAIN_LANGUAGE,
        *GOALS,
    },
    "ReportsFunction": {
        *USERS,
        *ESCALATION_CASES,
        "janus.people.organisation",
        *AUTHORING,
        *PLAIN_LANGUAGE,
        *GOALS,
        *IMPORT_CHECKS,
    },
    "EscalationsFunction": {*USERS, *REPORT_BUILDER, *AUTHORING, *PLAIN_LANGUAGE, *GOALS},
    # Goals: their findings load with the first save; no cases, reports, users or library YAML.
    "PerformanceFunction": {
        *USERS,
        *ESCALATION_CASES,
        *REPORT_BUILDER,
        *AUTHORING,
        *PLAIN_LANGUAGE,
        "janus.goals.findings",
        "janus.library.schema",
        "yaml",
        "janus.rounds.store_cycles",
        "statistics",  # a goal's progress is a plain mean
        "secrets",  # a goal's id is os.urandom's
    },
    # Cognito waits five seconds for its trigger: linking a sign-in reads no table and renders nothing.
    "SignUpFunction": {
        *USERS,
        *ESCALATION_CASES,
        "janus.people.organisation",
        *REPORT_BUILDER,
        *AUTHORING,
        *PLAIN_LANGUAGE,
        *GOALS,
        *IMPORT_CHECKS,
        "janus.store",
        "pynamodb",
        "jinja2",
    },
}


def test_every_function_is_held_to_what_it_never_runs():
    assert set(NEVER_LOADED) == set(FUNCTIONS)


@pytest.mark.parametrize("function", sorted(NEVER_LOADED))
def test_a_function_does_not_load_code_it_never_runs(function):
    loaded = modules_loaded_by(FUNCTIONS[function])
    assert "janus.kernel.observability" in loaded
    assert NEVER_LOADED[function] & loaded == set()


def test_every_model_shares_one_connection_on_the_process_dynamodb_client(aws):
    connections = {id(model._get_connection().connection) for model in MODELS}
    assert len(connections) == 1
    dynamodb = clients.made("dynamodb", Settings.from_env(aws.environment()))
    assert MODELS[0]._get_connection().connection.client.meta is dynamodb.meta
