"""Recall on planted errors: one known slip per real news article, and which rule finds it.

Each kind of slip (a comma without its space, a doubled word, a paragraph repeated, a
cut ending, a date changed in a copy of the article, ...) is planted once in each of
the news articles (shared/corpus/news) that offers a place for it, at a place chosen
with a fixed seed. factlint runs once per kind over the folder (every rule, no cache);
a slip counts as found when one of the rules meant for it reports on its line (for a
copy, on either copy). The table also counts findings of other rules that the clean
articles do not have: what a slip costs in side effects.

    python bench/planted.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "corpus" / "news"
Lines = list[str]
Planted = int | None  # the 0-based body line of the slip; None: no place for it


def split(text: str) -> tuple[str, Lines]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        return text[:end], text[end:].split("\n")
    return "", text.split("\n")


def prose_lines(lines: Lines) -> list[int]:
    return [
        i
        for i, line in enumerate(lines)
        if len(line.split()) >= 12 and not line.startswith(("#", ">", "|", "-", "*", "!"))
    ]


def replace_one(
    lines: Lines,
    rng: random.Random,
    pattern: str | re.Pattern[str],
    edit: Callable[[re.Match[str]], str],
    group: int = 0,
    keep: Callable[[re.Match[str]], bool] = lambda m: True,
) -> Planted:
    """Replace `group` of one match of `pattern` in a prose line (chosen by `rng` among
    the matches `keep` accepts) with `edit(match)`."""
    cands = [(i, m) for i in prose_lines(lines) for m in re.finditer(pattern, lines[i]) if keep(m)]
    if not cands:
        return None
    i, m = rng.choice(cands)
    lines[i] = lines[i][: m.start(group)] + edit(m) + lines[i][m.end(group) :]
    return i


# Each kind edits the body's lines in place and says where.
def m_comma(lines: Lines, rng: random.Random) -> Planted:
    return replace_one(lines, rng, r"(?<=[a-z]), (?=[a-z]{3,})", lambda m: ",")


def m_period(lines: Lines, rng: random.Random) -> Planted:
    return replace_one(lines, rng, r"(?<=[a-z]{3})\. (?=[A-Z][a-z]+ )", lambda m: ".")


def m_doubled(lines: Lines, rng: random.Random) -> Planted:
    return replace_one(lines, rng, r"(?<= )[a-z]{3,}(?= [a-z])", lambda m: f"{m[0]} {m[0]}")


def m_dup_para(lines: Lines, rng: random.Random) -> Planted:
    pl = [i for i in prose_lines(lines) if len(lines[i].split()) >= 20]
    if len(pl) < 3:
        return None
    src = rng.choice(pl[:-1])
    dst = rng.choice([i for i in pl if i > src + 1] or [pl[-1]])
    lines[dst:dst] = [lines[src], ""]
    return dst


def m_caption(lines: Lines, rng: random.Random) -> Planted:
    # The paragraph's first sentence repeated as a short paragraph after it (a pull quote).
    pl = [i for i in prose_lines(lines) if len(lines[i].split()) >= 30]
    cands = []
    for i in pl:
        m = re.match(r"(.{60,200}?[a-z]\.)\s+[A-Z]", lines[i])
        if m:
            cands.append((i, m.group(1)))
    if not cands:
        return None
    i, sent = rng.choice(cands)
    lines[i + 1 : i + 1] = ["", sent]
    return i + 2


def m_mojibake(lines: Lines, rng: random.Random) -> Planted:
    def misread(m: re.Match[str]) -> str:
        return m[0].encode("utf-8").decode("cp1252", errors="replace")

    return replace_one(lines, rng, r"[’“”—é–]", misread)


def m_truncate(lines: Lines, rng: random.Random) -> Planted:
    pl = prose_lines(lines)
    if not pl:
        return None
    i = pl[-1]
    words = lines[i].split(" ")
    cut = rng.randrange(len(words) // 3, 2 * len(words) // 3)
    while cut > 2 and not re.fullmatch(r"[a-z]+", words[cut - 1]):
        cut -= 1
    lines[i] = " ".join(words[:cut])
    del lines[i + 1 :]
    lines.append("")
    return i


TYPOS = {
    "the": "teh",
    "receive": "recieve",
    "government": "goverment",
    "which": "wich",
    "their": "thier",
    "because": "becuase",
    "believe": "beleive",
    "until": "untill",
    "separate": "seperate",
    "address": "adress",
    "occurred": "occured",
}


def m_misspell(lines: Lines, rng: random.Random) -> Planted:
    return replace_one(lines, rng, r"\b(" + "|".join(TYPOS) + r")\b", lambda m: TYPOS[m[0]])


def m_unclosed_quote(lines: Lines, rng: random.Random) -> Planted:
    return replace_one(lines, rng, r"”", lambda m: "")


def m_unclosed_paren(lines: Lines, rng: random.Random) -> Planted:
    return replace_one(lines, rng, r"\)", lambda m: "")


SINGLE = {
    "missing-space-comma": (m_comma, {"FL604"}),
    "missing-space-period": (m_period, {"FL604"}),
    "doubled-word": (m_doubled, {"FL605"}),
    "duplicate-paragraph": (m_dup_para, {"FL501", "FL502"}),
    "caption-restates": (m_caption, {"FL502", "FL504"}),
    # A byte cp1252 lacks ("”" is E2 80 9D) decodes to U+FFFD: FL602 reports that.
    "mojibake": (m_mojibake, {"FL601", "FL602"}),
    "truncated-end": (m_truncate, {"FL606"}),
    "misspelling": (m_misspell, {"FL607"}),
    "unclosed-quote": (m_unclosed_quote, {"FL610"}),
    "unclosed-paren": (m_unclosed_paren, {"FL609"}),
}

_FIG = re.compile(
    r"(?<![\d.,])(\$|€|£)?(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"( ?(?:million|billion|trillion|per cent|percent|%)| [a-z]+s\b)"
)


_DURATIONS = ("years", "days", "weeks", "months", "hours", "minutes", "times")


def _a_figure(m: re.Match[str]) -> bool:
    return not re.fullmatch(r"(19|20)\d\d", m[2]) and m[3].strip() not in _DURATIONS


def c_number(lines: Lines, rng: random.Random, factor: str) -> Planted:
    def changed(m: re.Match[str]) -> str:
        raw = m[2].replace(",", "")
        v = float(raw)
        nv = v * 10 if factor == "x10" else v + max(1, round(v * 0.3))
        places = len(raw.split(".")[1]) if "." in raw else 0
        return f"{nv:,.{places}f}" if "," in m[2] else f"{nv:.{places}f}"

    return replace_one(lines, rng, _FIG, changed, group=2, keep=_a_figure)


def c_number10(lines: Lines, rng: random.Random) -> Planted:
    return c_number(lines, rng, "x10")


def c_number_off(lines: Lines, rng: random.Random) -> Planted:
    return c_number(lines, rng, "off")


_MONTHS = (
    "January February March April May June July August September October November December".split()
)
_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2})\b")


def c_date(lines: Lines, rng: random.Random) -> Planted:
    def moved(m: re.Match[str]) -> str:
        day = int(m[2])
        return str(day + 2 if day < 26 else day - 2)

    return replace_one(lines, rng, _DATE, moved, group=2)


_SAID = re.compile(r"[”\"],? (?:said|says|added|told \w+) ((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)")


def c_speaker(lines: Lines, rng: random.Random) -> Planted:
    return replace_one(lines, rng, _SAID, lambda m: "Maria Fernandez", group=1)


def c_magnitude(lines: Lines, rng: random.Random) -> Planted:
    swap = {"million": "billion", "billion": "million"}
    return replace_one(lines, rng, r"(?<=\d )(million|billion)\b", lambda m: swap[m[1]], group=1)


_QUOTED_WORD = re.compile(r"“([^”]*?\b)([a-z]{6,})\b(?=[^“]*”)")
_REWORDS = ("remarkable", "difficult", "necessary", "important")


def c_reword(lines: Lines, rng: random.Random) -> Planted:
    """One word of a quotation (of eight words or more) replaced by another."""

    def other(m: re.Match[str]) -> str:
        return next(w for w in rng.sample(_REWORDS, len(_REWORDS)) if w != m[2])

    def long_quote(m: re.Match[str]) -> bool:
        end = m.string.find("”", m.end())
        return len(m.string[m.start() : end].split()) >= 8

    return replace_one(lines, rng, _QUOTED_WORD, other, group=2, keep=long_quote)


_ROLE_AT = re.compile(
    r", [a-z ]{0,25}(?:chief executive|president|director|spokesperson|spokesman|spokeswoman"
    r"|minister|secretary|chairman|professor|CEO|head|founder)[a-z ]{0,15} (?:of|at) (?:the )?"
    r"([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3})"
)


def c_organisation(lines: Lines, rng: random.Random) -> Planted:
    """A person's organisation ("CEO of Determined AI") replaced by another."""
    return replace_one(lines, rng, _ROLE_AT, lambda m: "Harbour Holdings", group=1)


CROSS = {
    "figure-x10-in-copy": (c_number10, {"FL101", "FL102", "FL105"}),
    "figure-changed-in-copy": (c_number_off, {"FL101", "FL105"}),
    "date-changed-in-copy": (c_date, {"FL201"}),
    "speaker-swapped-in-copy": (c_speaker, {"FL304"}),
    "million-billion-in-copy": (c_magnitude, {"FL101", "FL102", "FL105"}),
    "quote-reworded-in-copy": (c_reword, {"FL303"}),
    "organisation-changed-in-copy": (c_organisation, {"FL301"}),
}


Kind = tuple[Callable[[Lines, random.Random], Planted], set[str]]


def run(folder: Path) -> list[dict[str, object]]:
    command = [sys.executable, "-c", "from factlint.cli import main; main()", "check"]
    command += ["--select", "ALL", "--no-cache", "--format", "json", "--exit-zero", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=True)
    findings: list[dict[str, object]] = json.loads(done.stdout)["findings"]
    return findings


def plant(folder: Path, name: str, kind: Kind, cross: bool) -> dict[str, int]:
    """Write each article with the slip planted; file -> the slip's 1-based line."""
    planted = {}
    for article in sorted(NEWS.glob("*.md")):
        rng = random.Random(f"{name}:{article.name}")
        front, lines = split(article.read_text(encoding="utf-8"))
        where = kind[0](lines, rng)
        if where is None:
            if not cross:
                shutil.copy(article, folder / article.name)
            continue
        target = article.stem + "-copy.md" if cross else article.name
        if cross:
            shutil.copy(article, folder / article.name)
        (folder / target).write_text(front + "\n".join(lines), encoding="utf-8")
        planted[target] = front.count("\n") + where + 1
    return planted


def measure(root: Path, base: Counter[tuple[str, str]], name: str, kind: Kind) -> str:
    cross = name in CROSS
    folder = root / name
    folder.mkdir(parents=True)
    planted = plant(folder, name, kind, cross)
    by_file: dict[str, list[dict[str, object]]] = defaultdict(list)
    for f in run(folder):
        by_file[Path(str(f["path"])).name].append(f)
    rules = kind[1]
    found = 0
    for target, line in planted.items():
        near = [f for f in by_file[target] if f["rule"] in rules]
        if not (cross or name == "truncated-end"):
            near = [f for f in near if abs(int(str(f["line"])) - line) <= 1]
        if cross:
            near += [f for f in by_file[target.replace("-copy", "")] if f["rule"] in rules]
        found += bool(near)
    # Findings of other rules beyond what the clean articles have.
    copies = 2 if cross else 1
    extra: Counter[str] = Counter()
    for fname, fs in by_file.items():
        counts = Counter(
            (fname.replace("-copy", ""), str(f["rule"])) for f in fs if f["rule"] not in rules
        )
        for key, n in counts.items():
            if n > base[key] * copies:
                extra[key[1]] += n - base[key] * copies
    side = ", ".join(f"{rule} {n}" for rule, n in sorted(extra.items())) or "-"
    return f"{name:26s} {'/'.join(sorted(rules)):19s} {found:3d} of {len(planted):3d}   {side}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the planted folders here and keep them")
    args = parser.parse_args()
    base = Counter((Path(str(f["path"])).name, str(f["rule"])) for f in run(NEWS))
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        print(f"{'slip planted':26s} {'found by':19s} found        other rules' new findings")
        for name, kind in {**SINGLE, **CROSS}.items():
            print(measure(root, base, name, kind), flush=True)


if __name__ == "__main__":
    main()
