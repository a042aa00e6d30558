"""The local stack's partition-sized Queries answer exactly as moto does, looking at one partition."""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table

from infra.atomic import make_requests_atomic
from infra.indexes import index_queries
from infra.template import load
from tests.conftest import ROOT

TABLE = "janus-indexes"
RANGE_CONDITIONS = (
    ("", {}),
    (" AND begins_with(#rk, :r1)", {":r1": "K#1"}),
    (" AND #rk BETWEEN :r1 AND :r2", {":r1": "K#03", ":r2": "K#12"}),
    (" AND #rk < :r1", {":r1": "K#10"}),
    (" AND #rk >= :r1", {":r1": "K#07"}),
)


@pytest.fixture
def dynamodb(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A table keyed as template.yaml's, on in-process moto with the partitions installed."""
    for owner in (Table, DynamoDBBackend):  # put moto back as it was afterwards
        for name, method in list(vars(owner).items()):
            if callable(method):
                monkeypatch.setattr(owner, name, method)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    index_queries()
    table = load(ROOT / "template.yaml")["Resources"]["Table"]["Properties"]
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName=TABLE,
            AttributeDefinitions=table["AttributeDefinitions"],
            KeySchema=table["KeySchema"],
            GlobalSecondaryIndexes=table["GlobalSecondaryIndexes"],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


def s(text: str) -> dict[str, str]:
    return {"S": text}


def key(pk: str, sk: str) -> dict[str, Any]:
    return {"PK": s(pk), "SK": s(sk)}


def put(client: Any, pk: str, sk: str, **attributes: str) -> None:
    client.put_item(TableName=TABLE, Item={**key(pk, sk), **{name: s(value) for name, value in attributes.items()}})


def query_pages(client: Any, **request: Any) -> list[dict[str, Any]]:
    """Every page of a Query, following LastEvaluatedKey, without the response metadata."""
    pages = []
    while True:
        page = client.query(TableName=TABLE, **request)
        page.pop("ResponseMetadata", None)
        pages.append(page)
        if "LastEvaluatedKey" not in page or len(pages) > 100:
            return pages
        request = {**request, "ExclusiveStartKey": page["LastEvaluatedKey"]}


def plain_moto_pages(client: Any, monkeypatch: pytest.MonkeyPatch, **request: Any) -> list[dict[str, Any]]:
    with monkeypatch.context() as plain:
        plain.setattr(Table, "query", Table.query.__wrapped__)
        return query_pages(client, **request)


def partition_query(index: str | None, value: str, **shape: Any) -> dict[str, Any]:
    hash_name, range_name = ("PK", "SK") if index is None else (f"{index}PK", f"{index}SK")
    condition, values = shape.get("range", ("", {}))
    request: dict[str, Any] = {
        "KeyConditionExpression": "#hk = :h" + condition,
        "ExpressionAttributeNames": {"#hk": hash_name, **({"#rk": range_name} if condition else {})},
        "ExpressionAttributeValues": {":h": s(value), **{name: s(text) for name, text in values.items()}},
        "ScanIndexForward": shape.get("forward", True),
    }
    if index is not None:
        request["IndexName"] = index
    if shape.get("limit"):
        request["Limit"] = shape["limit"]
    if shape.get("filter"):
        request["FilterExpression"] = "#status = :status"
        request["ExpressionAttributeNames"]["#status"] = "status"
        request["ExpressionAttributeValues"][":status"] = s("submitted")
    if shape.get("projection"):
        request["ProjectionExpression"] = "PK, SK, #status"
        request["ExpressionAttributeNames"]["#status"] = "status"
    return request


@pytest.fixture
def examined(dynamodb: Any, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The items moto's Query looks at, as their attributes."""
    seen: list[dict[str, Any]] = []
    all_items = Table.all_items

    def spy(self: Table) -> list[Any]:
        items = all_items(self)
        seen.extend({name: value.value for name, value in item.attrs.items()} for item in items)
        return items

    monkeypatch.setattr(Table, "all_items", spy)
    return seen


# ---------------------------------------------------------------- only the partition


def test_index_query_examines_only_the_partition_asked_for(dynamodb, examined):
    for manager in range(20):
        for report in range(5):
            put(dynamodb, f"EMP#{manager}-{report}", "EMPLOYEE", GSI1PK=f"MGR#{manager}", GSI1SK=f"EMP#{report}")

    pages = query_pages(dynamodb, **partition_query("GSI1", "MGR#7"))

    assert [item["PK"]["S"] for item in pages[0]["Items"]] == [f"EMP#7-{report}" for report in range(5)]
    assert len(examined) == 5
    assert {item["GSI1PK"] for item in examined} == {"MGR#7"}


def test_table_query_examines_only_the_partition_asked_for(dynamodb, examined):
    for subject in range(20):
        for rater in range(4):
            put(dynamodb, f"SUBJ#{subject}", f"RATER#{rater}")

    pages = query_pages(dynamodb, **partition_query(None, "SUBJ#3", range=(" AND begins_with(#rk, :r1)", {":r1": "R"})))

    assert pages[0]["Count"] == 4
    assert {item["PK"] for item in examined} == {"SUBJ#3"}
    assert len(examined) == 4


# ---------------------------------------------------------------- items that change partition


def test_updated_index_key_moves_the_item_and_a_removed_one_leaves_the_index(dynamodb):
    put(dynamodb, "SUBJ#1", "SUBJECT", GSI1PK="SHORT#c1", GSI1SK="e1")

    def short(cycle: str) -> list[str]:
        return [item["PK"]["S"] for item in query_pages(dynamodb, **partition_query("GSI1", cycle))[0]["Items"]]

    dynamodb.update_item(
        TableName=TABLE,
        Key=key("SUBJ#1", "SUBJECT"),
        UpdateExpression="SET GSI1PK = :p",
        ExpressionAttributeValues={":p": s("SHORT#c2")},
    )
    assert (short("SHORT#c1"), short("SHORT#c2")) == ([], ["SUBJ#1"])

    dynamodb.update_item(TableName=TABLE, Key=key("SUBJ#1", "SUBJECT"), UpdateExpression="REMOVE GSI1PK")
    assert (short("SHORT#c1"), short("SHORT#c2")) == ([], [])


def test_cancelled_transaction_leaves_every_partition_as_it_was(dynamodb):
    put(dynamodb, "EMP#1", "EMPLOYEE", GSI1PK="MGR#a", GSI1SK="EMP#1")

    with pytest.raises(ClientError, match="TransactionCanceled"):
        dynamodb.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": key("EMP#1", "EMPLOYEE"),
                        "UpdateExpression": "SET GSI1PK = :p",
                        "ExpressionAttributeValues": {":p": s("MGR#b")},
                    }
                },
                {
                    "ConditionCheck": {
                        "TableName": TABLE,
                        "Key": key("EMP#404", "EMPLOYEE"),
                        "ConditionExpression": "attribute_exists(PK)",
                    }
                },
            ]
        )

    assert query_pages(dynamodb, **partition_query("GSI1", "MGR#a"))[0]["Count"] == 1
    assert query_pages(dynamodb, **partition_query("GSI1", "MGR#b"))[0]["Count"] == 0


def test_index_added_to_a_table_with_items_finds_them_in_its_own_partitions(dynamodb, examined):
    put(dynamodb, "EMP#1", "EMPLOYEE", GSI9PK="DEPT#sales", GSI9SK="EMP#1")
    put(dynamodb, "EMP#2", "EMPLOYEE", GSI9PK="DEPT#hr", GSI9SK="EMP#2")
    query_pages(dynamodb, **partition_query("GSI1", "MGR#a"))  # the partitions exist before the index does

    dynamodb.update_table(
        TableName=TABLE,
        AttributeDefinitions=[{"AttributeName": name, "AttributeType": "S"} for name in ("GSI9PK", "GSI9SK")],
        GlobalSecondaryIndexUpdates=[
            {
                "Create": {
                    "IndexName": "GSI9",
                    "KeySchema": [
                        {"AttributeName": "GSI9PK", "KeyType": "HASH"},
                        {"AttributeName": "GSI9SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            }
        ],
    )

    examined.clear()
    assert query_pages(dynamodb, **partition_query("GSI9", "DEPT#sales"))[0]["Count"] == 1
    assert [item["PK"] for item in examined] == ["EMP#1"]


# ---------------------------------------------------------------- the same answers as moto


def random_item(rng: random.Random, pk: str, sk: str) -> dict[str, Any]:
    item = key(pk, sk)
    for index, values in (("GSI1", 3), ("GSI2", 2)):
        if rng.random() < 0.8:
            item[f"{index}PK"] = s(f"{index}#{rng.randrange(values)}")
        if rng.random() < 0.85:  # few distinct range keys, so ties must fall to the table's key
            item[f"{index}SK"] = s(f"K#{rng.randrange(15):02d}")
    item["status"] = s(rng.choice(("draft", "submitted")))
    return item


def random_update(rng: random.Random) -> dict[str, Any]:
    index = rng.choice(("GSI1", "GSI2"))
    values = {":p": s(f"{index}#{rng.randrange(3)}"), ":r": s(f"K#{rng.randrange(15):02d}")}
    expression, used = rng.choice(
        (
            (f"SET {index}PK = :p", [":p"]),
            (f"SET {index}PK = :p, {index}SK = :r", [":p", ":r"]),
            (f"REMOVE {index}PK", []),
            (f"REMOVE {index}SK", []),
            ("SET #status = :r", [":r"]),
        )
    )
    update: dict[str, Any] = {"UpdateExpression": expression}
    if "#status" in expression:
        update["ExpressionAttributeNames"] = {"#status": "status"}
    if used:
        update["ExpressionAttributeValues"] = {name: values[name] for name in used}
    return update


def random_keys(rng: random.Random, count: int) -> list[tuple[str, str]]:
    keys = {(f"P#{rng.randrange(5)}", f"S#{rng.randrange(12):02d}") for _ in range(count)}
    return sorted(keys)


def random_write(client: Any, rng: random.Random) -> None:
    kind = rng.choice(("put", "put", "update", "update", "delete", "batch", "transaction"))
    (pk, sk), *_ = random_keys(rng, 1)
    if kind == "put":
        client.put_item(TableName=TABLE, Item=random_item(rng, pk, sk))
    elif kind == "update":
        client.update_item(TableName=TABLE, Key=key(pk, sk), **random_update(rng))
    elif kind == "delete":
        client.delete_item(TableName=TABLE, Key=key(pk, sk))
    elif kind == "batch":
        requests = [
            {"PutRequest": {"Item": random_item(rng, pk, sk)}}
            if rng.random() < 0.6
            else {"DeleteRequest": {"Key": key(pk, sk)}}
            for pk, sk in random_keys(rng, 6)
        ]
        client.batch_write_item(RequestItems={TABLE: requests})
    else:
        random_transaction(client, rng)


def random_transaction(client: Any, rng: random.Random) -> None:
    actions = []
    for pk, sk in random_keys(rng, 4):
        choice = rng.random()
        if choice < 0.4:
            actions.append({"Put": {"TableName": TABLE, "Item": random_item(rng, pk, sk)}})
        elif choice < 0.8:
            actions.append({"Update": {"TableName": TABLE, "Key": key(pk, sk), **random_update(rng)}})
        elif choice < 0.9:
            actions.append({"Delete": {"TableName": TABLE, "Key": key(pk, sk)}})
        else:  # fails about half the time, and then the whole transaction is rolled back
            condition = {"ConditionExpression": "attribute_exists(PK)"}
            actions.append({"ConditionCheck": {"TableName": TABLE, "Key": key(pk, sk), **condition}})
    try:
        client.transact_write_items(TransactItems=actions)
    except ClientError as error:
        assert error.response["Error"]["Code"] == "TransactionCanceledException"


def random_query(rng: random.Random) -> dict[str, Any]:
    index = rng.choice(("GSI1", "GSI2", None))
    value = f"P#{rng.randrange(6)}" if index is None else f"{index}#{rng.randrange(4)}"
    request = partition_query(
        index,
        value,
        range=rng.choice(RANGE_CONDITIONS),
        forward=rng.random() < 0.5,
        limit=rng.choice((None, 1, 2, 3, 5)),
        filter=rng.random() < 0.3,
        projection=rng.random() < 0.2,
    )
    if index is None and "#rk" in request["ExpressionAttributeNames"]:  # the table's sort keys are S#nn
        request["ExpressionAttributeValues"] = {
            name: s(value["S"].replace("K#", "S#")) for name, value in request["ExpressionAttributeValues"].items()
        }
    return request


@pytest.mark.parametrize("seed", range(3))
def test_queries_answer_page_for_page_as_moto_does_through_every_kind_of_write(dynamodb, monkeypatch, seed):
    rng = random.Random(seed)
    paged = 0
    for _ in range(100):
        random_write(dynamodb, rng)
        for _ in range(3):
            request = random_query(rng)
            pages = query_pages(dynamodb, **request)
            assert pages == plain_moto_pages(dynamodb, monkeypatch, **request), request
            paged += len(pages) > 1 and sum(page["Count"] for page in pages) > 1
    assert paged > 30  # the comparison was not of empty answers only


def test_queries_racing_writes_never_fail_and_end_up_answering_as_moto_does(dynamodb, monkeypatch):
    make_requests_atomic()  # as the local stack does: moto alone races its own writes and reads
    failures: list[BaseException] = []

    def run(work: Any, seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(100):
                work(rng)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(lambda rng: random_write(dynamodb, rng), n)) for n in range(3)]
    threads += [
        threading.Thread(target=run, args=(lambda rng: query_pages(dynamodb, **random_query(rng)), n)) for n in range(3)
    ]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so that the races happen on every run
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)

    assert failures == []
    rng = random.Random(99)
    for _ in range(100):
        request = random_query(rng)
        assert query_pages(dynamodb, **request) == plain_moto_pages(dynamodb, monkeypatch, **request), request
