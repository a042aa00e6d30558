"""The rules the library's text is written to: plain-language bounds, lengths and distinctness.

``tests/unit/test_library.py`` checks every question, recommendation and definition against
them. They are for writing the library, not for serving it, so no function loads this module
(nor, with it, the plain-language checks).
"""

from __future__ import annotations

from janus.library.plain_language import Bounds

QUESTION_BOUNDS = Bounds(max_sentence_words=18, max_grade=10.0, max_lix=55.0)
QUESTION_WORDS = (5, 18)
RECOMMENDATION_BOUNDS = Bounds(max_sentence_words=25, max_grade=10.0, max_lix=55.0)
RECOMMENDATION_WORDS = (25, 75)
RECOMMENDATION_SENTENCES = (2, 4)
DEFINITION_BOUNDS = Bounds(max_sentence_words=30, max_grade=12.0, max_lix=60.0)
DEFINITION_WORDS = (25, 70)
NEAR_DUPLICATE_RATIO = 0.75
