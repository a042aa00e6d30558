"""The benchmark's capacity meter bills requests the way DynamoDB on-demand does, by item size."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from infra.capacity import CAPACITY, meter_capacity

TABLE = "metered"


@pytest.fixture
def dynamodb() -> Iterator[object]:
    meter_capacity()
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("PK", "SK", "GSI1PK", "GSI1SK")],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "GSI1",
                    "KeySchema": [
                        {"AttributeName": "GSI1PK", "KeyType": "HASH"},
                        {"AttributeName": "GSI1SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


def _item(pk: str, kilobytes: float, indexed: bool = False) -> dict[str, dict[str, str]]:
    item = {"PK": {"S": pk}, "SK": {"S": "X"}, "body": {"S": "x" * int(kilobytes * 1024 - 20)}}
    if indexed:
        item |= {"GSI1PK": {"S": "all"}, "GSI1SK": {"S": pk}}
    return item


def _spent(action) -> dict[str, float]:
    before = CAPACITY.snapshot()
    action()
    after = CAPACITY.snapshot()
    return {kind: after[kind] - before[kind] for kind in after}


def test_a_write_costs_a_unit_per_started_kilobyte_and_again_per_index(dynamodb):
    assert _spent(lambda: dynamodb.put_item(TableName=TABLE, Item=_item("a", 2.5)))["WRU"] == 3
    assert _spent(lambda: dynamodb.put_item(TableName=TABLE, Item=_item("b", 2.5, indexed=True)))["WRU"] == 6


def test_a_transaction_costs_twice_as_much(dynamodb):
    spent = _spent(
        lambda: dynamodb.transact_write_items(TransactItems=[{"Put": {"TableName": TABLE, "Item": _item("t", 1.5)}}])
    )
    assert spent["WRU"] == 4


def test_a_condition_check_costs_its_item_size_twice_and_nothing_for_the_indexes(dynamodb):
    dynamodb.put_item(TableName=TABLE, Item=_item("checked", 2.5, indexed=True))
    check = {"ConditionCheck": {"TableName": TABLE, "Key": {"PK": {"S": "checked"}, "SK": {"S": "X"}},
                                "ConditionExpression": "attribute_exists(PK)"}}  # fmt: skip

    assert _spent(lambda: dynamodb.transact_write_items(TransactItems=[check]))["WRU"] == 6  # 3 KB, twice


def test_reads_cost_a_unit_per_4_kb_and_half_when_eventually_consistent(dynamodb):
    for n in range(3):
        dynamodb.put_item(TableName=TABLE, Item={**_item(f"q{n}", 3), "PK": {"S": "q"}, "SK": {"S": str(n)}})
    dynamodb.put_item(TableName=TABLE, Item=_item("g", 5))
    strong = _spent(lambda: dynamodb.get_item(TableName=TABLE, Key={"PK": {"S": "g"}, "SK": {"S": "X"}},
                                              ConsistentRead=True))  # fmt: skip
    assert strong["RRU"] == 2
    query = _spent(
        lambda: dynamodb.query(
            TableName=TABLE, KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "q"}}
        )
    )
    assert query["RRU"] == 1.5  # 9 KB read as one Query: 3 units, halved
