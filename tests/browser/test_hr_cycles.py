"""HR's cycles in a real browser: Camilla Bech (e021, HR, Danish) opens her overview, creates a cycle from the
form, reviews who is short of raters and changes one subject's raters, launches anyway, follows the progress by
department and each subject's forms, and sends reminders after reading what they will do. Every page passes
axe-core (no serious or critical finding), in Danish and English, and fits a 390 px phone without sideways scroll.

Needs the built console and Debian's Chromium; it says clearly when it skips. Screenshots go to
.janus/screenshots (hr-cycles-*.png); the user guide's are copied from there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import requests

from tests.browser.test_console_in_chromium import (
    AXE,
    CONSOLE,
    DESKTOP,
    PHONE,
    serious_violations,
    watch,
)
from tests.browser.test_form_in_chromium import ARGS, CHROMIUM, SCREENSHOTS
from tests.integration.conftest import Local, start_local, stop_local

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="browser test skipped: no Chromium here (apt-get install chromium)"),
    pytest.mark.skipif(
        not (CONSOLE / "dist" / "index.html").is_file() or not AXE.is_file(),
        reason="console test skipped: build it first (cd console && npm ci && npm run build)",
    ),
]
SUBJECTS = "e001 e002 e003 e031"  # the chief executive (no peers: short), Sales' head and one of each team


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-hr-cycles"))  # seeded: the demo organisation
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def seeded(local: Local) -> dict:
    return json.loads((local.state_dir / "local.json").read_text())


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


def shot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"hr-cycles-{name}.png"), full_page=full_page)


def answer_some_forms(local: Local, seeded: dict, cycle: str) -> None:
    """Raters answer through their e-mailed links: Sales' head submits her self-assessment, a peer declines."""
    mailbox = requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
    links = [link for m in mailbox for link in m["links"] if "/feedback/" in link]
    forms = {}
    for link in links:
        form = requests.get(f"{link}/questionnaire", timeout=10)
        if form.ok and form.json()["cycle"]["id"] == cycle:
            forms[link] = form.json()
    self_form = next(link for link, f in forms.items() if f["relationship"] == "self" and f["subject"]["id"] == "e002")
    questionnaire = forms[self_form]
    ratings = {q["id"]: 4 for c in questionnaire["competencies"] for q in c["questions"]}
    assert requests.post(f"{self_form}/submit", json={"ratings": ratings}, timeout=10).ok
    peer = next(link for link, f in forms.items() if f["relationship"] == "peer" and f["subject"]["id"] == "e003")
    assert requests.post(f"{peer}/decline", json={"reason": "Works in another office"}, timeout=10).ok


def test_hr_creates_reviews_launches_anyway_follows_progress_and_reminds(local, browser, seeded):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    calls: list[str] = []
    page.on("request", lambda r: calls.append(r.url) if r.resource_type in ("fetch", "xhr") else None)

    # Camilla's overview, in her language: the demo round is under way.
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/hr")
    page.get_by_role("heading", name="Overblik", exact=True).wait_for(timeout=20_000)
    page.get_by_role("heading", name="Runder i gang").wait_for(timeout=20_000)
    assert "Engineering 360" in page.inner_text("main")
    assert page.get_by_role("link", name="Runder", exact=True).is_visible()
    assert serious_violations(page) == []
    shot(page, "overview-da")
    fits_a_phone(page)
    page.set_viewport_size(DESKTOP)

    # In English from here (the language chooser), the cycles and the form.
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("heading", name="Overview", exact=True).wait_for(timeout=10_000)
    page.get_by_role("link", name="Cycles", exact=True).click()
    page.get_by_role("heading", name="Cycles", exact=True).wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Create a cycle").first.click()
    page.get_by_role("heading", name="Create a cycle").wait_for(timeout=20_000)
    page.get_by_label("Name of the cycle").fill("Sales and Operations 360")
    page.get_by_label("The same competencies for everyone").check()
    page.get_by_role("button", name="Use the Service and sales profile").click()
    page.get_by_text(re.compile(r"^9 of at most 10 competencies chosen$")).wait_for(timeout=10_000)
    page.get_by_label("A list of people").check()
    page.get_by_label("Employee ids").fill(SUBJECTS)
    page.get_by_role("textbox", name="Deadline (required)").fill("2030-06-28")
    page.get_by_label("Most reminders for one rater").fill("2")
    assert serious_violations(page) == []
    page.get_by_label("The same competencies for everyone").scroll_into_view_if_needed()
    shot(page, "new", full_page=False)  # a screen: the user guide shows it
    fits_a_phone(page)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Create the cycle").click()

    # The new cycle's page: the chief executive has no peers, and the page says so.
    page.get_by_role("heading", name="Sales and Operations 360").wait_for(timeout=30_000)
    cycle = page.url.rsplit("/", 1)[-1]
    short = page.get_by_role("region", name="1 person with too few raters")
    short.wait_for(timeout=10_000)
    assert "Helle Bruun" in short.inner_text() and "0 of at least 2 peers" in short.inner_text()
    short.get_by_text("Change Helle Bruun's raters").click()
    short.get_by_label("Employee id").fill("e030")  # already asked, as a direct report
    short.get_by_role("button", name="Add to the list").click()
    short.get_by_text("Peter Sørensen is already on the list.").wait_for(timeout=10_000)
    short.get_by_label("Employee id").fill("e005")
    short.get_by_role("button", name="Add to the list").click()
    short.get_by_role("button", name="Save Helle Bruun's raters").click()
    short.get_by_text("Saved.").wait_for(timeout=10_000)
    page.get_by_text("1 of at least 2 peers").first.wait_for(timeout=10_000)  # still short: one peer of two
    assert serious_violations(page) == []
    shot(page, "nominations")

    # Launch: the short subject is listed, and only "launch anyway" launches.
    actions = page.get_by_role("region", name="What you can do")
    actions.get_by_role("button", name="Launch", exact=True).click()
    assert "1 person has too few raters:" in actions.inner_text()
    assert "Helle Bruun: 1 of at least 2 peers" in actions.inner_text()
    assert serious_violations(page) == []
    shot(page, "launch-anyway", full_page=False)
    actions.get_by_role("button", name="Launch anyway").click()
    actions.get_by_text("Launched. The invitations are on their way.").wait_for(timeout=20_000)
    local.settle()

    # Raters answer; the page shows the progress overall and by department, and each subject's forms.
    answer_some_forms(local, seeded, cycle)
    page.reload()
    progress = page.get_by_role("region", name="Progress")
    progress.wait_for(timeout=20_000)
    departments = progress.get_by_role("listitem").all_inner_texts()
    assert [d.split("\n")[0] for d in departments] == ["Operations", "Sales"]
    assert any("(1 of " in d for d in departments) and any("1 declined" in d for d in departments)
    page.get_by_text("Jonas Holm's raters and their forms").click()
    page.get_by_text("Reason given: Works in another office").wait_for(timeout=10_000)
    assert serious_violations(page) == []
    shot(page, "progress")

    # Remind now: what it will do, then only on confirming.
    actions.get_by_role("button", name="Remind now").click()
    explanation = actions.inner_text()
    assert "forms are open" in explanation and "have had 2, are left out" in explanation
    mail_before = len(requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"])
    assert serious_violations(page) == []
    shot(page, "remind", full_page=False)
    actions.get_by_role("button", name="Yes, send reminders").click()
    actions.get_by_text("Reminders are on their way.").wait_for(timeout=20_000)
    local.settle()
    mailbox = requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
    assert len(mailbox) > mail_before  # the raters with pending forms were reminded

    # The cycle's page reads one request of its own (GET /me is shared by every page).
    calls.clear()
    page.reload()
    page.get_by_role("region", name="Progress").wait_for(timeout=20_000)
    page.wait_for_load_state("networkidle")
    api = [u.removeprefix(local.api) for u in calls if u.startswith(local.api)]
    api = [path for path in api if not re.match(r"/(assets|oauth2|\.well-known)/", path)]
    assert sorted(api) == sorted(["/me", f"/cycles/{cycle}/progress"])
    fits_a_phone(page)
    shot(page, "progress-390")
    assert problems == []
    context.close()


def test_the_cycle_page_in_danish_on_a_phone(local, browser, seeded):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/hr/cycles/{seeded['cycle']}")
    page.get_by_role("heading", name="Engineering 360").wait_for(timeout=20_000)
    page.get_by_role("region", name="Fremdrift").wait_for(timeout=20_000)
    assert "Svarprocent pr. afdeling" in page.inner_text("main")
    assert page.get_by_role("button", name="Send påmindelse nu").is_visible()
    fits_a_phone(page)
    shot(page, "cycle-390-da")
    page.goto(f"{local.api}/hr/cycles")
    page.get_by_role("heading", name="Runder", exact=True).wait_for(timeout=20_000)
    fits_a_phone(page)
    page.goto(f"{local.api}/hr/cycles/new")
    page.get_by_role("heading", name="Opret en runde").wait_for(timeout=20_000)
    fits_a_phone(page)
    assert problems == []
    context.close()


def test_hr_pages_are_not_found_for_an_employee(local, browser, seeded):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub=e014&next=/hr")  # Grace Howell, English, not HR
    page.get_by_role("heading", name="Page not found").wait_for(timeout=20_000)
    assert (
        page.get_by_role("link", name="Cycles").count() == 0 and page.get_by_role("link", name="Overview").count() == 0
    )
    assert serious_violations(page) == []
    context.close()
