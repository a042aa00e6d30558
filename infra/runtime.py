"""Runs the template's functions in this process, as Lambda would run them.

Each function gets a small pool of instances (its handler module loaded once
per instance), and an instance serves one event at a time, like a Lambda
execution environment; so concurrent requests really are concurrent.
"""

from __future__ import annotations

import importlib.util
import itertools
import queue
import sys
import threading
import time
import uuid
import warnings
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from infra.faults import Faults
from infra.provision import Function
from janus.kernel.metering import REQUESTS

MAX_INSTANCES = 4


@dataclass
class LambdaContext:
    function_name: str
    aws_request_id: str
    memory_limit_in_mb: int = 512
    function_version: str = "$LATEST"
    log_group_name: str = ""
    log_stream_name: str = "local"
    deadline: float = 0.0

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:123456789012:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.deadline - time.monotonic()) * 1000))


class FunctionRuntime:
    _serial = itertools.count()

    def __init__(self, function: Function, timeout: float = 29.0, faults: Faults | None = None):
        self.function = function
        self.timeout = timeout
        self.faults = faults  # the fault mode (infra.faults), if the stack runs in it
        self._idle: queue.LifoQueue[ModuleType] = queue.LifoQueue()
        self._created = 0
        self._lock = threading.Lock()
        # Handler time per kind of event ("GET /feedback/{token}", "sqs", ...), for the benchmark.
        self.timings: dict[str, list[float]] = {}

    def _load(self) -> ModuleType:
        module_file, _ = self.function.handler.rsplit(".", 1)
        path = self.function.code_dir / f"{module_file.replace('.', '/')}.py"
        name = f"_lambda_{self.function.logical_id}_{next(self._serial)}"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader, f"cannot load {path}"
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    def _acquire(self) -> ModuleType:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._created < MAX_INSTANCES:
                self._created += 1
                return self._load()
        return self._idle.get()

    def invoke(self, event: dict[str, Any]) -> Any:
        instance = self._acquire()
        try:
            handler = getattr(instance, self.function.handler.rsplit(".", 1)[1])
            context = LambdaContext(
                function_name=self.function.name,
                aws_request_id=str(uuid.uuid4()),
                deadline=time.monotonic() + self.timeout,
            )
            started = time.perf_counter()
            try:
                with REQUESTS.scoped(self.function.logical_id), self._faults(event):
                    return handler(event, context)
            finally:
                elapsed = time.perf_counter() - started
                with self._lock:
                    self.timings.setdefault(_kind(event), []).append(elapsed)
                _discard_metrics()
        finally:
            self._idle.put(instance)

    def _faults(self, event: dict[str, Any]) -> AbstractContextManager[None]:
        return self.faults.invocation(self.function.logical_id, event) if self.faults else nullcontext()


def _kind(event: dict[str, Any]) -> str:
    if "httpMethod" in event:
        return f"{event['httpMethod']} {event.get('resource', '')}"
    records = event.get("Records") or []
    if records:
        return str(records[0].get("eventSource", "records"))
    return str(event.get("detail-type") or event.get("source") or "direct")


# Locally metrics are off and discarded after each invocation, so "nothing to publish" says nothing.
warnings.filterwarnings("ignore", message="No application metrics to publish", category=UserWarning)


def _discard_metrics() -> None:
    """Drop the metrics an invocation recorded, as Lambda's flush would.

    Locally metrics are off (POWERTOOLS_METRICS_DISABLED), and a disabled flush keeps them;
    Powertools then prints the set once it holds 100 values, whatever the setting.
    """
    observability = sys.modules.get("janus.kernel.observability")
    if observability is not None:
        observability.metrics.clear_metrics()
