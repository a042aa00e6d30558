"""Who rates whom: raters derived from the hierarchy, shortfalls, and HR's edits."""

from __future__ import annotations

from typing import Any

import pytest

from janus.kernel.errors import InvalidInput
from janus.people.employees import Employee
from janus.rounds.cycle import CycleConfig
from janus.rounds.nominations import Nominee, derive, derive_all, parse_edit, reserved_loads, shortfalls

BOUNDS = {"self": (1, 1), "manager": (1, 1), "peer": (2, 5), "direct_report": (0, 10), "other": (0, 5)}


def person(employee_id: str, manager_id: str | None = "boss", *, active: bool = True) -> Employee:
    return Employee(
        id=employee_id,
        name=f"Person {employee_id}",
        email=f"{employee_id}@acme.example.com",
        manager_id=manager_id,
        department="Engineering",
        job_class="technical",
        locale="en",
        active=active,
    )


def config(workload_cap: int = 8, **bounds: tuple[int, int]) -> CycleConfig:
    return CycleConfig(competencies=None, workload_cap=workload_cap, bounds={**BOUNDS, **bounds})


def run(
    subject: Employee,
    *,
    kind: str = "360",
    cfg: CycleConfig | None = None,
    reports: list[Employee] | None = None,
    peers: list[Employee] | None = None,
    loads: dict[str, int] | None = None,
    cycle_id: str = "c1",
) -> list[Nominee]:
    return derive(
        cycle_id=cycle_id,
        kind=kind,
        config=cfg or config(),
        subject=subject,
        reports=reports or [],
        peers=peers or [],
        loads={} if loads is None else loads,
    )


def ids(nominees: list[Nominee], relationship: str) -> list[str]:
    return [n.id for n in nominees if n.relationship == relationship]


SUBJECT = person("s")
TEAM = [SUBJECT, person("a"), person("b"), person("c")]
REPORTS = [person("r2", "s"), person("r1", "s")]


# ---------------------------------------------------------------------------- derive: structure per kind


def test_a_self_cycle_asks_only_the_subject() -> None:
    loads: dict[str, int] = {}
    raters = run(SUBJECT, kind="self", reports=REPORTS, peers=TEAM, loads=loads)

    assert raters == [Nominee("s", "self")]
    assert loads == {"s": 1}


def test_a_180_cycle_asks_self_then_manager_and_nobody_else() -> None:
    raters = run(SUBJECT, kind="180", reports=REPORTS, peers=TEAM)

    assert [(n.id, n.relationship) for n in raters] == [("s", "self"), ("boss", "manager")]


def test_a_360_cycle_asks_self_first_then_manager_reports_and_peers() -> None:
    raters = run(SUBJECT, reports=REPORTS, peers=TEAM)

    assert raters[0] == Nominee("s", "self")
    assert raters[1] == Nominee("boss", "manager")
    assert ids(raters, "direct_report") == ["r1", "r2"]
    assert sorted(ids(raters, "peer")) == ["a", "b", "c"]
    assert [n.relationship for n in raters] == ["self", "manager", "direct_report", "direct_report", *["peer"] * 3]
    assert all(n.source == "derived" for n in raters)


@pytest.mark.parametrize("kind", ["180", "360"])
def test_no_manager_is_asked_for_a_subject_without_one(kind: str) -> None:
    top = person("ceo", None)
    raters = run(top, kind=kind, reports=[person("r1", "ceo")])

    assert raters[0] == Nominee("ceo", "self")
    assert ids(raters, "manager") == []


def test_inactive_direct_reports_are_not_asked() -> None:
    reports = [person("r1", "s"), person("r2", "s", active=False), person("r3", "s")]
    assert ids(run(SUBJECT, reports=reports), "direct_report") == ["r1", "r3"]


def test_direct_reports_are_capped_at_the_group_max() -> None:
    reports = [person(f"r{i}", "s") for i in range(5, 0, -1)]
    raters = run(SUBJECT, cfg=config(direct_report=(0, 2)), reports=reports)
    assert ids(raters, "direct_report") == ["r1", "r2"]


# ---------------------------------------------------------------------------- derive: peers


def test_peers_exclude_the_subject_and_inactive_colleagues() -> None:
    team = [SUBJECT, person("a"), person("gone", active=False), person("b")]
    raters = run(SUBJECT, peers=team)

    assert sorted(ids(raters, "peer")) == ["a", "b"]
    assert ids(raters, "self") == ["s"]


def test_peers_respect_the_peer_max() -> None:
    team = [SUBJECT, *(person(f"p{i}") for i in range(8))]
    assert len(ids(run(SUBJECT, cfg=config(peer=(1, 3)), peers=team), "peer")) == 3


def test_the_least_loaded_colleagues_are_chosen_first() -> None:
    team = [SUBJECT, person("a"), person("b"), person("c"), person("d"), person("e")]
    loads = {"a": 5, "b": 0, "c": 3, "d": 1, "e": 4}

    raters = run(SUBJECT, cfg=config(peer=(2, 2)), peers=team, loads=loads)

    assert sorted(ids(raters, "peer")) == ["b", "d"]


def test_a_colleague_at_the_workload_cap_is_skipped() -> None:
    team = [SUBJECT, person("a"), person("b"), person("c")]
    loads = {"a": 3, "b": 0, "c": 2}

    raters = run(SUBJECT, cfg=config(workload_cap=3, peer=(2, 5)), peers=team, loads=loads)

    assert sorted(ids(raters, "peer")) == ["b", "c"]
    assert loads["a"] == 3
    assert loads["c"] == 3


def test_nobody_is_asked_as_a_peer_when_everyone_is_at_the_cap() -> None:
    team = [SUBJECT, person("a"), person("b")]
    loads = {"a": 8, "b": 9}

    raters = run(SUBJECT, peers=team, loads=loads)

    assert ids(raters, "peer") == []
    assert loads["a"] == 8
    assert loads["b"] == 9


def test_loads_are_updated_for_every_chosen_rater_and_nobody_else() -> None:
    team = [SUBJECT, person("a"), person("b"), person("c")]
    loads = {"boss": 2, "a": 1, "b": 0, "c": 4, "outsider": 6}

    raters = run(SUBJECT, cfg=config(peer=(2, 2)), reports=REPORTS, peers=team, loads=loads)

    chosen = {n.id for n in raters}
    assert chosen == {"s", "boss", "r1", "r2", "a", "b"}
    assert loads == {"s": 1, "boss": 3, "r1": 1, "r2": 1, "a": 2, "b": 1, "c": 4, "outsider": 6}


def test_the_load_spreads_evenly_over_a_shared_team() -> None:
    team = [person(f"p{i}") for i in range(6)]
    subjects = [person(f"s{i}") for i in range(6)]
    loads: dict[str, int] = {}
    cfg = config(peer=(2, 3))

    chosen = [ids(run(s, cfg=cfg, peers=team, loads=loads), "peer") for s in subjects]

    assert all(len(peers) == 3 for peers in chosen)
    peer_loads = [loads.get(p.id, 0) for p in team]
    assert max(peer_loads) <= cfg.workload_cap
    assert max(peer_loads) - min(peer_loads) <= 1
    assert sum(peer_loads) == 18


def test_a_tight_cap_is_never_exceeded_across_many_subjects() -> None:
    team = [person(f"p{i}") for i in range(6)]
    subjects = [person(f"s{i}") for i in range(6)]
    loads: dict[str, int] = {}

    chosen = [ids(run(s, cfg=config(workload_cap=2, peer=(2, 3)), peers=team, loads=loads), "peer") for s in subjects]

    assert [loads[p.id] for p in team] == [2] * 6  # everyone used, nobody above the cap
    assert sum(len(peers) for peers in chosen) == 12  # the remaining 6 requests go unfilled


def test_teammates_who_are_also_subjects_stay_within_the_cap() -> None:
    team = [person(f"p{i}") for i in range(6)]
    cfg = config(workload_cap=4, peer=(2, 3))
    loads = reserved_loads("360", team)  # everyone's self form counted before any peer is chosen

    for subject in team:
        derive(
            cycle_id="c1", kind="360", config=cfg, subject=subject, reports=[], peers=team, loads=loads, reserved=True
        )

    assert max(loads[p.id] for p in team) <= cfg.workload_cap
    assert loads["boss"] == 6  # the manager's forms were reserved once, not counted again


def _org() -> tuple[list[Employee], dict[str, list[Employee]]]:
    """A head, three managers under her, and six people in each manager's team (one has left)."""
    people = [person("head", None)] + [person(f"m{t}", "head") for t in range(3)]
    people += [person(f"t{t}-{n}", f"m{t}", active=(t, n) != (1, 5)) for t in range(3) for n in range(6)]
    teams: dict[str, list[Employee]] = {}
    for p in people:
        if p.manager_id:
            teams.setdefault(p.manager_id, []).append(p)
    return people, teams


def test_a_whole_cycle_is_derived_in_one_pass_with_every_raters_load_counted() -> None:
    people, teams = _org()
    subjects = [p for p in people if p.active]
    cfg = config(workload_cap=4, peer=(2, 3))

    derived, loads = derive_all(
        cycle_id="c1", kind="360", config=cfg, subjects=subjects, team=lambda m: teams.get(m, [])
    )

    assert [d.subject.id for d in derived] == sorted(p.id for p in subjects)
    asked: dict[str, int] = {}
    for d in derived:
        for rater in d.raters:
            asked[rater.id] = asked.get(rater.id, 0) + 1
    assert loads == asked  # the load written for each rater is the forms they are asked for
    assert "t1-5" not in asked  # a leaver is nobody's rater
    assert max(asked[p.id] for p in subjects if p.id.startswith("t")) <= cfg.workload_cap
    by_subject = {d.subject.id: d for d in derived}
    assert [r.id for r in by_subject["m0"].raters if r.relationship == "direct_report"] == [f"t0-{n}" for n in range(6)]
    assert by_subject["head"].shortfalls == ({"relationship": "peer", "have": 0, "min": 2},)
    again, _ = derive_all(
        cycle_id="c1", kind="360", config=cfg, subjects=subjects[::-1], team=lambda m: teams.get(m, [])
    )
    assert again == derived  # the same organisation and cycle give the same raters, whatever the order


# ---------------------------------------------------------------------------- shortfalls


def test_a_peer_shortfall_lists_have_and_min() -> None:
    raters = [Nominee("s", "self"), Nominee("boss", "manager"), Nominee("a", "peer")]
    assert shortfalls("360", config(peer=(3, 5)), raters, has_manager=True) == [
        {"relationship": "peer", "have": 1, "min": 3}
    ]


def test_no_shortfall_when_every_minimum_is_met() -> None:
    raters = [Nominee("s", "self"), Nominee("boss", "manager"), Nominee("a", "peer"), Nominee("b", "peer")]
    assert shortfalls("360", config(), raters, has_manager=True) == []


def test_the_manager_minimum_is_no_shortfall_without_a_manager() -> None:
    raters = [Nominee("ceo", "self"), Nominee("a", "peer"), Nominee("b", "peer")]
    assert shortfalls("360", config(), raters, has_manager=False) == []
    assert shortfalls("180", config(), raters, has_manager=False) == []


def test_a_missing_manager_is_a_shortfall_for_someone_who_has_one() -> None:
    raters = [Nominee("s", "self")]
    assert shortfalls("180", config(), raters, has_manager=True) == [{"relationship": "manager", "have": 0, "min": 1}]


def test_shortfalls_only_cover_the_kinds_groups() -> None:
    assert shortfalls("self", config(), [Nominee("s", "self")], has_manager=True) == []


# ---------------------------------------------------------------------------- parse_edit

KNOWN = {e.id: e for e in [SUBJECT, person("boss", None), person("a"), person("b"), person("c"), person("r1", "s")]}
KNOWN["gone"] = person("gone", active=False)


def edit(raters: Any, *, kind: str = "360", cfg: CycleConfig | None = None) -> list[Nominee]:
    return parse_edit({"raters": raters}, kind=kind, config=cfg or config(), subject=SUBJECT, known=KNOWN)


def edit_problems(raters: Any, **kwargs: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(InvalidInput) as caught:
        edit(raters, **kwargs)
    return [(p.field, p.message) for p in caught.value.problems]


def test_a_valid_replacement_list_is_accepted_as_hrs() -> None:
    result = edit(
        [
            {"id": "s", "relationship": "self"},
            {"id": "boss", "relationship": "manager"},
            {"id": "a", "relationship": "peer"},
            {"id": "r1", "relationship": "direct_report"},
            {"id": "c", "relationship": "other"},
        ]
    )

    assert result == [
        Nominee("s", "self", "hr"),
        Nominee("boss", "manager", "hr"),
        Nominee("a", "peer", "hr"),
        Nominee("r1", "direct_report", "hr"),
        Nominee("c", "other", "hr"),
    ]


def test_only_the_subject_may_be_self() -> None:
    assert edit_problems([{"id": "a", "relationship": "self"}]) == [
        ("raters[1].relationship", "the subject, and only the subject, is 'self'")
    ]


def test_the_subject_cannot_rate_themself_as_a_peer() -> None:
    assert edit_problems([{"id": "a", "relationship": "peer"}, {"id": "s", "relationship": "peer"}]) == [
        ("raters[2].relationship", "the subject, and only the subject, is 'self'")
    ]


@pytest.mark.parametrize("rater_id", ["ghost", "gone"])
def test_unknown_or_inactive_employees_are_refused(rater_id: str) -> None:
    assert edit_problems([{"id": "s", "relationship": "self"}, {"id": rater_id, "relationship": "peer"}]) == [
        ("raters[2].id", f"'{rater_id}' is not an active employee of the organisation")
    ]


def test_duplicates_are_refused() -> None:
    assert edit_problems([{"id": "a", "relationship": "peer"}, {"id": "a", "relationship": "other"}]) == [
        ("raters[2].id", "'a' is listed more than once")
    ]


def test_a_relationship_the_kind_does_not_ask_is_refused() -> None:
    assert edit_problems([{"id": "s", "relationship": "self"}, {"id": "a", "relationship": "peer"}], kind="180") == [
        ("raters[2].relationship", "relationship must be one of self, manager")
    ]


def test_an_unknown_relationship_is_refused() -> None:
    assert [f for f, _ in edit_problems([{"id": "a", "relationship": "friend"}])] == ["raters[1].relationship"]


def test_more_raters_than_the_group_max_are_refused() -> None:
    peers = [{"id": i, "relationship": "peer"} for i in ("a", "b", "c")]
    assert edit_problems(peers, cfg=config(peer=(1, 2))) == [("raters", "3 raters in 'peer', at most 2")]


def test_a_malformed_row_names_its_position() -> None:
    assert edit_problems([{"id": "a", "relationship": "peer"}, "b", {"relationship": "peer"}]) == [
        ("raters[2]", 'must be {"id", "relationship"}'),
        ("raters[3]", 'must be {"id", "relationship"}'),
    ]


def test_every_edit_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        edit(
            [
                {"id": "a", "relationship": "self"},
                {"id": "ghost", "relationship": "peer"},
                {"id": "b", "relationship": "peer"},
                {"id": "b", "relationship": "peer"},
            ],
            cfg=config(peer=(0, 2)),
        )

    assert [p.field for p in caught.value.problems] == [
        "raters[1].relationship",
        "raters[2].id",
        "raters[4].id",
        "raters",
    ]
    assert caught.value.message == "4 problem(s) in the raters; nothing was changed"


@pytest.mark.parametrize("payload", [None, [], {"raters": "a,b"}, {}])
def test_an_edit_without_a_list_of_raters_is_refused(payload: Any) -> None:
    with pytest.raises(InvalidInput):
        parse_edit(payload, kind="360", config=config(), subject=SUBJECT, known=KNOWN)
