"""FL601 mojibake: text decoded with the wrong encoding ("fundâ€™s" for "fund’s").

ftfy decides: its badness heuristics flag a line only when it holds sequences that
real text almost never contains, and `fix_encoding` repairs it. Only the stretches
that the repair changes are reported, each with its repair as the fix.

Importing ftfy costs ~30 ms, more than checking a short article. Its badness test is
one pattern (`ftfy.badness.BADNESS_RE`), so that pattern is kept in the start-up
store and ftfy is imported only for a line the pattern flags.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from factlint import fastre
from factlint.analysis import Analysis
from factlint.model import Finding, Fix, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL601",
        name="mojibake",
        category="garbled",
        severity=Severity.WARNING,
        summary="Text decoded with the wrong encoding (mojibake), with its repair",
        rationale=(
            "Sequences like 'â€™' or 'Ã©' appear when UTF-8 text is read as Windows-1252 "
            "or Latin-1 somewhere between the source and the page. Readers see garbage and "
            "search misses the words. The repair comes from ftfy, which only reports text "
            "that real writing almost never contains, so accented names, CJK, emoji and "
            "typographic quotes pass."
        ),
        examples_fail=(
            "The fundâ€™s growth slowed last year.",
            "She ordered a cafÃ© au lait.",
        ),
        examples_pass=(
            "The fund’s growth slowed, José Müller said.",
            "中国的人工智能发展很快。 Emoji 👍🏽 are fine — “quoted” too.",
        ),
        fixable=True,
    ),
)
SCOPE = "document"

_LINE = fastre.compile(r"[^\r\n]+")


@cache
def _badness() -> Any:
    """ftfy's badness pattern, compiled without importing ftfy; None if it moved."""
    from factlint.startup_store import package_file, remembered_content

    source = package_file("ftfy", "badness.py")

    def derive() -> tuple[str, int] | None:
        found = getattr(_badness_module(source), "BADNESS_RE", None)
        return (found.pattern, found.flags) if found is not None else None

    try:  # kept under the module's text: a wheel ships it for the ftfy it was built with
        data = source.read_bytes() if source is not None else None
    except OSError:
        data = None
    stored = derive() if data is None else remembered_content("ftfy badness", data, derive)
    return fastre.compile(*stored) if stored is not None else None


def _badness_module(source: Path | None) -> Any:
    """ftfy.badness, run on its own: it imports only `re` and `warnings`, and importing
    the ftfy package costs ~20 ms, the module alone ~4 ms. Imported as usual when it
    cannot run alone (a new release that imports from the package)."""
    if source is not None:
        module = types.ModuleType("factlint_ftfy_badness")
        try:
            exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), vars(module))
            return module
        except Exception:
            pass
    from ftfy import badness

    return badness


# UTF-8 punctuation read as GBK: "’" (E2 80 99) becomes "鈥" and a character made of
# 0x99 and the next byte ("bridge鈥檚" for "bridge’s"). ftfy does not try GBK.
_GBK_PUNCTUATION = fastre.compile(r"鈥[\p{Han}]")
_CJK = fastre.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LATIN = fastre.compile(r"[A-Za-z]")


def _gbk_stretches(line: str) -> list[tuple[int, int, str]]:
    """UTF-8 punctuation read as GBK, in a line of Latin script (in Chinese text "鈥"
    is a word), each with the punctuation mark it was."""
    if len(_LATIN.findall(line)) <= 3 * len(_CJK.findall(line)):
        return []
    out = []
    for m in _GBK_PUNCTUATION.finditer(line):
        try:
            repair = m.group().encode("gb18030").decode("utf-8")
        except UnicodeError:
            continue  # a byte was lost on the way: no sure repair
        # The mark, and the letter its last byte shared a character with ("檚": 0x99 "s").
        if "\u2000" <= repair[:1] <= "\u206f" and repair[1:].isascii():
            out.append((m.start(), m.end(), repair))
    return out


def garbled_stretches(line: str) -> list[tuple[int, int, str]]:
    """(start, end, repair) for each stretch of `line` that ftfy's repair changes, or
    that is punctuation read as GBK (`_gbk_stretches`)."""
    if line.isascii():  # nothing to repair
        return []
    if "鈥" in line and (found := _gbk_stretches(line)):
        return found
    badness = _badness()
    if badness is not None and not badness.search(line):  # what ftfy's is_bad asks
        return []
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    if not is_bad(line):
        return []
    fixed = fix_encoding(line)
    if fixed == line:
        return []
    import difflib

    pieces: list[list[int]] = []  # [a, b, c, d]: line[a:b] becomes fixed[c:d]
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    for op, a, b, c, d in matcher.get_opcodes():
        if op == "equal":
            continue
        if pieces and a - pieces[-1][1] <= 1 and not line[pieces[-1][1] : a].isspace():
            # One garbled word split by a single surviving character: report it once.
            pieces[-1][1], pieces[-1][3] = b, d
            continue
        pieces.append([a, b, c, d])
    out = []
    for a, b, c, d in pieces:
        if a == b or c == d:
            # A pure deletion ("Â£" -> "£") reads better with its neighbour shown.
            if b < len(line) and d < len(fixed):
                b, d = b + 1, d + 1
            elif a > 0 and c > 0:
                a, c = a - 1, c - 1
        out.append((a, b, fixed[c:d]))
    return out


def _findings(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    for m in _LINE.finditer(doc.prose, doc.body_start):
        line = m.group()
        if not line.strip():
            continue
        for a, b, repl in garbled_stretches(line):
            span = Span(m.start() + a, m.start() + b)
            original = doc.text[span.start : span.end]
            if original != line[a:b]:  # touches blanked markup: no safe repair
                continue
            yield ctx.finding(
                "FL601",
                doc,
                span,
                f"mojibake '{original}' (probably '{repl}')",
                fix=Fix(span, repl),
                key=f"{original}|{repl}",
            )


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    yield from _findings(analysis, ctx)
