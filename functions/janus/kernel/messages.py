"""Queue messages: each kind is one frozen dataclass with a name and a version, encoded by its sender
and decoded once by its receiver, which then dispatches it through one table.

A message Janus makes names its kind under its family's key (``"job"`` for fan-out work,
``"kind"`` for e-mail work) and carries ``"v"``, its version; a receiver refuses a version it does
not know, so the message goes to the dead-letter queue instead of being half-understood. An
EventBridge event delivered through a queue is named by its ``detail-type`` (or, for SES's own
events, its ``source``) and has no version of ours.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

from janus.kernel.errors import InvalidInput

M = TypeVar("M", bound="Message")


@dataclasses.dataclass(frozen=True)
class Message:
    """One kind of queue message. ``KEY`` is the field that names the kind, ``NAME`` the name."""

    KEY: ClassVar[str] = "job"
    NAME: ClassVar[str]
    VERSION: ClassVar[int | None] = 1

    def encode(self) -> dict[str, Any]:
        """The message as its queue carries it (JSON-ready)."""
        body = {field.name: self._plain(getattr(self, field.name)) for field in dataclasses.fields(self)}
        return {self.KEY: self.NAME, **({"v": self.VERSION} if self.VERSION is not None else {}), **body}

    @staticmethod
    def _plain(value: Any) -> Any:
        if hasattr(value, "as_dict"):  # a value that knows its own dictionary (a reminder slot, a closed cycle)
            return value.as_dict()
        if isinstance(value, tuple):
            return list(value)
        return value

    @classmethod
    def decode(cls: type[M], body: Mapping[str, Any]) -> M:
        """The message from its queue body: every field it declares, none missing."""
        names = [field.name for field in dataclasses.fields(cls)]
        missing = [
            field.name
            for field in dataclasses.fields(cls)
            if field.name not in body
            and field.default is dataclasses.MISSING
            and field.default_factory is dataclasses.MISSING
        ]
        if missing:
            raise InvalidInput(f"a {cls.NAME} message needs {', '.join(missing)}")
        return cls(**cls.fields_from({name: body[name] for name in names if name in body}))

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        """The decoded fields' values; a message with nested values turns them into their types here."""
        return values

    def as_dict(self) -> dict[str, Any]:
        return self.encode()


class Codec:
    """The kinds of message one queue consumer takes, found by their key and name."""

    def __init__(self, *kinds: type[Message]):
        self.kinds = {(kind.KEY, kind.NAME): kind for kind in kinds}
        self.keys = list(dict.fromkeys(kind.KEY for kind in kinds))

    def decode(self, body: str | Mapping[str, Any]) -> Message:
        data = json.loads(body) if isinstance(body, str) else body
        if not isinstance(data, Mapping):
            raise InvalidInput("a queue message must be a JSON object")
        for key in self.keys:
            kind = self.kinds.get((key, data.get(key)))
            if kind is None:
                continue
            version = data.get("v", 1) if kind.VERSION is not None else None
            if version != kind.VERSION:
                raise InvalidInput(f"a {kind.NAME} message of version {version!r} (this code reads {kind.VERSION})")
            return kind.decode(data)
        named = {key: data.get(key) for key in self.keys if key in data}
        raise InvalidInput(f"no handler for the message {named or 'without a name'}")


Handlers = Mapping[type[Message], Callable[[Any], object]]


def dispatch(handlers: Handlers, message: Message) -> object:
    """Hand the message to its handler in the table; one the table lacks is an error, never dropped."""
    handler = handlers.get(type(message))
    if handler is None:
        raise InvalidInput(f"no handler for a {message.NAME} message here")
    return handler(message)
