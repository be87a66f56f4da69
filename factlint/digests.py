"""Sentences told twice with one thing changed, found by 8-byte digests.

A corpus rule that compares copies of a sentence (the same words once the dates or
numbers are masked) needs only two digests per sentence from each article: its masked
wording and what was masked, as written. Workers ship them interleaved in an array
(16 bytes a sentence); the parent finds the wordings written more than one way and
reads the sentences again only in the articles that have one.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable


def digest(text: str) -> int:
    """An 8-byte digest of `text` as an unsigned int."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def pair(wording: str, masked: str) -> array[int]:
    """The two digests of one sentence, ready to append to an article's array."""
    return array("Q", (digest(wording), digest(masked)))


def varied(articles: Iterable[array[int]]) -> set[int]:
    """The wordings that are written with more than one masked part somewhere."""
    first: dict[int, int] = {}
    out: set[int] = set()
    for digests in articles:
        for k in range(0, len(digests), 2):
            if first.setdefault(digests[k], digests[k + 1]) != digests[k + 1]:
                out.add(digests[k])
    return out


def has_any(digests: array[int], wordings: set[int]) -> bool:
    """Whether an article's array holds one of `wordings`."""
    return any(digests[k] in wordings for k in range(0, len(digests), 2))
