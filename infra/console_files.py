"""The console's built files (``console/dist``) as they are served: by the local gateway, and from the
console bucket behind CloudFront, with the same types and the same caching."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
    ".map": "application/json",
}
# Vite names what it puts in assets/ by their content, so they never change; every other file (index.html
# above all, which names the assets of its build) must be asked for again each time.
IMMUTABLE = "public, max-age=31536000, immutable"
FRESH = "no-cache"


def content_type(key: str) -> str:
    """The Content-Type of a file of the build, by its path in it (``assets/index-3f2a.js``)."""
    return TYPES.get(PurePosixPath(key).suffix, "application/octet-stream")


def cache_control(key: str) -> str:
    """The Cache-Control of a file of the build, by its path in it."""
    return IMMUTABLE if PurePosixPath(key).parts[:1] == ("assets",) else FRESH


def security_headers(config: dict[str, Any]) -> dict[str, str]:
    """The headers a CloudFront response headers policy's SecurityHeadersConfig adds, as the console gets them."""
    headers: dict[str, str] = {}
    if "ContentSecurityPolicy" in config:
        headers["Content-Security-Policy"] = config["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    if "ContentTypeOptions" in config:
        headers["X-Content-Type-Options"] = "nosniff"
    if "FrameOptions" in config:
        headers["X-Frame-Options"] = config["FrameOptions"]["FrameOption"]
    if "ReferrerPolicy" in config:
        headers["Referrer-Policy"] = config["ReferrerPolicy"]["ReferrerPolicy"]
    if "StrictTransportSecurity" in config:
        hsts = config["StrictTransportSecurity"]
        parts = [f"max-age={hsts['AccessControlMaxAgeSec']}"]
        parts += ["includeSubDomains"] * bool(hsts.get("IncludeSubdomains")) + ["preload"] * bool(hsts.get("Preload"))
        headers["Strict-Transport-Security"] = "; ".join(parts)
    return headers
