"""Baselines: accept the findings an archive already has, report only new ones.

A baseline is a JSON file listing findings by fingerprint (rule, file and the claims the
finding is about, never its line), so moving text around does not make an old finding new,
while changing the claim does. Matching counts: a baseline with two identical entries
accepts two such findings, and a third is new.

Paths in a baseline are relative to the baseline's own folder, so it matches whichever
folder factlint runs from.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factlint.fingerprint import fingerprint, normalise_path
from factlint.model import FileError, Finding, RunResult
from factlint.reporters._common import json_text

BASELINE_VERSION = 1
# Stale entries named in the notice; the rest are counted.
STALE_SHOWN = 20
_ENTRY_KEYS = ("fingerprint", "rule", "path", "message")


@dataclass(frozen=True, slots=True)
class Entry:
    """One finding a baseline accepts, identified by its fingerprint."""

    fingerprint: str
    rule: str
    path: str
    message: str

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.path, self.rule, self.message, self.fingerprint)


class BaselineError(Exception):
    """A baseline file that cannot be used, located like any input error."""

    def __init__(self, error: FileError) -> None:
        super().__init__(str(error))
        self.error = error


def rebase(path: str, folder: Path) -> str:
    """`path` (as reported, relative to the current folder) relative to `folder`."""
    if path.startswith("<"):  # "<stdin>" names no file
        return path
    try:
        return normalise_path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder)))
    except ValueError:  # another drive on Windows
        return normalise_path(path)


def entry_for(finding: Finding, folder: Path) -> Entry:
    loc = finding.location
    rebased = dataclasses.replace(
        finding, location=dataclasses.replace(loc, path=rebase(loc.path, folder))
    )
    return Entry(fingerprint(rebased), finding.rule_id, rebased.path, finding.message)


def entries_for(findings: Iterable[Finding], folder: Path) -> list[Entry]:
    return sorted((entry_for(f, folder) for f in findings), key=Entry.sort_key)


def document(entries: Sequence[Entry]) -> dict[str, Any]:
    return {
        "version": BASELINE_VERSION,
        "tool": "factlint",
        "entries": [dataclasses.asdict(e) for e in sorted(entries, key=Entry.sort_key)],
    }


def dumps(entries: Sequence[Entry]) -> str:
    """The baseline file's text: sorted and stable, so it diffs well in review."""
    return json_text(document(entries)) + "\n"


def write_baseline(findings: Iterable[Finding], path: Path) -> int:
    """Write the baseline of `findings` to `path`, whole or not at all (a file beside it,
    then renamed over it: an interrupted write never leaves half a baseline to commit;
    a symlinked baseline stays a link, and the file it leads to is written); the number
    of entries. Raises OSError if it cannot."""
    from factlint.fix import replace_file

    entries = entries_for(findings, path.parent)
    replace_file(path, dumps(entries).encode("utf-8"))
    return len(entries)


def _bad(path: Path, message: str, line: int | None = None) -> BaselineError:
    return BaselineError(FileError(str(path), f"bad baseline: {message}", line))


def parse_baseline(text: str, path: Path) -> list[Entry]:
    """The entries of a baseline file's text; BaselineError (located) if it is malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise _bad(path, "not valid JSON: values nested too deeply", 1) from None
    except ValueError as exc:  # an integer longer than Python reads
        from factlint.yamlload import too_long_number

        line, problem = too_long_number(text, exc) or (1, str(exc))
        raise _bad(path, f"not valid JSON: {problem}", line) from None
    if not isinstance(data, dict):
        raise _bad(path, "expected an object with 'version' and 'entries'", 1)
    version = data.get("version")
    if version != BASELINE_VERSION:
        raise _bad(path, f"unsupported version {version!r} (expected {BASELINE_VERSION})", 1)
    items = data.get("entries")
    if not isinstance(items, list):
        raise _bad(path, "'entries' must be a list", 1)
    entries: list[Entry] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise _bad(path, f"entry {number} is not an object")
        missing = [k for k in _ENTRY_KEYS if not isinstance(item.get(k), str)]
        if missing:
            raise _bad(path, f"entry {number} needs a string {missing[0]!r}")
        entries.append(Entry(*(item[k] for k in _ENTRY_KEYS)))
    return entries


def load_baseline(path: Path) -> list[Entry]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _bad(path, "no such file (write one with `factlint baseline`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return parse_baseline(text, path)


def split_new(
    findings: Sequence[Finding], entries: Sequence[Entry], folder: Path
) -> tuple[list[Finding], list[Entry]]:
    """Findings not accounted for by the baseline, and baseline entries nothing matched.

    Each entry accepts one finding with its fingerprint; among identical findings the
    first ones in report order are taken as the old ones.
    """
    left = Counter(e.fingerprint for e in entries)
    new: list[Finding] = []
    for finding in findings:
        fp = entry_for(finding, folder).fingerprint
        if left[fp] > 0:
            left[fp] -= 1
        else:
            new.append(finding)
    stale: list[Entry] = []
    for entry in sorted(entries, key=Entry.sort_key):
        if left[entry.fingerprint] > 0:
            left[entry.fingerprint] -= 1
            stale.append(entry)
    return new, stale


def stale_notice(stale: Sequence[Entry]) -> str:
    count = len(stale)
    noun = "entry" if count == 1 else "entries"
    lines = [f"baseline: {count} stale {noun}; rewrite it with `factlint baseline`"]
    lines += [f"  {e.path}: {e.rule} {e.message}" for e in stale[:STALE_SHOWN]]
    if count > STALE_SHOWN:
        lines.append(f"  ... and {count - STALE_SHOWN} more")
    return "\n".join(lines)


def keep_new(
    result: RunResult,
    path: Path,
    *,
    checked: Iterable[str] | None = None,
    rules: Iterable[str] | None = None,
) -> RunResult:
    """`result` with only the findings the baseline at `path` does not list.

    Stale entries (nothing matches them any more) are named in a notice. `checked` (the
    files read) and `rules` (the rule ids run), when given, limit that to entries a run
    could have matched, so that checking a few files or a few rules does not call the
    rest of the baseline stale.
    """
    try:
        entries = load_baseline(path)
    except BaselineError as exc:
        # Without the baseline nothing can be told apart: report the error, not old findings.
        return dataclasses.replace(result, findings=[], errors=[*result.errors, exc.error])
    folder = path.parent
    new, stale = split_new(result.findings, entries, folder)
    if checked is not None:
        paths = {rebase(p, folder) for p in checked}
        stale = [e for e in stale if e.path in paths]
    if rules is not None:
        ran = set(rules)
        stale = [e for e in stale if e.rule in ran]
    notices = list(result.notices)
    if stale:
        notices.append(stale_notice(stale))
    return dataclasses.replace(result, findings=new, notices=notices)
