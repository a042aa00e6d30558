"""The benchmark's cold-start step: what a build ships without bytecode, and whose share of an import is whose."""

from __future__ import annotations

import sys
from pathlib import Path

from bench import package


def test_modules_shipped_without_bytecode_for_the_runtime_are_listed(tmp_path: Path):
    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    for name in ("compiled", "other_version", "bare"):
        (tmp_path / "pkg" / f"{name}.py").write_text("")
    (tmp_path / "pkg" / "__pycache__" / "compiled.cpython-313.pyc").write_bytes(b"")
    (tmp_path / "pkg" / "__pycache__" / "other_version.cpython-312.pyc").write_bytes(b"")

    missing = package.without_bytecode(tmp_path, "python3.13")

    assert [path.name for path in missing] == ["bare.py", "other_version.py"]


def test_an_import_is_split_into_boto3_the_other_modules_and_janus(tmp_path: Path):
    # A handler whose Janus module takes a known 0.2 s to load, and which also loads a standard module.
    task = tmp_path / "task"
    (task / "janus").mkdir(parents=True)
    (task / "janus" / "__init__.py").write_text("")
    (task / "janus" / "slow.py").write_text("import time\ntime.sleep(0.2)\n")
    (task / "app.py").write_text("import email.message\nimport janus.slow\n")
    target = package.Target(sys.executable, (), (task,), "app", task)

    steps = package.import_steps({"Function": target}, {})

    boto3, others, own = steps["Function"]
    assert boto3 > 0 and others > 0
    assert own >= 0.2  # Janus's module is Janus's share, not the others'
    assert others < 0.2
