"""The local stack's fault mode: what AWS does to a service under load, injected by rate and by seed.

``python -m infra --faults seed=7,rate=0.05`` (or ``LocalStack(faults=Faults.parse("seed=7,rate=0.05"))``)
makes the functions meet, each with probability ``rate``:

- on a DynamoDB call: throttling (ProvisionedThroughputExceededException, ThrottlingException) or a 500
  (InternalServerError), before the request reaches the table, or a 500 after it was applied
  (``dynamodb-500-after``: DynamoDB does not say whether a failed write happened);
- on an SES send: throttling (TooManyRequestsException) or a rejection (MessageRejected);
- a function invocation of an SQS batch that dies partway: after some of its AWS calls succeeded, the next
  raises ``InvocationDied`` (not an ``Exception``: nothing in the function catches it, as nothing catches a
  timeout or a crash), so the whole batch comes back;
- in the queue pump: a message delivered twice (a copy sent back to its queue) and a batch in another order;
- in the scheduler: a schedule fired twice, or late (on a later tick, minutes later on the local clock).

The AWS faults are answers botocore parses into the real ``ClientError`` (with its code and HTTP status), given
by a ``before-send`` hook on every client the functions make through ``janus.kernel.aws``, so the functions'
own retries (botocore's standard mode), partial batch responses and claims are what handle them. Only calls
made inside a function invocation are touched: the stack's own pump, mailbox and tests are not. botocore's
back-off between retries is scaled down (``backoff``, 0.02 by default): the local clock does not cover sleeps.

Every fault is counted (``counts``, ``summary()``; ``GET /_local/faults``); ``POST /_local/faults`` sets the rate
(``{"rate": 0}`` turns the mode off, to drain and redrive; ``"kinds": [...]`` narrows it to those kinds).
"""

from __future__ import annotations

import json
import random
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.httpsession import URLLib3Session

KINDS = (
    "dynamodb-throttle",
    "dynamodb-500",
    "dynamodb-500-after",
    "ses-throttle",
    "ses-rejected",
    "invocation-died",
    "sqs-duplicate",
    "sqs-reordered",
    "schedule-twice",
    "schedule-late",
)
DYNAMODB = ("dynamodb-throttle", "dynamodb-500", "dynamodb-500-after")
SES = ("ses-throttle", "ses-rejected")
_DYNAMODB_ERRORS = {
    "ProvisionedThroughputExceededException": (
        400,
        "The level of configured provisioned throughput for the table was exceeded.",
    ),
    "ThrottlingException": (400, "Rate of requests exceeds the allowed throughput."),
    "InternalServerError": (500, "Internal server error"),
}


class InvocationDied(BaseException):
    """The invocation ended partway (timeout, out of memory, a crash): no answer, the batch comes back."""


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.data


def _answer(url: str, status: int, body: dict[str, Any], content_type: str) -> AWSResponse:
    data = json.dumps(body).encode()
    headers = {"Content-Type": content_type, "Content-Length": str(len(data)), "x-amzn-RequestId": "fault"}
    if "__type" in body:
        headers["x-amzn-ErrorType"] = body["__type"].rsplit("#", 1)[-1]
    return AWSResponse(url, status, headers, _Body(data))


def dynamodb_error(url: str, code: str) -> AWSResponse:
    status, message = _DYNAMODB_ERRORS[code]
    return _answer(
        url,
        status,
        {"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": message},
        "application/x-amz-json-1.0",
    )


def ses_error(url: str, code: str) -> AWSResponse:
    status, message = {
        "TooManyRequestsException": (429, "Maximum sending rate exceeded."),
        "MessageRejected": (400, "Email address is not verified."),
    }[code]
    return AWSResponse(
        url,
        status,
        {"Content-Type": "application/json", "x-amzn-ErrorType": f"{code}:", "x-amzn-RequestId": "fault"},
        _Body(json.dumps({"message": message}).encode()),
    )


@dataclass
class _Invocation:
    function: str
    dies_after: int | None  # AWS calls that succeed before the next one dies; None: it lives
    calls: int = 0


@dataclass
class Faults:
    seed: int = 0
    rate: float = 0.0
    kinds: frozenset[str] = frozenset(KINDS)
    backoff: float = 0.02
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)  # noqa: S311 - a reproducible draw, not a secret
        self._lock = threading.Lock()
        self._local = threading.local()
        self._http = URLLib3Session()

    @classmethod
    def parse(cls, spec: str) -> Faults:
        """``seed=7,rate=0.05[,kinds=dynamodb-throttle+ses-rejected][,backoff=0.02]``."""
        values: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, _, value = part.partition("=")
            if name == "seed":
                values["seed"] = int(value)
            elif name == "rate":
                values["rate"] = float(value)
            elif name == "backoff":
                values["backoff"] = float(value)
            elif name == "kinds":
                kinds = frozenset(value.split("+"))
                unknown = kinds - set(KINDS)
                if unknown:
                    raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {', '.join(KINDS)}")
                values["kinds"] = kinds
            else:
                raise ValueError(f"--faults takes seed=, rate=, kinds= and backoff=, not {name!r}")
        if not 0 <= values.get("rate", 0) <= 1:
            raise ValueError("rate is a probability, from 0 to 1")
        return cls(**values)

    # ------------------------------------------------------------ drawing
    def draw(self, *kinds: str) -> str | None:
        """One of ``kinds`` (those enabled) with probability ``rate``, counted; or None."""
        enabled = [kind for kind in kinds if kind in self.kinds]
        with self._lock:
            if not enabled or self.rate <= 0 or self._random.random() >= self.rate:
                return None
            kind = self._random.choice(enabled)
            self.counts[kind] += 1
            return kind

    def randint(self, low: int, high: int) -> int:
        with self._lock:
            return self._random.randint(low, high)

    def shuffle(self, items: list[Any]) -> None:
        with self._lock:
            self._random.shuffle(items)

    def set_rate(self, rate: float, kinds: frozenset[str] | None = None) -> None:
        """A new rate, and the kinds it injects (None: those it had)."""
        if not 0 <= rate <= 1:
            raise ValueError("rate is a probability, from 0 to 1")
        unknown = (kinds or frozenset()) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}")
        with self._lock:
            self.rate = rate
            if kinds is not None:
                self.kinds = kinds

    def summary(self) -> dict[str, Any]:
        with self._lock:
            return {"seed": self.seed, "rate": self.rate, "kinds": sorted(self.kinds),
                    "injected": {k: self.counts[k] for k in KINDS}}  # fmt: skip

    # ------------------------------------------------------------ hooks
    def install(self) -> None:
        """Attach to every client the functions make through janus.kernel.aws, and scale botocore's back-off."""
        from botocore.retries import standard

        from janus.kernel import aws

        create = aws._create

        def create_with_faults(service: str, settings: Any, retries: str) -> Any:
            made = create(service, settings, retries)
            made.meta.events.register("before-send", self._before_send, unique_id="janus-local-faults")
            return made

        aws._create = create_with_faults
        delay = standard.ExponentialBackoff.delay_amount
        scale = self.backoff

        def scaled(backoff: Any, context: Any) -> float:
            return delay(backoff, context) * scale

        standard.ExponentialBackoff.delay_amount = scaled  # type: ignore[method-assign]

    @contextmanager
    def invocation(self, function: str, event: dict[str, Any]) -> Iterator[None]:
        """Around a function invocation: its AWS calls may fail; an SQS batch's may die partway."""
        records = event.get("Records") or []
        batch = bool(records) and records[0].get("eventSource") == "aws:sqs"
        dies_after = self.randint(1, 8) if batch and self.draw("invocation-died") else None
        outer = getattr(self._local, "invocation", None)
        self._local.invocation = _Invocation(function, dies_after)
        try:
            yield
        finally:
            self._local.invocation = outer

    def _before_send(self, request: Any, event_name: str, **_: Any) -> AWSResponse | None:
        invocation: _Invocation | None = getattr(self._local, "invocation", None)
        if invocation is None:
            return None
        _, service, operation = event_name.split(".", 2)
        if invocation.dies_after is not None and invocation.calls >= invocation.dies_after:
            invocation.dies_after = None
            raise InvocationDied(f"{invocation.function} died before {service} {operation}")
        invocation.calls += 1
        if service == "dynamodb":
            kind = self.draw(*DYNAMODB)
            if kind == "dynamodb-throttle":
                code = "ProvisionedThroughputExceededException" if self.randint(0, 1) else "ThrottlingException"
                return dynamodb_error(request.url, code)
            if kind == "dynamodb-500":
                return dynamodb_error(request.url, "InternalServerError")
            if kind == "dynamodb-500-after":
                self._http.send(request)  # applied; the answer is lost
                return dynamodb_error(request.url, "InternalServerError")
        elif service == "sesv2" and operation == "SendEmail":
            kind = self.draw(*SES)
            if kind == "ses-throttle":
                return ses_error(request.url, "TooManyRequestsException")
            if kind == "ses-rejected":
                return ses_error(request.url, "MessageRejected")
        return None
