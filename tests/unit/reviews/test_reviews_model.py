"""The reviews' rules without a table: scales, states, parts, what calls for a case, and the e-mails' words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from janus.kernel.errors import Conflict, InvalidInput, Problem
from janus.reviews import model
from janus.reviews.mail import render_review_mail
from janus.reviews.model import Review, ReviewCycle

NOW = datetime(2030, 3, 4, 9, tzinfo=UTC)


def review(**fields) -> Review:
    base = dict(id="c.e", org="o", cycle_id="c", kind="appraisal", employee_id="e", employee_name="E",
                manager_id="m", department="Sales", job_class="technical", competencies=("listening", "teamwork"),
                rating_scale=model.DEFAULT_SCALE, deadline=NOW, time_zone="UTC", created_at=NOW)  # fmt: skip
    return Review(**{**base, **fields})


def test_a_scale_has_three_to_seven_distinct_labels_lowest_first():
    problems: list[Problem] = []
    assert model.parse_scale(None, problems) == model.DEFAULT_SCALE
    assert model.parse_scale(["Low", "Mid", "High"], problems) == ("Low", "Mid", "High") and problems == []
    for bad in (["a", "b"], ["a"] * 8, ["a", "a", "b"], ["a", "", "b"], "abc"):
        found: list[Problem] = []
        model.parse_scale(bad, found)
        assert [p.field for p in found] == ["rating_scale"]


def test_each_event_has_its_one_state_before():
    cycle = ReviewCycle("c", "o", "n", "update", NOW, "UTC", model.DEFAULT_SCALE, None, "draft", NOW, "h")
    assert model.next_state(cycle, "launch") == "open"
    with pytest.raises(Conflict):
        model.next_state(cycle, "close")


def test_a_part_keeps_only_the_reviews_competencies_and_the_manager_alone_rates_overall():
    part = model.part_from({"summary": " s ", "competencies": {"listening": {"rating": 2, "comment": ""},
                                                                "teamwork": {"rating": None, "comment": ""}}},
                           review(), manager=False)  # fmt: skip
    assert part == {"summary": "s", "goals": {}, "competencies": {"listening": {"rating": 2, "comment": ""}}}
    with pytest.raises(InvalidInput):
        model.part_from({"unacceptable": True}, review(), manager=False)
    manager = model.part_from({"overall_rating": 5, "unacceptable": False}, review(), manager=True)
    assert manager["overall_rating"] == 5 and model.ready_to_submit(manager, True)[0].field == "summary"


def test_what_calls_for_a_case():
    submitted = {"status": "submitted", "overall_rating": 3, "unacceptable": False}
    assert model.concerning(review(manager_part=submitted)) == []
    assert model.concerning(review(manager_part={**submitted, "unacceptable": True})) == ["unacceptable"]
    assert model.concerning(review(manager_part={**submitted, "overall_rating": 1})) == ["bottom_rating"]
    assert model.concerning(review(manager_part={**submitted, "overall_rating": 1, "status": "draft"})) == []
    assert model.concerning(review(manager_part=submitted, calibrated_rating=1)) == ["bottom_rating"]


def test_the_e_mails_speak_the_readers_language_and_name_the_time_zone():
    mail = render_review_mail(sender="j@example.com", to="e@example.com", reader_name="Eva", locale="da",
                              what="manager", kind="update", cycle_name="Forår", deadline=NOW,
                              time_zone="Europe/Copenhagen", link="https://janus.example.com/my-reviews/c.e",
                              employee_name="Bo")  # fmt: skip
    text = mail.get_body(("plain",)).get_content()
    assert mail["Subject"] == "Skriv lederens del af opfølgningssamtale for Bo"
    assert "Hej Eva" in text and "(Europe/Copenhagen)" in text and "/my-reviews/c.e" in text
    remind = render_review_mail(sender="j@example.com", to="m@example.com", reader_name="M", locale="en",
                                what="remind", kind="appraisal", cycle_name="Y", deadline=NOW, time_zone="UTC",
                                link="https://janus.example.com/my-reviews",
                                owed=[("manager", f"P{n}") for n in range(25)])  # fmt: skip
    body = remind.get_body(("plain",)).get_content()
    assert body.count("The manager's part for") == 20 and "and 5 more" in body
    with pytest.raises(ValueError):
        render_review_mail(sender="j", to="t", reader_name="n", locale="en", what="employee", kind="update",
                           cycle_name="c", deadline=NOW, time_zone="UTC", link="http://evil.example.com/")  # fmt: skip
