"""Integration tests start the local stack as `make run` does and talk HTTP to it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from tests.conftest import ROOT

STARTUP_SECONDS = 60


@dataclass
class Local:
    api: str
    aws_endpoint: str
    state_dir: Path
    process: subprocess.Popen[bytes]

    def token(self, org: str, sub: str, roles: list[str]) -> str:
        answer = requests.post(f"{self.api}/_local/token", json={"org": org, "sub": sub, "roles": roles}, timeout=10)
        answer.raise_for_status()
        return answer.json()["token"]

    def as_(self, org: str, sub: str = "hr-1", roles: tuple[str, ...] = ("hr_admin",)) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.token(org, sub, list(roles))}"
        return session

    def client(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.aws_endpoint, region_name="us-east-1")

    def settle(self) -> int:
        return requests.post(f"{self.api}/_local/settle", timeout=120).json()["delivered"]

    def advance(self, duration: str) -> dict[str, Any]:
        answer = requests.post(f"{self.api}/_local/clock", json={"advance": duration}, timeout=120)
        answer.raise_for_status()
        return answer.json()

    def requests_made(self) -> dict[tuple[str, str], int]:
        rows = requests.get(f"{self.api}/_local/requests", timeout=10).json()["requests"]
        return {(row["service"], row["operation"]): row["count"] for row in rows}


def start_local(state_dir: Path, *extra: str) -> Local:
    state_dir.mkdir(parents=True, exist_ok=True)
    log = (state_dir / "stack.log").open("wb")
    # INFO, as deployed: the log statements run too, so a broken one fails a test here.
    env = {**os.environ, "POWERTOOLS_LOG_LEVEL": "INFO"}
    process = subprocess.Popen(
        [sys.executable, "-m", "infra", "--port", "0", "--state-dir", str(state_dir), *extra],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    state = state_dir / "local.json"
    deadline = time.monotonic() + STARTUP_SECONDS
    while not state.exists():
        if process.poll() is not None:
            raise RuntimeError(f"the local stack exited: {(state_dir / 'stack.log').read_text()}")
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the local stack did not start in time")
        time.sleep(0.1)
    info = json.loads(state.read_text())
    return Local(api=info["api"], aws_endpoint=info["aws_endpoint"], state_dir=state_dir, process=process)


def stop_local(local: Local) -> int:
    local.process.send_signal(signal.SIGINT)
    try:
        return local.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        local.process.kill()
        raise


@pytest.fixture(scope="session")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-local"), "--no-seed")
    yield stack
    stop_local(stack)
