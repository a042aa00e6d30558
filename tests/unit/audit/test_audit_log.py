"""The audit log: every read of a person's report or case by someone else is recorded before it is answered,
HR reads the log by person and by reader, and nothing changes it."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from janus.audit import api as audit_api
from janus.audit import log as audit_log
from janus.audit.log import AuditLog
from janus.escalations import flow
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Forbidden, InvalidInput, NotFound
from janus.kernel.metering import REQUESTS
from janus.people.store import DynamoEmployeeDirectory
from janus.reports import access
from tests.conftest import ROOT
from tests.unit.escalations.test_case_listing import opened, person, ports
from tests.unit.test_template import of_type

ORG = "o"
HR = Caller(org=ORG, sub="hr1", roles=frozenset({"hr_admin"}))
MANAGER = Caller(org=ORG, sub="m", roles=frozenset({"manager"}))
SUBJECT = Caller(org=ORG, sub="e1", roles=frozenset({"employee"}))


@pytest.fixture(autouse=True)
def people(aws: Any, stopped_clock: None) -> None:
    DynamoEmployeeDirectory().put_many(
        ORG, [person("m", "Sales", None), person("e1", "Sales"), person("e2", "Sales"), person("hr1", "HR", None)]
    )


class Cycles:
    def get(self, org: str, cycle_id: str) -> Any:
        return SimpleNamespace(state="released") if cycle_id == "c1" else None


class Reports:
    def get(self, org: str, cycle_id: str, subject_id: str, kind: str) -> bytes | None:
        return b'{"report": true}' if subject_id in ("e1", "e2") else None


def read(caller: Caller, subject: str = "e1", audit: Any = None) -> bytes:
    return access.read_report(
        ORG,
        "c1",
        subject,
        "json",
        caller,
        cycles=Cycles(),  # type: ignore[arg-type]
        reports=Reports(),  # type: ignore[arg-type]
        directory=DynamoEmployeeDirectory(),
        audit=audit or AuditLog(),
    )


def test_a_managers_and_hrs_reads_of_a_report_are_recorded_and_the_subjects_own_are_not():
    read(SUBJECT)
    read(MANAGER)
    clock.advance(timedelta(minutes=5))
    read(HR)

    reads = AuditLog().of_person(ORG, "e1").reads
    assert [(r.reader, r.record, r.ref) for r in reads] == [("hr1", "report", "c1"), ("m", "report", "c1")]
    assert reads[0].at - reads[1].at == timedelta(minutes=5)
    assert [r.person for r in AuditLog().by_reader(ORG, "m").reads] == ["e1"]
    assert AuditLog().by_reader(ORG, "e1").reads == []


def test_a_read_that_is_refused_or_finds_nothing_is_not_recorded():
    with pytest.raises(Forbidden):
        read(Caller(org=ORG, sub="e2", roles=frozenset({"employee"})))
    with pytest.raises(NotFound):
        read(HR, subject="nobody")
    assert AuditLog().by_reader(ORG, "e2").reads == [] and AuditLog().by_reader(ORG, "hr1").reads == []


def test_a_read_that_cannot_be_recorded_is_not_answered():
    class Broken(AuditLog):
        def record(self, *args: Any) -> None:
            raise ConnectionError("the table did not answer")

    with pytest.raises(ConnectionError):
        read(MANAGER, audit=Broken())


def test_a_case_read_by_its_manager_or_hr_is_recorded():
    case = opened("e1", "Sales")
    flow.get_case(ORG, case.id, MANAGER, ports())
    flow.get_case(ORG, case.id, HR, ports())

    assert {(r.reader, r.record, r.ref) for r in AuditLog().of_person(ORG, "e1").reads} == {
        ("m", "case", case.id),
        ("hr1", "case", case.id),
    }


def event(caller: Caller, query: dict[str, str]) -> dict[str, Any]:
    claims = {"sub": caller.sub, "token_use": "id", "custom:employee_id": caller.sub, "custom:org": caller.org}
    claims["cognito:groups"] = ",".join(sorted(caller.roles))
    return {
        "httpMethod": "GET",
        "path": "/organisation/audit",
        "resource": "/organisation/audit",
        "headers": {},
        "multiValueHeaders": {},
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} or None,
        "pathParameters": None,
        "requestContext": {
            "authorizer": {"claims": claims},
            "resourcePath": "/organisation/audit",
            "httpMethod": "GET",
            "path": "/v1/organisation/audit",
            "stage": "v1",
            "requestId": "r-1",
        },
        "body": None,
        "isBase64Encoded": False,
    }


def hr_reads(query: dict[str, str], caller: Caller = HR) -> dict[str, Any]:
    from janus.kernel.api import create_resolver

    app = create_resolver()
    app.include_router(audit_api.router(AuditLog(), DynamoEmployeeDirectory()))
    answer = app.resolve(event(caller, query), SimpleNamespace())
    return {"status": answer["statusCode"], **json.loads(answer["body"])}


def test_hr_reads_the_log_by_person_and_by_reader_with_names_a_page_at_a_time(monkeypatch):
    for n in range(5):
        clock.advance(timedelta(minutes=1))
        read(MANAGER, subject="e1" if n % 2 == 0 else "e2")
    monkeypatch.setattr(audit_log, "PAGE", 2)

    first = hr_reads({"reader": "m"})
    assert first["status"] == 200
    assert [r["person"] for r in first["reads"]] == ["e1", "e2"]
    assert first["names"] == {"e1": "Person e1", "e2": "Person e2", "m": "Person m"}
    second = hr_reads({"reader": "m", "next": first["next"]})
    third = hr_reads({"reader": "m", "next": second["next"]})
    assert [r["person"] for r in second["reads"] + third["reads"]] == ["e1", "e2", "e1"]
    assert third["next"] is None
    by_person = hr_reads({"person": "e2"})
    assert [r["reader"] for r in by_person["reads"]] == ["m", "m"] and by_person["next"] is None


def test_a_page_of_the_log_is_one_query_and_one_read_of_names():
    read(MANAGER)
    before = REQUESTS.snapshot()
    hr_reads({"person": "e1"})
    made = {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb" and n}
    assert made == {"Query": 1, "BatchGetItem": 1}


def test_only_hr_reads_the_log_and_the_query_must_name_one_person_or_one_reader():
    assert hr_reads({"person": "e1"}, caller=MANAGER)["status"] == 403
    for query in ({}, {"person": "e1", "reader": "m"}):
        answer = hr_reads(query)
        assert answer["status"] == 400 and answer["error"]["details"][0]["field"] == "person"
    answer = hr_reads({"person": "e1", "next": "bm90IGEgdG9rZW4"})
    assert answer["status"] == 400 and answer["error"]["details"][0]["field"] == "next"
    with pytest.raises(InvalidInput):
        audit_log.after_token("bm90IGEgdG9rZW4")


def test_nothing_changes_the_log():
    # The store's only write is a record; no route writes the log; an entry is a put that never overwrites.
    writes = {name for name in vars(AuditLog) if not name.startswith("_")} - {"of_person", "by_reader"}
    assert writes == {"record"}
    routes = [
        (event["Properties"]["Method"], event["Properties"]["Path"])
        for function in of_type("AWS::Serverless::Function").values()
        for event in (function["Properties"].get("Events") or {}).values()
        if event["Type"] == "Api" and "audit" in event["Properties"]["Path"]
    ]
    assert routes == [("get", "/organisation/audit")]
    source = (ROOT / "functions" / "janus" / "audit" / "log.py").read_text()
    assert "does_not_exist()" in source and ".delete(" not in source and ".update(" not in source
