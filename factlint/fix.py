"""Applying safe fixes to a file's text, and writing the result back atomically."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from factlint.model import Fix, Span

_BOM = b"\xef\xbb\xbf"


def _conflicts(fix: Fix, applied: Fix) -> bool:
    a, b = fix.span, applied.span
    if a.overlaps(b):
        return True
    # An insertion conflicts with a replacement around it, or another insertion there.
    if len(a) == 0 and b.start < a.start < b.end:
        return True
    if len(b) == 0 and a.start < b.start < a.end:
        return True
    return len(a) == 0 and len(b) == 0 and a.start == b.start


def _joins_line_ends(text: str, fix: Fix) -> bool:
    """Whether the fix would bring a CR and an LF together, two line breaks that would
    then read as one (a file mixing lone CRs and LFs, a line deleted between them)."""
    start, end = fix.span.start, fix.span.end
    before = text[max(start - 1, 0) : start]
    after = text[end : end + 1]
    return (before + fix.replacement + after).count("\r\n") > (
        before + text[start:end] + after
    ).count("\r\n")


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[Fix]]:
    """Apply fixes from the end of the text; skip any that overlap one already applied,
    or that would join two line breaks into one.

    Returns the new text and the fixes applied (the same objects, in text order). A
    fix equal to an applied one (same span and replacement) counts as applied too.
    """
    ordered = sorted(
        (f for f in fixes if f.span.end <= len(text)),
        key=lambda f: (f.span.start, f.span.end),
        reverse=True,
    )
    applied: list[Fix] = []
    done: set[tuple[int, int, str]] = set()
    out = text
    for fix in ordered:
        ident = (fix.span.start, fix.span.end, fix.replacement)
        if ident in done:
            applied.append(fix)
            continue
        if any(_conflicts(fix, other) for other in applied) or _joins_line_ends(out, fix):
            continue
        out = out[: fix.span.start] + fix.replacement + out[fix.span.end :]
        applied.append(fix)
        done.add(ident)
    applied.reverse()
    return out, applied


def apply_fixes_as_read(raw: str, fixes: Sequence[Fix]) -> tuple[str, list[Fix]]:
    """`apply_fixes` for fixes located in the text as factlint reads it (CR LF read as
    one LF, `document.decode`), applied to `raw`, the file's text with its own line
    ends, which stay as they were."""
    if "\r\n" not in raw:  # a lone CR was read as one LF: the offsets are the same
        return apply_fixes(raw, fixes)
    # Each CR LF's LF as read: an offset past it is one further on in `raw`.
    lf_at = [m.start() - n for n, m in enumerate(re.finditer("\r\n", raw))]

    def in_raw(offset: int) -> int:
        return offset + bisect.bisect_left(lf_at, offset)

    moved = [
        dataclasses.replace(f, span=Span(in_raw(f.span.start), in_raw(f.span.end))) for f in fixes
    ]
    given = {id(m): f for m, f in zip(moved, fixes, strict=True)}
    text, applied = apply_fixes(raw, moved)
    return text, [given[id(m)] for m in applied]


def write_atomically(path: Path, text: str, original_bytes: bytes) -> None:
    """Replace `path` with `text` as UTF-8, as the original was written.

    A byte-order mark is kept if the original had one, line endings are written as
    they are in `text`, and the file mode is kept. The new content goes to a temporary
    file in the same folder, is synced to disk, then renamed over the original, so a
    crash leaves either the old file or the new one, never half of each (`replace_file`).
    """
    body = original_bytes[3:] if original_bytes.startswith(_BOM) else original_bytes
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        # Undecodable bytes were read as U+FFFD; writing would lose them for good.
        raise ValueError(f"{path}: not valid UTF-8, not rewritten") from None
    data = text.encode("utf-8", "surrogatepass")
    if original_bytes.startswith(_BOM):
        data = _BOM + data
    replace_file(Path(path), data)


def replace_file(path: Path, data: bytes) -> None:
    """Put `data` at `path`, whole or not at all: written to a temporary file beside it,
    synced to disk, then renamed over it. The file keeps its mode (a new one gets the
    usual mode for the process's umask). A symlink stays one: the file it leads to is
    rewritten (renamed over, the link was replaced by a copy and its target left as
    it was)."""
    path = Path(os.path.realpath(path))
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)  # mkstemp makes it readable by its owner only
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):  # make the rename durable where the OS allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask
