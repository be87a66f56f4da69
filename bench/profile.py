"""Where factlint's time goes: import cost at start-up, and the hottest functions.

    python bench/profile.py [--articles 1000] [--top 25]

1. `python -X importtime` of `factlint check one.md`: the slowest imports (cumulative
   and self), which is what a pre-commit hook pays before any checking starts.
2. cProfile of one in-process `factlint check --no-cache --jobs 1 --select ALL` over
   N generated articles: the top functions by own time and by cumulative time (one
   process, so the worker pool does not hide anything).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# This file is named like the standard library's `profile`, which cProfile imports:
# import those with this folder off the path, then put it back for `generate`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
import cProfile  # noqa: E402
import pstats  # noqa: E402

sys.path.insert(0, str(HERE))
import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def import_times(one: Path, top: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-X", "importtime", "-c", "from factlint.cli import entry; entry()"]
    command += ["check", "--no-cache", str(one)]
    subprocess.run(command, cwd=one.parent, env=env, capture_output=True)  # write bytecode
    done = subprocess.run(command, cwd=one.parent, env=env, capture_output=True, text=True)
    rows: list[tuple[int, int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        rows.append((int(own), int(cumulative), name.strip()))
    total = sum(own for own, _, _ in rows)
    print(f"== imports for `factlint check one.md`: {len(rows)} modules, {total / 1000:.0f} ms")
    print(f"{'cumulative ms':>14} {'self ms':>8}  module")
    for own, cumulative, name in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"{cumulative / 1000:14.1f} {own / 1000:8.1f}  {name}")
    print(f"\n-- by own time --\n{'self ms':>8}  module")
    for own, _, name in sorted(rows, key=lambda r: -r[0])[:top]:
        print(f"{own / 1000:8.1f}  {name}")


def hot_functions(folder: Path, top: int) -> None:
    sys.path.insert(0, str(REPO))
    from factlint.cli import main

    argv = ["check", str(folder), "--no-cache", "--jobs", "1", "--select", "ALL"]
    argv += ["--format", "concise", "-o", os.devnull]
    profiler = cProfile.Profile()
    profiler.enable()
    with contextlib.suppress(SystemExit):  # the exit code is not what is measured
        main(argv, standalone_mode=False)
    profiler.disable()
    for order in ("tottime", "cumulative"):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        text = stream.getvalue()
        body = text[text.index("ncalls") :] if "ncalls" in text else text
        print(f"\n== top {top} functions by {order}, {folder.name} articles in one process ==")
        print(body.rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--root", type=Path, default=generate.DEFAULT_ROOT)
    args = parser.parse_args()
    folder = generate.ensure(args.articles, args.root)
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.md"
        shutil.copy(folder / "article-000000.md", one)
        import_times(one, args.top)
    here = Path.cwd()
    os.chdir(args.root)  # no config file above the corpus, as in bench/run.py
    try:
        hot_functions(folder, args.top)
    finally:
        os.chdir(here)


if __name__ == "__main__":
    main()
