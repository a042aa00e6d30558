"""Plain-language checks for the competency library, goals and comments.

The checks are hints a writer can act on: long sentences, hard words (by
Flesch-Kincaid grade for English, LIX for Danish), passive voice and jargon.

Two measures of how hard a text reads, by the same formulas: ``TEXTSTAT`` (the
default, for writing the library and its tests) counts English syllables with
the CMU pronouncing dictionary; textstat comes with the ``dev`` extra, never
ships to Lambda, and loading its dictionary takes about two seconds. ``COUNTED``
needs no package and no data (syllables are vowel groups), so a function can
check a goal while the person types it; on the library's own text it agrees
with textstat (``tests/unit/library/test_plain_language.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

JARGON = frozenset(
    {
        "actionable",
        "bandwidth",
        "best-in-class",
        "best of breed",
        "circle back",
        "deep dive",
        "drill down",
        "empower",
        "empowered",
        "going forward",
        "holistic",
        "ideate",
        "incentivise",
        "incentivize",
        "leverage",
        "low-hanging fruit",
        "move the needle",
        "operationalise",
        "operationalize",
        "paradigm",
        "proactively",
        "robust",
        "synergy",
        "synergies",
        "touch base",
        "utilise",
        "utilize",
        "value-add",
        "win-win",
    }
)

_IRREGULAR_PARTICIPLES = [
    "made",
    "done",
    "given",
    "taken",
    "seen",
    "known",
    "told",
    "shown",
    "held",
    "kept",
    "set",
    "put",
    "left",
    "brought",
    "bought",
    "built",
    "caught",
    "felt",
    "found",
    "heard",
    "led",
    "lost",
    "meant",
    "met",
    "paid",
    "read",
    "run",
    "said",
    "sent",
    "sold",
    "spent",
    "taught",
    "thought",
    "understood",
    "won",
    "written",
    "chosen",
    "spoken",
    "broken",
    "forgotten",
    "driven",
    "hidden",
    "beaten",
    "fallen",
    "forgiven",
    "proven",
    "shaken",
    "stolen",
    "begun",
    "drawn",
    "grown",
    "thrown",
]
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:\w+ed|" + "|".join(_IRREGULAR_PARTICIPLES) + r")\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Bounds:
    """How plain a text must be; the defaults suit goals and comments."""

    max_sentence_words: int = 25
    max_grade: float = 12.0  # Flesch-Kincaid grade, English
    max_lix: float = 55.0  # LIX, Danish


@dataclass(frozen=True)
class Finding:
    """One plain-language problem in a text: the rule, what to change, and the facts behind it (a count and
    its bound, a term), for a caller that says it in the reader's language."""

    rule: str
    message: str
    facts: Mapping[str, Any] = field(default_factory=dict, compare=False)


class Readability(Protocol):
    """How hard a text reads: the Flesch-Kincaid grade (English) and LIX (Danish)."""

    def grade(self, text: str) -> float: ...

    def lix(self, text: str) -> float: ...


class Textstat:
    """textstat's measures, English syllables from the CMU dictionary: for writing the library (the dev extra)."""

    def grade(self, text: str) -> float:
        import textstat

        return float(textstat.flesch_kincaid_grade(text))

    def lix(self, text: str) -> float:
        import textstat

        return float(textstat.lix(text))


_VOWEL_GROUP = re.compile(r"[aeiouyæøåéü]+")
_LIX_SENTENCE = re.compile(r"[^.!?:;]+")


class Counted:
    """The same formulas with counts made here: no package, no data, nothing to load."""

    def grade(self, text: str) -> float:
        found = [w for w in words(text) if any(c.isalpha() for c in w)]
        if not found:
            return 0.0
        per_sentence = len(found) / max(1, len(sentences(text)))
        per_word = sum(syllables(w) for w in found) / len(found)
        return 0.39 * per_sentence + 11.8 * per_word - 15.59

    def lix(self, text: str) -> float:
        found = [w for w in words(text) if any(c.isalpha() for c in w)]
        if not found:
            return 0.0
        parts = [p for p in _LIX_SENTENCE.findall(text) if words(p)]
        long_words = sum(1 for w in found if len(w.replace("'", "").replace("’", "")) > 6)
        return len(found) / max(1, len(parts)) + 100 * long_words / len(found)


# A final e that is silent (made, whole, colleague; not the e of table), a silent e in a final -ed or -es
# (planned, makes; not wanted or fixes), and endings of two syllables that share a vowel group (doing, idea, table).
_SILENT_E = re.compile(r"[aeiouy][^aeiouy]+e$|[gq]ues?$")
_SILENT_SUFFIX = re.compile(r"[aeiouy][^aeiouy]*[^aeiouytd]ed$|[aeiouy][^aeiouy]*[^aeiouysxzcgh]es$")
_SPLIT_ENDING = re.compile(r"[aeiouy]ing$|[^aeiouy]le[sd]?$|[^aeiouy]eas?$")


def syllables(word: str) -> int:
    """English syllables, near enough for a reading grade: vowel groups, less a silent e, more for an ending of
    two syllables in one vowel group; at least one."""
    lowered = word.lower().strip("'’-")
    count = len(_VOWEL_GROUP.findall(lowered))
    if _SILENT_E.search(lowered) or _SILENT_SUFFIX.search(lowered):
        count -= 1
    if _SPLIT_ENDING.search(lowered):
        count += 1
    return max(1, count)


TEXTSTAT = Textstat()
COUNTED = Counted()


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def check(
    text: str, locale: str = "en", bounds: Bounds = Bounds(), readability: Readability = TEXTSTAT
) -> list[Finding]:
    """Every plain-language problem found in ``text``; empty when it reads well."""
    findings: list[Finding] = []
    for sentence in sentences(text):
        count = len(words(sentence))
        if count > bounds.max_sentence_words:
            findings.append(
                Finding(
                    "sentence_length",
                    f"sentence of {count} words (at most {bounds.max_sentence_words}): {sentence[:60]}",
                    {"words": count, "most": bounds.max_sentence_words, "sentence": sentence[:60]},
                )
            )
    if locale == "en":
        grade = readability.grade(text)
        if grade > bounds.max_grade:
            findings.append(
                Finding(
                    "readability",
                    f"reading grade {grade:.1f} (at most {bounds.max_grade:g})",
                    {"measure": "grade", "value": round(grade, 1), "most": bounds.max_grade},
                )
            )
        for match in _PASSIVE.finditer(text):
            findings.append(Finding("passive_voice", f"passive voice: '{match.group(0)}'", {"words": match.group(0)}))
        lowered = text.lower()
        for term in sorted(JARGON):
            if re.search(rf"\b{re.escape(term)}\b", lowered):
                findings.append(Finding("jargon", f"jargon: '{term}'", {"term": term}))
    elif locale == "da":
        lix = readability.lix(text)
        if lix > bounds.max_lix:
            findings.append(
                Finding(
                    "readability",
                    f"LIX {lix:.0f} (at most {bounds.max_lix:g})",
                    {"measure": "lix", "value": round(lix), "most": bounds.max_lix},
                )
            )
    return findings
