"""Listings read a page at a time across an index's shards. The token a page hands on names the shard
and the last key read, never a raw DynamoDB key, so it can only ever continue within the caller's
own organisation."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from janus.kernel.errors import InvalidInput

Item = TypeVar("Item")
ShardReader = Callable[[int, str | None, int], tuple[Sequence[Item], bool]]
"""Reads up to ``limit`` items of shard ``number`` after key ``after``: the items and whether more remain."""

TOKEN = re.compile(r"(\d{1,4}):([A-Za-z0-9._-]{0,64})")


def read_page(
    read_shard: ShardReader[Item], shards: int, token: str | None, limit: int, key: Callable[[Item], str]
) -> tuple[list[Item], str | None]:
    """Up to ``limit`` items from where ``token`` left off, and the token of the next page (None at the end)."""
    number, after = _parse(token, shards)
    items: list[Item] = []
    while number < shards and len(items) < limit:
        found, more = read_shard(number, after, limit - len(items))
        items += found
        if more:
            return items, f"{number}:{key(found[-1]) if found else after or ''}"
        number, after = number + 1, None
    return items, f"{number}:" if number < shards else None


def _parse(token: str | None, shards: int) -> tuple[int, str | None]:
    if not token:
        return 0, None
    match = TOKEN.fullmatch(token)
    if match is None or int(match[1]) >= shards:
        raise InvalidInput(f"{token!r} is not a page token this listing gave")
    return int(match[1]), match[2] or None
