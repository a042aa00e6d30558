"""boto3 clients for the domain's ports: standard retries, the local endpoint when set, counted."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

from janus.metering import REQUESTS
from janus.settings import Settings

_RETRIES = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=5, read_timeout=20)


def client(service: str, settings: Settings) -> Any:
    return REQUESTS.attach(
        boto3.client(service, region_name=settings.region, endpoint_url=settings.endpoint_url, config=_RETRIES)
    )
