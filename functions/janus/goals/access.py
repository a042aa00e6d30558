"""Who sees and who changes a goal: an organisation's goal is seen by everyone in the organisation, a private
one by its owner, their managers (the whole chain above) and HR only; a goal is changed by its owner, their
managers and HR. To anyone else a private goal does not exist (404, never 403)."""

from __future__ import annotations

from collections.abc import Iterable

from janus.goals.goal import Goal
from janus.kernel.caller import Caller
from janus.people.employees import MAX_HIERARCHY_DEPTH, Employee, EmployeeDirectory


class Access:
    """One caller's rights over goals for one request. Whether the caller manages an owner is found by walking
    up the owners' chains together, one BatchGetItem a level, and only for a caller with the manager role."""

    def __init__(self, caller: Caller, directory: EmployeeDirectory):
        self.caller = caller
        self._directory = directory
        self._managed: dict[str, bool] = {}
        self._people: dict[str, Employee | None] = {}

    @property
    def is_hr(self) -> bool:
        return "hr_admin" in self.caller.roles

    def learn(self, owners: Iterable[str]) -> None:
        """Find out at once which of ``owners`` the caller manages."""
        me = self.caller.sub
        if "manager" not in self.caller.roles:
            self._managed.update({owner: False for owner in owners})
            return
        walking = {owner: owner for owner in set(owners) - set(self._managed) if owner != me}
        for _ in range(MAX_HIERARCHY_DEPTH):
            if not walking:
                break
            unread = {at for at in walking.values() if at not in self._people}
            found = self._directory.get_many(self.caller.org, unread) if unread else {}
            self._people.update({at: found.get(at) for at in unread})
            still: dict[str, str] = {}
            for owner, at in walking.items():
                person = self._people[at]
                manager = person.manager_id if person else None
                if manager == me:
                    self._managed[owner] = True
                elif manager is None or manager == owner:
                    self._managed[owner] = False
                else:
                    still[owner] = manager
            walking = still
        self._managed.update({owner: False for owner in walking})

    def manages(self, owner: str) -> bool:
        if owner not in self._managed:
            self.learn([owner])
        return self._managed.get(owner, False)

    def may_see(self, goal: Goal) -> bool:
        if goal.visibility == "organisation" or goal.owner == self.caller.sub or self.is_hr:
            return True
        return self.manages(goal.owner)

    def may_change(self, owner: str) -> bool:
        return owner == self.caller.sub or self.is_hr or self.manages(owner)

    def visible(self, goals: list[Goal]) -> list[Goal]:
        """The goals the caller may see, the chains of the private ones' owners read together."""
        self.learn({g.owner for g in goals if g.visibility == "private" and g.owner != self.caller.sub})
        return [goal for goal in goals if self.may_see(goal)]
