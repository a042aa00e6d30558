"""`python -m infra`: start the local stack, seed the demo organisation, wait for Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from pathlib import Path

from infra.seed import seed
from infra.stack import LocalStack


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m infra", description="Run Janus locally on an embedded AWS endpoint."
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("JANUS_PORT", "3000")), help="API port (0: any)")
    parser.add_argument("--state-dir", type=Path, default=None, help="where local.json and the mail go (.janus)")
    parser.add_argument("--no-seed", action="store_true", help="start empty, without the demo organisation")
    args = parser.parse_args()

    stack = LocalStack(port=args.port, state_dir=args.state_dir).start()
    extra = {} if args.no_seed else seed(stack.api)
    path = stack.write_state(**extra)
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    print(
        f"\nJanus is running locally.\n"
        f"  API            {stack.api}\n"
        f"  Mailbox        {stack.api}/_local/mailbox/html   (every e-mail the service sends)\n"
        f"  Organisation   {extra.get('org', '(none: started with --no-seed)')}"
        f"{'  with ' + str(extra['employees']) + ' employees' if extra else ''}\n"
        f"  State          {path}   (API URL, organisation and an HR token)\n"
        f"\nTry it:\n"
        f'  TOKEN=$(python3 -c \'import json;print(json.load(open("{path}"))["hr_token"])\')\n'
        f'  curl -H "Authorization: Bearer $TOKEN" {stack.api}/employees/e001\n'
        f"\nCtrl-C stops it.",
        flush=True,
    )
    done.wait()
    print("\nStopping the local stack...", flush=True)
    stack.stop()


if __name__ == "__main__":
    main()
