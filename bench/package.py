"""Cold-start import time of each function's handler module, and each function's package size."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ROOT / "functions"
RUNS = 11
# What the Lambda Python runtime ships; not part of a function's own package.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")

_TIMER = (
    "import importlib, time; t = time.perf_counter(); importlib.import_module({module!r}); "
    "print(time.perf_counter() - t)"
)


def _import_once(module: str, env: dict[str, str]) -> float:
    """Seconds a fresh interpreter takes to import ``module`` (module-level set-up included)."""
    out = subprocess.run(
        [sys.executable, "-c", _TIMER.format(module=module)],
        cwd=FUNCTIONS,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def cold_imports(handlers: dict[str, str], environment: dict[str, str]) -> tuple[float, dict[str, float]]:
    """(bare ``import boto3`` seconds, {function: handler module import seconds}), medians of ``RUNS``.

    The runs are interleaved (boto3, then each handler, again and again), so that whatever
    else the machine is doing weighs on the baseline and on the handlers alike.
    """
    # As on Lambda: tracing and metrics on, the function's own name, no local endpoint.
    local_only = ("POWERTOOLS_TRACE_DISABLED", "POWERTOOLS_METRICS_DISABLED", "AWS_ENDPOINT_URL")
    base = {k: v for k, v in {**os.environ, **environment}.items() if k not in local_only}
    base.update({"PYTHONPATH": str(FUNCTIONS), "PYTHONDONTWRITEBYTECODE": "1"})
    # Bytecode is compiled once first, as the deployment package would ship it warm on disk.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(FUNCTIONS)], check=True, capture_output=True)
    boto3: list[float] = []
    runs: dict[str, list[float]] = {name: [] for name in handlers}
    for _ in range(RUNS):
        boto3.append(_import_once("boto3", base))
        for name, module in handlers.items():
            runs[name].append(_import_once(module, {**base, "AWS_LAMBDA_FUNCTION_NAME": name}))
    return statistics.median(boto3), {name: statistics.median(values) for name, values in runs.items()}


def _tree_bytes(path: Path) -> int:
    total = 0
    for file in path.rglob("*"):
        if file.is_file() and not any(part.startswith(RUNTIME_PROVIDED) for part in file.relative_to(path).parts):
            total += file.stat().st_size
    return total


def package_sizes(sam: str | None, functions: list[str]) -> dict[str, tuple[int, int]] | str:
    """{function: (own code bytes, layer bytes)} unzipped from ``sam build``, or why it could not run."""
    if not sam:
        return "no SAM CLI (set JANUS_SAM or run make bench, which installs it)"
    build = Path(tempfile.mkdtemp(prefix="janus-build-"))
    env = dict(os.environ)
    python_dir = os.environ.get("JANUS_LAMBDA_PYTHON_DIR")
    if python_dir:
        env["PATH"] = f"{python_dir}:{env['PATH']}"
    result = subprocess.run(
        [sam, "build", "--build-dir", str(build), "--template-file", str(ROOT / "template.yaml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return f"sam build failed: {result.stderr.strip().splitlines()[-1:]}"
    layer = _tree_bytes(build / "JanusLayer")
    return {name: (_tree_bytes(build / name), layer) for name in functions if (build / name).exists()}
