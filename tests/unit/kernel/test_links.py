"""Where e-mailed links point: told to the function, or read once from the stack's parameter."""

from __future__ import annotations

from typing import Any

import boto3
from moto import mock_aws

from janus.kernel.links import PublicUrl


class CountingSsm:
    def __init__(self, ssm: Any):
        self.ssm = ssm
        self.reads = 0

    def get_parameter(self, **kwargs: Any) -> Any:
        self.reads += 1
        return self.ssm.get_parameter(**kwargs)


@mock_aws
def test_a_function_not_told_the_url_reads_it_from_the_parameter_once_when_first_needed():
    ssm = boto3.client("ssm", region_name="us-east-1")
    ssm.put_parameter(Name="/janus/public-url", Value="https://d111.cloudfront.net", Type="String")
    counting = CountingSsm(ssm)

    url = PublicUrl(None, "/janus/public-url", counting)

    assert counting.reads == 0, "nothing is read until a notice needs a link"
    assert [url(), url()] == ["https://d111.cloudfront.net"] * 2
    assert counting.reads == 1


def test_a_url_told_to_the_function_wins_and_reads_nothing():
    url = PublicUrl("https://janus.example.com/", "/janus/public-url", ssm=None)

    assert url() == "https://janus.example.com"


def test_without_either_the_links_are_relative():
    assert PublicUrl(None, None, ssm=None)() == ""
