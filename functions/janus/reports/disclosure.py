"""Which answers each figure of a report may aggregate: the anonymity rule of reports (docs/anonymity.md).

Every figure is decided per behaviour, and every larger figure is built from those. The threshold
counts protected raters only: the subject and an identified manager (one or two) never count towards it.

- per behaviour, a group's score is shown when the subject gave it (self), when the manager is
  identified (manager), or when at least ``threshold`` of the group rated the behaviour;
- the groups not shown on a behaviour count in its "all others" only when, together, at least
  ``threshold`` of them rated it; "all others" is shown when at least ``threshold`` protected raters
  are in it;
- a competency's score for a group (or "all others") is the mean of exactly the ratings in that
  group's behaviour scores shown for the competency, never of a rating hidden on its behaviour;
- rater agreement reads the raters in "all others" on every behaviour of the competency, when they
  are at least three and at least ``threshold`` of them are protected.

So every shown figure is a sum of pieces each of which is one identified person's ratings of one
behaviour or the ratings of at least ``threshold`` raters of one behaviour; every sum or difference
of shown figures is again made of whole pieces, and none isolates fewer than ``threshold`` raters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

GROUPS = ("self", "manager", "peer", "direct_report", "other")
OTHER_GROUPS = ("manager", "peer", "direct_report", "other")
ALL_OTHERS = "others"
# Why a group's ratings of a behaviour are not in its "all others", most telling first.
WHY = ("manager_identified", "shown_groups", "too_few")
# Agreement among fewer raters than this says nothing, whatever the threshold.
MIN_AGREEMENT_RATERS = 3


@dataclass(frozen=True)
class Policy:
    """What a report may show: the anonymity threshold, whether the manager is named, and the gap that makes a blind
    spot."""

    threshold: int
    manager_identified: bool
    gap_threshold: float = 1.0

    def identified(self, group: str) -> bool:
        return group == "self" or (group == "manager" and self.manager_identified)


@dataclass(frozen=True)
class Answer:
    """One submitted response (whose, only the relationship: reports never know the rater)."""

    relationship: str
    ratings: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    overall: str | None = None

    def numeric(self, question: str) -> float | None:
        value = self.ratings.get(question)
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Behaviour:
    """One behaviour's figures: per shown group (and "all others") the raters in it, by their index among the
    answers; the groups that rated it but are not shown; and why a group's ratings are not in "all others"."""

    shown: Mapping[str, tuple[int, ...]]
    hidden: tuple[str, ...]
    left_out: Mapping[str, str]


def protected(answers: Sequence[Answer], raters: Iterable[int], policy: Policy) -> int:
    """How many of these raters the threshold protects: a person shown as themselves never counts towards it."""
    return sum(1 for i in raters if not policy.identified(answers[i].relationship))


def behaviour(answers: Sequence[Answer], question: str, policy: Policy) -> Behaviour:
    raters = {g: [] for g in GROUPS}
    for index, answer in enumerate(answers):
        if answer.relationship in raters and answer.numeric(question) is not None:
            raters[answer.relationship].append(index)
    shown = {
        g: tuple(raters[g])
        for g in GROUPS
        if raters[g] and (policy.identified(g) or len(raters[g]) >= policy.threshold)
    }
    hidden = tuple(g for g in OTHER_GROUPS if raters[g] and g not in shown)
    others = [i for g in OTHER_GROUPS if g in shown for i in raters[g]]
    small = [i for g in hidden for i in raters[g]]
    left_out: dict[str, str] = {}
    if len(small) >= policy.threshold:
        others += small  # together the small groups are as many as a shown one: "all others" still hides them
    elif small:
        why = "manager_identified" if "manager" in shown else "shown_groups" if others else "too_few"
        left_out = dict.fromkeys(hidden, why)
    if protected(answers, others, policy) >= policy.threshold:
        shown[ALL_OTHERS] = tuple(sorted(others))
    else:  # nobody's ratings are in an "all others" that is not shown
        left_out.update({g: "too_few" for g in (*OTHER_GROUPS, *hidden) if raters[g] and g not in left_out})
    return Behaviour(shown=shown, hidden=hidden, left_out=left_out)


@dataclass(frozen=True)
class Disclosure:
    """The figures a report shows, behaviour by behaviour, and the ratings each aggregates."""

    answers: Sequence[Answer]
    behaviours: Mapping[str, Behaviour]
    policy: Policy

    def cells(self, group: str, questions: Iterable[str]) -> list[tuple[int, str]]:
        """The (rater, question) ratings in the group's figure over these questions: only behaviours shown for it."""
        return [(i, q) for q in questions for i in self.behaviours[q].shown.get(group, ())]

    def values(self, group: str, questions: Iterable[str]) -> list[float]:
        return [self.answers[i].numeric(q) for i, q in self.cells(group, questions)]  # type: ignore[misc]

    def raters(self, group: str, questions: Iterable[str]) -> set[int]:
        return {i for i, _ in self.cells(group, questions)}

    def seen(self, questions: Iterable[str]) -> set[int]:
        """The raters other than the subject with a rating in a figure shown over these questions."""
        questions = list(questions)
        return {i for g in (*OTHER_GROUPS, ALL_OTHERS) for i in self.raters(g, questions)}

    def agreement_rows(self, questions: Sequence[str]) -> list[list[float]]:
        """The rows rwg may use: raters in "all others" on every one of the questions, if enough of them (a named
        manager is a row, but does not count towards the threshold)."""
        complete = set.intersection(*(set(self.behaviours[q].shown.get(ALL_OTHERS, ())) for q in questions))
        if (
            len(complete) < MIN_AGREEMENT_RATERS
            or protected(self.answers, complete, self.policy) < self.policy.threshold
        ):
            return []
        return [[self.answers[i].numeric(q) for q in questions] for i in sorted(complete)]  # type: ignore[misc]

    def in_others(self, group: str, questions: Sequence[str]) -> tuple[str, str | None] | None:
        """How much of a group's ratings count in "all others" ("all", "some", "none"), and why not all of them."""
        rated = [q for q in questions if group in self.behaviours[q].hidden or group in self.behaviours[q].shown]
        if not rated:
            return None
        whys = {self.behaviours[q].left_out[group] for q in rated if group in self.behaviours[q].left_out}
        why = next((w for w in WHY if w in whys), None)
        if why is None:
            return "all", None
        return ("none" if all(group in self.behaviours[q].left_out for q in rated) else "some"), why


def disclose(answers: Sequence[Answer], questions: Iterable[str], policy: Policy) -> Disclosure:
    return Disclosure(answers, {q: behaviour(answers, q, policy) for q in questions}, policy)


def others_ratings(disclosure: Disclosure, questions: Sequence[str]) -> list[list[float]]:
    """Per rater counted in "all others" over these questions, the ratings the report counted there."""
    by_rater: dict[int, list[float]] = {}
    for i, q in disclosure.cells(ALL_OTHERS, questions):
        by_rater.setdefault(i, []).append(disclosure.answers[i].numeric(q))  # type: ignore[arg-type]
    return [by_rater[i] for i in sorted(by_rater)]
