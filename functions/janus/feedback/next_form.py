"""After a rater answers one form: their language, and the next form of the round still waiting for them."""

from __future__ import annotations

from dataclasses import dataclass

from janus.feedback.answers import OPEN_STATUSES, locate
from janus.rounds.links import Signer, locator_of
from janus.rounds.store_answers import AnswerStore


@dataclass(frozen=True)
class NextForm:
    """The rater's next form still open in the round, and how many are open in all."""

    token: str
    subject_name: str
    relationship: str
    remaining: int


@dataclass(frozen=True)
class AfterAnswer:
    """What the page after a submit or a decline shows: the rater's language and their next form."""

    locale: str
    next_form: NextForm | None


def after_answer(token: str, store: AnswerStore, signer: Signer) -> AfterAnswer:
    """The rater's language and their next open form in the round (the self-assessment first):
    one BatchGetItem for the cycle and the rater, and one Query for their open assignments."""
    where = locate(token, signer)
    cycle, rater = store.rater_in_cycle(where.org, where.cycle_id, where.rater_id)
    locale = rater.locale if rater else "en"
    if cycle is None or cycle.state != "open":
        return AfterAnswer(locale, None)
    others = [
        a
        for a in store.open_assignments_of(where.org, where.cycle_id, where.rater_id, cycle.shards)
        if a.subject_id != where.subject_id and a.status in OPEN_STATUSES  # the index may lag the answer
    ]
    if not others:
        return AfterAnswer(locale, None)
    following = min(others, key=lambda a: (a.relationship != "self", a.subject_name or a.subject_id))
    next_token = signer.token(locator_of(following))
    name = following.subject_name or following.subject_id
    return AfterAnswer(locale, NextForm(next_token, name, following.relationship, len(others)))
