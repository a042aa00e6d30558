"""Progress rolling up the tree. A goal's own save puts its progress on its parent in the same write; the
parent's progress moved with it, so the parent's own parent must hear of it: that is queued
(``RollupDue``, held back so that a burst of changes under one parent is pushed once) and done here, a
level at a time, until a goal without a parent is reached.

Each goal is pushed once per burst: the hold is longer the nearer a goal is to the top of its tree
(``hold``), so that a parent's children go up before it, and a push that finds its parent's own push still
to come queues nothing (that push reads the parent later and carries it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from janus.goals.messages import RollupDue
from janus.goals.store import GoalStore, Pushed
from janus.kernel.observability import log_failure, logger

LEVELS = 10  # the depths told apart by their holds; deeper goals are held as the tenth level's
LEVEL_SECONDS = 60  # between two levels' holds: a burst of saves that takes less goes up each goal once


def hold(depth: int, base: int) -> int:
    """Seconds a goal at ``depth`` waits before its push (none if ``base`` is none, as in tests)."""
    return base + (LEVELS - min(max(depth, 1), LEVELS)) * LEVEL_SECONDS if base else 0


def push_up(due: Iterable[RollupDue], goals: GoalStore) -> list[RollupDue]:
    """Put each named goal's progress on its parent, once however often it is named and only if its parent does
    not hold it yet, the deepest first; returns what is due next: the parents that were up to date and moved,
    and the goals that moved on while being pushed. One BatchGetItem per 100 goals (read consistently: a goal
    read stale could look pushed) and one transaction per goal pushed (two when its parent was up to date)."""
    wanted: dict[str, set[str]] = {}
    for message in due:
        wanted.setdefault(message.org, set()).add(message.goal_id)
    following: list[RollupDue] = []
    for org, ids in wanted.items():
        found = goals.get_many(org, ids, consistent=True).values()
        moved: set[str] = set()  # parents that a push of this batch moved since they were read
        for goal in sorted(found, key=lambda goal: -goal.depth):
            if goal.pushed == goal.seq:
                continue
            if not goal.parent_id:  # the top of a tree: only its band on HR's counters moves
                if goal.id not in moved and goals.settle(goal):
                    continue
                following.append(RollupDue(org=org, goal_id=goal.id, depth=goal.depth))
                continue
            if goal.id in moved:  # read before a child's push here: due again, to be read as it now is
                following.append(RollupDue(org=org, goal_id=goal.id, depth=goal.depth))
                continue
            pushed = goals.push(goal)
            moved.add(goal.parent_id)
            if pushed is Pushed.PARENT_DUE:
                following.append(RollupDue(org=org, goal_id=goal.parent_id, depth=goal.depth - 1))
            elif pushed is Pushed.MOVED_ON:
                following.append(RollupDue(org=org, goal_id=goal.id, depth=goal.depth))
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
