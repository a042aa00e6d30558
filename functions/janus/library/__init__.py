"""The competency library: groups, 36 competencies, job classes and the rating scale.

The YAML next to this module is read once per process, checked against the schema
below and served as frozen objects. ``select_competencies`` holds the rules for which
competencies a review uses; ``pick_locale`` picks the answer language.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from janus.errors import InvalidInput, NotFound, Problem
from janus.plain_language import Bounds

LOCALES = ("en", "da")
MAX_COMPETENCIES = 10
ITEMS_PER_COMPETENCY = 6

# Plain-language bounds for the library text (tests/unit/test_library.py enforces them).
QUESTION_BOUNDS = Bounds(max_sentence_words=18, max_grade=10.0, max_lix=55.0)
QUESTION_WORDS = (5, 18)
RECOMMENDATION_BOUNDS = Bounds(max_sentence_words=25, max_grade=10.0, max_lix=55.0)
RECOMMENDATION_WORDS = (25, 75)
RECOMMENDATION_SENTENCES = (2, 4)
DEFINITION_BOUNDS = Bounds(max_sentence_words=30, max_grade=12.0, max_lix=60.0)
DEFINITION_WORDS = (25, 70)
NEAR_DUPLICATE_RATIO = 0.75

_DIR = Path(__file__).parent
Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
JobClassId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]


def _lang(locale: str | None) -> str:
    """``da`` for Danish (``da``, ``da-DK``), otherwise ``en``."""
    return "da" if (locale or "").strip().lower().split("-")[0] == "da" else "en"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Frozen):
    en: Str
    da: Str

    def get(self, locale: str | None) -> str:
        return getattr(self, _lang(locale))


class Item(Text):
    """A behavioural question or a coaching recommendation."""

    id: str


class Competency(_Frozen):
    id: Id
    group: Id
    name: Text
    definition: Text
    questions: tuple[Item, ...] = Field(min_length=ITEMS_PER_COMPETENCY, max_length=ITEMS_PER_COMPETENCY)
    recommendations: tuple[Item, ...] = Field(min_length=ITEMS_PER_COMPETENCY, max_length=ITEMS_PER_COMPETENCY)

    @model_validator(mode="after")
    def _item_ids(self) -> Competency:
        for kind, prefix in (("questions", "q"), ("recommendations", "r")):
            got = [item.id for item in getattr(self, kind)]
            want = [f"{self.id}.{prefix}{n}" for n in range(1, ITEMS_PER_COMPETENCY + 1)]
            if got != want:
                raise ValueError(f"{self.id}: {kind} ids must be {want}, got {got}")
        return self


class ModelEvaluations(_Frozen):
    top: Text
    good: Text
    poor: Text


class JobClass(_Frozen):
    id: JobClassId
    name: Text
    description: Text
    profile: tuple[Id, ...] = Field(min_length=1, max_length=MAX_COMPETENCIES)
    model_evaluations: ModelEvaluations


class Group(_Frozen):
    id: Id
    name: Text
    description: Text


class ScalePoint(_Frozen):
    value: int
    label: Text


class Scale(_Frozen):
    points: tuple[ScalePoint, ...]
    not_able_to_rate: Text

    @model_validator(mode="after")
    def _one_to_five(self) -> Scale:
        if [p.value for p in self.points] != [1, 2, 3, 4, 5]:
            raise ValueError("the scale has the points 1, 2, 3, 4, 5 in that order")
        return self


def _duplicates(values: list[str]) -> list[str]:
    return [value for value, n in Counter(values).items() if n > 1]


class Library(_Frozen):
    groups: tuple[Group, ...] = Field(min_length=1)
    scale: Scale
    competencies: tuple[Competency, ...]  # in group order
    job_classes: tuple[JobClass, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Library:
        problems = [f"duplicate id {i!r}" for i in _duplicates([g.id for g in self.groups])]
        problems += [f"duplicate id {i!r}" for i in _duplicates([c.id for c in self.competencies])]
        problems += [f"duplicate id {i!r}" for i in _duplicates([j.id for j in self.job_classes])]
        order = {g.id: n for n, g in enumerate(self.groups)}
        ranks = [order.get(c.group, -1) for c in self.competencies]
        problems += [f"{c.id}: unknown group {c.group!r}" for c in self.competencies if c.group not in order]
        if ranks != sorted(ranks):
            problems.append("competencies are not in group order")
        known = {c.id for c in self.competencies}
        for job in self.job_classes:
            problems += [f"{job.id}: unknown competency {cid!r} in profile" for cid in job.profile if cid not in known]
            problems += [f"{job.id}: {cid!r} twice in profile" for cid in _duplicates(list(job.profile))]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @cached_property
    def _competencies(self) -> dict[str, Competency]:
        return {c.id: c for c in self.competencies}

    @cached_property
    def _job_classes(self) -> dict[str, JobClass]:
        return {j.id: j for j in self.job_classes}

    def has_competency(self, competency_id: str) -> bool:
        return competency_id in self._competencies

    def has_job_class(self, job_class_id: str) -> bool:
        return job_class_id in self._job_classes

    def competency(self, competency_id: str) -> Competency:
        if competency_id not in self._competencies:
            raise NotFound(f"unknown competency {competency_id!r}")
        return self._competencies[competency_id]

    def job_class(self, job_class_id: str) -> JobClass:
        if job_class_id not in self._job_classes:
            raise NotFound(f"unknown job class {job_class_id!r}")
        return self._job_classes[job_class_id]

    def competency_list(self, locale: str | None) -> list[dict[str, Any]]:
        """The competencies as plain JSON-ready dicts in one language."""
        return [
            {
                "id": c.id,
                "group": c.group,
                "name": c.name.get(locale),
                "definition": c.definition.get(locale),
                "questions": [{"id": q.id, "text": q.get(locale)} for q in c.questions],
                "recommendations": [{"id": r.id, "text": r.get(locale)} for r in c.recommendations],
            }
            for c in self.competencies
        ]

    def catalogue(self, locale: str | None) -> dict[str, Any]:
        """Groups, rating scale and competencies in one language: what a form or a cycle editor needs."""
        return {
            "locale": _lang(locale),
            "groups": [
                {"id": g.id, "name": g.name.get(locale), "description": g.description.get(locale)} for g in self.groups
            ],
            "scale": {
                "points": [{"value": p.value, "label": p.label.get(locale)} for p in self.scale.points],
                "not_able_to_rate": self.scale.not_able_to_rate.get(locale),
            },
            "competencies": self.competency_list(locale),
        }

    def job_class_list(self, locale: str | None) -> list[dict[str, Any]]:
        """The job classes as plain JSON-ready dicts in one language."""
        return [
            {
                "id": j.id,
                "name": j.name.get(locale),
                "description": j.description.get(locale),
                "profile": list(j.profile),
                "model_evaluations": {k: getattr(j.model_evaluations, k).get(locale) for k in ("top", "good", "poor")},
            }
            for j in self.job_classes
        ]


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def library() -> Library:
    """The library, read and validated once per process (raises pydantic.ValidationError if the data is bad)."""
    top = _yaml(_DIR / "groups.yaml")
    competencies = [c for g in top["groups"] for c in _yaml(_DIR / "competencies" / f"{g['id']}.yaml")]
    job_classes = _yaml(_DIR / "job_classes.yaml")
    return Library.model_validate({**top, "competencies": competencies, "job_classes": job_classes})


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
