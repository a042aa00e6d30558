"""moto at scale: a cancelled transaction still leaves every item as it was, a committed one
writes them all, and stored items are not kept alive by moto's dashboard tracking."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws
from moto.dynamodb.models.dynamo_type import Item

from infra.atomic import make_requests_atomic
from infra.lean import lean_moto

TABLE = "lean"


@pytest.fixture
def dynamodb() -> Iterator[object]:
    lean_moto()
    make_requests_atomic()
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            AttributeDefinitions=[
                {"AttributeName": "PK", "AttributeType": "S"},
                {"AttributeName": "SK", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


def _key(pk: str) -> dict[str, dict[str, str]]:
    return {"PK": {"S": pk}, "SK": {"S": "X"}}


def _transaction(client: object, check_passes: bool) -> list[dict[str, object]]:
    check = "attribute_exists(PK)" if check_passes else "attribute_not_exists(PK)"
    return [
        {"Update": {"TableName": TABLE, "Key": _key("a"), "UpdateExpression": "SET n = :two",
                    "ExpressionAttributeValues": {":two": {"N": "2"}}}},
        {"Put": {"TableName": TABLE, "Item": {**_key("b"), "n": {"N": "9"}}}},
        {"Delete": {"TableName": TABLE, "Key": _key("c")}},
        {"ConditionCheck": {"TableName": TABLE, "Key": _key("d"), "ConditionExpression": check}},
    ]  # fmt: skip


def _state(client: object) -> dict[str, str | None]:
    found = {}
    for pk in "abcd":
        item = client.get_item(TableName=TABLE, Key=_key(pk)).get("Item")  # type: ignore[attr-defined]
        found[pk] = item["n"]["N"] if item else None
    return found


def _seed(client: object) -> None:
    for pk, n in (("a", "1"), ("c", "3"), ("d", "4")):
        client.put_item(TableName=TABLE, Item={**_key(pk), "n": {"N": n}})  # type: ignore[attr-defined]


def test_a_cancelled_transaction_leaves_every_item_as_it_was(dynamodb):
    _seed(dynamodb)
    with pytest.raises(dynamodb.exceptions.TransactionCanceledException):
        dynamodb.transact_write_items(TransactItems=_transaction(dynamodb, check_passes=False))
    assert _state(dynamodb) == {"a": "1", "b": None, "c": "3", "d": "4"}


def test_a_committed_transaction_writes_every_item(dynamodb):
    _seed(dynamodb)
    dynamodb.transact_write_items(TransactItems=_transaction(dynamodb, check_passes=True))
    assert _state(dynamodb) == {"a": "2", "b": "9", "c": None, "d": "4"}


def test_stored_items_are_not_tracked_for_the_dashboard(dynamodb):
    before = len(Item.instances_tracked)
    for n in range(50):
        dynamodb.put_item(TableName=TABLE, Item={**_key(f"p{n}"), "n": {"N": str(n)}})
    dynamodb.query(TableName=TABLE, KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "p1"}})
    assert len(Item.instances_tracked) == before


def test_item_answers_are_the_json_moto_would_have_written(dynamodb, monkeypatch):
    """Every item operation's answer, written directly, parses to what moto's own serialiser writes."""
    import json

    from moto.dynamodb.responses import DynamoHandler

    direct = DynamoHandler.serialized
    mismatches: list[tuple[str, object, object]] = []
    checked: list[str] = []

    def both(self, action_result):
        status, headers, body = direct(self, action_result)
        _, _, expected = direct.__wrapped__(self, action_result)
        checked.append(self._get_action())
        if json.loads(body or "{}") != json.loads(expected or "{}"):
            mismatches.append((self._get_action(), body, expected))
        return status, headers, body

    monkeypatch.setattr(DynamoHandler, "serialized", both)
    item = {**_key("z"), "s": {"S": "ö"}, "n": {"N": "1.5"}, "l": {"L": [{"S": "x"}, {"N": "2"}]},
            "m": {"M": {"k": {"BOOL": True}, "nil": {"NULL": True}}}, "ss": {"SS": ["a", "b"]},
            "b": {"B": b"\x00\x01"}}  # fmt: skip
    dynamodb.put_item(TableName=TABLE, Item=item, ReturnValues="ALL_OLD")
    dynamodb.get_item(TableName=TABLE, Key=_key("z"), ReturnConsumedCapacity="TOTAL")
    dynamodb.get_item(TableName=TABLE, Key=_key("missing"))
    dynamodb.update_item(TableName=TABLE, Key=_key("z"), UpdateExpression="SET n = n + :one",
                         ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="ALL_NEW")  # fmt: skip
    for n in range(5):
        dynamodb.put_item(TableName=TABLE, Item={"PK": {"S": "page"}, "SK": {"S": f"{n}"}})
    dynamodb.query(TableName=TABLE, KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "page"}},
                   Limit=2)  # fmt: skip
    dynamodb.batch_get_item(RequestItems={TABLE: {"Keys": [_key("z"), _key("missing")]}})
    dynamodb.batch_write_item(RequestItems={TABLE: [{"PutRequest": {"Item": _key("w")}}]})
    dynamodb.transact_write_items(TransactItems=[{"Put": {"TableName": TABLE, "Item": _key("t")}}])
    dynamodb.delete_item(TableName=TABLE, Key=_key("t"), ReturnValues="ALL_OLD")
    dynamodb.scan(TableName=TABLE, Limit=3)

    assert mismatches == []
    assert {"PutItem", "GetItem", "UpdateItem", "Query", "BatchGetItem", "BatchWriteItem", "TransactWriteItems",
            "DeleteItem", "Scan"} <= set(checked)  # fmt: skip
