"""Findings: how well a goal is written, said in the reader's language (English or Danish). They advise and
never block a save.

Two kinds of rule:

- **plain language**, the rules the competency library is written to (``janus.library.plain_language``:
  sentence length, reading grade in English and LIX in Danish, passive voice, jargon), on the title, the
  measure, a written target and each key result's title. The reading measures count syllables and long
  words themselves (``COUNTED``: nothing to load while a person types), and judge only texts of at least
  ``READABLE_WORDS`` words: a grade or a LIX of a three-word title says nothing;
- **SMART**: a measure (or a key result), a target (or a key result, which has one), a due date, an owner,
  one outcome per goal (a title joining outcomes with "and", "&" or ";" is flagged), and a due date inside
  the period (not passed, not after the end of the fourth quarter after this one, not after the goal it
  supports).

Each finding is ``{"code", "message", "field"}``; none at all means the goal is clear, specific, measurable
and time-bound.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from janus.goals.goal import Goal
from janus.goals.quarters import period_end
from janus.library.plain_language import COUNTED, Bounds, Finding, check, words

BOUNDS = Bounds()  # the defaults suit goals: 25 words a sentence, grade 12, LIX 55
READABLE_WORDS = 10

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "sentence_length": "A sentence of {words} words. Keep each sentence to {most} words or fewer.",
        "readability_grade": "Hard to read (reading grade {value:g}; aim for {most:g} or lower). "
        "Use shorter words and sentences.",
        "readability_lix": "Hard to read (LIX {value:g}; aim for {most:g} or lower). Use shorter words and sentences.",
        "passive_voice": "Passive voice: '{words}'. Say who does what.",
        "jargon": "Jargon: '{term}'. Use a plain word instead.",
        "no_title": "Give the goal a title that names the outcome.",
        "no_measure": "Say how progress is measured: add a measure or a key result.",
        "no_target": "Say what counts as done: add a target or a key result.",
        "no_due_date": "Add a due date.",
        "no_owner": "Name the person who owns the goal.",
        "several_outcomes": "One goal, one outcome: the title joins several with '{joint}'. "
        "Split it into goals, or make the rest key results.",
        "due_passed": "The due date {due} has passed.",
        "due_beyond_period": "The due date {due} is after the end of the period ({end}). "
        "Pick a nearer date, or split the goal into steps.",
        "due_after_parent": "The due date {due} is after the due date of the goal it supports ({parent_due}).",
    },
    "da": {
        "sentence_length": "En sætning på {words} ord. Hold hver sætning på højst {most} ord.",
        "readability_grade": "Svær at læse (læsetrin {value:g}; sigt efter {most:g} eller lavere). "
        "Brug kortere ord og sætninger.",
        "readability_lix": "Svær at læse (LIX {value:g}; sigt efter {most:g} eller lavere). "
        "Brug kortere ord og sætninger.",
        "passive_voice": "Passiv form: '{words}'. Skriv, hvem der gør hvad.",
        "jargon": "Fagsprog: '{term}'. Brug et almindeligt ord i stedet.",
        "no_title": "Giv målet en titel, der siger, hvad det skal føre til.",
        "no_measure": "Skriv, hvordan fremdriften måles: tilføj en måling eller et nøgleresultat.",
        "no_target": "Skriv, hvornår målet er nået: tilføj en målværdi eller et nøgleresultat.",
        "no_due_date": "Tilføj en frist.",
        "no_owner": "Angiv, hvem der ejer målet.",
        "several_outcomes": "Ét mål, ét resultat: titlen binder flere sammen med '{joint}'. "
        "Del det op i flere mål, eller gør resten til nøgleresultater.",
        "due_passed": "Fristen {due} er overskredet.",
        "due_beyond_period": "Fristen {due} ligger efter periodens slutning ({end}). "
        "Vælg en tidligere dato, eller del målet op i trin.",
        "due_after_parent": "Fristen {due} ligger efter fristen for det mål, det støtter ({parent_due}).",
    },
}
# Words that join two outcomes in one title; "&" and ";" only between words (not R&D).
_JOINTS = {
    "en": re.compile(r"\b(and|as well as|plus)\b|\s&\s|;", re.IGNORECASE),
    "da": re.compile(r"\b(og|samt|såvel som)\b|\s&\s|;", re.IGNORECASE),
}


@dataclass(frozen=True)
class Draft:
    """What the rules read of a goal, saved or still being written."""

    title: str | None
    measure: str | None
    target: str | float | None
    due: date | None
    owner: str | None
    key_results: tuple[str, ...] = ()  # their titles
    parent_due: date | None = None

    @classmethod
    def of(cls, goal: Goal, parent_due: date | None) -> Draft:
        return cls(
            goal.title,
            goal.measure,
            goal.target,
            goal.due,
            goal.owner,
            tuple(kr.title for kr in goal.key_results),
            parent_due,
        )

    @classmethod
    def from_body(cls, body: Mapping[str, Any], due: date | None, parent_due: date | None) -> Draft:
        """A draft as the console sends it while the person types: anything may be missing."""
        return cls(
            body.get("title"),
            body.get("measure"),
            body.get("target"),
            due,
            body.get("owner"),
            tuple(str(kr.get("title") or "") for kr in body.get("key_results") or []),
            parent_due,
        )


def _said(lang: str, code: str, field: str | None, **facts: Any) -> dict[str, Any]:
    return {"code": code, "message": WORDS[lang][code].format(**facts), "field": field}


def _plain(finding: Finding, lang: str, field: str) -> dict[str, Any]:
    facts = dict(finding.facts)
    if finding.rule == "readability":
        return _said(lang, f"readability_{facts['measure']}", field, **facts) | {"code": "readability"}
    return _said(lang, finding.rule, field, **facts)


def _texts(draft: Draft) -> list[tuple[str, str]]:
    texts = [("title", draft.title), ("measure", draft.measure)]
    if isinstance(draft.target, str):
        texts.append(("target", draft.target))
    texts += [(f"key_results[{n}].title", title) for n, title in enumerate(draft.key_results, start=1)]
    return [(field, text) for field, text in texts if text and text.strip()]


def plain_language(draft: Draft, lang: str) -> list[dict[str, Any]]:
    found = []
    for field, text in _texts(draft):
        for finding in check(text, lang, BOUNDS, COUNTED):
            if finding.rule == "readability" and len(words(text)) < READABLE_WORDS:
                continue
            found.append(_plain(finding, lang, field))
    return found


def smart(draft: Draft, lang: str, today: date) -> list[dict[str, Any]]:
    found = []
    has_key_results = any(title.strip() for title in draft.key_results)
    if not (draft.title and draft.title.strip()):
        found.append(_said(lang, "no_title", "title"))
    if not (draft.measure and draft.measure.strip()) and not has_key_results:
        found.append(_said(lang, "no_measure", "measure"))
    if (draft.target is None or (isinstance(draft.target, str) and not draft.target.strip())) and not has_key_results:
        found.append(_said(lang, "no_target", "target"))
    if not (draft.owner and draft.owner.strip()):
        found.append(_said(lang, "no_owner", "owner"))
    joint = _JOINTS[lang].search(draft.title or "")
    if joint:
        found.append(_said(lang, "several_outcomes", "title", joint=joint.group(0).strip()))
    if draft.due is None:
        found.append(_said(lang, "no_due_date", "due"))
        return found
    end = period_end(today)
    if draft.due < today:
        found.append(_said(lang, "due_passed", "due", due=draft.due.isoformat()))
    elif draft.due > end:
        found.append(_said(lang, "due_beyond_period", "due", due=draft.due.isoformat(), end=end.isoformat()))
    if draft.parent_due is not None and draft.due > draft.parent_due:
        found.append(
            _said(lang, "due_after_parent", "due", due=draft.due.isoformat(), parent_due=draft.parent_due.isoformat())
        )
    return found


def findings(draft: Draft, lang: str, today: date) -> list[dict[str, Any]]:
    """Every finding about the draft in ``lang`` (``en`` or ``da``): the SMART rules first, then plain language."""
    lang = lang if lang in WORDS else "en"
    return smart(draft, lang, today) + plain_language(draft, lang)
