"""Text no article holds (a table run into one line, a transcript of a thousand quotes)
is read with bounded work per claim. What the bounds keep and what they cut; the
indexes that replace scans are checked against the scans they replace. How the time
grows is measured by `bench/adversarial.py`, not here.
"""

from __future__ import annotations

import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.checks._events import counting_sentences
from factlint.checks.numbers import _context_numbers, _Numbers
from factlint.document import document_from_text
from factlint.extract.attribution import _Cue, _Cues, _only
from factlint.model import Span, SpanIndex
from factlint.subject import clause_around
from tests.test_duplicates import all_findings

PROPERTY = settings(max_examples=200, derandomize=True, deadline=None)


def test_a_clause_reaches_at_most_600_characters_either_side_and_halves_no_word() -> None:
    words = " ".join(f"word{i}" for i in range(400))  # ~3,500 characters, no clause break
    text = f"{words} holds 60 billion yuan {words}."
    start = text.index("60 billion")
    anchor = Span(start, start + len("60 billion yuan"))
    clause = clause_around(text, Span(0, len(text)), anchor)
    assert 590 <= anchor.start - clause.start <= 600
    assert 590 <= clause.end - anchor.end <= 600
    assert text[clause.start - 1] == " " and text[clause.start : clause.start + 4] == "word"
    assert text[clause.end] == " " and text[clause.end - 1].isdigit()


def test_the_longest_clause_real_news_has_is_kept_whole() -> None:
    lead = "The ministry, which " + "x " * 210  # 440 characters before the figure
    text = f"{lead}holds 60 billion yuan."
    start = text.index("60")
    clause = clause_around(text, Span(0, len(text)), Span(start, start + 2))
    assert clause == Span(0, len(text))


def test_a_line_of_hundreds_of_numbers_is_data_and_the_prose_around_it_is_read() -> None:
    data = " ".join(f"{i}%" for i in range(700))  # 3,389 characters, no sentence end
    text = f"Revenue rose 5% in 2024, the company said.\n\n{data}\n\nProfit fell 3%, it said.\n"
    doc = document_from_text(text, "a.md")
    figures = [(q.raw, doc.line_col(q.span.start)) for q in Analysis(doc).quantities]
    assert figures == [("5%", (1, 14)), ("3%", (5, 13))]


def test_a_short_line_of_numbers_and_a_long_sentence_keep_their_figures() -> None:
    short = " ".join(f"{i}%" for i in range(150))  # 639 characters: under the data length
    assert len(Analysis(document_from_text(short + "\n", "a.md")).quantities) == 150
    long = "The plan, " + "which the council debated at length, " * 60 + "costs $5 million."
    doc = document_from_text(long, "b.md")
    assert [q.raw for q in Analysis(doc).quantities] == ["$5 million"]


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: Span(t[0], t[0] + t[1])),
    max_size=12,
)


@PROPERTY
@given(spans, st.integers(0, 80), st.integers(0, 20))
def test_a_span_index_answers_as_a_scan_of_every_span(
    given_spans: list[Span], start: int, width: int
) -> None:
    index = SpanIndex(given_spans)
    grown = SpanIndex()  # as the duplicate checks fill it, one reported span at a time
    for s in given_spans:
        grown.add(s)
    end = start + width
    expected = sorted(s for s in given_spans if s.start < end and start < s.end)
    assert sorted(index.overlapping(start, end)) == expected
    assert sorted(grown.overlapping(start, end)) == expected
    assert grown.overlaps(Span(start, end)) == any(
        s.overlaps(Span(start, end)) for s in given_spans
    )
    assert (grown.last_end(start), grown.first_start(start)) == (
        index.last_end(start),
        index.first_start(start),
    )
    assert index.covers(start) == any(s.start <= start < s.end for s in given_spans)
    assert index.last_end(start) == max(
        (s.end for s in given_spans if s.end <= start), default=None
    )
    assert index.first_start(start) == min(
        (s.start for s in given_spans if s.start >= start), default=None
    )


@PROPERTY
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 8), st.integers(0, 8)), max_size=10),
    st.integers(0, 70),
    st.integers(0, 70),
)
def test_the_cue_index_answers_as_a_scan_of_every_cue(
    drawn: list[tuple[int, int, int]], lo: int, width: int
) -> None:
    cues = sorted(
        (
            _Cue(Span(a, a + v), "said", Span(a + v, a + v + s), "name", "X", False)
            for a, v, s in drawn
        ),
        key=lambda c: c.start,
    )
    index = _Cues(cues)
    hi = lo + width
    assert index.within(lo, hi) == [c for c in cues if lo <= c.start and c.end <= hi]
    after = [c for c in cues if c.start > lo]
    assert index.first_after(lo) == (after[0] if after else None)
    before = [c for c in cues if c.end <= lo]
    assert index.last_ending_by(lo) == (max(before, key=lambda c: c.end) if before else None)


@PROPERTY
@given(
    st.text(alphabet=" \t\n>*-a\u00a0\u2003", max_size=20),
    st.integers(0, 20),
    st.integers(0, 20),
    st.sampled_from([None, " \t>*-"]),
)
def test_only_answers_as_strip(text: str, start: int, end: int, chars: str | None) -> None:
    start, end = min(start, len(text)), min(end, len(text))
    assert _only(text, start, end, chars) == (not text[start:end].strip(chars))


PIECES = [
    "The fund holds 60 billion yuan",
    ", up 12% from 2024",
    "; 1,200 voters under 30 agreed",
    " and 5 of 7 judges",
    " (about $8.2 billion)",
    ", while 3.5 million left",
    " in 2019",
    ". ",
    " 40 ",
]


@PROPERTY
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_the_numbers_of_a_clause_are_those_a_scan_of_the_clause_finds(pieces: list[str]) -> None:
    from factlint.checks.numbers import _DIGITS, _YEAR

    text = "".join(pieces) + "."
    analysis = Analysis(document_from_text(text, "a.md"))
    prose = analysis.doc.prose
    for q in analysis.quantities:
        clause = clause_around(prose, q.sentence, q.span)
        expected = {
            m.group().replace(",", "")
            for m in _DIGITS.finditer(prose, clause.start, clause.end)
            if not q.span.start <= m.start() < q.span.end and not _YEAR.fullmatch(m.group())
        }
        got = _context_numbers(_Numbers.of(prose, q.sentence), clause, [q.span])
        assert got == expected


def test_a_sentence_counting_from_an_event_is_found_once_for_all_its_dates() -> None:
    text = (
        "A year after its release, on 20 January 2026, it led. "
        "It shipped on 3 March 2025 and on 4 April 2025."
    )
    dates = Analysis(document_from_text(text, "a.md")).dates
    counting = counting_sentences(text, dates)
    assert [text[s.start : s.end].split(",")[0] for s in counting] == ["A year after its release"]


def test_one_paragraph_pasted_a_hundred_times_is_reported_at_every_copy() -> None:
    paragraph = "The national AI fund holds 60 billion yuan, the ministry said on Monday."
    text = "\n\n".join([paragraph] * 100) + "\n"
    found = [(f.rule_id, f.location.line, f.location.col) for f in all_findings(text)]
    assert ("FL501", 3, 1) in found and ("FL501", 199, 1) in found
    assert statistics.mode(rule for rule, _, _ in found) == "FL501"
