"""How factlint's time grows on text no article holds: one character or phrase repeated.

    python bench/adversarial.py [--size 10000] [--growth 4] [--limit 60] [--json FILE]

Each input is checked in this process with every shipped rule and the ledger (the
whole pipeline on one document: reading, masking, extraction, document and corpus
rules), at `size` characters and at `growth` times that. Linear work grows by about
`growth`; a pattern or loop that goes back over the text for each match grows by its
square (16x for 4x the text), which is how one odd file would stall a pre-commit hook.
Rows growing more than `growth` * 1.5 are marked SLOW; an input that takes longer than
`limit` seconds at the larger size is stopped there and marked SLOW too.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# What a linter meets in files that are not quite articles: data pasted as a line,
# minified code in a fence, runs of markup, long lines without sentence ends.
INPUTS: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "1" * n,
    "numbers, spaced": lambda n: "12 " * (n // 3),
    "percentages": lambda n: "5% " * (n // 3),
    "money": lambda n: "$1 billion and " * (n // 15),
    "dotted numbers": lambda n: "1." * (n // 2),
    "dates": lambda n: "on 12 March 2020, " * (n // 18),
    "month names": lambda n: "March " * (n // 6),
    "years": lambda n: "2020 " * (n // 5),
    "quotes": lambda n: '"It is," said Mr Smith. ' * (n // 24),
    "quote marks": lambda n: '"' * n,
    "said": lambda n: "said " * (n // 5),
    "capitalised words": lambda n: "The Big Red Ministry Of Finance " * (n // 32),
    "one long word": lambda n: "a" * n,
    "spaces": lambda n: " " * n,
    "a minified line in a fence": lambda n: "```\n" + "{a:1}" * (n // 5) + "\n```\n",
    "opening brackets": lambda n: "[" * n,
    "link ends": lambda n: "](" * (n // 2),
    "dotted words": lambda n: "a." * (n // 2),
    "html comment openers": lambda n: "<!-- " * (n // 5),
    "asterisks": lambda n: "*" * n,
    "hashes after spaces": lambda n: " #" * (n // 2),
    "list markers": lambda n: "- " * (n // 2),
    "CJK": lambda n: "中" * n,
    "one paragraph repeated": lambda n: "The fund holds 60 billion yuan, he said.\n\n" * (n // 42),
    "numbered paragraphs": lambda n: "".join(
        f"Item {i} cost ${i} million in {1990 + i % 30}.\n\n" for i in range(n // 40)
    ),
    "quotes in paragraphs": lambda n: '"We will win," Smith said.\n\n' * (n // 28),
    "bare quotes": lambda n: '"a" ' * (n // 4),
    "according to": lambda n: "According to the ministry, " * (n // 27),
    "title-case lines": lambda n: "# The Plan For May Is Set\n" * (n // 26),
}


@dataclasses.dataclass(frozen=True)
class Row:
    name: str
    small: float
    large: float | None  # None: stopped at the limit

    def growth(self) -> float | None:
        return None if self.large is None else self.large / max(self.small, 1e-6)


def _setup() -> Callable[[str], int]:
    """A function checking one text with every rule, returning its number of findings."""
    from factlint.analysis import Analysis
    from factlint.cli import load_setup
    from factlint.document import build_document
    from factlint.engine import check_documents, plan
    from factlint.selection import Selection

    config, checks, ledger = load_setup(None)
    config = dataclasses.replace(config, selection=Selection(select=("ALL",)))
    p = plan(config, checks)

    def check(text: str) -> int:
        doc, _ = build_document("input.md", text.encode("utf-8"))
        findings, errors = check_documents([Analysis(doc)], {"input.md"}, p, config, ledger)
        if errors:  # a rule that failed did not do its work: its time would mislead
            raise RuntimeError(errors[0].message)
        return len(findings)

    return check


def _timed(check: Callable[[str], int], text: str) -> float:
    start = time.perf_counter()
    check(text)
    return time.perf_counter() - start


def measure(name: str, size: int, growth: int, limit: float, check: Callable[[str], int]) -> Row:
    make = INPUTS[name]
    small = _timed(check, make(size))
    # The larger size runs in a child process, so an input that stalls is stopped.
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=lambda: send.send(_timed(check, make(size * growth)))
    )
    child.start()
    large = receive.recv() if receive.poll(limit) else None
    child.kill()
    child.join()
    return Row(name, small, large)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="characters (default 10,000)")
    parser.add_argument("--growth", type=int, default=4, help="times larger (default 4)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--code", type=Path, default=REPO, help="factlint's code (a snapshot)")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code))
    os.chdir(args.code)  # no config file: the shipped rules and ledger
    check = _setup()
    check("Warm-up: the fund holds 60 billion yuan, officials said on 12 March 2020.")
    large_kb = args.size * args.growth / 1000
    print(f"{'input':<28} {args.size / 1000:>6.0f} KB {large_kb:>7.0f} KB  growth")
    slow = 0
    rows = []
    for name in INPUTS:
        row = measure(name, args.size, args.growth, args.limit, check)
        rows.append(dataclasses.asdict(row))
        growth = row.growth()
        bad = growth is None or growth > args.growth * 1.5
        slow += bad
        large = f"{row.large:8.3f} s" if row.large is not None else f"> {args.limit:.0f} s"
        shown = f"{growth:5.1f}x" if growth is not None else "    -"
        print(f"{name:<28} {row.small:7.3f} s {large:>10}  {shown}  {'SLOW' if bad else ''}")
    print(f"({slow} of {len(INPUTS)} inputs grow faster than the text)")
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "growth": args.growth, "rows": rows}))


if __name__ == "__main__":
    main()
