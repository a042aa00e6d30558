"""infra.provision creates what template.yaml declares on moto; here, the link key secret."""

from __future__ import annotations

import boto3

from infra.provision import Stack
from infra.template import load
from tests.conftest import ROOT

LINK_KEY = load(ROOT / "template.yaml")["Resources"]["LinkKey"]["Properties"]


def test_the_link_key_secret_exists_with_a_generated_value_of_the_declared_length(aws: Stack):
    assert aws.secrets == {"LinkKey": "janus-local-LinkKey"}
    client = boto3.client("secretsmanager", region_name="us-east-1")
    described = client.describe_secret(SecretId="janus-local-LinkKey")
    assert described["Name"] == "janus-local-LinkKey"
    assert "voids every link" in described["Description"]
    value = client.get_secret_value(SecretId="janus-local-LinkKey")["SecretString"]
    assert len(value) == LINK_KEY["GenerateSecretString"]["PasswordLength"] == 64
    assert value.isascii() and value.isalnum(), "letters and digits only, as ExcludePunctuation asks"


def test_the_functions_environment_names_a_secret_get_secret_value_reads(aws: Stack):
    client = boto3.client("secretsmanager", region_name="us-east-1")
    stored = client.get_secret_value(SecretId="janus-local-LinkKey")["SecretString"]
    for logical in ("FeedbackFunction", "InvitationsFunction", "CyclesFunction"):
        secret_id = aws.functions[logical].environment["LINK_KEY_SECRET"]
        assert client.get_secret_value(SecretId=secret_id)["SecretString"] == stored
    told = {logical for logical, function in aws.functions.items() if "LINK_KEY_SECRET" in function.environment}
    assert told == {"FeedbackFunction", "InvitationsFunction", "CyclesFunction"}
