"""How escalation cases open: from a released report, or from a manager's flag.

A report opens a case for each score at or under the organisation's thresholds
(``causes_from_report``: the others' overall rating, and each competency); a manager (or HR)
marking an employee's performance unacceptable opens one with cause ``manager_flag``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from janus.escalations.case import Case, is_hr, open_case, required_text
from janus.kernel.errors import Forbidden, InvalidInput, Problem
from janus.people.organisation import EscalationRules

MANAGER_FLAG = "manager_flag"


def _score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def causes_from_report(summary: Mapping[str, Any], rules: EscalationRules) -> list[str]:
    """The causes a ReportReady summary gives (thresholds inclusive; missing scores ignored)."""
    causes = []
    overall = _score(summary.get("others_overall"))
    if overall is not None and overall <= rules.others_overall_max:
        causes.append("others_overall")
    for competency_id, value in sorted((summary.get("competencies") or {}).items()):
        score = _score(value)
        if score is not None and score <= rules.competency_max:
            causes.append(f"competency:{competency_id}")
    return causes


def cases_from_report(
    org: str,
    employee_id: str,
    manager_id: str | None,
    cycle_id: str,
    summary: Mapping[str, Any],
    rules: EscalationRules,
) -> list[Case]:
    """The cases a ReportReady event opens (the store keeps only the first of each id)."""
    scores = {"others_overall": summary.get("others_overall")}
    scores.update({f"competency:{k}": v for k, v in (summary.get("competencies") or {}).items()})
    return [
        open_case(org, employee_id, manager_id, cause, {"cycle_id": cycle_id, "score": scores.get(cause)}, rules)
        for cause in causes_from_report(summary, rules)
    ]


def flag(
    org: str,
    employee_id: str,
    manager_id: str | None,
    by: str,
    roles: Collection[str],
    note: Any,
    rules: EscalationRules,
    department: str | None = None,
) -> Case:
    """A manager (or HR) marks the employee's performance unacceptable: cause ``manager_flag``; ``department``
    is the employee's."""
    if by == employee_id:
        raise Forbidden("nobody flags their own performance")
    if by != manager_id and not is_hr(roles):
        raise Forbidden("only the employee's manager or HR marks performance unacceptable")
    problems: list[Problem] = []
    text = required_text({"note": note}, "note", problems)
    if problems:
        raise InvalidInput("say why performance is unacceptable", problems)
    return open_case(
        org, employee_id, manager_id, MANAGER_FLAG, {"by": by, "note": text}, rules, by=by, department=department
    )


def in_department(case: Case, department: str | None) -> Case:
    """A new case placed in its employee's department, as read when it opens (a report's cases are called for
    before the people they concern are read)."""
    return replace(case, department=department) if department else case


def review_cause(review_id: str) -> str:
    """The cause of a case a review opens: the review itself (one case per person and review)."""
    return f"review:{review_id}"


def from_review(
    org: str,
    employee_id: str,
    manager_id: str | None,
    review_id: str,
    source: Mapping[str, Any],
    rules: EscalationRules,
    by: str,
    department: str | None = None,
) -> Case:
    """A review's manager part marked unacceptable, or its overall rating at the bottom of the scale."""
    return open_case(
        org, employee_id, manager_id, review_cause(review_id), dict(source), rules, by=by, department=department
    )
