"""Coverage-guided fuzzing of one article's whole path: bytes in, findings out.

Each input is read as an article (front matter, Markdown, any bytes), analysed by
every extractor, checked by every document rule, and checked by every corpus rule
together with a copy of itself and a copy with one figure changed (the pairs the
cross-checks compare). The run fails on an exception anywhere, a rule's internal error
(which a normal run reports and goes past), a finding whose span leaves the text, or
an input that takes longer than `--timeout` seconds (a hang: libFuzzer's timeout).

Driven by atheris (libFuzzer for Python), which is not a dependency of factlint:

    pip install atheris
    python bench/fuzz.py [--seconds 600] [--timeout 10] [--keep DIR]

The inputs start from the seed and news articles; what the fuzzer finds new is kept
in --keep (a temporary folder if not given) and a failing input is written beside it
as crash-*, timeout-* or slow-*.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
STARTS = (REPO / "seeds", REPO.parent / "shared" / "corpus" / "news")
SELECT = "ALL"
MAX_LEN = 12_000


def setup() -> tuple[Any, Any, Any, Any]:
    """Every rule (--select ALL) with the shipped ledger, as `check` loads them."""
    sys.path.insert(0, str(REPO))
    from factlint.cli import load_setup
    from factlint.engine import contexts_for, plan
    from factlint.selection import Selection

    here = Path.cwd()
    os.chdir(tempfile.gettempdir())  # no config file of this repository applies
    try:
        config, checks, ledger = load_setup(None)
    finally:
        os.chdir(here)
    config = dataclasses.replace(config, selection=Selection(select=(SELECT,)))
    p = plan(config, checks)
    return config, p, contexts_for(p, config, ledger), ledger


def one_input(data: bytes, setup_: tuple[Any, Any, Any, Any]) -> None:
    """Raise on anything a user must never see for this article."""
    from factlint.analysis import Analysis
    from factlint.engine import Reader, corpus_findings, document_findings

    config, p, contexts, _ = setup_
    docs = []
    for name, body in (("a.md", data), ("b.md", data), ("c.md", _figure_changed(data))):
        reader = Reader(config)
        doc = reader.read(name, body)
        if doc is None:
            return  # too large, or a report factlint wrote: said in a notice
        docs.append(doc)
    analyses = [Analysis(doc) for doc in docs]
    errors: list[Any] = []
    findings = []
    for analysis in analyses:
        findings += document_findings(analysis, p, contexts, errors)
    reported = {doc.path for doc in docs}
    findings += corpus_findings(analyses, reported, p, contexts, errors)
    internal = [e for e in errors if "internal error" in e.message]
    if internal:
        raise AssertionError(f"{internal[0].path}: {internal[0].message}")
    texts = {doc.path: doc.text for doc in docs}
    for f in findings:
        if not 0 <= f.span.start <= f.span.end <= len(texts[f.path]):
            raise AssertionError(f"{f.rule_id} span {f.span} outside {len(texts[f.path])}")


def _figure_changed(data: bytes) -> bytes:
    """The same bytes with the first digit changed (a copy that disagrees on a figure)."""
    for i, byte in enumerate(data):
        if 0x30 <= byte <= 0x39:
            return data[:i] + bytes([0x30 + (byte - 0x2F) % 10]) + data[i + 1 :]
    return data + b"\n\nIt cost 12 million dollars.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--timeout", type=int, default=10, help="seconds for one input")
    parser.add_argument("--keep", type=Path, help="folder for the inputs found")
    args = parser.parse_args()
    try:
        import atheris
    except ImportError:
        sys.exit("bench/fuzz.py needs atheris: pip install atheris")

    keep = args.keep or Path(tempfile.mkdtemp(prefix="factlint-fuzz-"))
    keep.mkdir(parents=True, exist_ok=True)
    for folder in STARTS:
        for path in sorted(folder.glob("*")):
            if path.suffix in (".md", ".txt") and path.stat().st_size <= MAX_LEN:
                shutil.copy(path, keep / path.name)
    print(f"inputs and findings in {keep}", file=sys.stderr, flush=True)

    with atheris.instrument_imports(include=["factlint"]):
        loaded = setup()
        # Every module the path imports on first use, imported while instrumenting.
        one_input((next((REPO / "seeds").glob("*.txt"))).read_bytes(), loaded)

    def test_one(data: bytes) -> None:
        one_input(data, loaded)

    atheris.Setup(
        [
            sys.argv[0],
            str(keep),
            f"-max_total_time={args.seconds}",
            f"-timeout={args.timeout}",
            f"-max_len={MAX_LEN}",
            f"-artifact_prefix={keep}/",
            "-print_final_stats=1",
        ],
        test_one,
    )
    atheris.Fuzz()


if __name__ == "__main__":
    main()
