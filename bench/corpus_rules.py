"""Cost of each cross-article (corpus) rule alone, at N and 10 N articles.

    python bench/corpus_rules.py [--sizes 500,5000]

Extraction happens first and is not timed: this isolates the matching each corpus
rule does across articles, which must index (never compare all pairs) so that ten
times the articles cost at most about ten times the time.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import ensure  # noqa: E402

from factlint.analysis import Analysis  # noqa: E402
from factlint.config import Config  # noqa: E402
from factlint.engine import Reader, plan  # noqa: E402
from factlint.ledger import load_ledger, shipped_ledger_paths  # noqa: E402
from factlint.registry import BUILTIN_CHECKS  # noqa: E402
from factlint.rule import Context, check_from_module  # noqa: E402


def analyses(n: int) -> list[Analysis]:
    folder = ensure(n)
    reader = Reader(Config())
    out = []
    for path in sorted(folder.glob("*.md")):
        doc = reader.read(str(path))
        if doc is not None:
            a = Analysis(doc)
            _ = a.quantities, a.dates, a.attributions  # extract first: not timed here
            out.append(a)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,5000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    checks = [check_from_module(importlib.import_module(m), m) for m in BUILTIN_CHECKS]
    corpus_checks = [c for c in checks if c.scope == "corpus"]
    p = plan(Config(), checks)
    ledger = load_ledger(shipped_ledger_paths())
    times: dict[tuple[str, int], float] = {}
    for n in sizes:
        corpus = analyses(n)
        for check in corpus_checks:
            ctx = Context(p.rules, dict(check.defaults), ledger, p.enabled)
            start = time.perf_counter()
            found = list(check.run(corpus, ctx))
            took = time.perf_counter() - start
            times[(check.ids[0], n)] = took
            print(
                f"{n:>6} articles  {'/'.join(check.ids[:1])}..{check.ids[-1]:<6} "
                f"{took:>8.2f} s  {len(found):>6} findings",
                flush=True,
            )
    small, large = sizes[0], sizes[-1]
    print(f"\n{large // small}x the articles:")
    for check in corpus_checks:
        key = check.ids[0]
        ratio = times[(key, large)] / max(times[(key, small)], 1e-9)
        print(f"  {key}..{check.ids[-1]}: {ratio:.1f}x the time")


if __name__ == "__main__":
    main()
