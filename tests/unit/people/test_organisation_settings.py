"""The organisation's settings as HR changes them: values and the anonymity default beside the time zone, the
HR lead and administrators and the escalation rules, every problem named at once; and a cycle that names no
threshold gets the organisation's."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from janus.kernel.errors import InvalidInput
from janus.kernel.metering import REQUESTS
from janus.people.organisation import OrgSettings, OrgValue, parse_settings, settings_view
from janus.people.organisation_store import OrgStore
from janus.people.store import DynamoEmployeeDirectory
from janus.rounds import create
from janus.store.items import SettingsItem
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"
VALUES = [
    {"id": "customer-first", "name": "Customer first", "description": "We start from what the customer needs."},
    {"id": "candour", "name": "Candour"},
]


@pytest.fixture
def directory(aws: Any) -> DynamoEmployeeDirectory:
    directory = DynamoEmployeeDirectory()
    gone = dataclasses.replace(person("left", "boss"), active=False)
    directory.put_many(ORG, [person("boss", None), person("hr1", "boss"), person("hr2", "boss"), gone])
    return directory


def fields(caught: pytest.ExceptionInfo[InvalidInput]) -> list[str | None]:
    return [p.field for p in caught.value.problems]


def test_values_and_the_anonymity_default_are_kept_with_the_rest(directory) -> None:
    body = {"values": VALUES, "anonymity_threshold": 5, "hr_admins": ["hr1"]}
    changed = parse_settings(ORG, body, OrgSettings(), directory)

    assert changed.values == (
        OrgValue("customer-first", "Customer first", "We start from what the customer needs."),
        OrgValue("candour", "Candour", ""),
    )
    assert changed.anonymity_threshold == 5
    assert changed.time_zone == OrgSettings().time_zone  # what was not sent stays
    assert OrgSettings.from_dict(changed.as_dict()) == changed


def test_values_sent_replace_the_list_and_values_not_sent_stay(directory) -> None:
    current = parse_settings(ORG, {"values": VALUES}, OrgSettings(), directory)
    assert parse_settings(ORG, {"anonymity_threshold": 4}, current, directory).values == current.values
    assert parse_settings(ORG, {"values": VALUES[1:]}, current, directory).values == (OrgValue("candour", "Candour"),)
    assert parse_settings(ORG, {"values": []}, current, directory).values == ()


def test_settings_stored_before_values_read_with_no_values_and_a_threshold_of_three(aws) -> None:
    old = {"time_zone": "Europe/Copenhagen", "escalation": {"hr_lead": None}, "hr_admins": []}
    SettingsItem("ORG#old", "SETTINGS", org="old", settings=old).save()
    settings = OrgStore().get("old")
    assert (settings.values, settings.anonymity_threshold, settings.time_zone) == ((), 3, "Europe/Copenhagen")


def test_every_problem_is_named_at_once(directory) -> None:
    body = {
        "time_zone": "Mars/Olympus",
        "escalation": {"hr_lead": "ghost", "plan_days": 0},
        "hr_admins": ["hr1", "left"],
        "values": [
            {"id": "Customer First", "name": "Customer first"},
            {"id": "candour", "name": " "},
            {"id": "candour", "name": "CUSTOMER FIRST", "description": "x" * 501},
            "teamwork",
        ],
        "anonymity_threshold": 1,
    }
    with pytest.raises(InvalidInput) as caught:
        parse_settings(ORG, body, OrgSettings(), directory)
    assert fields(caught) == [
        "time_zone",
        "escalation.plan_days",
        "escalation.hr_lead",
        "hr_admins",
        "values[1].id",
        "values[2].name",
        "values[3].id",
        "values[3].name",
        "values[3].description",
        "values[4]",
        "anonymity_threshold",
    ]
    messages = {p.field: p.message for p in caught.value.problems}
    assert "'candour' is the id of an earlier value" in messages["values[3].id"]
    assert "'CUSTOMER FIRST' is the name of an earlier value" in messages["values[3].name"]
    assert "from 2 to 10" in messages["anonymity_threshold"]
    assert "'left' is not an active employee" in messages["hr_admins"]


@pytest.mark.parametrize("threshold", [1, 11, True, 3.5, "3"])
def test_the_anonymity_default_is_a_whole_number_a_cycle_takes(directory, threshold) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_settings(ORG, {"anonymity_threshold": threshold}, OrgSettings(), directory)
    assert fields(caught) == ["anonymity_threshold"]


def test_at_most_thirty_values(directory) -> None:
    many = [{"id": f"v{n}", "name": f"Value {n}"} for n in range(31)]
    with pytest.raises(InvalidInput) as caught:
        parse_settings(ORG, {"values": many}, OrgSettings(), directory)
    assert fields(caught) == ["values"]


def test_the_lead_and_the_admins_are_checked_and_named_with_one_read_each_time(directory) -> None:
    before = REQUESTS.snapshot()
    changed = parse_settings(
        ORG, {"escalation": {"hr_lead": "boss"}, "hr_admins": ["hr1", "hr2"]}, OrgSettings(), directory
    )
    assert REQUESTS.since(before)[("dynamodb", "BatchGetItem")] == 1

    before = REQUESTS.snapshot()
    view = settings_view(ORG, changed, directory)
    assert REQUESTS.since(before)[("dynamodb", "BatchGetItem")] == 1
    assert view["names"] == {"boss": "Person boss", "hr1": "Person hr1", "hr2": "Person hr2"}
    assert view["hr_admins"] == ["hr1", "hr2"] and view["escalation"]["hr_lead"] == "boss"


def test_a_cycle_that_names_no_threshold_gets_the_organisations_default(directory) -> None:
    body = {
        "name": "Spring",
        "kind": "180",
        "deadline": "2030-03-31",
        "subjects": ["hr1"],
        "competencies": ["listening"],
    }
    store = RoundStores()
    settings = dataclasses.replace(OrgSettings(), anonymity_threshold=5)

    defaulted = create.create_cycle(
        ORG, body, directory, store.cycles, settings.time_zone, settings.anonymity_threshold
    )
    named = create.create_cycle(
        ORG,
        {**body, "anonymity_threshold": 4},
        directory,
        store.cycles,
        settings.time_zone,
        settings.anonymity_threshold,
    )

    assert defaulted.config.anonymity_threshold == 5
    assert named.config.anonymity_threshold == 4


def test_the_review_cycles_rating_scale_is_the_organisations_set_whole_and_reset_with_null(directory) -> None:
    assert OrgSettings().rating_scale[0] == "Unacceptable" and len(OrgSettings().rating_scale) == 5
    four = ["Not yet", "Partly", "Fully", "Beyond"]
    changed = parse_settings(ORG, {"rating_scale": four}, OrgSettings(), directory)
    assert changed.rating_scale == tuple(four)
    assert OrgSettings.from_dict(changed.as_dict()) == changed
    assert parse_settings(ORG, {"anonymity_threshold": 4}, changed, directory).rating_scale == tuple(four)
    assert parse_settings(ORG, {"rating_scale": None}, changed, directory).rating_scale == OrgSettings().rating_scale


@pytest.mark.parametrize(
    "scale", [["Low", "High"], ["1", "2", "3", "4", "5", "6", "7", "8"], ["Low", "Low", "High"], ["Low", " ", "High"],
              "Low, Mid, High"],
)  # fmt: skip
def test_a_rating_scale_of_too_few_or_many_points_or_repeated_or_blank_labels_is_refused(directory, scale) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_settings(ORG, {"rating_scale": scale}, OrgSettings(), directory)
    assert fields(caught) == ["rating_scale"]


def test_retention_is_kept_in_whole_months_and_null_sets_the_default_again(directory) -> None:
    assert OrgSettings().retention_months == 36
    changed = parse_settings(ORG, {"retention_months": 12}, OrgSettings(), directory)
    assert changed.retention_months == 12
    assert OrgSettings.from_dict(changed.as_dict()) == changed
    assert OrgSettings.from_dict({**changed.as_dict(), "retention_months": None}).retention_months == 36  # older item
    assert parse_settings(ORG, {"anonymity_threshold": 4}, changed, directory).retention_months == 12
    assert parse_settings(ORG, {"retention_months": None}, changed, directory).retention_months == 36
    assert [parse_settings(ORG, {"retention_months": m}, OrgSettings(), directory).retention_months
            for m in (6, 120)] == [6, 120]  # fmt: skip


@pytest.mark.parametrize("months", [5, 121, 0, -12, 12.5, "36", True, [36]])
def test_retention_of_too_few_or_many_or_not_whole_months_is_refused(directory, months) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_settings(ORG, {"retention_months": months}, OrgSettings(), directory)
    assert fields(caught) == ["retention_months"]
    assert "from 6 to 120" in caught.value.problems[0].message
