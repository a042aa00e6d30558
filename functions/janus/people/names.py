"""How the people list sorts and finds a name: one key for the stored name and for what HR types.

The key folds case and accents ("Søren Ærø" and "soren aero" are the same), keeps letters and digits of
any script, and joins the words with "_", which sorts before every letter: "Al Berg" before "Alan". A
search matches the beginning of the key, so "so" and "Sø" both find Søren. The people list's name index
is partitioned by the key's first two characters (``partition``), which spreads an import's writes over
hundreds of partitions and lets a search of two letters or more read one.
"""

from __future__ import annotations

import string
import unicodedata

# Letters that are not an accented Latin letter, so NFKD leaves them whole; folded as people type them.
_FOLDS = str.maketrans(
    {"æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t"}
)
_ASCII = frozenset(string.ascii_lowercase + string.digits + "_")
GAP = "_"
OTHER = "~"  # the partition of keys that begin with a letter outside a-z and 0-9 (sorts after them all)
MAX_KEY = 160  # characters: with the id, well inside DynamoDB's 1 KB sort key


def name_key(text: str) -> str:
    """The sortable, searchable form of a name (or of a search): folded, words joined by "_"."""
    words: list[str] = []
    word: list[str] = []
    for char in unicodedata.normalize("NFKD", text.casefold().translate(_FOLDS)):
        if unicodedata.category(char) == "Mn":  # the accents NFKD took apart
            continue
        if char.isalnum():
            word.append(char)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return GAP.join(words)[:MAX_KEY]


def partition(key: str) -> str:
    """The name index partition a key is in: its first two characters when they are a-z, 0-9 or "_",
    else as far as they are, with "~" for the rest (all keys in a script other than Latin share "~")."""
    if not key or key[0] not in _ASCII:
        return OTHER
    head = key[:2]
    return head if all(char in _ASCII for char in head) else head[0] + OTHER


def sort_key(name: str, employee_id: str) -> str:
    """An employee's place in every list sorted by name: ties fall to the id."""
    return f"{name_key(name)}#{employee_id}"


def id_of(sort_key_: str) -> str:
    return sort_key_.rsplit("#", 1)[-1]


def department_key(department: str) -> str:
    """A department as the list keys it: "Sales", "sales " and "SALES" are one department."""
    return " ".join(department.casefold().split())
