"""Analysis: one document parsed once; each extractor runs on first use only.

Rules read what they need (`analysis.quantities`, `analysis.dates`, ...); a run whose
selected rules need no dates never imports the date machinery.
"""

from __future__ import annotations

from functools import cached_property

from factlint.blocks import Block, blocks, quote_spans, sentences
from factlint.claims import CALENDAR_YEARS, DateMention, Quantity
from factlint.document import Document
from factlint.model import Span


class Analysis:
    """Everything extracted from one Document. Derived values only; never mutated."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @property
    def path(self) -> str:
        return self.doc.path

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        return blocks(self.doc.text, self.doc.prose)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        return tuple(b.span for b in self.blocks)

    @cached_property
    def block_sentences(self) -> tuple[tuple[Span, ...], ...]:
        """The sentences of each block, in block order."""
        return tuple(tuple(sentences(self.doc.prose, b)) for b in self.blocks)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        return tuple(s for spans in self.block_sentences for s in spans)

    @cached_property
    def quoted_spans(self) -> tuple[Span, ...]:
        """Quoted text, marks included (see blocks.quote_spans); shared by the YAML rules
        that skip quotes."""
        return quote_spans(self.doc.prose, self.paragraphs)

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        from factlint.extract.numbers import extract_quantities

        return extract_quantities(self.doc.prose, self.sentences)

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        from factlint.extract.dates import extract_dates

        return extract_dates(self.doc.prose, self.sentences, self.published)

    @cached_property
    def published(self):  # -> datetime.date | None
        found = self.doc.published
        if found is None or found.year not in CALENDAR_YEARS:
            from factlint.extract.dates import find_dateline

            found = find_dateline(self.doc.prose[self.doc.body_start :])
        if found is None:
            from factlint.extract.dates import url_date

            found = url_date(str(self.doc.meta.get("url") or self.doc.meta.get("source") or ""))
        return found if found is not None and found.year in CALENDAR_YEARS else None

    @cached_property
    def attributions(self):  # -> factlint.extract.attribution.Attributions
        from factlint.extract.attribution import extract_attributions

        return extract_attributions(self.doc.prose, self.paragraphs, self.sentences)

    def block_of(self, span: Span) -> Block | None:
        for block in self.blocks:
            if block.span.contains(span):
                return block
        return None


class DeferredAnalysis(Analysis):
    """A cache hit's Analysis whose claims and document stay pickled until first read.

    A pre-commit hook against an archive reads every article's row, and its corpus
    checks touch only the articles that share a key with the edited one: unpickling
    the rest would be wasted. `load` puts the claims kept with the document in place
    (a corpus check's are loaded before it runs: `parallel.Pending.load`); the
    document itself, pickled inside, is unpickled when first read.
    """

    def __init__(self, path: str, packed: bytes) -> None:
        self._path = path
        self._packed: bytes | None = packed  # pickle of (pickled Document, claims)
        self._packed_doc: bytes | None = None

    @property
    def path(self) -> str:
        return self._path

    @cached_property
    def doc(self) -> Document:  # type: ignore[override]
        import pickle

        self.load()
        packed, self._packed_doc = self._packed_doc, None
        assert packed is not None
        return pickle.loads(packed)  # type: ignore[no-any-return]

    def load(self) -> None:
        """Unpickle the claims kept with the document (once); claims already in place
        (a group loaded apart) stay."""
        import pickle

        packed, self._packed = self._packed, None
        if packed is None:
            return
        self._packed_doc, extracted = pickle.loads(packed)
        for name, value in extracted.items():
            self.__dict__.setdefault(name, value)


# Copies of a sentence in articles published further apart are updates, not slips.
SAME_STORY_DAYS = 3


def same_story(a: Analysis, b: Analysis) -> bool:
    """Two articles that may tell one story: published at most SAME_STORY_DAYS apart,
    or one of them undated."""
    pa, pb = a.published, b.published
    return pa is None or pb is None or abs((pa - pb).days) <= SAME_STORY_DAYS
