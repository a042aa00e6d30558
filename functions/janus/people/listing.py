"""HR's list of the organisation's people: by manager, department, job class and the start of a name,
sorted by name, a page at a time, at the DynamoDB floor whatever the size of the organisation.

Each filter has an index holding exactly its people, sorted by name (janus.store.items: GSI1 by manager,
GSI3 by department, GSI4 by job class, GSI5 by the first two letters of the name). A request reads the
index of the most selective filter it was given (``SELECTIVITY``) and DynamoDB filters the others out of
what it reads. No filter, or a name of one letter, walks the name index's partitions in order (those in
use are kept in one small item).

A request ends at a full page or at its cap, and hands on a token to go on from. With filters for DynamoDB
to apply, the cap is ``MAX_QUERIES`` Query pages of at most ``EXAMINED`` items each, so a rare combination
may take the client a few requests to fill a page. Without, every item read is shown, so a request reads
no more items than its page; and as every name partition in use holds someone, it takes at most one Query
per person shown: one or two in a large organisation, whose partitions hold many, and more (but small)
in a small one. Either way, what one request reads never grows with the organisation.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from typing import Any, Protocol

from janus.kernel.errors import InvalidInput, Problem
from janus.people.employees import Employee
from janus.people.names import OTHER, department_key, id_of, name_key, partition
from janus.people.rows import JOB_CLASSES

PAGE = 50
MAX_QUERIES = 10  # Query pages a request reads at most when DynamoDB filters what it reads
EXAMINED = 100  # items each of them looks at
SELECTIVITY = ("manager", "name of two letters or more", "department", "name of one letter", "job_class")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_PARTITION = re.compile(r"[a-z0-9_]{1,2}|[a-z0-9]~|~")
_MAX_TOKEN = 2048


@dataclass(frozen=True)
class Search:
    """What HR asked for: each part as its index keys it (None when not asked)."""

    manager: str | None = None
    department: str | None = None
    job_class: str | None = None
    name: str | None = None

    @classmethod
    def of(cls, manager: str | None, department: str | None, job_class: str | None, q: str | None) -> Search:
        """The search from the query string, every problem with it named at once."""
        problems: list[Problem] = []
        manager = (manager or "").strip() or None
        if manager is not None and not _ID.fullmatch(manager):
            problems.append(Problem("is not an employee id", field="manager"))
        department = (department or "").strip() or None
        if department is not None and len(department) > 100:
            problems.append(Problem("is longer than 100 characters", field="department"))
        job_class = (job_class or "").strip() or None
        if job_class is not None and job_class not in JOB_CLASSES:
            problems.append(Problem(f"is not a job class; use one of {', '.join(JOB_CLASSES)}", field="job_class"))
        q = (q or "").strip()
        if len(q) > 200:
            problems.append(Problem("is longer than 200 characters", field="q"))
        if problems:
            raise InvalidInput("the search is not right", problems)
        return cls(manager, department_key(department) if department else None, job_class, name_key(q) or None)

    def fingerprint(self) -> str:
        return f"{zlib.crc32(json.dumps(astuple(self)).encode()):08x}"


class PeopleIndex(Protocol):
    """Where the list reads (janus.people.store on DynamoDB)."""

    def name_partitions(self, org: str) -> list[str]: ...

    def people_page(
        self, org: str, search: Search, index: str, partition_value: str, after: str | None, limit: int
    ) -> tuple[list[tuple[str, Employee]], str | None]: ...

    def get_many(self, org: str, ids: Iterable[str]) -> dict[str, Employee]: ...


def plan(search: Search) -> tuple[str, str | None]:
    """The index to read and its partition, or None for the name index's partitions in turn."""
    name = search.name or ""
    if search.manager:
        return "manager", search.manager
    if len(name) >= 2 or (name and partition(name) == OTHER):
        return "name", partition(name)
    if search.department:
        return "department", search.department
    if name:
        return "name", None  # every partition that begins with the letter
    if search.job_class:
        return "job_class", search.job_class
    return "name", None


def filtered(search: Search, index: str) -> bool:
    """Whether DynamoDB filters what the index read gives (then each Query looks at ``EXAMINED`` items)."""
    given = {
        "manager": search.manager,
        "department": search.department,
        "job_class": search.job_class,
        "name": search.name,
    }
    return any(value for field, value in given.items() if field != index)


def list_people(
    org: str,
    search: Search,
    token: str | None,
    index: PeopleIndex,
    limit: int = PAGE,
    known: Mapping[str, Employee] | None = None,
) -> dict[str, Any]:
    """A page of people sorted by name, with their managers' names (read but for those ``known``), and the
    token of the next page (None after the last)."""
    kind, single = plan(search)
    if single is not None:
        partitions = [single]
    else:
        letter = (search.name or "")[:1]
        partitions = [p for p in index.name_partitions(org) if p.startswith(letter)]
    at, after = _position(token, search, walking=single is None)
    number = 0
    if single is None:
        number = bisect_left(partitions, at)
        if number < len(partitions) and partitions[number] != at:
            after = None  # the token's partition is not one in use: go on from the next that is
    examine = EXAMINED if filtered(search, kind) else None
    cap = MAX_QUERIES if examine else limit  # unfiltered, every Query shows someone (bar an emptied partition)
    found: list[Employee] = []
    queries = 0
    while number < len(partitions) and len(found) < limit and queries < cap:
        wanted = limit - len(found)
        rows, last = index.people_page(org, search, kind, partitions[number], after, examine or wanted)
        queries += 1
        found += [employee for _, employee in rows[:wanted]]
        if len(rows) > wanted:
            after = rows[wanted - 1][0]  # the page filled inside this Query: go on after its last person
            break
        if last is None:
            number, after = number + 1, None
        else:
            after = last
    following = None
    if number < len(partitions):
        following = _token(search, partitions[number] if single is None else "", after)
    return {"employees": _with_managers(org, found, index, known or {}), "next": following}


def _with_managers(
    org: str, people: Sequence[Employee], index: PeopleIndex, known: Mapping[str, Employee]
) -> list[dict[str, Any]]:
    wanted = {p.manager_id for p in people if p.manager_id and p.manager_id not in known}
    managers = {**known, **(index.get_many(org, wanted) if wanted else {})}
    return [
        {**p.as_dict(), "manager_name": managers[p.manager_id].name if p.manager_id in managers else None}
        for p in people
    ]


def _token(search: Search, partition_value: str, after: str | None) -> str:
    raw = json.dumps([search.fingerprint(), partition_value, after or ""], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _position(token: str | None, search: Search, walking: bool) -> tuple[str, str | None]:
    """Where a token says to go on from: (partition, sort key after which), checked to be one this search
    gave; it names no table key, so it can only ever continue within the caller's own organisation."""
    if not token:
        return "", None
    refused = InvalidInput("this page token was not given by this list; start from the first page")
    if len(token) > _MAX_TOKEN:
        raise refused
    try:
        fingerprint, at, after = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise refused from None
    if not all(isinstance(part, str) for part in (fingerprint, at, after)):
        raise refused
    if fingerprint != search.fingerprint():
        raise InvalidInput("this page token belongs to another search; start from its first page")
    if (walking and not _PARTITION.fullmatch(at)) or (not walking and at):
        raise refused
    if after and ("#" not in after or not _ID.fullmatch(id_of(after))):
        raise refused
    return at, after or None
