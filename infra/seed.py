"""The demo `make run` starts with: 40 people in 4 departments and 3 levels, English and
Danish speakers, imported through PUT /employees; and a live 360 round for the Engineering
department, created and launched through the API, its invitations in the local mailbox."""

from __future__ import annotations

import json
import urllib.request
from datetime import UTC, datetime, timedelta
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


DEMO_RATER = "e021"  # Camilla Bech, head of People and Training: HR, and a peer of Engineering's head


def seed(api: str, now: datetime | None = None) -> dict[str, Any]:
    """Import the demo organisation and launch a round, through the API as HR would.

    Returns what local.json shows: the organisation, an HR token, the cycle and one rater's link.
    """
    hr = call(
        api, "POST", "/_local/token", body={"org": DEMO_ORG, "sub": DEMO_RATER, "roles": ["hr_admin", "employee"]}
    )
    token = hr["token"]
    people = demo_employees()
    result = call(api, "PUT", "/employees", token=token, body=people)
    engineering = [p["id"] for p in people if p["department"] == "Engineering"]
    deadline = (now or datetime.now(UTC)) + timedelta(days=21)
    cycle = call(
        api,
        "POST",
        "/cycles",
        token=token,
        body={
            "name": "Engineering 360",
            "kind": "360",
            "deadline": deadline.date().isoformat(),  # the end of that day, in the organisation's time zone
            "subjects": engineering,
        },
    )
    call(api, "POST", "/_local/settle")
    call(api, "POST", f"/cycles/{cycle['id']}/events", token=token, body={"type": "launch", "force": True})
    call(api, "POST", "/_local/settle")
    mail = call(api, "GET", "/_local/mailbox")["messages"]
    rater = next(p for p in people if p["id"] == DEMO_RATER)
    links = [link for m in mail if m["to"] == [rater["email"]] for link in m["links"] if "/feedback/" in link]
    return {
        "org": DEMO_ORG,
        "employees": len(people),
        "imported": {k: result[k] for k in ("created", "updated", "unchanged")},
        "hr_token": token,
        "cycle": cycle["id"],
        "rater": {"id": rater["id"], "name": rater["name"], "link": links[0] if links else None},
    }
