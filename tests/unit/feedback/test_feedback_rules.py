"""The rater's side without storage: answers, the plain form's fields, link tokens and the one answer to a bad link."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from janus.feedback.answers import resolve
from janus.feedback.next_form import after_answer
from janus.feedback.parsing import COMMENT_LIMIT, OVERALL_LIMIT, form_fields, parse_answers
from janus.kernel.errors import InvalidInput, NotFound, Unprocessable
from janus.rounds.cycle import Cycle, CycleConfig
from janus.rounds.entities import Assignment
from janus.rounds.links import Locator, Signer, new_nonce

SIGNER = Signer(b"k" * 32)

ASSIGNMENT = Assignment(
    org="acme",
    cycle_id="c1",
    subject_id="s",
    rater_id="r",
    relationship="peer",
    status="pending",
    competencies=("listening", "teamwork"),
    ratings={},
    comments={},
    overall=None,
    submitted_at=None,
    link_nonce="n0nce-A1",
)


def problems_of(body: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(Unprocessable) as caught:
        parse_answers(body, ASSIGNMENT)
    assert caught.value.status == 422
    return [(p.field, p.message) for p in caught.value.problems]


# ---------------------------------------------------------------------------- parse_answers


def test_valid_answers_are_returned_trimmed() -> None:
    ratings, comments, overall = parse_answers(
        {
            "ratings": {"listening.q1": 4, "listening.q2": "na", "teamwork.q6": 1, "teamwork.q5": 5},
            "comments": {"listening": "  Listens well.  ", "teamwork": "Shares the load."},
            "overall": "  Thanks for a good year.  ",
        },
        ASSIGNMENT,
    )

    assert ratings == {"listening.q1": 4, "listening.q2": "na", "teamwork.q6": 1, "teamwork.q5": 5}
    assert comments == {"listening": "Listens well.", "teamwork": "Shares the load."}
    assert overall == "Thanks for a good year."


def test_an_empty_body_is_an_empty_draft() -> None:
    assert parse_answers({}, ASSIGNMENT) == ({}, {}, None)


def test_unanswered_questions_and_empty_comments_are_dropped() -> None:
    ratings, comments, overall = parse_answers(
        {
            "ratings": {"listening.q1": None, "listening.q2": "", "listening.q3": 3},
            "comments": {"listening": "", "teamwork": "   \n "},
            "overall": "   ",
        },
        ASSIGNMENT,
    )

    assert ratings == {"listening.q3": 3}
    assert comments == {}
    assert overall is None


def test_an_unknown_question_is_named() -> None:
    assert problems_of({"ratings": {"integrity.q1": 3, "listening.q7": 3}}) == [
        ("rating.integrity.q1", "is not a question of this form"),
        ("rating.listening.q7", "is not a question of this form"),
    ]


@pytest.mark.parametrize("value", [0, 6, -1, True, False, "4", 4.0, "NA", [4]])
def test_a_value_that_is_not_a_rating_is_named(value: Any) -> None:
    assert problems_of({"ratings": {"listening.q1": value}}) == [
        ("rating.listening.q1", "must be a rating from 1 to 5 or 'na' (not able to rate)")
    ]


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5, "na"])
def test_every_point_of_the_scale_and_na_are_ratings(value: Any) -> None:
    assert parse_answers({"ratings": {"listening.q1": value}}, ASSIGNMENT)[0] == {"listening.q1": value}


def test_a_comment_for_a_competency_not_on_the_form_is_named() -> None:
    assert problems_of({"comments": {"integrity": "Honest."}}) == [
        ("comment.integrity", "is not a competency of this form")
    ]


def test_a_comment_over_the_limit_is_named_with_its_length() -> None:
    assert problems_of({"comments": {"teamwork": "x" * (COMMENT_LIMIT + 1)}}) == [
        ("comment.teamwork", f"is {COMMENT_LIMIT + 1} characters; at most {COMMENT_LIMIT}")
    ]


def test_a_comment_at_the_limit_is_accepted() -> None:
    assert parse_answers({"comments": {"teamwork": "x" * COMMENT_LIMIT}}, ASSIGNMENT)[1] == {
        "teamwork": "x" * COMMENT_LIMIT
    }


def test_a_comment_that_is_not_text_is_named() -> None:
    assert problems_of({"comments": {"teamwork": 5}}) == [("comment.teamwork", "must be text")]


def test_an_overall_comment_over_the_limit_is_named() -> None:
    assert problems_of({"overall": "y" * (OVERALL_LIMIT + 1)}) == [
        ("overall", f"is {OVERALL_LIMIT + 1} characters; at most {OVERALL_LIMIT}")
    ]


def test_an_overall_comment_at_the_limit_is_accepted() -> None:
    assert parse_answers({"overall": "y" * OVERALL_LIMIT}, ASSIGNMENT)[2] == "y" * OVERALL_LIMIT


def test_every_answer_problem_is_reported_at_once() -> None:
    with pytest.raises(Unprocessable) as caught:
        parse_answers(
            {
                "ratings": {"listening.q1": 4, "integrity.q1": 3, "listening.q2": 9, "listening.q3": True},
                "comments": {"listening": "fine", "integrity": "x", "teamwork": "z" * (COMMENT_LIMIT + 1)},
                "overall": "o" * (OVERALL_LIMIT + 1),
            },
            ASSIGNMENT,
        )

    assert [p.field for p in caught.value.problems] == [
        "rating.integrity.q1",
        "rating.listening.q2",
        "rating.listening.q3",
        "comment.integrity",
        "comment.teamwork",
        "overall",
    ]
    assert caught.value.message == "6 problem(s) in the answers; nothing was saved"


@pytest.mark.parametrize(
    ("body", "field"),
    [({"ratings": [4, 5]}, "ratings"), ({"comments": ["fine"]}, "comments"), ({"overall": 7}, "overall")],
)
def test_answers_of_the_wrong_shape_are_named(body: dict[str, Any], field: str) -> None:
    assert [f for f, _ in problems_of(body)] == [field]


@pytest.mark.parametrize("body", [None, [], "4"])
def test_a_body_that_is_not_an_object_is_refused(body: Any) -> None:
    with pytest.raises(InvalidInput):
        parse_answers(body, ASSIGNMENT)


# ---------------------------------------------------------------------------- form_fields


def test_form_fields_become_an_answers_body() -> None:
    body = form_fields(
        {
            "rating.listening.q1": ["4"],
            "rating.listening.q2": ["na"],
            "comment.listening": ["Good"],
            "overall": ["Thanks"],
        }
    )

    assert body == {
        "ratings": {"listening.q1": 4, "listening.q2": "na"},
        "comments": {"listening": "Good"},
        "overall": "Thanks",
    }
    ratings, comments, overall = parse_answers(body, ASSIGNMENT)
    assert (ratings, comments, overall) == ({"listening.q1": 4, "listening.q2": "na"}, {"listening": "Good"}, "Thanks")


def test_form_fields_keep_the_last_value_and_ignore_other_fields() -> None:
    body = form_fields({"rating.listening.q1": ["2", "5"], "csrf": ["abc"], "comment.teamwork": []})

    assert body == {"ratings": {"listening.q1": 5}, "comments": {"teamwork": ""}, "overall": ""}


def test_a_blank_radio_is_an_unanswered_question() -> None:
    body = form_fields({"rating.listening.q1": [""], "rating.listening.q2": ["3"]})
    assert parse_answers(body, ASSIGNMENT)[0] == {"listening.q2": 3}


def test_a_tampered_rating_in_the_form_is_a_named_problem() -> None:
    body = form_fields({"rating.listening.q1": ["9"], "rating.listening.q2": ["four"]})
    assert [f for f, _ in problems_of(body)] == ["rating.listening.q1", "rating.listening.q2"]


def test_a_superscript_digit_in_the_form_is_a_named_problem() -> None:
    body = form_fields({"rating.listening.q1": ["²"]})
    assert [f for f, _ in problems_of(body)] == ["rating.listening.q1"]


# ---------------------------------------------------------------------------- tokens


def locator(a: Assignment = ASSIGNMENT, **changed: str) -> Locator:
    return replace(Locator(a.org, a.cycle_id, a.subject_id, a.rater_id, a.link_nonce), **changed)


def test_a_token_names_its_assignment_and_only_its_own_key_reads_it() -> None:
    token = SIGNER.token(locator())

    assert SIGNER.locate(token) == locator()
    assert Signer(b"another key, just as long, 32 b!").locate(token) is None


def test_a_token_is_url_safe_and_carries_a_192_bit_signature() -> None:
    token = SIGNER.token(locator())

    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    signature = base64.urlsafe_b64decode(token[-32:])
    assert len(signature) * 8 == 192


def test_changing_any_character_of_a_token_voids_it() -> None:
    token = SIGNER.token(locator())
    for at in range(len(token)):
        changed = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
        assert SIGNER.locate(changed) != locator(), at


def test_a_token_cannot_be_moved_to_another_assignment() -> None:
    """The locator is readable, so the test edits it and keeps the signature: the key alone signs."""
    token = SIGNER.token(locator())
    other = SIGNER.token(locator(subject_id="someone-else"))
    spliced = other[:-32] + token[-32:]

    assert SIGNER.locate(spliced) is None


def test_ids_with_any_characters_travel_whole() -> None:
    odd = locator(org="ac/me ø", subject_id="E-00 1?&=", rater_id="r#x")

    assert SIGNER.locate(SIGNER.token(odd)) == odd


def test_nonces_are_random_and_unique() -> None:
    nonces = {new_nonce() for _ in range(1000)}

    assert len(nonces) == 1000
    assert all(len(base64.urlsafe_b64decode(n + "=" * (-len(n) % 4))) * 8 >= 64 for n in nonces)


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Signer(b"short")


# ---------------------------------------------------------------------------- resolve


class FakeStore:
    """Just the one read resolve() makes: what the link shows."""

    def __init__(self) -> None:
        self.assignments: dict[tuple[str, str, str, str], Assignment] = {}
        self.cycles: dict[tuple[str, str], Cycle] = {}
        self.reads = 0

    def get_assignment(self, org: str, cycle_id: str, subject_id: str, rater_id: str) -> Assignment | None:
        return self.assignments.get((org, cycle_id, subject_id, rater_id))

    def get(self, org: str, cycle_id: str) -> Cycle | None:
        return self.cycles.get((org, cycle_id))

    def link(self, org: str, cycle_id: str, subject_id: str, rater_id: str) -> tuple[Any, Any, dict[str, Any]]:
        self.reads += 1
        return self.get_assignment(org, cycle_id, subject_id, rater_id), self.get(org, cycle_id), {}


CYCLE = Cycle(
    org="acme",
    id="c1",
    name="Autumn 360",
    kind="360",
    state="open",
    deadline=datetime(2030, 12, 15, 16, tzinfo=UTC),
    config=CycleConfig(competencies=("listening", "teamwork")),
    created_at=datetime(2030, 1, 1, tzinfo=UTC),
)


def linked_store() -> tuple[FakeStore, str]:
    store = FakeStore()
    a = ASSIGNMENT
    store.assignments[(a.org, a.cycle_id, a.subject_id, a.rater_id)] = a
    store.cycles[(CYCLE.org, CYCLE.id)] = CYCLE
    return store, SIGNER.token(locator())


def test_a_good_token_resolves_to_its_cycle_and_assignment() -> None:
    store, token = linked_store()

    link = resolve(token, store, SIGNER)  # type: ignore[arg-type]

    assert link.cycle == CYCLE
    assert link.assignment == ASSIGNMENT


def _malformed(store: FakeStore, token: str) -> Any:
    return "abc"


def _too_long(store: FakeStore, token: str) -> Any:
    return "a" * 2000


def _bad_characters(store: FakeStore, token: str) -> Any:
    return token[:-2] + "/="


def _not_text(store: FakeStore, token: str) -> Any:
    return None


def _unknown(store: FakeStore, token: str) -> Any:
    return SIGNER.token(locator(rater_id="nobody"))


def _forged(store: FakeStore, token: str) -> Any:
    return Signer(b"a key that is not Janus's key!!!").token(locator())


def _old_nonce(store: FakeStore, token: str) -> Any:
    """The rater was removed and asked again: the assignment was made anew, with a new nonce."""
    key = ("acme", "c1", "s", "r")
    store.assignments[key] = replace(store.assignments[key], link_nonce=new_nonce())
    return token


def _revoked(store: FakeStore, token: str) -> Any:
    key = ("acme", "c1", "s", "r")
    store.assignments[key] = replace(store.assignments[key], status="removed")
    return token


def _assignment_gone(store: FakeStore, token: str) -> Any:
    store.assignments.clear()
    return token


def _cancelled(store: FakeStore, token: str) -> Any:
    store.cycles[("acme", "c1")] = replace(CYCLE, state="cancelled")
    return token


def _cycle_gone(store: FakeStore, token: str) -> Any:
    store.cycles.clear()
    return token


def _signature_cut(store: FakeStore, token: str) -> Any:
    return token[:-1]


BAD_LINKS = [
    _malformed,
    _too_long,
    _bad_characters,
    _not_text,
    _unknown,
    _forged,
    _old_nonce,
    _revoked,
    _assignment_gone,
    _cancelled,
    _cycle_gone,
    _signature_cut,
]


@pytest.mark.parametrize("spoil", BAD_LINKS, ids=lambda f: f.__name__.strip("_"))
def test_every_bad_link_gets_the_same_not_found(spoil: Any) -> None:
    store, token = linked_store()
    bad = spoil(store, token)

    with pytest.raises(NotFound) as caught:
        resolve(bad, store, SIGNER)  # type: ignore[arg-type]

    assert caught.value.status == 404
    assert caught.value.message == "This link is not valid. It may have expired, or the round may have ended."
    assert str(caught.value) == caught.value.message
    assert caught.value.problems == []


def test_the_bad_link_answers_are_indistinguishable() -> None:
    answers = set()
    for spoil in BAD_LINKS:
        store, token = linked_store()
        with pytest.raises(NotFound) as caught:
            resolve(spoil(store, token), store, SIGNER)  # type: ignore[arg-type]
        answers.add((type(caught.value), caught.value.status, caught.value.code, caught.value.message))

    assert len(answers) == 1


def test_a_malformed_or_forged_token_is_refused_before_the_store_is_asked() -> None:
    store, token = linked_store()

    with pytest.raises(NotFound):
        resolve("not a token!", store, SIGNER)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        resolve(token[:-1] + ("A" if token[-1] != "A" else "B"), store, SIGNER)  # type: ignore[arg-type]

    assert store.reads == 0


class AnsweringStore(FakeStore):
    """Also what the page after an answer reads: the cycle with the rater, and the rater's open assignments."""

    def __init__(self, open_ones: list[Assignment], cycle: Cycle = CYCLE) -> None:
        super().__init__()
        self.open_ones = open_ones
        self.cycle = cycle
        self.queries = 0

    def rater_in_cycle(self, org: str, cycle_id: str, rater_id: str) -> tuple[Cycle, None]:
        self.reads += 1
        return self.cycle, None

    def open_assignments_of(self, org: str, cycle_id: str, rater_id: str, shards: int) -> list[Assignment]:
        self.queries += 1
        return self.open_ones


def test_after_an_answer_the_next_form_is_the_self_assessment_first_then_by_name() -> None:
    peer = replace(ASSIGNMENT, subject_id="p", subject_name="Zoe", link_nonce="n-p")
    own = replace(ASSIGNMENT, subject_id="r", relationship="self", subject_name="Rita", link_nonce="n-r")
    other = replace(ASSIGNMENT, subject_id="o", subject_name="Anna", status="in_progress", link_nonce="n-o")
    store = AnsweringStore([ASSIGNMENT, peer, own, other])  # the one just answered may still be in the index
    after = after_answer(SIGNER.token(locator()), store, SIGNER)
    assert after.next_form is not None
    assert SIGNER.locate(after.next_form.token) == locator(own, nonce="n-r")
    assert (after.next_form.relationship, after.next_form.remaining) == ("self", 3)
    assert (store.reads, store.queries) == (1, 1)

    store = AnsweringStore([peer, other])
    assert after_answer(SIGNER.token(locator()), store, SIGNER).next_form.subject_name == "Anna"


def test_after_the_last_answer_or_the_close_there_is_no_next_form() -> None:
    peer = replace(ASSIGNMENT, subject_id="p", subject_name="Zoe")
    assert after_answer(SIGNER.token(locator()), AnsweringStore([]), SIGNER).next_form is None
    closed = AnsweringStore([peer], replace(CYCLE, state="closed"))
    assert after_answer(SIGNER.token(locator()), closed, SIGNER).next_form is None
    assert closed.queries == 0
