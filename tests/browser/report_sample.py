"""A realistic 360 report built from answers: ten competencies, every group answered, comments throughout."""

from __future__ import annotations

import random
from typing import Any

from janus.library import library
from janus.reports.build import Answer, Policy, build_report

COMPETENCIES = (
    "communication",
    "listening",
    "teamwork",
    "planning_organising",
    "problem_solving",
    "decision_making",
    "delegating",
    "coaching_others",
    "giving_feedback",
    "strategic_thinking",
)
RATERS = {"self": 1, "manager": 1, "peer": 5, "direct_report": 6, "other": 3}
# Where each competency sits for others, and how far the self-assessment strays from it.
LEVELS = (3.9, 3.1, 4.4, 2.8, 3.6, 3.3, 2.6, 3.8, 3.0, 3.5)
SELF_SHIFT = (0.2, 1.4, -1.3, 0.4, 0.0, 0.6, 1.1, -0.2, 0.3, -0.1)
COMMENTS = (
    "Always makes time when I bring a problem, even on busy days.",
    "Could share the reasons behind decisions earlier; we often hear them late.",
    "Meetings run well and end with clear next steps.",
    "Sometimes takes on too much instead of handing work over to the team.",
    "Gives honest feedback, kindly put, and follows up on it.",
    "I would like more time for questions at the end of the weekly meeting.",
)
OVERALL = (
    "A steady colleague whom people trust and like working with.",
    "I would like to see more planning ahead and fewer last-minute changes.",
    "Has grown a lot this year; keep going.",
)


def realistic_report(locale: str = "en", seed: int = 7) -> dict[str, Any]:
    draw = random.Random(seed)
    lib = library()
    questions = {cid: [q.id for q in lib.competency(cid).questions] for cid in COMPETENCIES}
    answers = []
    for group, count in RATERS.items():
        for n in range(count):
            ratings, comments = {}, {}
            for i, cid in enumerate(COMPETENCIES):
                centre = LEVELS[i] + (SELF_SHIFT[i] if group == "self" else 0.0)
                # The fifth competency splits the raters: half rate it low, half high.
                if i == 4 and group != "self":
                    centre = 1.6 if n % 2 else 4.6
                for q in questions[cid]:
                    ratings[q] = min(5, max(1, round(draw.gauss(centre, 0.6))))
                if group != "self" and (n + i) % 3 == 0:
                    comments[cid] = COMMENTS[(len(answers) + i) % len(COMMENTS)]
            overall = OVERALL[n % len(OVERALL)] if group in ("peer", "direct_report") and n < 2 else None
            answers.append(Answer(group, ratings, comments, overall))
    return build_report(
        cycle={"id": "c-1", "name": "Autumn 360", "kind": "360", "closed_at": "2026-12-15T16:00:00+00:00"},
        subject={"id": "e002", "name": "Mette Kjær"},
        competencies=COMPETENCIES,
        answers=answers,
        policy=Policy(threshold=3, manager_identified=True),
        locale=locale,
    )
