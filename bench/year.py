"""The year-round phases alone, measured as ``make bench`` measures them: the organisation imported, then any of
the goals' phases (three goals each, progress once, the quarterly nudge), a quarter of check-ins, an appraisal
for everyone and a month of recognition.

    python -m bench.year [--employees 10000] [--phases goals,check-ins,reviews,recognition] [--check-in-pairs 100]

At 10,000 employees the whole round takes hours; these phases change nothing the round measures, so their
figures are the same here. Each phase's figures are printed as it ends. The import goes through the API for its
first ``THROUGH_API`` employees (the organisation's settings with them) and the rest straight into the
directory, as the import would store them: these phases read employees, not their sign-in users, whose creation
is most of a large import's time locally. The development plans need the round's released reports and run in
``make bench`` only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import devrec
from bench.org import people
from bench.round import CHECK_IN_PAIRS, ORG, Phase, Round
from janus.people.employees import Employee
from janus.people.store import DynamoEmployeeDirectory

THROUGH_API = 25
PHASES = ("goals", "check-ins", "reviews", "recognition")


def _employee(row: dict[str, str]) -> Employee:
    return Employee(
        row["id"], row["name"], row["email"], row["manager_id"] or None, row["department"], row["job_class"],
        row["locale"], time_zone=row["time_zone"],
    )  # fmt: skip


def report(p: Phase) -> None:
    ratio = p.dynamodb / p.floor_total if p.floor_total else 0.0
    used = {op: n for (service, op), n in p.requests.items() if service == "dynamodb" and n}
    print(f"{p.name:24} {p.dynamodb:7,} DynamoDB requests, floor {p.floor_total:7,}, ratio {ratio:5.2f}, "
          f"{p.emails:,} e-mails, {p.wall:.1f} s, {p.units}", flush=True)  # fmt: skip
    print(f"    by operation: {dict(sorted(used.items()))}", flush=True)
    print(f"    floor: {p.floor}", flush=True)


class YearOnly(Round):
    def __init__(self, employees: int, state_dir: Path, phases: tuple[str, ...], check_in_pairs: int) -> None:
        super().__init__(employees, 4, state_dir, say=lambda text: print(text, flush=True))
        self.chosen = phases
        self.check_in_pairs = check_in_pairs

    def _run(self) -> None:
        api, hr = self.stack.api, self.hr()
        rows = people(self.employees)
        with self.phase("import") as p:
            hr.put(f"{api}/employees", json=rows[:THROUGH_API], timeout=600).raise_for_status()
            rest = [_employee(row) for row in rows[THROUGH_API:]]
            for start in range(0, len(rest), 1000):
                DynamoEmployeeDirectory().put_many(ORG, rest[start : start + 1000])
            p.units = {"employees": len(rows)}
        steps: dict[str, Callable[[list[dict[str, Any]]], None]] = {
            "goals": self._goals,
            "check-ins": self._check_ins,
            "reviews": self._reviews,
            "recognition": lambda rows: devrec.recognition_month(self, rows),
        }
        for name in PHASES:  # in the order make bench runs them, each measuring itself only
            if name in self.chosen:
                done = len(self.phases)
                steps[name](rows)
                for p in self.phases[done:]:
                    report(p)
                self._unschedule("goals-nudge-")
                self._unschedule("checkins-")


def main(argv: list[str] | None = None, default: str = ",".join(PHASES)) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.year", description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000, help="size of the generated organisation")
    parser.add_argument("--phases", default=default, help=f"a comma-separated choice of {', '.join(PHASES)}")
    parser.add_argument("--check-in-pairs", type=int, default=CHECK_IN_PAIRS,
                        help="pairs that hold the quarter of check-ins (0: every pair)")  # fmt: skip
    args = parser.parse_args(argv)
    chosen = tuple(name.strip() for name in args.phases.split(",") if name.strip())
    unknown = [name for name in chosen if name not in PHASES]
    if unknown:
        parser.error(f"unknown phase {', '.join(unknown)}: choose from {', '.join(PHASES)}")
    YearOnly(args.employees, Path(tempfile.mkdtemp(prefix="janus-bench-")), chosen, args.check_in_pairs).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
