"""The English word list behind FL604's run-together words, and the spelling folds."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from factlint.spelling import is_common_word, is_english_word, us_spelling, word_list

SHIPPED = Path(__file__).resolve().parent.parent / "factlint" / "data" / "english_words.txt"


def test_the_shipped_list_is_the_one_pyspellchecker_gives() -> None:
    spellchecker = pytest.importorskip("spellchecker")
    source = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(source, "rt", encoding="utf-8") as f:
        frequencies = json.load(f)
    assert SHIPPED.read_text(encoding="utf-8") == word_list(frequencies)


@pytest.mark.parametrize(
    ("word", "listed"),
    [
        ("therapy", True),
        ("together", True),
        ("offences", True),  # British "offence", plural: listed as "offense"
        ("todays", True),  # "today's" without its apostrophe: not two words
        ("thegovernment", False),
        ("inthe", False),
    ],
)
def test_words_that_begin_or_end_like_a_run_on(word: str, listed: bool) -> None:
    assert is_english_word(word) is listed


def test_common_words_are_the_parts_a_run_on_may_have() -> None:
    assert is_common_word("government")
    assert not is_common_word("thegovernment")
    assert not is_common_word("zymurgy")


@pytest.mark.parametrize(
    ("british", "american"),
    [("centred", "centered"), ("organisation", "organization"), ("offence", "offense")],
)
def test_british_spellings_fold_into_american(british: str, american: str) -> None:
    assert us_spelling(british) == american
    assert us_spelling(american) == american
