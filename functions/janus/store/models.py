"""pynamodb models of the single table.

Keys (every key starts with the organisation, so tenants never meet):

    employee       PK ORG#<org>#EMP#<id>   SK EMPLOYEE
                   GSI1 ORG#<org>#MGR#<manager id> / EMP#<id>     direct reports, peers
                   GSI2 ORG#<org>#EMPS#<shard>     / EMP#<id>     everyone, in 16 shards
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

EMPLOYEE_SHARDS = 16


class _Index(GlobalSecondaryIndex):
    class Meta:
        projection = AllProjection()


class ByManager(_Index):
    class Meta(_Index.Meta):
        index_name = "GSI1"

    GSI1PK = UnicodeAttribute(hash_key=True)
    GSI1SK = UnicodeAttribute(range_key=True)


class ByOrgShard(_Index):
    class Meta(_Index.Meta):
        index_name = "GSI2"

    GSI2PK = UnicodeAttribute(hash_key=True)
    GSI2SK = UnicodeAttribute(range_key=True)


class EmployeeItem(Model):
    class Meta:
        table_name = "unbound"  # set by janus.store.bind

    PK = UnicodeAttribute(hash_key=True)
    SK = UnicodeAttribute(range_key=True)
    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute()
    GSI2SK = UnicodeAttribute()

    org = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    manager_id = UnicodeAttribute(null=True)
    department = UnicodeAttribute()
    job_class = UnicodeAttribute()
    role = UnicodeAttribute(null=True)
    locale = UnicodeAttribute()
    time_zone = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    updated_at = UTCDateTimeAttribute()
    as_of = UTCDateTimeAttribute(null=True)

    by_manager = ByManager()
    by_org_shard = ByOrgShard()


MODELS: tuple[type[Model], ...] = (EmployeeItem,)
