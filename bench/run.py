"""factlint's benchmark: throughput, memory, scaling, cold start, cache, per-rule cost.

    python bench/run.py [--sizes 1000,10000] [--proselint-articles 1000] [--skip-proselint]

Generates the corpora (bench/generate.py), then measures `factlint check` as a
subprocess with every shipped rule selected (`--select ALL`) and the shipped ledger,
cross-article checks included, and prints a table against the targets:

- cold run (`--no-cache`) on each size: wall time, MB/s, CPU time, peak RSS (the
  largest process of the run, workers included, from wait4's rusage);
- scaling: time(largest) / time(smallest) against the size ratio;
- cold start on one small article (`--version`, `check one.md` without the cache, with
  it, and just edited as a pre-commit hook sees it), median of 5;
- the cache: a re-run with one article changed in the largest corpus, a pre-commit
  hook's run on one just-edited article against that whole corpus (median of 3), and
  a CI job's run: the articles checked out afresh beside the kept cache, one changed;
- in-process on 1,000 articles: reading, each extractor's throughput, each rule's cost;
- odd files (bench/adversarial.py): how the time of one file grows from 10 to 40 KB of
  inputs no article holds, every one to grow no faster than the text;
- proselint on the same articles (a subset by default, extrapolated and labelled),
  installed into its own virtualenv under the bench folder; skipped with a note when
  it cannot be installed.

Results also go to <root>/results.json. Timings are wall-clock on a shared machine:
run twice and compare before trusting a small difference.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

CHECKOUT = Path(__file__).resolve().parents[1]
# The code under test: a snapshot of the checkout taken at start (see snapshot()).
REPO = CHECKOUT
REFERENCE = {"proselint (others)": 0.30, "codespell (others)": 9.2, "typos (others)": 27.0}
TARGET_MBS = 5.0
TARGET_RSS_MB = 300.0
TARGET_COLD_START = 0.2
TARGET_SCALING = 11.0
TARGET_RERUN = 1.0


@dataclass
class Measure:
    wall: float  # seconds
    cpu: float  # user + system seconds, workers included
    rss_mb: float  # peak resident set of the largest process
    code: int
    stderr: str = ""


def snapshot(root: Path) -> Path:
    """Copy factlint/ and rules/ aside, so every measurement runs the same code, and
    compile its patterns into it as the wheel's build does (setup.py).

    Edits to the checkout during a run would otherwise change the cache's code
    fingerprint between two runs (all misses) and mix versions in one table.
    """
    target = root / "snapshot"
    if target.exists():
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "compiled.pickle")
    for name in ("factlint", "rules"):
        if (CHECKOUT / name).is_dir():
            shutil.copytree(CHECKOUT / name, target / name, ignore=ignore)
    # What the wheel ships besides the code: its own patterns, compiled as setup.py does.
    build = runpy.run_path(str(CHECKOUT / "setup.py"), run_name="factlint_setup")
    done = build["write_compiled"](target, CHECKOUT)
    if done.returncode != 0:
        print(f"warning: no compiled patterns: {done.stderr[-300:]}", file=sys.stderr)
    return target


def factlint_command() -> list[str]:
    """The CLI as the console script runs it, with this checkout's code."""
    return [sys.executable, "-c", "from factlint.cli import entry; entry()"]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    # An installed wheel has compiled bytecode; let the warm-up run write it here too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Run a command to completion; wall time and the rusage of its process tree."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env or child_env(),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Measure(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mb=usage.ru_maxrss / 1024,
        code=process.returncode,
        stderr=stderr[-2000:],
    )


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("*.md")) / 1e6


# What --select gets: every rule, or (--scope document) only the document-scope rules.
SELECT = "ALL"


def document_rule_ids(root: Path) -> str:
    """The ids of every document-scope rule the shipped configuration loads."""
    from factlint.config import Config
    from factlint.registry import load_checks

    checks = load_checks(Config(root=root))
    return ",".join(sorted(i for c in checks if c.scope == "document" for i in c.ids))


def check_command(target: Path, output: Path, *extra: str) -> list[str]:
    return [
        *factlint_command(),
        "check",
        str(target),
        "--select",
        SELECT,
        "--format",
        "concise",
        "-o",
        str(output),
        *extra,
    ]


def count_findings(output: Path) -> int:
    if not output.is_file():
        return 0
    return sum(1 for line in output.read_text(encoding="utf-8").splitlines() if ": FL" in line)


def warn_errors(label: str, m: Measure) -> None:
    if m.code not in (0, 1):
        tail = "\n    ".join(m.stderr.strip().splitlines()[-6:])
        print(f"  ! {label}: exit {m.code}\n    {tail}", file=sys.stderr)


# --- the measurements -------------------------------------------------------------------


def cold_runs(sizes: list[int], root: Path, work: Path) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for n in sizes:
        folder = generate.ensure(n, root)
        mb = folder_mb(folder)
        report = work / f"report-{n}.txt"
        print(f"  cold run on {n:,} articles ({mb:.1f} MB) ...", file=sys.stderr, flush=True)
        m = measure(check_command(folder, report, "--no-cache"), cwd=work)
        warn_errors(f"{n} articles", m)
        out[n] = {
            **asdict(m),
            "mb": mb,
            "mb_per_s": mb / m.wall,
            "findings": count_findings(report),
        }
        out[n].pop("stderr")
    return out


def cold_start(root: Path, work: Path) -> dict[str, float]:
    """Median of 5: what a pre-commit hook pays for one small article."""
    one_dir = work / "one"
    one_dir.mkdir(exist_ok=True)
    source = generate.ensure(1000, root) / "article-000000.md"
    one = one_dir / "one.md"
    shutil.copy(source, one)
    cases = {
        "factlint --version": [*factlint_command(), "--version"],
        "check one.md --no-cache": [*factlint_command(), "check", "one.md", "--no-cache"],
        "check one.md (cache hit)": [*factlint_command(), "check", "one.md"],
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
    }
    for command in cases.values():  # warm-up: bytecode, page cache, the cache entry
        measure(command, cwd=one_dir)
    result = {}
    for label, command in cases.items():
        result[label] = statistics.median(measure(command, cwd=one_dir).wall for _ in range(5))
    # What a pre-commit hook pays: the article was just edited (a cache miss), and the
    # cache folder holds the compiled patterns of earlier runs.
    original = one.read_bytes()
    walls = []
    try:
        for n in range(5):
            # A new text each time: an edit an earlier bench run saw would be a cache hit.
            one.write_bytes(original + f"\nEdit {n} at {time.time_ns()}.\n".encode())
            walls.append(measure([*factlint_command(), "check", "one.md"], cwd=one_dir).wall)
    finally:
        one.write_bytes(original)
    result["check one.md, just edited (pre-commit)"] = statistics.median(walls)
    result["bytes"] = one.stat().st_size
    return result


def cache_rerun(n: int, root: Path, work: Path) -> dict[str, float]:
    """Populate the cache, re-run unchanged, re-run with one article changed, then check
    one just-edited article against the whole corpus as a pre-commit hook does."""
    folder = generate.ensure(n, root)
    run_dir = work / "cache-run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir()
    # An editorial repository: the articles, and a config naming them as the corpus.
    (run_dir / "articles").symlink_to(folder, target_is_directory=True)
    (run_dir / "factlint.yaml").write_text('corpus: ["articles/*.md"]\n')
    report = run_dir / "report.txt"
    command = check_command(Path("articles"), report)
    print(f"  cache runs on {n:,} articles ...", file=sys.stderr, flush=True)
    first = measure(command, cwd=run_dir)
    warn_errors("cache: first run", first)
    unchanged = measure(command, cwd=run_dir)
    target = folder / "article-000123.md"
    original = target.read_bytes()
    hook = check_command(Path("articles") / target.name, report)
    walls = []
    try:
        target.write_bytes(original + b"\nThe council said 42 people attended on Monday.\n")
        changed = measure(command, cwd=run_dir)
        warn_errors("cache: changed run", changed)
        for k in range(3):
            # A new text each time: an edit an earlier run saw would be a cache hit.
            target.write_bytes(original + f"\nEdit {k} at {time.time_ns()}.\n".encode())
            edited = measure(hook, cwd=run_dir)
            warn_errors("cache: pre-commit run", edited)
            walls.append(edited.wall)
    finally:
        target.write_bytes(original)
    size = sum(p.stat().st_size for p in (run_dir / ".factlint_cache").glob("*"))
    ci = fresh_checkout(run_dir, command, target.name)
    return {
        "populate": first.wall,
        "populate_rss_mb": first.rss_mb,
        "unchanged": unchanged.wall,
        "one_changed": changed.wall,
        "one_changed_rss_mb": changed.rss_mb,
        "pre_commit": statistics.median(walls),
        "pre_commit_rss_mb": edited.rss_mb,
        "ci_checkout": ci.wall,
        "ci_checkout_rss_mb": ci.rss_mb,
        "cache_mb": size / 1e6,
    }


def fresh_checkout(run_dir: Path, command: list[str], changed: str) -> Measure:
    """A pull request's CI job: the articles checked out afresh (new files, new times),
    the cache restored beside them (the GitHub Action keeps it), one article changed."""
    print("  cache run in a fresh checkout ...", file=sys.stderr, flush=True)
    linked = run_dir / "articles"
    checkout = run_dir / "checkout"
    shutil.copytree(linked.resolve(), checkout, copy_function=shutil.copy)
    with (checkout / changed).open("a", encoding="utf-8") as stream:
        stream.write("\nThe council said 43 people attended on Tuesday.\n")
    linked.unlink()
    checkout.rename(linked)
    ci = measure(command, cwd=run_dir)
    warn_errors("cache: fresh checkout", ci)
    return ci


def in_process(root: Path) -> dict[str, Any]:
    """Per-stage and per-rule cost over 1,000 articles, in this process (one core)."""
    from factlint.analysis import Analysis
    from factlint.cli import load_setup
    from factlint.document import build_document
    from factlint.engine import contexts_for, plan
    from factlint.selection import Selection

    folder = generate.ensure(1000, root)
    files = sorted(folder.glob("*.md"))
    raw = [(str(p), p.read_bytes()) for p in files]
    mb = sum(len(d) for _, d in raw) / 1e6
    here = Path.cwd()
    os.chdir(root)  # as the subprocess runs: no config file above the corpus
    try:
        config, checks, ledger = load_setup(None)
    finally:
        os.chdir(here)
    config = dataclasses.replace(config, selection=Selection(select=tuple(SELECT.split(","))))
    p = plan(config, checks)
    contexts = contexts_for(p, config, ledger)

    stages: dict[str, float] = {}
    start = time.perf_counter()
    docs = [build_document(name, data)[0] for name, data in raw]
    stages["read + parse (Document)"] = time.perf_counter() - start
    analyses = [Analysis(d) for d in docs]
    for label, attr in (
        ("blocks + sentences", "sentences"),
        ("published date", "published"),
        ("numbers", "quantities"),
        ("dates", "dates"),
        ("attributions", "attributions"),
    ):
        start = time.perf_counter()
        try:
            for a in analyses:
                getattr(a, attr)
        except Exception as exc:  # an extractor not written yet
            stages[f"{label} (unavailable: {type(exc).__name__})"] = float("nan")
            continue
        stages[label] = time.perf_counter() - start

    rules: dict[str, float] = {}
    for check in p.checks:
        label = ",".join(check.ids) + f" ({check.scope})"
        ctx = contexts[id(check)]
        start = time.perf_counter()
        try:
            if check.scope == "document":
                for a in analyses:
                    list(check.run(a, ctx))
            else:
                list(check.run(analyses, ctx))
        except Exception as exc:
            label += f" failed: {type(exc).__name__}"
        rules[label] = time.perf_counter() - start
    return {"mb": mb, "articles": len(files), "stages": stages, "rules": rules}


def odd_files(work: Path) -> dict[str, Any]:
    """bench/adversarial.py on the snapshot: how the time grows on inputs no article
    holds (one file, 10 KB and 40 KB, every rule)."""
    out = work / "adversarial.json"
    command = [sys.executable, str(CHECKOUT / "bench" / "adversarial.py")]
    command += ["--size", "10000", "--limit", "30", "--code", str(REPO), "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not out.is_file():
        return {"unavailable": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.read_text())


def proselint(root: Path, articles: int, full_mb: float | None) -> dict[str, Any]:
    """proselint on `articles` generated articles, in its own virtualenv."""
    venv = root / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if not exe.is_file():
        print("  installing proselint into its own virtualenv ...", file=sys.stderr, flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "--quiet", "proselint"],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=600,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            return {"unavailable": f"cannot install proselint: {exc}"}
    if not exe.is_file():
        return {"unavailable": "proselint installed no command"}
    version = subprocess.run([str(exe), "version"], capture_output=True, text=True).stdout
    folder = generate.ensure(articles, root)
    mb = folder_mb(folder)
    print(f"  proselint on {articles:,} articles ...", file=sys.stderr, flush=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    m = measure([str(exe), "-o", "compact", "check", str(folder)], cwd=root, env=env)
    result: dict[str, Any] = {
        "version": version.strip(),
        "articles": articles,
        "mb": mb,
        "wall": m.wall,
        "mb_per_s": mb / m.wall,
        "rss_mb": m.rss_mb,
        "code": m.code,
    }
    if full_mb is not None and abs(full_mb - mb) > 0.01:
        result["extrapolated_wall"] = m.wall * full_mb / mb
    return result


# --- the table ---------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISS"


def print_table(results: dict[str, Any]) -> None:
    rows: list[tuple[str, str, str, str]] = []
    cold = results["cold"]
    for n, r in sorted(cold.items()):
        rows.append(
            (
                f"cold run, {n:,} articles ({r['mb']:.1f} MB)",
                f"{r['wall']:.2f} s, {r['mb_per_s']:.2f} MB/s, cpu {r['cpu']:.1f} s",
                f">= {TARGET_MBS} MB/s" if n == max(cold) else "",
                verdict(r["mb_per_s"] >= TARGET_MBS) if n == max(cold) else "",
            )
        )
        rows.append(
            (
                f"  peak RSS, {n:,}",
                f"{r['rss_mb']:.0f} MB ({r['findings']:,} findings, exit {r['code']})",
                f"< {TARGET_RSS_MB:.0f} MB" if n == max(cold) else "",
                verdict(r["rss_mb"] < TARGET_RSS_MB) if n == max(cold) else "",
            )
        )
    if len(cold) >= 2:
        small, large = min(cold), max(cold)
        ratio = cold[large]["wall"] / cold[small]["wall"]
        limit = TARGET_SCALING * (large / small) / 10
        rows.append(
            (
                f"scaling {large // small}x articles",
                f"{ratio:.2f}x time",
                f"<= {limit:.1f}x",
                verdict(ratio <= limit),
            )
        )
    start = results.get("cold_start", {})
    for label, value in start.items():
        if label == "bytes":
            continue
        target = label.startswith(("check one.md --no-cache", "check one.md, just edited"))
        rows.append(
            (
                f"cold start: {label}",
                f"{value:.3f} s",
                f"< {TARGET_COLD_START} s" if target else "",
                verdict(value < TARGET_COLD_START) if target else "",
            )
        )
    cache = results.get("cache")
    if cache:
        n = max(cold) if cold else 0
        if "populate_rss_mb" in cache:  # an older bench's results.json has no such figure
            # The default configuration's whole run: the cold runs above are --no-cache.
            rows.append(
                (
                    f"cache: first run (populates), {n:,} articles",
                    f"{cache['populate']:.2f} s, {cache['populate_rss_mb']:.0f} MB RSS",
                    f"< {TARGET_RSS_MB:.0f} MB",
                    verdict(cache["populate_rss_mb"] < TARGET_RSS_MB),
                )
            )
        else:
            rows.append(("cache: first run (populates)", f"{cache['populate']:.2f} s", "", ""))
        rows.append(("cache: re-run, nothing changed", f"{cache['unchanged']:.2f} s", "", ""))
        rows.append(
            (
                f"cache: re-run, 1 of {n:,} changed",
                f"{cache['one_changed']:.2f} s, {cache['one_changed_rss_mb']:.0f} MB RSS",
                f"< {TARGET_RERUN} s",
                verdict(cache["one_changed"] < TARGET_RERUN),
            )
        )
        if "pre_commit" in cache:  # results.json of an older bench has no such run
            rows.append(
                (
                    f"cache: pre-commit, 1 just-edited article against {n:,}",
                    f"{cache['pre_commit']:.2f} s, {cache['pre_commit_rss_mb']:.0f} MB RSS",
                    f"< {TARGET_RERUN} s",
                    verdict(cache["pre_commit"] < TARGET_RERUN),
                )
            )
        if "ci_checkout" in cache:
            rows.append(
                (
                    f"cache: CI, fresh checkout with the cache restored, 1 of {n:,} changed",
                    f"{cache['ci_checkout']:.2f} s, {cache['ci_checkout_rss_mb']:.0f} MB RSS",
                    f"< {TARGET_RERUN} s",
                    verdict(cache["ci_checkout"] < TARGET_RERUN),
                )
            )
        rows.append(("cache: size on disk", f"{cache['cache_mb']:.0f} MB", "", ""))
    inproc = results.get("in_process")
    if inproc:
        mb = inproc["mb"]
        rows.append((f"in-process, {inproc['articles']:,} articles, 1 core", "", "", ""))
        for label, seconds in inproc["stages"].items():
            shown = "n/a" if seconds != seconds else f"{mb / seconds:.2f} MB/s ({seconds:.2f} s)"
            rows.append((f"  extract: {label}", shown, "", ""))
        for label, seconds in sorted(inproc["rules"].items(), key=lambda kv: -kv[1]):
            rows.append(
                (f"  rule {label}", f"{seconds * 1000 / inproc['articles']:.2f} ms/article", "", "")
            )
    odd = results.get("odd_files")
    if odd and "unavailable" in odd:
        rows.append(("odd files", f"skipped: {odd['unavailable']}", "", ""))
    elif odd:
        growths = [r["large"] / max(r["small"], 1e-6) if r["large"] else None for r in odd["rows"]]
        limit = odd["growth"] * 1.5
        slow = sum(1 for g in growths if g is None or g > limit)
        worst = max((g for g in growths if g is not None), default=0.0)
        rows.append(
            (
                f"odd files: {len(growths)} repeated inputs, {odd['size'] // 1000} KB"
                f" -> {odd['size'] * odd['growth'] // 1000} KB (bench/adversarial.py)",
                f"{slow} grow faster than the text; worst {worst:.1f}x",
                f"<= {limit:.0f}x each",
                verdict(slow == 0),
            )
        )
    prose = results.get("proselint", {})
    fact_mbs = cold[max(cold)]["mb_per_s"] if cold else None
    if "unavailable" in prose:
        rows.append(("proselint", f"skipped: {prose['unavailable']}", "", ""))
    elif prose:
        label = f"proselint {prose['version']} on {prose['articles']:,} articles"
        value = f"{prose['wall']:.2f} s, {prose['mb_per_s']:.2f} MB/s"
        if "extrapolated_wall" in prose and cold:
            value += f"; extrapolated to {max(cold):,}: {prose['extrapolated_wall']:.0f} s"
            label += " (subset)"
        rows.append((label, value, "", ""))
        if fact_mbs:
            rows.append(
                ("factlint / proselint speed", f"{fact_mbs / prose['mb_per_s']:.2f}x", "", "")
            )
    for label, mbs in REFERENCE.items():
        extra = f"factlint is {fact_mbs / mbs:.2f}x" if fact_mbs else ""
        rows.append((f"reference: {label}, 10,000 articles", f"{mbs} MB/s", extra, ""))

    widths = [
        max(len(r[i]) for r in [*rows, ("measure", "result", "target", "")]) for i in range(4)
    ]
    header = ("measure", "result", "target", "")
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--root", type=Path, default=generate.DEFAULT_ROOT)
    parser.add_argument("--proselint-articles", type=int, default=1000)
    parser.add_argument("--skip-proselint", action="store_true")
    parser.add_argument("--skip-cache", action="store_true")
    parser.add_argument(
        "--scope",
        choices=("all", "document"),
        default="all",
        help="all rules (default), or only document-scope rules (no cross-article checks)",
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    root: Path = args.root
    work = root / "work"
    work.mkdir(parents=True, exist_ok=True)
    global REPO, SELECT
    REPO = snapshot(root)
    sys.path.insert(0, str(REPO))
    if args.scope == "document":
        SELECT = document_rule_ids(root)
        print(f"document-scope rules only: {SELECT}", file=sys.stderr)

    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "select": SELECT,
    }
    print("warming up (bytecode, page cache) ...", file=sys.stderr, flush=True)
    results["cold_start"] = cold_start(root, work)
    results["cold"] = cold_runs(sizes, root, work)
    if not args.skip_cache:
        results["cache"] = cache_rerun(max(sizes), root, work)
    print("  in-process stages and rules on 1,000 articles ...", file=sys.stderr, flush=True)
    results["in_process"] = in_process(root)
    print("  odd files: repeated inputs at two sizes ...", file=sys.stderr, flush=True)
    results["odd_files"] = odd_files(work)
    if args.skip_proselint:
        results["proselint"] = {"unavailable": "--skip-proselint"}
    else:
        full = results["cold"][max(sizes)]["mb"]
        results["proselint"] = proselint(root, min(args.proselint_articles, max(sizes)), full)
    name = "results.json" if args.scope == "all" else f"results-{args.scope}.json"
    (root / name).write_text(json.dumps(results, indent=2, default=str))
    print_table(results)
    print(f"(rules: --select {SELECT}; details in {root / name})")


if __name__ == "__main__":
    main()
