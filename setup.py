"""The wheel as pyproject.toml declares it, with factlint's own patterns compiled in.

Compiling factlint's ~900 patterns and class methods costs a new process about 0.1 s,
half of what checking one article from a cold start may take. A store in the cache
folder keeps them after a first run; a wheel ships them too, for the first run and for
`--no-cache` (factlint.startup_store.write_shipped). A build that cannot compile them
(an environment without factlint's dependencies) warns and ships none: factlint then
compiles them as it runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# Real articles that exercise the patterns built as rules run (from word lists,
# options and the ledger), besides those the modules define.
SAMPLES = ("seeds", "tests/corpus_regressions")


def sample_articles(root: Path = HERE) -> list[str]:
    found = (p for folder in SAMPLES for p in sorted((root / folder).rglob("*")))
    return [str(p) for p in found if p.suffix in (".md", ".txt")]


def write_compiled(package_parent: Path, root: Path = HERE) -> subprocess.CompletedProcess[str]:
    """Write `package_parent`/factlint/compiled.pickle in a new process running that
    folder's factlint (the store is stamped with the code it was compiled for)."""
    target = package_parent / "factlint" / "compiled.pickle"
    code = (
        "import sys; from pathlib import Path\n"
        "from factlint.startup_store import write_shipped\n"
        "write_shipped(Path(sys.argv[1]), sys.argv[2:])\n"
    )
    # Prepended: a build environment finds its own packages through PYTHONPATH too. Run
    # there: `python -c` looks first in its working folder (here, the source checkout).
    paths = [str(package_parent), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    command = [sys.executable, "-c", code, str(target), *sample_articles(root)]
    return subprocess.run(
        command, cwd=package_parent, env=env, capture_output=True, text=True, check=False
    )


class BuildWithCompiledPatterns(build_py):
    def run(self) -> None:
        super().run()
        if self.dry_run or getattr(self, "editable_mode", False):
            return
        done = write_compiled(Path(self.build_lib).resolve())
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            print(f"warning: no compiled patterns shipped: {lines[-1:]}", file=sys.stderr)


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithCompiledPatterns})
