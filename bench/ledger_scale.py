"""How the ledger scales: load time and matching cost at 1,000 and 10,000 facts.

    python bench/ledger_scale.py

Generates ledgers of N facts (deterministic; subjects mix the seeds' vocabulary with
synthetic company names, so lookups find real candidates), loads each with the real
loader, then matches every figure of the seeds and the news corpus (repeated to reach
the claim counts) with the real FL4xx matcher. Linear cost means: time per claim stays
flat as the ledger grows tenfold, and total time grows with the number of claims only.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factlint.analysis import Analysis  # noqa: E402
from factlint.checks.ledger_figures import ledger_hits  # noqa: E402
from factlint.checks.numbers import DEFAULTS  # noqa: E402
from factlint.document import document_from_text  # noqa: E402
from factlint.ledger import load_ledger, shipped_ledger_paths  # noqa: E402

METRICS = (
    "revenue",
    "registered capital",
    "downloads",
    "investment",
    "capital expenditure",
    "users",
    "training compute",
    "market share",
    "funding",
    "exports",
)
UNITS = (
    ("currency", "USD"),
    ("currency", "CNY"),
    ("unit", "downloads"),
    ("unit", "GPU-hours"),
    ("unit", "users"),
    ("unit", "%"),
)
WORDS = (
    "national",
    "fund",
    "AI",
    "chip",
    "cloud",
    "model",
    "open",
    "industry",
    "investment",
    "energy",
    "battery",
    "solar",
    "robot",
    "platform",
    "search",
    "data",
    "centre",
    "bank",
)


def generate(n: int, path: Path) -> None:
    rng = random.Random(n)
    lines = ["facts:"]
    for i in range(n):
        name = f"{rng.choice(WORDS).title()}{rng.choice(WORDS).lower()} Corp {i}"
        metric = rng.choice(METRICS)
        key, unit = rng.choice(UNITS)
        value = round(rng.uniform(1, 900), 2)
        scale = "" if unit == "%" else rng.choice((" million", " billion"))
        lines += [
            f"  - id: f{i}",
            f"    subject: {name} {metric}",
            f"    aliases: ['{name}', '{rng.choice(WORDS)} {rng.choice(WORDS)} {metric}']",
            f"    metric: {metric}",
            f"    value: {value}{scale}",
            f"    {key}: '{unit}'",
            f"    about: {rng.choice((2023, 2024, 2025))}",
            "    source: {publisher: bench, title: generated, date: 2026-01}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def articles() -> list[Analysis]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    corpus = ROOT.parent / "shared" / "corpus" / "news"
    texts += [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.md"))]
    out = []
    for i, text in enumerate(texts):
        analysis = Analysis(document_from_text(text, f"a{i}.md"))
        _ = analysis.quantities  # extract first: extraction is not measured here
        out.append(analysis)
    return out


def match_all(analyses: list[Analysis], ledger, repeat: int) -> tuple[int, float]:
    claims = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for a in analyses:
            ledger_hits(a.doc.prose, a.quantities, a.published, ledger, DEFAULTS)
            claims += len(a.quantities)
    return claims, time.perf_counter() - start


def main() -> None:
    analyses = articles()
    shipped = list(shipped_ledger_paths())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 10_000):
            path = Path(tmp) / f"ledger-{n}.yaml"
            generate(n, path)
            start = time.perf_counter()
            ledger = load_ledger([*shipped, path])
            load = time.perf_counter() - start
            match_all(analyses, ledger, 1)  # warm-up: first-use caches are not the cost
            for repeat in (1, 10):
                claims, took = match_all(analyses, ledger, repeat)
                rows.append((n, load, claims, took, took / claims * 1e6))
    print(f"{'facts':>7} {'load s':>8} {'claims':>8} {'match s':>8} {'µs/claim':>9}")
    for n, load, claims, took, per in rows:
        print(f"{n:>7} {load:>8.2f} {claims:>8} {took:>8.3f} {per:>9.1f}")
    base = {(r[0], r[2]): r[3] for r in rows}
    small, large = sorted({r[2] for r in rows})
    print(f"10x facts, same claims: {base[(10_000, small)] / base[(1_000, small)]:.2f}x time")
    print(f"10x claims, same ledger: {base[(10_000, large)] / base[(10_000, small)]:.2f}x time")


if __name__ == "__main__":
    main()
