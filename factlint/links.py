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
    items:   items counted once however many articles copy them (a quoted sentence
             in wire copy), each with its keys, whose counts are numbers of distinct
             items. An item links with a reported one when the two share as many
             keys as the reported one asks (`together`: one, or two for "two words
             in common"), one of them had by 2 to `max_bucket` items. Copies of one
             item do not link by that alone: the check adds its digest to `always`
             when it compares copies.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from factlint.digests import digest

__all__ = ["Links", "Totals", "bucket_count", "key", "neighbourhood", "with_items"]


def key(text: str) -> int:
    """A key as `Links` hold it: 8 bytes, the same in every process and release."""
    return digest(text)


@dataclass(frozen=True, slots=True)
class Links:
    """One article's keys for one corpus check (see the module docstring)."""

    counted: array[int]  # "Q", one entry per item that has the key
    always: array[int]  # "Q"
    # Distinct items: item i has sizes[2i] keys, after those of the items before it
    # in item_keys, and links when it shares sizes[2i + 1] of them (`together`).
    items: array[int] = field(default_factory=lambda: array("Q"))  # one digest per item
    item_keys: array[int] = field(default_factory=lambda: array("Q"))
    sizes: array[int] = field(default_factory=lambda: array("I"))

    def __reduce__(self) -> tuple[type[Links], tuple[array[int], ...]]:
        # Rebuilt by one call, not field by field: unpickled for every article of a
        # run that links (a quarter less time).
        return (Links, (self.counted, self.always, self.items, self.item_keys, self.sizes))

    def keyed_items(self) -> Iterator[tuple[int, array[int], int]]:
        """Each distinct item's digest, its keys, and how many of them it links by."""
        start = 0
        for n, item in enumerate(self.items):
            end = start + self.sizes[2 * n]
            yield item, self.item_keys[start:end], self.sizes[2 * n + 1]
            start = end


def with_items(
    counted: array[int], always: array[int], items: Iterable[tuple[str, Sequence[str], int]]
) -> Links:
    """Links with distinct items given as texts: (item, its keys, `together`)."""
    digests, keys, sizes = array("Q"), array("Q"), array("I")
    for item, own, together in items:
        digests.append(key(item))
        keys.extend(key(k) for k in own)
        sizes.extend((len(own), together))
    return Links(counted, always, digests, keys, sizes)


@dataclass(frozen=True, slots=True)
class Totals:
    """How many items of the whole run have each counted key (a distinct item once)."""

    counts: Counter[int]

    def __call__(self, text: str) -> int:
        return self.counts[key(text)]


def bucket_count(
    totals: Totals | None, key_text: Callable[[str, str], str]
) -> Callable[[str, str], int] | None:
    """`count` for `subject.shared_buckets`: how many items of the whole run have the
    (bucket, term) key `key_text` names, or None when the check was given every article."""
    if totals is None:
        return None
    return lambda bucket, term: totals(key_text(bucket, term))


def neighbourhood(
    links: Sequence[Links], reported: Collection[int], max_bucket: int
) -> tuple[list[int], Totals]:
    """The positions of the reported articles and of every article that shares a
    linking key with one of them, in order; and the run's totals of counted keys."""
    counts: Counter[int] = Counter()
    seen: set[int] = set()  # distinct items counted so far
    for own in links:
        counts.update(own.counted)
        start, sizes = 0, own.sizes
        for n, item in enumerate(own.items):  # most are copies: slice only new ones
            end = start + sizes[2 * n]
            if item not in seen:
                seen.add(item)
                counts.update(own.item_keys[start:end])
            start = end

    def rare(k: int) -> bool:
        return 2 <= counts[k] <= max_bucket

    linking: set[int] = set()
    single: set[int] = set()  # rare keys of reported items that link by one key
    # A rare key of a reported item that links by more -> those items' keys and number.
    by_rare: dict[int, list[tuple[frozenset[int], int]]] = {}
    for n in reported:
        linking.update(k for k in links[n].counted if rare(k))
        linking.update(links[n].always)
        for _, keys, together in links[n].keyed_items():
            wanted = frozenset(keys)
            for k in wanted:
                if rare(k):
                    if together <= 1:
                        single.add(k)
                    else:
                        by_rare.setdefault(k, []).append((wanted, together))

    rare_asked = single.union(by_rare)
    # Whether a distinct item links, once per item: copies of a quoted sentence in many
    # articles have the same keys, and would be searched again in each.
    decided: dict[int, bool] = {}

    def links_item(keys: array[int]) -> bool:
        for k in rare_asked.intersection(keys):
            if k in single or any(len(w.intersection(keys)) >= t for w, t in by_rare[k]):
                return True
        return False

    def shares_items(own: Links) -> bool:
        hits = rare_asked.intersection(own.item_keys)
        if not hits:
            return False  # most articles: no rare key of a reported item at all
        if not single.isdisjoint(hits):
            return True
        start, sizes = 0, own.sizes
        for n, item in enumerate(own.items):
            end = start + sizes[2 * n]
            found = decided.get(item)
            if found is None:
                found = decided[item] = links_item(own.item_keys[start:end])
            if found:
                return True
            start = end
        return False

    positions = [
        n
        for n, own in enumerate(links)
        if n in reported
        or not (linking.isdisjoint(own.counted) and linking.isdisjoint(own.always))
        or (rare_asked and shares_items(own))
    ]
    return positions, Totals(counts)
