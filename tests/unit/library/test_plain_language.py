"""The plain-language checker that guards the library text, goals and comments."""

from __future__ import annotations

import statistics

from janus.library import library
from janus.library.authoring import QUESTION_BOUNDS, RECOMMENDATION_BOUNDS
from janus.library.plain_language import COUNTED, TEXTSTAT, Bounds, check, sentences, syllables, words


def rules(text, locale="en", bounds=RECOMMENDATION_BOUNDS):
    return [f.rule for f in check(text, locale, bounds)]


def test_a_plain_sentence_passes():
    assert check("Ask one colleague for feedback after each meeting.", "en", QUESTION_BOUNDS) == []


def test_passive_voice_is_found():
    findings = check("The report was written by the team.", "en", RECOMMENDATION_BOUNDS)
    assert [f.rule for f in findings] == ["passive_voice"]
    assert "was written" in findings[0].message
    assert rules("Decisions are explained clearly to staff.") == ["passive_voice"]


def test_active_voice_with_be_is_not_passive():
    assert rules("The team is ready to start work.") == []


def test_jargon_is_found():
    findings = check("Leverage the team to find new ways of working.", "en", RECOMMENDATION_BOUNDS)
    assert [(f.rule, f.message) for f in findings] == [("jargon", "jargon: 'leverage'")]
    assert rules("Plan the work going forward.") == ["jargon"]


def test_long_sentence_is_found():
    text = " ".join(["word"] * 26) + "."
    assert "sentence_length" in rules(text, bounds=Bounds(max_sentence_words=25, max_grade=99))
    assert rules(" ".join(["word"] * 25) + ".", bounds=Bounds(max_sentence_words=25, max_grade=99)) == []


def test_hard_english_is_found():
    text = "Organisational effectiveness necessitates comprehensive institutional considerations."
    assert "readability" in rules(text)


def test_danish_lix_bound():
    plain = "Spørg en kollega om råd. Skriv svaret ned. Prøv det i morgen."
    hard = (
        "Organisationsudviklingsprocessen forudsætter omfattende kompetenceudviklingsinitiativer "
        "og ledelsesmæssig forankring i virksomhedens strategiske prioriteringer."
    )
    assert check(plain, "da", QUESTION_BOUNDS) == []
    findings = check(hard, "da", QUESTION_BOUNDS)
    assert [f.rule for f in findings] == ["readability"]
    assert "LIX" in findings[0].message
    assert check(hard, "da", Bounds(max_lix=200)) == []


def test_english_rules_do_not_apply_to_danish():
    assert check("Rapporten blev skrevet af teamet, som var robust.", "da", QUESTION_BOUNDS) == []


def test_sentences_and_words():
    assert sentences("One two. Three four! Five?") == ["One two.", "Three four!", "Five?"]
    assert words("Don't stop-start now.") == ["Don't", "stop-start", "now"]


def test_findings_carry_their_facts_for_a_caller_that_words_them_itself():
    (long,) = check(" ".join(["word"] * 26) + ".", "en", Bounds(max_sentence_words=25, max_grade=99))
    assert (long.facts["words"], long.facts["most"]) == (26, 25)
    (jargon,) = check("Leverage the team to find new ways of working.", "en", RECOMMENDATION_BOUNDS)
    assert jargon.facts == {"term": "leverage"}


def test_the_counted_measures_need_no_package_and_find_what_textstat_finds():
    hard = "Organisational effectiveness necessitates comprehensive institutional considerations."
    assert [f.rule for f in check(hard, "en", RECOMMENDATION_BOUNDS, COUNTED)] == ["readability"]
    plain = "Ask one colleague for feedback after each meeting."
    assert check(plain, "en", QUESTION_BOUNDS, COUNTED) == []
    danish = (
        "Organisationsudviklingsprocessen forudsætter omfattende kompetenceudviklingsinitiativer "
        "og ledelsesmæssig forankring i virksomhedens strategiske prioriteringer."
    )
    assert [f.rule for f in check(danish, "da", QUESTION_BOUNDS, COUNTED)] == ["readability"]


def test_syllables_are_counted_near_enough_for_a_reading_grade():
    counted = {w: syllables(w) for w in ("the", "made", "table", "doing", "idea", "colleague", "planned", "wanted")}
    assert counted == {"the": 1, "made": 1, "table": 2, "doing": 2, "idea": 3, "colleague": 2, "planned": 1,
                       "wanted": 2}  # fmt: skip


def test_on_the_library_text_the_counted_measures_agree_with_textstat():
    """The measure a function uses to check goals as they are written, against the one the library is written to."""
    texts = [t for c in library().competencies for t in (c.definition, *c.questions, *c.recommendations)]
    grades = [COUNTED.grade(t.en) - TEXTSTAT.grade(t.en) for t in texts]
    lix = [COUNTED.lix(t.da) - TEXTSTAT.lix(t.da) for t in texts]
    assert abs(statistics.mean(grades)) < 0.2 and abs(statistics.mean(lix)) < 0.3
    assert sum(abs(d) <= 1 for d in grades) / len(grades) >= 0.9
    assert sum(abs(d) <= 1.5 for d in lix) / len(lix) >= 0.9
    assert max(abs(d) for d in grades + lix) < 6
