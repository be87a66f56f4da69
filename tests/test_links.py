"""Which articles a check with keys is given when only some are reported."""

from __future__ import annotations

from array import array

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
