"""The local stack answers a TransactWriteItems whose ClientRequestToken was applied as DynamoDB does: done, once."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.dynamodb.responses import DynamoHandler

from infra.tokens import honour_request_tokens


@pytest.fixture
def dynamodb(aws: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(DynamoHandler, "transact_write_items", DynamoHandler.transact_write_items)  # undone after
    honour_request_tokens()
    return boto3.client("dynamodb", region_name="us-east-1")


KEY = {"PK": {"S": "ORG#o#COUNT"}, "SK": {"S": "COUNT"}}


def _count(table: str, n: int) -> list[dict[str, Any]]:
    update = {"TableName": table, "Key": KEY, "UpdateExpression": "ADD n :n"}
    return [{"Update": {**update, "ExpressionAttributeValues": {":n": {"N": str(n)}}}}]


def _read(dynamodb: Any, table: str) -> int:
    item = dynamodb.get_item(TableName=table, Key=KEY)["Item"]
    return int(item["n"]["N"])


def test_a_transaction_sent_again_with_its_token_is_applied_once(aws, dynamodb):
    table = aws.environment()["TABLE_NAME"]
    for _ in range(2):  # botocore's retry after a 500 that came after the write
        dynamodb.transact_write_items(TransactItems=_count(table, 1), ClientRequestToken="token-1")
    dynamodb.transact_write_items(TransactItems=_count(table, 1))  # a token of its own, from botocore
    assert _read(dynamodb, table) == 2


def test_the_same_token_with_other_items_is_refused(aws, dynamodb):
    table = aws.environment()["TABLE_NAME"]
    dynamodb.transact_write_items(TransactItems=_count(table, 1), ClientRequestToken="token-2")
    with pytest.raises(ClientError) as refused:
        dynamodb.transact_write_items(TransactItems=_count(table, 5), ClientRequestToken="token-2")
    assert refused.value.response["Error"]["Code"] == "IdempotentParameterMismatchException"
    assert _read(dynamodb, table) == 1


def test_a_cancelled_transaction_does_not_use_up_its_token(aws, dynamodb):
    table = aws.environment()["TABLE_NAME"]
    guarded = _count(table, 1)
    guarded[0]["Update"]["ConditionExpression"] = "attribute_exists(PK)"
    with pytest.raises(ClientError):
        dynamodb.transact_write_items(TransactItems=guarded, ClientRequestToken="token-3")
    dynamodb.transact_write_items(TransactItems=_count(table, 1))
    dynamodb.transact_write_items(TransactItems=guarded, ClientRequestToken="token-3")
    assert _read(dynamodb, table) == 2
