"""The whole local stack: endpoint, resources, functions, gateway, pumps, clock, mailbox."""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from infra import openapi
from infra.atomic import make_requests_atomic
from infra.capacity import meter_capacity
from infra.clock import follow_idempotency, follow_moto, parse_duration
from infra.faults import Faults
from infra.gateway import Console, Gateway, Request, Tokens
from infra.indexes import index_queries
from infra.isolation import isolate_resolvers
from infra.lean import lean_moto
from infra.mailbox import Mailbox
from infra.provision import Stack, provision
from infra.pumps import QueuePump
from infra.runtime import FunctionRuntime
from infra.scheduler import Scheduler
from infra.seed import DEMO_ORG, DEMO_RATER
from infra.signin import LocalIdentity
from infra.template import REGION
from infra.tokens import honour_request_tokens
from janus.kernel import clock
from janus.kernel.metering import REQUESTS

ROOT = Path(__file__).resolve().parent.parent
JSON = "application/json"
SETTLE_ROUNDS = 10_000
PEOPLE_READ = 5_000  # enough to find anyone of a demo organisation, and who manages whom


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answer(status: int, body: Any) -> tuple[int, str, bytes]:
    return status, JSON, json.dumps(body).encode()


def _problem(status: int, message: str) -> tuple[int, str, bytes]:
    return _answer(status, {"error": {"code": "invalid_input", "message": message}})


class LocalStack:
    def __init__(
        self,
        port: int = 3000,
        state_dir: Path | None = None,
        root: Path = ROOT,
        aws_port: int | None = None,
        meter: bool = False,
        rollup_delay_seconds: int = 0,
        faults: Faults | None = None,
    ):
        self.root = root
        self.faults = faults  # the fault mode (infra.faults): what AWS does under load, by rate and seed
        self.meter = meter  # capacity units for the benchmark's cost model (infra.capacity)
        # How long a goal's progress waits to be pushed up the tree: none locally, so that a page shows it at once;
        # the benchmark keeps the template's, which gathers a burst of changes under one parent into one push.
        self.rollup_delay_seconds = rollup_delay_seconds
        self.port = port or free_port()
        self.aws_port = aws_port or free_port()
        self.state_dir = state_dir or root / ".janus"
        self.api = f"http://127.0.0.1:{self.port}"
        self.endpoint = f"http://127.0.0.1:{self.aws_port}"
        self.tokens = Tokens(secrets.token_urlsafe(32))
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._pump_lock = threading.Lock()
        self.stack: Stack | None = None

    # ------------------------------------------------------------ start/stop
    def start(self) -> LocalStack:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.moto = ThreadedMotoServer(ip_address="127.0.0.1", port=self.aws_port, verbose=False)
        self.moto.start()
        os.environ.update(
            {
                "AWS_ENDPOINT_URL": self.endpoint,
                "AWS_ACCESS_KEY_ID": "local",
                "AWS_SECRET_ACCESS_KEY": "local",
                "AWS_DEFAULT_REGION": REGION,
                "AWS_REGION": REGION,
                "POWERTOOLS_METRICS_DISABLED": "true",
            }
        )
        os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
        follow_moto()
        follow_idempotency()
        lean_moto()  # before make_requests_atomic: a transaction's rollback happens inside the write lock
        make_requests_atomic()
        honour_request_tokens()
        isolate_resolvers()
        index_queries()
        if self.meter:
            meter_capacity()
        if self.faults:
            self.faults.install()
        self.clients = {
            name: boto3.client(name, endpoint_url=self.endpoint, region_name=REGION)
            for name in ("dynamodb", "s3", "sqs", "events", "sesv2", "scheduler", "secretsmanager", "cognito-idp")
        }
        # E-mailed links and the console's sign-in must point at this gateway, not at a distribution.
        self.stack = provision(
            self.root, self.clients, self.endpoint, parameters={"PublicUrl": self.api, "UserInvitations": "suppress"}
        )
        environment = self.stack.environment()
        environment.pop("POWERTOOLS_LOG_LEVEL", None)  # the local default is quieter than the template's
        environment["REPORT_DELAY_SECONDS"] = "0"  # the embedded endpoint writes an index with its item
        environment["ROLLUP_DELAY_SECONDS"] = str(self.rollup_delay_seconds)
        os.environ.update(environment)
        self.runtimes = {
            logical: FunctionRuntime(function, faults=self.faults) for logical, function in self.stack.functions.items()
        }
        self.pump = QueuePump(self.stack, self.clients["sqs"], self.invoke, self.faults)
        self.scheduler = Scheduler(self.stack, self.invoke, self.pump.send, self.faults)
        self.mailbox = Mailbox(self.state_dir / "mail")
        self.identity = LocalIdentity(self.api, self._people, {DEMO_ORG: {DEMO_RATER}}, DEMO_ORG)
        gateway = Gateway(
            self.stack.routes,
            self.invoke,
            self.tokens,
            self._local_routes(),
            pages=self.identity.routes(),
            verifiers=[self.identity.claims],
            console=Console(self.root / "console" / "dist", self.stack.api_paths, self.stack.console_headers),
        )
        self.server: ThreadingHTTPServer = gateway.serve("127.0.0.1", self.port)
        self._spawn(self.server.serve_forever)
        self._spawn(self._background)
        return self

    def write_state(self, **extra: Any) -> Path:
        state = {"api": self.api, "aws_endpoint": self.endpoint, "mailbox": f"{self.api}/_local/mailbox/html", **extra}
        path = self.state_dir / "local.json"
        # Written whole or not at all: whoever waits for the file must never read half of it.
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(json.dumps(state, indent=2) + "\n")
        partial.replace(path)
        return path

    def stop(self, *, reset: bool = False) -> None:
        """Stop serving; ``reset`` also empties moto's backends, which live on in this process."""
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if reset:  # after the queue pump has stopped, which would otherwise find its queues gone
            reset_url = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")  # noqa: S310
            urllib.request.urlopen(reset_url, timeout=60).close()  # noqa: S310 - the stack's own http endpoint
        self.moto.stop()
        (self.state_dir / "local.json").unlink(missing_ok=True)

    def _spawn(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self._threads.append(thread)

    # ------------------------------------------------------------ work
    def invoke(self, logical: str, event: dict[str, Any]) -> Any:
        return self.runtimes[logical].invoke(event)

    def settle(self) -> int:
        """Fire what is due and deliver queued messages until nothing is left to do."""
        total = 0
        with self._pump_lock:
            for _ in range(SETTLE_ROUNDS):
                done = self.scheduler.tick() + self.pump.pump_all()
                total += done
                if not done:
                    break
        self.mailbox.collect()
        return total

    def _background(self) -> None:
        while not self._stop.is_set():
            try:
                done = self.settle()
            except Exception as error:  # keep pumping; the failure is the function's to report
                print(f"local stack: background delivery failed: {type(error).__name__}: {error}", flush=True)
                done = 0
            if not done:
                self._stop.wait(0.1)

    # ------------------------------------------------------------ local-only routes
    def _local_routes(self) -> dict[tuple[str, str], Callable[[Request], tuple[int, str, bytes]]]:
        return {
            ("POST", "/_local/token"): self._token,
            ("GET", "/_local/mailbox"): lambda _: _answer(200, self.mailbox.as_json()),
            ("GET", "/_local/mailbox/html"): lambda _: (
                200,
                "text/html; charset=utf-8",
                self.mailbox.as_html().encode(),
            ),
            ("POST", "/_local/clock"): self._clock,
            ("GET", "/_local/clock"): lambda _: _answer(200, {"now": clock.now().isoformat()}),
            ("POST", "/_local/settle"): lambda _: _answer(200, {"delivered": self.settle()}),
            ("GET", "/_local/requests"): self._requests,
            ("GET", "/_local/schedules"): lambda _: _answer(200, {"fired": self.scheduler.fired}),
            ("GET", "/_local/faults"): lambda _: _answer(200, self._faults()),
            ("POST", "/_local/faults"): self._set_faults,
            ("GET", "/openapi.json"): lambda _: (200, JSON, openapi.text(self.root).encode()),
        }

    def _people(self, org: str) -> list[dict[str, Any]]:
        """The organisation's people for the local sign-in, read through the API as HR would."""
        token = self.tokens.issue(org, "local-sign-in", ["hr_admin"], lifetime=60)
        people: list[dict[str, Any]] = []
        following: str | None = ""
        while following is not None and len(people) < PEOPLE_READ:
            query = f"?next={urllib.parse.quote(following)}" if following else ""
            request = urllib.request.Request(f"{self.api}/employees{query}")  # noqa: S310 - loopback only
            request.add_header("Authorization", f"Bearer {token}")
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 - loopback only
                page = json.loads(answer.read())
            people += page["employees"]
            following = page.get("next")
        return people

    def _token(self, request: Request) -> tuple[int, str, bytes]:
        try:
            body = request.json()
        except ValueError:
            return _problem(400, 'send JSON: {"org", "sub", "roles"}')
        org, sub, roles = body.get("org"), body.get("sub"), body.get("roles", [])
        if not isinstance(org, str) or not org or not isinstance(sub, str) or not sub or not isinstance(roles, list):
            return _problem(400, "org and sub must be non-empty strings and roles a list")
        # As deployed, the employee id may differ from the subject (Cognito's sub is a UUID).
        employee_id = body.get("employee_id") if isinstance(body.get("employee_id"), str) else None
        token = self.tokens.issue(org, sub, [str(role) for role in roles], employee_id=employee_id)
        return _answer(200, {"token": token})

    def _clock(self, request: Request) -> tuple[int, str, bytes]:
        try:
            by = parse_duration(str(request.json().get("advance", "")))
        except ValueError as error:
            return _problem(400, str(error))
        clock.advance(by)
        # Messages whose visibility timeout passed on the new clock come back now; give SQS a moment.
        time.sleep(0.01)
        delivered = self.settle()
        return _answer(200, {"now": clock.now().isoformat(), "delivered": delivered})

    def _faults(self) -> dict[str, Any]:
        """What the fault mode injected, and how many messages failed their last delivery (dead-lettered)."""
        injected = self.faults.summary() if self.faults else {"rate": 0}
        return {**injected, "exhausted": self.pump.exhausted}

    def _set_faults(self, request: Request) -> tuple[int, str, bytes]:
        """``{"rate": 0}`` turns the fault mode off (to drain and redrive), another rate on again; ``"kinds"``
        narrows what it injects."""
        if self.faults is None:
            return _problem(409, "the stack runs without --faults")
        try:
            body = request.json()
            kinds = body.get("kinds")
            self.faults.set_rate(float(body["rate"]), None if kinds is None else frozenset(kinds))
        except (ValueError, KeyError, TypeError) as error:
            return _problem(400, f'send {{"rate": 0 to 1}}: {error}')
        return _answer(200, self._faults())

    def _requests(self, _: Request) -> tuple[int, str, bytes]:
        counts = REQUESTS.snapshot()
        return _answer(
            200, {"requests": [{"service": s, "operation": o, "count": n} for (s, o), n in sorted(counts.items())]}
        )
