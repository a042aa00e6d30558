"""Delivers SQS messages to the functions the template wires to the queues.

Batches are as large as the event source mapping says; with
ReportBatchItemFailures only the failed items stay on the queue, to come back
after their visibility timeout (on the local clock) and to move to the
dead-letter queue after maxReceiveCount, as SQS itself decides.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from infra.faults import Faults, InvocationDied
from infra.provision import QueueSource, Stack
from infra.template import REGION


def _record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    attributes = {
        name: {
            "stringValue": value.get("StringValue"),
            "binaryValue": value.get("BinaryValue"),
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": value["DataType"],
        }
        for name, value in (message.get("MessageAttributes") or {}).items()
    }
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": attributes,
        "md5OfBody": hashlib.md5(message["Body"].encode()).hexdigest(),  # noqa: S324 - what SQS itself reports
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
    }


class QueuePump:
    def __init__(
        self, stack: Stack, sqs: Any, invoke: Callable[[str, dict[str, Any]], Any], faults: Faults | None = None
    ):
        self.stack = stack
        self.sqs = sqs
        self.invoke = invoke
        self.faults = faults  # the fault mode: messages delivered twice, batches in another order
        self.failures = 0
        self.exhausted = 0  # messages that failed their last delivery: SQS moves them to the dead-letter queue
        self._max_receives: dict[str, int] = {}
        self._arns = {url: stack.context.attributes[(logical, "Arn")] for logical, url in stack.queues.items()}

    def _receive(self, source: QueueSource) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        while len(messages) < source.batch_size:
            answer = self.sqs.receive_message(
                QueueUrl=source.queue_url,
                MaxNumberOfMessages=min(10, source.batch_size - len(messages)),
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
                WaitTimeSeconds=0,
            )
            batch = answer.get("Messages", [])
            if not batch:
                break
            messages += batch
        return messages

    def pump(self, source: QueueSource) -> int:
        messages = self._receive(source)
        if not messages:
            return 0
        if self.faults:
            self._disorder(source, messages)
        event = {"Records": [_record(message, self._arns[source.queue_url]) for message in messages]}
        try:
            answer = self.invoke(source.function, event) or {}
            failed = (
                {item["itemIdentifier"] for item in answer.get("batchItemFailures", [])}
                if source.report_failures
                else set()
            )
        except (Exception, InvocationDied):  # the whole batch failed, as when a Lambda invocation errors or dies
            failed = {message["MessageId"] for message in messages}
        self.failures += len(failed)
        self.exhausted += sum(
            1
            for message in messages
            if message["MessageId"] in failed
            and int(message.get("Attributes", {}).get("ApproximateReceiveCount", "1")) >= self._max_receive(source)
        )
        done = [message for message in messages if message["MessageId"] not in failed]
        for start in range(0, len(done), 10):
            self.sqs.delete_message_batch(
                QueueUrl=source.queue_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done[start : start + 10])
                ],
            )
        return len(messages)

    def _max_receive(self, source: QueueSource) -> int:
        """The queue's maxReceiveCount (its RedrivePolicy's, as template.yaml sets it)."""
        if source.queue_url not in self._max_receives:
            attributes = self.sqs.get_queue_attributes(QueueUrl=source.queue_url, AttributeNames=["RedrivePolicy"])
            policy = attributes.get("Attributes", {}).get("RedrivePolicy")
            self._max_receives[source.queue_url] = int(json.loads(policy)["maxReceiveCount"]) if policy else 1 << 30
        return self._max_receives[source.queue_url]

    def _disorder(self, source: QueueSource, messages: list[dict[str, Any]]) -> None:
        """What SQS may do: deliver a message again (here a copy, sent back to the queue, comes in a later
        batch) and deliver a batch in any order."""
        assert self.faults is not None
        for message in messages:
            if self.faults.draw("sqs-duplicate"):
                attributes = message.get("MessageAttributes") or {}
                self.sqs.send_message(
                    QueueUrl=source.queue_url,
                    MessageBody=message["Body"],
                    **({"MessageAttributes": attributes} if attributes else {}),
                )
        if len(messages) > 1 and self.faults.draw("sqs-reordered"):
            self.faults.shuffle(messages)

    def pump_all(self) -> int:
        return sum(self.pump(source) for source in self.stack.queue_sources)

    def send(self, queue_arn: str, body: str) -> None:
        url = next(url for url, arn in self._arns.items() if arn == queue_arn)
        self.sqs.send_message(QueueUrl=url, MessageBody=body)
