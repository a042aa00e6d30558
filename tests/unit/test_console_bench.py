"""What the console benchmark counts: the JavaScript a first visit loads, and only the API's requests."""

from __future__ import annotations

import gzip

from bench.console import api_requests, first_load


def test_the_first_load_is_every_script_index_html_loads_at_once_gzipped(tmp_path):
    (tmp_path / "assets").mkdir()
    main, vendor, lazy = b"console();" * 500, b"react();" * 900, b"later();" * 3000
    (tmp_path / "assets" / "index-a.js").write_bytes(main)
    (tmp_path / "assets" / "vendor-b.js").write_bytes(vendor)
    (tmp_path / "assets" / "team-c.js").write_bytes(lazy)  # a page loaded when visited: not the first load
    (tmp_path / "index.html").write_text(
        '<script type="module" crossorigin src="/assets/index-a.js"></script>'
        '<link rel="modulepreload" crossorigin href="/assets/vendor-b.js">'
    )

    sizes = first_load(tmp_path)

    assert sizes == {
        "assets/index-a.js": len(gzip.compress(main, compresslevel=9)),
        "assets/vendor-b.js": len(gzip.compress(vendor, compresslevel=9)),
    }


def test_only_the_apis_requests_count_not_sign_in_files_or_other_origins():
    origin = "http://127.0.0.1:3000"
    urls = [
        f"{origin}/me",
        f"{origin}/me/team",
        f"{origin}/.well-known/openid-configuration",
        f"{origin}/oauth2/token",
        f"{origin}/assets/index-a.js",
        f"{origin}/_local/mailbox",
        "https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json",
        f"{origin}/cycles/c-1/reports/e1/html?x=1",
    ]
    assert api_requests(urls, origin) == ["/me", "/me/team", "/cycles/c-1/reports/e1/html?x=1"]
