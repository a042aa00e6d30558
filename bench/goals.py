"""The goals' phases alone, measured as ``make bench`` measures them: import, then every employee sets three
goals, records progress once, and is nudged at the next quarter's start.

    python -m bench.goals [--employees 10000]

At 10,000 employees the whole round takes hours; the goals' phases run first in it and change nothing the
round measures, so their figures are the same here. The import goes through the API for its first
``THROUGH_API`` employees (the organisation's settings with them) and the rest straight into the directory,
as the import would store them: the goals read employees, not their sign-in users, whose creation is most
of a large import's time locally.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.org import people
from bench.round import ORG, Round
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory

THROUGH_API = 25


def _employee(row: dict[str, str]) -> Employee:
    return Employee(
        row["id"], row["name"], row["email"], row["manager_id"] or None, row["department"], row["job_class"],
        row["locale"], time_zone=row["time_zone"],
    )  # fmt: skip


class GoalsOnly(Round):
    def __init__(self, employees: int, state_dir: Path) -> None:
        super().__init__(employees, 4, state_dir, say=lambda text: print(text, flush=True))

    def _run(self) -> None:
        api, hr = self.stack.api, self.hr()
        rows = people(self.employees)
        with self.phase("import") as p:
            hr.put(f"{api}/employees", json=rows[:THROUGH_API], timeout=600).raise_for_status()
            rest = [_employee(row) for row in rows[THROUGH_API:]]
            for start in range(0, len(rest), 1000):
                DynamoEmployeeDirectory().put_many(ORG, rest[start : start + 1000])
            p.units = {"employees": len(rows)}
        self._goals(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.goals", description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000, help="size of the generated organisation")
    args = parser.parse_args(argv)
    r = GoalsOnly(args.employees, Path(tempfile.mkdtemp(prefix="janus-bench-")))
    r.run()
    for p in r.phases[1:]:
        ratio = p.dynamodb / p.floor_total if p.floor_total else 0.0
        used = {op: n for (service, op), n in p.requests.items() if service == "dynamodb" and n}
        print(f"{p.name:24} {p.dynamodb:7,} DynamoDB requests, floor {p.floor_total:7,}, ratio {ratio:5.2f}, "
              f"{p.emails:,} e-mails, {p.wall:.1f} s, {p.units}")  # fmt: skip
        print(f"    by operation: {dict(sorted(used.items()))}")
        print(f"    floor: {p.floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
