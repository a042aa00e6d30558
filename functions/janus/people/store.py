"""Employees on DynamoDB: batch reads of 100 keys, batch writes of 25 items."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from janus.kernel import clock
from janus.people.employees import Employee
from janus.store.items import EMPLOYEE_SHARDS, EmployeeItem


def employee_key(org: str, employee_id: str) -> tuple[str, str]:
    return f"ORG#{org}#EMP#{employee_id}", "EMPLOYEE"


def _shard(employee_id: str) -> int:
    return zlib.crc32(employee_id.encode()) % EMPLOYEE_SHARDS


def _to_item(org: str, employee: Employee) -> EmployeeItem:
    pk, sk = employee_key(org, employee.id)
    return EmployeeItem(
        pk,
        sk,
        GSI1PK=f"ORG#{org}#MGR#{employee.manager_id}" if employee.manager_id else None,
        GSI1SK=f"EMP#{employee.id}" if employee.manager_id else None,
        GSI2PK=f"ORG#{org}#EMPS#{_shard(employee.id)}",
        GSI2SK=f"EMP#{employee.id}",
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
    )


class DynamoEmployeeDirectory:
    def get_many(self, org: str, ids: Iterable[str]) -> dict[str, Employee]:
        keys = [employee_key(org, employee_id) for employee_id in sorted(set(ids))]
        if not keys:
            return {}
        return {item.employee_id: employee_of(item) for item in EmployeeItem.batch_get(keys)}

    def put_many(self, org: str, employees: Sequence[Employee]) -> None:
        if not employees:
            return
        with EmployeeItem.batch_write() as batch:
            for employee in employees:
                batch.save(_to_item(org, employee))

    def everyone(self, org: str) -> list[Employee]:
        """Every employee of the organisation, active or not: one Query page per shard and MB."""
        return [
            employee_of(item)
            for number in range(EMPLOYEE_SHARDS)
            for item in EmployeeItem.by_org_shard.query(f"ORG#{org}#EMPS#{number}")
        ]

    def employees_after(
        self, org: str, shard_number: int, after: str | None, limit: int
    ) -> tuple[list[Employee], bool]:
        """Up to ``limit`` employees of a shard after the id ``after``, by id, and whether more remain."""
        condition = EmployeeItem.GSI2SK > f"EMP#{after}" if after else None  # noqa: SIM300 - a key condition
        result = EmployeeItem.by_org_shard.query(
            f"ORG#{org}#EMPS#{shard_number}", condition, limit=limit, page_size=limit
        )
        return [employee_of(item) for item in result], result.last_evaluated_key is not None

    def reports_of(self, org: str, manager_id: str) -> list[Employee]:
        return [employee_of(item) for item in EmployeeItem.by_manager.query(f"ORG#{org}#MGR#{manager_id}")]
