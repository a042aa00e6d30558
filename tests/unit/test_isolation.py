"""Two instances of one function handling requests at the same moment each see their own request,
as they would in two Lambda execution environments."""

from __future__ import annotations

import json
import threading

from aws_lambda_powertools.event_handler import APIGatewayRestResolver

from infra.isolation import isolate_resolvers


def _event(body: dict[str, str]) -> dict[str, object]:
    return {
        "httpMethod": "PUT",
        "path": "/echo",
        "resource": "/echo",
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
        "isBase64Encoded": False,
        "requestContext": {"stage": "local", "requestId": "r"},
        "queryStringParameters": None,
        "multiValueHeaders": {},
        "pathParameters": None,
    }


def _concurrent_echoes() -> list[str]:
    both_inside = threading.Barrier(2, timeout=5)
    answers: dict[str, str] = {}

    def instance(name: str) -> None:
        app = APIGatewayRestResolver()

        @app.put("/echo")
        def echo() -> dict[str, str]:
            both_inside.wait()  # the other instance has started its request meanwhile
            return {"seen": app.current_event.json_body["name"]}

        answer = app.resolve(_event({"name": name}), None)
        answers[name] = json.loads(answer["body"])["seen"]

    threads = [threading.Thread(target=instance, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [answers["first"], answers["second"]]


def test_concurrent_instances_each_read_their_own_request():
    isolate_resolvers()
    assert _concurrent_echoes() == ["first", "second"]
