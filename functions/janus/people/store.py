"""Employees on DynamoDB: batch reads of 100 keys, batch writes of 25 items, and the people list's pages.

An employee item carries every key it is listed by (janus.store.items): its manager's (GSI1), its shard
(GSI2), its department (GSI3), its job class (GSI4) and the first two letters of its name (GSI5), each
sorted by name, so that listing by any of them costs the import no write of its own.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from functools import reduce
from operator import and_
from typing import Any

from janus.kernel import clock
from janus.people.employees import Employee
from janus.people.listing import Search
from janus.people.names import department_key, id_of, name_key, partition, sort_key
from janus.store.items import EMPLOYEE_SHARDS, EmployeeItem, NamePrefixesItem

KEYS_VERSION = 1  # the people list's keys (GSI3-GSI5, GSI1 sorted by name); items without it predate them

# index -> (the model's index, its name in the table, the tag of its partition key)
_INDEXES: dict[str, tuple[Any, str, str]] = {
    "manager": (EmployeeItem.by_manager, "GSI1", "MGR"),
    "department": (EmployeeItem.by_department, "GSI3", "DEPT"),
    "job_class": (EmployeeItem.by_job_class, "GSI4", "JOB"),
    "name": (EmployeeItem.by_name, "GSI5", "NAME"),
}


def employee_key(org: str, employee_id: str) -> tuple[str, str]:
    return f"ORG#{org}#EMP#{employee_id}", "EMPLOYEE"


def _shard(employee_id: str) -> int:
    return zlib.crc32(employee_id.encode()) % EMPLOYEE_SHARDS


def _partition_key(org: str, index: str, value: str) -> str:
    return f"ORG#{org}#{_INDEXES[index][2]}#{value}"


def _to_item(org: str, employee: Employee) -> EmployeeItem:
    pk, sk = employee_key(org, employee.id)
    place = sort_key(employee.name, employee.id)
    name_partition = partition(name_key(employee.name))
    return EmployeeItem(
        pk,
        sk,
        GSI1PK=_partition_key(org, "manager", employee.manager_id) if employee.manager_id else None,
        GSI1SK=place if employee.manager_id else None,
        GSI2PK=f"ORG#{org}#EMPS#{_shard(employee.id)}",
        GSI2SK=f"EMP#{employee.id}",
        GSI3PK=_partition_key(org, "department", department_key(employee.department)),
        GSI3SK=place,
        GSI4PK=_partition_key(org, "job_class", employee.job_class),
        GSI4SK=place,
        GSI5PK=_partition_key(org, "name", name_partition),
        GSI5SK=place,
        keys_version=KEYS_VERSION,
        org=org,
        employee_id=employee.id,
        name=employee.name,
        email=employee.email,
        manager_id=employee.manager_id,
        department=employee.department,
        job_class=employee.job_class,
        role=employee.role,
        locale=employee.locale,
        time_zone=employee.time_zone,
        active=employee.active,
        updated_at=clock.now(),
        as_of=employee.as_of,
    )


def employee_of(item: EmployeeItem) -> Employee:
    return Employee(
        id=item.employee_id,
        name=item.name,
        email=item.email,
        manager_id=item.manager_id,
        department=item.department,
        job_class=item.job_class,
        locale=item.locale,
        role=item.role,
        time_zone=item.time_zone,
        active=item.active,
        as_of=item.as_of,
        indexed=(item.keys_version or 0) >= KEYS_VERSION,
    )


def _prefixes_key(org: str) -> tuple[str, str]:
    return f"ORG#{org}", "NAME_PREFIXES"


class DynamoEmployeeDirectory:
    def get_many(self, org: str, ids: Iterable[str]) -> dict[str, Employee]:
        keys = [employee_key(org, employee_id) for employee_id in sorted(set(ids))]
        if not keys:
            return {}
        return {item.employee_id: employee_of(item) for item in EmployeeItem.batch_get(keys)}

    def put_many(self, org: str, employees: Sequence[Employee]) -> None:
        """Write the employees, and note the name partitions they are in (one GetItem, and an UpdateItem
        only when a partition is new to the organisation)."""
        if not employees:
            return
        with EmployeeItem.batch_write() as batch:
            for employee in employees:
                batch.save(_to_item(org, employee))
        new = {partition(name_key(employee.name)) for employee in employees} - set(self.name_partitions(org))
        if new:  # ADD is a set union: two imports at once both land
            NamePrefixesItem(*_prefixes_key(org)).update(actions=[NamePrefixesItem.prefixes.add(new)])

    def name_partitions(self, org: str) -> list[str]:
        """The name index's partitions that hold (or held) someone, in the order of the names in them."""
        try:
            found = NamePrefixesItem.get(*_prefixes_key(org))
        except NamePrefixesItem.DoesNotExist:
            return []
        return sorted(found.prefixes or ())

    def people_page(
        self, org: str, search: Search, index: str, partition_value: str, after: str | None, limit: int
    ) -> tuple[list[tuple[str, Employee]], str | None]:
        """One Query page of an index partition after the sort key ``after``, examining at most ``limit``
        items: those that match the search's other filters, each with its sort key, and the sort key to
        continue from (None when the partition is done)."""
        model_index, name, _ = _INDEXES[index]
        pk = _partition_key(org, index, partition_value)
        range_key = getattr(EmployeeItem, f"{name}SK")
        key_condition = range_key.startswith(search.name) if index == "name" and search.name else None
        start = None
        if after:
            table_pk, table_sk = employee_key(org, id_of(after))
            start = {"PK": {"S": table_pk}, "SK": {"S": table_sk}, f"{name}PK": {"S": pk}, f"{name}SK": {"S": after}}
        result = model_index.query(
            pk,
            key_condition,
            filter_condition=self._others(org, search, index),
            page_size=limit,
            last_evaluated_key=start,
        )
        page = next(result.page_iter)  # exactly one Query request
        items = [EmployeeItem.from_raw_data(raw) for raw in page.get("Items", [])]
        last = page.get("LastEvaluatedKey")
        return [(getattr(item, f"{name}SK"), employee_of(item)) for item in items], (
            last[f"{name}SK"]["S"] if last else None
        )

    @staticmethod
    def _others(org: str, search: Search, index: str) -> Any:
        """The search's filters other than the index read, for DynamoDB to apply to what it reads."""
        exact = (
            ("manager", EmployeeItem.GSI1PK, search.manager),
            ("department", EmployeeItem.GSI3PK, search.department),
            ("job_class", EmployeeItem.GSI4PK, search.job_class),
        )
        conditions = [key == _partition_key(org, part, value) for part, key, value in exact if value and part != index]
        if search.name and index != "name":
            conditions.append(EmployeeItem.GSI5SK.startswith(search.name))
        return reduce(and_, conditions) if conditions else None

    def everyone(self, org: str) -> list[Employee]:
        """Every employee of the organisation, active or not: one Query page per shard and MB."""
        return [
            employee_of(item)
            for number in range(EMPLOYEE_SHARDS)
            for item in EmployeeItem.by_org_shard.query(f"ORG#{org}#EMPS#{number}")
        ]

    def shard_page(self, org: str, shard: int, after: str | None, limit: int) -> tuple[list[Employee], str | None]:
        """One Query page of one shard of everyone (GSI2), after the employee id ``after``: the people, and the id
        to continue from (None when the shard is done)."""
        condition = EmployeeItem.GSI2SK > f"EMP#{after}" if after else None  # noqa: SIM300 - a key condition
        result = EmployeeItem.by_org_shard.query(f"ORG#{org}#EMPS#{shard}", condition, limit=limit, page_size=limit)
        people = [employee_of(item) for item in result]
        return people, (people[-1].id if people and result.last_evaluated_key is not None else None)

    def reports_of(self, org: str, manager_id: str) -> list[Employee]:
        return [employee_of(item) for item in EmployeeItem.by_manager.query(f"ORG#{org}#MGR#{manager_id}")]
