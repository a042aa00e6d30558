"""A generated organisation: a tree with eight reports per manager, in three time zones and two languages."""

from __future__ import annotations

from typing import Any

SPAN = 8
TIME_ZONES = ("Europe/Copenhagen", "America/New_York", "Asia/Singapore")
DOMAIN = "bench.example.com"


def people(count: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        manages = i * SPAN + 1 < count
        rows.append(
            {
                "id": f"e{i}",
                "name": f"Employee {i}",
                "email": f"e{i}@{DOMAIN}",
                "manager_id": "" if i == 0 else f"e{(i - 1) // SPAN}",
                "department": f"Department {i % 12}",
                "job_class": "management" if manages else ("technical" if i % 3 else "service-sales"),
                "locale": "da" if i % 4 == 0 else "en",
                "time_zone": TIME_ZONES[(i // SPAN) % len(TIME_ZONES)],
            }
        )
    return rows
