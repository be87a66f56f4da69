"""Core value types shared by every layer. Standard library only."""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How sure a finding is; ordered so that `error > warning > info`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


CATEGORIES = (
    "meta",
    "number",
    "date",
    "attribution",
    "quote",
    "ledger",
    "duplicate",
    "garbled",
    "style",
)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range [start, end) into a document's decoded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)


class SpanIndex:
    """Spans ready for range questions in logarithmic time: a sentence can hold
    thousands of figures (a table flattened into one line), and asking each of them
    about all the others would be quadratic."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self.spans = sorted(spans)
        self.starts = [s.start for s in self.spans]
        self.ends = sorted(s.end for s in self.spans)
        self.longest = max((len(s) for s in self.spans), default=0)

    def add(self, span: Span) -> None:
        at = bisect.bisect_right(self.spans, span)
        self.spans.insert(at, span)
        self.starts.insert(at, span.start)
        bisect.insort(self.ends, span.end)
        self.longest = max(self.longest, len(span))

    def overlapping(self, start: int, end: int) -> list[Span]:
        """The spans that share a character with [start, end) (as `Span.overlaps`)."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if start < s.end]

    def overlaps(self, span: Span) -> bool:
        return bool(self.overlapping(span.start, span.end))

    def covers(self, pos: int) -> bool:
        return bool(self.overlapping(pos, pos + 1))

    def last_end(self, at_most: int) -> int | None:
        """The greatest end that is at most `at_most`."""
        i = bisect.bisect_right(self.ends, at_most)
        return self.ends[i - 1] if i else None

    def first_start(self, at_least: int) -> int | None:
        """The smallest start that is at least `at_least`."""
        i = bisect.bisect_left(self.starts, at_least)
        return self.starts[i] if i < len(self.starts) else None


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based place in a file; end_col is exclusive (the column after the span)."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True, slots=True)
class Related:
    """Evidence for a finding: the other passage, or a ledger entry with its source."""

    location: Location
    message: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe, mechanical replacement of one span of the original text."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule reports at a place in a document, with its evidence and any fix."""

    rule_id: str
    rule_name: str
    category: str
    severity: Severity
    message: str
    location: Location
    span: Span
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    # What the finding is about, independent of line numbers (for fingerprints).
    key: str = ""

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.rule_id)


@dataclass(frozen=True, slots=True)
class FileError:
    """A problem with an input or configuration file that is not a finding."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What a rule is, for selection, documentation and reporting."""

    id: str
    name: str
    category: str
    severity: Severity
    summary: str
    scope: str = "document"  # "document" or "corpus"
    rationale: str = ""
    examples_fail: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    default_enabled: bool = True
    source: str = "built-in"  # a file path for YAML rules
    source_line: int = 0
    fixable: bool = False


@dataclass(slots=True)
class RunResult:
    """What one run produced: findings, file errors, the number of files read, and notices."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files: int = 0
    notices: list[str] = field(default_factory=list)

    def count_by_severity(self) -> dict[str, int]:
        counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
        for f in self.findings:
            counts[str(f.severity)] += 1
        return counts
