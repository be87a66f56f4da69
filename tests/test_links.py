"""Which articles a check with keys is given when only some are reported."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.links import Links, Totals, key, neighbourhood


def _links(counted: tuple[int, ...] = (), always: tuple[int, ...] = ()) -> Links:
    return Links(array("Q", counted), array("Q", always))


LINKS = [
    _links((1, 2)),  # 0
    _links((1,)),  # 1: shares key 1 with 0
    _links((2,)),  # 2, 3: key 2 is had by three items
    _links((2,)),
    _links((3,), (9,)),  # 4, 5: share a key that links whatever its count
    _links((), (9,)),
    _links((4, 4)),  # 6: one article, two items with one key
]


def test_an_article_is_given_with_those_sharing_a_key_few_items_share() -> None:
    positions, totals = neighbourhood(LINKS, {0}, 2)
    assert positions == [0, 1]  # key 2 (three items) is too common to link
    assert neighbourhood(LINKS, {0}, 3)[0] == [0, 1, 2, 3]
    assert neighbourhood(LINKS, {5}, 0)[0] == [4, 5]
    assert neighbourhood(LINKS, {6}, 2)[0] == [6]  # its own items only
    assert neighbourhood(LINKS, {1, 5}, 2)[0] == [0, 1, 4, 5]
    assert neighbourhood(LINKS, set(), 2)[0] == []
    assert (totals.counts[1], totals.counts[2], totals.counts[4], totals.counts[9]) == (2, 3, 2, 0)


def test_totals_are_asked_by_the_text_of_a_key() -> None:
    figure = key("f|money|USD|level||acme")
    totals = neighbourhood([_links((figure,)), _links((figure,))], {0}, 2)[1]
    assert totals("f|money|USD|level||acme") == 2
    assert totals("f|money|USD|level||other") == 0
    assert isinstance(totals, Totals)


def _items(*items: tuple[int, tuple[int, ...], int]) -> Links:
    return Links(
        array("Q"),
        array("Q"),
        array("Q", [item for item, _, _ in items]),
        array("Q", [k for _, own, _ in items for k in own]),
        array("I", [n for _, own, together in items for n in (len(own), together)]),
    )


DISTINCT = [
    _items((100, (1, 2), 1)),  # 0: item 100 has keys 1 and 2, links by one
    _items((100, (1, 2), 1)),  # 1: a copy of item 100: counted once
    _items((101, (1,), 1), (100, (1, 2), 1)),  # 2: another item with key 1, a copy again
    _items((102, (3,), 1)),  # 3: key 3 on one item only
    _items((103, (3,), 1), (104, (2,), 1)),  # 4
]


def test_a_distinct_item_is_counted_once_however_many_articles_copy_it() -> None:
    positions, totals = neighbourhood(DISTINCT, {3}, 2)
    assert (totals.counts[1], totals.counts[2], totals.counts[3]) == (2, 2, 2)
    assert positions == [3, 4]  # key 3: two distinct items
    # Key 1 (items 100 and 101) links articles 0 to 2; key 2 (items 100, 104) all but 3.
    assert neighbourhood(DISTINCT, {0}, 2)[0] == [0, 1, 2, 4]
    assert neighbourhood(DISTINCT, {2}, 1)[0] == [2]  # every key too common at one item
    assert [(i, list(k), n) for i, k, n in DISTINCT[2].keyed_items()] == [
        (101, [1], 1),
        (100, [1, 2], 1),
    ]


# Items that link only with two keys in common, one of them rare (had by 2 to 3 items).
TOGETHER = [
    _items((200, (1, 2, 3), 2)),  # 0
    _items((201, (1, 2), 2)),  # 1: keys 1 and 2 in common with 0
    _items((202, (1, 9), 2)),  # 2: key 1 only
    _items((203, (2, 9), 2)),  # 3
    _items((204, (2, 9), 2)),  # 4
    _items((205, (3,), 2)),  # 5: one key can never link two by two
    _items((206, (3, 8), 2)),  # 6
]


def test_items_asking_two_keys_link_only_with_two_in_common_one_of_them_rare() -> None:
    positions, totals = neighbourhood(TOGETHER, {0}, 3)
    assert (totals.counts[1], totals.counts[2], totals.counts[3]) == (3, 4, 3)
    assert positions == [0, 1]  # key 2 is had by four items: key 1 makes 1 rare enough
    assert neighbourhood(TOGETHER, {0}, 2)[0] == [0]  # no key of 0 is rare now
    assert neighbourhood(TOGETHER, {5}, 3)[0] == [5]
    assert neighbourhood(TOGETHER, {3}, 4)[0] == [3, 4]  # 0 to 2 share 2 or 9, not both
    # Two keys in common must be in one item: keys 7 and 8 in two items are not.
    apart = [
        _items((210, (7, 8), 2)),
        _items((211, (7,), 2), (212, (8,), 2)),
        _items((213, (8,), 2)),
    ]
    assert neighbourhood(apart, {0}, 3)[0] == [0]
    assert neighbourhood([*apart, _items((214, (7, 8, 9), 2))], {0}, 3)[0] == [0, 3]


def _by_definition(links: list[Links], reported: set[int], cap: int) -> list[int]:
    """The neighbourhood as the module docstring defines it, pair by pair."""
    counts: dict[int, int] = {}
    for own in links:
        for k in own.counted:
            counts[k] = counts.get(k, 0) + 1
    firsts: dict[int, list[int]] = {}
    for own in links:
        for item, keys, _ in own.keyed_items():
            firsts.setdefault(item, list(keys))
    for keys in firsts.values():
        for k in keys:
            counts[k] = counts.get(k, 0) + 1

    def rare(k: int) -> bool:
        return 2 <= counts.get(k, 0) <= cap

    def linked(mine: Links, other: Links) -> bool:
        if any(rare(k) and k in other.counted for k in mine.counted):
            return True
        if set(mine.always) & set(other.always):
            return True
        for _, wanted, together in mine.keyed_items():
            for _, keys, _ in other.keyed_items():
                shared = set(wanted) & set(keys)
                if len(shared) >= together and any(rare(k) for k in shared):
                    return True
        return False

    return [
        n
        for n, own in enumerate(links)
        if n in reported or any(linked(links[r], own) for r in reported)
    ]


_KEYS = st.lists(st.integers(1, 6), max_size=4)
_ITEM = st.tuples(st.integers(100, 104), st.lists(st.integers(1, 6), max_size=4, unique=True))
_ARTICLE = st.tuples(_KEYS, st.lists(st.integers(7, 9), max_size=1), st.lists(_ITEM, max_size=3))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(_ARTICLE, min_size=1, max_size=6),
    st.integers(0, 5),
    st.integers(1, 2),
    st.integers(0, 4),
)
def test_the_neighbourhood_is_what_the_definition_gives(
    articles: list, reported: int, together: int, cap: int
) -> None:
    # An item's keys follow from its digest (copies are copies), as the checks make them.
    keys_of: dict[int, list[int]] = {}
    links = []
    for counted, always, items in articles:
        own = [(item, tuple(keys_of.setdefault(item, keys)), together) for item, keys in items]
        links.append(
            Links(
                array("Q", counted),
                array("Q", always),
                array("Q", [item for item, _, _ in own]),
                array("Q", [k for _, keys, _ in own for k in keys]),
                array("I", [n for _, keys, t in own for n in (len(keys), t)]),
            )
        )
    chosen = {reported % len(links)}
    assert neighbourhood(links, chosen, cap)[0] == _by_definition(links, chosen, cap)
