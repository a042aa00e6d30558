"""The cycles function logs what a bundle of sign-in users did without breaking the message it logs."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from janus.people import users
from tests.conftest import ROOT


def test_a_bundle_that_created_users_is_logged_and_its_message_succeeds(aws: Any, monkeypatch: pytest.MonkeyPatch):
    for name, value in aws.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
    monkeypatch.setenv("POWERTOOLS_LOG_LEVEL", "INFO")  # as deployed: the log statement runs
    spec = importlib.util.spec_from_file_location("cycles_app", ROOT / "functions" / "cycles" / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    done = {"created": 2, "updated": 1, "enabled": 0, "disabled": 0, "groups": 3}
    monkeypatch.setattr(users, "apply", lambda *_: done)

    # "created" is also a LogRecord attribute: logged as such, logging raised and the message failed every time.
    module._provision_users(users.ProvisionUsers(org="acme", employee_ids=("e1", "e2")))
