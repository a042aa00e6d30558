"""What a manager sees when one of their team proposes peers: who proposed how many colleagues for which
cycle, their names, until when to decide, and one way to the team page, in the manager's language."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from typing import Any

import pytest

from janus.invitations.mail import render_proposals_waiting
from tests.unit.invitations.test_mail import assert_one_link, html_of, text_of

TEAM = "https://janus.example.com/team"


def notice(**overrides: Any) -> EmailMessage:
    """Render the notice to Mette that Anna proposed two colleagues, and parse it back as a mail client would."""
    arguments: dict[str, Any] = {
        "sender": "Janus <no-reply@janus.example.com>",
        "to": "mette@example.com",
        "reader_name": "Mette",
        "locale": "en",
        "cycle_name": "Spring 360",
        "subject_name": "Anna Hansen",
        "peer_names": ["Bo Nielsen", "Karen Holm"],
        "team_link": TEAM,
    } | overrides
    message = render_proposals_waiting(**arguments)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_the_manager_is_told_who_proposed_how_many_colleagues_and_until_when_to_decide() -> None:
    message = notice()
    text = text_of(message)

    # A subject this long is folded; Python before 3.13 parses the fold back with a leading space.
    assert message["Subject"].strip() == "Anna Hansen proposed 2 colleagues for Spring 360: your decision is needed"
    assert message["Content-Language"] == "en"
    assert "Hi Mette," in text
    assert "Anna Hansen has proposed 2 colleagues to give feedback as peers in Spring 360:" in text
    assert [line for line in text.splitlines() if line.startswith("- ")] == ["- Bo Nielsen", "- Karen Holm"]
    assert "until the cycle is launched" in text
    assert "Decide on the proposals:" in text
    assert_one_link(message, TEAM)


def test_one_colleague_reads_in_the_singular() -> None:
    message = notice(peer_names=["Bo Nielsen"])
    assert message["Subject"].strip() == "Anna Hansen proposed 1 colleague for Spring 360: your decision is needed"
    assert "Anna Hansen has proposed 1 colleague to give" in text_of(message)


def test_danish_managers_are_told_in_danish() -> None:
    message = notice(locale="da-DK", reader_name="Mette")
    text, html = text_of(message), html_of(message)

    subject = "Anna Hansen har foreslået 2 kolleger til Spring 360: de afventer din beslutning"
    assert message["Subject"].strip() == subject
    assert message["Content-Language"] == "da"
    assert '<html lang="da">' in html
    assert "Hej Mette" in text
    assert "Anna Hansen har foreslået, at 2 kolleger giver feedback i Spring 360:" in text
    assert "indtil runden bliver sat i gang" in text
    assert "Tag stilling til forslagene:" in text
    assert "Tag stilling til forslagene</a>" in html
    assert_one_link(message, TEAM)


@pytest.mark.parametrize("locale", ["en", "da"])
def test_the_notice_holds_no_other_link_no_date_and_no_token(locale: str) -> None:
    message = notice(locale=locale, peer_names=["Bo Nielsen"], cycle_name="Spring 360")
    everything = f"{message['Subject']}\n{text_of(message)}\n{html_of(message)}"

    assert set(re.findall(r"https?://[^\s\"<]+", everything)) == {TEAM}
    for absent in ("token", "/feedback/", "/reports/", "2030"):
        assert absent not in everything
    for absent in ("<img", "<script", "<style", "<form", "<iframe", "javascript:"):
        assert absent not in html_of(message).lower()


def test_names_are_escaped_in_html_and_kept_as_written_in_text() -> None:
    message = notice(subject_name="<b>Anna</b>", peer_names=["Bo & Co <x>"], cycle_name="R&D <2030>")
    html, text = html_of(message), text_of(message)

    assert "<b>Anna</b>" not in html and "&lt;b&gt;Anna&lt;/b&gt;" in html
    assert "Bo &amp; Co &lt;x&gt;" in html
    assert "R&amp;D &lt;2030&gt;" in html
    assert "- Bo & Co <x>" in text.splitlines()


def test_line_breaks_in_names_cannot_break_the_headers() -> None:
    message = notice(subject_name="Anna\r\nBcc: someone@example.com")
    assert "Bcc" not in message
    assert message["Subject"].strip().startswith("Anna Bcc: someone@example.com proposed 2 colleagues")


def test_an_http_team_link_is_allowed_only_on_this_machine() -> None:
    assert_one_link(notice(team_link="http://127.0.0.1:3000/team"), "http://127.0.0.1:3000/team")
    with pytest.raises(ValueError, match="https"):
        notice(team_link="http://janus.example.com/team")


@pytest.mark.parametrize(
    "overrides",
    [
        {"peer_names": []},
        {"peer_names": ["Bo", "  "]},
        {"subject_name": " "},
        {"team_link": "/team"},
        {"team_link": "https://janus.example.com/te am"},
    ],
)
def test_bad_input_is_refused(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        notice(**overrides)
