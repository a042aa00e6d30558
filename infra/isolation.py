"""Lambda gives every execution environment a process of its own; the local stack runs a
function's instances as threads of one process. Powertools keeps the API event being
handled on a class (``BaseRouter.current_event``), which is safe in a process that serves one
event at a time and wrong for threads: an instance would read another's request. Here that
state becomes per thread, so concurrent local requests are as isolated as on AWS.
"""

from __future__ import annotations

import threading
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

_STATE = threading.local()
_PER_THREAD = ("current_event", "lambda_context")


def _slot(name: str) -> property:
    def get(_: Any) -> Any:
        return getattr(_STATE, name, None)

    def set_(_: Any, value: Any) -> None:
        setattr(_STATE, name, value)

    return property(get, set_)


class _PerThreadState(type(BaseRouter)):  # type: ignore[misc]
    """BaseRouter's metaclass, with the per-event attributes held per thread."""

    current_event = _slot("current_event")
    lambda_context = _slot("lambda_context")


def isolate_resolvers() -> None:
    """Hold Powertools' per-event resolver state per thread (idempotent)."""
    if type(BaseRouter) is _PerThreadState:
        return
    for name in _PER_THREAD:
        # Instances (self.current_event) read it through this property, the class through the metaclass.
        setattr(BaseRouter, name, _slot(name))
    BaseRouter.__class__ = _PerThreadState
