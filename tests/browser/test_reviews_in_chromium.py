"""A whole appraisal in a real browser, in the demo organisation: HR (Camilla Bech, in Danish) creates and
launches it; an employee (Anna Nygaard, in Danish) writes her self part, saved as she types, and submits it;
her manager (Daniel Brooks, in English) writes and submits the manager's part; HR reads the calibration by
department and by manager, changes Anna's rating with a reason, closes and releases; Anna reads the manager's
part and acknowledges. Each page passes axe-core (no serious or critical finding), and the review page and
HR's page fit a 390 px phone without scrolling sideways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_console_in_chromium import (
    DESKTOP,
    PHONE,
    pytestmark,  # noqa: F401 - the same reasons to skip
    serious_violations,
    watch,
)
from tests.browser.test_form_in_chromium import ARGS, CHROMIUM, SCREENSHOTS
from tests.integration.conftest import Local, start_local, stop_local

ANNA, DANIEL, CAMILLA = "e012", "e011", "e021"


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-reviews"))  # seeded: the demo organisation
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def signed_in(browser, local: Local, who: str, path: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub={who}&next={path}")
    return context, page


def fits_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    wide = page.evaluate(  # what sticks out, to say so when something does
        "[...document.querySelectorAll('body *')]"
        ".filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > 391)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wide
    assert serious_violations(page) == []
    page.set_viewport_size(DESKTOP)


def test_a_whole_appraisal(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # HR creates and launches the appraisal.
    context, hr = signed_in(browser, local, CAMILLA, "/hr/reviews")
    watched = [watch(hr)]
    hr.get_by_role("heading", name="Samtalerunder", exact=True).wait_for(timeout=20_000)
    hr.get_by_label("Navn").fill("Årsafslutning 2030")
    hr.get_by_label("Frist", exact=False).fill("2030-06-30")
    hr.get_by_role("button", name="Opret", exact=True).click()
    hr.get_by_text("Årsafslutning 2030").wait_for(timeout=30_000)
    assert serious_violations(hr) == []
    hr.get_by_role("button", name="Start", exact=True).click()
    hr.get_by_role("button", name="Luk", exact=True).wait_for(timeout=30_000)
    local.settle()
    context.close()

    # Anna writes her self part (saved as she types) and submits it.
    context, anna = signed_in(browser, local, ANNA, "/my-reviews")
    watched.append(watch(anna))
    anna.get_by_role("heading", name="Samtaler", exact=True).wait_for(timeout=20_000)
    anna.get_by_role("link", name="Årsafslutning 2030").click()
    anna.get_by_role("heading", name="Medarbejderudviklingssamtale: Anna Nygaard").wait_for(timeout=30_000)
    anna.get_by_label("Opsummering af perioden").fill("Et godt år: to nye kunder og en hurtigere support.")
    anna.get_by_text("Kladden er gemt.").wait_for(timeout=30_000)
    assert anna.get_by_text("Du ser lederens del, når HR frigiver samtalerne.").is_visible()
    assert serious_violations(anna) == []
    anna.screenshot(path=str(SCREENSHOTS / "reviews-self-da.png"), full_page=True)
    fits_a_phone(anna)
    anna.screenshot(path=str(SCREENSHOTS / "reviews-self-390-da.png"), full_page=True)
    anna.get_by_role("button", name="Aflever", exact=True).click()
    anna.get_by_role("button", name="Aflever", exact=True).wait_for(state="detached", timeout=30_000)
    context.close()

    # Daniel writes the manager's part.
    context, daniel = signed_in(browser, local, DANIEL, "/my-reviews")
    watched.append(watch(daniel))
    daniel.get_by_role("heading", name="Reviews you write as a manager").wait_for(timeout=20_000)
    daniel.get_by_role("link", name="Anna Nygaard").click()
    daniel.get_by_role("heading", name="Appraisal: Anna Nygaard").wait_for(timeout=30_000)
    daniel.get_by_label("Summary of the period").fill("Anna led the support change and won two customers.")
    daniel.get_by_label("Overall rating").select_option("3")
    daniel.get_by_text("Draft saved.").wait_for(timeout=30_000)
    assert serious_violations(daniel) == []
    daniel.screenshot(path=str(SCREENSHOTS / "reviews-manager-en.png"), full_page=True)
    daniel.get_by_role("button", name="Submit", exact=True).click()
    daniel.get_by_role("button", name="Submit", exact=True).wait_for(state="detached", timeout=30_000)
    context.close()

    # HR calibrates with a reason, closes and releases.
    context, hr = signed_in(browser, local, CAMILLA, "/hr/reviews")
    watched.append(watch(hr))
    hr.get_by_role("button", name="Kalibrering", exact=True).click()
    hr.get_by_role("heading", name="Kalibrering: Årsafslutning 2030").wait_for(timeout=30_000)
    hr.get_by_label("Ny vurdering af Anna Nygaard").select_option("4")
    hr.get_by_label("Begrundelse (skal udfyldes)").fill("Førte supportændringen igennem for hele afdelingen")
    hr.get_by_role("button", name="Ændr", exact=True).click()
    hr.get_by_text("Ændret; begrundelsen gemmes i samtalens historik.").wait_for(timeout=30_000)
    assert serious_violations(hr) == []
    hr.screenshot(path=str(SCREENSHOTS / "reviews-calibration-da.png"), full_page=True)
    fits_a_phone(hr)
    hr.get_by_role("button", name="Luk", exact=True).click()
    hr.get_by_role("button", name="Frigiv", exact=True).click()
    hr.get_by_text("frigivet").first.wait_for(timeout=30_000)
    context.close()

    # Anna reads the released manager's part and acknowledges.
    context, anna = signed_in(browser, local, ANNA, "/my-reviews")
    watched.append(watch(anna))
    anna.get_by_role("link", name="Årsafslutning 2030").click()
    anna.get_by_text("Anna led the support change and won two customers.").wait_for(timeout=30_000)
    assert anna.get_by_text("4 – Over forventning", exact=False).first.is_visible()
    anna.get_by_label("Din kommentar (valgfri)").fill("Tak for en god samtale.")
    anna.get_by_role("button", name="Kvittér", exact=True).click()
    anna.get_by_text("Kvitteret", exact=False).first.wait_for(timeout=30_000)
    assert serious_violations(anna) == []
    anna.screenshot(path=str(SCREENSHOTS / "reviews-released-da.png"), full_page=True)
    anna.get_by_label("Sprog").select_option("en")
    anna.get_by_role("heading", name="Appraisal: Anna Nygaard").wait_for(timeout=30_000)
    fits_a_phone(anna)
    anna.set_viewport_size(PHONE)
    anna.screenshot(path=str(SCREENSHOTS / "reviews-released-390-en.png"), full_page=True)
    context.close()
    assert [problems for problems in watched if problems] == []
