"""Progress rolling up the tree. A goal's own save puts its progress on its parent in the same write; the
parent's progress moved with it, so the parent's own parent must hear of it: that is queued
(``RollupDue``, held back so that a burst of changes under one parent is pushed once) and done here, a
level at a time, until a goal without a parent is reached."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from janus.goals.messages import RollupDue
from janus.goals.store import GoalStore
from janus.kernel.observability import log_failure, logger


def push_up(due: Iterable[RollupDue], goals: GoalStore) -> list[RollupDue]:
    """Put each named goal's progress on its parent, once however often it is named and only if its parent does
    not hold it yet; returns what is due next, the parents that moved. One BatchGetItem per 100 goals (read
    consistently: a goal read stale could look pushed) and one transaction per goal pushed."""
    wanted: dict[str, set[str]] = {}
    for message in due:
        wanted.setdefault(message.org, set()).add(message.goal_id)
    following: list[RollupDue] = []
    for org, ids in wanted.items():
        for goal in goals.get_many(org, ids, consistent=True).values():
            if goal.parent_id and goal.pushed != goal.seq and goals.push(goal):
                following.append(RollupDue(org=org, goal_id=goal.parent_id))
    return following


class RollupBatch:
    """The RollupDue messages of one delivery, pushed together at its end: each goal once, whatever the number
    of its children that moved. ``send`` queues what is due next (held back like the first)."""

    def __init__(self, goals: GoalStore, send: Callable[[list[RollupDue]], None]):
        self._goals = goals
        self._send = send
        self._due: dict[str, RollupDue] = {}

    def take(self, message_id: str, message: RollupDue) -> None:
        self._due[message_id] = message

    def run(self) -> list[str]:
        """Push what was taken; returns the ids of the messages to come again (all of them, if the push failed)."""
        if not self._due:
            return []
        try:
            following = push_up(self._due.values(), self._goals)
            if following:
                self._send(following)
        except Exception as error:  # the messages come back and the pushes not yet made are made then
            log_failure("goal progress not pushed", error)
            return list(self._due)
        logger.info("goal progress pushed", named=len(self._due), parents_moved=len(following))
        return []
