"""The plain-language checker that guards the library text, goals and comments."""

from __future__ import annotations

from janus.library.authoring import QUESTION_BOUNDS, RECOMMENDATION_BOUNDS
from janus.library.plain_language import Bounds, check, sentences, words


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
