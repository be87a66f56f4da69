"""FL606 truncated-text: an article, or a paragraph, cut off mid-sentence.

An article's last paragraph that ends without terminal punctuation, after a sentence
has started ("…internationally. Speed"), or on a lowercase word, was cut short by a
length limit or a broken export. Headings, bylines, credits, list items and tables
end without punctuation legitimately and are never checked; nor is a short last line
that speaks to the reader outside a quotation ("Tell us what you think of the"), a
site's call to act. A last line in sentence case longer than subheadings are (over
eleven words) ending on a lowercase word was cut, unless it is a note about the article
("first appeared in").

Inside the article only the clearest cases are reported: a paragraph ending on a comma
or a function word whose next paragraph starts in lowercase, i.e. one paragraph cut
in two; and a paragraph of prose (twelve words or more, in sentence case) that stops
on a word leading on to more ("during the", "because of"), whatever follows it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.blocks import Block
from factlint.checks.phrase_lists import starts_as_leftover
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL606",
        name="truncated-text",
        category="garbled",
        severity=Severity.WARNING,
        summary="The article or a paragraph is cut off mid-sentence",
        rationale=(
            "Text that stops mid-sentence was cut by a length limit, a broken export or a "
            "bad copy, and whatever followed (often a qualification or a source) is lost. "
            "Only paragraphs are checked: headings, bylines, credits, list items and tables "
            "end without punctuation legitimately."
        ),
        examples_fail=(
            "Analysts say China is poised to shape how AI is used at home and abroad, while the "
            "US leads in\n"
            "\n"
            "speed of experimentation, they say.\n",
            "Analysts say the US leads in speed of experimentation. China is poised to shape how "
            "AI is used at home and abroad. Speed\n",
        ),
        examples_pass=(
            "Analysts say the US leads in speed of experimentation. China is poised to shape how "
            "AI is used at home and abroad.\n"
            "\n"
            "Mao Paishou\n",
            "Analysts say the US leads in speed of experimentation, while China is poised to shape "
            "how AI is used (Reuters)\n",
        ),
    ),
)
SCOPE = "document"

_TERMINAL = fastre.compile(r"[.!?…。！？:;][\"”’'»)\]]*$|[\"”’'»)\]]$")
# The end of the last complete sentence inside a paragraph.
_SENTENCE_END = fastre.compile(r"[.!?…。！？][\"”’'»)\]]*\s+(?=\S)")
_LAST_WORD = fastre.compile(r"[\p{L}\p{M}\p{N}'’-]+$")
_FIRST_WORD = fastre.compile(r"^[\"“‘'(\[]*([\p{L}\p{M}'’-]+)")
# "Photo: Reuters", "Source: Xinhua", "Editor's note: …": a label, not "He said:".
_LABEL = fastre.compile(r"^\p{Lu}[\p{L}'’]*(?:\s+(?:\p{Lu}[\p{L}'’]*|note|credits?))?\s*:")
_CREDIT = fastre.compile(
    r"^(?:\(?(?:additional\s+)?(?:reporting|editing|writing|written|edited|compiled|translated|"
    r"photos?|video|graphics?|illustration|produced)\b.{0,40}\bby\b|via\b|source\b|"
    r"(?:photos?|image|picture)\s*(?:credit)?\s*[:/])",
    regex.I,
)
# Words that lead on to more of the sentence (a paragraph ending on one was cut in two).
# Not doubled_word's FUNCTION_WORDS: "it" or "them" can end a sentence.
LEADS_ON = frozenset(
    """
    a an the of to in on at by for from with into onto than that which who whom whose
    and or but nor as is are was were be been being has have had its their his her our
    your my this these those if because while when where whether about between among
    """.split()
)
# Words a finished sentence cannot end on: a clause or phrase was still to come.
DANGLING = LEADS_ON | frozenset(
    """
    could would should can will may might must shall not although though unless until since
    so also nor
    """.split()
)
# Of those, the ones a headline or subheading can end on ("… the headlines about her",
# "What the rules mean for those in", "Here is when"): a short last line that ends on
# one reads as a heading as well as a cut sentence.
_HEADLINE_ENDINGS = frozenset(
    """
    her that this these those in on about since so who which when where while whether
    """.split()
)
_DANGLING_AFTER_HEADING = DANGLING - _HEADLINE_ENDINGS
# One-word sign-offs that end an article without a full stop.
_AGENCIES = frozenset(
    """
    reuters ap afp xinhua bloomberg cnn bbc ians pti ani upi efe dpa ansa kyodo yonhap tass
    bernama antara cna ends end
    """.split()
)


# A short last line that a headline's grammar would not give (headlines drop articles,
# auxiliaries and subject pronouns): a subject pronoun first ("He said it had cast a
# spotlight on") or reporting after a quotation ("…,” she said of the), or a determiner
# first and a finite verb after it ("The incident has occurred at a time when Japan is").
_SUBJECT_PRONOUNS = frozenset("he she they it we i".split())
_DETERMINERS = frozenset("the a an all some most many both each every his her their its".split())
_FINITE = frozenset(
    """
    is are was were has have had will would could should can may might must did does do
    said says told
    """.split()
)
_REPORTING = frozenset("said says told".split())
_WORDS = fastre.compile(r"[\p{L}\p{M}\p{N}'’.-]+")
_OPENING_QUOTE = fastre.compile(r"^[\"“]")
_CLOSING_QUOTE = fastre.compile(r"[\"”]")


def _sentence_grammar(fragment: str) -> bool:
    words = [w.lower() for w in _WORDS.findall(fragment)]
    if len(words) < 6:
        return False
    if words[0] in _SUBJECT_PRONOUNS:
        return True
    if words[0] in _DETERMINERS and any(w in _FINITE for w in words[1:]):
        return True
    return any(a in _SUBJECT_PRONOUNS and b in _REPORTING for a, b in itertools.pairwise(words))


def _unclosed_quotation(fragment: str) -> bool:
    return _OPENING_QUOTE.match(fragment) is not None and not _CLOSING_QUOTE.search(fragment, 1)


# A short last line that speaks to the reader, or as the publication, outside any
# quotation, is a site's call to act or a note, not a sentence cut short.
_TO_THE_READER = fastre.compile(r"\b(?:you|your|our|us)\b", regex.I)
# Sentence-case subheadings run to about eleven words ("There were 'concerns' in the
# royal family about Archie's skin color"); most cut last lines seen run to 12-17.
_SUBHEADING_MAX_WORDS = 11
# "This article first appeared in the print edition": a note that may end unpunctuated.
_ABOUT_THE_ARTICLE = fastre.compile(
    r"\b(?:(?:article|story|report|column|piece|interview)\s+(?:was|has|is|first|originally)|"
    r"(?:originally|first)\s+(?:appeared|published|ran)|views\s+expressed|print\s+edition|"
    r"contributed\s+to\s+this|rights\s+reserved|copyright|newsletter|subscribe)\b",
    regex.I,
)
_QUOTE_MARK = fastre.compile(r"[\"“”«»]")


def _unfinished_ending(block_text: str, *, heading: bool = False) -> tuple[int, str] | None:
    """(offset of the unfinished sentence, why) when a last paragraph stops mid-sentence.

    A short last line (`heading`: blocks reads it as one) may be a sentence-case
    subheading, so only an ending no headline has gives it away, or a length no
    subheading has: more than eleven words, ending on a lowercase word.
    """
    text = block_text.rstrip()
    if not text or _TERMINAL.search(text):
        return None
    ends = list(_SENTENCE_END.finditer(text))
    fragment_start = ends[-1].end() if ends else 0
    fragment = text[fragment_start:]
    words = fragment.split()
    last = _LAST_WORD.search(text)
    if not words or last is None:
        return None  # ends in a symbol, an emoji or a number sign: not prose
    last_word = last.group()
    if words[-1][:1] in "@#":
        return None  # a handle or hashtag: social-media furniture, not a sentence
    if _LABEL.match(fragment) or _CREDIT.match(fragment) or "|" in fragment or "©" in fragment:
        return None  # a credit or a label ("Photo: Reuters", "Reporting by …")
    if ends:
        if len(words) == 1 and last_word.lower() in _AGENCIES:
            return None
        if len(words) > 1 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            return None  # a byline or credit run into the paragraph ("Max Lee, KBS News")
        if last_word.isupper() and len(last_word) > 1:
            return None
        return fragment_start, "a sentence starts and does not end"
    if heading and _TO_THE_READER.search(fragment) and not _QUOTE_MARK.search(fragment):
        return None  # "Have a story idea for our reporters to look into": a call to act
    dangling = _DANGLING_AFTER_HEADING if heading else DANGLING
    if len(words) >= 4 and (text.endswith(",") or last_word.lower() in dangling):
        return fragment_start, f"it ends on '{text.split()[-1]}'"
    if heading and len(words) >= 4 and _unclosed_quotation(fragment):
        return fragment_start, "a quotation opens and does not close"
    if heading and last_word[:1].islower() and _sentence_grammar(fragment):
        return fragment_start, "a sentence, not a heading, ends without punctuation"
    # A line longer than subheadings are, in sentence case and last in the article, was
    # cut, unless it is a note about the article itself.
    long_enough = len(words) > _SUBHEADING_MAX_WORDS if heading else len(words) >= 8
    note = heading and _ABOUT_THE_ARTICLE.search(fragment) is not None
    if long_enough and not note and last_word[:1].islower():
        return fragment_start, "it ends on a lowercase word without punctuation"
    return None


def _tail_blanked(analysis: Analysis, end: int) -> bool:
    """Whether masked text (a URL, code, a link) follows the block on its line."""
    doc = analysis.doc
    line_end = doc.text.find("\n", end)
    line_end = len(doc.text) if line_end < 0 else line_end
    return bool(doc.text[end:line_end].strip())


# The credit line an embedded social-media post ends with: "— Name (@handle) Month D, YYYY".
_EMBEDDED_POST = fastre.compile(
    r"[—–-]{1,2}[ \t]*[^\n]{1,100}\(@\w{1,30}\)[ \t]+\p{L}+\.?[ \t]+\d{1,2},[ \t]+\d{4}\s*$"
)


def _last_paragraph(analysis: Analysis) -> Block | None:
    """The last paragraph, when only short title-like lines (bylines, credits) follow it.

    A short last line reads as a heading or a byline, unless it reads as a sentence: then
    it is a last paragraph cut short ("All five victims were taken").
    """
    blocks, text = analysis.blocks, analysis.doc.text
    if blocks and blocks[-1].kind == "heading" and len(blocks) > 1:
        last = blocks[-1]
        marked = text[text.rfind("\n", 0, last.span.start) + 1 : last.span.start].strip()
        line = text[last.span.start : last.span.end]
        if not marked and _reads_as_sentence(line) and not starts_as_leftover(line):
            return last
    for block in reversed(blocks):
        if block.kind == "paragraph":
            # "Read more: Crowdstrike may lose $16 billion": a link's headline, not prose;
            # "… — Bank of England (@bankofengland) August 3, 2023": an embedded post.
            words = text[block.span.start : block.span.end]
            if starts_as_leftover(words) or _EMBEDDED_POST.search(words):
                continue
            return block
        if block.kind != "heading":
            return None
    return None


def _reads_as_sentence(line: str) -> bool:
    """Sentence case over at least four words: not a title or a byline."""
    words = line.split()
    if len(words) < 4 or not _FIRST_WORD.match(line):
        return False
    lower = sum(w[:1].islower() for w in words[1:])
    upper = sum(w[:1].isupper() for w in words[1:])
    return words[0].lstrip("\"“‘'(")[:1].isupper() and lower > 2 * upper


def _cut_paragraphs(analysis: Analysis) -> Iterator[tuple[Span, str]]:
    """(last word of a paragraph, next paragraph's first word) for paragraphs cut in two."""
    doc = analysis.doc
    blocks = analysis.blocks
    for block, after in itertools.pairwise(blocks):
        if block.kind != "paragraph" or after.kind != "paragraph":
            continue
        if "\n" not in doc.text[block.span.end : after.span.start].replace("\n", "", 1):
            continue  # no blank line between them
        text = doc.prose[block.span.start : block.span.end]
        nxt = _FIRST_WORD.match(doc.prose[after.span.start : after.span.end])
        if nxt is None or not nxt.group(1)[:1].islower():
            continue
        if _tail_blanked(analysis, block.span.end):
            continue
        last = _LAST_WORD.search(text)
        if text.endswith(","):
            yield Span(block.span.end - 1, block.span.end), nxt.group(1)
        elif last is not None and last.group().lower() in LEADS_ON:
            yield Span(block.span.end - len(last.group()), block.span.end), nxt.group(1)


# A paragraph this long is prose, not a heading or a caption left unpunctuated.
_PROSE_MIN_WORDS = 12


def _broken_off_paragraphs(analysis: Analysis) -> Iterator[Span]:
    """The last word of each paragraph inside the article that stops on a word leading
    on to more ("… with chances of dew during the"), whatever follows it."""
    doc = analysis.doc
    for block, after in itertools.pairwise(analysis.blocks):
        if block.kind not in ("paragraph", "heading") or after.kind not in ("paragraph", "heading"):
            continue
        # An unpunctuated line reads as a heading; one marked as a heading ("## ...") is one.
        line_start = doc.text.rfind("\n", 0, block.span.start) + 1
        if block.kind == "heading" and doc.text[line_start : block.span.start].strip():
            continue
        text = doc.prose[block.span.start : block.span.end].rstrip()
        last = _LAST_WORD.search(text)
        leads_on = LEADS_ON if block.kind == "paragraph" else LEADS_ON - _HEADLINE_ENDINGS
        if last is None or last.group().lower() not in leads_on or _TERMINAL.search(text):
            continue
        nxt = _FIRST_WORD.match(doc.prose[after.span.start : after.span.end])
        if nxt is not None and nxt.group(1)[:1].islower():
            continue  # one paragraph cut in two: `_cut_paragraphs` tells it
        if len(text.split()) < _PROSE_MIN_WORDS or not _reads_as_sentence(text):
            continue
        if _tail_blanked(analysis, block.span.end) or starts_as_leftover(text):
            continue
        end = block.span.start + len(text)
        yield Span(end - len(last.group()), end)


# A list item runs to a line or two; a paragraph cut short may run longer.
_ITEM_MAX_WORDS = 30


def _listed(analysis: Analysis, last: Block) -> bool:
    """Whether the last paragraph is an item of a list that a line ending in a colon
    introduced, its bullets lost in a copy ("Key takeaways include:", "Restoring $32
    million for CUNY", "$184 million for violence prevention programs")."""
    prose, blocks = analysis.doc.prose, analysis.blocks
    at = blocks.index(last)
    for block in (last, *reversed(blocks[:at])):
        line = prose[block.span.start : block.span.end].rstrip()
        if block is not last and line.endswith(":"):
            return True
        if len(line.split()) > _ITEM_MAX_WORDS or (block is not last and _TERMINAL.search(line)):
            return False
    return False


def cut_ending(analysis: Analysis) -> tuple[Span, str] | None:
    """The unfinished sentence an article breaks off in, and why it reads so; None when
    the article ends as it should."""
    last = _last_paragraph(analysis)
    if last is None or _tail_blanked(analysis, last.span.end) or _listed(analysis, last):
        return None
    text = analysis.doc.prose[last.span.start : last.span.end]
    found = _unfinished_ending(text, heading=last.kind == "heading")
    if found is None:
        return None
    offset, why = found
    return Span(last.span.start + offset, last.span.end), why


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    for span, next_word in _cut_paragraphs(analysis):
        yield ctx.finding(
            "FL606",
            doc,
            span,
            f"paragraph breaks off mid-sentence; the next paragraph continues with '{next_word}'",
            key=f"cut|{doc.prose[max(0, span.start - 40) : span.end].strip()}",
        )
    for span in _broken_off_paragraphs(analysis):
        yield ctx.finding(
            "FL606",
            doc,
            span,
            f"paragraph breaks off mid-sentence on '{doc.prose[span.start : span.end]}'",
            key=f"stop|{doc.prose[max(0, span.start - 40) : span.end].strip()}",
        )
    found = cut_ending(analysis)
    if found is None:
        return
    span, why = found
    fragment = " ".join(doc.text[span.start : span.end].split())
    shown = fragment if len(fragment) <= 60 else "…" + fragment[-59:]
    yield ctx.finding(
        "FL606",
        doc,
        span,
        f"the article ends mid-sentence ('{shown}'): {why}; text may be missing",
        key=f"end|{fragment[-60:]}",
    )
