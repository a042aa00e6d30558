"""An attacker who reads every figure of a report and solves for the answers it hides never recovers one.

The attacker is stronger than any reader: they know who rated which behaviour ("not able to rate"
included), every identified person's own ratings (the subject's, an identified manager's), and
every shown mean times its number of ratings as an exact sum. Each shown figure is then a linear
equation over the unknown ratings; whatever the attacker adds or subtracts lies in the span of
those equations. The test checks that no vector of that span touches the ratings of fewer than
``threshold`` protected raters (docs/anonymity.md), and tries the obvious targets one by one.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from fractions import Fraction
from statistics import fmean
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from janus.library import library
from janus.reports import stats
from janus.reports.build import Answer, Policy, build_report, summary
from janus.reports.disclosure import ALL_OTHERS, GROUPS, OTHER_GROUPS, disclose

COMPETENCIES = ("listening", "teamwork", "adaptability")
QUESTIONS = {cid: [q.id for q in library().competency(cid).questions] for cid in COMPETENCIES}

Cell = tuple[int, str]  # (rater, question)


# --- the attacker's algebra: exact elimination over sparse rows --------------------------------


class Span:
    """The span of the equations the attacker holds, kept in reduced echelon form over the rationals."""

    def __init__(self) -> None:
        self.rows: dict[Cell, dict[Cell, Fraction]] = {}  # pivot -> row with 1 at the pivot

    def reduce(self, vector: dict[Cell, Fraction]) -> dict[Cell, Fraction]:
        vector = dict(vector)
        for pivot, row in self.rows.items():
            factor = vector.get(pivot)
            if factor:
                for cell, value in row.items():
                    result = vector.get(cell, 0) - factor * value
                    if result:
                        vector[cell] = result
                    else:
                        vector.pop(cell, None)
        return vector

    def add(self, cells: Iterable[Cell]) -> None:
        vector = self.reduce({cell: Fraction(1) for cell in cells})
        if not vector:
            return
        pivot = min(vector)
        scale = vector[pivot]
        vector = {cell: value / scale for cell, value in vector.items()}
        for other in self.rows.values():
            factor = other.get(pivot)
            if factor:
                for cell, value in vector.items():
                    result = other.get(cell, 0) - factor * value
                    if result:
                        other[cell] = result
                    else:
                        other.pop(cell, None)
        self.rows[pivot] = vector

    def determines(self, cells: Iterable[Cell]) -> bool:
        """Whether the sum over these cells follows from the equations."""
        return not self.reduce({cell: Fraction(1) for cell in cells})


def smallest_isolation(figures: Sequence[frozenset[Cell]], protected: set[Cell]) -> int | None:
    """The fewest protected raters any combination of the figures can single out (None: it singles out nobody).

    After the identified ratings are subtracted, every figure is constant on each "atom" (the cells
    that lie in exactly the same figures), so every combination is too: whatever it isolates is a
    union of whole atoms, and the fewest raters it can touch is the fewest in one atom.
    """
    signature: dict[Cell, frozenset[int]] = {}
    for number, figure in enumerate(figures):
        for cell in figure & protected:
            signature[cell] = signature.get(cell, frozenset()) | {number}
    atoms: dict[frozenset[int], set[int]] = {}
    for (rater, _), key in signature.items():
        atoms.setdefault(key, set()).add(rater)
    return min((len(raters) for raters in atoms.values()), default=None)


# --- a random round -------------------------------------------------------------------------------


def a_round(rng: random.Random) -> tuple[list[Answer], Policy, tuple[str, ...]]:
    """Groups of 0–8 raters (one self, up to two managers), 1–3 competencies of six behaviours, each rating 1–5 or
    "not able to rate" (none, a fifth, half or most of them), a threshold of 2–5, the manager identified or not."""
    policy = Policy(threshold=rng.randint(2, 5), manager_identified=rng.random() < 0.5)
    competencies = tuple(rng.sample(COMPETENCIES, rng.randint(1, 3)))
    not_able = rng.choice((0.0, 0.2, 0.5, 0.8))
    answers = []
    for group, most in (("self", 1), ("manager", 2), ("peer", 8), ("direct_report", 8), ("other", 8)):
        for _ in range(rng.randint(0, most)):
            n = len(answers)
            ratings = {
                q: "na" if rng.random() < not_able else rng.randint(1, 5) for c in competencies for q in QUESTIONS[c]
            }
            answers.append(Answer(group, ratings, {c: f"comment {n} on {c}" for c in competencies}, f"overall {n}"))
    rng.shuffle(answers)
    return answers, policy, competencies


rounds = st.randoms(use_true_random=False).map(a_round)


def build(answers: list[Answer], policy: Policy, competencies: Sequence[str]) -> dict[str, Any]:
    return build_report(
        cycle={"id": "c", "name": "Round", "kind": "360", "closed_at": None},
        subject={"id": "s", "name": "Sam"},
        competencies=competencies,
        answers=answers,
        policy=policy,
        locale="en",
    )


# --- what the attacker reads --------------------------------------------------------------------


def shown_figures(report: dict[str, Any], answers: list[Answer], policy: Policy) -> list[frozenset[Cell]]:
    """Every mean the report shows, as the set of ratings it adds up; each checked against the report's number."""
    questions = [q for c in report["competencies"] for q in QUESTIONS[c["id"]]]
    disclosure = disclose(answers, questions, policy)
    figures = []
    items = [(c, QUESTIONS[c["id"]]) for c in report["competencies"]]
    items += [(b, [b["id"]]) for c in report["competencies"] for b in c["behaviours"]]
    for item, item_questions in items:
        expected = {g for g in (*GROUPS, ALL_OTHERS) if disclosure.cells(g, item_questions)}
        assert set(item["scores"]) == set(item["counts"]) == expected
        for group, score in item["scores"].items():
            cells = disclosure.cells(group, item_questions)
            relationships = {answers[i].relationship for i, _ in cells}
            assert relationships <= ({group} if group != ALL_OTHERS else set(OTHER_GROUPS))
            assert score == round(fmean(answers[i].numeric(q) for i, q in cells), 2)
            assert item["counts"][group] == len({i for i, _ in cells})
            if group not in ("self", "manager") or not policy.identified(group):
                assert item["counts"][group] >= policy.threshold
            figures.append(frozenset(cells))
        scores = item["scores"]
        gap = round(scores["self"] - scores[ALL_OTHERS], 2) if {"self", ALL_OTHERS} <= set(scores) else None
        assert item["gap"] == gap  # a gap is two shown figures, nothing more
    return figures


def agreement_figures(report: dict[str, Any], answers: list[Answer], policy: Policy) -> list[frozenset[Cell]]:
    """Each rwg shown, as the ratings it is computed from (it reads their squares: one equation of its own)."""
    figures = []
    for competency in report["competencies"]:
        questions = QUESTIONS[competency["id"]]
        agreement = competency["agreement"]
        if agreement is None:
            continue
        rows = disclose(answers, questions, policy).agreement_rows(questions)
        assert agreement["raters"] == len(rows) >= max(3, policy.threshold)
        assert agreement["rwg"] == round(stats.rwg_j(rows, options=5), 2)
        raters = set.intersection(
            *(set(disclose(answers, [q], policy).behaviours[q].shown.get(ALL_OTHERS, ())) for q in questions)
        )
        figures.append(frozenset((i, q) for i in raters for q in questions))
    return figures


def commenters(report: dict[str, Any], answers: list[Answer], policy: Policy) -> None:
    """A comment shows only when its writer's ratings are in a figure shown for that competency (or the report)."""
    writer = {text: i for i, a in enumerate(answers) for text in (*a.comments.values(), a.overall)}
    all_questions = [q for c in report["competencies"] for q in QUESTIONS[c["id"]]]
    for competency in report["competencies"]:
        questions = QUESTIONS[competency["id"]]
        seen = disclose(answers, questions, policy).seen(questions)
        assert {writer[text] for text in competency["comments"]} <= seen
    seen = disclose(answers, all_questions, policy).seen(all_questions)
    assert {writer[text] for text in report["overall_comments"]} <= seen
    assert all(answers[writer[text]].relationship != "self" for text in report["overall_comments"])


# --- the property -------------------------------------------------------------------------------


def first_page_is_made_of_shown_figures(report: dict[str, Any]) -> None:
    """Every figure of the summary is one the report shows in its details."""
    first = report["summary"]
    by_id = {c["id"]: c for c in report["competencies"]}
    for item in first["strongest"] + first["weakest"] + first["focus"]:
        assert item["score"] == by_id[item["competency"]]["scores"][ALL_OTHERS]
    for item in filter(None, (first["blind_spot"], first["hidden_strength"])):
        assert item["gap"] == by_id[item["competency"]]["gap"]
    for item in first["disagreement"]:
        assert item["rwg"] == by_id[item["competency"]]["agreement"]["rwg"]
    assert first["respondents"] == [{"group": g["id"], "responses": g["responses"]} for g in report["groups"]]


def attack(answers: list[Answer], policy: Policy, competencies: Sequence[str]) -> None:
    """Build the round's report, read every figure, and fail if any combination of them gives a protected rater away."""
    report = build(answers, policy, competencies)
    known = {
        (i, q)
        for i, a in enumerate(answers)
        if policy.identified(a.relationship)
        for c in competencies
        for q in QUESTIONS[c]
        if a.numeric(q) is not None
    }
    protected = {
        (i, q)
        for i, a in enumerate(answers)
        if not policy.identified(a.relationship)
        for c in competencies
        for q in QUESTIONS[c]
        if a.numeric(q) is not None
    }
    figures = shown_figures(report, answers, policy)
    commenters(report, answers, policy)
    # Everything else the report shows is made of those figures.
    shown_behaviours = {b["id"]: b["scores"].get(ALL_OTHERS) for c in report["competencies"] for b in c["behaviours"]}
    assert all(item["score"] == shown_behaviours[item["id"]] for item in report["highest"] + report["lowest"])
    assert summary(report)["competencies"] == {c["id"]: c["scores"].get(ALL_OTHERS) for c in report["competencies"]}
    first_page_is_made_of_shown_figures(report)

    # The proof: whatever the attacker combines isolates at least ``threshold`` protected raters.
    for system in (figures, agreement_figures(report, answers, policy)):
        fewest = smallest_isolation([f - known for f in system], protected)
        assert fewest is None or fewest >= policy.threshold

    # The attempts: every hidden rating, every rater's ratings, every small group's ratings, one by one.
    span = Span()
    for cell in known:
        span.add([cell])
    for figure in figures:
        span.add(figure)
    targets: list[set[Cell]] = [{cell} for cell in protected]
    for c in competencies:
        for questions in [QUESTIONS[c], *([q] for q in QUESTIONS[c])]:
            in_scope = {cell for cell in protected if cell[1] in questions}
            for rater in {i for i, _ in in_scope}:
                targets.append({cell for cell in in_scope if cell[0] == rater})
            for group in OTHER_GROUPS:
                cells = {cell for cell in in_scope if answers[cell[0]].relationship == group}
                if 0 < len({i for i, _ in cells}) < policy.threshold:
                    targets.append(cells)
    for target in targets:
        assert not span.determines(target), f"recovered {sorted(target)}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds)
def test_no_combination_of_shown_figures_isolates_fewer_raters_than_the_threshold(round_: Any) -> None:
    attack(*round_)


def test_the_named_manager_does_not_make_up_the_threshold_of_rater_agreement():
    # A round the property found (threshold 3, the manager named). Four others rated listening, three on each
    # behaviour, but only two of them rated all six; a second manager and five peers could not rate anything.
    # Agreement over the manager and those two others, less the manager's own ratings, described two people.
    listening = QUESTIONS["listening"]
    competencies = ("listening", "teamwork")

    def rated(n: int, relationship: str, questions: Sequence[str]) -> Answer:
        ratings = {q: 1 if q in questions else "na" for c in competencies for q in QUESTIONS[c]}
        return Answer(relationship, ratings, {c: f"comment {n} on {c}" for c in competencies}, f"overall {n}")

    whom = [("self", []), ("manager", []), ("manager", listening), *[("peer", [])] * 5]
    whom += [("other", listening[4:]), ("other", listening), ("other", listening[:4]), ("other", listening)]
    attack([rated(n, *who) for n, who in enumerate(whom)], Policy(threshold=3, manager_identified=True), competencies)


# --- the attacker works ---------------------------------------------------------------------------


def test_the_attacker_recovers_a_rating_that_a_competency_mean_gives_away():
    # The leak the reports had: three peers' competency sum and five behaviour sums, one behaviour rated by one peer.
    peers, questions = range(3), QUESTIONS["listening"]
    competency = frozenset((i, q) for q in questions for i in (peers if q != questions[0] else [0]))
    behaviours = [frozenset((i, q) for i in peers) for q in questions[1:]]
    span = Span()
    for figure in [competency, *behaviours]:
        span.add(figure)
    assert span.determines({(0, questions[0])})
    assert smallest_isolation([competency, *behaviours], set(competency)) == 1


def test_the_attacker_subtracts_an_identified_manager_from_all_others():
    # All others of one behaviour is the identified manager and two peers: minus the manager, the two peers.
    others = frozenset({(0, "q"), (1, "q"), (2, "q")})
    span = Span()
    span.add([(0, "q")])
    span.add(others)
    assert span.determines({(1, "q"), (2, "q")})
    assert smallest_isolation([others - {(0, "q")}], {(1, "q"), (2, "q")}) == 2


def test_random_rounds_reach_every_kind_of_figure():
    # The rounds the property draws from hide behaviours, pool small groups, leave groups out and show rwg.
    seen: set[str] = set()
    rng = random.Random(7)
    for _ in range(300):
        answers, policy, competencies = a_round(rng)
        report = build(answers, policy, competencies)
        seen |= {f"in_others:{entry['in_others']}" for entry in report["anonymity"]}
        for c in report["competencies"]:
            seen |= {"hidden_behaviour" for b in c["behaviours"] if b["hidden"]}
            seen |= {"rwg"} if c["agreement"] else set()
    assert {"in_others:all", "in_others:some", "in_others:none", "hidden_behaviour", "rwg"} <= seen
