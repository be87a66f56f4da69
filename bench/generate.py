"""A deterministic benchmark corpus: real paragraphs recombined into N articles.

Paragraphs come from the seed articles (seeds/*.txt) and the news corpus
(shared/corpus/news/*.md, front matter stripped). Each article gets front matter
(date, title, source) and paragraphs drawn with a fixed seed until it reaches about
`size` bytes, so the same N always gives the same bytes.

    python bench/generate.py 10000 [--out /tmp/factlint-bench/10000] [--size 5000]
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
NEWS = REPO.parent / "shared" / "corpus" / "news"
DEFAULT_ROOT = Path("/tmp/factlint-bench")
SOURCES = ("Daily Ledger", "The Morning Post", "Wire Service", "Harbour Herald", "Tech Desk")

_FRONT_MATTER = regex.compile(r"\A---\s*\n.*?\n---\s*\n", regex.S)


def source_paragraphs(seeds: Path = SEEDS, news: Path = NEWS) -> list[str]:
    """Every non-empty paragraph of the seed and news articles, in file order."""
    out: list[str] = []
    files = sorted(seeds.glob("*.txt")) + sorted(news.glob("*.md"))
    for file in files:
        text = file.read_text(encoding="utf-8")
        text = _FRONT_MATTER.sub("", text, count=1)
        for para in regex.split(r"\n\s*\n", text):
            para = para.strip()
            if len(para) >= 40:
                out.append(para)
    if not out:
        raise SystemExit(f"no paragraphs found under {seeds} or {news}")
    return out


def article(index: int, paragraphs: list[str], size: int, rng: random.Random) -> str:
    """One article of about `size` bytes: front matter, a title line, paragraphs."""
    day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2400))
    title = " ".join(rng.choice(paragraphs).split()[:8]).strip(".,;:\"'“”")
    title = title.replace('"', "'")
    head = (
        f'---\ndate: {day.isoformat()}\ntitle: "{title}"\n'
        f"source: {SOURCES[index % len(SOURCES)]}\n---\n\n# {title}\n\n"
    )
    body: list[str] = []
    length = len(head.encode())
    # Without replacement: a paragraph repeated by chance would be a duplicate finding.
    for i in rng.sample(range(len(paragraphs)), min(len(paragraphs), 60)):
        if length >= size:
            break
        body.append(paragraphs[i])
        length += len(paragraphs[i].encode()) + 2
    return head + "\n\n".join(body) + "\n"


def generate(n: int, out: Path, size: int = 5000, seed: int = 20240601) -> list[Path]:
    """Write N articles to `out` (replacing it) and return their paths, sorted."""
    paragraphs = source_paragraphs()
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = []
    for i in range(n):
        path = out / f"article-{i:06d}.md"
        path.write_text(article(i, paragraphs, size, rng), encoding="utf-8")
        paths.append(path)
    return paths


def ensure(n: int, root: Path = DEFAULT_ROOT, size: int = 5000) -> Path:
    """The folder of N articles, generated unless an identical one is already there."""
    out = root / str(n)
    stamp = out / ".generated"
    want = f"{n} {size} {len(source_paragraphs())}"
    if stamp.is_file() and stamp.read_text() == want:
        return out
    generate(n, out, size)
    stamp.write_text(want)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args()
    out = args.out or DEFAULT_ROOT / str(args.n)
    paths = generate(args.n, out, args.size)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {total / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()
