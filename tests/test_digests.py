from array import array

from factlint.digests import digest, has_any, pair, varied


def test_a_wording_written_two_ways_is_varied() -> None:
    a = pair("on # agents seized cocaine", "May 8")
    b = pair("on # agents seized cocaine", "May 10")
    c = pair("on # agents seized heroin", "May 8")
    same = pair("on # agents seized heroin", "May 8")
    found = varied([a + c, b, same])
    assert found == {digest("on # agents seized cocaine")}
    assert has_any(a + c, found) and has_any(b, found)
    assert not has_any(c, found) and not has_any(array("Q"), found)


def test_digests_are_stable_eight_byte_ints() -> None:
    assert digest("the same words") == digest("the same words")
    assert digest("the same words") != digest("the same word")
    assert 0 <= digest("") < 2**64
