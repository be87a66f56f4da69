"""Which articles a corpus check must load when only some articles are reported.

A pre-commit hook checks one article against an archive of thousands. A corpus
check's findings on it come only from pairs that touch it, and a check forms pairs
only between articles that share a key: a unit and a name, a rare word, a sentence's
wording. A check that declares its keys (`LINKS` in its module: a function from one
Analysis to its `Links`, computed where the article is analysed and cached apart from
its other claims) is then run on the reported articles and those that share a key
with them, in the run's order (`neighbourhood`), and the rest are never loaded.

Exact, not an approximation: the check drops keys that too many items share (they
do not discriminate), and it counts them over the whole run, not over the articles
it was given. Those counts (`Totals`) are summed from every article's keys, which
are small; the claims the check compares are what is large.

    counted: one key per item (a figure, a sentence) whose count across the run the
             check reads; a key links when 2 to `max_bucket` items share it.
    always:  keys that link whatever their count (a sentence's exact wording, a
             currency pair: the check compares every copy).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from factlint.digests import digest

__all__ = ["Links", "Totals", "key", "neighbourhood"]


def key(text: str) -> int:
    """A key as `Links` hold it: 8 bytes, the same in every process and release."""
    return digest(text)


@dataclass(frozen=True, slots=True)
class Links:
    """One article's keys for one corpus check (see the module docstring)."""

    counted: array[int]  # "Q", one entry per item that has the key
    always: array[int]  # "Q"


@dataclass(frozen=True, slots=True)
class Totals:
    """How many items of the whole run have each counted key."""

    counts: Counter[int]

    def __call__(self, text: str) -> int:
        return self.counts[key(text)]


def neighbourhood(
    links: Sequence[Links], reported: Collection[int], max_bucket: int
) -> tuple[list[int], Totals]:
    """The positions of the reported articles and of every article that shares a
    linking key with one of them, in order; and the run's totals of counted keys."""
    counts: Counter[int] = Counter()
    for own in links:
        counts.update(own.counted)
    linking: set[int] = set()
    for n in reported:
        linking.update(k for k in links[n].counted if 2 <= counts[k] <= max_bucket)
        linking.update(links[n].always)
    positions = [
        n
        for n, own in enumerate(links)
        if n in reported or not (linking.isdisjoint(own.counted) and linking.isdisjoint(own.always))
    ]
    return positions, Totals(counts)
