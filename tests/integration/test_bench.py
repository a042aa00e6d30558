"""make bench on a small organisation: every phase measured, the cost printed, the figures written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PHASES = [
    "import",
    "goals: set",
    "goals: progress",
    "goals: quarterly nudge",
    "check-ins: a quarter",
    "reviews: appraisal",
    "nominate",
    "launch",
    "respond: open forms and save drafts",
    "respond: decline",
    "respond: submit",
    "remind (7 days before)",
    "people's pages",
    "HR's cycle page",
    "HR: people list",
    "close and report",
    "analytics",
    "development plans",
    "recognition: a month",
]


def run_bench(module: str, *args: str, timeout: int) -> subprocess.CompletedProcess[str]:
    """``python -m <module> <args>`` from the project's root; asserts that it succeeded."""
    run = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run


@pytest.mark.timeout(900)
def test_a_small_round_is_measured_phase_by_phase(tmp_path):
    figures = tmp_path / "results.json"
    run = run_bench("bench", "--employees", "40", "--compare", "20", "--no-build", "--json", str(figures),
                    "--check-in-pairs", "10", timeout=900)  # fmt: skip
    out = run.stdout
    for heading in ("per phase", "speed", "cost on AWS on-demand prices", "per unit, side by side", "cold start"):
        assert heading in out
    assert "where each import goes" in out
    assert "_aws" not in out  # no metric output leaks from the local stack
    assert "failed" not in out + run.stderr  # nor a background delivery that failed (a second round's reset)

    rounds = json.loads(figures.read_text())["rounds"]
    assert [r["employees"] for r in rounds] == [20, 40]
    for r in rounds:
        assert [p["name"] for p in r["phases"]] == PHASES
        phases = {p["name"]: p for p in r["phases"]}
        assert phases["import"]["units"] == {"employees": r["employees"]}
        assert phases["import"]["ratio"] == 1.0  # 25 per batch write, 100 per batch read
        assert r["emails_per_rater"] == 1.0  # one bundled invitation per rater
        assert r["writes_per_submit"] == 1.0
        assert phases["respond: submit"]["units"]["submitted responses"] > 0
        assert phases["close and report"]["units"]["reports"] == r["subjects"]
        assert phases["people's pages"]["ratio"] == 1.0  # a person's and a team's page, read by key and index
        assert phases["people's pages"]["units"]["pages"] > 0
        assert phases["HR's cycle page"]["ratio"] == 1.0  # the floor: 16 progress shards, whatever the size
        assert phases["HR: people list"]["ratio"] == 1.0  # each list page and a person's page, by index and key
        assert phases["goals: set"]["units"]["goals"] == 3 * r["employees"]
        # Over the floor are parents pushed up the tree again, when a level's saves took longer than the hold
        # between two levels (more often on a loaded machine), and their re-reads. The target, 1.1 x the floor, is
        # measured at 1,000 and 10,000 employees (docs/performance.md: 1.01 to 1.04); in a tree of 20 or 40 people
        # each second push weighs more (1.11 once in CI, with a 10,000-employee bench sharing the machine).
        assert phases["goals: set"]["ratio"] <= 1.2 and phases["goals: progress"]["ratio"] <= 1.2
        assert phases["goals: quarterly nudge"]["units"]["owners nudged"] == r["employees"]
        assert phases["recognition: a month"]["units"]["recognitions"] == 4 * r["employees"]
        assert phases["recognition: a month"]["ratio"] <= 1.1 and phases["development plans"]["ratio"] <= 1.1
        assert phases["development plans"]["units"]["plans"] == r["employees"]
        assert set(r["apart_dollars_per_1000_employees"]) == {"recognition: a month", "development plans"}
        assert 0 < r["dollars_per_1000_subjects"] < r["dollars_per_1000_subjects_with_email"]
        assert 0 < r["goals_dollars_per_1000_employees"] < r["goals_dollars_per_1000_employees_with_email"]
        check_ins = phases["check-ins: a quarter"]  # ten pairs spread over the organisation, one misses a week
        assert check_ins["units"]["pairs"] == 10 and check_ins["units"]["check-ins"] == 13 * 10 - 1
        assert check_ins["units"]["slots missed"] == 1 and check_ins["units"]["people nudged"] == 2
        assert check_ins["ratio"] <= 1.1
        assert r["check_ins_dollars_per_1000_employees_per_quarter"] > 0
        assert (
            r["check_ins_dollars_per_1000_employees_per_quarter"]
            < r["check_ins_dollars_per_1000_employees_per_quarter_with_email"]
        )
        assert phases["reviews: appraisal"]["units"]["reviews"] == r["employees"]
        assert phases["reviews: appraisal"]["ratio"] <= 1.1
        assert 0 < r["reviews_dollars_per_1000_employees"] < r["reviews_dollars_per_1000_employees_with_email"]
    # Each function's import, split into boto3, the toolkit and Janus's own share, all of it measured.
    steps = json.loads(figures.read_text())["packaging"]["import_steps_ms"]
    assert set(steps) == {"CyclesFunction", "FeedbackFunction", "InvitationsFunction", "RemindersFunction",
                          "ReportsFunction", "EscalationsFunction", "SignUpFunction",
                          "PerformanceFunction"}  # fmt: skip
    assert all(step["boto3"] > 0 and step["others"] > 0 and step["janus"] > 0 for step in steps.values())


@pytest.mark.timeout(300)
def test_the_remind_measurement_plays_the_round_up_to_its_reminders():
    run = run_bench("bench.remind", "--employees", "40", timeout=300)
    lines = {line.split("  ")[0]: line for line in run.stdout.splitlines()}
    assert [name for name in PHASES if name in lines] == ["import", "nominate", "launch", "remind (7 days before)"]
    reminders = int(lines["remind (7 days before)"].split("'reminders': ")[1].rstrip("}"))
    assert 0 < reminders < 40  # most raters answered; those with something pending are reminded
    assert "failed" not in run.stdout + run.stderr
