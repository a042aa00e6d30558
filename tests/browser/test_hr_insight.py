"""HR's insight pages in a real browser, as Camilla Bech (HR, Danish) of the demo organisation: she adds a value
to the organisation and saves it; opens a released cycle's analytics and downloads a table as CSV (the file's
bytes checked: UTF-8 with a byte-order mark, a department that starts like a formula neutralised); and lists
the cases filtered by state. Every page passes axe-core (no serious or critical finding) in Danish and in
English, on a desktop and on a 390 px phone without sideways scrolling.

Needs the built console and Debian's Chromium; it says clearly when it skips.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from infra.seed import demo_employees
from tests.browser.test_console_in_chromium import (
    AXE,
    CONSOLE,
    DESKTOP,
    PHONE,
    browser,  # noqa: F401 - the module's browser fixture
    local,  # noqa: F401 - the module's local stack, seeded with the demo organisation
    seeded,  # noqa: F401
    serious_violations,
    watch,
)
from tests.browser.test_form_in_chromium import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="browser test skipped: no Chromium here (apt-get install chromium)"),
    pytest.mark.skipif(
        not (CONSOLE / "dist" / "index.html").is_file() or not AXE.is_file(),
        reason="console test skipped: build it first (cd console && npm ci && npm run build)",
    ),
]
HR = "e021"  # Camilla Bech
WEAK = "e003"  # Jonas Holm of Sales: rated 1 by everyone, so his report opens cases
FORMULA_DEPARTMENT = "+Operations"  # a department a spreadsheet would run as a formula
COMPETENCIES = ["listening", "teamwork", "customer_focus", "problem_solving", "integrity"]


def _seed(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


LEVELS = {"Engineering": 4, "People and Training": 3, "Sales": 2}  # how each department is seen, roughly


def rating(link: str, subject: str, department: str, number: int) -> int:
    """One rater's rating of one behaviour (``number``, six to a competency): the department's level, the
    person's and the competency's, the rater's leniency, and now and then a point either way."""
    if subject == WEAK:
        return 1
    rater = _seed(link)
    level = LEVELS.get(department, 3) + (number // 6 + _seed(subject)) % 2 + rater % 3 - 1
    noise = ((rater >> (2 * number)) % 3 - 1) if (rater >> (number + 40)) % 2 else 0
    return max(1, min(5, level + noise))


@pytest.fixture(scope="module")
def released(local, seeded) -> dict:  # noqa: F811
    """A released 360 of everyone: every form answered but the peers' and reports' in +Operations (its cells
    then have too few raters), and one case acknowledged."""
    hr = {"Authorization": f"Bearer {seeded['hr_token']}"}
    people = demo_employees()
    for person in people:
        if person["department"] == "Operations":
            person["department"] = FORMULA_DEPARTMENT
    assert requests.put(f"{local.api}/employees", json=people, headers=hr, timeout=60).ok
    departments = {p["id"]: p["department"] for p in people}
    body = {"name": "Forår 360", "kind": "360", "deadline": "2030-06-30", "competencies": COMPETENCIES}
    created = requests.post(f"{local.api}/cycles", json=body, headers=hr, timeout=60)
    assert created.status_code == 201, created.text
    cycle = created.json()["id"]
    local.settle()
    launch = {"type": "launch", "force": True}
    launched = requests.post(f"{local.api}/cycles/{cycle}/events", json=launch, headers=hr, timeout=60)
    assert launched.status_code == 202, launched.text
    local.settle()

    mail = requests.get(f"{local.api}/_local/mailbox", timeout=30).json()["messages"]
    links = dict.fromkeys(link for m in mail for link in m["links"] if "/feedback/" in link)
    answered = 0
    for link in links:
        form = requests.get(f"{link}/questionnaire", timeout=10)
        if form.status_code != 200 or form.json()["cycle"]["id"] != cycle:
            continue
        questionnaire = form.json()
        subject, relationship = questionnaire["subject"]["id"], questionnaire["relationship"]
        if departments[subject] == FORMULA_DEPARTMENT and relationship not in ("self", "manager"):
            continue
        questions = [q["id"] for c in questionnaire["competencies"] for q in c["questions"]]
        answers = {
            "ratings": {q: rating(link, subject, departments[subject], n) for n, q in enumerate(questions)},
            "comments": {c["id"]: "Godt samarbejde." for c in questionnaire["competencies"]},
            "overall": "Tak.",
        }
        assert requests.post(f"{link}/submit", json=answers, timeout=10).status_code == 200
        answered += 1
    assert answered > 100
    for kind in ("close", "release"):
        answer = requests.post(f"{local.api}/cycles/{cycle}/events", json={"type": kind}, headers=hr, timeout=60)
        assert answer.status_code == 202, answer.text
        local.settle()

    weak = requests.get(f"{local.api}/escalations", params={"state": "open"}, headers=hr, timeout=10).json()
    cases = [c for c in weak["cases"] if c["employee_id"] == WEAK]
    assert cases and {c["department"] for c in cases} == {"Sales"}
    acknowledged = cases[0]["id"]
    owner = {"Authorization": f"Bearer {local.token(seeded['org'], cases[0]['owner'], ['employee', 'manager'])}"}
    moved = requests.post(
        f"{local.api}/escalations/{acknowledged}/events", json={"type": "acknowledge"}, headers=owner, timeout=10
    )
    assert moved.status_code == 200, moved.text
    return {"cycle": cycle, "acknowledged": acknowledged, "open": len(cases) - 1}


@pytest.fixture
def hr_page(browser, local) -> Iterator:  # noqa: F811
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    problems = watch(page)
    yield page
    assert problems == []
    context.close()


def sign_in(page, local, path: str) -> None:  # noqa: F811
    page.goto(f"{local.api}/_local/sign-in?sub={HR}&next={path}")


def on_a_phone(page, name: str) -> None:
    """The page at 390 px: nothing wider than the screen, and axe still finds nothing serious."""
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"hr-insight-{name}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def in_english(page) -> None:
    page.get_by_label("Sprog").select_option("en")
    page.wait_for_function("document.documentElement.lang === 'en'")


def test_hr_adds_a_value_to_the_organisation_and_saves_it(local, seeded, hr_page):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = hr_page
    sign_in(page, local, "/settings")
    page.get_by_role("heading", name="Organisation", level=1).wait_for(timeout=20_000)
    assert page.evaluate("document.documentElement.lang") == "da"
    assert serious_violations(page) == []

    page.get_by_role("button", name="Tilføj en værdi").click()
    added = page.get_by_role("group", name="Værdi 1: ny værdi")
    added.get_by_label("Navn").fill("Mod og ærlighed")
    added = page.get_by_role("group", name="Værdi 1: Mod og ærlighed")
    assert added.get_by_label("Id").input_value() == "mod-og-aerlighed"
    added.get_by_label("Hvad den betyder (valgfrit)").fill("Vi siger tingene, som de er, og lytter, når andre gør.")
    page.get_by_label("Færreste bedømmere, en gruppe skal have for at blive vist").fill("4")
    page.get_by_label("Skalaens trin, ét pr. linje, laveste først").fill("Ikke endnu\nDelvist\nFuldt ud\nMere end det")
    page.get_by_label("Måneder, oplysninger gemmes, når de ikke længere bruges").fill("24")
    page.get_by_role("button", name="Gem indstillingerne").click()
    page.get_by_text("Gemt.", exact=True).wait_for(timeout=20_000)
    assert serious_violations(page) == []
    on_a_phone(page, "organisation-da")

    hr = {"Authorization": f"Bearer {seeded['hr_token']}"}
    settings = requests.get(f"{local.api}/organisation", headers=hr, timeout=10).json()
    assert settings["values"] == [
        {
            "id": "mod-og-aerlighed",
            "name": "Mod og ærlighed",
            "description": "Vi siger tingene, som de er, og lytter, når andre gør.",
        }
    ]
    assert settings["anonymity_threshold"] == 4
    assert settings["rating_scale"] == ["Ikke endnu", "Delvist", "Fuldt ud", "Mere end det"]
    assert settings["retention_months"] == 24

    # A problem is shown at its field, and nothing is saved.
    page.get_by_label("Organisationens tidszone").fill("Europe/Atlantis")
    page.get_by_role("button", name="Gem indstillingerne").click()
    page.get_by_role("alert").wait_for(timeout=20_000)
    assert page.get_by_label("Organisationens tidszone").get_attribute("aria-invalid") == "true"
    assert serious_violations(page) == []
    page.reload()
    in_english(page)
    page.get_by_role("heading", name="Organisation", level=1).wait_for(timeout=20_000)
    page.get_by_role("group", name="Values").scroll_into_view_if_needed()
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "hr-insight-organisation.png"), full_page=True)
    assert requests.get(f"{local.api}/organisation", headers=hr, timeout=10).json()["time_zone"] != "Europe/Atlantis"


def test_hr_reads_a_released_cycles_analytics_and_exports_a_table_as_csv(local, released, hr_page, tmp_path):  # noqa: F811
    page = hr_page
    cycle = released["cycle"]
    sign_in(page, local, "/reports")
    page.get_by_role("heading", name="Rapporter og analyser", level=1).wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Forår 360").click()
    page.get_by_role("heading", name="Rapporter og analyser: Forår 360").wait_for(timeout=20_000)
    heat = page.get_by_role("region", name="Kompetencer efter afdeling", exact=True)
    heat.wait_for(timeout=20_000)
    hidden = heat.get_by_role("row", name=FORMULA_DEPARTMENT)
    assert "For få bedømmere" in hidden.inner_text()
    sales = heat.get_by_role("row", name="Sales").inner_text()
    assert "," in sales and "bedømmere" in sales  # each cell writes its mean the Danish way, and its raters
    assert serious_violations(page) == []

    with page.expect_download() as download:
        heat.get_by_role("button", name="Hent som CSV").click()
    saved = Path(download.value.path())
    assert download.value.suggested_filename == "forår-360-kompetencekort.csv"
    content = saved.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    lines = content[3:].decode("utf-8").split("\r\n")
    assert lines[0].startswith("Afdeling,") and "Aktiv lytning" in lines[0]  # the competencies in Danish
    assert any(line.startswith(f"'{FORMULA_DEPARTMENT},") for line in lines)  # neutralised, never run
    assert all(not line.startswith(FORMULA_DEPARTMENT) for line in lines)
    assert any("For få bedømmere" in line for line in lines)
    heat.get_by_role("status").get_by_text("kompetencekort.csv", exact=False).wait_for()

    rates = page.get_by_role("region", name="Svarprocenter", exact=True)
    rates.get_by_role("button", name="Vis som tabel").click()
    rates.get_by_role("rowheader", name="Alle afdelinger").wait_for()
    assert serious_violations(page) == []
    on_a_phone(page, "analytics-da")

    page.get_by_role("link", name="Alle rapporter").click()
    reports = page.get_by_role("region", name="Alle rapporter")
    reports.get_by_role("link", name="Rapporten om Jonas Holm").wait_for(timeout=20_000)
    assert reports.get_by_role("link").first.get_attribute("href").startswith(f"/reports/{cycle}/")
    assert serious_violations(page) == []
    on_a_phone(page, "reports-da")

    in_english(page)
    page.get_by_role("link", name="Analytics").click()
    page.get_by_role("region", name="Competencies by department", exact=True).wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "hr-insight-analytics.png"), full_page=True)
    page.get_by_role("region", name="Competencies by department", exact=True).screenshot(
        path=str(SCREENSHOTS / "hr-insight-heat-map.png")
    )


def test_hr_lists_the_cases_filtered_by_state(local, released, hr_page):  # noqa: F811
    page = hr_page
    sign_in(page, local, "/cases")
    page.get_by_role("heading", name="Sager", level=1).wait_for(timeout=20_000)
    results = page.get_by_role("region", name="Åbne sager (ikke lukkede): alle afdelinger")
    results.get_by_role("link", name="Sag om Jonas Holm").first.wait_for(timeout=20_000)
    assert serious_violations(page) == []

    page.get_by_label("Hvor sagerne står").select_option("acknowledged")
    page.get_by_label("Afdeling", exact=True).fill("Sales")
    page.get_by_role("button", name="Vis disse sager").click()
    filtered = page.get_by_role("region", name="Kvitteret, venter på en plan: Sales")
    filtered.get_by_text("1 sag i alt.").wait_for(timeout=20_000)
    link = filtered.get_by_role("link", name="Sag om Jonas Holm")
    assert link.get_attribute("href") == f"/cases/{released['acknowledged']}"
    assert "Mette Kjær" in filtered.inner_text()  # who must act, by name
    assert "state=acknowledged" in page.url and "department=Sales" in page.url
    assert serious_violations(page) == []
    on_a_phone(page, "cases-da")

    link.click()  # the case's own page, with its history
    page.get_by_role("heading", name="Historik").wait_for(timeout=20_000)
    page.go_back()
    in_english(page)
    page.get_by_role("region", name="Acknowledged, waiting for a plan: Sales").wait_for(timeout=20_000)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "hr-insight-cases.png"), full_page=True)
