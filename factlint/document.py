"""Bytes -> Document: decoding, front matter, prose masking and the line index.

Offsets everywhere are indices into `Document.text` (the decoded file, BOM removed,
front matter included), so line numbers match the file as it is. `Document.prose`
has the same length with everything that is not prose (front matter, code, HTML
comments, URLs, Markdown markers) blanked to spaces; newlines are kept.
"""

from __future__ import annotations

import bisect
import copyreg
import datetime
import re
import zlib
from array import array
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

import regex

from factlint import fastre
from factlint.errors import InputError
from factlint.model import Location, Span

FRONT_MATTER_KEYS = ("date", "title", "source", "url", "author", "story", "lang")
DIRECTIVE_MARKER = "factlint-"  # every suppression comment has it (factlint.directives)
# "[sic]" after a quoted error excuses it (factlint.directives), in any case.
_SIC_MARKER = fastre.compile(r"\[sic\]", regex.IGNORECASE)

_LINE_BREAK = fastre.compile(r"\r\n|\r|\n")
_FRONT_MATTER = fastre.compile(
    r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", regex.S | regex.M
)

# Non-prose, blanked in order; each pattern's whole match is masked.
_FENCE = fastre.compile(
    r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", regex.S | regex.M
)
_HTML_COMMENT = fastre.compile(r"<!--.*?(?:-->|\Z)", regex.S)
_INLINE_CODE = fastre.compile(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")
# The patterns below never scan a run again from each of its characters: on a line of
# "[[[[", "](](](", "a.a.a." or spaces that would be quadratic (a minified line in a
# code block is blanked to one long run of spaces).
# A link's text holds no bracket ("[a [b](u)" links "b", as in CommonMark): the "[" that
# opens a Markdown link, as masking and the bracket check (FL609) both read it.
LINK_OPENER = r"\[(?=[^\[\]\n]*\]\()"
_LINK_OPEN = fastre.compile("!?" + LINK_OPENER)
# The empty alternative takes a run that is no link target in one match; `mask_prose`
# blanks only matches that end with ")".
_LINK_TARGET = fastre.compile(r"\]\([^)\s]*(?:(?:\s+\"[^\"]*\")?\)|)")
# Addresses have bounded parts (a mailbox name of 64 characters, a host label of 63;
# hosts of more than ten labels are not seen in prose).
_URL = fastre.compile(
    r"\b(?:https?://|ftp://|www\.)[^\s<>\"“”'’)\]]+[^\s<>\"“”'’)\].,;:!?]"
    r"|\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}\b"
    r"|\b(?:[a-z0-9-]{1,63}\.){1,10}(?:com|org|net|gov|edu|io|ai|co|uk|cn|de|fr|jp|info|news)\b(?:/[^\s<>\"“”)\]]*[^\s<>\"“”)\].,;:!?])?",
    regex.I,
)
_HTML_TAG = fastre.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_LINE_MARKER = fastre.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)", regex.M
)
_EMPHASIS = fastre.compile(
    r"\*\*|__|(?<=\s|^)\*(?=\S)|(?<=\S)\*(?=\s|$|[.,;:!?])|!?" + LINK_OPENER, regex.M
)
_TRAILING_HASHES = fastre.compile(r"(?<![ \t])[ \t]+#+[ \t]*$", regex.M)


@dataclass(frozen=True)
class Document:
    """One decoded article: its text, its prose with markup blanked, and its front matter."""

    path: str  # as given on the command line
    text: str
    prose: str
    body_start: int
    meta: Mapping[str, Any] = field(default_factory=dict)
    line_starts: tuple[int, ...] = (0,)
    decode_errors: tuple[Span, ...] = ()

    @property
    def published(self) -> datetime.date | None:
        value = self.meta.get("date")
        return value if isinstance(value, datetime.date) else None

    @property
    def length(self) -> int:
        """len(text)."""
        return len(self.text)

    @property
    def has_directive_marker(self) -> bool:
        """Whether the text may hold a suppression comment."""
        return DIRECTIVE_MARKER in self.text

    @cached_property
    def has_sic_marker(self) -> bool:
        """Whether the text holds a "[sic]" (searched once: the report asks it of each
        finding that "[sic]" may excuse)."""
        return _SIC_MARKER.search(self.text) is not None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        offset = max(0, min(offset, self.length))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, col: int) -> int:
        """Inverse of line_col."""
        return self.line_starts[line - 1] + col - 1

    def location(self, span: Span) -> Location:
        line, col = self.line_col(span.start)
        end_line, end_col = self.line_col(span.end)
        return Location(self.path, line, col, end_line, end_col)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else self.length
        return self.text[start:end].rstrip("\r\n")


# A run with corpus rules keeps every article's Document to its end. As str, text and
# prose take about four times the file (two copies, and two bytes a character once one
# character is not ASCII); compressed together (the prose repeats the text) they take
# about half of it. So a Document is pickled packed (workers to the parent, the cache),
# and unpickles as a PackedDocument, which inflates only when a rule reads the text.
_INFLATED_KEPT = 16  # the last few read stay inflated: findings on one article come together
_inflated: deque[PackedDocument] = deque()


class PackedDocument(Document):
    """A Document whose text and prose stay zlib-compressed until read.

    Built only by unpickling (`_unpack`). Its line starts are an array of ints.
    """

    # Read-only properties take precedence over the instance attributes Document's
    # fields would be; the packed state lives in the instance dict.
    @property  # type: ignore[override]
    def text(self) -> str:
        return self._inflate()[0]

    @property  # type: ignore[override]
    def prose(self) -> str:
        return self._inflate()[1]

    @property
    def length(self) -> int:
        return self.__dict__["_length"]

    @property
    def has_directive_marker(self) -> bool:
        return self.__dict__["_marked"]

    @property
    def has_sic_marker(self) -> bool:
        # Known without inflating: the report asks for each finding that "[sic]" excuses.
        return self.__dict__["_sic"]

    def _inflate(self) -> tuple[str, str]:
        pair = self.__dict__.get("_pair")
        if pair is None:
            both = zlib.decompress(self.__dict__["_blob"]).decode("utf-8", "surrogatepass")
            n = self.__dict__["_length"]
            pair = self.__dict__["_pair"] = (both[:n], both[n:])
            _inflated.append(self)
            if len(_inflated) > _INFLATED_KEPT:
                del _inflated.popleft().__dict__["_pair"]
        return pair

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return _fields(self) == _fields(other)


def _fields(doc: Document) -> tuple[Any, ...]:
    """Document's fields as values, line starts as a tuple whether packed or not."""
    values = (getattr(doc, f.name) for f in fields(Document))
    return tuple(tuple(v) if isinstance(v, array) else v for v in values)


def _pack(doc: Document) -> tuple[Any, tuple[Any, ...]]:
    """The pickle reduction of any Document: text and prose compressed as one stream."""
    if isinstance(doc, PackedDocument):
        blob = doc.__dict__["_blob"]
    else:
        both = (doc.text + doc.prose).encode("utf-8", "surrogatepass")
        # Level 1: a third of the time of the default level, for 5% more bytes.
        blob = zlib.compress(both, 1)
    marks = (doc.has_directive_marker, doc.has_sic_marker)
    starts = doc.line_starts
    typecode = "I" if starts[-1] < 1 << 32 else "Q"
    line_starts = starts if isinstance(starts, array) else array(typecode, starts)
    values = (doc.path, blob, doc.length, *marks, doc.body_start, doc.meta, line_starts)
    return _unpack, (*values, doc.decode_errors)


def _unpack(
    path: str,
    blob: bytes,
    length: int,
    marked: bool,
    sic: bool,
    body_start: int,
    meta: Mapping[str, Any],
    line_starts: array[int],
    decode_errors: tuple[Span, ...],
) -> PackedDocument:
    doc = object.__new__(PackedDocument)
    doc.__dict__.update(
        path=path,
        body_start=body_start,
        meta=meta,
        line_starts=line_starts,
        decode_errors=decode_errors,
        _blob=blob,
        _length=length,
        _marked=marked,
        _sic=sic,
    )
    return doc


copyreg.pickle(Document, _pack)
copyreg.pickle(PackedDocument, _pack)


def line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))


def decode(data: bytes, *, line_ends: bool = False) -> tuple[str, tuple[Span, ...]]:
    """UTF-8 with or without BOM; undecodable bytes become U+FFFD and are located.

    Line ends CR LF and CR are read as LF (unless `line_ends`, which keeps them): every
    rule's `$`, `[^\n]` and blank line between paragraphs then mean in a file written
    on Windows what they mean elsewhere. Lines and columns are the same either way;
    `--fix` writes the file's own line ends back (`fix.apply_fixes_as_read`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not line_ends and b"\r" in data:  # never inside a UTF-8 sequence: bytes are safe
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    pieces: list[str] = []
    errors: list[Span] = []
    length = 0
    pos = 0
    while pos < len(data):
        try:
            chunk = data[pos:].decode("utf-8")
        except UnicodeDecodeError as exc:
            chunk = data[pos : pos + exc.start].decode("utf-8")
            pieces.append(chunk)
            length += len(chunk)
            pieces.append("\ufffd")
            errors.append(Span(length, length + 1))
            length += 1
            pos += exc.end
            continue
        pieces.append(chunk)
        break
    return "".join(pieces), tuple(errors)


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


# How a text report factlint wrote begins (concise, github, full, or the summary line
# alone). Written into a checked folder (`-o articles/report.txt`), it is no article:
# read as one, it would be flagged, and the figures it quotes would vote.
_REPORT_START = re.compile(
    rb"(?:[^\n]+:\d+:\d+: FL\d{3} \[[a-z0-9-]+\] "
    rb"|::(?:error|warning|notice) file=[^\n]*?,title=FL\d{3} "
    rb"|[^\n]+\n +\d+:\d+ +(?:ERROR|WARNING|INFO) +FL\d{3} [a-z0-9-]+ "
    rb"|All checked: \d+ files?, no findings\."
    rb"|Found \d+ findings? \(\d+ errors?, )"
)


def looks_like_report(data: bytes) -> bool:
    """Whether `data` starts as a text report factlint writes."""
    return _REPORT_START.match(data) is not None


def parse_front_matter(text: str, path: str) -> tuple[dict[str, Any], int]:
    """(front matter mapping, offset where the body starts). Raises InputError, located."""
    from factlint.startup_store import remembered

    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    source = match.group(1)
    if not source.strip():
        return {}, match.end()
    # An edited article's front matter is most often the one an earlier run read: kept
    # in the start-up store, it costs no YAML parse and no yaml import (~12 ms).
    data = remembered(f"front matter\0{source}", "", lambda: _front_matter(source, path))
    if not isinstance(data, dict):
        raise InputError(path, 2, "front matter must be a mapping of keys to values")
    return data, match.end()


def _front_matter(source: str, path: str) -> Any:
    import yaml  # only documents with front matter pay for it

    from factlint.yamlload import load_document, located, repeated_in, unreadable_value

    try:
        node, data = load_document(source)
    except yaml.YAMLError as exc:
        line, problem = located(exc)
        line = line + 1 if line is not None else 1  # the front matter starts on line 2
        raise InputError(path, line, f"malformed front matter: {problem}") from None
    except Exception as exc:  # a value YAML reads as typed, but cannot construct
        line, problem = unreadable_value(source, exc)
        line = (line or 1) + 1  # the front matter starts on the file's line 2
        raise InputError(path, line, f"malformed front matter: {problem}") from None
    # A key factlint reads written twice: YAML keeps the second silently, and which date
    # is the article's is then anyone's guess.
    twice = repeated_in(node, FRONT_MATTER_KEYS) if isinstance(node, yaml.MappingNode) else None
    if twice is not None:
        second, key, first = twice  # the front matter's lines; the file's are one on
        raise InputError(
            path,
            second + 1,
            f"malformed front matter: '{key}' given twice (first on line {first + 1})",
        )
    return data


def normalise_meta(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Keep known keys; parse `date` to a datetime.date when it is one."""
    meta: dict[str, Any] = {k: raw[k] for k in raw if isinstance(k, str)}
    value = meta.get("date")
    if isinstance(value, datetime.datetime):
        meta["date"] = value.date()
    elif isinstance(value, str):
        parsed = _parse_iso_date(value)
        if parsed is not None:
            meta["date"] = parsed
    return meta


def _parse_iso_date(value: str) -> datetime.date | None:
    m = regex.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def mask_prose(text: str, body_start: int) -> str:
    """Blank everything that is not prose, keeping offsets and newlines."""
    chars = list(text)
    _blank(chars, 0, body_start)
    body = text
    for pattern in (_FENCE, _HTML_COMMENT, _INLINE_CODE, _LINK_OPEN, _LINK_TARGET, _URL, _HTML_TAG):
        for m in pattern.finditer(body, body_start):
            if pattern is not _LINK_TARGET or m.group().endswith(")"):
                _blank(chars, m.start(), m.end())
        body = "".join(chars)
    for pattern in (_LINE_MARKER, _TRAILING_HASHES, _EMPHASIS):
        for m in pattern.finditer(body, body_start):
            _blank(chars, m.start(), m.end())
    return "".join(chars)


def build_document(
    path: str,
    data: bytes,
    extra_meta: Mapping[str, Any] | None = None,
) -> tuple[Document, InputError | None]:
    """A Document and, if the front matter was malformed, the located error.

    A bad front matter block does not stop the article from being linted: it is masked
    and reported, so one mistake never hides the rest.
    """
    text, decode_errors = decode(data)
    problem: InputError | None = None
    try:
        front, body_start = parse_front_matter(text, path)
    except InputError as exc:
        problem = exc
        match = _FRONT_MATTER.match(text)
        front, body_start = {}, match.end() if match else 0
    meta = normalise_meta({**(extra_meta or {}), **front})
    doc = Document(
        path=path,
        text=text,
        prose=mask_prose(text, body_start),
        body_start=body_start,
        meta=meta,
        line_starts=line_starts(text),
        decode_errors=decode_errors,
    )
    return doc, problem


def document_from_text(
    text: str, path: str = "<text>", meta: Mapping[str, Any] | None = None
) -> Document:
    """A Document from already-decoded text (the library API and tests)."""
    doc, problem = build_document(path, text.encode("utf-8", "surrogatepass"), meta)
    if problem is not None:
        raise problem
    return doc
