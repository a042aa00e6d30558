"""``make bench``: a whole 360 round for a generated organisation, measured.

    python -m bench [--employees 10000] [--compare 1000] [--workers 4] [--no-build] [--no-goals] [--json FILE]

Prints, per phase, the AWS calls by service and operation, DynamoDB requests against the
floor, e-mails against raters, wall and CPU time; then submit speed against a plain
PutItem on the same endpoint, handler import time against ``import boto3``, package sizes
from ``sam build``, the per-unit figures of both sizes side by side, and the cost model.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import cost, devrec, package
from bench.round import CHECK_IN_PAIRS, Phase, Round
from infra.template import load

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
TARGET_FLOOR_RATIO = 1.1
TARGET_MAIL_RATIO = 1.05
TARGET_SUBMIT_RATIO = 3.0
TARGET_IMPORT_RATIO = 1.5
TARGET_PACKAGE_MB = 15.0
TARGET_DOLLARS = 1.0
RUNTIME = str(load(ROOT / "template.yaml")["Globals"]["Function"]["Runtime"])  # python3.13
# Each phase's business unit: what its per-unit figures are divided by.
UNITS = {
    "import": "employees",
    "goals: set": "goals",
    "goals: progress": "progress updates",
    "goals: quarterly nudge": "owners nudged",
    "check-ins: a quarter": "check-ins",
    "reviews: appraisal": "reviews",
    "recognition: a month": "recognitions",
    "development plans": "plans",
    "nominate": "subjects",
    "launch": "assignments",
    "respond: open forms and save drafts": "forms opened",
    "respond: decline": "declines",
    "respond: submit": "submitted responses",
    "remind (7 days before)": "reminders",
    "close and report": "reports",
    "analytics": "reads",
    "people's pages": "pages",
    "HR's cycle page": "pages",
    "HR: people list": "reads",
}


def say(text: str) -> None:
    print(text, flush=True)


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def functions_of_template() -> tuple[dict[str, str], dict[str, int]]:
    """{function: handler module, from functions/} and {function: memory MB} from template.yaml."""
    template = load(ROOT / "template.yaml")
    memory_default = template.get("Globals", {}).get("Function", {}).get("MemorySize", 128)
    handlers, memory = {}, {}
    for logical, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        props = resource["Properties"]
        code = Path(str(props["CodeUri"])).name
        handlers[logical] = f"{code}.{props['Handler'].rsplit('.', 1)[0]}"
        memory[logical] = int(props.get("MemorySize", memory_default))
    return handlers, memory


# ---------------------------------------------------------------------- printing
def print_round(r: Round, memory: dict[str, int]) -> dict[str, Any]:
    say(f"\n=== {r.employees:,} employees: per phase ===")
    header = f"{'phase':38} {'wall s':>7} {'CPU s':>7} {'DynamoDB':>9} {'floor':>7} {'ratio':>6} {'e-mails':>8}"
    say(header)
    say("-" * len(header))
    for p in r.phases:
        ratio = p.dynamodb / p.floor_total if p.floor_total else 0.0
        say(f"{p.name:38} {p.wall:7.1f} {p.cpu:7.1f} {p.dynamodb:9,} {p.floor_total:7,} {ratio:6.2f} {p.emails:8,}")
    for p in r.phases:
        unit = UNITS[p.name]
        count = p.units.get(unit, 0) or 1
        say(f"\n--- {p.name}: {', '.join(f'{v:,} {k}' for k, v in p.units.items())}")
        say(f"    floor: {'; '.join(f'{k} {v:,}' for k, v in p.floor.items())}")
        for (service, operation), n in sorted(p.requests.items()):
            say(f"    {service:10} {operation:28} {n:9,}   {n / count:8.3f} per unit ({unit})")
        by_function = Counter()
        for (function, service, _), n in p.by_function.items():
            by_function[(function, service)] += n
        if by_function:
            say("    by function: " + ", ".join(f"{f} {s} {n:,}" for (f, s), n in sorted(by_function.items())))
        handlers = ", ".join(f"{f} {s:.1f} s/{p.invocations[f]:,}" for f, s in sorted(p.handler_seconds.items()))
        say(f"    capacity: {p.rru:,.1f} RRU, {p.wru:,.1f} WRU; handler time: {handlers}")
    return summary(r, memory)


def summary(r: Round, memory: dict[str, int]) -> dict[str, Any]:
    phases = {p.name: p for p in r.phases}
    invitations = phases["launch"]
    raters = invitations.units.get("raters", 0)
    t = r.throughput
    put_alone = statistics.median(t.put_round_trips) if t.put_round_trips else 0.0
    # The submits ran with `workers` raters at once; the PutItem they are compared with ran the same way.
    put_median = statistics.median(t.put_round_trips_loaded) if t.put_round_trips_loaded else 0.0
    submit_median = statistics.median(t.submit_handler) if t.submit_handler else 0.0
    submits_per_s = t.submits / t.submit_seconds if t.submit_seconds else 0.0
    puts_per_s = t.puts / t.put_seconds if t.put_seconds else 0.0
    submit_phase = phases["respond: submit"]
    writes = sum(n for (s, op), n in submit_phase.requests.items() if s == "dynamodb" and op in WRITE_OPERATIONS)
    # The round is priced per subject; the goals, the check-ins, the appraisal, recognition and development plans
    # (priced apart below) per employee.
    in_round = [p for p in r.phases if not p.name.startswith((GOALS, CHECK_INS, REVIEWS)) and p.name not in DEVREC]
    goals = [p for p in r.phases if p.name.startswith(GOALS)]
    check_ins = [p for p in r.phases if p.name.startswith(CHECK_INS)]
    nudges = 1 if goals else 0  # the quarter's schedule fired once
    appraisal = [p for p in r.phases if p.name.startswith(REVIEWS)]
    recognition = [p for p in r.phases if p.name == RECOGNITION]
    development = [p for p in r.phases if p.name == DEVELOPMENT]
    digests = devrec.WEEKS if recognition else 0  # each week's digest schedule fired once
    rest = r.table_bytes - r.goal_bytes - r.check_in_bytes - r.review_bytes - r.devrec_bytes
    fired = r.schedules_fired - nudges - r.check_in_schedules - digests
    usage = _usage(in_round, memory, rest, r.report_bytes, fired)
    subjects = phases["nominate"].units.get("subjects", 0)
    lines = cost.estimate(usage)
    without, with_mail = cost.per_thousand_subjects(lines, subjects)
    goals_without = goals_with_mail = None
    if goals:
        goal_lines = cost.estimate(_usage(goals, memory, r.goal_bytes, 0, nudges))
        goals_without, goals_with_mail = cost.per_thousand_subjects(goal_lines, r.employees)
    check_ins_without = check_ins_with_mail = None
    if check_ins:
        check_in_lines = cost.estimate(_usage(check_ins, memory, r.check_in_bytes, 0, r.check_in_schedules))
        pairs = check_ins[0].units.get("pairs", 0)  # a pair an employee with a manager: priced per employee
        check_ins_without, check_ins_with_mail = cost.per_thousand_subjects(check_in_lines, pairs)
    reviews_without = reviews_with_mail = None
    if appraisal:  # its reminder schedule is set and cleared, never fired
        review_lines = cost.estimate(_usage(appraisal, memory, r.review_bytes, 0, 0))
        reviews_without, reviews_with_mail = cost.per_thousand_subjects(review_lines, r.employees)
    apart: dict[str, tuple[float, float]] = {}
    for name, phases_apart, schedules in ((RECOGNITION, recognition, digests), (DEVELOPMENT, development, 0)):
        if phases_apart:
            # the table's recognition and plan items, shared out by the phases' writes
            share = r.devrec_bytes * (sum(p.wru for p in phases_apart) / max(1.0, sum(
                p.wru for p in recognition + development)))  # fmt: skip
            lines_apart = cost.estimate(_usage(phases_apart, memory, int(share), 0, schedules))
            apart[name] = cost.per_thousand_subjects(lines_apart, r.employees)
    say(f"\n=== {r.employees:,} employees: speed ===")
    say(f"invitation e-mails {invitations.emails:,} for {raters:,} raters and "
        f"{invitations.units.get('assignments', 0):,} assignments: "
        f"{invitations.emails / raters if raters else 0:.3f} per rater "
        f"(target <= {TARGET_MAIL_RATIO}: {verdict(invitations.emails <= TARGET_MAIL_RATIO * raters)})")  # fmt: skip
    say(f"submits: {t.submits:,} in {t.submit_seconds:.1f} s = {submits_per_s:.0f}/s; plain PutItem in the same pool: "
        f"{puts_per_s:.0f}/s; ratio {submits_per_s / puts_per_s if puts_per_s else 0:.2f}")  # fmt: skip
    say(f"submit handler median {submit_median * 1000:.1f} ms; plain PutItem round trip median "
        f"{put_median * 1000:.1f} ms with as many clients ({put_alone * 1000:.1f} ms alone); "
        f"ratio {submit_median / put_median if put_median else 0:.2f} "
        f"(target <= {TARGET_SUBMIT_RATIO}: {verdict(submit_median <= TARGET_SUBMIT_RATIO * put_median)})")  # fmt: skip
    say(f"DynamoDB writes per submitted response: {writes / t.submits if t.submits else 0:.3f} "
        f"(target 1: {verdict(writes == t.submits)})")  # fmt: skip
    say(f"\n=== {r.employees:,} employees: cost on AWS on-demand prices ({cost.prices()['as_of']}) ===")
    for line in lines:
        say(f"{line.service:15} {line.what:34} {line.quantity:14,.2f} {line.unit:12} ${line.dollars:10.4f}")
    say(f"per 1,000 subjects: ${without:.3f} without e-mail (target < ${TARGET_DOLLARS:.2f}: "
        f"{verdict(without < TARGET_DOLLARS)}), ${with_mail:.3f} with e-mail")  # fmt: skip
    if goals_without is not None:
        say(f"goals (each employee sets three, records progress once and is nudged once), per 1,000 employees: "
            f"${goals_without:.3f} without e-mail, ${goals_with_mail:.3f} with e-mail")  # fmt: skip
    if check_ins_without is not None:
        say(f"check-ins (each employee meets their manager weekly for a quarter, a tenth miss one week and are "
            f"nudged), per 1,000 employees per quarter: ${check_ins_without:.3f} without e-mail, "
            f"${check_ins_with_mail:.3f} with e-mail")  # fmt: skip
    if reviews_without is not None:
        say(f"appraisal (launched, each self and manager part written and submitted, calibrated, released), "
            f"per 1,000 employees: ${reviews_without:.3f} without e-mail, "
            f"${reviews_with_mail:.3f} with e-mail")  # fmt: skip
    for name, (dollars, with_email) in apart.items():
        say(f"{name} ({DEVREC[name]}), per 1,000 employees: ${dollars:.3f} without e-mail, "
            f"${with_email:.3f} with e-mail")  # fmt: skip
    return {
        "employees": r.employees,
        "subjects": subjects,
        "apart_dollars_per_1000_employees": {name: dollars for name, (dollars, _) in apart.items()},
        "raters": raters,
        "phases": [_phase_json(p) for p in r.phases],
        "emails_per_rater": invitations.emails / raters if raters else None,
        "submits_per_second": submits_per_s,
        "puts_per_second": puts_per_s,
        "submit_handler_median_ms": submit_median * 1000,
        "put_round_trip_median_ms": put_median * 1000,
        "put_round_trip_alone_median_ms": put_alone * 1000,
        "writes_per_submit": writes / t.submits if t.submits else None,
        "cost": [line.__dict__ for line in lines],
        "dollars_per_1000_subjects": without,
        "dollars_per_1000_subjects_with_email": with_mail,
        "goals_dollars_per_1000_employees": goals_without,
        "goals_dollars_per_1000_employees_with_email": goals_with_mail,
        "check_ins_dollars_per_1000_employees_per_quarter": check_ins_without,
        "check_ins_dollars_per_1000_employees_per_quarter_with_email": check_ins_with_mail,
        "reviews_dollars_per_1000_employees": reviews_without,
        "reviews_dollars_per_1000_employees_with_email": reviews_with_mail,
    }


WRITE_OPERATIONS = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")
GOALS = "goals:"
CHECK_INS = "check-ins:"
REVIEWS = "reviews:"
RECOGNITION, DEVELOPMENT = "recognition: a month", "development plans"
DEVREC = {
    RECOGNITION: "each employee recognises another each week for four weeks; the weekly digests sent",
    DEVELOPMENT: "each subject's plan seeded from their released report, an action added and updated",
}


def _usage(
    phases: list[Phase], memory: dict[str, int], table_bytes: int, report_bytes: int, schedules: int
) -> cost.Usage:
    return cost.Usage(
        requests=sum((p.requests for p in phases), Counter()),
        invocations=sum((p.invocations for p in phases), Counter()),
        handler_seconds=_sum_dicts(p.handler_seconds for p in phases),
        memory_mb=memory,
        rru=sum(p.rru for p in phases),
        wru=sum(p.wru for p in phases),
        table_bytes=table_bytes,
        report_bytes=report_bytes,
        api_requests=sum(p.api_requests for p in phases),
        queue_batches=sum(p.queue_batches for p in phases),
        scheduler_invocations=schedules,
        emails=sum(p.emails for p in phases),
    )


def _sum_dicts(dicts: Any) -> dict[str, float]:
    total: dict[str, float] = {}
    for d in dicts:
        for k, v in d.items():
            total[k] = total.get(k, 0.0) + v
    return total


def _phase_json(p: Phase) -> dict[str, Any]:
    return {
        "name": p.name,
        "units": p.units,
        "floor": p.floor,
        "dynamodb": p.dynamodb,
        "ratio": p.dynamodb / p.floor_total if p.floor_total else None,
        "requests": {f"{s} {o}": n for (s, o), n in sorted(p.requests.items())},
        "rru": p.rru,
        "wru": p.wru,
        "emails": p.emails,
        "wall": p.wall,
        "cpu": p.cpu,
    }


def print_side_by_side(results: list[dict[str, Any]]) -> None:
    say("\n=== per unit, side by side (AWS requests of every service per business unit) ===")
    sizes = [r["employees"] for r in results]
    say(f"{'phase':38} {'unit':22} " + " ".join(f"{n:>10,}" for n in sizes) + "   growth")
    for n, phase in enumerate(results[0]["phases"]):
        unit = UNITS[phase["name"]]
        values = []
        for r in results:
            p = r["phases"][n]
            values.append(sum(p["requests"].values()) / (p["units"].get(unit) or 1))
        growth = values[-1] / values[0] if values[0] else 0.0
        say(f"{phase['name']:38} {unit:22} " + " ".join(f"{v:10.3f}" for v in values) + f"   {growth:6.2f}x")
    dollars = " ".join(f"{r['dollars_per_1000_subjects']:10.3f}" for r in results)
    say(f"{'cost per 1,000 subjects (US$, no e-mail)':61} {dollars}")


def print_package(handlers: dict[str, str], environment: dict[str, str], no_build: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    folder = "skipped (--no-build)" if no_build else package.build(os.environ.get("JANUS_SAM"))
    say("\n=== deployment packages from sam build, unzipped, without what the Lambda runtime ships ===")
    if isinstance(folder, Path):
        for name, (own, layer) in package.package_sizes(folder, list(handlers)).items():
            total = (own + layer) / MB
            say(f"{name:28} code {own / MB:6.2f} MB + layer {layer / MB:6.2f} MB = {total:6.2f} MB "
                f"(target < {TARGET_PACKAGE_MB:.0f}: {verdict(total < TARGET_PACKAGE_MB)})")  # fmt: skip
            result.setdefault("package_mb", {})[name] = total
        missing = package.without_bytecode(folder, RUNTIME)
        say(f"modules shipped without {RUNTIME} bytecode (compiled at every cold start): {len(missing)}"
            + "".join(f"\n  {path.relative_to(folder)}" for path in missing[:5]))  # fmt: skip
        result["without_bytecode"] = len(missing)
    else:
        say(folder)
    python = package.lambda_python(RUNTIME)
    if isinstance(folder, Path) and python:
        targets = package.built_targets(folder, handlers, python)
        where = f"sam build's packages, as Lambda loads them, in {RUNTIME}"
        if platform.machine() not in ("aarch64", "arm64"):
            machine = platform.machine()
            where += f"; the layer is built for arm64: a compiled module in it would run as pure Python on {machine}"
    else:
        targets = package.source_targets(handlers)
        why = folder if isinstance(folder, str) else f"no {RUNTIME} interpreter"
        where = (
            f"the source tree in Python {sys.version_info.major}.{sys.version_info.minor} with this environment's "
            f"packages, not the built packages: {why}"
        )
    say(f"\n=== cold start: handler module import in a fresh interpreter (median of {package.RUNS}, interleaved "
        "with boto3) ===")  # fmt: skip
    say(f"measured on {where}")
    boto3_seconds, imports = package.cold_imports(targets, environment)
    say(f"{'bare import boto3':28} {boto3_seconds * 1000:8.1f} ms")
    for name, seconds in imports.items():
        ratio = seconds / boto3_seconds
        say(f"{name:28} {seconds * 1000:8.1f} ms  {ratio:5.2f} x boto3 "
            f"(target <= {TARGET_IMPORT_RATIO}: {verdict(ratio <= TARGET_IMPORT_RATIO)})")  # fmt: skip
    result |= {"measured_on": where, "boto3_ms": boto3_seconds * 1000}
    result["imports_ms"] = {k: v * 1000 for k, v in imports.items()}
    say(f"\nwhere each import goes, in one interpreter (median of {package.RUNS}): boto3, then the other modules "
        "the handler loads (Powertools, pynamodb, the standard library), then Janus's own and the handler")  # fmt: skip
    for name, (boto3, others, own) in package.import_steps(targets, environment).items():
        say(f"{name:28} others {others * 1000:6.1f} ms {others / boto3:5.2f} x boto3, "
            f"Janus {own * 1000:6.1f} ms {own / boto3:5.2f} x boto3")  # fmt: skip
        result.setdefault("import_steps_ms", {})[name] = {"boto3": boto3 * 1000, "others": others * 1000,
                                                          "janus": own * 1000}  # fmt: skip
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000, help="size of the generated organisation")
    parser.add_argument("--compare", type=int, default=None, help="a second, smaller size (default: a tenth)")
    parser.add_argument("--workers", type=int, default=4, help="raters answering at once")
    parser.add_argument("--no-build", action="store_true", help="skip sam build (package sizes)")
    parser.add_argument("--check-in-pairs", type=int, default=CHECK_IN_PAIRS,
                        help="pairs that hold a quarter of weekly check-ins (0: every pair)")  # fmt: skip
    parser.add_argument("--no-goals", action="store_true", help="leave the goals phases out")
    parser.add_argument("--json", type=Path, default=ROOT / ".janus" / "bench" / "results.json")
    args = parser.parse_args(argv)
    if args.employees < 20:
        parser.error("--employees: at least 20")
    compare = args.compare if args.compare is not None else args.employees // 10
    sizes = sorted({n for n in (compare, args.employees) if n >= 20})
    handlers, memory = functions_of_template()
    started = time.perf_counter()
    results, environment = [], {}
    for size in sizes:
        say(f"\nRound with {size:,} employees (about 8 raters per subject), {args.workers} raters at once")
        r = Round(size, args.workers, Path(tempfile.mkdtemp(prefix="janus-bench-")), say=say)
        r.check_in_pairs = args.check_in_pairs
        r.with_goals = not args.no_goals
        r.run()
        environment = r.stack.stack.environment()
        results.append(print_round(r, memory))
    if len(results) > 1:
        print_side_by_side(results)
    environment = {k: v for k, v in environment.items() if not k.startswith("AWS_ENDPOINT")}
    packaging = print_package(handlers, environment, args.no_build)
    say(f"\nbenchmark took {time.perf_counter() - started:.0f} s")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rounds": results, "packaging": packaging}, indent=2, default=str))
    say(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
