"""Any edit of a rule file, a ledger file or a config file: a located error, or a
working setup; never a crash, whatever a user's editor leaves in the file.

Each example starts from a real file (the shipped rules and ledger, the README's
configuration) and edits its lines as people do: a line deleted, doubled, moved or
indented, a value replaced by another of the wrong type, a regex that never ends, a
YAML tag, an anchor, stray characters. Loading raises the loader's own error, naming
the file and a line of it, or gives rules and facts that then check a real article
without an internal error.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.cli import checks_and_ledger
from factlint.config import Config, load_config_file
from factlint.document import build_document
from factlint.engine import check_documents, plan
from factlint.errors import ConfigError, FactlintError, RuleLoadError
from factlint.ledger import Ledger, LedgerError, load_ledger
from factlint.registry import load_checks
from factlint.yaml_rules import load_rule_text
from tests.paths import ROOT

MUTATIONS = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

RULE_FILES = sorted((ROOT / "rules").glob("*.yaml"))
LEDGER_TEXT = (ROOT / "rules" / "ledger" / "china-ai.yaml").read_text(encoding="utf-8")
# Each entry of the shipped ledger alone under its section, so that edits land on it
# (one that names another's YAML anchor does not stand alone).
LEDGER_ENTRIES = [
    f"{section}:\n  - {entry.strip().removeprefix('- ')}\n"
    for section, body in re.findall(r"(?m)^(\w+):\n(.*?)(?=^\w+:|\Z)", LEDGER_TEXT, re.S)
    for entry in body.split("\n  - ")
    if entry.strip() and not re.search(r": \*", entry)
]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The README's configuration example, without the keys that name files of the user's.
CONFIG_TEXT = "\n".join(
    line
    for line in re.search(r"## Configuration.*?```yaml\n(.*?)```", README, re.S)
    .group(1)
    .split("\n")
    if not line.startswith(("rule-paths", "python-rules", "ledger:"))
)
SEED = ROOT / "seeds" / "001_3d07ea246869d68c.txt"

# Values people type, and values no one should: wrong types, YAML's odd corners,
# regexes that do not compile or never end, and characters a YAML reader refuses.
VALUES = [
    "",
    "60 billion",
    "12%",
    "USD",
    "2025-01",
    "official",
    "~",
    "0",
    "-1",
    "1e999",
    ".nan",
    "12.5",
    "'60 billion yuan'",
    "[1, 2]",
    "{a: b}",
    "[",
    "{",
    "'",
    '"\\x00"',
    "!!binary aGk=",
    "!!python/object/apply:os.system ['true']",
    "&anchor x",
    "*anchor",
    "<<: *anchor",
    "2025-13-45",
    "2025-01-02",
    "FL999",
    "FL101",
    "yes",
    "error",
    "|",
    ">-",
    "'(a+)+$'",
    "'(x+x+)+y'",
    "'['",
    "'(?<=a+)b'",
    "'\\p{Lu}+'",
    "'\\d{1000000}'",
    "x" * 3000,
    "\t",
    "\ufeff",
    "\x85",
    "é — “quoted”",
]
value = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """`text` with one to four line edits."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        edit = draw(st.sampled_from(["delete", "double", "move", "indent", "value", "insert"]))
        keyed = [n for n, line in enumerate(lines) if ":" in line]
        if edit == "value" and keyed:  # mostly a key's value: where types are checked
            at = draw(st.sampled_from(keyed))
        if not lines:
            lines = [draw(value)]
        elif edit == "delete":
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(at))
        elif edit == "indent":
            lines[at] = draw(st.sampled_from(["  ", "    ", "\t", "- "])) + lines[at]
        elif edit == "value":
            key, colon, _ = lines[at].partition(":")
            lines[at] = f"{key}: {draw(value)}" if colon else draw(value)
        else:
            lines.insert(at, f"{draw(value)}: {draw(value)}")
    return "\n".join(lines)


def assert_located(error: FactlintError, path: str, text: str) -> None:
    event("a located error")  # --hypothesis-show-statistics: how the examples split
    assert error.path == path
    assert error.message.strip()
    assert error.line is None or 1 <= error.line <= text.count("\n") + 2, (error, text)


def check_seed(config: Config, checks: list, ledger: Ledger | None = None) -> None:
    """Check a real article with these rules and this ledger: no internal error."""
    event("loaded, and checked an article")
    doc, _ = build_document("a.txt", SEED.read_bytes())
    findings, errors = check_documents(
        [Analysis(doc)], {"a.txt"}, plan(config, checks), config, ledger
    )
    assert not [e for e in errors if "internal error" in e.message], errors
    assert all(f.location.line >= 1 for f in findings)


@MUTATIONS
@given(st.sampled_from(RULE_FILES).flatmap(lambda p: st.tuples(st.just(p), edited(p.read_text()))))
def test_an_edited_rule_file_loads_or_names_its_line(case: tuple[Path, str]) -> None:
    original, text = case
    try:
        check = load_rule_text(text, original.name)
    except RuleLoadError as error:
        assert_located(error, original.name, text)
        return
    check_seed(Config(shipped_ledger=False, regex_timeout=0.2), [check])


@settings(MUTATIONS, max_examples=150)
@given(st.sampled_from(LEDGER_ENTRIES).flatmap(edited))
def test_an_edited_ledger_loads_or_names_its_line(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            ledger = load_ledger([path])
        except LedgerError as error:
            assert_located(error, str(path), text)
            return
    config = Config(shipped_ledger=False)
    check_seed(config, load_checks(config), ledger)


@settings(MUTATIONS, max_examples=150)
@given(edited(CONFIG_TEXT))
def test_an_edited_config_loads_or_names_its_line(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "factlint.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            config = load_config_file(path)
            checks, ledger = checks_and_ledger(config)
        except ConfigError as error:
            assert_located(error, str(path.resolve()), text)
            return
        except FactlintError as error:  # a rule or ledger the config names, located
            assert error.path and error.message.strip()
            return
    check_seed(config, checks, ledger)
