"""What a review page is written against: the latest released 360 summary, found through the rounds' latest
cycles and the person's subject records, and the library's words for the job class."""

from __future__ import annotations

import json
from dataclasses import dataclass

from janus.reviews.gather import LatestSummary, competencies_of, model_evaluations_of, profile_of


@dataclass
class Cycle:
    id: str
    name: str
    state: str


@dataclass
class Subject:
    cycle_id: str
    report_digest: str | None


class Cycles:
    def latest(self, org, limit):
        return [Cycle("c3", "Open one", "open"), Cycle("c2", "Spring", "released"), Cycle("c1", "Autumn", "released")]


class Subjects:
    def __init__(self, built):
        self.built = built
        self.asked = []

    def get_pairs(self, org, pairs):
        self.asked.append(sorted(pairs))
        return [Subject(cycle_id, "d" if cycle_id in self.built else None) for cycle_id, _ in pairs]


class Reports:
    def get(self, org, cycle_id, subject_id, kind):
        return json.dumps({"summary": {"strongest": [cycle_id]}}).encode()


def test_the_newest_released_report_of_the_person_is_summarised():
    subjects = Subjects(built={"c1"})
    found = LatestSummary(Cycles(), subjects, Reports())("o", "e")
    assert found == {"cycle_id": "c1", "cycle_name": "Autumn", "summary": {"strongest": ["c1"]}}
    assert subjects.asked == [[("c1", "e"), ("c2", "e")]]  # one read of the released cycles' records


def test_no_released_report_is_none():
    assert LatestSummary(Cycles(), Subjects(built=set()), Reports())("o", "e") is None


def test_the_job_class_gives_the_competencies_and_the_model_evaluations_in_the_readers_language():
    profile = profile_of("clerical")
    assert 1 <= len(profile) <= 10 and profile_of("astronaut") == ()
    assert [c["id"] for c in competencies_of(profile, "da")] == list(profile)
    english, danish = model_evaluations_of("clerical", "en"), model_evaluations_of("clerical", "da")
    assert english["top"].startswith("A top performer") and danish["top"].startswith("En medarbejder")
    assert model_evaluations_of("astronaut", "en") is None
