"""fastre and PhraseSet: faster matching that must find exactly what it replaced."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint import fastre
from factlint.phrases import PhraseSet

PROPERTY = settings(max_examples=300, derandomize=True, deadline=None)

PHRASES = ["launch", "launched", "sign off", "take over", "ipo", "co-founded", "set up shop"]
# Words near the phrases, hyphens, apostrophes, case and odd whitespace.
PIECES = [
    "launch",
    "Launched",
    "LAUNCH",
    "sign",
    "off",
    "Sign  off",
    "take\nover",
    "over",
    "ipo",
    "IPOs",
    "co-founded",
    "co",
    "founded",
    "set up shop",
    "set up",
    "pre-launch",
    "launch-day",
    "-launch",
    "_launch",
    "launch's",
    "x",
    " ",
    "  ",
    "\n",
    ".",
    ",",
    "-",
    "é",
    "2025",
]


def alternation(phrases: list[str]) -> regex.Pattern[str]:
    """The pattern PhraseSet stands in for."""
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in alts)
    return regex.compile(rf"(?<![\w-])(?:{body})(?![\w-])", regex.I)


@PROPERTY
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_phrase_set_finds_what_the_alternation_finds(text: str) -> None:
    expected = [(m.start(), m.end()) for m in alternation(PHRASES).finditer(text)]
    found = [(lo, hi) for lo, hi, _ in PhraseSet(PHRASES).finditer(text)]
    assert found == expected


def test_phrase_set_reports_the_listed_phrase() -> None:
    text = "The firm will Sign\n off today and later take over."
    assert list(PhraseSet(PHRASES).finditer(text)) == [(14, 23, "sign off"), (40, 49, "take over")]


def test_phrase_set_does_not_match_a_word_cut_by_the_range() -> None:
    text = "prelaunch and launch"
    assert [lo for lo, _, _ in PhraseSet(PHRASES).finditer(text, 3)] == [14]


def test_phrase_set_sub() -> None:
    assert PhraseSet(PHRASES).sub(" ", "IPO of co-founded firm") == "  of   firm"


def test_phrase_set_rejects_a_phrase_that_is_not_whole_words() -> None:
    with pytest.raises(ValueError, match="not a phrase of whole words"):
        PhraseSet(["U.S. launch"])


def test_fastre_uses_re_when_it_can_and_regex_otherwise() -> None:
    assert isinstance(fastre._choose(r"\b\d{4}\b", regex.I), re.Pattern)
    assert not isinstance(fastre._choose(r"\p{Lu}\w+", 0), re.Pattern)
    # regex.A is 128, which re reads as DEBUG: it must stay on regex, and mean ASCII.
    assert not isinstance(fastre._choose(r"\w+", regex.A), re.Pattern)
    assert fastre.compile(r"\w+", regex.A).findall("café ab") == ["caf", "ab"]
    # A nested set, which re warns about: regex reads it as written.
    assert not isinstance(fastre._choose(r"[[a]b]", 0), re.Pattern)
    assert fastre.compile(r"[[a]b]").findall("ab] [b] a]b") == ["ab]", "[b]"]


@PROPERTY
@given(
    st.text(max_size=20)
    | st.text(alphabet="a.-()[]{}?*+|^$\\#&~ \t\n\u00a0\u2003\x1cé%'", max_size=12)
)
def test_escape_is_regex_escape(text: str) -> None:
    assert fastre.escape(text) == regex.escape(text)


@PROPERTY
@given(
    st.text(alphabet="abc de", max_size=30),
    st.text(alphabet="abc de", max_size=30),
    st.sampled_from([0.0, 50.0, 80.0, 92.0, 100.0]),
)
def test_similarity_ratio_is_rapidfuzz_ratio(a: str, b: str, cutoff: float) -> None:
    from rapidfuzz import fuzz

    from factlint import similarity

    assert similarity.ratio(a, b, score_cutoff=cutoff) == fuzz.ratio(a, b, score_cutoff=cutoff)


# --- FL303: which speakers a paragraph names, asked once per paragraph -----------------

NAME_PIECES = [
    "Green",
    "green",
    "Rory",
    "O'Brien",
    "O",
    "Brien",
    "Müller",
    "Muller",
    "José",
    "Jose",
    "Smith-Jones",
    "Jones",
    "Mr.",
    "Dr",
    "J.",
    "ﬁsher",
    "fisher",
    " ",
    ", ",
    ". ",
    "\n\n",
    "“",
    "”",
    "’s",
    "42",
    "said",
]


@PROPERTY
@given(
    st.lists(st.sampled_from(NAME_PIECES), max_size=40).map("".join),
    st.lists(st.lists(st.sampled_from(NAME_PIECES), max_size=5).map("".join), max_size=6),
)
def test_speakers_named_near_a_quote_are_those_a_word_by_word_search_finds(
    text: str, speakers: list[str]
) -> None:
    from factlint.analysis import Analysis
    from factlint.checks.attributions import _WORD, _Speakers, fold, name_tokens
    from factlint.claims import Quote
    from factlint.document import build_document
    from factlint.model import Span

    doc, _ = build_document("a.md", f"Intro.\n\n{text}\n\nEnd.\n".encode(), {})
    assert doc is not None
    analysis = Analysis(doc)
    for paragraph in range(len(analysis.paragraphs) + 1):
        quote = Quote(Span(0, 1), "x", "", "", paragraph=paragraph)
        got = _Speakers(speakers).named_near(0, analysis, quote)
        # The search it replaced: the speaker's last name among the words of the quote's
        # paragraph and the next, each speaker asked on its own.
        expected = set()
        paras = analysis.paragraphs
        if paragraph < len(paras):
            lo = paras[paragraph].start
            hi = paras[min(paragraph + 1, len(paras) - 1)].end
            words = " ".join(dict.fromkeys(fold(w) for w in _WORD.findall(doc.prose[lo:hi])))
            expected = {
                sp
                for sp in speakers
                if name_tokens(sp) and f" {name_tokens(sp)[-1]} " in f" {words} "
            }
        assert got == expected


# --- the required string of a rule's regex -----------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"\bATM machines?\b", "ATM machine"),
        (r"\d[\d,.]*\s*%\s*(?:percent|per\s+cent)\b", "%"),
        (r"(?i)\bATM machines?\b", ""),  # any case: no one string is required
        (r"(?:ATM){e<=1}", ""),  # fuzzy: a changed letter matches too
        (r"colou?r|hue", ""),
        (r"(?r)\bend\b", ""),
    ],
)
def test_required_text_is_what_regex_skips_ahead_by(pattern: str, required: str) -> None:
    assert fastre.required_text(regex.compile(pattern)) == required


# Regexes from literals, classes, alternations and repeats: most have a required string.
_PIECE = st.sampled_from(["ab", "b", "ca", r"\d", "[ab]", "(?:a|bc)", "(?:ab)?", "c+", r"\b", "."])
_PATTERNS = st.lists(_PIECE, min_size=1, max_size=5).map("".join)


@PROPERTY
@given(_PATTERNS, st.text(alphabet="abc1 .", max_size=30))
def test_a_text_without_the_required_string_has_no_match(pattern: str, text: str) -> None:
    required = fastre.required_text(regex.compile(pattern))
    if required not in text:
        assert regex.search(pattern, text) is None


@PROPERTY
@given(_PATTERNS.flatmap(lambda p: st.tuples(st.just(p), st.from_regex(p, fullmatch=True))))
def test_every_match_holds_the_required_string(case: tuple[str, str]) -> None:
    pattern, text = case
    assert fastre.required_text(regex.compile(pattern)) in text
