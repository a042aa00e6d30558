"""The competency library: groups, 36 competencies, job classes and the rating scale.

The YAML next to this module is read on first use, once per process, checked against
the schema in ``janus.library.schema`` and served as frozen objects.
``select_competencies`` holds the rules for which competencies a review uses;
``pick_locale`` picks the answer language.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from janus.kernel.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from janus.library.schema import Library

LOCALES = ("en", "da")
MAX_COMPETENCIES = 10
ITEMS_PER_COMPETENCY = 6

_DIR = Path(__file__).parent


def _duplicates(values: list[str]) -> list[str]:
    return [value for value, n in Counter(values).items() if n > 1]


def _yaml(path: Path) -> Any:
    import yaml  # only here: the library is read once, on the first request that needs it

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


@functools.cache
def library() -> Library:
    """The library, read and checked on first use (raises ``schema.LibraryError`` if the data is bad)."""
    from janus.library.schema import Library

    top = _yaml(_DIR / "groups.yaml")
    competencies = [c for g in top["groups"] for c in _yaml(_DIR / "competencies" / f"{g['id']}.yaml")]
    job_classes = _yaml(_DIR / "job_classes.yaml")
    return Library.from_dict({**top, "competencies": competencies, "job_classes": job_classes})


_Q_VALUE = re.compile(r"^q=([01](?:\.\d{0,3})?)$")


def pick_locale(accept_language: str | None) -> str:
    """The best supported locale (``da`` or ``en``) for an Accept-Language header; ``en`` by default."""
    best, best_q = "en", 0.0
    for part in (accept_language or "").split(","):
        tag, *params = (p.strip() for p in part.split(";"))
        lang = tag.lower().split("-")[0]
        q = 1.0
        for param in params:
            match = _Q_VALUE.match(param.replace(" ", "").lower())
            q = float(match.group(1)) if match else 0.0
        if lang in LOCALES and q > best_q:
            best, best_q = lang, q
    return best


def select_competencies(job_class: str | None, override: list[str] | None) -> tuple[str, ...]:
    """The competency ids a review uses: the override if given, else the job class's profile."""
    lib = library()
    if override is not None:
        problems = []
        if not 1 <= len(override) <= MAX_COMPETENCIES:
            message = f"choose 1 to {MAX_COMPETENCIES} competencies, not {len(override)}"
            problems.append(Problem(message, "competencies"))
        for cid in _duplicates([str(c) for c in override]):
            problems.append(Problem(f"competency {cid!r} is listed more than once", "competencies"))
        for cid in override:
            if not isinstance(cid, str) or not lib.has_competency(cid):
                problems.append(Problem(f"unknown competency {cid!r}", "competencies"))
        if problems:
            raise InvalidInput("the list of competencies is not valid", problems)
        return tuple(override)
    if job_class is not None:
        if not lib.has_job_class(job_class):
            raise InvalidInput("unknown job class", [Problem(f"unknown job class {job_class!r}", "job_class")])
        return lib.job_class(job_class).profile
    raise InvalidInput(
        "choose a job class or a list of competencies",
        [Problem("give a job class or a list of competencies", "job_class")],
    )


def minutes_for(question_count: int) -> int:
    """How long a form of this many questions takes, as the e-mail and the form both say: about
    15 seconds a question plus 2 minutes for the comments, in whole minutes, at least 5."""
    if question_count < 0:
        raise ValueError("question_count must not be negative")
    seconds = 15 * question_count + 120
    return max(5, -(-seconds // 60))
