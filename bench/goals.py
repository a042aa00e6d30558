"""The goals' phases alone: ``python -m bench.year --phases goals``, kept under its older name.

python -m bench.goals [--employees 10000]
"""

from __future__ import annotations

import sys

from bench.year import main

if __name__ == "__main__":
    sys.exit(main(default="goals"))
