"""Rater links: the token names its assignment and is signed, so nothing is stored to find it.

A token is ``base64url(locator) + signature``: the locator is the organisation, cycle, subject
and rater of the assignment, the assignment's link nonce and, for assignments launched since
they keep it, the short key of the subject's department (janus.rounds.keys.department_key), so
that an answer moves its department's progress counters without a read; the signature is the first 24
bytes of HMAC-SHA256 over the locator with the link key (AWS Secrets Manager, read once per
process). Only Janus can make a token that verifies, so a link finds its assignment without a
read, and a form opens in one request and an answer is written in one.

The nonce is random per assignment: making the assignment again (a rater removed and asked
again) gives it a new one, which voids every link sent before. A token that does not verify,
names another nonce, or names an assignment that is not live gets the same answer as one
that never existed. Replacing the key voids every link ever sent.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import threading
from dataclasses import dataclass
from typing import Protocol

from janus.kernel.settings import Settings
from janus.rounds.keys import department_key

SIGNATURE_BYTES = 24  # 192 bits: guessing a valid token is as hopeless as guessing a random one
_SIGNATURE_CHARS = 32  # base64url of 24 bytes, no padding
_SEPARATOR = "\x1f"  # cannot occur in an id: ids are printable
_CONTEXT = b"janus-link-v1\x1f"  # a key is never used for anything but links of this shape
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{40,1024}$")
NONCE_BYTES = 8


@dataclass(frozen=True)
class Locator:
    """What a link names: the assignment (organisation, cycle, subject, rater), its nonce and, when
    the assignment keeps it, its subject's department key (links made before name none)."""

    org: str
    cycle_id: str
    subject_id: str
    rater_id: str
    nonce: str
    department: str | None = None

    def encoded(self) -> bytes:
        parts = (self.org, self.cycle_id, self.subject_id, self.rater_id, self.nonce)
        return _SEPARATOR.join(parts + ((self.department,) if self.department else ())).encode()


class _Assigned(Protocol):
    org: str
    cycle_id: str
    subject_id: str
    rater_id: str
    link_nonce: str
    department: str | None


def locator_of(assignment: _Assigned) -> Locator:
    """The locator of an assignment's links."""
    a = assignment
    department = department_key(a.department) if a.department else None
    return Locator(a.org, a.cycle_id, a.subject_id, a.rater_id, a.link_nonce, department)


def new_nonce() -> str:
    return secrets.token_urlsafe(NONCE_BYTES)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Makes and checks link tokens with one key."""

    def __init__(self, key: bytes):
        if len(key) < 32:
            raise ValueError("the link key must be at least 32 bytes")
        self._key = key

    def _signature(self, locator: bytes) -> str:
        return _b64(hmac.new(self._key, _CONTEXT + locator, hashlib.sha256).digest()[:SIGNATURE_BYTES])

    def token(self, locator: Locator) -> str:
        encoded = locator.encoded()
        return _b64(encoded) + self._signature(encoded)

    def locate(self, token: object) -> Locator | None:
        """The assignment a token names, or None when it is not a token this key made."""
        if not isinstance(token, str) or not _SHAPE.match(token):
            return None
        body, signature = token[:-_SIGNATURE_CHARS], token[-_SIGNATURE_CHARS:]
        try:
            encoded = _unb64(body)
        except (binascii.Error, ValueError):
            return None
        if not hmac.compare_digest(self._signature(encoded), signature):
            return None
        parts = encoded.decode("utf-8", errors="strict").split(_SEPARATOR)
        if len(parts) not in (5, 6) or not all(parts):
            return None  # signed by this key, so never; but a token is never trusted to be well made
        return Locator(*parts)


_signers: dict[str, Signer] = {}
_lock = threading.Lock()


def signer(settings: Settings) -> Signer:
    """The process's signer, with the key read from Secrets Manager on first use (one request per process)."""
    secret = settings.link_key_secret
    if not secret:
        raise RuntimeError("LINK_KEY_SECRET is not set: this function cannot make or check rater links")
    found = _signers.get(secret)
    if found is None:
        with _lock:
            found = _signers.get(secret)
            if found is None:
                from janus.kernel import aws

                value = aws.made("secretsmanager", settings).get_secret_value(SecretId=secret)["SecretString"]
                found = _signers[secret] = Signer(value.encode())
    return found
