"""A generated organisation: a tree with eight reports per manager, in three time zones and two languages,
named from lists of Danish and English first and last names (so that the people list's name index spreads
the organisation over its partitions as real names do)."""

from __future__ import annotations

from typing import Any

SPAN = 8
TIME_ZONES = ("Europe/Copenhagen", "America/New_York", "Asia/Singapore")
DOMAIN = "bench.example.com"
FIRST_NAMES = [
    "Aaron",
    "Ahmed",
    "Alice",
    "Amir",
    "Anna",
    "Asger",
    "Astrid",
    "Bo",
    "Camilla",
    "Chloe",
    "Christian",
    "Daniel",
    "Ella",
    "Emil",
    "Emma",
    "Erik",
    "Freja",
    "Grace",
    "Hannah",
    "Ida",
    "Isak",
    "Jakob",
    "James",
    "Johanne",
    "Jonas",
    "Julie",
    "Karen",
    "Kasper",
    "Laura",
    "Lars",
    "Liam",
    "Lucas",
    "Magnus",
    "Maja",
    "Mads",
    "Mathias",
    "Megan",
    "Mette",
    "Mikkel",
    "Nanna",
    "Noah",
    "Oliver",
    "Olivia",
    "Oscar",
    "Peter",
    "Priya",
    "Rasmus",
    "Ruth",
    "Sarah",
    "Signe",
    "Sofie",
    "Søren",
    "Thomas",
    "Tom",
    "Ulla",
    "Victor",
    "William",
    "Yusuf",
    "Zoe",
    "Åse",
    "Ørjan",
]
LAST_NAMES = [
    "Andersen",
    "Bach",
    "Bech",
    "Bennett",
    "Berg",
    "Brooks",
    "Bruun",
    "Collins",
    "Dahl",
    "Ellis",
    "Eriksen",
    "Falk",
    "Fisher",
    "Friis",
    "Grant",
    "Hansen",
    "Holm",
    "Howell",
    "Hughes",
    "Jensen",
    "Juhl",
    "Khan",
    "Kjær",
    "Krogh",
    "Larsen",
    "Lund",
    "Madsen",
    "Morgan",
    "Nielsen",
    "Nygaard",
    "Porter",
    "Price",
    "Riis",
    "Shah",
    "Skov",
    "Thorsen",
    "Turner",
    "Ward",
    "Winther",
    "Østergaard",
]


def name_of(i: int) -> str:
    first = FIRST_NAMES[(i * 7) % len(FIRST_NAMES)]
    return f"{first} {LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)]}"


def people(count: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        manages = i * SPAN + 1 < count
        rows.append(
            {
                "id": f"e{i}",
                "name": name_of(i),
                "email": f"e{i}@{DOMAIN}",
                "manager_id": "" if i == 0 else f"e{(i - 1) // SPAN}",
                "department": f"Department {i % 12}",
                "job_class": "management" if manages else ("technical" if i % 3 else "service-sales"),
                "locale": "da" if i % 4 == 0 else "en",
                "time_zone": TIME_ZONES[(i // SPAN) % len(TIME_ZONES)],
            }
        )
    return rows
