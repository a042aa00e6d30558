"""Idempotency keys for the API's creations: a client that did not hear the answer to a POST that makes something
(a goal, a check-in, a topic, an action item, a recognition, a review cycle) sends it again with the same
``Idempotency-Key`` header and is answered what the first was answered (the same thing, the same status), and
nothing more is made.

The key's record is one more item in the transaction that makes the thing (``janus.store.once``): a put of
``ORG#<org>#IDEM#<caller>#<key>`` on its not existing, holding what was made and the request's fingerprint, gone
by the table's TTL a day later. A repeat's transaction fails on that record, whose old image comes back with the
cancellation (no read), and the repeat is answered from it. Why not Powertools' idempotency utility, which keeps
its records in a table of its own: its record is written before the handler runs and marked done after it, two
more requests on every keyed call, and the three writes are not atomic with the creation (a 500 after the
creation applied, or a death between the creation and the mark, leaves a record "in progress" until it expires,
and the retry is refused meanwhile). In the same transaction the record exists if and only if the thing was
made, whatever failed around it, at the cost of one more item in a write the creation makes anyway. Powertools'
utility stays where there is no transaction to join: the notices sent by e-mail (docs/architecture.md).

The same key with another request (another body, or another route) is refused with 422, as the IETF's
Idempotency-Key draft advises: the client reused a key it should not have.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from janus.kernel.errors import InvalidInput, Problem, Unprocessable

HEADER = "Idempotency-Key"
KEPT = timedelta(hours=24)  # a key's record outlives any client's retries by far; DynamoDB's TTL removes it
_KEY = re.compile(r"[A-Za-z0-9._:-]{8,128}")


@dataclass(frozen=True)
class RequestKey:
    """A creation's idempotency key, as its caller sent it in their organisation, and what the request asked."""

    org: str
    caller: str
    key: str
    request: str  # the fingerprint of the method, path and body: a repeat asks the same


class Repeated(Exception):
    """The key's creation was made already (by an earlier try of this request): what it made."""

    def __init__(self, made: Mapping[str, str]):
        super().__init__(f"made already: {dict(made)}")
        self.made = dict(made)


class KeyReused(Unprocessable):
    code = "idempotency_key_reused"


def key_of(value: str | None, org: str, caller: str, method: str, path: str, body: Any) -> RequestKey | None:
    """The request's key (None without the header), or 400 naming the header for a key that is not one."""
    if value is None:
        return None
    if not _KEY.fullmatch(value):
        problem = Problem("must be 8 to 128 characters of letters, digits and . _ : -", HEADER)
        raise InvalidInput(f"the {HEADER} header is not a valid key", [problem])
    import hashlib  # only a keyed request pays for it
    import json

    asked = json.dumps([method.upper(), path, body], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    fingerprint = hashlib.sha256(asked.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return RequestKey(org=org, caller=caller, key=value, request=fingerprint)


def reused(key: RequestKey) -> KeyReused:
    return KeyReused(
        f"the {HEADER} '{key.key}' was used for another request; use a new key for a new request",
        [Problem("was used for another request (another body or route)", HEADER)],
    )
