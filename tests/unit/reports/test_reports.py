"""The subject's report: scores by group, gaps, agreement, comments, and anonymity above all."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from janus.library import library
from janus.reports.build import Answer, Policy, build_report

COMPETENCIES = ("listening", "teamwork")
QUESTIONS = [q.id for cid in COMPETENCIES for q in library().competency(cid).questions]
POLICY = Policy(threshold=3, manager_identified=True)


def answer(relationship: str, rating: Any, comment: str | None = None, overall: str | None = None) -> Answer:
    return Answer(relationship, dict.fromkeys(QUESTIONS, rating), {"listening": comment} if comment else {}, overall)


def report(answers: list[Answer], policy: Policy = POLICY) -> dict[str, Any]:
    return build_report(
        cycle={"id": "c-1", "name": "Autumn 360", "kind": "360", "closed_at": None},
        subject={"id": "s", "name": "Sam"},
        competencies=COMPETENCIES,
        answers=answers,
        policy=policy,
        locale="en",
    )


def groups(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["id"]: g for g in result["groups"]}


def visible_text(result: dict[str, Any]) -> str:
    return json.dumps(result)


def test_two_peers_show_neither_scores_nor_comments():
    result = report(
        [
            answer("self", 4),
            answer("manager", 3),
            answer("peer", 1, "PEER-SECRET-1"),
            answer("peer", 2, "PEER-SECRET-2"),
            *[answer("direct_report", 5) for _ in range(3)],
        ]
    )
    assert groups(result)["peer"] == {"id": "peer", "responses": 2, "shown": False, "reason": "below_threshold"}
    listening = result["competencies"][0]
    assert "peer" not in listening["scores"]
    assert "PEER-SECRET" not in visible_text(result)
    # The two peers stay out of "all others": with them in, others minus manager and reports would reveal them.
    assert listening["scores"]["others"] == round((3 + 5 * 3) / 4, 2)
    assert listening["counts"]["others"] == 4


def test_three_peers_are_shown_with_their_comments():
    result = report([answer("self", 4), *[answer("peer", 2, f"peer comment {n}") for n in range(3)]])
    listening = result["competencies"][0]
    assert listening["scores"]["peer"] == 2.0
    assert listening["counts"]["peer"] == 3
    assert sorted(listening["comments"]) == ["peer comment 0", "peer comment 1", "peer comment 2"]


def test_a_peer_who_could_not_rate_anything_does_not_count_towards_the_threshold():
    result = report(
        [
            answer("self", 4),
            answer("peer", 2, "A"),
            answer("peer", 3, "B"),
            answer("peer", "na", "C"),
            *[answer("direct_report", 4) for _ in range(3)],
        ]
    )
    assert "peer" not in result["competencies"][0]["scores"]
    assert groups(result)["peer"]["shown"] is False
    assert not {"A", "B", "C"} & set(result["competencies"][0]["comments"])


def test_small_groups_count_in_all_others_only_when_together_they_reach_the_threshold():
    # Two peers and one "other" are each too few, but three together: they count inside all others.
    answers = [
        answer("self", 4),
        answer("peer", 1),
        answer("peer", 1),
        answer("other", 1),
        *[answer("direct_report", 5) for _ in range(3)],
    ]
    listening = report(answers)["competencies"][0]
    assert "peer" not in listening["scores"] and "other" not in listening["scores"]
    assert listening["scores"]["direct_report"] == 5.0
    assert listening["counts"]["others"] == 6
    assert listening["scores"]["others"] == 3.0  # (1 + 1 + 1 + 5 + 5 + 5) / 6: the three small ones only as a trio


def test_subtraction_cannot_reveal_a_hidden_manager():
    # The manager is not identified: shown groups plus "all others" must not give away their rating.
    policy = Policy(threshold=3, manager_identified=False)
    answers = [answer("self", 4), answer("manager", 1), *[answer("peer", 5) for _ in range(3)]]
    listening = report(answers, policy)["competencies"][0]
    assert "manager" not in listening["scores"]
    assert listening["scores"]["others"] == listening["scores"]["peer"] == 5.0
    assert groups(report(answers, policy))["manager"]["reason"] == "not_identified"


def test_an_identified_manager_is_shown_alone():
    listening = report([answer("self", 4), answer("manager", 2, "From the manager")])["competencies"][0]
    assert listening["scores"]["manager"] == 2.0
    assert "others" not in listening["scores"]  # one person is not "all others"
    assert listening["comments"] == ["From the manager"]


def test_all_others_is_not_just_the_named_managers():
    # Two named managers reach a threshold of two, but "all others" would be their own average again.
    result = report([answer("self", 4), answer("manager", 2), answer("manager", 4)], Policy(2, manager_identified=True))
    listening = result["competencies"][0]
    assert listening["scores"] == {"self": 4.0, "manager": 3.0}
    assert groups(result)["others"]["shown"] is False


def test_self_comments_never_appear_among_the_others_comments():
    result = report([answer("self", 4, "my own note", "my overall"), *[answer("peer", 3, "peer") for _ in range(3)]])
    assert result["competencies"][0]["comments"] == ["peer", "peer", "peer"]
    assert "my overall" not in result["overall_comments"]


def test_blind_spots_and_hidden_strengths_beyond_the_gap():
    ratings_self = dict.fromkeys(QUESTIONS, 3)
    ratings_self.update({q: 5 for q in QUESTIONS[:6]})  # listening: self 5
    ratings_self.update({q: 1 for q in QUESTIONS[6:]})  # teamwork: self 1
    answers = [Answer("self", ratings_self), *[answer("peer", 3) for _ in range(3)]]
    result = report(answers)
    listening, teamwork = result["competencies"]
    assert (listening["gap"], listening["flag"]) == (2.0, "blind_spot")
    assert (teamwork["gap"], teamwork["flag"]) == (-2.0, "hidden_strength")
    assert {"competency": "listening", "behaviour": None, "text": "Listening", "gap": 2.0} in result["blind_spots"]
    assert any(h["competency"] == "teamwork" for h in result["hidden_strengths"])


def test_a_gap_below_the_threshold_is_not_flagged():
    listening = report([answer("self", 4), *[answer("peer", 3.5) for _ in range(3)]])["competencies"][0]
    assert (listening["gap"], listening["flag"]) == (0.5, None)


def test_low_agreement_is_flagged_and_high_agreement_is_not():
    split = report([answer("self", 3), answer("peer", 1), answer("peer", 5), answer("peer", 1), answer("peer", 5)])
    same = report([answer("self", 3), *[answer("peer", 4) for _ in range(4)]])
    assert split["competencies"][0]["agreement"]["low"] is True
    assert same["competencies"][0]["agreement"] == {"rwg": 1.0, "low": False, "raters": 4}


def test_highest_lowest_and_recommendations_for_the_weakest_competencies():
    ratings = {q: (2 if q.startswith("listening") else 5) for q in QUESTIONS}
    result = report([answer("self", 3), *[Answer("peer", ratings) for _ in range(3)]])
    assert all(item["score"] == 5.0 for item in result["highest"])
    assert all(item["competency"] == "Listening" for item in result["lowest"])
    assert result["recommendations"][0]["competency"] == "listening"
    assert len(result["recommendations"][0]["items"]) == 6


def test_the_same_answers_give_the_same_report():
    answers = [answer("self", 4, "x"), *[answer("peer", n, f"c{n}") for n in (2, 3, 4)]]
    assert report(answers) == report(list(reversed(answers)))


def test_nobody_answered():
    result = report([])
    assert all(not g["shown"] for g in result["groups"])
    assert all(c["scores"] == {} for c in result["competencies"])
    assert result["recommendations"] == [] and result["highest"] == []


def rated(relationship: str, ratings: dict[str, Any], comment: str | None = None) -> Answer:
    """An answer to the listening questions given, "not able to rate" on the rest."""
    return Answer(relationship, {q: ratings.get(q, "na") for q in QUESTIONS}, {"listening": comment} if comment else {})


def pooled(item: dict[str, Any], group: str) -> float:
    """The mean of the item's behaviours shown for the group, weighted by how many answered each."""
    shown = [b for b in item["behaviours"] if group in b["scores"]]
    return round(
        sum(b["scores"][group] * b["counts"][group] for b in shown) / sum(b["counts"][group] for b in shown), 2
    )


LISTENING = QUESTIONS[:6]


def test_a_rating_hidden_on_its_behaviour_cannot_be_subtracted_out_of_the_competency():
    # Three peers; the first behaviour is rated by one peer, "not able to rate" by the other two.
    everywhere = dict.fromkeys(LISTENING[1:], 4)
    answers = [
        answer("self", 3),
        rated("peer", {**everywhere, LISTENING[0]: 1}),
        rated("peer", everywhere),
        rated("peer", everywhere),
    ]
    listening = report(answers, Policy(threshold=3, manager_identified=False))["competencies"][0]
    assert "peer" not in listening["behaviours"][0]["scores"]
    # The competency's scores are made only of the behaviours they show: nothing is left over to subtract.
    for group in ("peer", "others"):
        assert listening["scores"][group] == pooled(listening, group) == 4.0


def test_with_the_manager_identified_all_others_cannot_be_subtracted_down_to_a_hidden_cell():
    # Two of the three peers rated the first behaviour: there all others would be the manager alone.
    everywhere = dict.fromkeys(LISTENING, 3)
    answers = [
        answer("self", 3),
        answer("manager", 5),
        *[rated("peer", everywhere) for _ in range(2)],
        rated("peer", {**everywhere, LISTENING[0]: "na"}),
    ]
    listening = report(answers)["competencies"][0]
    first = listening["behaviours"][0]
    assert "others" not in first["scores"] and "peer" not in first["scores"]
    assert listening["scores"]["others"] == pooled(listening, "others") == 3.5


def test_rater_agreement_needs_at_least_three_raters_whatever_the_threshold():
    two = report(
        [answer("self", 3), answer("peer", 1), answer("peer", 5)], Policy(threshold=2, manager_identified=False)
    )
    assert two["competencies"][0]["scores"]["others"] == 3.0
    assert two["competencies"][0]["agreement"] is None
    # Three peers, but one of them could not rate a behaviour: agreement would rest on two.
    answers = [answer("self", 3), answer("peer", 1), answer("peer", 5), rated("peer", dict.fromkeys(LISTENING[1:], 2))]
    assert report(answers)["competencies"][0]["agreement"] is None


def test_rater_agreement_does_not_count_the_named_manager_towards_the_threshold():
    # Three others rated each behaviour, but only two of them all six: agreement would rest on the manager and two.
    ones = dict.fromkeys(LISTENING, 1)
    answers = [
        answer("self", 3),
        rated("manager", ones),
        rated("other", ones),
        rated("other", ones),
        rated("other", dict.fromkeys(LISTENING[:4], 1)),
        rated("other", dict.fromkeys(LISTENING[4:], 1)),
    ]
    listening = report(answers)["competencies"][0]
    assert all(b["counts"]["other"] == 3 for b in listening["behaviours"])
    assert listening["agreement"] is None
    # A third other who rated all six: agreement rests on three people besides the manager.
    agreement = report([*answers, rated("other", ones)])["competencies"][0]["agreement"]
    assert agreement == {"rwg": 1.0, "low": False, "raters": 4}


def anonymity(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["group"]: entry for entry in result["anonymity"]}


def test_the_report_says_which_small_group_was_left_out_of_all_others_and_why():
    answers = [
        answer("self", 3),
        answer("manager", 5),
        *[answer("peer", 4) for _ in range(3)],
        *[answer("direct_report", 1) for _ in range(2)],
    ]
    result = report(answers)
    assert anonymity(result)["direct_report"] == {
        "group": "direct_report",
        "responses": 2,
        "in_others": "none",
        "why": "manager_identified",
    }
    assert result["competencies"][0]["scores"]["others"] == 4.25  # manager and peers only


def test_the_report_says_when_small_groups_are_counted_in_all_others():
    answers = [answer("self", 3), answer("manager", 5), *[answer("direct_report", 1) for _ in range(2)]]
    result = report(answers, Policy(threshold=3, manager_identified=False))
    assert anonymity(result)["direct_report"] == {
        "group": "direct_report",
        "responses": 2,
        "in_others": "all",
        "why": None,
    }
    assert anonymity(result)["manager"]["in_others"] == "all"
    assert result["competencies"][0]["scores"]["others"] == round(7 / 3, 2)


# --- the one-page summary ------------------------------------------------------------------------

# competency: (self, each peer in turn); a tuple of peers splits them, "n/a" means nobody could rate it.
PLAN: dict[str, tuple[Any, Any]] = {
    "listening": (5, 2),  # the largest blind spot, +3
    "teamwork": (1, 4),  # the largest hidden strength, −3
    "communication": (4, (1, 5, 1, 5)),  # raters disagree widely, here and in the next three
    "planning_organising": (3, (1, 5, 1, 5)),
    "delegating": (4, (2, 4, 1, 4)),
    "coaching_others": (3, 5),
    "influencing": (4, "n/a"),  # no score from others: in no list
    "decision_making": (2, (1, 5, 1, 4)),
}
EIGHT = tuple(PLAN)


def summary_report(threshold: int = 3) -> dict[str, Any]:
    lib = library()
    questions = {cid: [q.id for q in lib.competency(cid).questions] for cid in EIGHT}

    def ratings(pick: Any) -> dict[str, Any]:
        return {q: pick(cid) for cid in EIGHT for q in questions[cid]}

    def peer(n: int) -> Callable[[str], Any]:
        return lambda cid: PLAN[cid][1][n] if isinstance(PLAN[cid][1], tuple) else PLAN[cid][1]

    answers = [Answer("self", ratings(lambda cid: PLAN[cid][0]))]
    answers += [Answer("peer", ratings(peer(n))) for n in range(4)]
    answers += [Answer("direct_report", ratings(lambda cid: 1)) for _ in range(2)]  # too few: never shown
    return build_report(
        cycle={"id": "c-1", "name": "Autumn 360", "kind": "360", "closed_at": None},
        subject={"id": "s", "name": "Sam"},
        competencies=EIGHT,
        answers=answers,
        policy=Policy(threshold=threshold, manager_identified=True),
        locale="en",
    )


def test_the_summary_is_sorted_capped_and_made_of_shown_figures():
    result = summary_report()
    page = result["summary"]
    by_id = {c["id"]: c for c in result["competencies"]}
    others = {cid: c["scores"]["others"] for cid, c in by_id.items() if "others" in c["scores"]}

    assert page["respondents"] == [{"group": g["id"], "responses": g["responses"]} for g in result["groups"]]
    strongest = sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    weakest = sorted(others.items(), key=lambda kv: (kv[1], kv[0]))[:3]
    assert [(s["competency"], s["score"]) for s in page["strongest"]] == strongest
    assert [(s["competency"], s["score"]) for s in page["weakest"]] == weakest
    assert page["strongest"][0] == {"competency": "coaching_others", "name": "Coaching others", "score": 5.0}
    listed = [s["competency"] for key in ("strongest", "weakest") for s in page[key]]
    assert "influencing" not in listed and len(set(listed)) == len(listed) == 6

    # Competency level, beyond the gap threshold, the largest only: the gap is the one shown.
    assert page["blind_spot"] == {"competency": "listening", "name": "Listening", "gap": by_id["listening"]["gap"]}
    assert page["hidden_strength"]["competency"] == "teamwork"
    assert page["hidden_strength"]["gap"] == by_id["teamwork"]["gap"] == -3.0

    # The details list every flagged competency and behaviour, largest gap first.
    for kind in ("blind_spots", "hidden_strengths"):
        gaps = [abs(item["gap"]) for item in result[kind]]
        assert gaps == sorted(gaps, reverse=True) and len(gaps) > 1

    # Low agreement only, where rwg is shown, the widest disagreement first, at most three (of four here).
    low = sorted((c["agreement"]["rwg"], cid) for cid, c in by_id.items() if c["agreement"] and c["agreement"]["low"])
    assert len(low) == 4
    assert [(d["rwg"], d["competency"]) for d in page["disagreement"]] == low[:3]

    # The development focus: the competencies whose recommendations the report lists, lowest first.
    assert [f["competency"] for f in page["focus"]] == [r["competency"] for r in result["recommendations"]]
    assert [f["score"] for f in page["focus"]] == [others[r["competency"]] for r in result["recommendations"]]


def test_the_summary_leaves_out_what_the_report_does_not_show():
    # With a threshold of 7 neither the peers nor "all others" (four peers and two direct reports) are shown.
    page = summary_report(threshold=7)["summary"]
    assert page["strongest"] == page["weakest"] == page["disagreement"] == page["focus"] == []
    assert page["blind_spot"] is None and page["hidden_strength"] is None


def test_the_summary_caps_each_list_even_when_many_competencies_qualify():
    page = report([answer("self", 5), answer("peer", 1), answer("peer", 5), answer("peer", 1), answer("peer", 5)])[
        "summary"
    ]
    # Two competencies: one strongest, one weakest, never the same one in both.
    assert len(page["strongest"]) == len(page["weakest"]) == 1
    assert page["strongest"][0]["competency"] != page["weakest"][0]["competency"]
    assert len(page["disagreement"]) <= 3
