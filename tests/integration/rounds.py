"""Helpers for tests that run feedback rounds on the local stack."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import requests

from tests.integration.conftest import Local


@dataclass
class Org:
    id: str
    hr: requests.Session
    domain: str

    def email(self, employee_id: str) -> str:
        return f"{employee_id}@{self.domain}"


def team_org(local: Local, teams: int = 2, size: int = 5, locale: str = "en") -> Org:
    """A head (m0) with ``teams`` managers (m1..), each with ``size`` reports (t<team>-<n>)."""
    org = f"org-{uuid.uuid4().hex[:8]}"
    domain = f"{org}.example.com"
    people = [_person("m0", "", domain, "management", locale)]
    for team in range(1, teams + 1):
        people.append(_person(f"m{team}", "m0", domain, "management", locale))
        people += [_person(f"t{team}-{n}", f"m{team}", domain, "technical", locale) for n in range(1, size + 1)]
    hr = local.as_(org)
    hr.put(f"{local.api}/employees", json=people, timeout=30).raise_for_status()
    return Org(id=org, hr=hr, domain=domain)


def _person(employee_id: str, manager_id: str, domain: str, job_class: str, locale: str) -> dict[str, Any]:
    return {
        "id": employee_id,
        "name": f"Person {employee_id}",
        "email": f"{employee_id}@{domain}",
        "manager_id": manager_id,
        "department": "R&D",
        "job_class": job_class,
        "locale": locale,
        "time_zone": "Europe/Copenhagen",
    }


def create_cycle(local: Local, org: Org, subjects: list[str], **fields: Any) -> dict[str, Any]:
    body = {
        "name": "Spring 360",
        "kind": "360",
        "deadline": "2030-03-31T17:00:00+02:00",
        "subjects": subjects,
        "competencies": ["listening", "teamwork"],
        **fields,
    }
    answer = org.hr.post(f"{local.api}/cycles", json=body, timeout=30)
    assert answer.status_code == 201, answer.text
    local.settle()
    return org.hr.get(f"{local.api}/cycles/{answer.json()['id']}", timeout=10).json()


def event(local: Local, org: Org, cycle_id: str, kind: str, **fields: Any) -> requests.Response:
    return org.hr.post(f"{local.api}/cycles/{cycle_id}/events", json={"type": kind, **fields}, timeout=30)


def launch(local: Local, org: Org, cycle_id: str, **fields: Any) -> dict[str, Any]:
    answer = event(local, org, cycle_id, "launch", **fields)
    assert answer.status_code == 202, answer.text
    local.settle()
    return org.hr.get(f"{local.api}/cycles/{cycle_id}", timeout=10).json()


def mail_to(local: Local, org: Org) -> list[dict[str, Any]]:
    messages = requests.get(f"{local.api}/_local/mailbox", timeout=10).json()["messages"]
    return [m for m in messages if any(address.endswith(f"@{org.domain}") for address in m["to"])]


def links_of(local: Local, org: Org, employee_id: str) -> list[str]:
    mails = [m for m in mail_to(local, org) if m["to"] == [org.email(employee_id)]]
    return [link for m in mails for link in m["links"] if "/feedback/" in link]


def full_answers(questionnaire: dict[str, Any], rating: int | str = 4) -> dict[str, Any]:
    return {
        "ratings": {q["id"]: rating for c in questionnaire["competencies"] for q in c["questions"]},
        "comments": {c["id"]: f"Comment on {c['name']}" for c in questionnaire["competencies"]},
        "overall": "Thank you.",
    }
