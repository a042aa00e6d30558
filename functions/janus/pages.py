"""What every server-rendered page shares: its strings in English and Danish, its Jinja2
environment, the reader's language, and the CSP nonce check."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

LOCALES = ("en", "da")
_NONCE = re.compile(r"^[A-Za-z0-9+/_-]+={0,2}$")


def lang(locale: Any) -> str:
    """``da`` for Danish (``da``, ``da-DK``), otherwise ``en``."""
    return "da" if str(locale or "").strip().lower().split("-")[0] == "da" else "en"


def _flatten(node: Any, prefix: str = "") -> dict[str, dict[str, Any]]:
    """``{"a": {"b": {"en": .., "da": ..}}}`` → ``{"a.b": {"en": .., "da": ..}}``; every leaf has both locales."""
    if isinstance(node, dict) and set(node) == set(LOCALES):
        return {prefix: node}
    if not isinstance(node, dict) or not node:
        raise ValueError(f"strings.yaml: {prefix or 'the top'} needs a text in each of {LOCALES}")
    out: dict[str, dict[str, Any]] = {}
    for key, value in node.items():
        out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return out


def load_strings(path: Path) -> dict[str, dict[str, Any]]:
    return _flatten(yaml.safe_load(path.read_text(encoding="utf-8")))


_SHARED = Path(__file__).parent / "templates" / "shared"


def environment(folder: Path) -> Environment:
    """A page's templates, with the shared ones (``page.css``) behind them."""
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(folder), FileSystemLoader(_SHARED)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Texts:
    """The strings in one language: ``t("key")`` for the raw text, ``t("key", name=...)`` to fill it in."""

    def __init__(self, strings: dict[str, dict[str, Any]], locale: str):
        self.strings = strings
        self.locale = locale

    def __call__(self, key: str, **values: Any) -> Any:
        text = self.strings[key][self.locale]
        return text.format(**values) if values else text


def check_nonce(nonce: str) -> str:
    if not isinstance(nonce, str) or not _NONCE.match(nonce):
        raise ValueError("the nonce must be a non-empty base64 string")
    return nonce
