"""The console in a real browser: sign in through the local sign-in page, land on Home in one's
own language, stay out of another person's report, and pass axe-core (no serious or critical
finding) on the sign-in page and Home, on a desktop and on a 390 px phone.

Needs the built console (`make run` builds it; so does `npm run build` in console/) and Debian's
Chromium; it says clearly when it skips.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import requests

from tests.browser.test_form_in_chromium import ARGS, CHROMIUM, SCREENSHOTS
from tests.conftest import ROOT
from tests.integration.conftest import Local, start_local, stop_local

CONSOLE = ROOT / "console"
AXE = CONSOLE / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="browser test skipped: no Chromium here (apt-get install chromium)"),
    pytest.mark.skipif(
        not (CONSOLE / "dist" / "index.html").is_file() or not AXE.is_file(),
        reason="console test skipped: build it first (cd console && npm ci && npm run build)",
    ),
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-console"))  # seeded: the demo organisation
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


def serious_violations(page) -> list[str]:
    # Evaluated, not added as a <script>: the console's Content-Security-Policy (the deployed one, which the
    # local gateway sends too) refuses inline scripts, and rightly.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def watch(page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    # What the console's Content-Security-Policy refused (the report's frame, say, takes the console's policy).
    refused = "Content Security Policy"
    page.on("console", lambda message: problems.append(message.text) if refused in message.text else None)
    return problems


def test_an_employee_signs_in_on_the_sign_in_page_and_lands_on_home_in_danish(local, browser, seeded):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/")
    page.get_by_role("heading", name="Sign in to Janus").wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-sign-in-desktop.png"), full_page=True)

    page.get_by_role("button", name="Anna Nygaard").click()  # e012, Engineering, Danish
    page.get_by_role("heading", name="Hej, Anna Nygaard").wait_for(timeout=20_000)
    assert page.evaluate("document.documentElement.lang") == "da"
    page.get_by_role("heading", name="Feedback du mangler at give").wait_for(timeout=20_000)
    # Anna rates her colleagues in the demo round: each form she owes links to the rater's form.
    forms = page.get_by_role("link", name=re.compile("feedback om", re.IGNORECASE))
    assert forms.count() > 0 and "/feedback/" in forms.first.get_attribute("href")
    assert "Ikke påbegyndt" in page.inner_text("main") and "pending" not in page.inner_text("main")
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-home-desktop-da.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-home-390-da.png"), full_page=True)

    # Switched to English with the keyboard, and the choice holds.
    page.get_by_label("Sprog").focus()
    page.keyboard.press("ArrowUp")  # English is first
    page.get_by_role("heading", name="Hello, Anna Nygaard").wait_for(timeout=10_000)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.screenshot(path=str(SCREENSHOTS / "console-home-390-en.png"), full_page=True)
    page.reload()
    page.get_by_role("heading", name="Hello, Anna Nygaard").wait_for(timeout=20_000)
    assert problems == []
    context.close()


def test_another_persons_report_shows_not_found(local, browser, seeded):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = watch(page)
    cycle = seeded["cycle"]
    page.goto(f"{local.api}/_local/sign-in?sub=e014&next=/reports/{cycle}/e012")  # Grace Howell, English
    page.get_by_role("heading", name="Report not found").wait_for(timeout=20_000)
    assert "Grace Howell" in page.inner_text("header")
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-report-not-found-390-en.png"), full_page=True)
    assert problems == []
    context.close()


def test_home_on_a_desktop_in_english(local, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub=e014&next=/")
    page.get_by_role("heading", name="Hello, Grace Howell").wait_for(timeout=20_000)
    page.get_by_role("heading", name="Feedback you owe").wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-home-desktop-en.png"), full_page=True)
    # Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def signed_in(browser, local: Local, employee: str, path: str, viewport: dict | None = None):
    context = browser.new_context(viewport=viewport or DESKTOP)
    page = context.new_page()
    page.goto(f"{local.api}/_local/sign-in?sub={employee}&next={path}")
    return context, page


def test_an_employee_proposes_a_peer_and_their_manager_approves_it_then_acknowledges_a_case(local, browser, seeded):
    hr = {"Authorization": f"Bearer {seeded['hr_token']}"}
    body = {"name": "Team 360", "kind": "360", "deadline": "2030-06-30", "subjects": ["e014"],
            "raters": {"peer": {"min": 0, "max": 3}}}  # fmt: skip
    cycle = requests.post(f"{local.api}/cycles", json=body, headers=hr, timeout=30).json()["id"]
    local.settle()
    assert requests.post(f"{local.api}/cycles/{cycle}/events", json={"type": "nominate"}, headers=hr, timeout=30).ok
    raters = requests.get(f"{local.api}/cycles/{cycle}/subjects/e014/raters", headers=hr, timeout=10).json()
    dropped = next(r["id"] for r in raters["raters"] if r["relationship"] == "peer")  # room for one proposal
    assert requests.delete(f"{local.api}/cycles/{cycle}/subjects/e014/raters/{dropped}", headers=hr, timeout=10).ok

    # Grace proposes a colleague on her home page.
    context, page = signed_in(browser, local, "e014", "/")
    problems = watch(page)
    page.get_by_role("heading", name="Propose who gives you feedback").wait_for(timeout=20_000)
    candidates = page.get_by_role("group", name="Colleagues you can propose").get_by_role("checkbox")
    candidates.first.check()
    page.get_by_role("button", name="Propose these colleagues").click()
    page.get_by_text("Proposed 1 colleague. Your manager decides.").wait_for(timeout=20_000)
    assert page.get_by_text("Waiting for your manager", exact=True).is_visible()
    assert serious_violations(page) == []
    page.get_by_role("heading", name="Propose who gives you feedback").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "console-propose-desktop-en.png"))  # a screen: the user guide shows it
    assert problems == []
    context.close()
    grace = {"Authorization": f"Bearer {local.token(seeded['org'], 'e014', ['employee'])}"}
    (nomination,) = requests.get(f"{local.api}/me", headers=grace, timeout=10).json()["nominations"]
    (chosen,) = [p["name"] for p in nomination["proposals"]]

    # Daniel, her manager, approves it on his team page, then marks her performance unacceptable.
    context, page = signed_in(browser, local, "e011", "/team")
    problems = watch(page)
    page.get_by_role("heading", name="Your team").wait_for(timeout=20_000)
    page.get_by_role("group", name=chosen).get_by_label("Approve").check()
    page.get_by_role("button", name="Save decisions for Grace Howell").click()
    page.get_by_text("Saved: 1 approved, 0 rejected.").wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-team-desktop-en.png"))  # a screen: the user guide shows it
    now = requests.get(f"{local.api}/cycles/{cycle}/subjects/e014/raters", headers=hr, timeout=10).json()
    assert chosen in {r["name"] for r in now["raters"] if r["relationship"] == "peer"}

    page.get_by_text("Mark Grace Howell's performance unacceptable").click()
    page.get_by_label("Why is Grace Howell's performance unacceptable?").fill("Missed three release dates")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Yes, open the case").click()
    page.get_by_role("link", name="Go to the case").click()
    page.get_by_role("heading", name="Acknowledge the case").wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Acknowledge", exact=True).click()
    page.get_by_role("heading", name="Agree an improvement plan").wait_for(timeout=20_000)
    assert page.get_by_text("Acknowledged.").first.is_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-case-desktop-en.png"), full_page=True)
    case_url = page.url
    assert problems == []
    context.close()

    # Grace sees none of it: not the case, not the team page; a colleague's report is "not found".
    context, page = signed_in(browser, local, "e014", case_url.removeprefix(local.api), PHONE)
    page.get_by_role("heading", name="Case not found").wait_for(timeout=20_000)
    assert page.get_by_role("link", name="Team").count() == 0
    page.goto(f"{local.api}/team")
    page.get_by_role("heading", name="Page not found").wait_for(timeout=20_000)
    assert "Grace Howell" not in page.inner_text("main")
    assert serious_violations(page) == []
    context.close()


def test_a_subject_opens_the_release_e_mails_link_signs_in_and_reads_their_report(local, browser, seeded):
    # Last in this module: it closes and releases the demo round.
    hr = {"Authorization": f"Bearer {seeded['hr_token']}"}
    cycle = seeded["cycle"]
    for event in ("close", "release"):
        answer = requests.post(f"{local.api}/cycles/{cycle}/events", json={"type": event}, headers=hr, timeout=60)
        assert answer.status_code == 202, answer.text
        local.settle()
    mailbox = requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
    employee = requests.get(f"{local.api}/employees/e012", headers=hr, timeout=10).json()
    (notice,) = [m for m in mailbox if m["to"] == [employee["email"]] and f"/reports/{cycle}/e012" in str(m["links"])]
    (link,) = [link for link in notice["links"] if f"/reports/{cycle}/e012" in link]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(link)  # no session yet: the console sends the browser to sign in first
    page.get_by_role("heading", name="Sign in to Janus").wait_for(timeout=20_000)
    page.get_by_role("button", name="Anna Nygaard").click()
    frame = page.frame_locator("iframe.report-frame")
    frame.locator("h1").first.wait_for(timeout=20_000)
    assert page.url == link
    assert "Anna Nygaard" in frame.locator("body").inner_text()
    assert page.locator("iframe.report-frame").get_attribute("sandbox") == "allow-same-origin allow-modals"
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "console-report-desktop-da.png"))  # a screen: the user guide shows it
    assert problems == []
    context.close()
