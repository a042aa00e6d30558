"""The rater's feedback form and message pages: what a rater sees, in English and Danish."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import pytest

from janus.feedback import page as feedback_page
from janus.feedback.page import content_security_policy, render_form, render_message
from janus.library import library

PAGE = "https://x.example.com/v1/feedback/TOKEN"
NONCE = "bm9uY2UtZm9yLXRlc3Rz"
COMPETENCIES = ("communication", "teamwork")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def questionnaire(locale: str = "en", relationship: str = "peer", **overrides: Any) -> dict[str, Any]:
    """A questionnaire as GET /feedback/{token}/questionnaire answers it, from the real library."""
    catalogue = library().catalogue(locale)
    competencies = [
        {"id": c["id"], "name": c["name"], "definition": c["definition"], "questions": c["questions"]}
        for c in library().competency_list(locale)
        if c["id"] in COMPETENCIES
    ]
    q = {
        "cycle": {"id": "c-7f3a9b", "name": "Autumn 360", "deadline": "2026-12-15T16:00:00+00:00"},
        "subject": {"id": "e002", "name": "Mette Kjær"},
        "relationship": relationship,
        "locale": locale,
        "status": "in_progress",
        "scale": catalogue["scale"],
        "competencies": competencies,
        "answers": {
            "ratings": {"communication.q1": 4, "communication.q2": "na", "teamwork.q6": 1},
            "comments": {"communication": "Explains things well & calmly.\nSecond line."},
            "overall": "Keep it up.",
        },
        "limits": {"comment": 2000, "overall": 4000},
    }
    q.update(overrides)
    return q


class Page(HTMLParser):
    """The parsed page: elements with their attributes and text, plus the nesting we ask about."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, Any]] = []
        self.stack: list[dict[str, Any]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self.stack]}
        element["ancestors"] = list(self.stack)
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element["text"] += data

    def all(self, tag: str, **attrs: str) -> list[dict[str, Any]]:
        return [e for e in self.elements if e["tag"] == tag and all(e["attrs"].get(k) == v for k, v in attrs.items())]

    def one(self, tag: str, **attrs: str) -> dict[str, Any]:
        found = self.all(tag, **attrs)
        assert len(found) == 1, (tag, attrs, len(found))
        return found[0]

    def by_id(self, element_id: str) -> dict[str, Any]:
        found = [e for e in self.elements if e["attrs"].get("id") == element_id]
        assert len(found) == 1, (element_id, len(found))
        return found[0]

    def label_for(self, element_id: str) -> str:
        return " ".join(self.one("label", **{"for": element_id})["text"].split())

    def text(self) -> str:
        return " ".join(self.one("body")["text"].split())


def render(q: dict[str, Any] | None = None, **kwargs: Any) -> Page:
    return Page(render_form(q or questionnaire(), token="TOKEN", nonce=NONCE, **kwargs))


def test_says_who_is_rated_and_as_what_in_english() -> None:
    page = render()
    text = page.text()
    assert page.one("html")["attrs"]["lang"] == "en"
    assert " ".join(page.one("h1")["text"].split()) == "Feedback for Mette Kjær"
    assert "You are giving feedback to Mette Kjær as a colleague." in text
    assert "Autumn 360" in text
    assert "15 December 2026, 16:00 (UTC)" in text
    assert "About 5 minutes" in text  # 12 questions × 15 s + 2 min


@pytest.mark.parametrize(
    ("relationship", "en", "da"),
    [
        ("self", "This is your self-assessment.", "Dette er din selvevaluering."),
        ("manager", "to Mette Kjær as their manager.", "til Mette Kjær i din rolle som leder."),
        ("peer", "to Mette Kjær as a colleague.", "til Mette Kjær som kollega."),
        ("direct_report", "to Mette Kjær as someone who reports to them.", "til Mette Kjær, som er din leder."),
        ("other", "to Mette Kjær as someone who works with them.", "til Mette Kjær som samarbejdspartner."),
    ],
)
def test_relationship_wording(relationship: str, en: str, da: str) -> None:
    assert en in render(questionnaire("en", relationship)).text()
    assert da in render(questionnaire("da", relationship)).text()


def test_the_deadline_is_shown_in_the_cycles_time_zone_and_names_it() -> None:
    end_of_day = {"id": "c", "name": "Spring 360", "deadline": "2027-03-31T23:59:59+02:00"}
    assert "31 March 2027, 23:59 (UTC+02:00)" in render(questionnaire(cycle=end_of_day)).text()
    assert "31. marts 2027 kl. 23:59 (UTC+02:00)" in render(questionnaire("da", cycle=end_of_day)).text()


def test_danish_page() -> None:
    page = render(questionnaire("da"))
    text = page.text()
    assert page.one("html")["attrs"]["lang"] == "da"
    assert " ".join(page.one("h1")["text"].split()) == "Feedback til Mette Kjær"
    assert "15. december 2026 kl. 16:00 (UTC)" in text
    assert "Cirka 5 minutter" in text
    assert page.label_for("rating.communication.q1-3") == "3 Nogle gange"
    assert page.label_for("rating.communication.q1-na") == "Kan ikke vurdere"
    assert "Gem kladde" in text and "Send svar" in text


def test_privacy_note_is_accurate_for_each_relationship() -> None:
    self_text = render(questionnaire("en", "self")).text()
    assert "Only you, your manager and HR see your self-assessment." in self_text
    assert " ".join(render(questionnaire("en", "self")).one("h1")["text"].split()) == "Your self-assessment"
    peer_text = render(questionnaire("en", "peer")).text()
    assert "your comments without your name" in peer_text
    assert "only when enough people have answered" in peer_text
    identified = render(questionnaire("en", "manager", manager_identified=True)).text()
    assert "as coming from you, their manager" in identified
    assert "without your name" not in identified


def test_one_fieldset_per_competency_and_per_question_with_six_labelled_radios() -> None:
    page = render()
    competencies = page.all("fieldset", **{"class": "competency"})
    assert [c["attrs"]["data-competency"] for c in competencies] == list(COMPETENCIES)
    for competency, cid in zip(competencies, COMPETENCIES, strict=True):
        assert library().competency(cid).name.en in competency["text"]
        assert library().competency(cid).definition.en.split()[0] in competency["text"]
    for question in library().competency("communication").questions:
        radios = page.all("input", type="radio", name=f"rating.{question.id}")
        assert [r["attrs"]["value"] for r in radios] == ["1", "2", "3", "4", "5", "na"]
        fieldset = radios[0]["ancestors"][-3]
        assert fieldset["tag"] == "fieldset" and fieldset["attrs"]["data-question"] == question.id
        legend = next(e for e in page.elements if e["tag"] == "legend" and fieldset in e["ancestors"])
        assert legend["text"].strip() == question.en
    assert page.label_for("rating.communication.q1-1") == "1 Almost never"
    assert page.label_for("rating.communication.q1-5") == "5 Almost always"
    assert page.label_for("rating.communication.q1-na") == "Not able to rate"
    assert len(page.all("input", type="radio")) == 12 * 6


def test_every_control_has_a_label() -> None:
    page = render(questionnaire("en", "self"))
    inputs = [c for c in page.all("input") if c["attrs"].get("type") != "hidden"]
    controls = inputs + page.all("textarea") + page.all("select")
    assert len(controls) == 12 * 6 + 2 + 1 + 1  # radios, 2 comments, overall, decline reason
    ids = [c["attrs"].get("id") for c in controls]
    assert len(set(ids)) == len(ids)
    for control in controls:
        assert page.label_for(control["attrs"]["id"]), control


@pytest.mark.parametrize(("status", "sent"), [("pending", "pending"), ("in_progress", "in_progress")])
def test_both_forms_send_the_status_the_page_was_shown_in(status: str, sent: str) -> None:
    page = render({**questionnaire("en", "peer"), "status": status})
    hidden = [c for c in page.all("input", type="hidden") if c["attrs"].get("name") == "status"]

    assert [c["attrs"]["value"] for c in hidden] == [sent, sent]  # the answers' form and the decline form
    assert {c["parents"][-1] for c in hidden} == {"form"}


def test_answers_are_pre_checked_and_comments_kept() -> None:
    page = render()
    checked = {
        e["attrs"]["name"]: e["attrs"]["value"] for e in page.all("input", type="radio") if "checked" in e["attrs"]
    }
    assert checked == {"rating.communication.q1": "4", "rating.communication.q2": "na", "rating.teamwork.q6": "1"}
    # the parser keeps the newline after <textarea> that browsers drop
    assert page.by_id("comment.communication")["text"] == "\nExplains things well & calmly.\nSecond line."
    assert page.by_id("comment.teamwork")["text"] == "\n"
    assert page.by_id("overall")["text"] == "\nKeep it up."


def test_textareas_have_names_and_maxlength() -> None:
    page = render()
    for cid in COMPETENCIES:
        textarea = page.by_id(f"comment.{cid}")
        assert textarea["attrs"]["name"] == f"comment.{cid}"
        assert textarea["attrs"]["maxlength"] == "2000"
    assert page.by_id("overall")["attrs"] == page.by_id("overall")["attrs"] | {"name": "overall", "maxlength": "4000"}
    assert page.label_for("comment.communication") == "Comments on “Speaking clearly” (optional)"


def test_form_actions_are_relative_to_the_page() -> None:
    page = render()
    form = page.by_id("questions")
    assert form["attrs"]["method"] == "post"
    buttons = {" ".join(b["text"].split()): b["attrs"] for b in page.all("button")}
    draft, submit = buttons["Save draft"], buttons["Submit"]
    assert draft["type"] == submit["type"] == "submit"
    assert urljoin(PAGE, form["attrs"]["action"]) == PAGE
    assert urljoin(PAGE, draft["formaction"]) == PAGE
    assert urljoin(PAGE, submit["formaction"]) == PAGE + "/submit"
    decline = page.one("form", action="TOKEN/decline")
    assert urljoin(PAGE, decline["attrs"]["action"]) == PAGE + "/decline"
    assert decline["attrs"]["method"] == "post"
    assert [t["attrs"]["name"] for t in page.all("textarea") if decline in t["ancestors"]] == ["reason"]
    assert "Decline this request" in buttons
    # the default button (Enter in a field) saves a draft, it does not submit
    assert page.all("button")[0]["attrs"] is draft
    link = page.one("link", rel="alternate")
    assert urljoin(PAGE, link["attrs"]["href"]) == PAGE + "/questionnaire"


def test_form_shown_again_after_a_rejected_submit_still_posts_to_the_right_urls() -> None:
    here = PAGE + "/submit"
    page = render(served_at="submit")
    buttons = {" ".join(b["text"].split()): b["attrs"] for b in page.all("button")}
    assert urljoin(here, page.by_id("questions")["attrs"]["action"]) == PAGE
    assert urljoin(here, buttons["Save draft"]["formaction"]) == PAGE
    assert urljoin(here, buttons["Submit"]["formaction"]) == PAGE + "/submit"
    assert urljoin(here, page.one("form", method="post", action="../TOKEN/decline")["attrs"]["action"]) == (
        PAGE + "/decline"
    )


def test_token_is_url_encoded_in_links() -> None:
    page = Page(render_form(questionnaire(), token="a b/c:d", nonce=NONCE))
    assert page.by_id("questions")["attrs"]["action"] == "a%20b%2Fc%3Ad"


def test_problems_are_summarised_and_shown_with_their_fields() -> None:
    q = questionnaire()
    q["answers"]["comments"]["teamwork"] = "x" * 10
    problems = [
        {"field": "rating.communication.q3", "message": "Choose an answer."},
        {"field": "comment.teamwork", "message": "The comment is too long."},
        {"field": "answers", "message": "Something else."},
    ]
    page = render(q, problems=problems)
    summary = page.by_id("error-summary")
    assert summary["attrs"]["role"] == "alert" and summary["attrs"]["tabindex"] == "-1"
    links = [e for e in page.all("a") if summary in e["ancestors"]]
    assert [a["attrs"]["href"] for a in links] == ["#rating.communication.q3-1", "#comment.teamwork"]
    for link in links:  # every link leads to a control on the page
        page.by_id(link["attrs"]["href"][1:])
    assert "Something else." in summary["text"]
    assert page.one("title")["text"].startswith("Error:")

    question = page.by_id("q-communication.q3")
    assert question["attrs"]["aria-describedby"] == "error-rating.communication.q3"
    assert "Choose an answer." in page.by_id("error-rating.communication.q3")["text"]
    assert question in page.by_id("error-rating.communication.q3")["ancestors"]
    textarea = page.by_id("comment.teamwork")
    assert textarea["attrs"]["aria-invalid"] == "true"
    assert "error-comment.teamwork" in textarea["attrs"]["aria-describedby"].split()
    assert "too long" in page.by_id("error-comment.teamwork")["text"]
    # what the rater typed is still there
    assert textarea["text"] == "\n" + "x" * 10
    assert "checked" in page.by_id("rating.communication.q1-4")["attrs"]


def test_no_problems_no_error_summary() -> None:
    page = render()
    assert not [e for e in page.elements if e["attrs"].get("role") == "alert"]
    assert not page.all("p", **{"class": "field-error"})


def test_notice_is_shown_at_the_top() -> None:
    page = render(notice="Your draft is saved.")
    assert page.one("p", role="status")["text"] == "Your draft is saved."
    danish = render(questionnaire("da"), notice="draft_saved")
    assert danish.one("p", role="status")["text"] == "Din kladde er gemt."


@pytest.mark.parametrize(
    ("status", "expected"),
    [("submitted", "can no longer be changed"), ("declined", "Thank you for letting us know.")],
)
def test_answered_or_declined_shows_a_message_and_no_form(status: str, expected: str) -> None:
    page = render(questionnaire(status=status))
    assert page.all("form") == []
    assert page.all("input") == [] and page.all("textarea") == [] and page.all("button") == []
    assert page.all("script") == []
    assert expected in page.text()
    assert "Mette Kjær" in page.text()


@pytest.mark.parametrize(
    ("kind", "en", "da"),
    [
        ("not_found", "This link does not work", "Linket virker ikke"),
        ("submitted", "can no longer be changed", "kan ikke længere ændres"),
        ("declined", "Thank you for letting us know.", "Tak, fordi du gav besked."),
        ("closed", "This feedback round has closed", "Feedbackrunden er lukket"),
    ],
)
def test_message_pages(kind: str, en: str, da: str) -> None:
    english = Page(render_message("en", nonce=NONCE, kind=kind))
    danish = Page(render_message("da-DK", nonce=NONCE, kind=kind))
    assert english.one("html")["attrs"]["lang"] == "en" and danish.one("html")["attrs"]["lang"] == "da"
    assert en in english.text() and da in danish.text()
    assert english.all("form") == [] and english.all("script") == []
    assert english.one("h1")["text"] == english.one("title")["text"]


def test_not_found_says_nothing_about_why() -> None:
    assert render_message("en", nonce=NONCE, kind="not_found") == render_message("en-GB", nonce=NONCE, kind="not_found")
    text = Page(render_message("en", nonce=NONCE, kind="not_found")).text().lower()
    assert "may have expired or been replaced" in text
    with pytest.raises(ValueError):
        render_message("en", nonce=NONCE, kind="revoked")


def test_the_thank_you_page_links_to_the_next_pending_form_from_the_submit_url() -> None:
    following = {"token": "NEXT/1", "subject_name": "Ole Bæk", "relationship": "peer", "remaining": 2}
    english = Page(render_message("en", nonce=NONCE, kind="submitted", next_form=following))
    link = english.one("a", **{"class": "button primary"})
    # The page answers .../feedback/<token>/submit: the next form is a sibling of <token>.
    assert urljoin(f"{PAGE}/submit", link["attrs"]["href"]) == "https://x.example.com/v1/feedback/NEXT%2F1"
    assert "Ole Bæk" in link["text"]
    assert "2 more forms" in english.text()
    danish = Page(render_message("da", nonce=NONCE, kind="declined", next_form={**following, "remaining": 1}))
    assert "Ole Bæk" in danish.one("a", **{"class": "button primary"})["text"]
    assert "1 skema mere" in danish.text()
    own = {"token": "SELF", "subject_name": "Mette Kjær", "relationship": "self", "remaining": 1}
    mine = Page(render_message("en", nonce=NONCE, kind="submitted", next_form=own))
    assert "your self-assessment" in mine.one("a", **{"class": "button primary"})["text"]
    assert Page(render_message("en", nonce=NONCE, kind="submitted")).all("a", **{"class": "button primary"}) == []


def test_the_closed_page_says_when_the_round_closed() -> None:
    closed_on = "2026-12-15T16:00:00+01:00"
    english = Page(render_message("en", nonce=NONCE, kind="closed", closed_on=closed_on)).text()
    danish = Page(render_message("da", nonce=NONCE, kind="closed", closed_on=closed_on)).text()
    assert "This feedback round closed on 15 December 2026." in english
    assert "Feedbackrunden lukkede den 15. december 2026." in danish


def test_an_empty_submit_is_summarised_by_competency() -> None:
    q = questionnaire(answers={"ratings": {}, "comments": {}, "overall": ""})
    problems = [
        {"field": f"rating.{item['id']}", "message": "needs a rating or 'not able to rate'"}
        for c in q["competencies"]
        for item in c["questions"]
    ] + [{"field": "overall", "message": "Too long."}]
    page = render(q, problems=problems)
    summary = page.by_id("error-summary")
    items = [e for e in page.all("li") if summary in e["ancestors"]]
    assert len(items) == 3  # one per competency, and the overall comment
    names = [c["name"] for c in q["competencies"]]
    assert f"{names[0]}: 6 questions still need an answer" in items[0]["text"]
    links = [e["attrs"]["href"] for e in page.all("a") if summary in e["ancestors"]]
    assert links == ["#rating.communication.q1-1", "#rating.teamwork.q1-1", "#overall"]
    # Each question still says what it needs, next to it.
    assert page.by_id("error-rating.teamwork.q4")
    one_left = render(q, problems=[{"field": "rating.teamwork.q4", "message": "Choose."}])
    assert "Choose." in one_left.by_id("error-summary")["text"]  # a single question keeps its own words
    danish = render(questionnaire("da", answers={"ratings": {}, "comments": {}, "overall": ""}), problems=problems)
    assert "6 spørgsmål mangler stadig et svar" in danish.by_id("error-summary")["text"]


def pages() -> list[str]:
    return [
        render_form(questionnaire(), token="TOKEN", nonce=NONCE, problems=[{"field": "overall", "message": "No."}]),
        render_form(questionnaire("da", "self"), token="TOKEN", nonce=NONCE, notice="Gemt."),
        render_form(questionnaire(status="submitted"), token="TOKEN", nonce=NONCE),
        *(render_message("da", nonce=NONCE, kind=kind) for kind in feedback_page.MESSAGE_KINDS),
    ]


@pytest.mark.parametrize("html", pages(), ids=["form", "self-da", "submitted", *feedback_page.MESSAGE_KINDS])
def test_nonce_on_every_script_and_style_and_no_inline_handlers_or_external_resources(html: str) -> None:
    page = Page(html)
    tagged = page.all("script") + page.all("style")
    assert page.all("style")
    assert all(e["attrs"].get("nonce") == NONCE for e in tagged)
    for element in page.elements:
        assert not [a for a in element["attrs"] if a.startswith("on")], element
        assert "style" not in element["attrs"], element  # blocked by the CSP
        assert "src" not in element["attrs"], element
        for attr in ("href", "action", "formaction"):
            value = element["attrs"].get(attr) or ""
            assert "//" not in value and not value.startswith("/"), value  # relative, same origin
    assert page.one("meta", name="viewport")


def test_script_autosaves_with_put_to_the_page_and_shows_progress() -> None:
    page = render()
    script = page.one("script")["text"]
    assert 'method: "PUT"' in script and '"Content-Type": "application/json"' in script
    assert "ratings: ratings, comments: comments, overall:" in script
    assert "1000" in script
    form = page.by_id("questions")["attrs"]
    assert form["data-progress"] == "{n} of {total} questions answered"
    assert form["data-saved"] == "Saved at {time}"
    assert form["data-failed"] == "Could not save — your answers are still here"
    live = page.by_id("save-status")
    assert live["attrs"]["aria-live"] == "polite"
    assert "hidden" in page.by_id("statusbar")["attrs"]  # shown by the script only


def test_accessibility_basics() -> None:
    page = render()
    skip = page.all("a")[0]
    assert skip["attrs"]["class"] == "skip-link" and skip["attrs"]["href"] == "#questions"
    page.by_id("questions")
    assert page.one("main")["attrs"]["id"] == "main"
    for fieldset in page.all("fieldset"):
        assert [e for e in page.elements if e["tag"] == "legend" and e["ancestors"][-1] is fieldset]
    assert page.by_id("q-communication.q1")["parents"][-1] == "fieldset"


def test_subject_name_and_texts_are_escaped() -> None:
    evil = "<script>alert(1)</script>"
    q = questionnaire(subject={"id": "e666", "name": evil}, cycle={"id": "c", "name": '"><b>x', "deadline": "soon"})
    html = render_form(q, token="TOKEN", nonce=NONCE, notice="<i>hi</i>", problems=[{"field": "x", "message": "<u>"}])
    assert evil not in html and "<b>x" not in html and "<i>hi</i>" not in html and "<u>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = Page(html)
    assert len(page.all("script")) == 1  # only the page's own
    assert f"Feedback for {evil}" in page.one("h1")["text"]
    assert "soon" in page.text()  # a deadline that is not a date is shown as it is


def test_content_security_policy() -> None:
    policy = content_security_policy(NONCE)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives == {
        "default-src": "'none'",
        "script-src": f"'nonce-{NONCE}'",
        "style-src": f"'nonce-{NONCE}'",
        "img-src": "data:",
        "connect-src": "'self'",
        "form-action": "'self'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
    }
    with pytest.raises(ValueError):
        content_security_policy("x'; script-src *")
    with pytest.raises(ValueError):
        render_form(questionnaire(), token="TOKEN", nonce='"><script>')
    assert content_security_policy(feedback_page.new_nonce())


def test_every_string_has_english_and_danish() -> None:
    for key, texts in feedback_page.STRINGS.items():
        assert set(texts) == {"en", "da"}, key
        assert all(texts.values()), key
        if isinstance(texts["en"], str):  # the same placeholders in both languages
            assert set(re.findall(r"\{\w+\}", texts["en"])) == set(re.findall(r"\{\w+\}", texts["da"])), key


def test_ids_are_unique_and_every_reference_points_at_one() -> None:
    page = render(
        problems=[{"field": "rating.teamwork.q2", "message": "Choose."}, {"field": "overall", "message": "No."}]
    )
    ids = [e["attrs"]["id"] for e in page.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids))
    for element in page.elements:
        refs = (element["attrs"].get("aria-describedby") or "").split()
        refs += (element["attrs"].get("aria-labelledby") or "").split()
        refs += [element["attrs"]["for"]] if "for" in element["attrs"] else []
        href = element["attrs"].get("href") or ""
        refs += [href[1:]] if href.startswith("#") else []
        assert set(refs) <= set(ids), (element["tag"], refs)
