"""Reading articles: decoding, front matter, masking, line/column, blocks, sentences."""

from __future__ import annotations

import datetime
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.blocks import blocks, sentences
from factlint.directives import followed_by_sic, parse_directives
from factlint.document import PackedDocument, build_document, document_from_text
from factlint.errors import InputError
from factlint.model import Span

SETTINGS = settings(max_examples=300, derandomize=True, deadline=None)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_and_column_count_code_points_whatever_ends_a_line(end: str) -> None:
    # Windows and old Mac line ends are read as LF: a rule's `$` or blank line means
    # the same in every file, and lines and columns are those of the file.
    doc = document_from_text(f"ab{end}€ fund{end}{end}last")
    assert doc.text == "ab\n€ fund\n\nlast"
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(3) == (2, 1)  # after the line end
    assert doc.line_col(5) == (2, 3)  # "€" is one column
    assert doc.location(Span(5, 9)).end_col == 7
    assert doc.line_col(doc.text.index("last")) == (4, 1)


def test_bom_is_removed_and_offsets_start_after_it() -> None:
    doc, problem = build_document("a.md", b"\xef\xbb\xbfHello")
    assert problem is None
    assert doc.text == "Hello"
    assert doc.line_col(0) == (1, 1)


def test_invalid_utf8_is_replaced_and_located() -> None:
    doc, _ = build_document("a.txt", b"ok line\nbad \xff byte\n")
    assert doc.text == "ok line\nbad \ufffd byte\n"
    assert doc.decode_errors == (Span(12, 13),)
    assert doc.location(doc.decode_errors[0]).line == 2


def test_front_matter_is_read_masked_and_counted_in_lines() -> None:
    text = "---\ntitle: Fund\ndate: 2026-02-17\n---\nThe fund holds 60 billion yuan.\n"
    doc = document_from_text(text, "a.md")
    assert doc.published == datetime.date(2026, 2, 17)
    assert doc.meta["title"] == "Fund"
    assert doc.prose[: doc.body_start].strip() == ""
    assert doc.line_col(doc.text.index("60"))[0] == 5


def test_malformed_front_matter_is_located_and_the_body_still_read() -> None:
    text = "---\ntitle: [unclosed\n---\nBody text here.\n"
    doc, problem = build_document("bad.md", text.encode())
    assert isinstance(problem, InputError)
    assert problem.path == "bad.md" and problem.line is not None and problem.line >= 2
    assert "Body text here." in doc.prose
    with pytest.raises(InputError):
        document_from_text(text, "bad.md")


@pytest.mark.parametrize("day", ["2024-02-31", "2023-13-01", "2024-4-31 10:00:00"])
def test_a_front_matter_date_with_no_such_day_is_located_not_a_crash(day: str) -> None:
    text = f"---\ntitle: Fund\ndate: {day}\n---\nThe fund holds 60 billion yuan.\n"
    doc, problem = build_document("bad.md", text.encode())
    assert isinstance(problem, InputError)
    assert (problem.path, problem.line) == ("bad.md", 3)
    assert problem.message.startswith("malformed front matter: ")
    assert "60 billion yuan" in doc.prose


def test_a_date_given_twice_in_front_matter_is_located_not_the_last_one_silently() -> None:
    text = "---\ndate: 2024-01-01\ntitle: Fund\ndate: 2024-02-02\n---\nIt rose on Monday.\n"
    doc, problem = build_document("twice.md", text.encode())
    assert isinstance(problem, InputError)
    assert (problem.path, problem.line) == ("twice.md", 4)
    assert problem.message == "malformed front matter: 'date' given twice (first on line 2)"
    assert "It rose on Monday." in doc.prose
    # Written as a flow mapping, the same.
    text = "---\n{date: 2024-01-01, title: Fund, date: 2024-02-02}\n---\nIt rose.\n"
    _, problem = build_document("flow.md", text.encode())
    assert isinstance(problem, InputError) and (problem.path, problem.line) == ("flow.md", 2)
    assert problem.message == "malformed front matter: 'date' given twice (first on line 2)"
    # A "date:" starting a quoted title's second line is no second key.
    text = '---\ntitle: "Fund\ndate: soon"\ndate: 2024-02-02\n---\nIt rose.\n'
    doc, problem = build_document("once.md", text.encode())
    assert problem is None and doc.published == datetime.date(2024, 2, 2)


def test_metadata_date_is_parsed_when_there_is_no_front_matter() -> None:
    doc = document_from_text("Plain text.", "a.txt", {"date": "2026-02-17"})
    assert doc.published == datetime.date(2026, 2, 17)


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("See `60 billion` here.", "60 billion", "See"),
        ("```\n$70 billion\n```\nProse $7.", "$70 billion", "Prose $7."),
        ("Read <!-- a 2024 note --> this.", "2024 note", "this."),
        ("Go to https://example.com/a.b,c now.", "example.com", "now."),
        ("Original: toutiao.com/article/7607802338879521289/", "7607802338879521289", "Original"),
        ("Mail me@example.org today.", "example.org", "today."),
        ("[the report](https://x.org/r.pdf) says", "x.org", "the report"),
        ("## China's AI Ascent", "##", "China's AI Ascent"),
    ],
)
def test_non_prose_is_masked_with_offsets_kept(text: str, hidden: str, kept: str) -> None:
    doc = document_from_text(text, "a.md")
    assert len(doc.prose) == len(doc.text)
    assert hidden not in doc.prose
    assert kept in doc.prose


def _block_texts(text: str) -> list[tuple[str, str]]:
    doc = document_from_text(text, "a.md")
    return [(b.kind, doc.text[b.span.start : b.span.end]) for b in blocks(doc.text, doc.prose)]


def test_one_paragraph_per_line_exports_are_split_per_line() -> None:
    text = "The Great AI Migration is Real\nChina rose. It grew.\nThe end came quickly.\n"
    assert _block_texts(text) == [
        ("heading", "The Great AI Migration is Real"),
        ("paragraph", "China rose. It grew."),
        ("paragraph", "The end came quickly."),
    ]


def test_hard_wrapped_markdown_paragraphs_are_joined() -> None:
    text = (
        "The fund, which was set up\nlast year, holds money.\n\n# Next\n\n- item one\n- item two\n"
    )
    assert _block_texts(text) == [
        ("paragraph", "The fund, which was set up\nlast year, holds money."),
        ("heading", "Next"),  # spans cover prose: Markdown markers are not part of it
        ("list", "item one"),
        ("list", "item two"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rose 60.06 billion. Then it fell.", ["It rose 60.06 billion.", "Then it fell."]),
        ("The U.S. Congress met. It voted.", ["The U.S. Congress met.", "It voted."]),
        ("Mr. Green spoke. He left.", ["Mr. Green spoke.", "He left."]),
        ("J.R.R. Tolkien wrote it. Fans read it.", ["J.R.R. Tolkien wrote it.", "Fans read it."]),
        ('"It is over." She left.', ['"It is over."', "She left."]),
        ("Is it? Yes! 2025 was good.", ["Is it?", "Yes!", "2025 was good."]),
        ("It went up... and then down.", ["It went up... and then down."]),
        ("experimentation.However, it grew.", ["experimentation.However, it grew."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    doc = document_from_text(text, "a.md")
    (block,) = blocks(doc.text, doc.prose)
    assert [doc.text[s.start : s.end] for s in sentences(doc.prose, block)] == expected


@SETTINGS
@given(st.text())
def test_any_text_reads_without_error_and_spans_stay_inside(text: str) -> None:
    doc, _ = build_document("h.md", text.encode("utf-8", "surrogatepass"))
    assert len(doc.prose) == len(doc.text)
    for block in blocks(doc.text, doc.prose):
        assert 0 <= block.span.start <= block.span.end <= len(doc.text)
        for s in sentences(doc.prose, block):
            assert block.span.start <= s.start <= s.end <= block.span.end


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_decode_without_error(data: bytes) -> None:
    doc, _ = build_document("h.txt", data)
    for span in doc.decode_errors:
        assert doc.text[span.start] == "\ufffd"


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab€\n\r \u2028"), max_size=60), st.data())
def test_offset_and_line_column_round_trip(text: str, data: st.DataObject) -> None:
    doc = document_from_text(text, "h.md")
    offset = data.draw(st.integers(0, len(doc.text)))
    line, col = doc.line_col(offset)
    assert doc.offset(line, col) == offset


def test_a_pickled_document_comes_back_packed_and_reads_the_same() -> None:
    text = (
        "---\ntitle: A\n---\n“Growth,” she said <!-- factlint-disable-line FL101 -->\nLine two é\n"
    )
    doc = document_from_text(text, "a.md")
    packed = pickle.loads(pickle.dumps(doc))
    assert isinstance(packed, PackedDocument)
    # Compressed, text and prose together, while not read.
    assert "_pair" not in packed.__dict__
    assert packed.length == len(text)
    assert packed.has_directive_marker and packed.line_col(20) == (4, 4)
    assert "_pair" not in packed.__dict__
    assert [d.kind for d in parse_directives(packed)] == ["disable-line"]
    assert (packed.text, packed.prose) == (doc.text, doc.prose)
    assert packed == doc and doc == packed
    assert packed.line_col(len(text) - 3) == doc.line_col(len(text) - 3) == (5, 9)
    assert packed.line_text(4) == doc.line_text(4)
    # Pickled again, it keeps its compressed text as it is.
    assert pickle.dumps(packed) == pickle.dumps(doc)


@pytest.mark.parametrize(
    ("text", "excused"),
    [("He wrote “their [SIC] plan”.\n", True), ("He wrote “their plan”.\n", False)],
)
def test_a_packed_document_says_whether_sic_excuses_without_reading_its_text(
    text: str, excused: bool
) -> None:
    # The report asks for every finding: an article without "[sic]" is not inflated.
    packed = pickle.loads(pickle.dumps(document_from_text(text, "a.md")))
    assert packed.has_sic_marker is excused
    after = Span(text.index("their") + 5, text.index("their") + 5)
    assert followed_by_sic(packed, after) is excused
    assert ("_pair" in packed.__dict__) is excused


def test_only_the_last_read_packed_documents_stay_inflated() -> None:
    docs = [
        pickle.loads(pickle.dumps(document_from_text(f"Article {n} says 5%.\n", f"{n}.md")))
        for n in range(40)
    ]
    for doc in docs:
        assert doc.text.startswith("Article")
    inflated = [n for n, doc in enumerate(docs) if "_pair" in doc.__dict__]
    assert inflated == list(range(40 - len(inflated), 40)) and 0 < len(inflated) < 40
    assert docs[0].prose == "Article 0 says 5%.\n"  # inflated again when read again


@SETTINGS
@given(st.text())
def test_any_document_survives_packing(text: str) -> None:
    doc, _ = build_document("h.md", text.encode("utf-8", "surrogatepass"))
    packed = pickle.loads(pickle.dumps(doc))
    assert packed == doc
    assert packed.has_directive_marker == ("factlint-" in doc.text)
    assert packed.has_sic_marker == doc.has_sic_marker
    offset = len(doc.text) // 2
    assert packed.line_col(offset) == doc.line_col(offset)
