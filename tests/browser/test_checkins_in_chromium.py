"""The check-ins pages in a real browser, on the demo organisation: a manager (Daniel Brooks, English) sets how
often they meet Anna Nygaard and starts a check-in; Anna (Danish) adds a topic and writes shared notes and
private notes marked as hers alone, which her manager never sees; HR reads the two-way measure by department.
Each page passes axe-core (no serious or critical finding), in English and Danish, and at 390 px wide without
scrolling sideways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infra.seed import DEMO_ORG
from tests.browser.test_console_in_chromium import (
    DESKTOP,
    PHONE,
    pytestmark,  # noqa: F401 - the same reasons to skip
    serious_violations,
    watch,
)
from tests.browser.test_form_in_chromium import ARGS, CHROMIUM, SCREENSHOTS
from tests.integration.conftest import Local, start_local, stop_local

PRIVATE = "Jeg er træt af de mange møder"


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-checkins"))  # seeded: the demo organisation
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def fits_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []


def test_a_manager_and_an_employee_hold_a_check_in_and_private_notes_stay_private(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # The manager sets the cadence and starts a check-in with Anna.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e011&next=/team/check-ins")  # Daniel Brooks, English
    page.get_by_role("heading", name="Check-ins with your team").wait_for(timeout=20_000)
    page.get_by_label("How often you meet Anna Nygaard").select_option("weekly")
    page.get_by_role("row", name="Anna Nygaard").locator("time").first.wait_for(timeout=30_000)  # the next slot
    page.get_by_role("button", name="Start a check-in with Anna Nygaard").click()
    checkin = page.get_by_role("article", name="Check-in of", exact=False)
    checkin.wait_for(timeout=30_000)
    checkin.get_by_label("A topic for the agenda").fill("The next release")
    checkin.get_by_role("button", name="Add").first.click()
    checkin.get_by_text("The next release (you)").wait_for(timeout=30_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "checkins-team-en.png"), full_page=True)
    fits_a_phone(page)
    page.screenshot(path=str(SCREENSHOTS / "checkins-team-390-en.png"), full_page=True)
    assert problems == []
    context.close()

    # Anna adds her topic and her notes; the private ones are marked as hers alone.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e012&next=/my-check-ins")  # Anna Nygaard, Danish
    page.get_by_role("heading", name="Dine opfølgningssamtaler").wait_for(timeout=20_000)
    checkin = page.get_by_role("article", name="Samtale den", exact=False)
    checkin.get_by_text("The next release (leder)").wait_for(timeout=30_000)
    checkin.get_by_label("Et emne til dagsordenen").fill("Min arbejdsbyrde")
    checkin.get_by_role("button", name="Tilføj").first.click()
    checkin.get_by_text("Min arbejdsbyrde (dig)").wait_for(timeout=30_000)
    checkin.get_by_label("Fælles noter").fill("Vi flytter demoen til fredag.")
    checkin.get_by_label("Dine private noter").fill(PRIVATE)
    checkin.get_by_text("Kun du kan læse dette.", exact=False).wait_for()
    checkin.get_by_role("button", name="Gem noterne").click()
    page.get_by_text("Noterne er gemt.").wait_for(timeout=30_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "checkins-mine-da.png"), full_page=True)
    fits_a_phone(page)
    page.screenshot(path=str(SCREENSHOTS / "checkins-mine-390-da.png"), full_page=True)
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("heading", name="Your check-ins").wait_for(timeout=30_000)
    page.get_by_text("Only you can read this.", exact=False).wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    assert problems == []
    context.close()

    # The manager sees the shared notes, never Anna's private ones.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub=e011&next=/team/check-ins")
    page.get_by_role("button", name="Open the check-in with Anna Nygaard").click()
    checkin = page.get_by_role("article", name="Check-in of", exact=False)
    checkin.get_by_text("Min arbejdsbyrde (employee)").wait_for(timeout=30_000)
    assert checkin.get_by_label("Shared notes").input_value() == "Vi flytter demoen til fredag."
    assert checkin.get_by_label("Your private notes").input_value() == ""
    assert PRIVATE not in page.content()
    context.close()


def test_hr_reads_the_two_way_measure_by_department(local, browser):
    lead = local.as_(DEMO_ORG, "e011", ("manager",))
    for employee in ("e013", "e014", "e015"):  # three more pairs of Engineering: enough to show the department
        person = local.as_(DEMO_ORG, employee, ("employee",))
        lead.put(f"{local.api}/employees/{employee}/check-in-cadence", json={"cadence": "weekly"}).raise_for_status()
        made = person.post(f"{local.api}/check-ins", json={"employee_id": employee}, timeout=10).json()
        base = f"{local.api}/check-ins/{made['id']}"
        person.post(f"{base}/topics", json={"text": "My week"}, timeout=10).raise_for_status()
        person.post(f"{base}/topics", json={"text": "Training"}, timeout=10).raise_for_status()
        lead.post(f"{base}/topics", json={"text": "The release"}, timeout=10).raise_for_status()
        lead.post(f"{base}/complete", timeout=10).raise_for_status()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/hr/check-ins")  # Camilla Bech, HR, Danish
    page.get_by_role("heading", name="Opfølgningens sundhed").wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "checkins-hr-da.png"), full_page=True)
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("heading", name="Check-in health").wait_for(timeout=30_000)
    page.get_by_role("row", name="Engineering").wait_for(timeout=30_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "checkins-hr-en.png"), full_page=True)
    fits_a_phone(page)
    assert problems == []
    context.close()
