"""FL501-FL504: duplicated paragraphs, headings and sentences, near-duplicates and
short paragraphs that restate their neighbour."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.checks import duplicates
from factlint.checks.duplicates import (
    differs_in_figures,
    figures,
    names,
    normalise,
    word_coverage,
)
from factlint.document import document_from_text
from factlint.errors import ConfigError
from factlint.fix import apply_fixes_as_read
from factlint.model import Finding
from factlint.rule import Context
from tests.helpers import check_findings, find_check, run_rule

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = Path(__file__).resolve().parent / "corpus_regressions" / "duplicates"
SEED_002 = ROOT / "seeds" / "002_4e47a948c7735e86.txt"
IDS = ("FL501", "FL502", "FL503", "FL504")

BUDGET = "The council approved the budget after a long debate on Tuesday."
PARKS = "Residents had asked for more money for parks and playgrounds."
WATER = (
    "The regional water authority will raise its rates for households and businesses "
    "from the start of next year, officials said."
)
DIVERTED = "Traffic will be diverted through the town centre for six weeks."
SMITH = (
    "Microsoft President Brad Smith told a congressional hearing that whether America or "
    "China wins the AI race depends on whose technology is adopted first across the rest "
    "of the world, and that whoever gets there first will be difficult to supplant for "
    "many years."
)


def all_findings(text: str, path: str = "t.md", **options: object) -> list[Finding]:
    """Every finding of the module, for tests that look at more than one rule."""
    doc = document_from_text(text, path)
    ctx = Context(
        rules={r.id: r for r in duplicates.RULES},
        options={**duplicates.DEFAULTS, **options},
    )
    return sorted(duplicates.check(Analysis(doc), ctx), key=Finding.sort_key)


def tuples(text: str, path: str = "t.md", **options: object) -> list[tuple[str, int, int]]:
    return [
        (f.rule_id, f.location.line, f.location.col) for f in all_findings(text, path, **options)
    ]


# --- FL501 duplicate paragraph -------------------------------------------------------

FL501_CASES = [
    # the same paragraph twice, at its second copy
    (f"{BUDGET}\n\n{PARKS}\n\n{BUDGET}\n", [("FL501", 5, 1)]),
    # near-miss: the copy changed the day
    (f"{BUDGET}\n\n{PARKS}\n\n{BUDGET.replace('Tuesday', 'Wednesday')}\n", []),
    # curly against straight quotes, dashes, case, spacing and the final full stop
    (
        "Officials said the road will reopen “as soon as it is safe” — perhaps soon.\n\n"
        'officials said  the road will reopen "as soon as it is safe" - perhaps soon\n',
        [("FL501", 3, 1)],
    ),
    # near-miss: same words, different figure
    (
        "The fund holds 60 billion yuan, the ministry said on Monday.\n\n"
        "The fund holds 60.06 billion yuan, the ministry said on Monday.\n",
        [],
    ),
    # hard-wrapped in one copy, one line in the other
    (
        f"{WATER}\n\n{PARKS}\n\n"
        "The regional water authority will raise its rates for households\n"
        "and businesses from the start of next year, officials said.\n",
        [("FL501", 5, 1)],
    ),
    # near-miss: a short paragraph repeated is a sign-off, not an accident
    ("Thank you for reading.\n\nThe end of the story is here now.\n\nThank you for reading.\n", []),
    # CMS export: one paragraph per line, no blank lines
    (f"{BUDGET}\n{PARKS}\n{BUDGET}\n", [("FL501", 3, 1)]),
    # Markdown emphasis does not hide a copy
    (f"{BUDGET}\n\n{PARKS}\n\n**{BUDGET[:-1]}**.\n", [("FL501", 5, 3)]),
    # three copies: the second and the third
    (f"{BUDGET}\n\n{BUDGET}\n\n{BUDGET}\n", [("FL501", 3, 1), ("FL501", 5, 1)]),
]


@pytest.mark.parametrize(("text", "expected"), FL501_CASES)
def test_fl501_duplicate_paragraph(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run_rule("FL501", text) == expected


def test_fl501_points_at_the_first_copy_and_its_fix_deletes_the_second() -> None:
    text = f"{BUDGET}\n\n{PARKS}\n\n{BUDGET}\n\nA last paragraph follows here.\n"
    [finding] = all_findings(text)
    assert finding.message == "paragraph repeated; first appears at line 1"
    assert [r.location.line for r in finding.related] == [1]
    assert finding.key == normalise(BUDGET)
    assert finding.fix is not None
    fixed = text[: finding.fix.span.start] + finding.fix.replacement + text[finding.fix.span.end :]
    assert fixed == f"{BUDGET}\n\n{PARKS}\n\nA last paragraph follows here.\n"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # last paragraph, no final line break
        (f"{BUDGET}\n\n{PARKS}\n\n{BUDGET}", f"{BUDGET}\n\n{PARKS}"),
        # one paragraph per line
        (f"{BUDGET}\n{PARKS}\n{BUDGET}\n{DIVERTED}\n", f"{BUDGET}\n{PARKS}\n{DIVERTED}\n"),
    ],
)
def test_fl501_fix_keeps_the_layout(text: str, fixed: str) -> None:
    [finding] = all_findings(text)
    assert finding.fix is not None
    span = finding.fix.span
    assert text[: span.start] + finding.fix.replacement + text[span.end :] == fixed


def test_fl501_fix_with_crlf_line_breaks() -> None:
    text = f"{BUDGET}\r\n\r\n{PARKS}\r\n\r\n{BUDGET}\r\n\r\n{DIVERTED}\r\n"
    [finding] = all_findings(text)
    assert (finding.rule_id, finding.location.line) == ("FL501", 5)
    assert finding.fix is not None
    # located in the text as read (CR LF as LF), applied to the file's own text
    fixed, applied = apply_fixes_as_read(text, [finding.fix])
    assert applied == [finding.fix]
    assert fixed == f"{BUDGET}\r\n\r\n{PARKS}\r\n\r\n{DIVERTED}\r\n"


def test_table_rows_are_not_paragraphs() -> None:
    row = "| Turkey | removed from the list of travel corridors |"
    assert tuples(f"{row}\n{row}\n\n{PARKS}\n") == []


def test_fl501_has_no_fix_when_the_copies_differ_in_the_file() -> None:
    # Same prose, different quote style: deleting either would change the text.
    text = "He said it was “a good day for the city”, and left.\n\n" + (
        'He said it was "a good day for the city", and left.\n'
    )
    [finding] = all_findings(text)
    assert (finding.rule_id, finding.fix) == ("FL501", None)


# --- FL503 repeated heading ---------------------------------------------------------

FL503_CASES = [
    # the title repeated as the first line of the body (plain text export)
    (
        "China's AI industry looks unstoppable\n\nChina's AI industry looks unstoppable\n\n"
        "by Chief Editor\n\nThe body starts here with a sentence.\n",
        [("FL503", 3, 1)],
    ),
    # a title ending in a question mark reads as a paragraph, but is still the title
    (
        "Can China overtake the US in AI?\n\nCan China overtake the US in AI?\n\n"
        "The body starts here with a sentence.\n",
        [("FL503", 3, 1)],
    ),
    # near-miss: a different subtitle
    (
        "China's AI industry looks unstoppable\n\nChina's AI industry keeps growing\n\n"
        "The body starts here with a sentence.\n",
        [],
    ),
    # a Markdown section heading used twice
    (
        "## What happens next\n\nThe vote is on Monday.\n\n## What happens next\n\nNobody knows.\n",
        [("FL503", 5, 4)],
    ),
    # near-miss: a two-word heading repeated ("Related stories") is navigation
    ("## Related stories\n\nOne.\n\n## Related stories\n\nTwo.\n", []),
    # near-miss: the credit line under each embedded post is no heading
    (
        "France won the final.\n\nWhat a night for France!\n— Sports Desk (@desk) July 15, "
        "2018\n\nThe crowd sang.\n\nWhat a match it was!\n— Sports Desk (@desk) July 15, "
        "2018\n\nThe end of the day.\n",
        [],
    ),
    # near-miss: a Markdown title repeating the front matter title is normal
    (
        f'---\ntitle: "Council approves budget"\n---\n\n# Council approves budget\n\n{BUDGET}\n',
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FL503_CASES)
def test_fl503_repeated_heading(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run_rule("FL503", text) == expected


def test_fl503_is_information_and_has_no_fix() -> None:
    text = "Budget approved after long debate\n\nBudget approved after long debate\n\nBody.\n"
    [finding] = all_findings(text)
    assert (finding.rule_id, str(finding.severity), finding.fix) == ("FL503", "info", None)


# --- FL504 repeated sentence --------------------------------------------------------

FL504_CASES = [
    # pasted twice inside one paragraph
    (f"The bridge will close in May. {DIVERTED} {DIVERTED}\n", [("FL504", 1, 95)]),
    # near-miss: the second sentence says something else
    (
        f"The bridge will close in May. {DIVERTED} "
        "Buses will be diverted through the town centre for two weeks.\n",
        [],
    ),
    # across two paragraphs
    (
        f"The bridge will close in May. {DIVERTED}\n\n"
        f"Shops expect fewer customers. {DIVERTED} Nobody is happy.\n",
        [("FL504", 3, 31)],
    ),
    # a sentence repeated inside and outside a quotation
    (
        "She spoke for an hour. “The vote was rigged from the very start.” Then she left.\n\n"
        "Nobody answered her. The vote was rigged from the very start.\n",
        [("FL504", 3, 22)],
    ),
    # near-miss: short rhetorical repeats in a quote
    ("\"It's that big. They are liable for everything now. It's that big.\"\n", []),
    # a copy standing alone is reported even when it comes first (a pull quote)
    (
        f"{DIVERTED}\n\nThe bridge will close in May. {DIVERTED} Shops expect fewer "
        "customers in the town centre.\n",
        [("FL504", 1, 1)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FL504_CASES)
def test_fl504_repeated_sentence(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run_rule("FL504", text) == expected


def test_a_repeated_paragraph_is_not_also_reported_sentence_by_sentence() -> None:
    para = f"The bridge will close for repairs in May. {DIVERTED} Shops expect fewer customers."
    assert tuples(f"{para}\n\n{PARKS}\n\n{para}\n") == [("FL501", 5, 1)]


# --- FL502 near-duplicate pairs ------------------------------------------------------

FL502_PAIR_CASES = [
    # one word edited in one copy and not the other
    (f"{WATER}\n\n{PARKS}\n\n{WATER.replace('rates', 'rate')}\n", [("FL502", 5, 1)]),
    # near-miss: the figure changed: a conflict for the number checks, not a repeat
    (
        "The authority will raise its rates by 4 percent from the start of next year, "
        f"officials said.\n\n{PARKS}\n\n"
        "The authority will raise its rates by 6 percent from the start of next year, "
        "officials said.\n",
        [],
    ),
    # a misspelling in the copy
    (
        f"{WATER}\n\n{PARKS}\n\n{WATER.replace('authority', 'authroity')}\n",
        [("FL502", 5, 1)],
    ),
    # near-miss: the date changed
    (
        "The council will vote on the new budget for the city in May, the mayor said.\n\n"
        f"{PARKS}\n\n"
        "The council will vote on the new budget for the city in June, the mayor said.\n",
        [],
    ),
    # near-miss: a different place: the same sentence about two lists is two facts
    (
        "Turkey, Poland and the Caribbean islands of Bonaire, St Eustatius and Saba have been "
        "removed from the Government's list of travel corridors.\n\n"
        f"{PARKS}\n\n"
        "Turkey, Poland, Bonaire, St Eustatius and Saba have also been removed from the "
        "Scottish Government's list of travel corridors.\n",
        [],
    ),
    # near-miss: parallel statements that differ in one content word
    (
        "Schools in the northern districts will remain closed until further notice, the "
        "ministry said.\n\nSchools in the southern districts will remain closed until "
        "further notice, the ministry said.\n",
        [],
    ),
    # a near-identical sentence inside two different paragraphs
    (
        "The mayor spoke first. The committee will publish its final report on the "
        "harbour project next spring. Then questions followed.\n\n"
        "Reporters asked about costs. The committee will publish the final report on the "
        "harbour project next spring. Nobody answered.\n",
        [("FL502", 3, 30)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FL502_PAIR_CASES)
def test_fl502_near_duplicate_pairs(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run_rule("FL502", text) == expected


def test_fl502_pair_names_the_other_passage_and_the_score() -> None:
    [finding] = all_findings(f"{WATER}\n\n{PARKS}\n\n{WATER.replace('rates', 'rate')}\n")
    assert finding.message == "nearly repeats the paragraph at line 1 (similarity 99)"
    assert [r.location.line for r in finding.related] == [1]


def test_fl502_scorer_and_threshold_options() -> None:
    reordered = (
        "From the start of next year, the regional water authority will raise its rates "
        "for households and businesses, officials said."
    )
    text = f"{WATER}\n\n{PARKS}\n\n{reordered}\n"
    assert tuples(text) == []
    assert tuples(text, scorer="token_sort_ratio") == [("FL502", 5, 1)]
    edited = f"{WATER}\n\n{PARKS}\n\n{WATER.replace('rates', 'rate')}\n"
    assert tuples(edited, threshold=99.9) == []


def test_fl502_min_words_option() -> None:
    text = "The mayor resigned on the spot.\n\nNobody saw it.\n\nThe mayor resigned on the spot!\n"
    assert tuples(text) == [("FL501", 5, 1)]
    assert tuples(text, min_words=7) == []


def test_an_unknown_scorer_is_a_located_configuration_error() -> None:
    with pytest.raises(ConfigError, match="unknown scorer 'fuzzy'"):
        tuples(f"{BUDGET}\n", scorer="fuzzy")


# --- FL502 a short paragraph restating its neighbour ---------------------------------

RESTATE_CASES = [
    # a pull quote after the paragraph it summarises
    (
        f"{SMITH}\n\nMicrosoft's Brad Smith warns that global AI dominance goes to whoever "
        "gets adopted worldwide first, and China is moving.\n",
        [("FL502", 3, 1)],
    ),
    # near-miss: a short paragraph that continues the story with a new fact and a name
    (
        f"{SMITH}\n\nGoogle and Amazon declined to comment on the hearing, which ran for "
        "three hours.\n",
        [],
    ),
    # near-miss: the same summary as a question
    (
        f"{SMITH}\n\nWill Microsoft's Brad Smith be right that global AI dominance goes to "
        "whoever gets adopted worldwide first?\n",
        [],
    ),
    # near-miss: a lead-in before the quote it previews
    (
        "Amidst this shocking news, the governor called for calm at this difficult time in "
        "the territory.\n\n"
        "“I realise this will be shocking news for people in the territory. And I would "
        "call for calm at this difficult time. The deputy will act in my place until the "
        "inquiry is over and I will provide a further update in due course.”\n",
        [],
    ),
    # near-miss: the short paragraph adds a figure the long one does not have
    (
        f"{SMITH}\n\nMicrosoft's Brad Smith warns that global AI dominance goes to whoever "
        "gets adopted worldwide first, within 5 years.\n",
        [],
    ),
    # a headline-style summary of the paragraph before it
    (
        "Microsoft President Brad Smith told reporters in Beijing that the company would "
        "keep investing in China, because the market was far too important to leave to "
        "others, and that its research lab in the Chinese capital employs many engineers.\n\n"
        "Microsoft's Brad Smith says the company will keep investing in China despite "
        "tensions.\n",
        [("FL502", 3, 1)],
    ),
    # near-miss: the story going on, with the same names and topic words
    (
        "While Meadows' announcement of his retirement came before the final deadline, it "
        "was two days after the deadline for candidates to switch offices, boxing out any "
        "state legislator with congressional ambitions who was planning a run.\n\n"
        "In announcing his retirement, Meadows said he never planned to stay in Congress "
        "long-term.\n",
        [],
    ),
    # near-miss: an update repeats on purpose
    (
        "Police in Manchester arrested two men on Tuesday after a series of burglaries in "
        "the Didsbury area, where residents had complained for weeks about break-ins at "
        "homes and garages, officers said.\n\n"
        "Update: Police in Manchester have charged the men arrested over the Didsbury "
        "burglaries.\n",
        [],
    ),
    # a sentence of few content words copied whole from the paragraph before it
    (
        "On the first and last days of voting, hours will be extended from 10 a.m. to 9 p.m. "
        "Email the housing office or call the hotline for more information. Additional "
        "details can be found online.\n\n"
        "On the first and last days of voting, hours will be extended from 10 a.m. to 9 p.m.\n",
        [("FL502", 3, 1)],
    ),
    # near-miss: as few content words, not all of them there in order
    (
        "On the first and last days of voting, hours will be extended from 10 a.m. to 9 p.m. "
        "Email the housing office or call the hotline for more information. Additional "
        "details can be found online.\n\n"
        "On the last day of voting, hours will not be extended past 9 p.m. at all.\n",
        [],
    ),
    # a caption under a photo, restating the paragraph above the photo
    (
        "The city council approved a new budget of $12 million for road repairs on "
        "Tuesday, after months of debate among residents and officials.\n\n"
        "![Road works](roads.jpg)\n\n"
        "The city council approved a $12 million budget for road repairs on Tuesday.\n",
        [("FL502", 5, 1)],
    ),
    # near-miss: a heading between them starts another section
    (
        "The city council approved a new budget of $12 million for road repairs on "
        "Tuesday, after months of debate among residents and officials.\n\n"
        "## Road works\n\n"
        "The city council approved a $12 million budget for road repairs on Tuesday.\n",
        [],
    ),
    # near-miss: a question as a subheading, answered by the paragraph after it
    (
        "When will Messi play his first game for Inter Miami?\n\n"
        "There is no official update from the club on whether or when Messi will play his "
        "first game for the team, but Inter Miami are scheduled to play in the MLS on "
        "August 21 against Charlotte.\n",
        [],
    ),
    # an image caption that copies the lead after it, nearly word for word
    (
        "Agents found 475 pounds of cocaine inside a vessel at the Las Croabas boat ramp. "
        "Photo by CBP\n\n"
        "Customs and Border Protection agents found 475 pounds of cocaine concealed inside "
        "a vessel being removed from the water at the Las Croabas boat ramp on Sunday, the "
        "agency announced. The estimated value is high.\n",
        [("FL502", 1, 1)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RESTATE_CASES)
def test_fl502_short_paragraph_restating_its_neighbour(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert run_rule("FL502", text) == expected


def test_seed_002_captions_and_pull_quotes() -> None:
    text = SEED_002.read_text(encoding="utf-8")
    found = all_findings(text, str(SEED_002))
    assert [(f.rule_id, f.location.line, f.location.col) for f in found] == [
        ("FL502", 5, 1),
        ("FL502", 8, 1),
        ("FL502", 21, 1),
    ]
    assert [r.location.line for f in found for r in f.related] == [3, 7, 20]
    assert found[1].message == (
        "short paragraph restates the paragraph before it (line 7): shares 7 of its 15 "
        "content terms and 3 names; a caption, a pull quote or a redundant summary?"
    )


@pytest.mark.parametrize(
    "seed",
    [
        "000_b2a1cf249883d228",
        "001_3d07ea246869d68c",
        "003_e5ad231f2f994792",
        "004_2cb8a2b5be4354fc",
    ],
)
def test_other_seeds_have_no_duplicates(seed: str) -> None:
    path = ROOT / "seeds" / f"{seed}.txt"
    assert tuples(path.read_text(encoding="utf-8"), str(path)) == []


# --- real news: regressions ----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in REGRESSIONS.glob("*.md") if not p.name.startswith("024-")),
)
def test_real_articles_without_duplicates(name: str) -> None:
    # Parallel paragraphs that differ in a figure (042, 054), a lead-in before the quote
    # it previews (008), one sentence about two different lists (050), paragraphs that
    # continue a topic with the same names (017).
    path = REGRESSIONS / name
    assert tuples(path.read_text(encoding="utf-8"), str(path)) == []


def test_real_caption_repeating_the_lead() -> None:
    path = REGRESSIONS / "024-vessel-cocaine-seizure.md"
    found = all_findings(path.read_text(encoding="utf-8"), str(path))
    assert [(f.rule_id, f.location.line, f.location.col) for f in found] == [("FL502", 8, 1)]
    assert found[0].related[0].location.line == 10


# --- pure helpers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("up to $70 billion in AI this year", "up to $700 billion in AI this year", True),
        ("up to $70 billion", "up to $70 million", True),
        ("in September 2024", "in September last year", True),
        ("on Monday", "on Tuesday", True),
        ("the first stage", "the second stage", True),
        ("one in five users", "one in four users", True),
        ("1,000 people", "1000 people", False),
        ("60 billion yuan fund", "fund of 60 billion yuan", False),
        ("The fund grew.", "The fund grew fast.", False),
        ("Residents may comment.", "Residents can comment.", False),  # the verb, not May
    ],
)
def test_differs_in_figures(a: str, b: str, expected: bool) -> None:
    assert differs_in_figures(a, b) is expected
    assert differs_in_figures(b, a) is expected


def test_figures_reads_numbers_words_and_dates() -> None:
    assert figures("In May, 1,200 people and three dogs left on Friday.") == (
        "1200",
        "friday",
        "may",
        "three",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  “Hello”  —  World’s END!  ", "hello\" - world's end"),
        ("“We will fight on.”", "we will fight on"),
        ("A list , with space .", "a list, with space"),
        ("ﬁnance…", "finance"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_names_skip_sentence_openers_and_stopwords() -> None:
    assert names("The Chinese firm Zhipu AI builds. Microsoft's Brad Smith warns.") == {
        "chinese",
        "zhipu",
        "ai",
        "brad",
        "smith",
    }


def test_word_coverage_counts_words_in_order() -> None:
    assert word_coverage("a b c d", "x a y b c z") == 0.75
    assert word_coverage("", "a") == 0.0


# --- metadata and robustness ---------------------------------------------------------


def test_rule_metadata_is_complete_and_examples_behave() -> None:
    check = find_check("FL501")
    assert check.ids == IDS and check.scope == "document"
    options = duplicates.OPTIONS
    assert options == {"scorer": duplicates._SCORERS, "threshold": float, "min_words": int}
    for meta in duplicates.RULES:
        assert meta.category == "duplicate" and meta.summary and meta.rationale
        assert meta.examples_fail and meta.examples_pass
        for text in meta.examples_fail:
            assert check_findings(check, meta.id, text), (meta.id, text)
        for text in meta.examples_pass:
            assert not check_findings(check, meta.id, text), (meta.id, text)


PIECES = st.sampled_from(
    [
        BUDGET,
        PARKS,
        WATER,
        DIVERTED,
        SMITH,
        "It's that big.",
        "“Quoted — text”",
        "## Heading here again",
        "- a list item with words",
        "> a quoted block of text here",
        "\n",
        "\n\n",
        " ",
        "The fund holds 60 billion yuan.",
        "The fund holds 70 billion yuan.",
        "---",
        "```\ncode\n```",
    ]
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=14))
def test_any_text_gives_findings_inside_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    for finding in all_findings(text):
        assert 0 <= finding.span.start < finding.span.end <= len(text)
        assert finding.rule_id in IDS
        for related in finding.related:
            assert related.location.line >= 1
        if finding.fix is not None:
            assert 0 <= finding.fix.span.start <= finding.fix.span.end <= len(text)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=40), st.data())
def test_the_typical_paragraph_length_is_the_median_of_the_others(
    lengths: list[int], data: st.DataObject
) -> None:
    import statistics

    from factlint.checks.duplicates import _median_without

    k = data.draw(st.integers(min_value=0, max_value=len(lengths) - 1))
    others = lengths[:k] + lengths[k + 1 :]
    expected = statistics.median(others) if others else 0
    got = _median_without(sorted(lengths), lengths[k])
    assert got == expected
    assert type(got) is type(expected)
