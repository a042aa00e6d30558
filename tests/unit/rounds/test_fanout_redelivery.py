"""A fan-out job whose invocation dies after it was counted, before it handed on, is delivered again and
hands on: the round does not stall at its last shard."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from janus.kernel import clock
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create, fanout
from janus.rounds.messages import InvitePage
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"


class Jobs:
    """A queue that dies on its first invite pages, as an invocation cut off after its writes would."""

    def __init__(self, die_on_invites: bool) -> None:
        self.die_on_invites = die_on_invites
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def send(self, queue: str, messages: Any) -> None:
        messages = list(messages)
        if self.die_on_invites and any(m.get("job") == InvitePage.NAME for m in messages):
            self.die_on_invites = False
            raise TimeoutError("the invocation ended here")
        self.sent += [(queue, m) for m in messages]


def invite_pages(jobs: Jobs) -> list[int]:
    return sorted(m["shard"] for _, m in jobs.sent if m.get("job") == InvitePage.NAME)


@pytest.fixture
def opened(aws: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[RoundStores, Any]:
    monkeypatch.setattr(create, "fanout_shards", lambda subjects: 3)
    directory, store = DynamoEmployeeDirectory(), RoundStores()
    people = [person("m1", None)] + [person(e, "m1") for e in ("s1", "s2", "s3")]
    directory.put_many(ORG, [replace(p, department="Sales") for p in people])
    body = {"name": "360", "kind": "360", "deadline": (clock.now() + timedelta(days=20)).isoformat()}
    cycle = create.create_cycle(ORG, {**body, "competencies": ["listening"]}, directory, store.cycles)
    store.cycles.transition(ORG, cycle.id, ("draft",), "open", launch_pending=cycle.shards)
    return store, cycle


def test_the_last_launch_shard_delivered_again_after_dying_before_handing_on_still_starts_the_invitations(opened):
    store, cycle = opened
    assert cycle.shards == 3
    jobs = Jobs(die_on_invites=True)
    for shard in range(cycle.shards - 1):
        fanout.launch_page(ORG, cycle.id, shard, None, 0, store.launch, jobs)
    last = cycle.shards - 1
    with pytest.raises(TimeoutError):
        fanout.launch_page(ORG, cycle.id, last, None, 0, store.launch, jobs)
    assert invite_pages(jobs) == []  # counted done, nothing handed on

    fanout.launch_page(ORG, cycle.id, last, None, 0, store.launch, jobs)  # SQS delivers it again

    assert invite_pages(jobs) == list(range(cycle.shards))


def test_an_early_shard_delivered_again_while_others_are_pending_hands_on_nothing(opened):
    store, cycle = opened
    jobs = Jobs(die_on_invites=False)
    fanout.launch_page(ORG, cycle.id, 0, None, 0, store.launch, jobs)
    fanout.launch_page(ORG, cycle.id, 0, None, 0, store.launch, jobs)

    assert invite_pages(jobs) == []
    assert store.cycles.get(ORG, cycle.id).launch_pending == cycle.shards - 1


def test_a_transition_whose_write_applied_before_a_500_is_its_own_on_the_sdks_retry(opened, monkeypatch):
    # DynamoDB applied the close, answered 500, and the SDK sent the same update again: the retry is refused by
    # the state the first try made. The close is done, not a conflict; another close after it still is one.
    from janus.store import ConditionFailed
    from janus.store.items import CycleItem

    store, cycle = opened
    applied = CycleItem.update

    def applied_then_retried(self: Any, *args: Any, **kwargs: Any) -> Any:
        applied(self, *args, **kwargs)
        return applied(self, *args, **kwargs)  # the retry, refused by its own first try

    monkeypatch.setattr(CycleItem, "update", applied_then_retried)
    closed = store.cycles.transition(ORG, cycle.id, ("open",), "closed")
    assert closed.state == "closed"
    monkeypatch.setattr(CycleItem, "update", applied)
    with pytest.raises(ConditionFailed):
        store.cycles.transition(ORG, cycle.id, ("open",), "closed")
