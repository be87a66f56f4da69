"""FL501-FL504 duplicated text inside one article.

Four shapes of the same mistake, reported once each, strongest first:

- FL501 a paragraph repeated verbatim (after normalising whitespace, quote and dash
  styles, case and trailing punctuation);
- FL503 a heading repeated (a title pasted again as the first line of the body, a
  section heading twice): real, but often harmless, so INFO;
- FL504 a sentence repeated (pasted twice, inside one paragraph or across two);
- FL502 near-duplicates: two paragraphs or sentences that differ in a few characters,
  and a short paragraph that restates its neighbour (an image caption or a pull quote
  left in the running text by a scrape or a CMS export).

Two passages that are nearly the same but differ in a figure or a date are not
duplicates: they disagree, and the number and date checks report that. Such pairs are
skipped here; `differs_in_figures` is the shared test. Pairs that differ in a proper
name ("the UK list" / "the Scottish list") are different facts and are skipped too.

Cost: an article has fewer than 200 blocks and a few hundred sentences. Candidate
pairs for the fuzzy scorer come from buckets keyed by each unit's three rarest content
terms (two near-identical passages share their rarest terms), so only shortlisted pairs
are scored; the restatement test only looks at the two blocks before and the one after.
Repeats across articles are out of scope: outlets legitimately share sentences.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from factlint import fastre, similarity
from factlint.analysis import Analysis
from factlint.blocks import Block
from factlint.errors import ConfigError
from factlint.model import Finding, Fix, RuleMeta, Severity, Span, SpanIndex
from factlint.rule import Context
from factlint.subject import STOPWORDS, content_terms

if TYPE_CHECKING:
    from factlint.document import Document

_CAPTION_FAIL = (
    "Microsoft President Brad Smith told a congressional hearing that whether America "
    "or China wins the AI race depends on whose technology is adopted first across the "
    "rest of the world, and that whoever gets there first will be difficult to supplant "
    "for many years.\n\n"
    "Microsoft's Brad Smith warns that global AI dominance goes to whoever gets adopted "
    "worldwide first, and China is moving.\n"
)
_CAPTION_PASS = (
    "Microsoft President Brad Smith told a congressional hearing that whether America "
    "or China wins the AI race depends on whose technology is adopted first across the "
    "rest of the world, and that whoever gets there first will be difficult to supplant "
    "for many years.\n\n"
    "Google and Amazon declined to comment on the hearing, which ran for three hours.\n"
)

RULES = (
    RuleMeta(
        id="FL501",
        name="duplicate-paragraph",
        category="duplicate",
        severity=Severity.WARNING,
        summary="The same paragraph appears twice in one article",
        rationale=(
            "A paragraph pasted twice is an editing accident that readers notice at once. "
            "Paragraphs are compared after normalising whitespace, quote and dash styles, "
            "case and trailing punctuation, so a copy that was retyped with straight "
            "quotes is still found. Paragraphs under six words are ignored. The second "
            "copy is reported, with the first as related location; when both copies are "
            "identical in the file, the fix deletes the second."
        ),
        examples_fail=(
            "The council approved the budget after a long debate on Tuesday.\n\n"
            "Residents had asked for more money for parks.\n\n"
            "The council approved the budget after a long debate on Tuesday.\n",
            "Officials said the road will reopen “as soon as it is safe” — perhaps soon.\n\n"
            'officials said the road will reopen "as soon as it is safe" - perhaps soon\n',
        ),
        examples_pass=(
            "The council approved the budget after a long debate on Tuesday.\n\n"
            "Residents had asked for more money for parks.\n\n"
            "The council approved the budget after a long debate on Wednesday.\n",
            "Thank you.\n\nThank you.\n",
        ),
        fixable=True,
    ),
    RuleMeta(
        id="FL502",
        name="near-duplicate",
        category="duplicate",
        severity=Severity.WARNING,
        summary=(
            "Two passages say nearly the same thing, or a short paragraph restates the "
            "one beside it (a caption or pull quote left in the text)"
        ),
        rationale=(
            "Two paragraphs or sentences that differ in a handful of characters are "
            "usually one passage edited in one place and not the other. A short paragraph "
            "that restates the paragraph before it, sharing its names and most of its "
            "content words, is typically an image caption or a pull quote that a scrape "
            "or CMS export left in the running text. Pairs that differ in a figure, a date "
            "or a proper name are not reported: they are different facts or a conflict "
            "for the number and date checks. Options: scorer (a rapidfuzz.fuzz scorer "
            "name, default ratio), threshold (0-100, default 92), min_words (default 6)."
        ),
        examples_fail=(
            "The regional water authority will raise its rates for households and "
            "businesses from the start of next year, officials said.\n\n"
            "Residents can comment on the plan online.\n\n"
            "The regional water authority will raise its rate for households and "
            "businesses from the start of next year, officials said.\n",
            _CAPTION_FAIL,
        ),
        examples_pass=(
            "The regional water authority will raise its rates by 4 percent from the "
            "start of next year, officials said.\n\n"
            "Residents can comment on the plan online.\n\n"
            "The regional water authority will raise its rates by 6 percent from the "
            "start of next year, officials said.\n",
            _CAPTION_PASS,
        ),
    ),
    RuleMeta(
        id="FL503",
        name="repeated-heading",
        category="duplicate",
        severity=Severity.INFO,
        summary="The same heading appears twice, such as a title repeated in the body",
        rationale=(
            "A title repeated as the first line of the body, or a section heading used "
            "twice, is usually left over from a CMS export. It rarely misleads a reader, "
            "so it is reported as information. Headings under three words ('FAQ', "
            "'Related') are ignored, and a Markdown title that repeats the front matter "
            "title is normal and not reported."
        ),
        examples_fail=(
            "China's AI industry looks unstoppable\n\n"
            "China's AI industry looks unstoppable\n\n"
            "By the editors.\n",
        ),
        examples_pass=(
            "China's AI industry looks unstoppable\n\n"
            "China's AI industry keeps growing fast\n\n"
            "By the editors.\n",
        ),
    ),
    RuleMeta(
        id="FL504",
        name="repeated-sentence",
        category="duplicate",
        severity=Severity.WARNING,
        summary="The same sentence appears twice in one article",
        rationale=(
            "A sentence pasted twice, in the same paragraph or in two, is an editing "
            "accident. Sentences are normalised like paragraphs; sentences under six "
            "words are ignored, because short rhetorical repeats ('It's that big.') are "
            "often deliberate, especially in quotes."
        ),
        examples_fail=(
            "The bridge will close for repairs in May. Traffic will be diverted through "
            "the town centre for six weeks. Traffic will be diverted through the town "
            "centre for six weeks.\n",
        ),
        examples_pass=(
            "The bridge will close for repairs in May. Traffic will be diverted through "
            "the town centre for six weeks. Buses will be diverted through the town "
            "centre for two weeks.\n",
            "It's that big. They are liable now. It's that big.\n",
        ),
    ),
)
SCOPE = "document"
_SCORERS = (
    "ratio",
    "partial_ratio",
    "token_sort_ratio",
    "token_set_ratio",
    "partial_token_sort_ratio",
    "partial_token_set_ratio",
    "WRatio",
    "QRatio",
)
OPTIONS = {"scorer": _SCORERS, "threshold": float, "min_words": int}
DEFAULTS = {"scorer": "ratio", "threshold": 92.0, "min_words": 6}

_HEADING_MIN_WORDS = 3
_TITLE_MAX_CHARS = 150
_PROSE_KINDS = frozenset({"paragraph", "quote", "list"})
# The rarest terms of a unit that key its candidate buckets.
_BUCKET_TERMS = 3
# A term more units share than this tells none of them apart (a list of numbered items,
# one paragraph pasted a hundred times), and pairing them all would be quadratic.
_MAX_BUCKET = 64

# Restatement (caption / pull quote). Measured on the seeds and 65 news articles: the
# pull quotes in the seeds share 5-7 content terms and 38-54% of their own terms with
# the paragraph they restate, and every proper name; ordinary news paragraphs that
# continue a topic introduce names or figures of their own, share fewer terms, quote
# or report speech. Placing every short paragraph of those articles after every other
# paragraph of its article (18,177 pairs) flags only the seeds' three pull quotes and
# one real caption, even with these thresholds lowered to 0.40 / 0.30 and 4 terms.
_RESTATE_MAX_WORDS = 45
_RESTATE_LONGER = 1.5  # the restated block has at least 1.5 times the words
_RESTATE_MIN_SHARED = 5
_RESTATE_CONTAINMENT = 0.45  # with at most one new name, and two names shared
_RESTATE_CONTAINMENT_STRICT = 0.35  # with no new name, and three names shared
_RESTATE_SHORT = 0.6  # a pull quote is short against the article's usual paragraph
# A near-verbatim copy of part of the neighbour (a caption repeating the lead): most of
# its words occur in the neighbour in the same order. Measured: 0.88 for a caption
# repeating a lead, at most 0.75 for ordinary adjacent paragraphs.
_VERBATIM_COVERAGE = 0.85
_VERBATIM_CONTAINMENT = 0.8
_VERBATIM_MIN_WORDS = 8
_VERBATIM_MAIN = 0.6  # the main sentence is most of the short paragraph
_VERBATIM_WHOLE_WORDS = 15  # a sentence found whole needs fewer content terms

# One quote style and one dash style.
_QUOTES = str.maketrans("“”„‟«»‘’‚‛`´–—‒―‐‑−", '"' * 6 + "'" * 6 + "-" * 7)
_SPACE = fastre.compile(r"\s+")
_SPACE_BEFORE_PUNCT = fastre.compile(r"\s+(?=[.,;:!?)\]])")
# Closing punctuation and quotes at the end, opening quotes at the start: where a
# quotation starts or ends depends on the sentence around it, not on the words.
_TRAILING = fastre.compile(r"[\s.,;:!?…*_\"']+$")
_LEADING = fastre.compile(r"^[\s\"'*_]+")
_WORD = fastre.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*")
_NUMBER = fastre.compile(r"\p{N}+(?:[.,]\p{N}+)*")
_QUOTE_MARK = fastre.compile(r"[\"“”„«»]|(?<!\p{L})['‘]|['’](?!\p{L})")
_REPORTED = fastre.compile(
    r"\b(?:said|told|added|stated|noted|explained|asked|recalled|according\s+to)\b", regex.I
)
_LABEL = fastre.compile(r"\W*[\p{L}'’]+(?:\s+[\p{L}'’]+){0,2}\s*:\s")
_OPENING_QUOTE = fastre.compile(r"\s*[\"“„«‘']")
_SENTENCE_START = fastre.compile(r"(?:^|[.!?:;]\s+|[\"“‘'(\[]\s*)$")
_FIGURE_WORDS = frozenset(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion trillion dozen dozens half quarter
    first second third fourth fifth sixth seventh eighth ninth tenth
    bn mn tn
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    yesterday today tomorrow
    """.split()
)


def normalise(text: str) -> str:
    """Comparable form: NFKC, one quote and dash style, lowercase, single spaces, no
    space before punctuation, no punctuation or quotes at either end."""
    out = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    out = _SPACE.sub(" ", out).strip()
    out = _SPACE_BEFORE_PUNCT.sub("", out)
    return _LEADING.sub("", _TRAILING.sub("", out))


_THOUSANDS = fastre.compile_regex(r"(?<=\d),(?=\d{3}\b)")
_POSSESSIVE = fastre.compile_regex(r"['’]s$")


def figures(text: str) -> tuple[str, ...]:
    """The figures and date words of a passage, sorted: numbers (thousands separators
    dropped), number and scale words, ordinals, months and weekdays."""
    found: list[str] = []
    for m in _NUMBER.finditer(text):
        found.append(_THOUSANDS.sub("", m.group()))
    for w in _WORD.findall(text):
        low = w.lower()
        if low in _FIGURE_WORDS and not (low == "may" and w[0].islower()):
            found.append(low)
    return tuple(sorted(found))


def differs_in_figures(a: str, b: str) -> bool:
    """Whether two passages carry different figures or dates.

    "up to $70 billion" against "up to $700 billion", "in May" against "in June",
    "the first stage" against "the second stage" all differ; "1,000" and "1000" do not.
    Near-identical passages that differ this way disagree rather than repeat.
    """
    return figures(a) != figures(b)


def names(text: str) -> frozenset[str]:
    """Capitalised words that do not open a sentence, lowercased: a passage's names."""
    out = set()
    for m in _WORD.finditer(text):
        word = m.group()
        if not word[0].isupper() or word.lower() in STOPWORDS:
            continue
        if _SENTENCE_START.search(text, max(0, m.start() - 4), m.start()):
            continue
        low = _POSSESSIVE.sub("", word.lower())
        if low and not low[0].isdigit():
            out.add(low)
    return frozenset(out)


def terms(text: str) -> frozenset[str]:
    """Content terms cut to six letters, so 'build'/'building', 'develop'/'developing'
    and 'infrastructure'/'infrastructures' meet."""
    return frozenset(t[:6] for t in content_terms(text))


def word_coverage(short: str, long: str) -> float:
    """Share of the words of `short` found in `long` in the same order (word LCS)."""
    from rapidfuzz.distance import LCSseq

    words = _WORD.findall(short)
    if not words:
        return 0.0
    return LCSseq.similarity(words, _WORD.findall(long)) / len(words)


@dataclass(frozen=True, slots=True)
class Unit:
    """A block or a sentence, with what the comparisons need."""

    span: Span
    block: int  # index into the article's blocks
    kind: str  # the block's kind
    sentence: bool  # a sentence rather than a whole block
    text: str  # prose text
    norm: str
    words: int
    terms: frozenset[str]


def _unit(prose: str, span: Span, block: int, kind: str, sentence: bool = False) -> Unit:
    text = prose[span.start : span.end]
    return Unit(
        span=span,
        block=block,
        kind=kind,
        sentence=sentence,
        text=text,
        norm=normalise(text),
        words=len(_WORD.findall(text)),
        terms=terms(text),
    )


def _scorer(name: str) -> Callable[..., float]:
    """The rapidfuzz scorer `name`, imported at its first call (see factlint.similarity)."""
    if name not in _SCORERS:
        raise ConfigError(
            "FL502 options", None, f"unknown scorer {name!r} (one of {', '.join(_SCORERS)})"
        )
    if name == "ratio":
        return similarity.ratio

    def score(a: str, b: str, *, score_cutoff: float) -> float:
        from rapidfuzz import fuzz

        return float(getattr(fuzz, name)(a, b, score_cutoff=score_cutoff))

    return score


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    min_words = int(ctx.options.get("min_words", DEFAULTS["min_words"]))
    threshold = float(ctx.options.get("threshold", DEFAULTS["threshold"]))
    scorer = _scorer(str(ctx.options.get("scorer", DEFAULTS["scorer"])))
    blocks = analysis.blocks
    units = [_unit(doc.prose, b.span, i, b.kind) for i, b in enumerate(blocks)]
    reported = SpanIndex()  # what this module reported: each passage is reported once
    yield from _exact_blocks(doc, units, min_words, ctx, reported)
    sents = [
        _unit(doc.prose, s, i, b.kind, sentence=True)
        for i, b in enumerate(blocks)
        if b.kind in _PROSE_KINDS
        for s in analysis.block_sentences[i]
    ]
    yield from _exact_sentences(doc, blocks, sents, min_words, ctx, reported)
    prose_blocks = [u for u in units if u.kind in _PROSE_KINDS]
    for group in (prose_blocks, sents):
        yield from _near_pairs(doc, group, min_words, threshold, scorer, ctx, reported)
    yield from _restatements(doc, analysis.block_sentences, units, min_words, ctx, reported)


def _exact_blocks(
    doc: Document, units: Sequence[Unit], min_words: int, ctx: Context, reported: SpanIndex
) -> Iterator[Finding]:
    first: dict[str, Unit] = {}
    for u in units:
        if u.kind == "table" or not u.norm:
            continue
        original = first.setdefault(u.norm, u)
        if original is u:
            continue
        heading = u.kind == original.kind == "heading" or _title_repeat(original, u)
        if u.words < (_HEADING_MIN_WORDS if heading else min_words):
            continue
        line = doc.line_col(original.span.start)[0]
        rule, what = ("FL503", "heading") if heading else ("FL501", "paragraph")
        reported.add(u.span)
        yield ctx.finding(
            rule,
            doc,
            u.span,
            f"{what} repeated; first appears at line {line}",
            related=[ctx.related(doc, original.span, f"first occurrence of this {what}")],
            fix=None if heading else _delete_fix(doc, u.span, original.span),
            key=u.norm,
        )


def _title_repeat(original: Unit, copy: Unit) -> bool:
    """A one-line first block (the title) repeated right after it. Titles have no full
    stop; one ending in '?' or '!' reads as a paragraph but is still a title."""
    return (
        original.block == 0
        and copy.block == 1
        and "\n" not in original.text
        and len(original.text) <= _TITLE_MAX_CHARS
        and not original.text.rstrip().endswith(".")
    )


def _exact_sentences(
    doc: Document,
    blocks: Sequence[Block],
    sents: Sequence[Unit],
    min_words: int,
    ctx: Context,
    reported: SpanIndex,
) -> Iterator[Finding]:
    first: dict[str, Unit] = {}
    for u in sents:
        if u.words < min_words:
            continue
        original = first.setdefault(u.norm, u)
        if original is u:
            continue
        here, there = u, original
        # A copy standing alone as a paragraph (a caption or pull quote) is the one to
        # report, even when it comes first.
        alone = original.span == blocks[original.block].span
        if alone and u.span != blocks[u.block].span:
            here, there = original, u
        if reported.overlaps(here.span):
            continue
        line = doc.line_col(there.span.start)[0]
        reported.add(here.span)
        yield ctx.finding(
            "FL504",
            doc,
            here.span,
            f"sentence repeated; also at line {line}",
            related=[ctx.related(doc, there.span, "the same sentence")],
            key=u.norm,
        )


def _candidate_pairs(units: Sequence[Unit]) -> list[tuple[int, int]]:
    """Pairs of units sharing one of their rarest content terms (see module docstring)."""
    df = Counter(t for u in units for t in u.terms)
    buckets: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        for t in sorted(u.terms, key=lambda t: (df[t], t))[:_BUCKET_TERMS]:
            buckets.setdefault(t, []).append(i)
    pairs = {
        (a, b)
        for members in buckets.values()
        if len(members) <= _MAX_BUCKET
        for a in members
        for b in members
        if a < b
    }
    return sorted(pairs)


def _near_pairs(
    doc: Document,
    units: Sequence[Unit],
    min_words: int,
    threshold: float,
    scorer: Callable[..., float],
    ctx: Context,
    reported: SpanIndex,
) -> Iterator[Finding]:
    eligible = [u for u in units if u.words >= min_words and u.terms]
    for i, j in _candidate_pairs(eligible):
        a, b = eligible[i], eligible[j]
        if a.norm == b.norm or a.span.overlaps(b.span) or reported.overlaps(b.span):
            continue
        if differs_in_figures(a.text, b.text) or names(a.text) != names(b.text):
            continue
        score = scorer(a.norm, b.norm, score_cutoff=threshold)
        if not score or _parallel(a.terms, b.terms):
            continue
        score = min(score, 99.0)  # not identical after normalising: never shown as 100
        what = "sentence" if a.sentence else "paragraph"
        line = doc.line_col(a.span.start)[0]
        reported.add(b.span)
        yield ctx.finding(
            "FL502",
            doc,
            b.span,
            f"nearly repeats the {what} at line {line} (similarity {int(score)})",
            related=[ctx.related(doc, a.span, f"the similar {what}")],
            key=f"{a.norm}|{b.norm}",
        )


def _median_without(ordered: Sequence[int], value: int) -> float:
    """The median of sorted `ordered` with one `value` taken out (statistics.median,
    without importing statistics: with fractions and decimal, ~8 ms of a one-article
    run); 0 when nothing is left."""
    gone = bisect.bisect_left(ordered, value)
    size = len(ordered) - 1

    def at(k: int) -> int:  # the k-th value once `gone` is taken out
        return ordered[k] if k < gone else ordered[k + 1]

    if size <= 0:
        return 0
    middle = size // 2
    if size % 2:
        return at(middle)
    return (at(middle - 1) + at(middle)) / 2


def _parallel(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two passages each have a content word the other lacks that is not a
    spelling variant of one of its words: "schools in the north will stay closed" and
    "... in the south ..." are parallel statements, not one passage edited."""
    from rapidfuzz import fuzz

    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    return not all(any(fuzz.ratio(x, y) >= 80 for y in only_b) for x in only_a)


def _restatements(
    doc: Document,
    block_sentences: Sequence[Sequence[Span]],
    units: Sequence[Unit],
    min_words: int,
    ctx: Context,
    reported: SpanIndex,
) -> Iterator[Finding]:
    lengths = sorted(u.words for u in units if u.kind == "paragraph")
    images = (
        frozenset(n for n, u in enumerate(units) if _is_image(doc, u))
        if "![" in doc.text
        else frozenset()
    )
    for i, short in enumerate(units):
        if short.kind != "paragraph" or reported.overlaps(short.span):
            continue
        if not min_words <= short.words <= _RESTATE_MAX_WORDS:
            continue
        # The article's usual paragraph length, without the candidate itself.
        typical = _median_without(lengths, short.words)
        for j in (i - 1, i - 2, i + 1):
            if not 0 <= j < len(units):
                continue
            match = restates(doc.prose, block_sentences, units, i, j, typical, images)
            if match is None:
                continue
            long = units[j]
            line = doc.line_col(long.span.start)[0]
            where = "before" if j < i else "after"
            reported.add(short.span)
            yield ctx.finding(
                "FL502",
                doc,
                short.span,
                f"short paragraph restates the paragraph {where} it (line {line}): "
                f"{match}; a caption, a pull quote or a redundant summary?",
                related=[ctx.related(doc, long.span, "the paragraph it restates")],
                key=f"restates|{short.norm}",
            )
            break


# A line that is only a Markdown image ("![Road works](roads.jpg)").
_IMAGE_LINE = fastre.compile(r"[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*(?:\n|$)")


def _is_image(doc: Document, unit: Unit) -> bool:
    line_start = doc.text.rfind("\n", 0, unit.span.start) + 1
    return _IMAGE_LINE.match(doc.text, line_start) is not None


def restates(
    prose: str,
    block_sentences: Sequence[Sequence[Span]],
    units: Sequence[Unit],
    i: int,
    j: int,
    typical: float,
    images: frozenset[int] = frozenset(),
) -> str | None:
    """Why block i restates block j, or None. Block i is the short one. An image
    between them (`images`: block indexes) does not part them: a caption under a
    photo restating the paragraph above it is the case in point."""
    short, long = units[i], units[j]
    if long.kind not in _PROSE_KINDS or long.words < _RESTATE_LONGER * short.words:
        return None
    if not set(figures(short.text)) <= set(figures(long.text)):
        return None
    # A paragraph that introduces the next one ("He said:") is not a restatement, nor
    # is a question the next one answers ("When will Messi play his first game?").
    if (j > i and short.text.rstrip().endswith((":", "?"))) or (
        j < i and long.text.rstrip().endswith(":")
    ):
        return None
    # A lead-in before a quote ("X called for calm.") previews what follows.
    if j > i and _OPENING_QUOTE.match(long.text):
        return None
    parts = block_sentences[i]
    if abs(i - j) == 1 or (abs(i - j) == 2 and (i + j) // 2 in images):
        verbatim = _verbatim(prose, parts, short, long)
        if verbatim is not None:
            return verbatim
    shared = short.terms & long.terms
    if len(shared) < _RESTATE_MIN_SHARED:
        return None
    containment = len(shared) / len(short.terms)
    # A paraphrase: only of what came before, in the same section, as one plain
    # sentence (not quoted speech) that is short for this article.
    if j > i or (j == i - 2 and units[i - 1].kind not in _PROSE_KINDS and i - 1 not in images):
        return None
    if len(parts) != 1 or short.text.rstrip().endswith("?"):
        return None
    if _QUOTE_MARK.search(short.text) or short.words > _RESTATE_SHORT * typical:
        return None
    # "Update:", "Correction:" and "Editor's note:" repeat on purpose; a sentence that
    # reports speech in the past tense ("Meadows said he never planned to stay") is
    # the story going on, not a caption or pull quote.
    if _LABEL.match(short.text) or _REPORTED.search(short.text):
        return None
    own = names(short.text)
    known = names(long.text) | long.terms
    new_names = {n for n in own if n not in known and n[:6] not in known}
    shared_names = len(own) - len(new_names)
    loose = containment >= _RESTATE_CONTAINMENT and len(new_names) <= 1 and shared_names >= 2
    strict = containment >= _RESTATE_CONTAINMENT_STRICT and not new_names and shared_names >= 3
    if not (loose or strict):
        return None
    return f"shares {len(shared)} of its {len(short.terms)} content terms and {shared_names} names"


def _verbatim(prose: str, parts: Sequence[Span], short: Unit, long: Unit) -> str | None:
    """Whether the main sentence of `short` is copied nearly word for word from `long`.

    Only the longest sentence counts, so a credit after a caption ("Photo by CBP")
    does not hide the copy.
    """
    if not parts:
        return None
    main = max(parts, key=lambda p: (len(_WORD.findall(prose[p.start : p.end])), -p.start))
    text = prose[main.start : main.end]
    words = len(_WORD.findall(text))
    if words < max(_VERBATIM_MIN_WORDS, _VERBATIM_MAIN * short.words):
        return None
    own = terms(text)
    shared = own & long.terms
    if len(shared) < _VERBATIM_CONTAINMENT * len(own):
        return None
    coverage = word_coverage(normalise(text), long.norm)
    if coverage < _VERBATIM_COVERAGE:
        return None
    # Few content words ("hours will be extended from 10 a.m. to 9 p.m.") are enough
    # when every word, long words included, is there in the same order.
    if len(shared) < _RESTATE_MIN_SHARED and not (
        coverage == 1.0 and words >= _VERBATIM_WHOLE_WORDS
    ):
        return None
    return f"{coverage:.0%} of its words appear there in the same order"


def _line_range(doc: Document, span: Span) -> Span:
    """The whole lines holding `span`, with their line break."""
    first = doc.line_col(span.start)[0]
    last = doc.line_col(max(span.start, span.end - 1))[0]
    starts = doc.line_starts
    end = starts[last] if last < len(starts) else len(doc.text)
    return Span(starts[first - 1], end)


def _delete_fix(doc: Document, dup: Span, original: Span) -> Fix | None:
    """Delete the second copy with the blank lines before it, when the two copies are
    the same lines in the file (not only the same prose)."""
    lines = _line_range(doc, dup)
    source = _line_range(doc, original)
    if doc.text[lines.start : lines.end].strip() != doc.text[source.start : source.end].strip():
        return None
    start = lines.start
    line = doc.line_col(start)[0]
    while line > 1:
        prev = doc.line_starts[line - 2]
        if doc.text[prev:start].strip():
            break
        start, line = prev, line - 1
    if lines.end == len(doc.text) and not doc.text.endswith(("\n", "\r")):
        # The last line has no line break: remove the break before it instead.
        end = lines.end
        while start > 0 and doc.text[start - 1] in "\r\n":
            start -= 1
        return Fix(Span(start, end), "")
    return Fix(Span(start, lines.end), "")
