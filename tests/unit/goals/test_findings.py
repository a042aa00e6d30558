"""Findings: the plain-language and SMART rules a goal is written to, said in English or Danish."""

from __future__ import annotations

from datetime import date

from janus.goals.findings import WORDS, Draft, findings
from janus.goals.quarters import period_end

TODAY = date(2030, 3, 4)  # 2030-Q1: the period runs to the end of 2031-Q1


def draft(**fields) -> Draft:
    base = {"title": "Answer customers within one working day", "measure": "Share of tickets answered in a day",
            "target": "95 %", "due": date(2030, 6, 30), "owner": "e", "parent_due": None}  # fmt: skip
    return Draft(**{**base, **fields})


def codes(found: list[dict]) -> list[str]:
    return [f["code"] for f in found]


def test_a_clear_specific_measurable_timed_goal_has_no_findings():
    assert findings(draft(), "en", TODAY) == []
    danish = draft(title="Svar kunderne inden for én arbejdsdag", measure="Andel sager besvaret samme dag")
    assert findings(danish, "da", TODAY) == []


def test_without_a_measure_or_target_the_goal_asks_for_one_unless_key_results_give_them():
    assert codes(findings(draft(measure=None, target=None), "en", TODAY)) == ["no_measure", "no_target"]
    assert findings(draft(measure=None, target=None, key_results=("Share answered in a day",)), "en", TODAY) == []


def test_a_draft_without_title_owner_or_due_date_is_told_each():
    found = findings(draft(title="", owner=None, due=None), "en", TODAY)
    assert codes(found) == ["no_title", "no_owner", "no_due_date"]
    assert [f["field"] for f in found] == ["title", "owner", "due"]


def test_one_outcome_per_goal():
    (found,) = findings(draft(title="Cut costs and grow sales"), "en", TODAY)
    assert found["code"] == "several_outcomes" and "'and'" in found["message"]
    (danish,) = findings(draft(title="Skær omkostninger og øg salget"), "da", TODAY)
    assert danish["code"] == "several_outcomes" and danish["message"].startswith("Ét mål, ét resultat")
    assert findings(draft(title="Ship the R&D roadmap"), "en", TODAY) == []


def test_the_due_date_is_inside_the_period_and_not_after_the_goal_it_supports():
    assert period_end(TODAY) == date(2031, 3, 31)
    assert codes(findings(draft(due=date(2030, 3, 3)), "en", TODAY)) == ["due_passed"]
    assert codes(findings(draft(due=date(2031, 3, 31)), "en", TODAY)) == []
    (beyond,) = findings(draft(due=date(2031, 4, 1)), "en", TODAY)
    assert beyond["code"] == "due_beyond_period" and "2031-03-31" in beyond["message"]
    (late,) = findings(draft(parent_due=date(2030, 5, 31)), "da", TODAY)
    assert late == {
        "code": "due_after_parent",
        "message": "Fristen 2030-06-30 ligger efter fristen for det mål, det støtter (2030-05-31).",
        "field": "due",
    }


def test_plain_language_in_english_finds_jargon_passive_voice_and_long_sentences():
    found = findings(draft(measure="Tickets are answered by the team and we leverage the new tool."), "en", TODAY)
    assert [(f["code"], f["field"]) for f in found] == [("passive_voice", "measure"), ("jargon", "measure")]
    assert found[1]["message"] == "Jargon: 'leverage'. Use a plain word instead."
    long_title = " ".join(["word"] * 27)
    assert "sentence_length" in codes(findings(draft(title=long_title), "en", TODAY))


def test_plain_language_in_danish_is_judged_by_lix_and_said_in_danish():
    hard = (
        "Organisationsudviklingsprocessen forudsætter omfattende kompetenceudviklingsinitiativer "
        "og ledelsesmæssig forankring i virksomhedens strategiske prioriteringer."
    )
    found = [f for f in findings(draft(measure=hard), "da", TODAY) if f["field"] == "measure"]
    assert codes(found) == ["readability"]
    assert found[0]["message"].startswith("Svær at læse (LIX")


def test_a_short_text_is_not_given_a_reading_grade():
    # Three long words make a grade of 20, which says nothing about a title.
    assert findings(draft(title="Increase customer satisfaction"), "en", TODAY) == []
    hard = "Organisational effectiveness necessitates comprehensive institutional considerations for everyone in it."
    assert len(hard.split()) >= 10
    (found,) = findings(draft(measure=hard), "en", TODAY)
    assert found["code"] == "readability" and found["message"].startswith("Hard to read (reading grade")


def test_key_result_titles_are_checked_and_named_by_place():
    found = findings(draft(key_results=("Ok", "Synergies are leveraged")), "en", TODAY)
    assert {f["field"] for f in found} == {"key_results[2].title"}


def test_both_languages_say_every_finding():
    assert set(WORDS["en"]) == set(WORDS["da"])


def test_an_unknown_language_is_answered_in_english():
    assert findings(draft(due=None), "fr", TODAY)[0]["message"] == "Add a due date."
