"""Per-unit figures of rounds measured apart, side by side: ``python -m bench.compare A.json B.json``.

``make bench`` runs both sizes in one go; on a small machine the two sizes can also run as two
processes at once (one core each) and be compared afterwards.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.__main__ import print_side_by_side


def main(paths: list[str]) -> int:
    rounds = [r for path in paths for r in json.loads(Path(path).read_text())["rounds"]]
    print_side_by_side(sorted(rounds, key=lambda r: r["employees"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
