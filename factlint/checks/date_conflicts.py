"""FL201 date-conflict: one event told at two incompatible dates.

Within an article and across the articles of a run, two dated mentions are the same
event when their clauses name the same kind of event ("surpassed" / "overtook",
"went public" / "IPO") about the same parties (at least two named parties in common,
or one and four more content words), and nothing tells them apart (factlint/checks/
_events.py). Their dates conflict when no reading of one overlaps a reading of the
other at their common grain: "2025" and "September 2025" agree; "September last year"
published in February 2026 (2025-09) and "September 2024" do not.

Precision first. Never compared: two dates of one sentence (a range or a change over
time: "from 1.2% at the end of 2024 to nearly 30%"); a date in a quotation against one
outside; a plan, a forecast or a step before the event ("plans to list in 2026", "filed
for an IPO in 2025"); a future against a past; an open bound ("by 2030", "since 2018");
a decade; a bare year that names an edition ("a 2025 AI Index report"); the date of a
statement ("said in September that ...") or one counted from the event ("a year after
its release"); two dates written as one expression ("a year ago this week"); clauses
with different figures, versions, ordinals or countries; an event of a series ("its
latest model"); one sentence with a relative date copied into articles of different
days (a reprint). "Early", "late", "the end of" widen a date by half its unit.

Both sides of a conflict are reported, each with the other as related location (which
one is wrong is for the editor to find out), except a side that more mentions agree
with than contradict; the ledger's date for the event, when it agrees with a side,
counts as one such mention (FL405 reports the side it contradicts).

Whatever the event, one sentence told twice with another date is a conflict too: two
sentences (of at least six words) that are the same word for word once their dates are
masked, numbers included, in one article or in articles published at most three days
apart (later ones are updates: "the match is on June 9" a week on), whose dates are
written differently and cannot be the same day ("scheduled for June 13 to 17" / "June
15 to 17") in the same year (another year is another edition of a yearly event). A plan
("will be held on ...") told again on another day, or in an undated article, is not
compared: it may have been moved. Inside one article, a sentence told again in other
words counts as a copy too (`near_copies`): nearly the same words around its dates,
the same names, no other figure or date word, and words of its own on one side only.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from factlint import fastre
from factlint.analysis import Analysis, same_story
from factlint.checks._events import (
    EventSig,
    compound,
    counting_sentences,
    editions_clash,
    is_attributive,
    lexicon,
    names_text,
    not_the_event_date,
    open_bound,
    shared_parties,
    signatures,
    stages_differ,
    versions_clash,
)
from factlint.checks.duplicates import differs_in_figures
from factlint.checks.duplicates import names as passage_names
from factlint.claims import DateMention, Subject
from factlint.digests import digest, has_any, varied
from factlint.extract.dates import compatible
from factlint.links import Links, bucket_count
from factlint.links import key as link_key
from factlint.model import Finding, Related, RuleMeta, Severity
from factlint.parallel import per_document
from factlint.rule import Context
from factlint.similarity import ratio as text_ratio
from factlint.subject import STOPWORDS, shared_buckets, subject_similarity

RULES = (
    RuleMeta(
        id="FL201",
        name="date-conflict",
        category="date",
        severity=Severity.ERROR,
        summary="The same event is dated differently in two places",
        scope="corpus",
        rationale=(
            "When one article says an event happened in September 2024 and another (or the "
            "same one) says September 2025, at least one is wrong, and often the error comes "
            "from resolving a relative date ('last year') against the wrong day. Mentions are "
            "paired only when they name the same kind of event about the same parties; "
            "ranges, changes over time, plans and quotations are never compared, and a coarse "
            "date agrees with every finer date inside it. Whatever the event, one sentence "
            "told twice, word for word but for its dates, in one article or in articles a "
            "few days apart, with dates that cannot be the same day, is a conflict too."
        ),
        examples_fail=(
            "Alibaba's Qwen models overtook Meta's Llama on Hugging Face in September 2024.\n"
            "<!-- next article -->\n"
            "Alibaba's Qwen surpassed Meta's Llama 4 on Hugging Face in September 2025, "
            "becoming the most downloaded open model.\n",
            "DeepSeek released its R1 model in January 2025, and the app topped the charts.\n\n"
            "Markets fell sharply when DeepSeek released the R1 model in March 2024.\n",
            "On May 8, 2022, agents seized 1,300 pounds of cocaine at Las Croabas.\n\n"
            "Officials gave details later.\n\n"
            "On May 10, 2022, agents seized 1,300 pounds of cocaine at Las Croabas.\n",
        ),
        examples_pass=(
            "Alibaba's Qwen models overtook Meta's Llama on Hugging Face in September 2024.\n"
            "<!-- next article -->\n"
            "Alibaba's Qwen surpassed Meta's Llama on Hugging Face in 2024, becoming the most "
            "downloaded open model.\n",
            "Alibaba released Qwen 2.5 in September 2024.\n"
            "<!-- next article -->\n"
            "Alibaba released Qwen 3 in April 2025.\n",
            "Chinese models' share of usage on OpenRouter rose from 1.2% at the end of 2024 "
            "to nearly 30% in 2025.\n",
        ),
    ),
)
SCOPE = "corpus"
READS = ("published",)  # besides its per_document values
OPTIONS = {"min_similarity": float, "max_bucket": int}
DEFAULTS = {"min_similarity": 0.5, "max_bucket": 256}

_COMPARABLE_GRAINS = frozenset({"day", "week", "month", "quarter", "year"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One dated event claim of the run: its article, date and event signature."""

    doc_index: int
    analysis: Analysis
    date: DateMention
    sig: EventSig


@per_document("FL201")
def event_claims(analysis: Analysis) -> list[tuple[DateMention, EventSig]]:
    """The article's dated mentions that can be compared as events, with signatures
    (computed where the article is analysed, and cached with it)."""
    dates = analysis.dates
    if not dates:
        return []
    doc = analysis.doc
    text = names_text(doc.text, doc.prose)
    joined = compound(text, dates)
    counting = counting_sentences(text, dates)
    wanted = {
        n
        for n, d in enumerate(dates)
        if (d.value or d.candidates)
        and d.grain in _COMPARABLE_GRAINS
        and n not in joined
        and not open_bound(text, d)
        and not is_attributive(text, d)
        and not not_the_event_date(text, d, counting)
    }
    out = []
    for d, sig in zip(dates, signatures(text, dates, wanted), strict=True):
        if sig is None or not sig.parties or sig.intended or sig.recurring:
            continue
        out.append((d, sig))
    return out


def widened(d: DateMention) -> DateMention:
    """'Early 2025', 'the end of 2024': news uses them loosely, so widen by half a unit."""
    return replace(d, mod="APPROX") if d.mod in ("START", "END") else d


def dates_conflict(a: DateMention, b: DateMention) -> bool:
    return not compatible(widened(a), widened(b))


def same_event(a: EventSig, b: EventSig, min_similarity: float) -> bool:
    """Whether two signatures describe one event (precision first)."""
    kinds = a.kinds & b.kinds
    if not kinds or a.negated != b.negated:
        return False
    if a.countries and b.countries and a.countries != b.countries:
        return False  # other countries, other actors
    if a.places and b.places and not a.places & b.places:
        return False  # listed in New York, listed in Hong Kong: two listings
    if stages_differ(a, b, kinds):
        return False  # a launch and the open-sourcing months later; a deal and its closing
    parties = shared_parties(a, b)
    if a.models & b.models or a.editions & b.editions or kinds & lexicon().single_party:
        # One named product ("R1", "Llama 4") or edition ("the 2025 AI Index") is as good
        # as two names, and a listing or a founding happens once to one party.
        parties = 2 * parties
    objects = len(a.objects & b.objects)
    if a.objects and b.objects and not objects:
        return False  # "in total downloads" / "in derivative models": other measures
    if a.variants & b.variants:
        objects += 1  # one stage named by both ("completed" / "closed"): what happened
    # Three parties; two and what happened to them; one and several words more.
    if parties < 1 or objects < (0 if parties >= 3 else 1 if parties == 2 else 4):
        return False
    if subject_similarity(a.subject, b.subject) < min_similarity:
        return False
    if versions_clash(a, b, strict="release" in kinds):
        return False
    if editions_clash(a, b, strict="release" in kinds):
        return False
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return False  # different figures: different data points, not one event
    return not (a.ordinals and b.ordinals and not a.ordinals & b.ordinals)


T = TypeVar("T")


def _numbered(values: Sequence[T], key: Callable[[T], Hashable]) -> list[int]:
    """Each value's number, the same for values with equal keys."""
    seen: dict[Hashable, int] = {}
    return [seen.setdefault(key(v), len(seen)) for v in values]


def _sig_key(sig: EventSig) -> Hashable:
    """Everything `same_event` reads of a signature (its fields), hashable."""
    return tuple(
        tuple(sorted(v.items())) if isinstance(v, Mapping) else v
        for v in (getattr(sig, f.name) for f in fields(sig))
    )


def _date_key(d: DateMention) -> Hashable:
    """Everything `dates_conflict` reads of a date."""
    return (d.candidates, d.value, d.mod)


def _tense_class(d: DateMention) -> str:
    return "future" if d.tense == "future" else "past"


def _comparable_by(claims: Sequence[Claim]) -> list[tuple[Hashable, ...]]:
    """What two claims must differ or agree in to be compared at all, one tuple each:
    (in a quote, tense, sentence, words). Claims in the same sentence are not compared;
    nor are claims in or out of quotes, in the past or the future, with one another;
    nor two relative dates in one sentence copied into articles of different days ("on
    Thursday" in a wire story and its later reprint): the text agrees with itself.
    Ints, not tuples and texts: a 10,000-article run holds one of these per claim."""
    said: dict[int, int] = {}  # a relative date's sentence -> the digest of its words
    out: list[tuple[Hashable, ...]] = []
    for c in claims:
        place = c.doc_index << 40 | c.date.sentence.start
        worded = None  # only relative dates ask: most texts stay packed
        if c.date.relative:
            worded = said.get(place)
            if worded is None:
                worded = said[place] = digest(_sentence(c.analysis, c.date))
        out.append((c.date.in_quote, _tense_class(c.date), place, worded))
    return out


def _sentence(analysis: Analysis, d: DateMention) -> str:
    s = d.sentence
    return " ".join(analysis.doc.text[s.start : s.end].split()).casefold()


def shown(d: DateMention) -> str:
    return " or ".join(d.candidates) if d.candidates else d.value


def _where(here: Claim, there: Claim) -> str:
    line = there.analysis.doc.location(there.date.span).line
    if here.doc_index == there.doc_index:
        return f"on line {line}"
    return f"in {there.analysis.doc.path}:{line}"


# --- the same sentence, dated differently ----------------------------------------------

_WORD = fastre.compile(r"[\p{L}\p{N}]+")
_SENTENCE_MIN_WORDS = 6
# One sentence told twice in other words: at least this rapidfuzz ratio of the words
# with the dates masked, and this many words besides the dates.
_NEAR_RATIO = 85.0
_NEAR_MIN_WORDS = 8
# Words that tell another time or another of a series, besides the figures and date
# words `differs_in_figures` reads (which takes a lowercase "may" for the verb).
_TIME_WORDS = frozenset(
    "one eleventh twelfth may week month year weeks months years day days ago last next "
    "earlier later".split()
)

Copy = tuple[int, tuple[DateMention, ...]]  # (article, the sentence's dates in order)
Mention = tuple[int, DateMention]  # (article, date)


def _comparable_sentences(analysis: Analysis) -> Iterator[tuple[int, tuple[DateMention, ...]]]:
    """Each sentence whose dates can all be compared: the digest of its words with the
    dates masked (numbers are not), and its dates in order."""
    for words, dates in _masked_sentences(analysis):
        yield digest("\0".join(words)), dates


def _masked_sentences(analysis: Analysis) -> Iterator[tuple[list[str], tuple[DateMention, ...]]]:
    """Each sentence whose dates can all be compared, as its words (casefolded) with an
    empty word where each date stands, and its dates in order."""
    by_sentence: dict[tuple[int, int], list[DateMention]] = {}
    for d in analysis.dates:
        by_sentence.setdefault((d.sentence.start, d.sentence.end), []).append(d)
    prose = analysis.doc.prose
    for (start, end), dates in by_sentence.items():
        if not all((d.value or d.candidates) and d.grain in _COMPARABLE_GRAINS for d in dates):
            continue
        dates.sort(key=lambda d: d.span.start)
        # Each date leaves an empty word where it stood: copies pair their dates in
        # order, so they must hold as many, in the same places.
        words, pos = [], start
        for d in dates:
            words += _WORD.findall(prose[pos : max(pos, d.span.start)].casefold())
            words.append("")
            pos = max(pos, d.span.end)
        words += _WORD.findall(prose[pos:end].casefold())
        if len(words) - len(dates) >= _SENTENCE_MIN_WORDS:
            yield words, tuple(dates)


@per_document("FL201")
def near_copies(analysis: Analysis) -> tuple[tuple[int, int], ...]:
    """Pairs of an article's comparable sentences (numbered as `_masked_sentences`
    yields them) that are one sentence told twice in other words around the same dates:
    "On February 7, Abbott three brands of formula produced at its facility in Sturgis"
    / "On February 17, Abbott recalledexternal icon three brands of formula produced at
    its facility in Sturgis". Word-for-word copies are `_retold`'s."""
    sentences = list(_masked_sentences(analysis))
    if len(sentences) < 2:
        return ()
    prose = analysis.doc.prose
    named = [passage_names(prose[d[0].sentence.start : d[0].sentence.end]) for _, d in sentences]
    out = []
    for (i, (wa, da)), (j, (wb, db)) in itertools.combinations(enumerate(sentences), 2):
        if len(da) != len(db) or wa == wb or len(wa) - len(da) < _NEAR_MIN_WORDS:
            continue
        if len(wb) - len(db) < _NEAR_MIN_WORDS or named[i] != named[j]:
            continue
        if text_ratio(" ".join(wa), " ".join(wb), _NEAR_RATIO) == 0:
            continue
        if not _told_apart(wa, wb):
            out.append((i, j))
    return tuple(out)


def _told_apart(a: list[str], b: list[str]) -> bool:
    """Whether the words of two sentences (dates masked) make them two statements:
    other figures or date words, words of time only one has ("a week later"), or content
    words on both sides ("the first dose was given on ..." / "the second dose ...")."""
    if differs_in_figures(" ".join(a), " ".join(b)):
        return True
    only_a, only_b = set(a) - set(b), set(b) - set(a)
    if (only_a | only_b) & _TIME_WORDS:
        return True
    return bool(only_a - STOPWORDS) and bool(only_b - STOPWORDS)


def _as_written(dates: Sequence[DateMention]) -> int:
    return digest("\0".join(" ".join(d.raw.split()) for d in dates))


@per_document("FL201")
def sentence_digests(analysis: Analysis) -> array[int]:
    """Two digests per comparable sentence, interleaved: its words with the dates
    masked, and its dates as written.

    Sixteen bytes a sentence are all the parent holds; the dates themselves are
    extracted again only for the few articles whose sentence has another variant.
    """
    out = array("Q")
    for masked, dates in _comparable_sentences(analysis):
        out += array("Q", (masked, _as_written(dates)))
    return out


def _rescheduled(a: Analysis, x: DateMention, b: Analysis, y: DateMention) -> bool:
    """A plan told again on a later day: the date may have moved ("will be held on ...")."""
    future = x.tense == "future" or y.tense == "future"
    return future and a is not b and (a.published is None or a.published != b.published)


def _years(d: DateMention) -> set[str]:
    return {v[:4] for v in d.candidates or (d.value,)}


def _same_year(a: DateMention, b: DateMention) -> bool:
    """Only the year differs: another edition of a yearly event, not a wrong date."""
    return bool(_years(a) & _years(b))


def _retold(corpus: Sequence[Analysis]) -> Iterator[tuple[Copy, Copy]]:
    """Pairs of copies of one sentence whose dates are written differently."""
    retold = varied(sentence_digests(analysis) for analysis in corpus)
    if not retold:
        return
    groups: dict[int, list[Copy]] = {}
    for n, analysis in enumerate(corpus):
        if not has_any(sentence_digests(analysis), retold):
            continue
        for masked, dates in _comparable_sentences(analysis):
            if masked in retold:
                groups.setdefault(masked, []).append((n, dates))
    for masked in sorted(groups):
        # Copies whose dates read the same say the same thing: pair only the variants.
        variants: dict[tuple[str, ...], list[Copy]] = {}
        for copy in groups[masked]:
            variants.setdefault(tuple(" ".join(d.raw.split()) for d in copy[1]), []).append(copy)
        ordered = [variants[k] for k in sorted(variants)]
        for x, these in enumerate(ordered):
            for those in ordered[x + 1 :]:
                yield from itertools.product(these, those)


def _retold_nearly(corpus: Sequence[Analysis]) -> Iterator[tuple[Copy, Copy]]:
    """Pairs of sentences of one article that tell one thing in other words (`near_copies`)."""
    for n, analysis in enumerate(corpus):
        pairs = near_copies(analysis)
        if pairs:
            dates = [d for _, d in _masked_sentences(analysis)]
            for i, j in pairs:
                yield (n, dates[i]), (n, dates[j])


def sentence_conflicts(corpus: Sequence[Analysis]) -> dict[Mention, list[Mention]]:
    """Each date of a sentence repeated elsewhere with a date that cannot be the same."""
    found: dict[Mention, list[Mention]] = {}
    for (n, dates), (m, others) in itertools.chain(_retold(corpus), _retold_nearly(corpus)):
        if not same_story(corpus[n], corpus[m]):
            continue
        for a, b in zip(dates, others, strict=True):
            if a.raw.split() == b.raw.split() or not _same_year(a, b):
                continue
            if not dates_conflict(a, b):
                continue
            if not _rescheduled(corpus[n], a, corpus[m], b):
                found.setdefault((n, a), []).append((m, b))
                found.setdefault((m, b), []).append((n, a))
    return found


def _sentence_findings(
    corpus: Sequence[Analysis], ctx: Context, reported: set[tuple[int, int]]
) -> Iterator[Finding]:
    conflicts = sentence_conflicts(corpus)
    order = sorted(conflicts, key=lambda mention: (mention[0], mention[1].span.start))
    for n, here in order:
        if (n, here.span.start) in reported:
            continue  # already reported as the same event
        doc = corpus[n].doc
        others = sorted(conflicts[(n, here)], key=lambda o: (o[0], o[1].span.start))
        m, first = others[0]
        line = corpus[m].doc.location(first.span).line
        where = f"on line {line}" if m == n else f"in {corpus[m].doc.path}:{line}"
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        related = [
            Related(
                corpus[k].doc.location(o.span),
                f'"{o.raw}" = {shown(o)}: '
                + Context.clip(corpus[k].doc.text[o.sentence.start : o.sentence.end]),
            )
            for k, o in others
        ]
        sentence = " ".join(doc.text[here.sentence.start : here.sentence.end].split())
        yield ctx.finding(
            "FL201",
            doc,
            here.span,
            f'"{here.raw}" = {shown(here)} here; "{first.raw}" = {shown(first)} {where}{more}: '
            "the same sentence, dated differently",
            related=related,
            key=f"sentence|{Context.clip(sentence, 60)}|{shown(here)}|"
            + "/".join(sorted({shown(o) for _, o in others})),
        )


def _event_key(kind: str, name: str) -> str:
    return f"event|{kind}|{name}"


@per_document("FL201")
def _links(analysis: Analysis) -> Links:
    """What pairs this article's dates with another's (factlint.links): each event
    claim's kind and named parties, counted (common ones pair nothing), and each
    sentence told with its dates masked (every copy)."""
    counted = array("Q")
    for _, sig in event_claims(analysis):
        for kind in sig.kinds:
            counted.extend(link_key(_event_key(kind, name)) for name in sig.names)
    masked = sentence_digests(analysis)[0::2]
    return Links(counted, array("Q", (link_key(f"sentence|{m}") for m in masked)))


LINKS = _links


def check(corpus: Sequence[Analysis], ctx: Context) -> Iterator[Finding]:
    reported: set[tuple[int, int]] = set()  # (article, date offset)
    yield from _event_findings(corpus, ctx, reported)
    yield from _sentence_findings(corpus, ctx, reported)


def _ledger_backed(
    claims: Sequence[Claim], conflicts: Mapping[int, list[int]], ctx: Context
) -> Callable[[int], int]:
    """1 for a claim whose date the ledger gives for its event, else 0."""
    if ctx.ledger is None or not ctx.ledger.events or not conflicts:
        return lambda n: 0
    from factlint.checks.ledger_events import DEFAULTS, compared_events

    ledger, min_score = ctx.ledger, float(DEFAULTS["min_score"])

    def backed(n: int) -> int:
        found = compared_events(claims[n].date, claims[n].sig, ledger, min_score)
        return int(any(not conflict for _, conflict in found))

    return backed


def _event_findings(
    corpus: Sequence[Analysis], ctx: Context, reported: set[tuple[int, int]]
) -> Iterator[Finding]:
    claims = [
        Claim(i, analysis, d, sig)
        for i, analysis in enumerate(corpus)
        for d, sig in event_claims(analysis)
    ]
    if len(claims) < 2:
        return
    keys = []
    owners = []
    for n, claim in enumerate(claims):
        names = claim.sig.names
        for kind in sorted(claim.sig.kinds):
            keys.append((kind, Subject(text="", entities=names)))
            owners.append(n)
    # Pairs of claims as ints (i * len(claims) + j, i < j; sorted, in (i, j) order):
    # common event kinds make hundreds of thousands.
    m = len(claims)
    pairs: set[int] = set()
    # A claim's conflicts and support come from its own pairs: only pairs that touch an
    # article being reported can change a finding that is kept.
    mine = [ctx.concerns(c.doc_index) for c in claims]
    count = bucket_count(ctx.totals, _event_key)  # over the whole run, if given a part
    done: set[tuple[int, ...]] = set()  # buckets of the same claims give the same pairs
    for members in shared_buckets(keys, int(ctx.options["max_bucket"]), count):
        claimed = sorted({owners[i] for i in members})
        if (seen := tuple(claimed)) in done:
            continue
        done.add(seen)
        for x, i in enumerate(claimed):
            if mine[i]:
                pairs.update(i * m + j for j in claimed[x + 1 :])
            else:
                pairs.update(i * m + j for j in claimed[x + 1 :] if mine[j])
    threshold = float(ctx.options["min_similarity"])
    conflicts: dict[int, list[int]] = {}
    support: dict[int, int] = {}
    # Wire copy repeats a claim word for word across articles: each distinct pair of
    # signatures, and of dates, is judged once (10,000 articles: 100,000 pairs, 11 distinct).
    sigs = _numbered([c.sig for c in claims], _sig_key)
    dates = _numbered([c.date for c in claims], _date_key)
    events: dict[tuple[int, int], bool] = {}
    clashes: dict[tuple[int, int], bool] = {}
    facets = _comparable_by(claims)
    for code in sorted(pairs):
        i, j = divmod(code, m)
        (quoted, tense, place, worded), other = facets[i], facets[j]
        if quoted != other[0] or tense != other[1] or place == other[2]:
            continue
        if worded is not None and worded == other[3]:
            continue
        a, b = claims[i], claims[j]
        same = events.get(both := (sigs[i], sigs[j]))
        if same is None:
            same = events[both] = same_event(a.sig, b.sig, threshold)
        if not same:
            continue
        clash = clashes.get(both := (dates[i], dates[j]))
        if clash is None:
            clash = clashes[both] = dates_conflict(a.date, b.date)
        if clash:
            conflicts.setdefault(i, []).append(j)
            conflicts.setdefault(j, []).append(i)
        else:
            support[i] = support.get(i, 0) + 1
            support[j] = support.get(j, 0) + 1
    # Both sides are reported (which one is wrong is for the editor to find out), except
    # a side that more mentions agree with than contradict; the ledger's date for the
    # event, when it agrees, is one more (FL405 reports the side it contradicts).
    backed = _ledger_backed(claims, conflicts, ctx)
    reported_claims = {
        n: others
        for n, others in conflicts.items()
        if support.get(n, 0) + backed(n) < len(set(others))
    }
    for n in sorted(reported_claims):
        here = claims[n]
        if not mine[n]:
            continue  # its support was not counted in full, and its finding is dropped
        reported.add((here.doc_index, here.date.span.start))
        others = [claims[m] for m in sorted(set(reported_claims[n]))]
        first = others[0]
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        message = (
            f'"{here.date.raw}" = {shown(here.date)} here; "{first.date.raw}" = '
            f"{shown(first.date)} {_where(here, first)}{more}: the same event, dated differently"
        )
        related = [
            Related(
                o.analysis.doc.location(o.date.span),
                f'"{o.date.raw}" = {shown(o.date)}: '
                + Context.clip(o.analysis.doc.text[o.date.sentence.start : o.date.sentence.end]),
            )
            for o in others
        ]
        values = sorted({shown(o.date) for o in others})
        yield ctx.finding(
            "FL201",
            here.analysis.doc,
            here.date.span,
            message,
            related=related,
            key=f"{here.sig.label}|{shown(here.date)}|{'/'.join(values)}",
        )
