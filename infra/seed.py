"""The demo organisation `make run` starts with: 40 people, 4 departments,
3 levels, English and Danish speakers, imported through PUT /employees."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

DEMO_ORG = "demo"

_DEPARTMENTS = [
    # department, job class of its staff, head, staff
    (
        "Sales",
        "service-sales",
        ("Mette Kjær", "da"),
        [
            ("Jonas Holm", "da"),
            ("Sofie Lund", "da"),
            ("Olivia Grant", "en"),
            ("Frederik Dahl", "da"),
            ("Ida Vestergaard", "da"),
            ("Liam Porter", "en"),
            ("Emma Skov", "da"),
            ("Noah Fisher", "en"),
        ],
    ),
    (
        "Engineering",
        "technical",
        ("Daniel Brooks", "en"),
        [
            ("Anna Nygaard", "da"),
            ("Lucas Berg", "da"),
            ("Grace Howell", "en"),
            ("Mikkel Thorsen", "da"),
            ("Priya Shah", "en"),
            ("Oscar Winther", "da"),
            ("Chloe Bennett", "en"),
            ("Victor Juhl", "da"),
            ("Ella Morgan", "en"),
        ],
    ),
    (
        "People and Training",
        "hr-training",
        ("Camilla Bech", "da"),
        [
            ("Hannah Price", "en"),
            ("Mathias Krogh", "da"),
            ("Laura Friis", "da"),
            ("James Whitaker", "en"),
            ("Karoline Aagaard", "da"),
            ("Ruth Ellis", "en"),
            ("Magnus Riis", "da"),
            ("Freja Lauridsen", "da"),
        ],
    ),
    (
        "Operations",
        "clerical",
        ("Peter Sørensen", "da"),
        [
            ("Sarah Collins", "en"),
            ("Nanna Bach", "da"),
            ("Tom Hughes", "en"),
            ("Julie Mortensen", "da"),
            ("Amir Khan", "en"),
            ("Signe Holt", "da"),
            ("Kasper Lind", "da"),
            ("Megan Ward", "en"),
            ("Rasmus Eriksen", "da"),
            ("Alice Turner", "en"),
        ],
    ),
]


def _email(name: str) -> str:
    local = name.lower().replace(" ", ".")
    for danish, plain in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        local = local.replace(danish, plain)
    return f"{local}@demo.example.com"


def demo_employees() -> list[dict[str, Any]]:
    people = [
        {
            "id": "e001",
            "name": "Helle Bruun",
            "email": _email("Helle Bruun"),
            "manager_id": "",
            "department": "Operations",
            "job_class": "management",
            "locale": "da",
            "role": "Chief executive",
            "time_zone": "Europe/Copenhagen",
        }
    ]
    for department, job_class, (head, head_locale), staff in _DEPARTMENTS:
        head_id = f"e{len(people) + 1:03d}"
        people.append(
            {
                "id": head_id,
                "name": head,
                "email": _email(head),
                "manager_id": "e001",
                "department": department,
                "job_class": "management",
                "locale": head_locale,
                "role": f"Head of {department}",
                "time_zone": "Europe/Copenhagen" if head_locale == "da" else "Europe/London",
            }
        )
        for name, locale in staff:
            people.append(
                {
                    "id": f"e{len(people) + 1:03d}",
                    "name": name,
                    "email": _email(name),
                    "manager_id": head_id,
                    "department": department,
                    "job_class": job_class,
                    "locale": locale,
                    "time_zone": "Europe/Copenhagen" if locale == "da" else "Europe/London",
                }
            )
    return people


def call(api: str, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{api}{path}", data=data, method=method)  # noqa: S310 - loopback only
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 - loopback only
        return json.loads(answer.read() or b"null")


def seed(api: str) -> dict[str, Any]:
    """Import the demo organisation through the API, as HR would; returns what local.json shows."""
    hr = call(api, "POST", "/_local/token", body={"org": DEMO_ORG, "sub": "e021", "roles": ["hr_admin", "employee"]})
    people = demo_employees()
    result = call(api, "PUT", "/employees", token=hr["token"], body=people)
    return {
        "org": DEMO_ORG,
        "employees": len(people),
        "imported": {k: result[k] for k in ("created", "updated", "unchanged")},
        "hr_token": hr["token"],
    }
