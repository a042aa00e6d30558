"""The development plan in a real browser: the demo round is answered, closed and released; Anna (Danish) finds
her plan seeded from her report's lowest competencies, writes her aspirations, adds an action and marks
progress; her manager Daniel reads the plan and comments. axe-core finds nothing serious or critical, on a
desktop and on a 390 px phone without sideways scrolling, in Danish and English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.test_console_in_chromium import (
    DESKTOP,
    PHONE,
    pytestmark,  # noqa: F401 - the same reasons to skip
    serious_violations,
    watch,
)
from tests.browser.test_form_in_chromium import ARGS, CHROMIUM, SCREENSHOTS
from tests.integration.conftest import Local, start_local, stop_local
from tests.integration.rounds import full_answers


def release_the_demo_round(local: Local) -> None:
    """Every rater of the demo's Engineering round answers, and HR closes and releases it."""
    hr = local.as_("demo", "e021", ("hr_admin",))
    messages = requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
    for link in {link for m in messages for link in m["links"] if "/feedback/" in link}:
        questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
        rating = 4 if questionnaire.get("relationship") == "self" else 2
        requests.post(f"{link}/submit", json=full_answers(questionnaire, rating), timeout=10)
    cycle = hr.get(f"{local.api}/cycles", timeout=10).json()["cycles"][0]["id"]
    for kind in ("close", "release"):
        assert hr.post(f"{local.api}/cycles/{cycle}/events", json={"type": kind}, timeout=30).status_code == 202
        local.settle()


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-development"))  # seeded: the demo organisation
    release_the_demo_round(stack)
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def test_an_employee_keeps_her_seeded_plan_and_her_manager_comments(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e012&next=/my-development")  # Anna Nygaard, Danish
    page.get_by_role("heading", name="Din udviklingsplan").wait_for(timeout=20_000)
    page.get_by_role("heading", name="Kompetence:", exact=False).first.wait_for(timeout=30_000)
    assert serious_violations(page) == []

    page.get_by_label("Hvor du gerne vil hen").fill("Lede et lille team inden for to år.")
    page.get_by_role("button", name="Gem").first.click()
    page.get_by_text("Gemt.").wait_for(timeout=30_000)
    page.get_by_label("Hvad vil du gøre?").fill("Følg en erfaren kollega en dag")
    page.get_by_label("Frist").last.fill("2030-06-30")
    page.get_by_role("button", name="Tilføj handlingen").click()
    page.get_by_text("Følg en erfaren kollega en dag").wait_for(timeout=30_000)
    first = page.locator(".dev-action").first
    first.get_by_label("Status").select_option("in_progress")
    first.get_by_role("button", name="Gem").click()
    expect(first.locator(".badge")).to_have_text("I gang", timeout=30_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "development-da.png"), full_page=True)

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("heading", name="Your development plan").wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "development-390-en.png"), full_page=True)
    assert problems == []
    context.close()

    manager = browser.new_context(viewport=DESKTOP)
    page = manager.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub=e011&next=/my-development?employee=e012")  # Daniel Brooks
    page.get_by_role("heading", name="Development plan of Anna Nygaard").wait_for(timeout=20_000)
    assert page.get_by_label("Where you want to go next").count() == 0  # he reads her aspirations, not writes
    page.get_by_text("Lede et lille team inden for to år.").wait_for(timeout=30_000)
    first = page.locator(".dev-action").first
    first.get_by_label("Comment").fill("Good start. Let us talk about it on Thursday.")
    first.get_by_role("button", name="Add comment").click()
    first.get_by_text("Daniel Brooks", exact=False).wait_for(timeout=30_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "development-manager-en.png"), full_page=True)
    manager.close()
