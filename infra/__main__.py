"""`python -m infra`: start the local stack, seed the demo organisation, wait for Ctrl-C."""

from __future__ import annotations

import argparse
import faulthandler
import os
import signal
import time
from pathlib import Path

from infra.faults import Faults
from infra.seed import demo_employees, seed
from infra.stack import LocalStack

# A few of the demo organisation's people, one of each kind, to sign in to the console as.
SIGN_IN_AS = [("e021", "HR"), ("e011", "manager"), ("e012", "employee"), ("e014", "employee")]


def sign_in_lines(api: str) -> list[str]:
    names = {person["id"]: person for person in demo_employees()}
    lines = [f"  Console        {api}/   (the sign-in page lists everyone; or sign in at once as)"]
    for employee, kind in SIGN_IN_AS:
        person = names[employee]
        label = f"{person['name']}, {kind}, {person['locale']}"
        lines.append(f"                 {label:<32} {api}/_local/sign-in?sub={employee}&next=/")
    return lines


def banner(api: str, path: Path, seeded: dict) -> str:
    lines = [
        "",
        "Janus is running locally.",
        f"  API            {api}",
        f"  Mailbox        {api}/_local/mailbox/html   (every e-mail the service sends)",
    ]
    if seeded:
        lines += sign_in_lines(api)
        rater = seeded["rater"]
        lines += [
            f"  Organisation   {seeded['org']}, {seeded['employees']} employees",
            f"  Live cycle     {seeded['cycle']} (Engineering 360), invitations in the mailbox",
            f"  Rater's form   {rater['link']}",
            f"                 ({rater['name']}'s first feedback form: open it in a browser)",
        ]
    else:
        lines.append("  Organisation   none (started with --no-seed)")
    lines += [
        f"  State          {path}   (API URL, organisation, cycle and an HR token)",
        "",
        "Try it:",
        "  .venv/bin/janus cycles list",
        f"  .venv/bin/janus cycles status {seeded.get('cycle', 'CYCLE_ID')} --watch",
        "",
        "Ctrl-C stops it.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m infra", description="Run Janus locally on an embedded AWS endpoint."
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("JANUS_PORT", "3000")), help="API port (0: any)")
    parser.add_argument("--state-dir", type=Path, default=None, help="where local.json and the mail go (.janus)")
    parser.add_argument("--no-seed", action="store_true", help="start empty, without the demo organisation")
    parser.add_argument(
        "--faults",
        type=Faults.parse,
        default=None,
        metavar="seed=7,rate=0.05",
        help="inject what AWS does under load (throttling, 500s, duplicates, deaths...): see infra/faults.py",
    )
    args = parser.parse_args()

    stack = LocalStack(port=args.port, state_dir=args.state_dir, faults=args.faults).start()
    extra = {} if args.no_seed else seed(stack.api)
    path = stack.write_state(**extra)
    # The handler only records the signal: one that took a lock (an Event's) could deadlock with
    # the main thread it interrupts, if that thread held the same lock at the time.
    signals: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda signum, _: signals.append(signum))
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # `kill -USR1` prints every thread's stack
    print(banner(stack.api, path, extra), flush=True)
    if args.faults:
        print(
            f"Fault mode: seed {args.faults.seed}, rate {args.faults.rate} (GET /_local/faults counts them)", flush=True
        )
    while not signals:
        time.sleep(0.2)
    if args.faults:
        print(f"Faults injected: {args.faults.summary()}", flush=True)
    print("\nStopping the local stack...", flush=True)
    stack.stop()


if __name__ == "__main__":
    main()
