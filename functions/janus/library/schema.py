"""The library's schema: frozen dataclasses, each built by ``from_dict`` from the YAML's plain data.

``from_dict`` rejects data that does not fit with a ``LibraryError`` naming the place and
the problem (a missing or unknown field, an empty text, a malformed id, a wrong count, an
inconsistent library); ``as_dict`` gives the plain data back.

Why one module of about 350 lines: it is the schema of one document, and reads like it: the few
checks every record shares, then one small record per part of the YAML (texts, competencies, job
classes, groups, the scale), each beside its own checks, and last the ``Library`` that checks the
whole and answers questions about it. Split, the records would lose sight of the checks and of
each other, and a change to the YAML would be a change to several files.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from janus.kernel.errors import NotFound
from janus.library import ITEMS_PER_COMPETENCY, MAX_COMPETENCIES, _duplicates

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_JOB_CLASS_ID = re.compile(r"^[a-z][a-z0-9-]*$")


class LibraryError(ValueError):
    """The library data does not fit the schema: the message names the place and the problem."""


def _lang(locale: str | None) -> str:
    """``da`` for Danish (``da``, ``da-DK``), otherwise ``en``."""
    return "da" if (locale or "").strip().lower().split("-")[0] == "da" else "en"


def _fields(data: Any, where: str, names: tuple[str, ...]) -> Mapping[str, Any]:
    """``data`` as a mapping with exactly the keys ``names``."""
    if not isinstance(data, Mapping):
        raise LibraryError(f"{where}: expected a mapping, got {type(data).__name__}")
    missing = [name for name in names if name not in data]
    unknown = [str(key) for key in data if key not in names]
    if missing or unknown:
        raise LibraryError(
            f"{where}: " + "; ".join([f"missing {m!r}" for m in missing] + [f"unknown {u!r}" for u in unknown])
        )
    return data


def _text(value: Any, where: str) -> str:
    """A non-empty string, stripped of surrounding whitespace."""
    if not isinstance(value, str) or not value.strip():
        raise LibraryError(f"{where}: expected a non-empty text, got {value!r}")
    return value.strip()


def _id(value: Any, where: str, pattern: re.Pattern[str] = _ID) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise LibraryError(f"{where}: {value!r} is not an id like {pattern.pattern}")
    return value


def _list(value: Any, where: str, at_least: int = 0, at_most: int | None = None) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise LibraryError(f"{where}: expected a list, got {type(value).__name__}")
    if len(value) < at_least or (at_most is not None and len(value) > at_most):
        wanted = f"{at_least}" if at_least == at_most else f"{at_least} to {at_most if at_most is not None else 'any'}"
        raise LibraryError(f"{where}: expected {wanted} entries, got {len(value)}")
    return tuple(value)


class _Record:
    def as_dict(self) -> dict[str, Any]:
        """Plain data (tuples stay tuples), as the YAML holds it."""
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Text(_Record):
    """A text in English and Danish."""

    en: str
    da: str

    @classmethod
    def from_dict(cls, data: Any, where: str = "text") -> Text:
        data = _fields(data, where, ("en", "da"))
        return cls(en=_text(data["en"], f"{where}.en"), da=_text(data["da"], f"{where}.da"))

    def get(self, locale: str | None) -> str:
        return getattr(self, _lang(locale))


@dataclass(frozen=True)
class Item(Text):
    """A behavioural question or a coaching recommendation."""

    id: str

    @classmethod
    def from_dict(cls, data: Any, where: str = "item") -> Item:
        data = _fields(data, where, ("id", "en", "da"))
        if not isinstance(data["id"], str):
            raise LibraryError(f"{where}.id: expected a text, got {data['id']!r}")
        return cls(id=data["id"], en=_text(data["en"], f"{where}.en"), da=_text(data["da"], f"{where}.da"))


@dataclass(frozen=True)
class Competency(_Record):
    """A competency: its group, name, definition, questions and recommendations."""

    id: str
    group: str
    name: Text
    definition: Text
    questions: tuple[Item, ...]
    recommendations: tuple[Item, ...]

    @classmethod
    def from_dict(cls, data: Any, where: str = "competency") -> Competency:
        data = _fields(data, where, ("id", "group", "name", "definition", "questions", "recommendations"))
        cid = _id(data["id"], f"{where}.id")
        where = f"competency {cid}"
        items = {}
        for kind, prefix in (("questions", "q"), ("recommendations", "r")):
            entries = _list(data[kind], f"{where}: {kind}", ITEMS_PER_COMPETENCY, ITEMS_PER_COMPETENCY)
            items[kind] = tuple(Item.from_dict(entry, f"{where}: {kind}[{n}]") for n, entry in enumerate(entries))
            got = [item.id for item in items[kind]]
            want = [f"{cid}.{prefix}{n}" for n in range(1, ITEMS_PER_COMPETENCY + 1)]
            if got != want:
                raise LibraryError(f"{cid}: {kind} ids must be {want}, got {got}")
        return cls(
            id=cid,
            group=_id(data["group"], f"{where}: group"),
            name=Text.from_dict(data["name"], f"{where}: name"),
            definition=Text.from_dict(data["definition"], f"{where}: definition"),
            **items,
        )


@dataclass(frozen=True)
class ModelEvaluations(_Record):
    """What top, good and poor performance look like for a job class."""

    top: Text
    good: Text
    poor: Text

    @classmethod
    def from_dict(cls, data: Any, where: str = "model_evaluations") -> ModelEvaluations:
        data = _fields(data, where, ("top", "good", "poor"))
        return cls(**{k: Text.from_dict(data[k], f"{where}.{k}") for k in ("top", "good", "poor")})


@dataclass(frozen=True)
class JobClass(_Record):
    """A job class: its description, its profile of competencies and its model evaluations."""

    id: str
    name: Text
    description: Text
    profile: tuple[str, ...]
    model_evaluations: ModelEvaluations

    @classmethod
    def from_dict(cls, data: Any, where: str = "job class") -> JobClass:
        data = _fields(data, where, ("id", "name", "description", "profile", "model_evaluations"))
        jid = _id(data["id"], f"{where}.id", _JOB_CLASS_ID)
        where = f"job class {jid}"
        profile = _list(data["profile"], f"{where}: profile", 1, MAX_COMPETENCIES)
        return cls(
            id=jid,
            name=Text.from_dict(data["name"], f"{where}: name"),
            description=Text.from_dict(data["description"], f"{where}: description"),
            profile=tuple(_id(cid, f"{where}: profile") for cid in profile),
            model_evaluations=ModelEvaluations.from_dict(data["model_evaluations"], f"{where}: model_evaluations"),
        )


@dataclass(frozen=True)
class Group(_Record):
    """A group of competencies."""

    id: str
    name: Text
    description: Text

    @classmethod
    def from_dict(cls, data: Any, where: str = "group") -> Group:
        data = _fields(data, where, ("id", "name", "description"))
        gid = _id(data["id"], f"{where}.id")
        return cls(
            id=gid,
            name=Text.from_dict(data["name"], f"group {gid}: name"),
            description=Text.from_dict(data["description"], f"group {gid}: description"),
        )


@dataclass(frozen=True)
class ScalePoint(_Record):
    """One point of the rating scale and its label."""

    value: int
    label: Text

    @classmethod
    def from_dict(cls, data: Any, where: str = "scale point") -> ScalePoint:
        data = _fields(data, where, ("value", "label"))
        if type(data["value"]) is not int:
            raise LibraryError(f"{where}.value: expected a whole number, got {data['value']!r}")
        return cls(value=data["value"], label=Text.from_dict(data["label"], f"{where}.label"))


@dataclass(frozen=True)
class Scale(_Record):
    """The rating scale, and the label for not being able to rate."""

    points: tuple[ScalePoint, ...]
    not_able_to_rate: Text

    @classmethod
    def from_dict(cls, data: Any, where: str = "scale") -> Scale:
        data = _fields(data, where, ("points", "not_able_to_rate"))
        points = tuple(
            ScalePoint.from_dict(point, f"{where}: points[{n}]")
            for n, point in enumerate(_list(data["points"], f"{where}: points"))
        )
        if [p.value for p in points] != [1, 2, 3, 4, 5]:
            raise LibraryError("the scale has the points 1, 2, 3, 4, 5 in that order")
        return cls(
            points=points, not_able_to_rate=Text.from_dict(data["not_able_to_rate"], f"{where}: not_able_to_rate")
        )


@dataclass(frozen=True)
class Library(_Record):
    """The whole competency library: groups, scale, competencies and job classes."""

    groups: tuple[Group, ...]
    scale: Scale
    competencies: tuple[Competency, ...]  # in group order
    job_classes: tuple[JobClass, ...]

    @classmethod
    def from_dict(cls, data: Any, where: str = "library") -> Library:
        data = _fields(data, where, ("groups", "scale", "competencies", "job_classes"))
        library = cls(
            groups=tuple(Group.from_dict(g, f"groups[{n}]") for n, g in enumerate(_list(data["groups"], "groups", 1))),
            scale=Scale.from_dict(data["scale"]),
            competencies=tuple(
                Competency.from_dict(c, f"competencies[{n}]")
                for n, c in enumerate(_list(data["competencies"], "competencies"))
            ),
            job_classes=tuple(
                JobClass.from_dict(j, f"job_classes[{n}]")
                for n, j in enumerate(_list(data["job_classes"], "job_classes", 1))
            ),
        )
        library._check_consistent()
        return library

    def _check_consistent(self) -> None:
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
            raise LibraryError("; ".join(problems))

    @cached_property
    def _competencies(self) -> dict[str, Competency]:
        return {c.id: c for c in self.competencies}

    @cached_property
    def _job_classes(self) -> dict[str, JobClass]:
        return {j.id: j for j in self.job_classes}

    @cached_property
    def _question_owners(self) -> dict[str, str]:
        return {q.id: c.id for c in self.competencies for q in c.questions}

    @cached_property
    def question_ids(self) -> frozenset[str]:
        """Every question of every competency."""
        return frozenset(self._question_owners)

    def competency_of(self, question_id: str) -> str | None:
        """The competency a question belongs to, or None when there is no such question."""
        return self._question_owners.get(question_id)

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
