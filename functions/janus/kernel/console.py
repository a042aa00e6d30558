"""The console's pages that e-mails and the API link to: one place, so a link and the page it opens agree.

The console is served at the same origin as the API (CloudFront deployed, the local gateway locally), so
these are paths; an e-mail puts the public URL in front. Without a session, the console signs the reader
in and comes back to the page.
"""

from __future__ import annotations


def report_page(cycle_id: str, employee_id: str) -> str:
    """A released report, printable."""
    return f"/reports/{cycle_id}/{employee_id}"


def case_page(case_id: str) -> str:
    """An escalation case: its steps and history."""
    return f"/cases/{case_id}"


def team_page() -> str:
    """A manager's team: their rounds, proposals to decide and cases."""
    return "/team"


def goals_page() -> str:
    """A person's goals: confirm or adjust them, record progress, see where they hang in the tree.

    Not /goals: the distribution sends that path, the API's, to the API."""
    return "/my-goals"


def my_check_ins_page() -> str:
    """An employee's check-ins with their manager: the next one's agenda, their notes, the actions.

    Not /check-ins: the distribution sends that path, the API's, to the API."""
    return "/my-check-ins"


def team_check_ins_page() -> str:
    """A manager's check-ins with each report: cadence, last and next, who is overdue."""
    return "/team/check-ins"


def hr_check_ins_page() -> str:
    """HR's view of check-ins by department: the two-way share and the missed share."""
    return "/hr/check-ins"


def review_page(review_id: str | None = None) -> str:
    """A person's review (an update discussion or an appraisal), or the list of the reviews they write or own.

    Not /reviews: the distribution sends that path, the API's, to the API."""
    return f"/my-reviews/{review_id}" if review_id else "/my-reviews"


def hr_reviews_page() -> str:
    """HR's review cycles: create, launch, close, release, and calibrate before release."""
    return "/hr/reviews"
