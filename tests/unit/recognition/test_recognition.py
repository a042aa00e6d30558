"""Recognition on the table: who recognises whom for which value, who reads what, HR's figures (hidden below the
anonymity threshold) and the people never recognised this quarter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Forbidden, InvalidInput, NotFound, Unprocessable
from janus.people.employees import Employee
from janus.people.organisation import OrgSettings, OrgValue
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.recognition import flow
from janus.recognition.store import RecognitionStore

# m manages a, b, c (Sales); d and e are in Support under n; h is HR; z has left.
PEOPLE = {"m": (None, "Sales"), "a": ("m", "Sales"), "b": ("m", "Sales"), "c": ("m", "Sales"),
          "n": (None, "Support"), "d": ("n", "Support"), "e": ("n", "Support"), "h": (None, "HR"),
          "z": (None, "Sales")}  # fmt: skip
VALUES = (OrgValue("customer-first", "Customer first", "We start from the customer."), OrgValue("courage", "Courage"))


def caller(who: str) -> Caller:
    roles = {"h": {"hr_admin"}, "m": {"manager"}, "n": {"manager"}}.get(who, set())
    return Caller(sub=who, org="o", roles=frozenset(roles | {"employee"}))


@dataclass
class Scheduled:
    asked: list[tuple[str, date]] = field(default_factory=list)


@pytest.fixture
def scheduled(aws: Any, stopped_clock: None) -> Scheduled:
    DynamoEmployeeDirectory().put_many("o", [
        Employee(i, f"Person {i}", f"{i}@example.com", m, dept, "technical", "en", active=i != "z")
        for i, (m, dept) in PEOPLE.items()])  # fmt: skip
    OrgStore().put("o", OrgSettings(values=VALUES, anonymity_threshold=3))
    return Scheduled()


@pytest.fixture
def ports(scheduled: Scheduled) -> flow.Ports:
    return flow.Ports(RecognitionStore(), DynamoEmployeeDirectory(), OrgStore(),
                      lambda org, today, zone: scheduled.asked.append((org, today)))  # fmt: skip


def give(who: str, ports: flow.Ports, to: list[str], **fields: Any) -> dict[str, Any]:
    body = {"to": to, "value": "customer-first", "message": "Thank you for staying late with the client.", **fields}
    return flow.give(caller(who), body, ports)


def test_a_recognition_names_people_a_value_and_a_message_and_is_public_by_default(ports, scheduled):
    given = give("a", ports, ["b", "c"])
    assert (given["from"], given["to"], given["value"], given["value_name"], given["visibility"]) == (
        "a", ["b", "c"], "customer-first", "Customer first", "public")  # fmt: skip
    assert given["names"] == {"a": "Person a", "b": "Person b", "c": "Person c"}
    assert scheduled.asked == [("o", clock.now().date())]
    for reader in ("b", "c", "d", "h"):
        assert [r["id"] for r in flow.received(caller(reader), "b", None, ports)["recognitions"]] == [given["id"]]


def test_nobody_recognises_themselves(ports):
    with pytest.raises(InvalidInput) as raised:
        give("a", ports, ["a", "b"])
    assert raised.value.problems[0].field == "to"


def test_unknown_or_departed_people_and_unknown_values_are_named_in_a_422(ports):
    with pytest.raises(Unprocessable) as raised:
        give("a", ports, ["b", "ghost", "z"], value="kindness")
    problems = {p.field: p.message for p in raised.value.problems}
    assert "ghost" in problems["to"] and "z" in problems["to"] and "b" not in problems["to"].split("id(s) ")[1]
    assert "kindness" in problems["value"] and "customer-first" in problems["value"]
    assert flow.received(caller("b"), "b", None, ports)["recognitions"] == []


def test_an_empty_message_and_too_many_people_are_refused(ports):
    with pytest.raises(InvalidInput) as raised:
        give("a", ports, [f"p{n}" for n in range(11)], message="  ")
    assert {p.field for p in raised.value.problems} == {"to", "message"}


def test_someone_outside_the_directory_cannot_recognise(ports):
    with pytest.raises(Forbidden):
        flow.give(Caller(sub="stranger", org="o", roles=frozenset({"employee"})),
                  {"to": ["b"], "value": "courage", "message": "Well done"}, ports)  # fmt: skip


def test_a_private_recognition_is_read_by_the_giver_and_the_people_named_only(ports, scheduled):
    private = give("a", ports, ["b", "c"], visibility="private")
    public = give("d", ports, ["b"])
    for reader in ("a", "b", "c"):
        shown = [r["id"] for r in flow.received(caller(reader), "b", None, ports)["recognitions"]]
        assert shown == [public["id"], private["id"]] or shown == [private["id"], public["id"]]
    for reader in ("d", "m", "h"):  # their manager and HR too: private words stay with their people
        assert [r["id"] for r in flow.received(caller(reader), "b", None, ports)["recognitions"]] == [public["id"]]
    assert len(scheduled.asked) == 1  # the private one asks for no digest


def test_a_persons_page_defaults_to_the_caller_and_an_unknown_person_is_404(ports):
    give("a", ports, ["b"])
    assert len(flow.received(caller("b"), None, None, ports)["recognitions"]) == 1
    with pytest.raises(NotFound):
        flow.received(caller("b"), "ghost", None, ports)
    with pytest.raises(InvalidInput):
        flow.received(caller("b"), "b", "ORG#other#RECS", ports)


def test_the_list_pages_newest_first(ports, monkeypatch):
    monkeypatch.setattr(flow, "PAGE", 2)
    ids = []
    for _ in range(3):
        ids.append(give("a", ports, ["b"])["id"])
        clock.advance(timedelta(minutes=1))
    first = flow.received(caller("c"), "b", None, ports)
    assert [r["id"] for r in first["recognitions"]] == ids[::-1][:2] and first["next"]
    second = flow.received(caller("c"), "b", first["next"], ports)
    assert [r["id"] for r in second["recognitions"]] == ids[:1]


def test_hr_sees_values_by_department_and_a_department_below_the_threshold_is_hidden(ports):
    give("a", ports, ["b", "c"])
    give("b", ports, ["a"], value="courage")
    give("b", ports, ["a"], value="courage", visibility="private")
    give("a", ports, ["d"])  # Support: one person recognised
    figures = flow.analytics(caller("h"), None, None, None, ports)
    assert figures["quarter"] == "2030-Q1" and figures["threshold"] == 3
    assert figures["departments"] == [
        {"department": "Sales", "hidden": False, "people": 3, "values": [
            {"value": "courage", "name": "Courage", "count": 2},
            {"value": "customer-first", "name": "Customer first", "count": 2}]},
        {"department": "Support", "hidden": True},
    ]  # fmt: skip
    with pytest.raises(Forbidden):
        flow.analytics(caller("m"), None, None, None, ports)


def test_a_person_counts_once_a_quarter_among_those_recognised(ports):
    for _ in range(3):
        give("a", ports, ["b"])
    assert RecognitionStore().counts("o", "2030-Q1") == [
        {"department": "Sales", "value": None, "count": 1},
        {"department": "Sales", "value": "customer-first", "count": 3},
    ]


def test_people_never_recognised_this_quarter_are_listed_by_department_page_by_page(ports, monkeypatch):
    give("a", ports, ["b"])
    found = flow.analytics(caller("h"), None, "Sales", None, ports)["never_recognised"]
    assert [p["id"] for p in found["people"]] == ["a", "c", "m"] and found["next"] is None  # z has left
    assert found["people"][0]["manager_name"] == "Person m"
    monkeypatch.setattr(flow, "PEOPLE_PAGE", 2)
    first = flow.analytics(caller("h"), None, "Sales", None, ports)["never_recognised"]
    second = flow.analytics(caller("h"), None, "Sales", first["next"], ports)["never_recognised"]
    assert {p["id"] for p in first["people"] + second["people"]} == {"a", "c", "m"}
    with pytest.raises(InvalidInput):
        flow.analytics(caller("h"), "2029-Q4", "Sales", None, ports)


def test_a_new_quarter_starts_everyone_unrecognised_again(ports):
    give("a", ports, ["b"])
    clock.advance(timedelta(days=30))  # 2030-04-03: the second quarter
    found = flow.analytics(caller("h"), None, "Sales", None, ports)
    assert "b" in [p["id"] for p in found["never_recognised"]["people"]] and found["departments"] == []


def test_the_digest_is_chosen_by_hr_for_the_organisation_and_by_a_manager_for_themselves(ports):
    assert flow.choose_digest(caller("h"), None, True, ports) == {"employee_id": None, "enabled": True}
    assert flow.choose_digest(caller("m"), "m", False, ports)["enabled"] is False
    assert RecognitionStore().choices("o", ["m", "n"]) == (True, {"m": False})
    with pytest.raises(Forbidden):
        flow.choose_digest(caller("m"), None, True, ports)
    with pytest.raises(Forbidden):
        flow.choose_digest(caller("m"), "n", True, ports)
    with pytest.raises(NotFound):
        flow.choose_digest(caller("h"), "ghost", True, ports)


def test_anyone_reads_the_values_and_finds_people_to_recognise_by_name(ports):
    assert [v["id"] for v in flow.values(caller("a"), ports)["values"]] == ["customer-first", "courage"]
    found = flow.people(caller("a"), "Person", ports)["people"]
    assert {p["id"] for p in found} == {"b", "c", "d", "e", "h", "m", "n"}  # not the caller, not who has left
    assert set(found[0]) == {"id", "name", "department"}
    with pytest.raises(InvalidInput):
        flow.people(caller("a"), "P", ports)
