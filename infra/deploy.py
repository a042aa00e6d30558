"""`python -m infra.deploy` (the second half of `make deploy`, after `sam deploy`): the console, built
for the deployed stack's sign-in and uploaded to its bucket.

The stack's outputs say where: the user pool's issuer and the console's app client, which the build
bakes in (console/src/lib/config.ts reads the VITE_ variables), the bucket, and the distribution. The
files go up with the headers the local gateway serves them with (``infra.console_files``): assets,
named by their content, cached for a year; everything else, index.html above all, asked for again
each time. index.html goes last, so that it never names an asset not yet uploaded, and CloudFront is
then told to fetch it again. Assets of earlier builds stay: a page loaded before the deploy may still
ask for them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3

from infra import console_files

ROOT = Path(__file__).resolve().parent.parent
INDEX = "index.html"
Build = Callable[[Path, dict[str, str], Path], None]


@dataclass(frozen=True)
class Deployed:
    """What the deployed stack's outputs say the console needs."""

    issuer: str
    client_id: str
    sign_in_url: str
    bucket: str
    distribution_id: str
    console_url: str

    @classmethod
    def of(cls, cloudformation: Any, stack: str) -> Deployed:
        (found,) = cloudformation.describe_stacks(StackName=stack)["Stacks"]
        outputs = {output["OutputKey"]: output["OutputValue"] for output in found.get("Outputs") or []}
        return cls(
            issuer=outputs["SignInIssuer"],
            client_id=outputs["ConsoleClientId"],
            sign_in_url=outputs["SignInUrl"],
            bucket=outputs["ConsoleBucketName"],
            distribution_id=outputs["DistributionId"],
            console_url=outputs["ConsoleUrl"],
        )

    def build_environment(self) -> dict[str, str]:
        """What the console's build is told: Cognito's issuer and client, and the managed login's sign-out."""
        return {
            "VITE_AUTH_AUTHORITY": self.issuer,
            "VITE_AUTH_CLIENT_ID": self.client_id,
            "VITE_AUTH_LOGOUT_URL": f"{self.sign_in_url}/logout",
        }


@dataclass(frozen=True)
class Upload:
    key: str
    path: Path
    content_type: str
    cache_control: str


def upload_plan(built: Path) -> list[Upload]:
    """Every file of the build, as the bucket should hold it: the assets first and index.html last."""
    keys = sorted(path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file())
    if INDEX not in keys:
        raise SystemExit(f"{built} holds no {INDEX}: the console did not build")
    order = sorted(keys, key=lambda key: (key == INDEX, console_files.cache_control(key) != console_files.IMMUTABLE))
    return [
        Upload(key, built / key, console_files.content_type(key), console_files.cache_control(key)) for key in order
    ]


def upload(s3: Any, bucket: str, plan: list[Upload]) -> None:
    for item in plan:
        s3.put_object(
            Bucket=bucket,
            Key=item.key,
            Body=item.path.read_bytes(),
            ContentType=item.content_type,
            CacheControl=item.cache_control,
        )


def invalidate(cloudfront: Any, distribution_id: str) -> str:
    """Tell CloudFront to fetch index.html again; the invalidation's id."""
    made = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": 1, "Items": [f"/{INDEX}"]},
            "CallerReference": f"janus-console-{time.time_ns()}",
        },
    )
    return made["Invalidation"]["Id"]


def build_console(console: Path, environment: dict[str, str], out: Path) -> None:
    """`npm ci` and the console's build (type check, then Vite) into ``out``, with the stack's settings.
    Not into console/dist: that is the local stack's build, with no settings."""
    npm = ["npm", "--prefix", str(console)]
    subprocess.run([*npm, "ci", "--no-audit", "--no-fund"], check=True)
    build = [*npm, "run", "build", "--", "--outDir", str(out), "--emptyOutDir"]
    subprocess.run(build, check=True, env={**os.environ, **environment})


def deploy(stack: str, clients: dict[str, Any], console: Path, build: Build = build_console) -> Deployed:
    deployed = Deployed.of(clients["cloudformation"], stack)
    with tempfile.TemporaryDirectory(prefix="janus-console-") as folder:
        built = Path(folder) / "dist"
        build(console, deployed.build_environment(), built)
        plan = upload_plan(built)
        upload(clients["s3"], deployed.bucket, plan)
    invalidate(clients["cloudfront"], deployed.distribution_id)
    print(f"Uploaded {len(plan)} files of the console to {deployed.bucket}; CloudFront fetches index.html again.")
    print(f"The console: {deployed.console_url}")
    return deployed


def samconfig(root: Path = ROOT) -> dict[str, Any]:
    """The deploy parameters `sam deploy --guided` saved (stack name, region), if it did."""
    path = root / "samconfig.toml"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle).get("default", {}).get("deploy", {}).get("parameters", {})


def main(argv: list[str] | None = None) -> None:
    saved = samconfig()
    parser = argparse.ArgumentParser(prog="python -m infra.deploy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", default=saved.get("stack_name", "janus"), help="the stack (samconfig.toml's)")
    parser.add_argument("--region", default=saved.get("region"), help="its region (samconfig.toml's)")
    parser.add_argument("--console", type=Path, default=ROOT / "console", help="the console's sources")
    args = parser.parse_args(argv)
    session = boto3.session.Session(region_name=args.region)
    clients = {name: session.client(name) for name in ("cloudformation", "s3", "cloudfront")}
    try:
        deploy(args.stack, clients, args.console)
    except subprocess.CalledProcessError as failed:
        sys.exit(f"The console's build failed ({failed.returncode}): nothing was uploaded.")


if __name__ == "__main__":
    main()
