"""Plain-language checks for the competency library, goals and comments.

The checks are hints a writer can act on: long sentences, hard words (by
Flesch-Kincaid grade for English, LIX for Danish), passive voice and jargon.
They are for authoring and tests: textstat comes with the ``dev`` extra and
never ships to Lambda, so ``check`` imports it when it first runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    """One plain-language problem in a text: the rule and what to change."""

    rule: str
    message: str


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def check(text: str, locale: str = "en", bounds: Bounds = Bounds()) -> list[Finding]:
    """Every plain-language problem found in ``text``; empty when it reads well."""
    import textstat

    findings: list[Finding] = []
    for sentence in sentences(text):
        count = len(words(sentence))
        if count > bounds.max_sentence_words:
            findings.append(
                Finding(
                    "sentence_length",
                    f"sentence of {count} words (at most {bounds.max_sentence_words}): {sentence[:60]}",
                )
            )
    if locale == "en":
        grade = textstat.flesch_kincaid_grade(text)
        if grade > bounds.max_grade:
            findings.append(Finding("readability", f"reading grade {grade:.1f} (at most {bounds.max_grade:g})"))
        for match in _PASSIVE.finditer(text):
            findings.append(Finding("passive_voice", f"passive voice: '{match.group(0)}'"))
        lowered = text.lower()
        for term in sorted(JARGON):
            if re.search(rf"\b{re.escape(term)}\b", lowered):
                findings.append(Finding("jargon", f"jargon: '{term}'"))
    elif locale == "da":
        lix = textstat.lix(text)
        if lix > bounds.max_lix:
            findings.append(Finding("readability", f"LIX {lix:.0f} (at most {bounds.max_lix:g})"))
    return findings
