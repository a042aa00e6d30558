"""What a rater sees in the feedback e-mail: one message, every person, their own link, their language.

And what the person reviewed and their manager see when the reports are released: a link, no content."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import yaml

from janus.invitations.mail import (
    FeedbackRequest,
    render_closed_by_deadline,
    render_invitation,
    render_report_released,
)
from janus.library import library

DEADLINE = datetime(2026, 12, 15, 16, 0, tzinfo=UTC)  # 17:00 in Copenhagen
SELF = FeedbackRequest("Anna Hansen", "self", "https://janus.example.com/f/r-self?token=tok-self-111")
METTE = FeedbackRequest("Mette Kjær", "manager", "https://janus.example.com/f/r-mette?token=tok-mette-222")
BO = FeedbackRequest("Bo Nielsen", "peer", "https://janus.example.com/f/r-bo?token=tok-bo-333")


EMAIL_STRINGS = Path(__file__).resolve().parents[3] / "functions/janus/kernel/templates/email/strings.yaml"


def send(**overrides: Any) -> EmailMessage:
    """Render, then parse the bytes back, as the rater's mail client would."""
    arguments: dict[str, Any] = {
        "sender": "Janus <no-reply@janus.example.com>",
        "to": "anna.hansen@example.com",
        "rater_name": "Anna",
        "locale": "en",
        "cycle_name": "Autumn 360",
        "deadline": DEADLINE,
        "time_zone": "Europe/Copenhagen",
        "requests": [METTE, SELF, BO],
        "minutes_each": 7,
    } | overrides
    message = render_invitation(**arguments)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return part.get_content()


def test_one_message_lists_every_person_with_their_own_link() -> None:
    message = send()
    text, html = text_of(message), html_of(message)

    for request in (SELF, METTE, BO):
        assert text.count(request.link) == 1
        assert html.count(request.link) == 1
        # In the text part the link stands on a line of its own.
        assert request.link in text.splitlines()
    assert len(re.findall(r"https://", text)) == 3
    assert len(re.findall(r'<a\s[^>]*href="https://', html)) == 3

    assert "Mette Kjær – as their manager" in text
    assert "Bo Nielsen – as a colleague" in text
    assert "Anna Hansen – yourself" in text
    assert ">Give feedback to Mette Kjær</a>" in html
    assert ">Give feedback to Bo Nielsen</a>" in html
    assert message["Subject"] == "Your feedback is requested: Autumn 360 (3 people)"
    assert message["To"] == "anna.hansen@example.com"
    assert message["From"] == "Janus <no-reply@janus.example.com>"


def test_self_assessment_comes_first_then_the_order_given() -> None:
    message = send()
    text, html = text_of(message), html_of(message)

    positions = [text.index(request.link) for request in (SELF, METTE, BO)]
    assert positions == sorted(positions)
    positions = [html.index(request.link) for request in (SELF, METTE, BO)]
    assert positions == sorted(positions)


def test_the_rater_is_told_what_when_how_long_and_who_sees_what() -> None:
    text = text_of(send())

    assert text.startswith("Hi Anna,")
    assert "Please answer by Tuesday 15 December 2026 at 17:00 (Europe/Copenhagen)." in text
    assert "about 7 minutes each" in text
    assert "combined and only shown when enough people have answered" in text
    assert "manager's answers may be identifiable" in text
    assert "do not forward" in text
    assert "save a draft" in text


def test_every_relationship_is_put_in_words() -> None:
    requests = [
        FeedbackRequest("Rita Report", "direct_report", "https://janus.example.com/f/1?token=a"),
        FeedbackRequest("Otto Other", "other", "https://janus.example.com/f/2?token=b"),
    ]
    text = text_of(send(requests=requests))
    assert "Rita Report – as someone who reports to them" in text
    assert "Otto Other – as someone who works with them" in text


def test_danish_mail_is_danish_and_the_deadline_is_in_the_raters_time_zone() -> None:
    message = send(locale="da", rater_name="Søren")
    text, html = text_of(message), html_of(message)

    assert message["Subject"] == "Vi beder om din feedback: Autumn 360 (3 personer)"
    assert message["Content-Language"] == "da"
    assert text.startswith("Hej Søren")
    assert "Svarfristen er tirsdag den 15. december 2026 kl. 17:00 (Europe/Copenhagen)." in text
    assert "tirsdag den 15. december 2026 kl. 17:00" in html
    assert "Mette Kjær – som leder" in text
    assert "Anna Hansen – dig selv" in text
    assert ">Giv feedback til Mette Kjær</a>" in html
    assert "ca. 7 minutter pr. skema" in text
    assert "send ikke mailen videre" in text
    assert "gemme en kladde" in text
    assert '<html lang="da">' in html
    for english in ("Tuesday", "December", "feedback on", "minutes", "yourself"):
        assert english not in text


def test_the_deadline_names_the_time_zone_it_is_shown_in() -> None:
    end_of_day = datetime(2027, 3, 31, 21, 59, 59, tzinfo=UTC)  # 23:59:59 in Copenhagen
    text = text_of(send(deadline=end_of_day))
    assert "Please answer by Wednesday 31 March 2027 at 23:59 (Europe/Copenhagen)." in text
    assert "onsdag den 31. marts 2027 kl. 23:59 (Europe/Copenhagen)" in html_of(send(deadline=end_of_day, locale="da"))
    assert "at 21:59 (UTC)" in text_of(send(deadline=end_of_day, time_zone="UTC"))


def test_the_deadline_follows_the_time_zone_not_utc() -> None:
    # 23:30 UTC on Monday 14 December is already Tuesday morning in Copenhagen
    # and still Monday afternoon in New York.
    late = datetime(2026, 12, 14, 23, 30, tzinfo=UTC)
    assert "Tuesday 15 December 2026 at 00:30 (Europe/Copenhagen)" in text_of(send(deadline=late))
    assert "Monday 14 December 2026 at 18:30 (America/New_York)" in text_of(
        send(deadline=late, time_zone="America/New_York")
    )
    # Summer time: 16:00 UTC is 18:00 in Copenhagen in June.
    assert "mandag den 15. juni 2026 kl. 18:00" in text_of(
        send(locale="da", deadline=datetime(2026, 6, 15, 16, 0, tzinfo=UTC))
    )


def test_a_regional_locale_picks_the_language_and_an_unknown_one_falls_back_to_english() -> None:
    assert send(locale="da-DK")["Subject"].startswith("Vi beder om din feedback")
    assert send(locale="fr")["Subject"].startswith("Your feedback is requested")


def test_reminder_subject_says_reminder_and_counts_what_is_pending() -> None:
    message = send(reminder=True, requests=[METTE, BO])
    assert message["Subject"] == "Reminder: 2 feedback forms due 15 December"
    text = text_of(message)
    assert "reminder" in text
    assert SELF.link not in text

    danish = send(reminder=True, requests=[BO], locale="da")
    assert danish["Subject"] == "Påmindelse: 1 feedbackskema skal udfyldes senest den 15. december"
    assert "Linket er personligt" in text_of(danish)


def test_one_request_reads_in_the_singular() -> None:
    message = send(requests=[BO])
    assert message["Subject"] == "Your feedback is requested: Autumn 360 (1 person)"
    text = text_of(message)
    assert "It takes about 7 minutes." in text
    assert "The link is personal" in text


def test_html_escapes_names_and_text_keeps_them_as_written() -> None:
    tricky = FeedbackRequest("<b>Bo</b>", "peer", "https://janus.example.com/f/x?token=tok-x")
    message = send(requests=[tricky], rater_name='<script>alert("hi")</script>', cycle_name="R&D <2026>")
    html = html_of(message)

    assert "<b>Bo</b>" not in html
    assert "&lt;b&gt;Bo&lt;/b&gt;" in html
    assert "<script" not in html
    assert "R&amp;D &lt;2026&gt;" in html
    assert "<b>Bo</b> – as a colleague" in text_of(message)


def test_html_is_simple_accessible_and_free_of_tracking() -> None:
    html = html_of(send())

    assert '<html lang="en">' in html
    assert "max-width:600px" in html
    for absent in ("<img", "<script", "<style", "<link", "javascript:", "<form", "<iframe"):
        assert absent not in html.lower()
    # Every link goes to one of the feedback forms and nowhere else.
    assert set(re.findall(r'href="([^"]+)"', html)) == {SELF.link, METTE.link, BO.link}


def test_the_message_is_multipart_alternative_with_text_then_html() -> None:
    message = send()
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    for part in message.iter_parts():
        assert part.get_content_charset() == "utf-8"


def test_the_configuration_set_header_only_when_given() -> None:
    assert send(configuration_set="janus-feedback")["X-SES-CONFIGURATION-SET"] == "janus-feedback"
    assert "X-SES-CONFIGURATION-SET" not in send()


def test_line_breaks_in_names_cannot_break_the_headers() -> None:
    message = send(cycle_name="Autumn\r\nBcc: someone@example.com")
    # A subject this long is folded onto its own line, which Python before 3.13 parses back
    # with the fold's leading space (CPython gh-124452); mail clients drop it.
    assert message["Subject"].strip() == "Your feedback is requested: Autumn Bcc: someone@example.com (3 people)"
    assert "Bcc" not in message


def test_the_link_never_shows_in_a_repr_or_an_error() -> None:
    assert "tok-mette" not in repr(METTE)
    secret = FeedbackRequest("Bo", "peer", "http://janus.example.com/f/x?token=tok-secret")
    with pytest.raises(ValueError, match="https") as error:
        send(requests=[secret])
    assert "tok-secret" not in str(error.value)


@pytest.mark.parametrize(
    "overrides",
    [
        {"requests": []},
        {"requests": [FeedbackRequest("Bo", "friend", "https://janus.example.com/f/x")]},
        {"requests": [FeedbackRequest("Bo", "peer", "/f/x?token=relative")]},
        {"deadline": datetime(2026, 12, 15, 17, 0)},  # naive on purpose
        {"time_zone": "Mars/Olympus_Mons"},
    ],
)
def test_bad_input_is_refused(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        send(**overrides)


def test_both_languages_have_the_same_strings() -> None:
    path = EMAIL_STRINGS
    strings = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(strings) == {"en", "da"}
    assert set(strings["en"]) == set(strings["da"])
    for words in strings.values():
        assert len(words["weekdays"]) == 7
        assert len(words["months"]) == 12


# The release notice -------------------------------------------------------------------

REPORT = "https://janus.example.com/reports/r-anna"
TEAM = "https://janus.example.com/reports/team"


def release(**overrides: Any) -> EmailMessage:
    """Render the release notice (to the person reviewed unless overridden) and parse it back."""
    arguments: dict[str, Any] = {
        "sender": "Janus <no-reply@janus.example.com>",
        "to": "anna.hansen@example.com",
        "reader_name": "Anna",
        "locale": "en",
        "cycle_name": "Autumn 360",
        "subject_name": None,
        "report_link": REPORT,
    } | overrides
    message = render_report_released(**arguments)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def to_manager(**overrides: Any) -> EmailMessage:
    arguments = {"reader_name": "Mette", "subject_name": "Anna Hansen", "report_link": TEAM, "team_size": 3}
    return release(**(arguments | overrides))


def assert_one_link(message: EmailMessage, link: str) -> None:
    text, html = text_of(message), html_of(message)
    assert text.count(link) == 1
    assert link in text.splitlines()
    assert html.count(link) == 1
    assert re.findall(r'href="([^"]+)"', html) == [link]


def test_the_person_reviewed_is_told_their_report_is_ready() -> None:
    message = release()
    text, html = text_of(message), html_of(message)

    assert message["Subject"] == "Your feedback report for Autumn 360 is ready"
    assert message["Content-Language"] == "en"
    assert_one_link(message, REPORT)
    assert text.startswith("Hi Anna,")
    assert "Your feedback report from Autumn 360 is now ready in Janus." in text
    lines = text.splitlines()
    assert lines[lines.index(REPORT) - 1] == "Open your report:"
    assert ">Open your report</a>" in html
    assert "sign in" in text
    assert "starting point for a conversation" in text
    assert "Blind spots and hidden strengths" in text
    assert "with your manager" in text
    assert "confidential" in text
    assert "your team" not in text
    assert '<html lang="en">' in html


def test_the_manager_is_told_their_teams_reports_are_ready_and_how_many() -> None:
    message = to_manager()
    text, html = text_of(message), html_of(message)

    assert message["Subject"] == "Feedback reports for your team are ready: Autumn 360"
    assert_one_link(message, TEAM)
    assert text.startswith("Hi Mette,")
    assert "including the report for Anna Hansen." in text
    assert "In all, 3 people in your team have a report." in text
    assert "In all, 3 people in your team have a report." in html
    assert ">Open your team&#39;s reports</a>" in html
    assert "sign in" in text
    assert "starting point for a conversation" in text
    assert "confidential" in text
    assert "Your feedback report" not in text


def test_the_team_size_reads_in_the_singular_and_is_left_out_when_unknown() -> None:
    assert "In all, 1 person in your team has a report." in text_of(to_manager(team_size=1))
    text = text_of(to_manager(team_size=0))
    assert "In all" not in text
    assert "including the report for Anna Hansen." in text


def test_danish_release_notices_are_danish() -> None:
    message = release(locale="da", reader_name="Søren")
    text, html = text_of(message), html_of(message)
    assert message["Subject"] == "Din feedbackrapport for Autumn 360 er klar"
    assert message["Content-Language"] == "da"
    assert_one_link(message, REPORT)
    assert text.startswith("Hej Søren")
    assert "Din feedbackrapport fra Autumn 360 er nu klar i Janus." in text
    assert ">Åbn din rapport</a>" in html
    assert "logger ind" in text
    assert "udgangspunkt for en god samtale" in text
    assert "Blinde vinkler og skjulte styrker" in text
    assert "din leder" in text
    assert "fortrolig" in text
    assert '<html lang="da">' in html

    manager = to_manager(locale="da-DK", reader_name="Mette", team_size=4)
    text = text_of(manager)
    assert manager["Subject"] == "Feedbackrapporterne for dit team er klar: Autumn 360"
    assert_one_link(manager, TEAM)
    assert "også rapporten for Anna Hansen." in text
    assert "I alt har 4 medarbejdere i dit team fået en rapport." in text
    assert "I alt har 1 medarbejder i dit team fået en rapport." in text_of(to_manager(locale="da", team_size=1))
    assert "fortrolige" in text
    for english in ("report ", "ready", "sign in", "manager", "confidential", "people"):
        assert english not in text


@pytest.mark.parametrize("locale", ["en", "da"])
@pytest.mark.parametrize("manager", [False, True])
def test_the_release_notice_holds_no_report_content(locale: str, manager: bool) -> None:
    message = to_manager(locale=locale) if manager else release(locale=locale)
    scale = library().scale
    labels = [point.label.get(locale) for point in scale.points] + [scale.not_able_to_rate.get(locale)]
    absent = [*labels, "score", "rating", "rated", "average", "comment", "kommentar", "gennemsnit"]
    for part in (text_of(message), html_of(message)):
        for word in absent:
            assert not re.search(rf"\b{re.escape(word)}", part, re.IGNORECASE), word
        assert not re.search(r"\b[1-5](?:[.,]\d)?\s*/\s*5\b", part)


def test_the_release_notice_escapes_names_in_html_and_keeps_them_in_text() -> None:
    message = to_manager(reader_name='<script>alert("hi")</script>', subject_name="<b>Bo</b>", cycle_name="R&D <2026>")
    html, text = html_of(message), text_of(message)

    assert "<script" not in html
    assert "<b>Bo</b>" not in html
    assert "&lt;b&gt;Bo&lt;/b&gt;" in html
    assert "R&amp;D &lt;2026&gt;" in html
    assert "including the report for <b>Bo</b>." in text
    assert message["Subject"] == "Feedback reports for your team are ready: R&D <2026>"


def test_the_release_notice_is_multipart_alternative_with_text_then_html() -> None:
    for message in (release(), to_manager()):
        assert message.get_content_type() == "multipart/alternative"
        assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
        for part in message.iter_parts():
            assert part.get_content_charset() == "utf-8"
        assert message["Auto-Submitted"] == "auto-generated"
    assert release(configuration_set="janus-feedback")["X-SES-CONFIGURATION-SET"] == "janus-feedback"
    assert "X-SES-CONFIGURATION-SET" not in release()


def test_line_breaks_in_the_cycle_name_cannot_break_the_release_headers() -> None:
    message = release(cycle_name="Autumn\r\nBcc: someone@example.com")
    assert message["Subject"].strip() == "Your feedback report for Autumn Bcc: someone@example.com is ready"
    assert "Bcc" not in message


def test_an_http_report_link_is_allowed_only_on_this_machine() -> None:
    local = "http://localhost:3000/reports/r-anna"
    assert_one_link(release(report_link=local), local)
    with pytest.raises(ValueError, match="https") as error:
        release(report_link="http://janus.example.com/reports/r-anna")
    assert "janus.example.com" not in str(error.value)


@pytest.mark.parametrize(
    "overrides",
    [
        {"report_link": "/reports/r-anna"},
        {"report_link": "https://janus.example.com/reports/r anna"},
        {"report_link": "javascript:alert(1)"},
        {"subject_name": " "},
        {"subject_name": "Anna Hansen", "team_size": -1},
        {"team_size": 3},  # a team size only makes sense in the manager's e-mail
    ],
)
def test_bad_release_input_is_refused(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        release(**overrides)


# The escalation notices ------------------------------------------------------------------

from janus.escalations.mail import render_escalation_notice  # noqa: E402  (this file's top is not ours to edit)

CASE = "https://janus.example.com/escalations/esc-0123456789abcdef"
DUE = datetime(2026, 12, 15, 16, 0, tzinfo=UTC)  # Tuesday 15 December, 17:00 in Copenhagen
KINDS = ("opened", "escalated", "review_due")
CAUSES = ("others_overall", "competency:giving_feedback", "manager_flag")


def notice(**overrides: Any) -> EmailMessage:
    """Render an escalation notice (a case opened for Anna, to her manager Mette) and parse it back."""
    arguments: dict[str, Any] = {
        "sender": "Janus <no-reply@janus.example.com>",
        "to": "mette.kjaer@example.com",
        "reader_name": "Mette",
        "locale": "en",
        "employee_name": "Anna Hansen",
        "kind": "opened",
        "cause": "others_overall",
        "due": DUE,
        "time_zone": "Europe/Copenhagen",
        "case_link": CASE,
    } | overrides
    if arguments["kind"] == "escalated" and "level" not in overrides:
        arguments["level"] = 1
    message = render_escalation_notice(**arguments)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def words_of(html: str) -> str:
    """The HTML's visible text: no tags, so no inline styles either."""
    return re.sub(r"<[^>]+>", " ", html)


def test_the_manager_is_told_a_case_opened_why_and_what_to_do_by_when() -> None:
    message = notice()
    text, html = text_of(message), html_of(message)

    assert message["Subject"] == "Confidential: performance case opened for Anna Hansen"
    assert message["Content-Language"] == "en"
    assert_one_link(message, CASE)
    assert text.startswith("Hi Mette,")
    assert "A case has been opened in Janus for Anna Hansen" in text
    assert "overall rating from others in the latest feedback report was at or below the threshold" in text
    assert "1. Acknowledge the case in Janus by Tuesday 15 December 2026 at 17:00 (Europe/Copenhagen)." in text
    assert "Tuesday 15 December 2026 at 17:00" in html
    plan = text.split("2. ", 1)[1].split("\n", 1)[0]
    assert plan.startswith("Then agree an improvement plan with Anna Hansen")
    for part in ("expected", "support", "progress will be measured", "dates for follow-up reviews"):
        assert part in plan
    assert "passes one level up" in text
    assert "sign in" in text
    assert "confidential" in text
    assert "do not forward" in text
    lines = text.splitlines()
    assert lines[lines.index(CASE) - 1] == "Open the case:"
    assert ">Open the case</a>" in html
    assert "<ol" in html
    assert '<html lang="en">' in html


@pytest.mark.parametrize(
    ("locale", "cause", "wording"),
    [
        ("en", "others_overall", "because the overall rating from others in the latest feedback report was at or"),
        ("en", "competency:giving_feedback", "because the rating for the competency “Giving feedback” in the latest"),
        ("en", "manager_flag", "because Anna Hansen's manager marked their performance as unacceptable."),
        ("da", "others_overall", "fordi den samlede vurdering fra andre i den seneste feedbackrapport lå på eller"),
        ("da", "competency:giving_feedback", "fordi vurderingen af kompetencen »At give feedback« i den seneste"),
        ("da", "manager_flag", "fordi nærmeste leder har vurderet, at arbejdsindsatsen hos Anna Hansen ikke er"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_the_cause_is_put_in_plain_words(kind: str, locale: str, cause: str, wording: str) -> None:
    message = notice(kind=kind, locale=locale, cause=cause)
    assert wording in text_of(message)
    assert wording.replace("'", "&#39;") in html_of(message)


def test_a_competency_is_named_from_the_library_in_the_readers_language() -> None:
    competency = library().competency("conflict_resolution")
    for locale in ("en", "da-DK"):
        name = competency.name.get(locale)
        text = text_of(notice(cause="competency:conflict_resolution", locale=locale))
        assert name in text
        assert "conflict_resolution" not in text
    assert "»Konflikthåndtering«" in text_of(notice(cause="competency:conflict_resolution", locale="da"))


def test_the_new_owner_is_told_the_deadline_was_missed_and_the_case_is_now_theirs() -> None:
    message = notice(kind="escalated", level=2, reader_name="Lars")
    text, html = text_of(message), html_of(message)

    assert message["Subject"] == "Confidential: performance case for Anna Hansen escalated to you"
    assert_one_link(message, CASE)
    assert text.startswith("Hi Lars,")
    assert "The deadline in the case for Anna Hansen has passed" in text
    assert "now rests with you (escalation level 2)." in text
    assert "see which step is outstanding" in text
    assert "Take that step in Janus by Tuesday 15 December 2026 at 17:00 (Europe/Copenhagen)." in text
    assert "Tuesday 15 December 2026 at 17:00" in html
    assert "Acknowledge the case" not in text


def test_the_owner_is_told_a_review_is_due_and_which_outcomes_to_record() -> None:
    message = notice(kind="review_due", level=1)
    text, html = text_of(message), html_of(message)

    assert message["Subject"] == "Confidential: follow-up review for Anna Hansen due 15 December"
    assert_one_link(message, CASE)
    due = "is due on Tuesday 15 December 2026 at 17:00 (Europe/Copenhagen)."
    assert f"review of the improvement plan for Anna Hansen {due}" in text
    assert "Tuesday 15 December 2026 at 17:00" in html
    assert "Record the outcome in Janus: improved (the case closes), extended (the plan continues)" in text
    assert "or closed with a decision." in text
    assert "escalation level" not in text


@pytest.mark.parametrize(
    ("kind", "subject", "lines"),
    [
        (
            "opened",
            "Fortroligt: Opfølgningssag om Anna Hansen er oprettet",
            [
                "Der er oprettet en sag i Janus om Anna Hansen som led i vores proces for opfølgning",
                "1. Kvittér for sagen i Janus senest tirsdag den 15. december 2026 kl. 17:00 (Europe/Copenhagen).",
                "2. Aftal derefter en handlingsplan med Anna Hansen, der beskriver forventningerne, den støtte",
            ],
        ),
        (
            "escalated",
            "Fortroligt: Opfølgningssagen om Anna Hansen er eskaleret til dig",
            [
                "Fristen i sagen om Anna Hansen er overskredet",
                "ligger nu hos dig (eskaleringsniveau 1).",
                "2. Gennemfør det skridt i Janus senest tirsdag den 15. december 2026 kl. 17:00 (Europe/Copenhagen).",
            ],
        ),
        (
            "review_due",
            "Fortroligt: Opfølgning på handlingsplanen for Anna Hansen senest den 15. december",
            [
                "opfølgning på handlingsplanen for Anna Hansen senest tirsdag den 15. december 2026 kl. 17:00 "
                "(Europe/Copenhagen).",
                "forbedret (sagen lukkes), forlænget (handlingsplanen fortsætter) eller lukket med en beslutning.",
            ],
        ),
    ],
)
def test_danish_escalation_notices_are_danish(kind: str, subject: str, lines: list[str]) -> None:
    message = notice(kind=kind, locale="da", reader_name="Søren")
    text, html = text_of(message), html_of(message)

    assert message["Subject"] == subject
    assert message["Content-Language"] == "da"
    assert_one_link(message, CASE)
    assert text.startswith("Hej Søren")
    for line in lines:
        assert line in text
    assert "tirsdag den 15. december 2026 kl. 17:00" in html
    assert ">Åbn sagen</a>" in html
    assert "logger ind" in text
    assert "fortrolig" in text
    assert "Send ikke mailen videre" in text
    assert '<html lang="da">' in html
    for english in ("the ", "case", "review", "manager", "Tuesday", "December", "Open", "sign in", "level"):
        assert english not in text


def test_the_due_date_follows_the_readers_time_zone_not_utc() -> None:
    # 23:30 UTC on Monday 14 December is already Tuesday in Copenhagen and still Monday in New York.
    late = datetime(2026, 12, 14, 23, 30, tzinfo=UTC)
    assert "by Tuesday 15 December 2026 at 00:30 (Europe/Copenhagen)." in text_of(notice(due=late))
    new_york = text_of(notice(due=late, time_zone="America/New_York"))
    assert "by Monday 14 December 2026 at 18:30 (America/New_York)." in new_york
    assert notice(kind="review_due", due=late)["Subject"].endswith("due 15 December")
    assert notice(kind="review_due", due=late, time_zone="America/New_York")["Subject"].endswith("due 14 December")
    summer = text_of(notice(kind="escalated", locale="da", due=datetime(2026, 6, 15, 16, 0, tzinfo=UTC)))
    assert "senest mandag den 15. juni 2026 kl. 18:00 (Europe/Copenhagen)." in summer


@pytest.mark.parametrize("cause", CAUSES)
@pytest.mark.parametrize("locale", ["en", "da"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_escalation_notice_holds_no_scores_or_comments(kind: str, locale: str, cause: str) -> None:
    message = notice(kind=kind, locale=locale, cause=cause)
    scale = library().scale
    labels = [point.label.get(locale) for point in scale.points] + [scale.not_able_to_rate.get(locale)]
    absent = [*labels, "score", "average", "mean", "comment", "note", "kommentar", "gennemsnit", "point", "karakter"]
    for part in (text_of(message), words_of(html_of(message)), message["Subject"]):
        for word in absent:
            assert not re.search(rf"\b{re.escape(word)}", part, re.IGNORECASE), word
        assert not re.search(r"\d[.,]\d", part)  # no 1.5, no 2,0
        assert not re.search(r"\d\s*/\s*\d", part)  # no 2/5


def test_the_escalation_notice_escapes_names_in_html_and_keeps_them_in_text() -> None:
    message = notice(
        kind="escalated",
        cause="manager_flag",
        reader_name='<script>alert("hi")</script>',
        employee_name="<b>Bo</b> O'Brien",
    )
    html, text = html_of(message), text_of(message)

    assert "<script" not in html
    assert "<b>Bo</b>" not in html
    assert "&lt;b&gt;Bo&lt;/b&gt; O&#39;Brien" in html
    assert "&lt;b&gt;Bo&lt;/b&gt; O&#39;Brien&#39;s manager marked" in html
    assert "The deadline in the case for <b>Bo</b> O'Brien has passed" in text
    assert message["Subject"] == "Confidential: performance case for <b>Bo</b> O'Brien escalated to you"
    assert re.findall(r'href="([^"]+)"', html) == [CASE]


def test_the_escalation_notice_is_multipart_alternative_simple_and_free_of_tracking() -> None:
    for kind in KINDS:
        message = notice(kind=kind)
        assert message.get_content_type() == "multipart/alternative"
        assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
        for part in message.iter_parts():
            assert part.get_content_charset() == "utf-8"
        assert message["Auto-Submitted"] == "auto-generated"
        html = html_of(message)
        assert "max-width:600px" in html
        for absent in ("<img", "<script", "<style", "<link", "javascript:", "<form", "<iframe"):
            assert absent not in html.lower()
    assert notice(configuration_set="janus-mail")["X-SES-CONFIGURATION-SET"] == "janus-mail"
    assert "X-SES-CONFIGURATION-SET" not in notice()


def test_line_breaks_in_the_employee_name_cannot_break_the_escalation_headers() -> None:
    message = notice(employee_name="Anna\r\nBcc: someone@example.com")
    assert message["Subject"].strip() == "Confidential: performance case opened for Anna Bcc: someone@example.com"
    assert "Bcc" not in message


def test_an_http_case_link_is_allowed_only_on_this_machine() -> None:
    local = "http://localhost:3000/escalations/esc-1"
    assert_one_link(notice(case_link=local), local)
    with pytest.raises(ValueError, match="https"):
        notice(case_link="http://janus.example.com/escalations/esc-1")


def test_both_languages_have_the_same_steps() -> None:
    path = EMAIL_STRINGS
    strings = yaml.safe_load(path.read_text(encoding="utf-8"))
    for kind in KINDS:
        key = f"steps_escalation_{kind}"
        assert len(strings["en"][key]) == len(strings["da"][key]) >= 2


@pytest.mark.parametrize("kind", ["closed", "OPENED", "reminder", ""])
def test_an_unknown_kind_is_refused(kind: str) -> None:
    with pytest.raises(ValueError, match="kind"):
        notice(kind=kind)


@pytest.mark.parametrize(
    "cause",
    [
        "",
        "others",
        "Manager_Flag",
        "competency:",
        "competency:no_such_competency",
        "competency:giving_feedback:extra",
        "giving_feedback",
        "score:others_overall",
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_cause_is_refused(kind: str, cause: str) -> None:
    with pytest.raises(ValueError, match="cause"):
        notice(kind=kind, cause=cause)


@pytest.mark.parametrize(
    "overrides",
    [
        {"due": None},
        {"kind": "review_due", "due": None},
        {"due": datetime(2026, 12, 15, 17, 0)},  # naive on purpose
        {"time_zone": "Mars/Olympus_Mons"},
        {"case_link": "/escalations/esc-1"},
        {"case_link": "https://janus.example.com/escalations/esc 1"},
        {"case_link": "javascript:alert(1)"},
        {"employee_name": " "},
        {"level": -1, "kind": "review_due"},
        {"level": 0, "kind": "escalated"},  # an escalated case is at level 1 or above
        {"level": 1},  # a case opens at level 0
    ],
)
def test_bad_escalation_input_is_refused(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        notice(**overrides)


# The notice that the deadline closed a cycle --------------------------------------------

CYCLE = "https://janus.example.com/cycles/c-1"


def test_hr_is_told_the_deadline_closed_the_cycle_with_its_response_rate() -> None:
    message = render_closed_by_deadline(
        sender="Janus <no-reply@janus.example.com>", to="hr@example.com", reader_name="Hanne", locale="en",
        cycle_name="Autumn 360", deadline=datetime(2026, 12, 15, 16, 0, tzinfo=UTC), time_zone="Europe/Copenhagen",
        submitted=30, asked=40, cycle_link=CYCLE,
    )  # fmt: skip
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    text = text_of(parsed)
    assert parsed["Subject"] == "Autumn 360 closed at its deadline: 75% responded"
    assert "15 December 2026 at 17:00 (Europe/Copenhagen)" in text
    assert "Response rate: 30 of 40 feedback forms were submitted (75%)." in text
    assert_one_link(parsed, CYCLE)
