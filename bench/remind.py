"""The round up to its reminders, with the raters' answers written in-process: remind's figures at 10,000.

    python -m bench.remind [--employees 10000]

At 10,000 employees the raters' 60,000 answers through the local API take about an hour of
``make bench``; here the same share of the same links (the round's seed) is declined or
submitted by calling ``janus.feedback.answers`` directly, the code the feedback function runs, without
HTTP and without the drafts, which reminders do not see. Import, nominate, launch and remind
then run and are counted as in ``make bench``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.round import Round
from janus.feedback import answers as feedback
from janus.kernel.settings import Settings
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import links
from janus.rounds.store_answers import AnswerStore


class UpToRemind(Round):
    def __init__(self, employees: int, state_dir: Path) -> None:
        super().__init__(employees, 1, state_dir, say=lambda text: print(text, flush=True))
        self.until_remind = True
        self.with_goals = False
        self.with_reviews = False
        self.with_devrec = False

    def _respond(self) -> None:
        declines, forms = self.answering()
        store, directory = AnswerStore(), DynamoEmployeeDirectory()
        signer = links.signer(Settings.from_env(self.stack.stack.environment()))
        for link in declines:
            feedback.decline(link.rsplit("/", 1)[-1], {"reason": "not enough contact"}, store, signer)
        for n, link in enumerate(forms, 1):
            token = link.rsplit("/", 1)[-1]
            form = feedback.questionnaire(feedback.resolve(token, store, signer), directory)
            ratings = {q["id"]: 3 for c in form["competencies"] for q in c["questions"]}
            body = {"ratings": ratings, "comments": {}, "overall": None, "status": form["status"]}
            feedback.submit(token, body, store, signer)
            if n % 5000 == 0:
                self.say(f"    submitted: {n:,}/{len(forms):,}")
        self.say(f"  answered in-process: {len(declines):,} declined, {len(forms):,} submitted")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.remind", description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000, help="size of the generated organisation")
    args = parser.parse_args(argv)
    r = UpToRemind(args.employees, Path(tempfile.mkdtemp(prefix="janus-bench-")))
    r.run()
    for p in r.phases:
        ratio = p.dynamodb / p.floor_total if p.floor_total else 0.0
        print(f"{p.name:24} {p.dynamodb:7,} DynamoDB requests, floor {p.floor_total:7,}, ratio {ratio:5.2f}, "
              f"{p.emails:,} e-mails, {p.wall:.1f} s, {p.units}")  # fmt: skip
    remind = r.phases[-1]
    used = {op: n for (service, op), n in remind.requests.items() if service == "dynamodb" and n}
    print(f"remind's requests by operation: {dict(sorted(used.items()))}")
    print(f"remind's floor: {remind.floor}")
    print(f"DynamoDB requests per reminder: {remind.dynamodb / max(1, remind.units['reminders']):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
