"""The rater's form in a real browser (headless Chromium driven by Playwright).

Runs wherever Chromium is installed (Debian's `chromium`; `.ci/run` installs it) and says
clearly when it skips. Set JANUS_CHROMIUM to use another binary.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT
from tests.integration.conftest import Local, start_local, stop_local
from tests.integration.rounds import create_cycle, launch, links_of, team_org

CHROMIUM = os.environ.get("JANUS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="browser test skipped: no Chromium here (apt-get install chromium, or set JANUS_CHROMIUM)"
)
SCREENSHOTS = Path(os.environ.get("JANUS_SCREENSHOTS") or ROOT / ".janus" / "screenshots")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-browser"), "--no-seed")
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def test_a_rater_fills_in_and_submits_the_form(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    org = team_org(local, locale="da")
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
    questions = [q["id"] for c in questionnaire["competencies"] for q in c["questions"]]

    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(link)
    assert "Person t1-1" in page.inner_text("body")

    # Rate everything by clicking the choices, as a person would; one question as "not able to rate".
    for number, question in enumerate(questions):
        value = "na" if number == 0 else str(1 + number % 5)
        radio = page.locator(f"input[name='rating.{question}'][value='{value}']")
        radio.click()
        assert radio.is_checked()
    page.fill("textarea[name='comment.listening']", "Lytter altid, før hun svarer.")
    page.locator("#save-status").filter(has_text="Gemt").wait_for(timeout=10_000)  # autosave, in Danish
    saved = requests.get(f"{link}/questionnaire", timeout=10).json()
    assert saved["status"] == "in_progress"
    assert len(saved["answers"]["ratings"]) == len(questions)
    # Both forms now tell a submit or decline that a draft exists, so it is written in one request.
    assert [field.input_value() for field in page.locator("input[name=status]").all()] == ["in_progress"] * 2
    page.screenshot(path=str(SCREENSHOTS / "form-phone.png"), full_page=True)

    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Tak for din feedback").wait_for(timeout=10_000)
    stored = requests.get(f"{link}/questionnaire", timeout=10).json()
    assert stored["status"] == "submitted"
    assert stored["answers"]["ratings"][questions[0]] == "na"
    assert stored["answers"]["comments"] == {"listening": "Lytter altid, før hun svarer."}
    assert problems == []


@pytest.mark.parametrize("locale", ["en", "da"])
def test_every_rating_button_keeps_its_label_on_one_line_on_a_390_px_phone(local, browser, locale):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    org = team_org(local, locale=locale)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(links_of(local, org, "m1")[0])
    lines = page.eval_on_selector_all(
        ".choice label .lbl",
        """labels => labels.map(label => ({
            text: label.textContent,
            height: label.getBoundingClientRect().height,
            line: parseFloat(getComputedStyle(label).lineHeight),
            fits: label.scrollWidth <= label.clientWidth
                && label.parentElement.scrollWidth <= label.parentElement.clientWidth,
        }))""",
    )
    assert len(lines) == 12 * 6
    wrapped = sorted({line["text"] for line in lines if line["height"] > line["line"] * 1.2 or not line["fits"]})
    assert wrapped == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sideways either
    page.locator("#q-listening\\.q1").screenshot(path=str(SCREENSHOTS / f"scale-390-{locale}.png"))
    page.screenshot(path=str(SCREENSHOTS / f"form-390-{locale}.png"))


def test_the_report_renders_with_its_charts(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    org = team_org(local)
    cycle = create_cycle(local, org, ["m1"], raters={"peer": {"min": 0, "max": 5}})
    launch(local, org, cycle["id"])
    for number, rater in enumerate(["m1", "m0", "t1-1", "t1-2", "t1-3", "t1-4"]):
        link = links_of(local, org, rater)[0]
        questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
        answers = {
            "ratings": {
                q["id"]: 1 + (number + i) % 5
                for c in questionnaire["competencies"]
                for i, q in enumerate(c["questions"])
            },
            "comments": {"listening": f"Comment {number}"},
        }
        assert requests.post(f"{link}/submit", json=answers, timeout=10).status_code == 200
    assert org.hr.post(f"{local.api}/cycles/{cycle['id']}/events", json={"type": "close"}, timeout=10).ok
    local.settle()

    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_extra_http_headers({"Authorization": org.hr.headers["Authorization"]})
    answer = page.goto(f"{local.api}/cycles/{cycle['id']}/reports/m1/html")
    assert answer is not None and answer.status == 200
    assert "Person m1" in page.inner_text("body")
    charts = page.locator("svg[role='img']")
    assert charts.count() >= 2
    assert all(charts.nth(i).bounding_box()["width"] > 100 for i in range(charts.count()))
    page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
    page.pdf(path=str(SCREENSHOTS / "report.pdf"), format="A4")
    assert (SCREENSHOTS / "report.pdf").stat().st_size > 10_000
    assert problems == []
