"""apply_fixes and write_atomically."""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.document import decode
from factlint.fix import apply_fixes, apply_fixes_as_read, write_atomically
from factlint.model import Fix, Span


def fix(start: int, end: int, replacement: str) -> Fix:
    return Fix(Span(start, end), replacement)


@pytest.mark.parametrize(
    ("text", "fixes", "expected", "applied"),
    [
        # insertions and replacements, given in any order
        ("years,the end", [fix(6, 6, " ")], "years, the end", [0]),
        ("a,b and c,d", [fix(2, 2, " "), fix(10, 10, " ")], "a, b and c, d", [0, 1]),
        ("a,b and c,d", [fix(10, 10, " "), fix(2, 2, " ")], "a, b and c, d", [1, 0]),
        ("the the fund", [fix(3, 7, "")], "the fund", [0]),
        ("fundâ€™s", [fix(4, 7, "’")], "fund’s", [0]),
        # overlapping: the later one (applied first, from the end) wins
        ("abcdef", [fix(1, 4, "X"), fix(3, 5, "Y")], "abcYf", [1]),
        # touching spans do not overlap
        ("abcdef", [fix(1, 3, "X"), fix(3, 5, "Y")], "aXYf", [0, 1]),
        # an insertion inside a replaced span conflicts (the later one, applied first,
        # wins); at its edge it does not
        ("abcdef", [fix(1, 4, "X"), fix(2, 2, "-")], "ab-cdef", [1]),
        ("abcdef", [fix(1, 4, "X"), fix(4, 4, "-")], "aX-ef", [0, 1]),
        # two different insertions at one place: only the first given
        ("ab", [fix(1, 1, "x"), fix(1, 1, "y")], "axb", [0]),
        # the same fix twice counts as applied twice, done once
        ("ab", [fix(1, 1, " "), fix(1, 1, " ")], "a b", [0, 1]),
        # a fix past the end is skipped
        ("ab", [fix(1, 5, "")], "ab", []),
        ("", [], "", []),
    ],
)
def test_apply_fixes(text: str, fixes: list[Fix], expected: str, applied: list[int]) -> None:
    new_text, done = apply_fixes(text, fixes)
    assert new_text == expected
    assert sorted(id(f) for f in done) == sorted(id(fixes[i]) for i in applied)
    # Applied fixes are the very objects given (the CLI matches them by identity).
    assert all(any(f is g for g in fixes) for f in done)
    assert [f.span for f in done] == sorted(f.span for f in done)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 10), st.text(max_size=3)), max_size=8),
)
def test_apply_fixes_any_input(text: str, raw: list[tuple[int, int, str]]) -> None:
    fixes = [fix(s, s + n, r) for s, n, r in raw]
    new_text, done = apply_fixes(text, fixes)
    assert isinstance(new_text, str)
    spans = [f.span for f in done]
    assert all(s.end <= len(text) for s in spans)
    distinct = sorted({(f.span.start, f.span.end, f.replacement) for f in done})
    for (a0, a1, _), (b0, b1, _) in itertools.pairwise(distinct):
        assert a1 <= b0 and not (a0 == a1 == b0 == b1)
    assert len(new_text) == len(text) + sum(len(r) - (e - s) for s, e, r in distinct)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(st.tuples(st.text(alphabet="ab €", max_size=5), st.sampled_from(["\n", "\r\n"]))),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4), st.text("xy\n", max_size=2))),
)
def test_fixes_located_as_read_keep_the_files_line_ends(
    lines: list[tuple[str, str]], found: list[tuple[int, int, str]]
) -> None:
    # Fixes are located in the text as read (CR LF as LF) and applied to the file's
    # own text: the same edit, and every line end they do not touch kept. (Old Mac
    # line ends, lone CRs, are the next test's.)
    raw = "".join(text + end for text, end in lines)
    read = decode(raw.encode())[0]
    fixes = [fix(s, min(s + n, len(read)), r) for s, n, r in found if s <= len(read)]
    fixed, applied = apply_fixes_as_read(raw, fixes)
    expected, expected_applied = apply_fixes(read, fixes)
    assert applied == expected_applied
    assert decode(fixed.encode())[0] == expected
    if not applied:
        assert fixed == raw


def test_a_fix_that_would_join_a_lone_cr_and_an_lf_is_not_applied() -> None:
    # Deleting the repeated paragraph with the blank line before it would leave the
    # first paragraph's CR beside the next blank line's LF: one line end, no paragraph
    # break. The fix is skipped (and stays reported); one that joins nothing applies.
    raw = "Same words.\r\rSame words.\n\nNext.\n"
    join = fix(len("Same words.\r"), len("Same words.\r\rSame words.\n"), "")
    keep = fix(len("Same words.\r\r"), len("Same words.\r\rSame words.\n\n"), "")
    assert apply_fixes_as_read(raw, [join]) == (raw, [])
    assert apply_fixes_as_read(raw, [keep]) == ("Same words.\r\rNext.\n", [keep])
    assert apply_fixes("a\rb\nc", [fix(2, 3, "")]) == ("a\rb\nc", [])
    assert apply_fixes("a\r\nb", [fix(3, 4, "c")]) == ("a\r\nc", [fix(3, 4, "c")])


def test_a_fix_in_a_windows_file_keeps_its_line_ends() -> None:
    raw = "Title\r\n\r\nIt rose on May 2025.\nMixed.\r\nIt fell on June 2026.\r\n"
    read = decode(raw.encode())[0]
    fixes = [fix(read.index(f"on {m}"), read.index(f"on {m}") + 2, "in") for m in ("May", "June")]
    fixed, applied = apply_fixes_as_read(raw, fixes)
    assert applied == fixes
    assert fixed == "Title\r\n\r\nIt rose in May 2025.\nMixed.\r\nIt fell in June 2026.\r\n"


def test_write_atomically_keeps_bom_mode_and_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    original = b"\xef\xbb\xbfyears,the end\r\nnext\r\n"
    path.write_bytes(original)
    os.chmod(path, 0o640)
    write_atomically(path, "years, the end\r\nnext\r\n", original)
    assert path.read_bytes() == b"\xef\xbb\xbfyears, the end\r\nnext\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_write_atomically_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    original = "Café,the end\n".encode()
    path.write_bytes(original)
    write_atomically(path, "Café, the end\n", original)
    assert path.read_bytes() == "Café, the end\n".encode()


def test_write_atomically_refuses_undecodable_original(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    original = b"caf\xe9 au lait\n"
    path.write_bytes(original)
    with pytest.raises(ValueError, match="not valid UTF-8"):
        write_atomically(path, "caf\ufffd au lait\n", original)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["c.txt"]


def test_write_atomically_rewrites_what_a_symlink_leads_to(tmp_path: Path) -> None:
    # Renamed over, the link became a copy with the fix and its target kept the error.
    target = tmp_path / "a.md"
    target.write_text("launched on April 2025\n")
    link = tmp_path / "latest.md"
    link.symlink_to("a.md")
    write_atomically(link, "launched in April 2025\n", link.read_bytes())
    assert link.is_symlink() and os.readlink(link) == "a.md"
    assert target.read_text() == "launched in April 2025\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "latest.md"]
