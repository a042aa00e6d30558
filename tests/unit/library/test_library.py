"""The competency library: its data (counts, ids, plain language, no duplicates) and its rules."""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from collections import Counter

import pytest

from janus.kernel.errors import InvalidInput, NotFound
from janus.library import MAX_COMPETENCIES, library, minutes_for, pick_locale, select_competencies
from janus.library.authoring import (
    DEFINITION_BOUNDS,
    DEFINITION_WORDS,
    NEAR_DUPLICATE_RATIO,
    QUESTION_BOUNDS,
    QUESTION_WORDS,
    RECOMMENDATION_BOUNDS,
    RECOMMENDATION_SENTENCES,
    RECOMMENDATION_WORDS,
)
from janus.library.plain_language import check, sentences, words
from janus.library.schema import Competency, JobClass, Library, LibraryError

LIB = library()
COMPETENCY_IDS = [c.id for c in LIB.competencies]
GROUP_IDS = ["personal_effectiveness", "working_with_others", "getting_results", "leading"]


def all_questions():
    return [q for c in LIB.competencies for q in c.questions]


def all_recommendations():
    return [r for c in LIB.competencies for r in c.recommendations]


# --- shape and counts -------------------------------------------------------------------------


def test_counts():
    assert len(LIB.competencies) == 36
    assert len(all_questions()) == 216
    assert len(all_recommendations()) == 216
    assert len(LIB.job_classes) == 5
    evaluations = [getattr(j.model_evaluations, k) for j in LIB.job_classes for k in ("top", "good", "poor")]
    assert len(evaluations) == 15
    assert all(e.en.strip() and e.da.strip() for e in evaluations)


def test_groups_in_order_with_nine_competencies_each():
    assert [g.id for g in LIB.groups] == GROUP_IDS
    assert all(g.name.en and g.name.da and g.description.en and g.description.da for g in LIB.groups)
    ranks = [GROUP_IDS.index(c.group) for c in LIB.competencies]
    assert ranks == sorted(ranks), "competencies come in group order"
    assert Counter(c.group for c in LIB.competencies) == dict.fromkeys(GROUP_IDS, 9)


def test_scale():
    assert [p.value for p in LIB.scale.points] == [1, 2, 3, 4, 5]
    assert LIB.scale.points[0].label.en == "Almost never"
    assert LIB.scale.points[-1].label.en == "Almost always"
    assert LIB.scale.points[0].label.da and LIB.scale.not_able_to_rate.da
    assert LIB.scale.not_able_to_rate.en == "Not able to rate"


def test_ids_are_unique_and_well_formed():
    ids = COMPETENCY_IDS + [i.id for i in all_questions() + all_recommendations()] + [j.id for j in LIB.job_classes]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert {j.id for j in LIB.job_classes} == {"clerical", "hr-training", "service-sales", "technical", "management"}
    for c in LIB.competencies:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", c.id)
        assert [q.id for q in c.questions] == [f"{c.id}.q{n}" for n in range(1, 7)]
        assert [r.id for r in c.recommendations] == [f"{c.id}.r{n}" for n in range(1, 7)]


@pytest.mark.parametrize("competency", LIB.competencies, ids=COMPETENCY_IDS)
def test_every_competency_is_complete_in_both_languages(competency):
    assert len(competency.questions) == 6
    assert len(competency.recommendations) == 6
    for text in (competency.name, competency.definition, *competency.questions, *competency.recommendations):
        assert text.en.strip() and text.da.strip()
        assert text.en != text.da


def test_profiles_hold_at_most_ten_known_competencies():
    for job in LIB.job_classes:
        assert 1 <= len(job.profile) <= MAX_COMPETENCIES == 10
        assert len(set(job.profile)) == len(job.profile)
        assert set(job.profile) <= set(COMPETENCY_IDS)


# --- no duplicates ----------------------------------------------------------------------------


def near_duplicates(items, lang="en"):
    """Pairs whose lower-cased texts have a difflib ratio of at least 0.75 (as /tmp/lib/check_group.py does)."""
    texts = [(i.id, getattr(i, lang).lower()) for i in items]
    found = []
    for n, (a_id, a) in enumerate(texts):
        for b_id, b in texts[n + 1 :]:
            ratio = difflib.SequenceMatcher(None, a, b).ratio()
            if ratio >= NEAR_DUPLICATE_RATIO:
                found.append(f"{a_id} ~ {b_id} ({ratio:.2f})")
    return found


def test_near_duplicates_are_detected():
    a, b = LIB.competencies[0].questions[:2]
    copy = dataclasses.replace(a, id="copy", en=a.en.replace(".", "!"))
    assert near_duplicates([a, b]) == []
    found = near_duplicates([a, copy])
    assert len(found) == 1 and found[0].startswith(f"{a.id} ~ copy")


def test_no_near_duplicate_english_questions():
    assert near_duplicates(all_questions()) == []


@pytest.mark.slow
def test_no_near_duplicate_english_recommendations():
    assert near_duplicates(all_recommendations()) == []


@pytest.mark.parametrize("kind", ["questions", "recommendations", "definitions"])
def test_no_duplicate_danish_text(kind):
    items = {
        "questions": all_questions(),
        "recommendations": all_recommendations(),
        "definitions": [c.definition for c in LIB.competencies],
    }[kind]
    counts = Counter(i.da.strip().lower() for i in items)
    assert [t for t, n in counts.items() if n > 1] == []


# --- plain language ---------------------------------------------------------------------------


def plain_problems(text_id, text, bounds):
    problems = [f"{text_id} en: {f.message}" for f in check(text.en, "en", bounds)]
    return problems + [f"{text_id} da: {f.message}" for f in check(text.da, "da", bounds)]


@pytest.mark.parametrize("competency", LIB.competencies, ids=COMPETENCY_IDS)
def test_questions_are_plain(competency):
    problems = []
    for q in competency.questions:
        problems += plain_problems(q.id, q, QUESTION_BOUNDS)
        n = len(words(q.en))
        if not QUESTION_WORDS[0] <= n <= QUESTION_WORDS[1]:
            problems.append(f"{q.id}: {n} words")
        if len(sentences(q.en)) != 1 or not q.en.endswith("."):
            problems.append(f"{q.id}: not one sentence ending in '.'")
        if re.search(r"\b(and|or)\b|/", q.en, re.IGNORECASE):
            problems.append(f"{q.id}: double-barrelled (and/or or '/')")
        if not re.match(r"[A-Z][a-z]*s\b", q.en):
            problems.append(f"{q.id}: does not start with a verb like 'Explains'")
    assert problems == []


@pytest.mark.parametrize("competency", LIB.competencies, ids=COMPETENCY_IDS)
def test_recommendations_are_plain(competency):
    problems = []
    for r in competency.recommendations:
        problems += plain_problems(r.id, r, RECOMMENDATION_BOUNDS)
        n, s = len(words(r.en)), len(sentences(r.en))
        if not RECOMMENDATION_WORDS[0] <= n <= RECOMMENDATION_WORDS[1]:
            problems.append(f"{r.id}: {n} words")
        if not RECOMMENDATION_SENTENCES[0] <= s <= RECOMMENDATION_SENTENCES[1]:
            problems.append(f"{r.id}: {s} sentences")
    assert problems == []


@pytest.mark.parametrize("competency", LIB.competencies, ids=COMPETENCY_IDS)
def test_definition_is_plain(competency):
    n = len(words(competency.definition.en))
    assert DEFINITION_WORDS[0] <= n <= DEFINITION_WORDS[1]
    assert plain_problems(competency.id, competency.definition, DEFINITION_BOUNDS) == []


def test_bounds_are_the_documented_numbers():
    assert (QUESTION_BOUNDS.max_sentence_words, QUESTION_BOUNDS.max_grade, QUESTION_BOUNDS.max_lix) == (18, 10, 55)
    assert (RECOMMENDATION_BOUNDS.max_sentence_words, RECOMMENDATION_BOUNDS.max_grade) == (25, 10)
    assert RECOMMENDATION_BOUNDS.max_lix == 55
    assert (QUESTION_WORDS, RECOMMENDATION_WORDS, RECOMMENDATION_SENTENCES, DEFINITION_WORDS) == (
        (5, 18),
        (25, 75),
        (2, 4),
        (25, 70),
    )


# --- API answers ------------------------------------------------------------------------------


def test_competency_list_in_one_language():
    da = LIB.competency_list("da")
    en = LIB.competency_list("fr")  # anything but Danish falls back to English
    assert [c["id"] for c in da] == COMPETENCY_IDS
    first = LIB.competencies[0]
    assert da[0] == {
        "id": first.id,
        "group": first.group,
        "name": first.name.da,
        "definition": first.definition.da,
        "questions": [{"id": q.id, "text": q.da} for q in first.questions],
        "recommendations": [{"id": r.id, "text": r.da} for r in first.recommendations],
    }
    assert en[0]["questions"][0]["text"] == first.questions[0].en
    assert LIB.competency_list("da-DK") == da
    json.dumps(da)


def test_job_class_list_in_one_language():
    jobs = LIB.job_class_list("da")
    job = LIB.job_class("management")
    entry = next(j for j in jobs if j["id"] == "management")
    assert entry == {
        "id": "management",
        "name": job.name.da,
        "description": job.description.da,
        "profile": list(job.profile),
        "model_evaluations": {
            "top": job.model_evaluations.top.da,
            "good": job.model_evaluations.good.da,
            "poor": job.model_evaluations.poor.da,
        },
    }
    assert LIB.job_class_list("en")[0]["name"] == LIB.job_classes[0].name.en
    json.dumps(jobs)


def test_lookups():
    assert library() is LIB
    assert LIB.competency("listening").group == "working_with_others"
    assert LIB.job_class("technical").id == "technical"
    with pytest.raises(NotFound):
        LIB.competency("nope")
    with pytest.raises(NotFound):
        LIB.job_class("nope")


def test_objects_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        LIB.competencies[0].id = "changed"
    assert isinstance(LIB.competencies, tuple)
    assert isinstance(LIB.job_classes[0].profile, tuple)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("da", "da"),
        ("da-DK,da;q=0.9,en;q=0.8", "da"),
        ("en-GB", "en"),
        ("fr", "en"),
        (None, "en"),
        ("", "en"),
        ("fr;q=1, da;q=0.5", "da"),
        ("en;q=0.5, da;q=0.8", "da"),
        ("da;q=0, en;q=0.1", "en"),
        ("DA-dk", "da"),
    ],
)
def test_pick_locale(header, expected):
    assert pick_locale(header) == expected


# --- selection rules --------------------------------------------------------------------------


def test_select_defaults_to_the_job_class_profile():
    assert select_competencies("clerical", None) == LIB.job_class("clerical").profile
    assert len(select_competencies("management", None)) == 10


def test_select_uses_the_override():
    assert select_competencies("clerical", ["listening", "integrity"]) == ("listening", "integrity")
    assert select_competencies(None, COMPETENCY_IDS[:10]) == tuple(COMPETENCY_IDS[:10])


def problems_of(job_class, override):
    with pytest.raises(InvalidInput) as caught:
        select_competencies(job_class, override)
    return [(p.field, p.message) for p in caught.value.problems]


def test_select_rejects_eleven_competencies():
    problems = problems_of(None, COMPETENCY_IDS[:11])
    assert len(problems) == 1
    assert problems[0][0] == "competencies" and "11" in problems[0][1]


def test_select_rejects_empty_override():
    assert problems_of("clerical", [])[0][0] == "competencies"


def test_select_names_each_unknown_competency():
    problems = problems_of(None, ["listening", "telepathy", "levitation"])
    assert [f for f, _ in problems] == ["competencies", "competencies"]
    assert "telepathy" in problems[0][1] and "levitation" in problems[1][1]


def test_select_rejects_duplicates():
    problems = problems_of(None, ["listening", "listening"])
    assert problems == [("competencies", "competency 'listening' is listed more than once")]


def test_select_rejects_unknown_job_class():
    problems = problems_of("astronaut", None)
    assert problems[0][0] == "job_class" and "astronaut" in problems[0][1]


def test_select_needs_a_job_class_or_an_override():
    with pytest.raises(InvalidInput):
        select_competencies(None, None)


# --- the schema rejects bad data --------------------------------------------------------------


def competency_data(**changes):
    data = LIB.competencies[0].as_dict()
    data.update(changes)
    return data


def test_schema_accepts_a_valid_competency():
    assert Competency.from_dict(competency_data()) == LIB.competencies[0]


@pytest.mark.parametrize(
    "changes",
    [
        {"questions": competency_data()["questions"][:5]},
        {"recommendations": competency_data()["recommendations"] * 2},
        {"name": {"en": "Integrity"}},
        {"definition": {"en": "Text", "da": "  "}},
        {"id": "Not-An-Id"},
        {"questions": list(reversed(competency_data()["questions"]))},
        {"extra": "field"},
    ],
)
def test_schema_rejects_a_bad_competency(changes):
    with pytest.raises(LibraryError):
        Competency.from_dict(competency_data(**changes))


def test_schema_rejects_a_long_profile():
    data = LIB.job_classes[0].as_dict()
    data["profile"] = COMPETENCY_IDS[:11]
    with pytest.raises(LibraryError):
        JobClass.from_dict(data)


@pytest.mark.parametrize("bad", ["unknown_competency", "duplicate_profile", "unknown_group", "duplicate_id"])
def test_schema_rejects_an_inconsistent_library(bad):
    data = LIB.as_dict()
    if bad == "unknown_competency":
        data["job_classes"][0]["profile"] = ["telepathy"]
    elif bad == "duplicate_profile":
        data["job_classes"][0]["profile"] = ["listening", "listening"]
    elif bad == "unknown_group":
        data["competencies"][-1]["group"] = "hobbies"
    else:
        data["competencies"] = [*data["competencies"], data["competencies"][-1]]
    assert Library.from_dict(LIB.as_dict()) == LIB
    with pytest.raises(LibraryError):
        Library.from_dict(data)


@pytest.mark.parametrize(
    ("questions", "minutes"),
    [(0, 5), (1, 5), (12, 5), (13, 6), (20, 7), (24, 8), (30, 10), (60, 17)],
)
def test_minutes_for(questions: int, minutes: int) -> None:
    assert minutes_for(questions) == minutes


def test_minutes_for_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError):
        minutes_for(-1)
