"""`make deploy`'s console step against moto: built with the stack's sign-in, uploaded with the right
headers, index.html last, and CloudFront told to fetch it again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from infra import deploy

ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf"
SIGN_IN = "https://janus-123456789012.auth.eu-west-1.amazoncognito.com"
# What the stack's outputs are for this test: the template's names, literal values, a bucket of its own.
STACK = {
    "Resources": {"ConsoleBucket": {"Type": "AWS::S3::Bucket"}},
    "Outputs": {
        "SignInIssuer": {"Value": ISSUER},
        "ConsoleClientId": {"Value": "3n4c0ns0l3cl13nt"},
        "SignInUrl": {"Value": SIGN_IN},
        "ConsoleBucketName": {"Value": {"Ref": "ConsoleBucket"}},
        "DistributionId": {"Value": {"Ref": "DistributionId"}},
        "ConsoleUrl": {"Value": "https://d111111abcdef8.cloudfront.net"},
    },
    "Parameters": {"DistributionId": {"Type": "String"}},
}
BUILD = {
    "index.html": "<!doctype html><script type=module src=/assets/index-3f2a.js></script>",
    "assets/index-3f2a.js": "console.log('janus')",
    "assets/index-9b1c.css": "body{}",
    "favicon.ico": "icon",
}


@pytest.fixture
def clients() -> Iterator[dict[str, Any]]:
    with mock_aws():
        made = {name: boto3.client(name, region_name="eu-west-1") for name in ("cloudformation", "s3", "cloudfront")}
        distribution = made["cloudfront"].create_distribution(
            DistributionConfig={
                "CallerReference": "test",
                "Comment": "",
                "Enabled": True,
                "Origins": {"Quantity": 1, "Items": [{"Id": "Console", "DomainName": "console.s3.amazonaws.com"}]},
                "DefaultCacheBehavior": {"TargetOriginId": "Console", "ViewerProtocolPolicy": "redirect-to-https"},
            }
        )["Distribution"]["Id"]
        made["cloudformation"].create_stack(
            StackName="janus",
            TemplateBody=json.dumps(STACK),
            Parameters=[{"ParameterKey": "DistributionId", "ParameterValue": distribution}],
        )
        yield made


class FakeBuild:
    """Stands in for npm: records what the build was told and writes a Vite-like build."""

    def __init__(self) -> None:
        self.environment: dict[str, str] = {}

    def __call__(self, console: Path, environment: dict[str, str], out: Path) -> None:
        self.environment = environment
        for key, text in BUILD.items():
            (out / key).parent.mkdir(parents=True, exist_ok=True)
            (out / key).write_text(text)


def test_the_console_is_built_with_the_stack_s_cognito_issuer_client_and_sign_out(clients: dict[str, Any]):
    build = FakeBuild()

    deploy.deploy("janus", clients, Path("console"), build)

    assert build.environment == {
        "VITE_AUTH_AUTHORITY": ISSUER,
        "VITE_AUTH_CLIENT_ID": "3n4c0ns0l3cl13nt",
        "VITE_AUTH_LOGOUT_URL": f"{SIGN_IN}/logout",
    }


def test_every_file_is_uploaded_assets_immutable_and_index_html_never_cached(clients: dict[str, Any]):
    deployed = deploy.deploy("janus", clients, Path("console"), FakeBuild())

    s3 = clients["s3"]
    keys = sorted(item["Key"] for item in s3.list_objects_v2(Bucket=deployed.bucket)["Contents"])
    assert keys == sorted(BUILD)
    heads = {key: s3.head_object(Bucket=deployed.bucket, Key=key) for key in keys}
    assert {key: (head["ContentType"], head["CacheControl"]) for key, head in heads.items()} == {
        "index.html": ("text/html; charset=utf-8", "no-cache"),
        "favicon.ico": ("image/x-icon", "no-cache"),
        "assets/index-3f2a.js": ("text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
        "assets/index-9b1c.css": ("text/css; charset=utf-8", "public, max-age=31536000, immutable"),
    }
    assert s3.get_object(Bucket=deployed.bucket, Key="index.html")["Body"].read().decode() == BUILD["index.html"]


def test_index_html_goes_up_last_so_that_it_never_names_an_asset_not_yet_there(tmp_path: Path):
    FakeBuild()(Path("console"), {}, tmp_path)

    plan = deploy.upload_plan(tmp_path)

    assert [item.key for item in plan] == ["assets/index-3f2a.js", "assets/index-9b1c.css", "favicon.ico", "index.html"]


def test_cloudfront_is_told_to_fetch_index_html_again(clients: dict[str, Any]):
    deployed = deploy.deploy("janus", clients, Path("console"), FakeBuild())

    cloudfront = clients["cloudfront"]
    (made,) = cloudfront.list_invalidations(DistributionId=deployed.distribution_id)["InvalidationList"]["Items"]
    batch = cloudfront.get_invalidation(DistributionId=deployed.distribution_id, Id=made["Id"])["Invalidation"]
    assert batch["InvalidationBatch"]["Paths"]["Items"] == ["/index.html"]


def test_a_build_without_index_html_uploads_nothing(clients: dict[str, Any]):
    def broken(console: Path, environment: dict[str, str], out: Path) -> None:
        out.mkdir(parents=True)

    with pytest.raises(SystemExit, match="did not build"):
        deploy.deploy("janus", clients, Path("console"), broken)
    bucket = deploy.Deployed.of(clients["cloudformation"], "janus").bucket
    assert clients["s3"].list_objects_v2(Bucket=bucket).get("KeyCount") == 0


def test_the_outputs_the_deploy_reads_are_the_template_s(tmp_path: Path):
    from infra.template import load
    from tests.conftest import ROOT

    outputs = load(ROOT / "template.yaml")["Outputs"]
    assert set(STACK["Outputs"]) <= set(outputs)


def test_the_stack_name_and_region_come_from_what_sam_deploy_saved(tmp_path: Path):
    (tmp_path / "samconfig.toml").write_text(
        'version = 0.1\n[default.deploy.parameters]\nstack_name = "janus-prod"\nregion = "eu-north-1"\n'
    )

    assert deploy.samconfig(tmp_path) == {"stack_name": "janus-prod", "region": "eu-north-1"}
    assert deploy.samconfig(tmp_path / "nowhere") == {}
