"""HR's cycle analytics: response rates, a heat map that respects the threshold, instrument quality."""

from __future__ import annotations

from janus.library import library
from janus.reports.analytics import Analytics
from janus.reports.build import Policy
from janus.reports.stats import cronbach_alpha
from janus.rounds.entities import Assignment

COMPETENCIES = ("listening",)
QUESTIONS = [q.id for q in library().competency("listening").questions]
POLICY = Policy(threshold=3, manager_identified=False)


def assignment(relationship: str, status: str, ratings: list[int] | None = None) -> Assignment:
    return Assignment(
        org="o",
        cycle_id="c",
        subject_id="s",
        rater_id=f"r{id(ratings)}",
        relationship=relationship,
        status=status,
        competencies=COMPETENCIES,
        ratings=dict(zip(QUESTIONS, ratings, strict=True)) if ratings else {},
        comments={},
        overall=None,
        submitted_at=None,
    )


def add(
    analytics: Analytics,
    department: str,
    submitted: list[Assignment],
    unanswered: tuple[str, ...] = (),
    policy: Policy = POLICY,
) -> None:
    """A subject whose raters are those who submitted and those asked who did not (``unanswered``)."""
    asked = [a.relationship for a in submitted] + list(unanswered)
    analytics.add_subject(department, COMPETENCIES, asked, submitted, policy=policy)


def test_response_rates_by_department_and_group():
    analytics = Analytics()
    # A peer still pending is asked; a peer removed after launch is no longer on the subject's list.
    add(
        analytics,
        "Sales",
        [assignment("self", "submitted", [3] * 6), assignment("peer", "submitted", [4] * 6)],
        ("peer",),
    )
    result = analytics.finish(threshold=3)
    assert result["response_rates"]["by_department"]["Sales"]["all"] == {"asked": 3, "submitted": 2, "rate": 0.667}
    assert result["response_rates"]["by_group"]["peer"] == {"asked": 2, "submitted": 1, "rate": 0.5}


def test_a_heat_map_cell_under_the_threshold_has_no_mean():
    analytics = Analytics()
    add(analytics, "Sales", [assignment("peer", "submitted", [4] * 6) for _ in range(2)])
    add(analytics, "Ops", [assignment("peer", "submitted", [2] * 6) for _ in range(3)])
    heat = analytics.finish(threshold=3)["heat_map"]
    assert heat["Sales"]["listening"] == {"mean": None, "raters": 2}
    assert heat["Ops"]["listening"] == {"mean": 2.0, "raters": 3}


def test_pieces_merged_give_the_same_answer_as_one_pass():
    rows = [[1, 2, 2, 3, 1, 2], [4, 4, 5, 4, 5, 4], [3, 3, 2, 3, 3, 4], [5, 4, 5, 5, 4, 5], [2, 3, 2, 2, 3, 2]]
    whole, first, second = Analytics(), Analytics(), Analytics()
    for n, row in enumerate(rows):
        subject = [
            assignment("peer", "submitted", row),
            assignment("manager", "submitted", [min(5, v + 1) for v in row]),
        ]
        add(whole, "R&D", subject)
        add(first if n < 2 else second, "R&D", subject)
    merged = Analytics.from_dict(first.as_dict()).merge(Analytics.from_dict(second.as_dict()))
    assert merged.finish(3) == whole.finish(3)
    manager_rows = [[min(5, v + 1) for v in row] for row in rows]
    expected = round(cronbach_alpha(rows + manager_rows), 3)
    assert whole.finish(3)["instrument"]["cronbach_alpha"]["listening"] == expected
    assert whole.finish(3)["instrument"]["rater_icc1"] is not None


def test_the_heat_map_counts_only_answers_the_reports_showed_in_all_others():
    # Two direct reports left out of their report's "all others" (the manager is named there) stay out of the heat map.
    analytics = Analytics()
    subject = [
        assignment("manager", "submitted", [5] * 6),
        *[assignment("peer", "submitted", [4] * 6) for _ in range(3)],
        *[assignment("direct_report", "submitted", [1] * 6) for _ in range(2)],
    ]
    add(analytics, "Sales", subject, policy=Policy(threshold=3, manager_identified=True))
    assert analytics.finish(threshold=3)["heat_map"]["Sales"]["listening"] == {"mean": 4.25, "raters": 6}


def test_a_heat_map_cell_needs_the_threshold_of_raters_counted_not_only_answering():
    analytics = Analytics()
    subject = [
        assignment("manager", "submitted", [5] * 6),
        *[assignment("peer", "submitted", [4] * 6) for _ in range(2)],
    ]
    add(analytics, "Sales", subject, policy=Policy(threshold=3, manager_identified=True))
    assert analytics.finish(threshold=3)["heat_map"]["Sales"]["listening"] == {"mean": None, "raters": 3}
