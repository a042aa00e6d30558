"""Cold-start import time of each function's handler module, and each function's package size.

Both are measured on what ``sam build`` makes, loaded as Lambda loads it: the function's code
(``/var/task`` on Lambda) and the layer (``/opt/python``) on the path, with the boto3 the runtime
ships after them, in the Lambda runtime's Python, with ``LAMBDA_TASK_ROOT`` set, so that
Powertools sets itself up as it does on Lambda. Without the SAM CLI, the imports are measured on
the source tree in this interpreter instead, with its development packages (and said so).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ROOT / "functions"
RUNS = 11
# What the Lambda Python runtime ships; not part of a function's own package.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")
LAYER = "JanusLayer"

_TIMER = (
    "import importlib, time; t = time.perf_counter(); importlib.import_module({module!r}); "
    "print(time.perf_counter() - t)"
)


@dataclass(frozen=True)
class Target:
    """Where a function's handler is imported from: the interpreter, its flags, the path and the module."""

    python: str
    flags: tuple[str, ...]
    path: tuple[Path, ...]
    module: str
    task_root: Path


# What else a handler loads, besides its own package: every module it leaves in sys.modules but Janus's.
_LOADED = (
    "import importlib, json, sys; importlib.import_module({module!r}); own = ('janus', {module!r}.split('.')[0]); "
    "print(json.dumps([m for m in sys.modules if m.split('.')[0] not in own]))"
)
# boto3, then everything else the handler loads but Janus, then the handler: seconds for each step.
_STEPS = (
    "import importlib, json, sys, time\n"
    "def load(names):\n"
    "    for name in names:\n"
    "        try: importlib.import_module(name)\n"
    "        except Exception: pass  # a name some module put in sys.modules that cannot be imported on its own\n"
    "t0 = time.perf_counter(); import boto3; t1 = time.perf_counter()\n"
    "load(json.load(sys.stdin)); t2 = time.perf_counter()\n"
    "importlib.import_module({module!r}); t3 = time.perf_counter()\n"
    "print(json.dumps([t1 - t0, t2 - t1, t3 - t2]))"
)


def _run(target: Target, env: dict[str, str], code: str, stdin: str = "") -> str:
    """The last line a fresh interpreter prints running ``code`` as the target's function would."""
    out = subprocess.run(
        [target.python, *target.flags, "-c", code.format(module=target.module)],
        cwd=target.task_root,
        env={**env, "PYTHONPATH": os.pathsep.join(map(str, target.path)), "LAMBDA_TASK_ROOT": str(target.task_root)},
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"importing {target.module} failed: {out.stderr.strip()[-2000:]}")
    return out.stdout.strip().splitlines()[-1]


def _import_once(target: Target, env: dict[str, str]) -> float:
    """Seconds a fresh interpreter takes to import the target's module (module-level set-up included)."""
    return float(_run(target, env, _TIMER))


def lambda_python(runtime: str) -> str | None:
    """The interpreter of the template's runtime (``python3.13``): on ``JANUS_LAMBDA_PYTHON_DIR`` (which
    ``make`` sets), on the PATH, or this one if it is that version."""
    found = shutil.which(runtime, path=os.environ.get("JANUS_LAMBDA_PYTHON_DIR") or None) or shutil.which(runtime)
    if found:
        return found
    return sys.executable if f"python{sys.version_info.major}.{sys.version_info.minor}" == runtime else None


def runtime_packages(python: str) -> Path:
    """A folder standing for the runtime's own packages (``/var/runtime``): links to this environment's
    boto3 and what it needs, all pure Python, compiled for ``python``."""
    site = Path(sysconfig.get_paths()["purelib"])
    folder = Path(tempfile.mkdtemp(prefix="janus-runtime-"))
    found = [site / name for name in (*RUNTIME_PROVIDED, "six.py") if (site / name).exists()]
    for path in found:
        (folder / path.name).symlink_to(path)
    subprocess.run([python, "-m", "compileall", "-q", *map(str, found)], check=False, capture_output=True)
    return folder


def built_targets(build: Path, handlers: dict[str, str], python: str) -> dict[str, Target]:
    """{function: its built handler, imported as on Lambda}; ``handlers`` name the module in the code folder.

    The build is imported as it is: a module it ships without bytecode is compiled at every import,
    as on Lambda, where the code's folders are read-only."""
    runtime = runtime_packages(python)
    layer = build / LAYER / "python"
    return {
        name: Target(python, ("-S",), (build / name, layer, runtime), module.rsplit(".", 1)[-1], build / name)
        for name, module in handlers.items()
    }


def source_targets(handlers: dict[str, str]) -> dict[str, Target]:
    """{function: its handler in the source tree}, in this interpreter with its installed packages."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(FUNCTIONS)], check=True, capture_output=True)
    return {
        name: Target(sys.executable, (), (FUNCTIONS,), module, FUNCTIONS / module.split(".")[0])
        for name, module in handlers.items()
    }


def _lambda_environment(environment: dict[str, str]) -> dict[str, str]:
    """This process's environment with the function's, as on Lambda: metrics on, no local endpoint,
    and no bytecode written, as Lambda's code folders cannot be written to."""
    local_only = ("POWERTOOLS_METRICS_DISABLED", "AWS_ENDPOINT_URL", "PYTHONPATH")
    base = {k: v for k, v in {**os.environ, **environment}.items() if k not in local_only}
    base["PYTHONDONTWRITEBYTECODE"] = "1"
    return base


def cold_imports(targets: dict[str, Target], environment: dict[str, str]) -> tuple[float, dict[str, float]]:
    """(bare ``import boto3`` seconds, {function: handler module import seconds}), medians of ``RUNS``.

    The runs are interleaved (boto3, then each handler, again and again), so that whatever
    else the machine is doing weighs on the baseline and on the handlers alike. ``import boto3``
    runs in the same interpreter with the same path as the first function.
    """
    base = _lambda_environment(environment)
    first = next(iter(targets.values()))
    baseline = Target(first.python, first.flags, first.path, "boto3", first.task_root)
    boto3: list[float] = []
    runs: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(RUNS):
        boto3.append(_import_once(baseline, base))
        for name, target in targets.items():
            runs[name].append(_import_once(target, {**base, "AWS_LAMBDA_FUNCTION_NAME": name}))
    return statistics.median(boto3), {name: statistics.median(values) for name, values in runs.items()}


def import_steps(targets: dict[str, Target], environment: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    """{function: (bare boto3, the other modules, Janus with the handler)} seconds, medians of ``RUNS``.

    Each run imports boto3, then every other module the handler loads that is not Janus's own
    (Powertools, pynamodb, and the standard library modules any of them uses, in the order the
    handler loaded them), then the handler, in one fresh interpreter: what is left for the last
    step is Janus's own modules and the handler's module-level set-up."""
    base = _lambda_environment(environment)
    steps: dict[str, tuple[float, float, float]] = {}
    for name, target in targets.items():
        env = {**base, "AWS_LAMBDA_FUNCTION_NAME": name}
        toolkit = _run(target, env, _LOADED)
        runs = [json.loads(_run(target, env, _STEPS, stdin=toolkit)) for _ in range(RUNS)]
        boto3, rest, own = (statistics.median(run[i] for run in runs) for i in range(3))
        steps[name] = (boto3, rest, own)
    return steps


def _tree_bytes(path: Path) -> int:
    total = 0
    for file in path.rglob("*"):
        if file.is_file() and not any(part.startswith(RUNTIME_PROVIDED) for part in file.relative_to(path).parts):
            total += file.stat().st_size
    return total


def build(sam: str | None) -> Path | str:
    """The folder ``sam build`` made, or why it could not run."""
    if not sam:
        return "no SAM CLI (set JANUS_SAM or run make bench, which installs it)"
    folder = Path(tempfile.mkdtemp(prefix="janus-build-"))
    env = dict(os.environ)
    python_dir = os.environ.get("JANUS_LAMBDA_PYTHON_DIR")
    if python_dir:
        env["PATH"] = f"{python_dir}:{env['PATH']}"
    result = subprocess.run(
        [sam, "build", "--build-dir", str(folder), "--template-file", str(ROOT / "template.yaml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return f"sam build failed: {result.stderr.strip().splitlines()[-1:]}"
    return folder


def package_sizes(folder: Path, functions: list[str]) -> dict[str, tuple[int, int]]:
    """{function: (own code bytes, layer bytes)} unzipped, from what ``sam build`` made in ``folder``,
    bytecode included."""
    layer = _tree_bytes(folder / LAYER)
    return {name: (_tree_bytes(folder / name), layer) for name in functions if (folder / name).exists()}


def bytecode_of(source: Path, runtime: str) -> Path:
    """Where the bytecode of ``source`` for ``runtime`` (``python3.13``) is, if it ships."""
    tag = "cpython-" + runtime.removeprefix("python").replace(".", "")
    return source.parent / "__pycache__" / f"{source.stem}.{tag}.pyc"


def without_bytecode(folder: Path, runtime: str) -> list[Path]:
    """The Python modules in ``folder`` that ship no bytecode for ``runtime`` (``python3.13``): each
    is compiled from source at every cold start that imports it."""
    return [source for source in sorted(folder.rglob("*.py")) if not bytecode_of(source, runtime).exists()]
