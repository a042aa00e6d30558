"""A small client for the Janus HTTP API (docs/api.md), and where its URL and token come from."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

LOCAL_STATE = Path(".janus") / "local.json"
"""Written by the local stack (`make run`): keys "api" and "hr_token"."""

Json = Any


class ConfigError(Exception):
    """Neither the options, the environment nor .janus/local.json give a usable API URL and token."""


class ApiError(Exception):
    """The API answered with an error: `{"error": {"code", "message", "details"?}}`."""

    def __init__(self, status: int, code: str, message: str, details: Json = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details


class Unreachable(Exception):
    """No HTTP answer at all from `url`."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"could not reach {url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Config:
    api: str
    token: str = field(repr=False)


def resolve_config(
    api: str | None = None,
    token: str | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Each of the URL and the token from the option, else the environment, else .janus/local.json."""
    environ = os.environ if environ is None else environ
    api = api or environ.get("JANUS_API")
    token = token or environ.get("JANUS_TOKEN")
    if not (api and token):
        state = _local_state((cwd or Path.cwd()) / LOCAL_STATE)
        api = api or state.get("api")
        token = token or state.get("hr_token")
    hint = "or start the local stack (make run), which writes .janus/local.json in the project directory"
    if not api:
        raise ConfigError(f"No API URL. Pass --api URL, set JANUS_API, {hint}.")
    if not token:
        raise ConfigError(f"No token. Pass --token TOKEN, set JANUS_TOKEN, {hint}.")
    if not str(api).startswith(("http://", "https://")):
        raise ConfigError(f"The API URL {api!r} must start with http:// or https://.")
    return Config(str(api).rstrip("/"), str(token))


def _local_state(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path} could not be read as JSON ({exc.__class__.__name__}).") from exc
    if not isinstance(state, dict):
        raise ConfigError(f"{path} is not a JSON object.")
    return state


def _segment(value: str) -> str:
    return quote(value, safe="")


class JanusClient:
    """One method per route; each returns the decoded JSON answer or raises ApiError / Unreachable."""

    def __init__(self, config: Config, timeout: float = 30.0) -> None:
        self.api = config.api
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update(
            {"Authorization": f"Bearer {config.token}", "Accept": "application/json", "User-Agent": "janus-cli"}
        )

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> JanusClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def request(
        self, method: str, path: str, *, body: Json = None, csv: bytes | None = None, page: str | None = None
    ) -> Json:
        return _decode(self._send(method, path, body=body, csv=csv, page=page))

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: Json = None,
        csv: bytes | None = None,
        page: str | None = None,
        accept: str | None = None,
    ) -> requests.Response:
        url = self.api + path
        if csv is not None:
            kwargs: dict[str, Any] = {"data": csv, "headers": {"Content-Type": "text/csv; charset=utf-8"}}
        else:
            kwargs = {} if body is None else {"json": body}
        if page:
            kwargs["params"] = {"next": page}
        if accept:
            kwargs["headers"] = {**kwargs.get("headers", {}), "Accept": accept}
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout as exc:
            raise Unreachable(url, f"no answer within {self.timeout:g} s") from exc
        except requests.ConnectionError as exc:
            raise Unreachable(url, "the connection failed") from exc
        except requests.RequestException as exc:
            raise Unreachable(url, exc.__class__.__name__) from exc
        return response

    def pages(self, path: str, key: str) -> list[dict[str, Any]]:
        """Every item of a paged listing: ``{key: [...], "next": token or null}``, followed to its end."""
        items: list[dict[str, Any]] = []
        token: str | None = None
        while True:
            answer = self.request("GET", path, page=token) or {}
            items += list(answer.get(key) or [])
            token = answer.get("next")
            if not token:
                return items

    # Employees

    def import_employees_csv(self, text: bytes) -> Json:
        return self.request("PUT", "/employees", csv=text)

    def import_employees(self, employees: Json) -> Json:
        return self.request("PUT", "/employees", body=employees)

    def employees(self) -> list[dict[str, Any]]:
        return self.pages("/employees", "employees")

    def employee(self, employee_id: str) -> Json:
        return self.request("GET", f"/employees/{_segment(employee_id)}")

    # Cycles

    def create_cycle(self, cycle: dict[str, Any]) -> Json:
        return self.request("POST", "/cycles", body=cycle)

    def cycles(self) -> list[dict[str, Any]]:
        answer = self.request("GET", "/cycles")
        if isinstance(answer, dict):  # tolerate an envelope such as {"cycles": [...]}
            answer = next((v for v in answer.values() if isinstance(v, list)), [])
        return list(answer or [])

    def cycle(self, cycle_id: str) -> Json:
        return self.request("GET", f"/cycles/{_segment(cycle_id)}")

    def cycle_event(self, cycle_id: str, kind: str, **extra: Any) -> Json:
        return self.request("POST", f"/cycles/{_segment(cycle_id)}/events", body={"type": kind, **extra})

    def subjects(self, cycle_id: str) -> list[dict[str, Any]]:
        return self.pages(f"/cycles/{_segment(cycle_id)}/subjects", "subjects")

    def assignments(self, cycle_id: str, subject_id: str) -> Json:
        return self.request("GET", f"/cycles/{_segment(cycle_id)}/subjects/{_segment(subject_id)}/assignments")

    # Reports, analytics, escalations

    def report_page(self, cycle_id: str, subject_id: str) -> str:
        """The report as its printable HTML page."""
        path = f"/cycles/{_segment(cycle_id)}/reports/{_segment(subject_id)}/html"
        response = self._send("GET", path, accept="text/html")
        if not response.ok:
            _decode(response)
        response.encoding = response.encoding or "utf-8"
        return response.text

    def analytics(self, cycle_id: str) -> Json:
        return self.request("GET", f"/cycles/{_segment(cycle_id)}/analytics")

    def escalations(self) -> list[dict[str, Any]]:
        return self.pages("/escalations", "cases")

    def escalation(self, case_id: str) -> Json:
        return self.request("GET", f"/escalations/{_segment(case_id)}")

    # Nominations

    def raters(self, cycle_id: str, subject_id: str) -> Json:
        return self.request("GET", f"/cycles/{_segment(cycle_id)}/subjects/{_segment(subject_id)}/raters")

    def set_raters(self, cycle_id: str, subject_id: str, raters: list[dict[str, str]]) -> Json:
        path = f"/cycles/{_segment(cycle_id)}/subjects/{_segment(subject_id)}/raters"
        return self.request("PUT", path, body={"raters": raters})


def _decode(response: requests.Response) -> Json:
    status = response.status_code
    try:
        body = response.json() if response.content else None
    except ValueError:
        body = None
    if response.ok:
        if body is None and response.content:
            raise ApiError(status, "bad_response", f"{response.url} answered {status} with something that is not JSON")
        return body
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        code, message = str(error.get("code") or "error"), str(error.get("message") or "")
        raise ApiError(status, code, message, error.get("details"))
    raise ApiError(status, f"http_{status}", response.reason or "unexpected answer")
