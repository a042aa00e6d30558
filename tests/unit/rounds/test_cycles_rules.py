"""The rules of HR's POST /cycles body, the state transitions and which competencies a subject is reviewed on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from janus.kernel.errors import InvalidInput
from janus.library import library
from janus.rounds.cycle import ALL_EMPLOYEES, TRANSITIONS, CycleConfig, competencies_for, fanout_shards
from janus.rounds.new_cycle import parse_new_cycle

DEADLINE = "2030-12-15T17:00:00+01:00"
ELEVEN = [
    "listening",
    "teamwork",
    "integrity",
    "accountability",
    "adaptability",
    "initiative",
    "resilience",
    "communication",
    "innovation",
    "delegating",
    "no_such_competency",
]


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "Autumn 360", "kind": "360", "deadline": DEADLINE, "subjects": ["e1", "e2"]}
    data.update(overrides)
    return data


def problems_of(data: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(InvalidInput) as caught:
        parse_new_cycle(data)
    return [(p.field, p.message) for p in caught.value.problems]


def fields_of(data: Any) -> list[str | None]:
    return [field for field, _ in problems_of(data)]


# ---------------------------------------------------------------------------- a valid body and its defaults


def test_minimal_body_gives_a_cycle_with_the_documented_defaults() -> None:
    cycle = parse_new_cycle(body(name="  Autumn 360  "))

    assert cycle.name == "Autumn 360"
    assert cycle.kind == "360"
    assert cycle.subjects == ("e1", "e2")
    config = cycle.config
    assert config.competencies is None
    assert config.anonymity_threshold == 3
    assert config.manager_identified is True
    assert config.workload_cap == 8
    assert config.reminder_days == (7, 3, 1)
    assert config.reminder_max == 3
    assert config.bounds == {
        "self": (1, 1),
        "manager": (1, 1),
        "peer": (2, 5),
        "direct_report": (0, 10),
        "other": (0, 5),
    }


@pytest.mark.parametrize(
    ("kind", "groups"),
    [("self", {"self"}), ("180", {"self", "manager"}), ("360", {"self", "manager", "peer", "direct_report", "other"})],
)
def test_each_kind_has_bounds_only_for_its_own_rater_groups(kind: str, groups: set[str]) -> None:
    assert set(parse_new_cycle(body(kind=kind)).config.bounds) == groups


def test_a_180_cycle_asks_only_self_and_manager() -> None:
    assert parse_new_cycle(body(kind="180")).config.bounds == {"self": (1, 1), "manager": (1, 1)}


def test_explicit_settings_are_kept() -> None:
    cycle = parse_new_cycle(
        body(
            competencies=["listening", "teamwork"],
            anonymity_threshold=5,
            manager_identified=False,
            workload_cap=4,
            raters={"peer": {"min": 3, "max": 6}, "other": {"max": 2}},
            reminders={"days_before": [1, 7, 3, 7], "max": 2},
        )
    )

    config = cycle.config
    assert config.competencies == ("listening", "teamwork")
    assert config.anonymity_threshold == 5
    assert config.manager_identified is False
    assert config.workload_cap == 4
    assert config.bounds["peer"] == (3, 6)
    assert config.bounds["other"] == (0, 2)  # the missing min keeps its default
    assert config.bounds["direct_report"] == (0, 10)
    assert config.reminder_days == (7, 3, 1)  # de-duplicated, latest first
    assert config.reminder_max == 2


def test_the_deadline_is_normalised_to_utc() -> None:
    deadline = parse_new_cycle(body(deadline="2030-06-01T17:00:00+02:00")).deadline

    assert deadline == datetime(2030, 6, 1, 15, 0, tzinfo=UTC)
    assert deadline.utcoffset() == timedelta(0)
    assert deadline.isoformat() == "2030-06-01T15:00:00+00:00"


def test_a_z_suffix_is_accepted_as_utc() -> None:
    assert parse_new_cycle(body(deadline="2030-06-01T17:00:00Z")).deadline == datetime(2030, 6, 1, 17, tzinfo=UTC)


def test_config_survives_a_round_trip_through_its_stored_form() -> None:
    config = parse_new_cycle(body(competencies=["listening"], raters={"peer": {"min": 3, "max": 6}})).config

    stored = config.as_dict()
    assert stored["raters"]["peer"] == {"min": 3, "max": 6}
    assert stored["reminders"] == {"days_before": [7, 3, 1], "max": 3}
    assert CycleConfig.from_dict(stored) == config


# ---------------------------------------------------------------------------- problems


def test_every_problem_is_reported_at_once_with_its_field() -> None:
    bad = {
        "kind": "720",
        "deadline": "2030-12-15T17:00:00",
        "subjects": ["e1", "e2", "e1"],
        "competencies": ELEVEN,
        "raters": {"peer": {"min": 4, "max": 2}, "boss": {"min": 1, "max": 1}},
        "colour": "blue",
    }

    with pytest.raises(InvalidInput) as caught:
        parse_new_cycle(bad)

    problems = caught.value.problems
    fields = sorted(str(p.field) for p in problems)
    assert fields == sorted(
        [
            "colour",
            "name",
            "kind",
            "deadline",
            "subjects",
            "competencies",  # 11 of them
            "competencies",  # one unknown
            "raters.peer",
            "raters.boss",
        ]
    )
    assert caught.value.message == f"{len(problems)} problem(s) in the cycle; nothing was created"
    messages = {(p.field, p.message) for p in problems}
    assert ("colour", "is not a known field") in messages
    assert ("deadline", "needs a UTC offset, such as +01:00 or Z") in messages
    assert ("subjects", "lists an employee more than once") in messages
    assert ("competencies", "choose 1 to 10 competencies, not 11") in messages
    assert ("competencies", "unknown competency 'no_such_competency'") in messages
    assert ("raters.peer", "min is greater than max") in messages
    assert ("raters.boss", "'boss' is not a rater group of a 360 cycle") in messages


def test_a_missing_name_is_reported() -> None:
    data = body()
    del data["name"]
    assert problems_of(data) == [("name", "is required: up to 120 characters")]


@pytest.mark.parametrize("name", ["", "   ", "x" * 121, 42])
def test_a_blank_too_long_or_non_text_name_is_reported(name: Any) -> None:
    assert fields_of(body(name=name)) == ["name"]


def test_a_bad_kind_is_reported() -> None:
    assert problems_of(body(kind="720")) == [("kind", "must be one of self, 180, 360")]


def test_a_deadline_without_offset_is_reported() -> None:
    assert problems_of(body(deadline="2030-12-15T17:00:00")) == [
        ("deadline", "needs a UTC offset, such as +01:00 or Z")
    ]


def test_a_deadline_given_as_a_date_is_the_end_of_that_day_in_the_organisations_time_zone() -> None:
    copenhagen = parse_new_cycle(body(deadline="2030-12-15"), time_zone="Europe/Copenhagen")
    assert copenhagen.deadline == datetime(2030, 12, 15, 23, 59, 59, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert copenhagen.time_zone == "Europe/Copenhagen"
    assert parse_new_cycle(body(deadline="2030-12-15")).deadline == datetime(2030, 12, 15, 23, 59, 59, tzinfo=UTC)


def test_a_deadline_given_as_a_date_already_over_is_in_the_past() -> None:
    assert problems_of(body(deadline="2020-01-01")) == [("deadline", "must be in the future")]


def test_a_past_deadline_is_reported() -> None:
    assert problems_of(body(deadline="2020-01-01T00:00:00Z")) == [("deadline", "must be in the future")]


@pytest.mark.parametrize("deadline", ["next friday", None, 20301215])
def test_an_unreadable_or_missing_deadline_is_reported(deadline: Any) -> None:
    assert fields_of(body(deadline=deadline)) == ["deadline"]


def test_duplicate_subjects_are_reported() -> None:
    assert problems_of(body(subjects=["e1", "e2", "e1"])) == [("subjects", "lists an employee more than once")]


@pytest.mark.parametrize("subjects", [[], None, "e1", ["e1", ""], ["e1", 7]])
def test_subjects_must_be_a_non_empty_list_of_ids(subjects: Any) -> None:
    assert fields_of(body(subjects=subjects)) == ["subjects"]


def test_an_unknown_competency_is_reported() -> None:
    assert problems_of(body(competencies=["listening", "telepathy"])) == [
        ("competencies", "unknown competency 'telepathy'")
    ]


def test_more_than_ten_competencies_are_reported() -> None:
    eleven = [c for c in ELEVEN if c != "no_such_competency"] + ["giving_feedback"]
    assert problems_of(body(competencies=eleven)) == [("competencies", "choose 1 to 10 competencies, not 11")]


def test_ten_competencies_are_allowed() -> None:
    ten = [c for c in ELEVEN if c != "no_such_competency"]
    assert parse_new_cycle(body(competencies=ten)).config.competencies == tuple(ten)


def test_min_greater_than_max_in_raters_is_reported() -> None:
    assert problems_of(body(raters={"peer": {"min": 4, "max": 3}})) == [("raters.peer", "min is greater than max")]


def test_a_max_below_the_default_min_is_reported() -> None:
    assert fields_of(body(raters={"peer": {"max": 1}})) == ["raters.peer"]  # default peer min is 2


def test_a_rater_group_the_kind_does_not_ask_is_reported() -> None:
    assert problems_of(body(kind="180", raters={"peer": {"min": 2, "max": 4}})) == [
        ("raters.peer", "'peer' is not a rater group of a 180 cycle")
    ]


def test_the_self_group_cannot_be_configured() -> None:
    assert fields_of(body(raters={"self": {"min": 2, "max": 2}})) == ["raters.self"]


@pytest.mark.parametrize(
    ("limits", "field"),
    [({"min": -1, "max": 3}, "raters.peer.min"), ({"min": 1, "max": 51}, "raters.peer.max"), ("3-5", "raters.peer")],
)
def test_rater_limits_must_be_small_whole_numbers(limits: Any, field: str) -> None:
    assert fields_of(body(raters={"peer": limits})) == [field]


def test_an_unknown_field_is_reported_by_name() -> None:
    assert problems_of(body(deadlines="2030-12-15T17:00:00Z")) == [("deadlines", "is not a known field")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("anonymity_threshold", 1),
        ("anonymity_threshold", 11),
        ("anonymity_threshold", True),
        ("workload_cap", 0),
        ("workload_cap", "8"),
        ("manager_identified", "yes"),
    ],
)
def test_out_of_range_settings_are_reported(field: str, value: Any) -> None:
    assert fields_of(body(**{field: value})) == [field]


@pytest.mark.parametrize("data", [None, [], "cycle"])
def test_a_body_that_is_not_an_object_is_refused(data: Any) -> None:
    with pytest.raises(InvalidInput):
        parse_new_cycle(data)


# ---------------------------------------------------------------------------- transitions and competencies


@pytest.mark.parametrize(
    ("event", "state", "allowed"),
    [
        ("launch", "draft", True),
        ("launch", "nominating", True),
        ("launch", "open", False),
        ("close", "open", True),
        ("close", "draft", False),
        ("cancel", "open", True),
        ("cancel", "closed", False),
        ("cancel", "released", False),
        ("extend", "closed", False),
        ("release", "reported", True),
        ("release", "closed", False),
    ],
)
def test_transitions_allow_only_the_documented_starting_states(event: str, state: str, allowed: bool) -> None:
    starts, _ = TRANSITIONS[event]
    assert (state in starts) is allowed


def test_transitions_lead_to_the_documented_states() -> None:
    assert {event: target for event, (_, target) in TRANSITIONS.items()} == {
        "nominate": "nominating",
        "launch": "open",
        "extend": "open",
        "close": "closed",
        "cancel": "cancelled",
        "release": "released",
        "remind": "open",
    }


def test_competencies_for_uses_the_cycles_own_list() -> None:
    config = CycleConfig(competencies=("listening", "teamwork"))
    assert competencies_for(config, "technical") == ("listening", "teamwork")


def test_competencies_for_falls_back_to_the_job_class_profile() -> None:
    config = CycleConfig(competencies=None)

    technical = competencies_for(config, "technical")
    assert technical == library().job_class("technical").profile
    assert technical[0] == "applying_expertise"
    assert competencies_for(config, "management") != technical


def test_leaving_out_the_subjects_means_every_active_employee() -> None:
    data = body()
    del data["subjects"]
    assert parse_new_cycle(data).subjects == ALL_EMPLOYEES


@pytest.mark.parametrize(
    ("subjects", "shards"), [(1, 1), (40, 1), (500, 1), (501, 2), (1_000, 2), (7_999, 16), (10_000, 16), (20_000, 16)]
)
def test_a_cycle_spreads_its_subjects_over_a_shard_per_500_and_at_most_16(subjects: int, shards: int) -> None:
    assert fanout_shards(subjects) == shards
