"""What every server-rendered page shares: its strings in English and Danish, its Jinja2
environment, the reader's language, and the CSP nonce check.

Strings and templates are read on the first page a process renders, not when it starts:
a function that never renders a page never loads YAML or Jinja2.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment, Template

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


def read_yaml(path: Path) -> Any:
    """A YAML file of our own, with libyaml's parser when PyYAML has it (the layer's wheel does)."""
    import yaml

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


class Strings(Mapping[str, dict[str, Any]]):
    """A page's strings by dotted key (``{"a.b": {"en": .., "da": ..}}``), read from YAML on first use."""

    def __init__(self, path: Path):
        self.path = path

    @functools.cached_property
    def _strings(self) -> dict[str, dict[str, Any]]:
        return _flatten(read_yaml(self.path))

    def __getitem__(self, key: str) -> dict[str, Any]:
        return self._strings[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._strings)

    def __len__(self) -> int:
        return len(self._strings)


def load_strings(path: Path) -> Strings:
    return Strings(path)


_SHARED = Path(__file__).parent / "templates" / "shared"


class Templates:
    """A page's templates, with the shared ones (``page.css``) behind them; Jinja2 loads on the first render."""

    def __init__(self, folder: Path):
        self.folder = folder

    @functools.cached_property
    def environment(self) -> Environment:
        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

        return Environment(
            loader=ChoiceLoader([FileSystemLoader(self.folder), FileSystemLoader(_SHARED)]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def get_template(self, name: str) -> Template:
        return self.environment.get_template(name)


def environment(folder: Path) -> Templates:
    """A page's templates, with the shared ones (``page.css``) behind them."""
    return Templates(folder)


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
