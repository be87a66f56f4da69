"""Diff mode: keep the findings on lines added or changed since a git revision.

The whole corpus is still read and checked (a new article can contradict an old one);
only the report is narrowed. A finding stays when its own lines, or for a cross-article
or ledger finding any of its related passages, touch a line that `git diff REV` shows as
added, or lie in a file git does not track (a new, untracked article). The working tree
is compared with REV, so uncommitted edits count as changes.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from factlint.model import FileError, Finding, Location, RunResult

_HUNK = regex.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_OCTAL = regex.compile(rb"\\([0-7]{3})")
_ESCAPES = {b"a": b"\a", b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t",
            b"v": b"\v", b"\\": b"\\", b'"': b'"'}  # fmt: skip
# Options that keep the patch in the shape parsed here whatever the user's git config says.
_DIFF_OPTIONS = (
    "--unified=0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--find-renames",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--ignore-submodules",
)


class GitError(Exception):
    """git could not answer; carries the located error to report."""

    def __init__(self, error: FileError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True, slots=True)
class Changes:
    """Lines added since the revision, per file (repository-relative posix path)."""

    added: Mapping[str, frozenset[int]] = field(default_factory=dict)
    # Files the worktree has and git does not track: every line is new.
    untracked: frozenset[str] = frozenset()

    def touches(self, path: str, first: int, last: int) -> bool:
        if path in self.untracked:
            return True
        lines = self.added.get(path)
        if not lines:
            return False
        return any(line in lines for line in range(first, last + 1))


def unquote(name: str) -> str:
    """A path as git prints it: C-style quoted ("a\\tb", "\\303\\251") when unusual."""
    if not (len(name) >= 2 and name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("utf-8", "surrogateescape")
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i : i + 1] == b"\\" and i + 1 < len(raw):
            octal = _OCTAL.match(raw, i)
            if octal:
                out.append(int(octal.group(1), 8))
                i += 4
                continue
            out += _ESCAPES.get(raw[i + 1 : i + 2], raw[i + 1 : i + 2])
            i += 2
            continue
        out += raw[i : i + 1]
        i += 1
    return out.decode("utf-8", "surrogateescape")


def _target(header: str) -> str | None:
    """The new-side path of a `+++ b/path` line, or None for a deleted file."""
    name = header[4:].rstrip("\n")
    # git appends a tab after names that contain spaces.
    if not name.startswith('"') and name.endswith("\t"):
        name = name[:-1]
    if name == "/dev/null":
        return None
    name = unquote(name)
    return name[2:] if name.startswith("b/") else name


def parse_diff(patch: str) -> dict[str, frozenset[int]]:
    """Added line numbers (new side, 1-based) per file, from `git diff --unified=0`.

    Inside a hunk the counts from its header say how many lines belong to it, so an
    added line that reads like a header ("+++ b/x") is never taken for one.
    """
    added: dict[str, set[int]] = {}
    current: str | None = None
    old_left = new_left = 0
    for line in patch.splitlines():
        if old_left > 0 or new_left > 0:
            if line.startswith("+"):
                new_left -= 1
            elif line.startswith("-"):
                old_left -= 1
            elif line.startswith(" "):
                old_left, new_left = old_left - 1, new_left - 1
            continue  # "\\ No newline at end of file" counts for nothing
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            current = _target(line)
            if current is not None:
                added.setdefault(current, set())
        elif line.startswith("@@ "):
            hunk = _HUNK.match(line)
            if hunk is None:
                continue
            old_left = int(hunk.group(1)) if hunk.group(1) is not None else 1
            start = int(hunk.group(2))
            new_left = int(hunk.group(3)) if hunk.group(3) is not None else 1
            if current is not None:
                added[current].update(range(start, start + new_left))
    return {path: frozenset(lines) for path, lines in added.items()}


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except OSError as exc:  # no git installed
        return subprocess.CompletedProcess(args, 127, "", f"cannot run git: {exc}")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def toplevel(folder: Path, rev: str) -> Path:
    """The root of the repository holding `folder`."""
    probe = folder
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    done = _git(["rev-parse", "--show-toplevel"], probe)
    if done.returncode != 0:
        raise GitError(
            FileError(
                str(folder),
                f"--diff-base {rev}: not inside a git repository ({_first_line(done.stderr)})",
            )
        )
    return Path(done.stdout.strip()).resolve()


def changes_since(top: Path, rev: str, files: Iterable[str] = ()) -> Changes:
    """Lines added in the worktree of repository `top` since `rev`.

    `files` (repository-relative) are asked about being untracked, so a new article that
    is not yet added (or is ignored) counts as wholly new.
    """
    # A revision starting with "-" would be read as an option.
    verify = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    if rev.startswith("-") or verify.returncode != 0:
        raise GitError(
            FileError(
                str(top),
                f"--diff-base: unknown revision '{rev}' (in a shallow clone, fetch it first: "
                f"git fetch --depth 1 origin {rev})",
            )
        )
    commit = verify.stdout.strip()
    diff = _git(["diff", *_DIFF_OPTIONS, commit, "--"], top)
    if diff.returncode != 0:
        raise GitError(
            FileError(str(top), f"--diff-base: git diff {rev} failed: {_first_line(diff.stderr)}")
        )
    wanted = sorted(set(files))
    untracked: frozenset[str] = frozenset()
    if wanted:
        others = _git(["ls-files", "--others", "-z", "--", *wanted], top)
        if others.returncode != 0:
            raise GitError(
                FileError(
                    str(top), f"--diff-base: git ls-files failed: {_first_line(others.stderr)}"
                )
            )
        untracked = frozenset(p for p in others.stdout.split("\0") if p)
    return Changes(parse_diff(diff.stdout), untracked)


def _resolved(path: str) -> Path:
    return Path(os.path.abspath(path)).resolve()


def _relative(path: Path, top: Path) -> str | None:
    try:
        return path.relative_to(top).as_posix()
    except ValueError:
        return None


class _Repos:
    """Finds each folder's repository once and asks git about each repository once."""

    def __init__(self, rev: str) -> None:
        self.rev = rev
        self.tops: dict[Path, Path | GitError] = {}
        self.changes: dict[Path, Changes] = {}

    def top_for(self, folder: Path) -> Path:
        """The repository of `folder`; GitError if there is none."""
        if folder not in self.tops:
            try:
                self.tops[folder] = toplevel(folder, self.rev)
            except GitError as exc:
                self.tops[folder] = exc
        top = self.tops[folder]
        if isinstance(top, GitError):
            raise top
        return top

    def load(self, wanted: Mapping[Path, set[str]]) -> None:
        for top, files in wanted.items():
            self.changes[top] = changes_since(top, self.rev, files)

    def touches(self, location: Location, *, own: bool = False) -> bool:
        file = _resolved(location.path)
        if own and not file.exists():
            return True  # read from stdin under a name git has never seen: all new
        top = self.tops.get(file.parent)
        if not isinstance(top, Path) or top not in self.changes:
            return False
        rel = _relative(file, top)
        return rel is not None and self.changes[top].touches(rel, location.line, location.end_line)


def _wanted(repos: _Repos, findings: Sequence[Finding]) -> dict[Path, set[str]]:
    """Repository -> the files (repository-relative) the findings point at."""
    wanted: dict[Path, set[str]] = {}
    own = sorted({f.path for f in findings})
    if not own:
        # Nothing to filter, but a wrong revision should still fail the run.
        wanted[repos.top_for(Path.cwd().resolve())] = set()
    for path in own:
        file = _resolved(path)
        top = repos.top_for(file.parent)
        rel = _relative(file, top)
        wanted.setdefault(top, set()).update([rel] if rel else [])
    # Related passages may lie outside any repository (a shipped ledger): those are
    # simply not changes.
    for path in sorted({r.location.path for f in findings for r in f.related} - set(own)):
        file = _resolved(path)
        try:
            top = repos.top_for(file.parent)
        except GitError:
            continue
        rel = _relative(file, top)
        if rel is not None:
            wanted.setdefault(top, set()).add(rel)
    return wanted


def keep_changed(result: RunResult, rev: str) -> RunResult:
    """`result` with only the findings on lines added or changed since git revision `rev`.

    A failure of git (no repository, unknown revision) becomes a FileError naming the
    revision, and no findings are reported, since new and old cannot be told apart.
    """
    repos = _Repos(rev)
    try:
        repos.load(_wanted(repos, result.findings))
    except GitError as exc:
        return dataclasses.replace(result, findings=[], errors=[*result.errors, exc.error])
    kept = [
        f
        for f in result.findings
        if repos.touches(f.location, own=True) or any(repos.touches(r.location) for r in f.related)
    ]
    notices = list(result.notices)
    hidden = len(result.findings) - len(kept)
    if hidden:
        noun = "finding" if hidden == 1 else "findings"
        notices.append(f"--diff-base {rev}: {hidden} {noun} on unchanged lines not shown")
    return dataclasses.replace(result, findings=kept, notices=notices)
