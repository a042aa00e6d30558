"""The 360 report printed by headless Chromium: a realistic report of ten competencies fits on a few A4 pages.

Runs wherever Chromium is installed (Debian's `chromium`) and says clearly when it skips. Set
JANUS_CHROMIUM to use another binary.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from janus.reports.page import render_report
from tests.browser.report_sample import COMPETENCIES, realistic_report

CHROMIUM = os.environ.get("JANUS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="browser test skipped: no Chromium here (apt-get install chromium, or set JANUS_CHROMIUM)"
)
MOST_PAGES = 12
# The printable height of an A4 page under the report's @page margins (297 mm less 16 and 18), in CSS pixels.
PAGE_HEIGHT_PX = (297 - 16 - 18) / 25.4 * 96


def print_to_pdf(html: str, folder: Path) -> bytes:
    page, pdf = folder / "report.html", folder / "report.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("locale", ["en", "da"])
def test_a_report_of_ten_competencies_prints_on_at_most_twelve_pages(locale: str, tmp_path: Path) -> None:
    report = realistic_report(locale)
    assert len(report["competencies"]) == len(COMPETENCIES) == 10
    count = pages(print_to_pdf(render_report(report), tmp_path))
    assert 2 <= count <= MOST_PAGES, f"{count} pages"


def test_the_summary_fits_on_the_first_printed_page(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    (tmp_path / "report.html").write_text(render_report(realistic_report("en")), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 718, "height": 1000})  # A4's printable width
            page.emulate_media(media="print")
            page.goto((tmp_path / "report.html").as_uri())
            bottom = page.evaluate("document.getElementById('summary').getBoundingClientRect().bottom")
        finally:
            browser.close()
    assert bottom <= PAGE_HEIGHT_PX, f"the summary ends {bottom:.0f}px down a {PAGE_HEIGHT_PX:.0f}px page"
