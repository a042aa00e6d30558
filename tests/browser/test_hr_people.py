"""HR's People pages in a real browser, on the demo organisation: a file with an error shows it by row and
field; corrected, its dry run says what it would do; applied, the new person is found by a search and
opens on their own page. axe-core finds nothing serious or critical on any page, in Danish and English,
on a desktop and at 390 px (where nothing scrolls sideways).

Needs the built console and Debian's Chromium; it says clearly when it skips.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from tests.browser.test_console_in_chromium import AXE, CONSOLE, DESKTOP, PHONE, serious_violations, watch
from tests.browser.test_form_in_chromium import ARGS, CHROMIUM, SCREENSHOTS
from tests.conftest import ROOT
from tests.integration.conftest import Local, start_local, stop_local

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="browser test skipped: no Chromium here (apt-get install chromium)"),
    pytest.mark.skipif(
        not (CONSOLE / "dist" / "index.html").is_file() or not AXE.is_file(),
        reason="console test skipped: build it first (cd console && npm ci && npm run build)",
    ),
]
GUIDE = ROOT / "docs" / "guides" / "img"
HEADER = "id,name,email,manager_id,department,job_class,locale,time_zone"
HANNAH = "e022,Hannah Price,hannah.price@demo.example.com,e021,People and Training,hr-training,en,Europe/London"


def csv(*rows: str) -> dict:
    return {"name": "people.csv", "mimeType": "text/csv", "buffer": "\n".join([HEADER, *rows, ""]).encode()}


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    stack = start_local(tmp_path_factory.mktemp("janus-hr-people"))  # seeded: the demo organisation
    yield stack
    stop_local(stack)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def checked(page, name: str) -> None:
    """No serious finding, nothing sideways at this width, and screenshots to look at: the whole page and
    what the screen shows."""
    assert serious_violations(page) == [], name
    assert fits(page), name
    page.screenshot(path=str(SCREENSHOTS / f"hr-people-{name}.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / f"hr-people-{name}-screen.png"))


def test_hr_imports_a_file_after_its_dry_run_and_finds_the_new_person_in_danish(local, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/people")  # Camilla Bech, HR, Danish
    page.get_by_role("heading", name="Medarbejdere", level=1).wait_for(timeout=20_000)
    assert page.get_by_role("link", name="Medarbejdere").get_attribute("href") == "/people"
    page.get_by_role("link", name="Anna Nygaard").wait_for(timeout=20_000)
    checked(page, "list-desktop-da")

    # A file with one mistake: the dry run names its row and field, and nothing is offered to apply.
    chooser = page.get_by_label("Vælg en CSV- eller JSON-fil")
    zelda = "e041,Zelda Quist,{email},e021,People and Training,hr-training,da,Europe/Copenhagen"
    chooser.set_input_files(csv(HANNAH, zelda.format(email="zelda.quist(at)demo")))
    table = page.get_by_role("table", name=re.compile("people.csv har 1 fejl"))
    table.wait_for(timeout=20_000)
    assert [cell.inner_text() for cell in table.get_by_role("cell").all()] == [
        "2",
        "E-mail",
        "'zelda.quist(at)demo' is not an e-mail address",
    ]
    assert page.get_by_role("button", name=re.compile("Anvend")).count() == 0
    checked(page, "errors-desktop-da")
    page.set_viewport_size(PHONE)
    checked(page, "errors-390-da")
    page.set_viewport_size(DESKTOP)

    # Corrected: the dry run's counts, then Apply sends the same file for real.
    chooser.set_input_files(csv(HANNAH, zelda.format(email="zelda.quist@demo.example.com")))
    page.get_by_role("heading", name="Det vil en import af people.csv gøre").wait_for(timeout=20_000)
    counts = page.locator("dl.counts").inner_text()
    assert re.search(r"Nye medarbejdere\s+1", counts) and re.search(r"Uændrede\s+1", counts), counts
    assert local.as_("demo").get(f"{local.api}/employees/e041", timeout=10).status_code == 404  # nothing written
    checked(page, "dry-run-desktop-da")
    page.get_by_role("button", name="Anvend: importér people.csv").click()
    page.get_by_text("people.csv er importeret. Nye: 1, ændrede: 0, uændrede: 1").wait_for(timeout=20_000)

    # Found by the start of her name, and her page.
    search = page.get_by_role("search", name="Søg efter medarbejdere")
    search.get_by_label("Navnet begynder med").fill("zel")
    search.get_by_role("button", name="Søg", exact=True).click()
    page.get_by_text("1 medarbejder på denne side, efter navn.").wait_for(timeout=20_000)
    checked(page, "search-desktop-da")
    page.set_viewport_size(PHONE)
    checked(page, "search-390-da")
    page.get_by_role("link", name="Zelda Quist").click()
    page.get_by_role("heading", name="Zelda Quist", level=1).wait_for(timeout=20_000)
    managers = page.get_by_role("region", name="Ledere")
    assert [a.inner_text() for a in managers.get_by_role("link").all()] == ["Camilla Bech", "Helle Bruun"]
    checked(page, "person-390-da")
    page.set_viewport_size(DESKTOP)
    checked(page, "person-desktop-da")
    assert problems == []
    context.close()


def test_the_people_pages_in_english_with_a_persons_rounds(local, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/people")
    page.get_by_role("heading", name="Medarbejdere", level=1).wait_for(timeout=20_000)
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("heading", name="People", level=1).wait_for(timeout=10_000)

    page.get_by_label("Choose a CSV or JSON file").set_input_files(
        csv(
            HANNAH.replace("hr-training", "trainer"),
            "e042,Yusuf Ali,yusuf@demo,e030,Operations,clerical,de,",
            "e043,Zack Moss,zack.moss@demo.example.com,ghost,Operations,clerical,en,",
        )
    )
    page.get_by_role("table", name=re.compile("people.csv has 4 problems")).wait_for(timeout=20_000)
    checked(page, "errors-desktop-en")
    shutil.copyfile(SCREENSHOTS / "hr-people-errors-desktop-en-screen.png", GUIDE / "hr-people-errors.png")

    page.get_by_label("Choose a CSV or JSON file").set_input_files(
        csv(HANNAH, "e042,Yusuf Ali,yusuf.ali@demo.example.com,e030,Operations,clerical,en,Europe/London")
    )
    page.get_by_role("heading", name="What importing people.csv would do").wait_for(timeout=20_000)
    page.get_by_role("link", name="Alice Turner").wait_for(timeout=20_000)
    checked(page, "dry-run-desktop-en")
    shutil.copyfile(SCREENSHOTS / "hr-people-dry-run-desktop-en-screen.png", GUIDE / "hr-people.png")
    page.set_viewport_size(PHONE)
    checked(page, "dry-run-390-en")

    # A person in the demo round: its state, and their manager's page from the chain.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{local.api}/people/e012")
    page.get_by_role("heading", name="Anna Nygaard", level=1).wait_for(timeout=20_000)
    rounds = page.get_by_role("region", name="Feedback rounds")
    assert "Engineering 360" in rounds.inner_text() and "Collecting feedback" in rounds.inner_text()
    checked(page, "person-desktop-en")
    shutil.copyfile(SCREENSHOTS / "hr-people-person-desktop-en-screen.png", GUIDE / "hr-person.png")
    page.get_by_role("region", name="Managers").get_by_role("link", name="Daniel Brooks").click()
    page.get_by_role("heading", name="Daniel Brooks", level=1).wait_for(timeout=20_000)
    reports = page.get_by_role("region", name="Direct reports")
    assert reports.get_by_role("link", name="Anna Nygaard").count() == 1
    page.set_viewport_size(PHONE)
    checked(page, "manager-390-en")
    assert problems == []
    context.close()


def test_hr_sees_who_read_a_persons_case_in_the_audit_log(local, browser):
    # Anna Nygaard's manager marks her performance unacceptable; HR opens the case, then the log.
    flagged = local.as_("demo", "e011", ("employee", "manager")).post(
        f"{local.api}/employees/e012/unacceptable", json={"note": "Deadlines missed three sprints running."}
    )
    assert flagged.status_code == 201, flagged.text
    case_id = flagged.json()["id"]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/cases/{case_id}")
    page.get_by_text("Deadlines missed three sprints running.").wait_for(timeout=20_000)
    page.get_by_label("Sprog").select_option("en")

    page.goto(f"{local.api}/people/e012")
    page.get_by_role("link", name="Who read Anna Nygaard's records").click()
    page.get_by_role("heading", name="Who read Anna Nygaard's records", level=1).wait_for(timeout=20_000)
    rows = page.get_by_role("table").get_by_role("row")
    rows.nth(1).wait_for(timeout=20_000)
    assert rows.count() == 2  # the heading row and HR's one read; the manager's flag is not a read
    assert rows.nth(1).get_by_role("link", name="Camilla Bech").count() == 1
    assert rows.nth(1).get_by_role("link", name="Case").get_attribute("href") == f"/cases/{case_id}"
    checked(page, "audit-desktop-en")
    shutil.copyfile(SCREENSHOTS / "hr-people-audit-desktop-en-screen.png", GUIDE / "hr-audit.png")
    page.set_viewport_size(PHONE)
    checked(page, "audit-390-en")

    # What HR read, in Danish.
    page.get_by_label("Language").select_option("da")
    page.goto(f"{local.api}/hr/audit?reader=e021")
    page.get_by_role("heading", name="Hvad Camilla Bech har læst om andre", level=1).wait_for(timeout=20_000)
    assert page.get_by_role("table").get_by_role("link", name="Anna Nygaard").count() == 1
    checked(page, "audit-390-da")
    assert problems == []
    context.close()


def test_hr_erases_someone_who_left_after_typing_their_id_in_danish(local, browser):
    hr = local.as_("demo", "e021")
    row = {"id": "e043", "name": "Xenia Lund", "email": "xenia.lund@demo.example.com", "manager_id": "e021"}
    row |= {"department": "People and Training", "job_class": "hr-training", "locale": "da", "active": False}
    hr.put(f"{local.api}/employees", json=[row], timeout=30).raise_for_status()
    local.settle()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{local.api}/_local/sign-in?sub=e021&next=/people/e043")
    page.get_by_role("heading", name="Xenia Lund", level=1).wait_for(timeout=20_000)
    records = page.get_by_role("region", name="Oplysninger om personen")
    records.get_by_role("button", name="Slet alt om Xenia Lund").click()
    confirm = records.get_by_label("Skriv personens id, e043, for at bekræfte")
    erase = records.get_by_role("button", name="Slet nu")
    assert erase.is_disabled()
    confirm.fill("e043")
    checked(page, "erase-desktop-da")
    page.set_viewport_size(PHONE)
    checked(page, "erase-390-da")
    records.screenshot(path=str(GUIDE / "hr-erase-phone-da.png"))
    erase.click()
    records.get_by_text("Alt om Xenia Lund bliver slettet").wait_for(timeout=20_000)
    local.settle()
    page.reload()
    page.get_by_role("heading", name="Medarbejderen findes ikke").wait_for(timeout=20_000)
    assert hr.get(f"{local.api}/employees/e043", timeout=10).status_code == 404
    assert [e["state"] for e in hr.get(f"{local.api}/organisation/erasures", timeout=10).json()["erasures"]] == [
        "erased"
    ]
    assert problems == []
    context.close()
