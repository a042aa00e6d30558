"""HR's analytics page reads one route: the analytics, the cycle's name and state, and its competencies' names
in the reader's language, with one GetItem (and the document's GetObject)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from janus.kernel.errors import NotFound
from janus.kernel.metering import REQUESTS
from janus.people.store import DynamoEmployeeDirectory
from janus.reports.access import analytics_key, read_analytics
from janus.reports.store import ReportStore
from janus.rounds import create
from tests.unit.people.sample import person
from tests.unit.stores import RoundStores

ORG = "acme"
DOCUMENT = {
    "response_rates": {"by_department": {}, "by_group": {}},
    "heat_map": {"R&D": {"listening": {"mean": 3.8, "raters": 4}, "teamwork": {"mean": None, "raters": 2}}},
    "instrument": {"cronbach_alpha": {"listening": 0.81, "teamwork": None}, "rater_icc1": 0.3},
    "threshold": 3,
}


@pytest.fixture
def made(aws: Any) -> tuple[RoundStores, ReportStore, str]:
    directory = DynamoEmployeeDirectory()
    directory.put_many(ORG, [person("boss", None), person("e1", "boss")])
    stores = RoundStores()
    body = {"name": "Spring 360", "kind": "180", "deadline": "2030-03-31", "subjects": ["e1"]}
    cycle = create.create_cycle(ORG, {**body, "competencies": ["listening", "teamwork"]}, directory, stores.cycles)
    reports = ReportStore(boto3.client("s3", region_name="us-east-1"), aws.buckets["ReportsBucket"])
    return stores, reports, cycle.id


def test_the_analytics_come_with_the_cycle_and_the_competencies_names_in_the_readers_language(made) -> None:
    stores, reports, cycle_id = made
    reports.put_document(analytics_key(ORG, cycle_id, "analytics"), DOCUMENT)

    before = REQUESTS.snapshot()
    danish = read_analytics(ORG, cycle_id, cycles=stores.cycles, reports=reports, locale="da")
    assert {op: n for (service, op), n in REQUESTS.since(before).items() if service == "dynamodb"} == {"GetItem": 1}

    english = read_analytics(ORG, cycle_id, cycles=stores.cycles, reports=reports)
    assert english["heat_map"] == DOCUMENT["heat_map"] and english["threshold"] == 3
    assert english["cycle"]["name"] == "Spring 360" and english["cycle"]["state"] == "draft"
    assert english["competencies"] == {"listening": "Listening", "teamwork": "Teamwork"}
    assert danish["locale"] == "da" and danish["competencies"]["listening"] != "Listening"


def test_no_analytics_before_the_reports_are_built_and_no_cycle_of_another_organisation(made) -> None:
    stores, reports, cycle_id = made
    with pytest.raises(NotFound, match="once its reports are built"):
        read_analytics(ORG, cycle_id, cycles=stores.cycles, reports=reports)
    with pytest.raises(NotFound):
        read_analytics("other", cycle_id, cycles=stores.cycles, reports=reports)
