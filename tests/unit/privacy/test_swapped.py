"""An erasure's swap: the erased person's id becomes the pseudonym wherever it stands whole (a value, a key's
segment, inside JSON held as text, in a set), and nowhere else; numbers, booleans and nulls stay as they are."""

from __future__ import annotations

import json

from janus.privacy.store import swapped


def test_the_id_is_swapped_where_it_stands_whole_and_nowhere_else():
    case = {"steps": [{"by": "e1", "note": "e1 agreed"}, {"by": "e10"}], "owners": {"e1": 2}}
    item = {
        "PK": {"S": "ORG#o#CYCLE#c1#SUBJ#e2"},
        "SK": {"S": "RATER#e1"},
        "GSI2SK": {"S": "e2#e1"},
        "rater_id": {"S": "e1"},
        "named": {"SS": ["e1", "e3"]},
        "load": {"N": "3"},
        "done": {"BOOL": True},
        "gone": {"NULL": True},
        "ratings": {"M": {"q1": {"N": "4"}, "by": {"S": "e1"}}},
        "case": {"S": json.dumps(case)},
        "comment": {"S": "Worked with e1 on it"},
    }
    after = swapped(item, "e1", "erased-0a1b2c3d")
    assert after is not None
    assert after["PK"] == {"S": "ORG#o#CYCLE#c1#SUBJ#e2"}
    assert after["SK"] == {"S": "RATER#erased-0a1b2c3d"} and after["GSI2SK"] == {"S": "e2#erased-0a1b2c3d"}
    assert after["rater_id"] == {"S": "erased-0a1b2c3d"}
    assert after["named"] == {"SS": ["e3", "erased-0a1b2c3d"]}
    assert after["load"] == {"N": "3"} and after["done"] == {"BOOL": True} and after["gone"] == {"NULL": True}
    assert after["ratings"] == {"M": {"q1": {"N": "4"}, "by": {"S": "erased-0a1b2c3d"}}}
    assert json.loads(after["case"]["S"]) == {
        "steps": [{"by": "erased-0a1b2c3d", "note": "e1 agreed"}, {"by": "e10"}],
        "owners": {"erased-0a1b2c3d": 2},
    }
    assert after["comment"] == {"S": "Worked with e1 on it"}  # free text is as it was written


def test_an_item_that_does_not_name_them_is_left_alone():
    item = {"PK": {"S": "ORG#o#GOAL#g1"}, "SK": {"S": "GOAL"}, "owner": {"S": "e10"}, "goal": {"S": '{"by": "e2"}'}}
    assert swapped(item, "e1", "erased-0a1b2c3d") is None
