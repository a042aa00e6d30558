"""Recognition in a real browser: Anna (Danish) recognises a colleague she finds by name for one of the
organisation's values; he reads it on his recognition page; HR reads the figures by department (hidden below
the anonymity threshold) and who in a department is not recognised yet. axe-core finds nothing serious or
critical, on a desktop and on a 390 px phone without sideways scrolling, in Danish and English."""

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

VALUES = [{"id": "customer-first", "name": "Kunden først"}, {"id": "courage", "name": "Mod"}]


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-recognition"))  # seeded: the demo organisation
    hr = stack.as_("demo", "e021", ("hr_admin",))
    assert hr.put(f"{stack.api}/organisation", json={"values": VALUES}, timeout=10).status_code == 200
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def test_a_colleague_is_recognised_reads_it_and_hr_sees_the_figures(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e012&next=/recognition")  # Anna Nygaard, Danish
    page.get_by_role("heading", name="Anerkendelse", exact=True).wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.get_by_label("Find en kollega ved navn").fill("Lu")
    page.get_by_role("button", name="Tilføj Lucas Berg (Engineering)").click()
    page.get_by_label("Værdi").select_option("courage")
    page.get_by_label("Besked").fill("Tak fordi du sagde fra, da projektet voksede.")
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "recognition-give-da.png"), full_page=True)
    page.get_by_role("button", name="Send anerkendelse").click()
    page.get_by_text("Din anerkendelse er sendt.").wait_for(timeout=30_000)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    assert problems == []
    context.close()

    colleague = browser.new_context(viewport=PHONE)
    page = colleague.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub=e014&next=/recognition?employee=e013")  # Grace Howell, English
    page.get_by_text("Anna Nygaard recognised Lucas Berg for Mod").wait_for(timeout=20_000)
    page.get_by_text("Tak fordi du sagde fra, da projektet voksede.").wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "recognition-390-en.png"), full_page=True)
    colleague.close()

    hr = browser.new_context(viewport=DESKTOP)
    page = hr.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/hr/recognition")  # Camilla Bech, HR, Danish
    page.get_by_role("heading", name="Anerkendelse i organisationen").wait_for(timeout=20_000)
    page.get_by_text("Skjult: færre end 3 personer anerkendt").wait_for(timeout=30_000)
    page.get_by_role("textbox", name="Afdeling").fill("Engineering")
    page.get_by_role("button", name="Vis").click()
    page.get_by_text("Anna Nygaard (leder: Daniel Brooks)").wait_for(timeout=30_000)
    assert page.get_by_text("Lucas Berg (leder: Daniel Brooks)").count() == 0
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "recognition-hr-da.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    hr.close()
