"""HR's goal alignment by department in a real browser: people of three departments of the demo organisation set
goals through the API; HR (Camilla Bech, Danish) sees Engineering's row, the two small departments folded into
"Other departments", no total, in Danish and English, and the page passes axe-core (no serious or critical
finding) on a desktop and on a 390 px phone without scrolling sideways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
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

DUE = "2030-06-30"
# Engineering: its head and two of his people (3, the threshold); Sales: one; People and Training: two
ENGINEERING, SALES, PEOPLE = ("e011", "e012", "e013"), ("e003",), ("e022", "e023")


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-hr-goals"))  # seeded: the demo organisation
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def _set(local: Local, who: str, **fields: object) -> str:
    session = local.as_("demo", who, ("employee", "manager") if who == "e011" else ("employee",))
    body = {"title": f"Answer every customer within a working day ({who})", "due": DUE, **fields}
    answer = session.post(f"{local.api}/goals", json=body, timeout=10)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_hr_sees_goal_alignment_by_department_with_small_departments_folded(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    top = _set(local, "e011")
    for who in ENGINEERING[1:]:
        _set(local, who, parent_id=top, key_results=[{"title": "Share answered", "start": 0, "target": 100}])
    for who in SALES + PEOPLE:
        _set(local, who)
    assert local.as_("demo", "e012", ("employee", "manager")).get(f"{local.api}/organisation/goals").status_code == 403

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/hr/goals")  # Camilla Bech, HR, Danish
    page.get_by_role("heading", name="Målafstemning pr. afdeling").wait_for(timeout=20_000)
    table = page.get_by_role("table")
    expect(table.get_by_role("rowheader")).to_have_text(["Engineering", "Andre afdelinger (2)"], timeout=10_000)
    engineering = table.get_by_role("row").nth(1)
    expect(engineering).to_contain_text("67 %")  # two of its three goals hang under another
    expect(table.get_by_role("row").nth(2).get_by_role("cell").first).to_have_text("3")  # Sales's 1 and P&T's 2
    assert "Sales" not in page.content() and "People and Training" not in page.content()
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "hr-goals-da.png"), full_page=True)

    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("heading", name="Goal alignment by department").wait_for(timeout=10_000)
    expect(table.get_by_role("rowheader")).to_have_text(["Engineering", "Other departments (2)"])
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "hr-goals-en.png"), full_page=True)

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "hr-goals-390-en.png"), full_page=True)
    assert problems == []
    context.close()
