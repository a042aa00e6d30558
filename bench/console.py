"""The console's first load and each page's API requests, measured.

    python -m bench.console [--json FILE]

Prints the JavaScript a first visit loads (the scripts index.html names, gzipped as a server sends them;
target at most 200 KB), then opens each page of the built console in headless Chromium on the local stack
with the demo organisation, signed in as the person the page is for (HR, e021, for the People pages), and
counts the requests the page makes to the API once it has rendered (target at most 2 per page). Sign-in (the
OIDC endpoints), the console's own files and the local stack's helpers are not API requests and are not counted.

Needs the built console (``make bench`` builds it) and Chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from infra.seed import seed
from infra.stack import LocalStack

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "console" / "dist"
TARGET_KB = 200
TARGET_REQUESTS = 2
# Not the API: the console's files, the sign-in stand-in and the local stack's own routes.
NOT_API = ("/assets/", "/.well-known/", "/oauth2/", "/_local/", "/logout", "/callback", "/favicon")
HR = "e021"  # Camilla Bech, the demo organisation's HR administrator
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


def say(text: str) -> None:
    print(text, flush=True)


def first_load(dist: Path = DIST) -> dict[str, int]:
    """{file: gzipped bytes} of the JavaScript index.html loads at once (its module scripts and preloads)."""
    html = (dist / "index.html").read_text()
    names = re.findall(r'<script[^>]+src="/?([^"]+\.js)"', html) + re.findall(
        r'<link[^>]+rel="modulepreload"[^>]+href="/?([^"]+\.js)"', html
    )
    return {name: len(gzip.compress((dist / name).read_bytes(), compresslevel=9)) for name in dict.fromkeys(names)}


def chromium() -> str | None:
    return os.environ.get("JANUS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def api_requests(urls: list[str], origin: str) -> list[str]:
    paths = [u[len(origin) :] for u in urls if u.startswith(origin)]
    return [p for p in paths if p.split("?")[0] not in ("/", "/index.html") and not p.startswith(NOT_API)]


def measure_pages(executable: str) -> list[dict[str, Any]]:
    """Each page: who opens it, and the API requests it made once rendered."""
    from playwright.sync_api import sync_playwright

    stack = LocalStack(port=0, state_dir=Path(tempfile.mkdtemp(prefix="janus-console-bench-"))).start()
    try:
        demo = seed(stack.api)
        api, cycle = stack.api, demo["cycle"]

        def token(sub: str, roles: list[str]) -> dict[str, str]:
            issued = requests.post(
                f"{api}/_local/token", json={"org": demo["org"], "sub": sub, "roles": roles}, timeout=10
            )
            return {"Authorization": f"Bearer {issued.json()['token']}"}

        manager = token("e011", ["employee", "manager"])
        team = requests.get(f"{api}/me/team", headers=manager, timeout=30).json()["members"]
        flagged = requests.post(
            f"{api}/employees/{team[0]['id']}/unacceptable",
            json={"note": "Benchmark case"},
            headers=manager,
            timeout=30,
        )
        case = flagged.json()["id"]
        pages = [
            ("home", "e012", "/"),
            ("team", "e011", "/team"),
            ("case", "e011", f"/cases/{case}"),
            # HR's (e021, Camilla Bech): the overview, the demo round's page while it is open, reports, cases, settings.
            ("hr", HR, "/hr"),
            ("cycle", HR, f"/hr/cycles/{cycle}"),
            ("reports", HR, "/reports"),
            ("cases", HR, "/cases"),
            ("settings", HR, "/settings"),
            ("people", "e021", "/people"),  # HR: the people list's first page
            ("person", "e021", "/people/e012"),
        ]
        results = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=ARGS)

            def visit(label: str, sub: str, path: str) -> None:
                context = browser.new_context()
                page = context.new_page()
                seen: list[str] = []
                page.goto(f"{api}/_local/sign-in?sub={sub}&next=/")  # signs in: the session is kept in this tab
                page.wait_for_load_state("networkidle")
                page.on("request", lambda r: seen.append(r.url) if r.resource_type in ("fetch", "xhr") else None)
                page.goto(f"{api}{path}")
                page.wait_for_load_state("networkidle")
                time.sleep(0.3)
                page.wait_for_load_state("networkidle")
                calls = api_requests(seen, api)
                results.append({"page": label, "path": path, "as": sub, "requests": len(calls), "calls": calls})
                context.close()

            for label, sub, path in pages:
                visit(label, sub, path)
            hr = {"Authorization": f"Bearer {demo['hr_token']}"}
            for kind in ("close", "release"):
                requests.post(f"{api}/cycles/{cycle}/events", json={"type": kind}, headers=hr, timeout=60)
                while stack.settle():
                    pass
            visit("report", "e012", f"/reports/{cycle}/e012")
            # HR's pages of a released cycle: its analytics, and every report (each view reads one route).
            visit("analytics", HR, f"/reports/{cycle}")
            visit("report-list", HR, f"/reports/{cycle}?view=reports")
            browser.close()
        return results
    finally:
        stack.stop(reset=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.console", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / ".janus" / "bench" / "console.json")
    args = parser.parse_args(argv)
    if not (DIST / "index.html").is_file():
        say("the console is not built: cd console && npm ci && npm run build")
        return 1
    say("\n=== the console's first load: JavaScript, gzipped ===")
    scripts = first_load()
    for name, size in scripts.items():
        say(f"{name:48} {size / 1000:8.1f} KB")
    total = sum(scripts.values()) / 1000
    say(f"{'total':48} {total:8.1f} KB (target <= {TARGET_KB} KB: {'met' if total <= TARGET_KB else 'MISSED'})")
    figures: dict[str, Any] = {"first_load_kb": total, "scripts": scripts, "pages": None}
    executable = chromium()
    if executable is None:
        say("\nAPI requests per page: skipped (no Chromium here: apt-get install chromium)")
    else:
        say("\n=== API requests per page, once rendered (demo organisation) ===")
        figures["pages"] = measure_pages(executable)
        for p in figures["pages"]:
            verdict = "met" if p["requests"] <= TARGET_REQUESTS else "MISSED"
            target = f"(target <= {TARGET_REQUESTS}: {verdict})"
            say(f"{p['page']:11} {p['path']:44} as {p['as']:6} {p['requests']} {target}")
            say(f"            {', '.join(call.split('?')[0] for call in p['calls']) or '-'}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2))
    say(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
