"""Sign-in users for the organisation's employees, kept in step with the import.

Each employee has one Cognito user (username: their e-mail) whose ``custom:org`` and
``custom:employee_id`` only this code sets, at creation (both are immutable). Groups follow the
organisation: ``employee`` for everyone, ``manager`` for anyone with direct reports, ``hr_admin``
for the organisation's ``hr_admins``. Someone who leaves is disabled and signed out everywhere.

A bundle is applied by comparing what each user should be (read now, from the directory and the
settings) with what Cognito holds, and changing only the difference: a bundle delivered twice
changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from janus.kernel.jobs import Jobs
from janus.kernel.messages import Message
from janus.people.employees import Employee

# Every Cognito admin action provisioning calls; the cycles function's role grants exactly these.
ADMIN_ACTIONS = (
    "AdminCreateUser",
    "AdminGetUser",
    "AdminUpdateUserAttributes",
    "AdminDisableUser",
    "AdminEnableUser",
    "AdminUserGlobalSignOut",
    "AdminListGroupsForUser",
    "AdminAddUserToGroup",
    "AdminRemoveUserFromGroup",
)
BUNDLE = 25  # employees per message: at most ~100 admin calls, a few seconds at Cognito's rates


@dataclass(frozen=True)
class ProvisionUsers(Message):
    """Bring these employees' sign-in users in step; ``previous_emails`` finds a user whose e-mail changed."""

    NAME: ClassVar[str] = "provision-users"
    org: str
    employee_ids: tuple[str, ...]
    previous_emails: Mapping[str, str] | None = None
    managers: Mapping[str, bool] | None = None  # who has direct reports, where the import settled it

    @classmethod
    def fields_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "employee_ids": tuple(values["employee_ids"])}


@dataclass(frozen=True)
class Account:
    """What an employee's sign-in user should be."""

    org: str
    employee_id: str
    email: str
    name: str
    active: bool
    groups: frozenset[str]


@dataclass(frozen=True)
class User:
    """What Cognito holds for a user."""

    email: str
    name: str
    enabled: bool
    groups: frozenset[str]
    employee: tuple[str, str] = ("", "")  # its custom:org and custom:employee_id


class UserPool(Protocol):
    def find(self, email: str) -> User | None: ...
    def create(self, account: Account) -> bool: ...  # False: a user with that e-mail exists already
    def set_contact(self, user_email: str, account: Account) -> None: ...
    def enable(self, email: str) -> None: ...
    def disable(self, email: str) -> None: ...
    def join(self, email: str, group: str) -> None: ...
    def leave(self, email: str, group: str) -> None: ...


class Hierarchy(Protocol):
    def get_many(self, org: str, ids: Iterable[str]) -> dict[str, Employee]: ...
    def reports_of(self, org: str, manager_id: str) -> list[Employee]: ...


def queue_users(
    org: str,
    employee_ids: Iterable[str],
    previous_emails: Mapping[str, str],
    jobs: Jobs,
    queue: str = "users",
    managers: Mapping[str, bool] | None = None,
) -> int:
    """Queue the employees' provisioning in bundles; returns how many bundles. ``managers`` says, for
    those it names, whether they have direct reports, so that their bundle need not read it."""
    ids = sorted(set(employee_ids))
    bundles = [tuple(ids[start : start + BUNDLE]) for start in range(0, len(ids), BUNDLE)]
    settled = managers or {}
    jobs.send(
        queue,
        [
            ProvisionUsers(
                org,
                bundle,
                {i: previous_emails[i] for i in bundle if i in previous_emails} or None,
                {i: settled[i] for i in bundle if i in settled} or None,
            ).encode()
            for bundle in bundles
        ],
    )
    return len(bundles)


def accounts(
    org: str,
    ids: Sequence[str],
    directory: Hierarchy,
    hr_admins: frozenset[str] | None,
    managers: Mapping[str, bool] | None = None,
) -> list[Account]:
    """What each employee's user should be, from the directory now. ``hr_admins`` None: not managed here.
    ``managers`` settles who has direct reports for those it names; the others' reports are read."""
    made = []
    settled = managers or {}
    for employee in directory.get_many(org, ids).values():
        groups = {"employee"}
        leads = settled.get(employee.id)
        if leads is None:
            leads = any(report.active for report in directory.reports_of(org, employee.id))
        if leads:
            groups.add("manager")
        if hr_admins is not None and employee.id in hr_admins:
            groups.add("hr_admin")
        made.append(Account(org, employee.id, employee.email, employee.name, employee.active, frozenset(groups)))
    return made


def provision(
    accounts: Iterable[Account], previous_emails: Mapping[str, str], pool: UserPool, manage_hr_admins: bool
) -> dict[str, int]:
    """Change in Cognito only what differs from each account; what was done, by kind."""
    done = {"created": 0, "updated": 0, "disabled": 0, "enabled": 0, "groups": 0}
    for account in accounts:
        user = _user(account, previous_emails.get(account.employee_id), pool, done)
        if user is None or user.employee != (account.org, account.employee_id):
            continue  # an address another employee's user holds: never touched from here
        if account.active and not user.enabled:
            pool.enable(account.email)
            done["enabled"] += 1
        if not account.active:
            if user.enabled:
                pool.disable(account.email)
                done["disabled"] += 1
            continue  # a disabled user cannot sign in; their groups wait for their return
        ignored = frozenset() if manage_hr_admins else frozenset({"hr_admin"})
        wanted, kept = account.groups - ignored, user.groups - ignored
        for group in sorted(wanted - kept):
            pool.join(account.email, group)
        for group in sorted(kept - wanted):
            pool.leave(account.email, group)
        done["groups"] += len(wanted ^ kept)
    return done


def _user(account: Account, previous: str | None, pool: UserPool, done: dict[str, int]) -> User | None:
    """The account's user as it now stands: found (by its e-mail, or the one it had), renamed, or made."""
    user = pool.find(account.email)
    if user is not None and user.employee != (account.org, account.employee_id):
        return user
    if user is None and previous and previous != account.email:
        user = pool.find(previous)
        if user is not None and user.employee == (account.org, account.employee_id):
            pool.set_contact(previous, account)
            done["updated"] += 1
            return User(account.email, account.name, user.enabled, user.groups, user.employee)
        user = None
    if user is not None:
        if user.name != account.name:
            pool.set_contact(account.email, account)
            done["updated"] += 1
        return user
    if not account.active:
        return None  # someone who left before they ever had a user needs none
    if pool.create(account):
        done["created"] += 1
        return User(account.email, account.name, True, frozenset(), (account.org, account.employee_id))
    found = pool.find(account.email)  # made by an earlier delivery of this bundle, or outside Janus
    if found is None:
        raise RuntimeError(f"the user of {account.employee_id} exists yet cannot be read")
    return found


class Settings(Protocol):
    def get(self, org: str) -> Any: ...  # the organisation's settings (hr_admins)


def apply(message: ProvisionUsers, directory: Hierarchy, orgs: Settings, pool: UserPool) -> dict[str, int]:
    """One bundle: each employee's user as the directory and the settings say now."""
    hr_admins = frozenset(orgs.get(message.org).hr_admins)
    # An organisation that never named its HR administrators keeps the ones made by hand (the first one).
    manage = bool(hr_admins)
    wanted = accounts(message.org, message.employee_ids, directory, hr_admins if manage else None, message.managers)
    return provision(wanted, message.previous_emails or {}, pool, manage)
