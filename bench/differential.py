"""Runs that must agree, on random corpora of real sentences: a differential check.

Each case writes 20-45 articles made of sentences of the real news articles
(shared/corpus/news) and the seeds, copied across articles with a number changed, a
word dropped or two words swapped, under four publication dates, some in a subfolder:
the copies the cross-article rules exist for. Then it runs the CLI (real processes,
real forks) several ways that must give the same report:

- cache: a run without the cache, the first run with it, a run from the cached
  articles (not the stored whole run), and after one article is edited, a cached run
  against one without the cache;
- subset: a run given 1-3 articles with the rest as `corpus:` (a pre-commit hook),
  with and without the cache, reports on them what the run over every article does;
- jobs: `--jobs 1` against `--jobs 2`;
- hash: two runs under different hash seeds (`PYTHONHASHSEED`), which reorder sets;
- named: every article named on the command line, shuffled, against the folder;
- baseline: `check --baseline` of a baseline just written reports nothing;
- stdin: an article piped in with `--stdin-filename` its name, against the rest as
  `corpus:`, reports what checking the file does;
- fix: on a copy with text garbled as fixes mend it (a comma's lost space, a doubled
  word, mojibake), some files CRLF, some with lone CRs, some with an unusual mode,
  `check --fix` reports what a run after it does, a second `--fix` changes nothing,
  `--jobs 1`, `--jobs 2` and `--no-cache` fix to the same bytes, no line break is
  added or joined, modes are kept, and a file with nothing to fix is not written;
- diff: in a git repository with articles edited, added and cut since the commit,
  `--diff-base HEAD` reports exactly the findings of the whole run that touch a line
  `git diff` shows as added (their own lines or a related passage's) or lie in an
  untracked file, with and without the cache, and nothing right after the commit.

    python bench/differential.py [--cases 20] [--seed 1] [--keep DIR]

Prints one line per case and a summary; a case that differs is kept in --keep (or a
temporary folder, named in the output) with the commands that disagree. Exit 1 if any
differs. About 10 s a case.
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cases

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO.parent / "shared" / "corpus" / "news", REPO / "seeds"]
DATES = ("2025-03-04", "2025-03-05", "2025-03-20", "2024-11-02")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+")
_NUMBER = re.compile(r"\d[\d,.]*")
_FINDING = re.compile(r"(\S+?):\d+:\d+: FL")


def sentences() -> list[str]:
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*")):
            if path.suffix not in (".md", ".txt"):
                continue
            for paragraph in path.read_text(encoding="utf-8", errors="replace").split("\n\n"):
                for s in _SENTENCE_END.split(paragraph):
                    if 30 < len(s) < 400 and not s.startswith(("---", "#", "date:", "title:")):
                        out.append(s.strip())
    return out


def vary(rng: random.Random, sentence: str) -> str:
    """The sentence, or a copy with a number changed, a word dropped or two swapped."""
    k = rng.random()
    words = sentence.split(" ")
    if k < 0.35 and (numbers := list(_NUMBER.finditer(sentence))):
        m = rng.choice(numbers)
        digits = re.sub(r"\D", "", m.group()) or "1"
        new = rng.choice([m.group() + "0", m.group()[:-1] or "1", str(int(digits[:9]) + 1)])
        return sentence[: m.start()] + new + sentence[m.end() :]
    if k < 0.5 and len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    elif k < 0.6 and len(words) > 6:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def write_corpus(rng: random.Random, pool: list[str], root: Path) -> list[str]:
    """Articles under root/articles (a third in a subfolder); their paths as run."""
    (root / "articles" / "sub").mkdir(parents=True)
    shared = [rng.choice(pool) for _ in range(rng.randint(15, 40))]
    names = []
    for i in range(rng.randint(20, 45)):
        folder = "articles/sub" if rng.random() < 0.3 else "articles"
        paragraphs = [
            " ".join(vary(rng, rng.choice(shared)) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(2, 6))
        ]
        text = f"---\ndate: {rng.choice(DATES)}\n---\n" + "\n\n".join(paragraphs) + "\n"
        (root / folder / f"a{i:03d}.md").write_text(text, encoding="utf-8")
        names.append(f"{folder}/a{i:03d}.md")
    return names


def check(root: Path, *args: str, hash_seed: str = "random", stdin: str | None = None) -> str:
    """The concise report of `factlint check` (and its exit code, and any internal error)."""
    command = [sys.executable, "-c", "from factlint.cli import entry; entry()", "check"]
    done = subprocess.run(
        [*command, "--select", "ALL", "--format", "concise", *args],
        cwd=root,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed},
    )
    trouble = "Traceback" in done.stderr or done.returncode not in (0, 1)
    return f"exit {done.returncode}\n{done.stdout}" + (done.stderr if trouble else "")


def garble(rng: random.Random, sentence: str) -> str:
    """The sentence with one flaw a fix mends: a lost space, a doubled word, mojibake."""
    k = rng.random()
    if k < 0.35 and ", " in sentence:
        at = rng.choice([m.start() for m in re.finditer(", ", sentence)])
        return sentence[: at + 1] + sentence[at + 2 :]
    if k < 0.7:
        words = sentence.split(" ")
        i = rng.randrange(len(words))
        if words[i].isalpha():
            words.insert(i, words[i])
        return " ".join(words)
    try:
        return sentence.encode("utf-8").decode("cp1252")  # UTF-8 read as Windows-1252
    except UnicodeDecodeError:
        return sentence


def files_state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Each file's bytes, mode and modification time (ns), by path under folder."""
    state = {}
    for path in sorted(folder.rglob("*.md")):
        st = path.stat()
        state[path.relative_to(folder).as_posix()] = (path.read_bytes(), st.st_mode, st.st_mtime_ns)
    return state


def line_breaks(data: bytes) -> collections.Counter[bytes]:
    """How many line breaks of each kind (CR LF, CR, LF): a fix may delete lines, but
    never adds a break nor joins two (a CR and an LF read as one CR LF)."""
    return collections.Counter(re.findall(rb"\r\n|\r|\n", data))


def fix_case(rng: random.Random, root: Path) -> list[str]:
    """--fix on copies of the articles, garbled first: what must hold of every fix."""
    differs = []
    source = root / "fix-source"
    shutil.copytree(root / "articles", source)
    for path in sorted(source.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if rng.random() < 0.6:
            parts = _SENTENCE_END.split(text)
            for i in rng.sample(range(1, len(parts)), min(len(parts) - 1, rng.randint(1, 3))):
                parts[i] = garble(rng, parts[i])
            text = " ".join(parts)
        k = rng.random()
        if k < 0.25:
            text = text.replace("\n", "\r\n")
        elif k < 0.35:  # old Mac line ends (lone CRs) among LFs
            text = "".join(rng.choice("\n\r") if c == "\n" else c for c in text)
        path.write_bytes(text.encode("utf-8"))
        path.chmod(rng.choice([0o644, 0o600, 0o664, 0o755]))
    before = files_state(source)
    fixed = {}
    for name, args in (
        ("cache", ()),
        ("no-cache", ("--no-cache",)),
        ("jobs 1", ("--no-cache", "--jobs", "1")),
        ("jobs 2", ("--no-cache", "--jobs", "2")),
    ):
        folder = root / "fix" / name.replace(" ", "")
        shutil.copytree(source, folder, copy_function=shutil.copy2)
        work = folder.parent
        reported = check(work, folder.name, "--fix", *args)
        fixed[name] = after = files_state(folder)
        if reported != check(work, folder.name, *args):
            differs.append(f"fix {name}: the --fix report / a run after it")
        check(work, folder.name, "--fix", *args)
        if files_state(folder) != after:
            differs.append(f"fix {name}: a second --fix changed files")
        for file, (old, mode, mtime) in before.items():
            new, new_mode, new_mtime = after[file]
            if new_mode != mode:
                differs.append(f"fix {name}: {file} mode {mode:o} -> {new_mode:o}")
            if old == new and new_mtime != mtime:
                differs.append(f"fix {name}: {file} rewritten unchanged")
            breaks = line_breaks(new)
            if any(n > line_breaks(old)[kind] for kind, n in breaks.items()):
                differs.append(f"fix {name}: {file} line breaks added or joined")
    contents = {name: {f: v[0] for f, v in state.items()} for name, state in fixed.items()}
    if len({repr(sorted(c.items())) for c in contents.values()}) != 1:
        differs.append("fix: cache / no-cache / jobs 1 / jobs 2 fix to different bytes")
    if all(before[f][0] == c for f, c in contents["no-cache"].items()):
        differs.append("fix: nothing was fixed (the case tests nothing)")
    return differs


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org"}  # fmt: skip
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", *args],
        cwd=root, capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return done.stdout


def added_lines(root: Path) -> tuple[dict[str, set[int]], set[str]]:
    """Lines `git diff HEAD` shows as added, per file, and the untracked files."""
    added: dict[str, set[int]] = collections.defaultdict(set)
    current = ""
    for line in git(root, "diff", "--unified=0", "--no-color", "HEAD").splitlines():
        if line.startswith("+++ "):
            current = line[6:] if line.startswith("+++ b/") else ""
        elif m := re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line):
            start, count = int(m.group(1)), int(m.group(2) or 1)
            added[current].update(range(start, start + count))
    untracked = set(git(root, "ls-files", "--others", "--exclude-standard").split())
    return added, untracked


def sarif_findings(report: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """(rule and message and place, [(path, first, last line) of it and its related])
    of the SARIF report `check` returns (after its exit line)."""
    out = []
    for result in json.loads(report.split("\n", 1)[1])["runs"][0]["results"]:
        places = [result["locations"][0], *result.get("relatedLocations", [])]
        spans = []
        for place in places:
            physical = place["physicalLocation"]
            region = physical.get("region", {})
            first = region.get("startLine", 1)
            spans.append((physical["artifactLocation"]["uri"], first, region.get("endLine", first)))
        out.append((f"{result['ruleId']} {result['message']['text']} {spans[0]}", spans))
    return out


def diff_case(rng: random.Random, root: Path, names: list[str]) -> list[str]:
    """--diff-base HEAD against the whole run narrowed by git's own diff."""
    differs = []
    git(root, "init", "-q")
    (root / ".gitignore").write_text(".factlint_cache/\nfix/\nfix-source/\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "articles")
    if not check(root, "articles", "--diff-base", "HEAD").startswith("exit 0\n"):
        differs.append("diff: findings right after the commit")
    for name in rng.sample(names, min(len(names), 4)):
        path = root / name
        lines = path.read_text(encoding="utf-8").split("\n")
        body = [i for i in range(3, len(lines)) if lines[i]]
        k = rng.random()
        if k < 0.4 and body:
            i = rng.choice(body)
            lines[i] = vary(rng, lines[i])
        elif k < 0.7 and body:
            del lines[rng.choice(body)]
        else:
            lines[-1:-1] = ["", vary(rng, rng.choice(lines[3:] or ["A new line."]))]
        path.write_text("\n".join(lines), encoding="utf-8")
    new = root / "articles" / "new.md"
    new.write_text((root / rng.choice(names)).read_text(encoding="utf-8"), encoding="utf-8")
    added, untracked = added_lines(root)

    def touches(span: tuple[str, int, int]) -> bool:
        path, first, last = span
        return path in untracked or any(n in added.get(path, ()) for n in range(first, last + 1))

    whole = sarif_findings(check(root, "articles", "--no-cache", "--format", "sarif"))
    expected = [name for name, spans in whole if any(touches(s) for s in spans)]
    for args in ((), ("--no-cache",)):
        report = check(root, "articles", "--diff-base", "HEAD", "--format", "sarif", *args)
        got = [name for name, _ in sarif_findings(report)]
        if got != expected:
            differs.append(f"diff {' '.join(args)}: {len(got)} findings, {len(expected)} expected")
    return differs


def baseline(root: Path) -> None:
    command = [sys.executable, "-c", "from factlint.cli import entry; entry()", "baseline"]
    subprocess.run(
        [*command, "--select", "ALL", "articles", "-o", "baseline.json"],
        cwd=root,
        capture_output=True,
        check=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def by_file(report: str) -> dict[str, list[str]]:
    """Each file's findings in a concise report, with their evidence lines."""
    files: dict[str, list[str]] = collections.defaultdict(list)
    current = None
    for line in report.splitlines():
        if m := _FINDING.match(line):
            current = m.group(1)
            files[current].append(line)
        elif line.startswith("    ") and current is not None:
            files[current].append(line)
        else:
            current = None
    return files


def forget_runs(root: Path) -> None:
    """Drop the stored whole runs: the next run goes file by file."""
    with sqlite3.connect(root / ".factlint_cache" / "results.sqlite") as db:
        db.execute("DELETE FROM runs")


def one_case(rng: random.Random, pool: list[str], root: Path) -> list[str]:
    """What differs in one corpus (empty when every pair of runs agrees)."""
    names = write_corpus(rng, pool, root)
    differs = []
    # cache
    (root / "factlint.yaml").write_text("")
    cold = check(root, "articles", "--no-cache")
    first = check(root, "articles")
    forget_runs(root)
    if not cold == first == check(root, "articles"):
        differs.append("cache: cold / first / from the cached articles")
    edited = root / rng.choice(names)
    edited.write_text(edited.read_text() + "\n" + vary(rng, rng.choice(pool)) + "\n")
    if check(root, "articles") != check(root, "articles", "--no-cache"):
        differs.append(f"cache: after editing {edited.relative_to(root)}")
    # jobs
    if check(root, "articles", "--no-cache", "--jobs", "1") != check(
        root, "articles", "--no-cache", "--jobs", "2"
    ):
        differs.append("jobs: 1 / 2")
    # hash
    if check(root, "articles", "--no-cache", hash_seed="1") != check(
        root, "articles", "--no-cache", hash_seed="2"
    ):
        differs.append("hash: seed 1 / 2")
    # named
    shuffled = rng.sample(names, len(names))
    if check(root, "--no-cache", *shuffled) != check(root, "articles", "--no-cache"):
        differs.append("named: one by one, shuffled / the folder")
    # baseline
    baseline(root)
    if not check(root, "articles", "--baseline", "baseline.json").startswith("exit 0\n"):
        differs.append("baseline: findings beyond the baseline just written")
    # subset
    (root / "factlint.yaml").write_text('corpus: ["articles/**/*.md"]\n')
    whole = by_file(check(root, "articles"))
    for cache in ((), ("--no-cache",)):
        given = rng.sample(names, rng.choice([1, 1, 2, 3]))
        got = by_file(check(root, *cache, *given))
        if got != {name: whole[name] for name in given if name in whole}:
            differs.append(f"subset {' '.join(cache)}: {' '.join(given)}")
    # stdin: an editor's unsaved buffer, named as the file it will be saved to
    name = rng.choice(names)
    text = (root / name).read_text(encoding="utf-8")
    if check(root, "-", "--stdin-filename", name, stdin=text) != check(root, name):
        differs.append(f"stdin: {name} read from stdin / from the file")
    (root / "factlint.yaml").write_text("")
    differs += fix_case(rng, root)
    if shutil.which("git"):
        differs += diff_case(rng, root, names)
    return differs


def main() -> int:
    if not SOURCES[0].is_dir():
        print(f"no news corpus at {SOURCES[0]}", file=sys.stderr)
        return 2
    pool = sentences()
    return cases.run(
        __doc__ or "",
        lambda rng, root: one_case(rng, pool, root),
        cases=20,
        passed="agree",
        every="all runs agree",
    )


if __name__ == "__main__":
    sys.exit(main())
