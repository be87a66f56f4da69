"""Any text, any bytes: the reader, the extractors, the rules and the reporters never crash.

Spans always fall inside the text, JSON output always parses and SARIF output always
validates. Broken inputs on disk (symlink loops, dangling links, unreadable files) and a
catastrophic regex in a user's rule are reported, never fatal and never a hang.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import json
import os
import pkgutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.cli import main
from factlint.config import Config, parse_config
from factlint.discover import corpus_files
from factlint.document import build_document
from factlint.engine import check_documents, plan
from factlint.errors import ConfigError
from factlint.model import Fix, Location, Related, RuleMeta, RunResult, Severity, Span
from factlint.registry import load_checks
from factlint.reporters import FORMATS, get
from factlint.rule import Context
from tests.paths import SARIF_SCHEMA as SCHEMA_PATH

PROPERTY = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that looks like news (figures, dates, quotes, Markdown, front matter) mixed
# with arbitrary characters, so the extractors' interesting paths are reached.
PIECES = [
    "---\ndate: 2025-01-02\ntitle: x\n---\n",
    "---\ndate: [\n---\n",
    "---\ndate: 9999-12-31\n---\n",  # dates at the ends of the calendar
    "Published: 0000-11-08\n",
    "in early 0001 and late 9999, ",
    "# Heading\n",
    "> quoted line\n",
    "- item\n",
    "```\ncode 5%\n```\n",
    "<!-- factlint-disable FL5 -->",
    "<!-- factlint-disable-next-line -->\n",
    "\n\n",
    "\r\n",
    "The fund raised $60.06 billion (about 8.2bn euros) in 2025, up 12% from 2024. ",
    "On April 16, 2025, officials said. ",
    "Last Tuesday, the minister said: “We will act,” ",
    '"Unclosed quote from Dr. Rory Green, chief economist at TS Lombard, ',
    "between 3 and 5 million people ",
    "one-sixth of 1.2 trillion yuan ",
    "the 1990s, Q3 2024, mid-March ",
    "https://example.com/a?b=1 ",
    "word word ",
    "ÃƒÂ© mojibake ",
    "\u00a0\u200b\ufeff\ufffd",
    "'",
    "’",
    "«»",
    "[link](http://x.y)",
    "**bold**",
    "|a|b|\n|-|-|\n",
]
news_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=25).map(
    "".join
)
any_bytes = st.one_of(
    st.binary(max_size=600),
    news_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(news_text, st.binary(max_size=8)).map(lambda p: p[0].encode() + p[1]),
)


def spans_in(value: Any, seen: set[int] | None = None) -> Iterator[Span]:
    """Every Span inside a (nested) value of dataclasses, tuples, lists and dicts."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans_in(getattr(value, f.name), seen)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from spans_in(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans_in(item, seen)


def assert_inside(value: Any, text: str) -> None:
    for span in spans_in(value):
        assert 0 <= span.start <= span.end <= len(text), (span, len(text))


# --- the reader -------------------------------------------------------------------------


@PROPERTY
@given(any_bytes)
def test_reader_accepts_any_bytes(data: bytes) -> None:
    doc, problem = build_document("a.md", data)
    assert len(doc.prose) == len(doc.text)
    assert 0 <= doc.body_start <= len(doc.text)
    assert doc.line_starts[0] == 0
    assert list(doc.line_starts) == sorted(doc.line_starts)
    assert all(s <= len(doc.text) for s in doc.line_starts)
    assert [c for c in doc.prose if c in "\r\n"] == [c for c in doc.text if c in "\r\n"]
    assert_inside(doc.decode_errors, doc.text)
    for offset in (0, len(doc.text) // 2, len(doc.text)):
        line, col = doc.line_col(offset)
        assert doc.offset(line, col) == offset
    if problem is not None:
        assert problem.path == "a.md"


# YAML scalars that PyYAML reads as typed values, with any numbers in them: a timestamp
# naming no real day or hour raises ValueError, not a YAMLError.
_N = st.integers(0, 99)
yaml_values = st.one_of(
    st.builds("{:04d}-{}-{}".format, st.integers(0, 9999), _N, _N),
    st.builds(
        "{:04d}-{:02d}-{:02d} {}:{:02d}:{:02d}".format, st.integers(0, 9999), _N, _N, _N, _N, _N
    ),
    st.builds("2024-01-01T10:00:00+{}:{:02d}".format, _N, _N),
    st.sampled_from(
        ["!!float x", "!!int x", "!!binary '%'", "!!timestamp x", "&a [*a]", "? [a]\n: b"]
    ),
    st.text(max_size=20),
)


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(["date", "title", "x"]), yaml_values), max_size=4))
def test_reader_accepts_any_front_matter_value(entries: list[tuple[str, str]]) -> None:
    front = "".join(f"{key}: {value}\n" for key, value in entries)
    doc, problem = build_document("a.md", f"---\n{front}---\nThe body.\n".encode())
    assert "The body." in doc.prose
    if problem is not None:
        assert problem.path == "a.md" and problem.line is not None
        assert 1 <= problem.line <= len(entries) + 2


# --- the extractors ---------------------------------------------------------------------

# Analysis property -> the extractor module it needs (None: core, always present).
PROPERTIES = {
    "blocks": None,
    "paragraphs": None,
    "sentences": None,
    "quantities": "factlint.extract.numbers",
    "dates": "factlint.extract.dates",
    "published": "factlint.extract.dates",
    "attributions": "factlint.extract.attribution",
}


def _available(module: str | None) -> bool:
    if module is None:
        return True
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return False
        raise
    return True


@cache
def written_properties() -> tuple[str, ...]:
    return tuple(p for p, m in PROPERTIES.items() if _available(m))


def test_every_extractor_module_is_exercised() -> None:
    """A new module in factlint/extract must be reachable from Analysis, hence tested here."""
    import factlint.extract

    modules = {
        f"factlint.extract.{m.name}" for m in pkgutil.iter_modules(factlint.extract.__path__)
    }
    known = {m for m in PROPERTIES.values() if m}
    assert modules <= known, f"extractors not covered by PROPERTIES: {sorted(modules - known)}"


@PROPERTY
@given(any_bytes)
def test_extractors_accept_any_text(data: bytes) -> None:
    doc, _ = build_document("a.md", data)
    analysis = Analysis(doc)
    for name in written_properties():
        value = getattr(analysis, name)
        assert_inside(value, doc.text)
    for block in analysis.blocks:
        assert block.span.start >= doc.body_start


@PROPERTY
@given(news_text)
def test_extractors_accept_any_unicode(text: str) -> None:
    doc, _ = build_document("a.md", text.encode("utf-8", "surrogatepass"))
    analysis = Analysis(doc)
    for name in written_properties():
        assert_inside(getattr(analysis, name), doc.text)


# --- every registered rule ----------------------------------------------------------------


@cache
def all_checks() -> tuple[Any, ...]:
    config = Config(shipped_ledger=False)
    checks = load_checks(config)
    return config, checks, plan(config, checks)


@PROPERTY
@given(any_bytes)
def test_every_rule_accepts_any_text(data: bytes) -> None:
    config, _, p = all_checks()
    docs = [build_document(name, data)[0] for name in ("a.md", "b.md")]
    analyses = [Analysis(d) for d in docs]
    findings, errors = check_documents(analyses, {"a.md", "b.md"}, p, config)
    assert errors == []
    for f in findings:
        assert_inside(f, docs[0].text)
        assert f.location.line >= 1
        assert f.location.col >= 1


# Sentences that several articles tell, each time with its own figures, dates, quotes and
# speakers: the cross-article rules pair them, so copies that differ in how many dates
# or figures they hold must not break the pairing.
TOLD = [
    "The plant opened on {date} in Beijing, the mayor said.",
    "The national AI fund holds {figure}, officials said on {date}.",
    '"{quote}," {speaker} said on {date}.',
    "According to {speaker}, sales rose {figure} in {date}.",
    "The council met {date} and approved {figure} for schools.",
]
SLOTS = {
    "date": [
        "12 May 2020",
        "12 May 2021, 2022",
        "May 2020",
        "2020",
        "last year",
        "Monday",
        "12 and 14 May 2020",
        "Q3 2024",
        "early 2025",
        "June 13 to 17",
    ],
    "figure": [
        "60 billion yuan",
        "60.06 billion yuan",
        "$70 billion",
        "$700 billion",
        "5%",
        "5% and 7%",
        "between 3 and 5 million",
        "about 1,200",
        "one-sixth",
        "12",
    ],
    "quote": ["We will act", "We will act now", "We will not act", "It is done", ""],
    "speaker": ["Mr Smith", "Dr. Rory Green", "the ministry", "Li Wei", "he"],
}
told_sentence = st.builds(
    lambda template, picks: template.format(**{k: v[picks % len(v)] for k, v in SLOTS.items()}),
    st.sampled_from(TOLD),
    st.integers(0, 10_000),
)
told_articles = st.lists(
    st.lists(st.tuples(told_sentence, st.sampled_from([" ", "\n\n"])), min_size=1, max_size=6),
    min_size=2,
    max_size=4,
)


@PROPERTY
@given(told_articles)
def test_every_rule_accepts_articles_telling_the_same_things_differently(
    articles: list[list[tuple[str, str]]],
) -> None:
    config, _, p = all_checks()
    names = [f"a{n}.md" for n in range(len(articles))]
    texts = ["".join(s + sep for s, sep in article) for article in articles]
    analyses = [
        Analysis(build_document(n, t.encode())[0]) for n, t in zip(names, texts, strict=True)
    ]
    findings, errors = check_documents(analyses, set(names), p, config)
    assert errors == []
    for f in findings:
        assert_inside(f, texts[names.index(f.location.path)])


# --- every reporter -----------------------------------------------------------------------

RULE = RuleMeta(
    id="FL901",
    name="robust-probe",
    category="number",
    severity=Severity.WARNING,
    summary='A probe <rule> & "summary"',
)


@cache
def sarif_validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@st.composite
def results(draw: st.DrawFn) -> tuple[RunResult, dict[str, str]]:
    # "caf\udce9.md": a file name that is not UTF-8, as os.fsdecode reads it.
    names = ["a.md", "dir with space/ü.md", "C:\\x\\y.txt", "<stdin>", "caf\udce9.md"]
    path = draw(st.sampled_from(names))
    doc, _ = build_document(path, draw(any_bytes))
    n = len(doc.text)
    ctx = Context(rules={RULE.id: RULE})
    findings = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, n))
        span = Span(start, draw(st.integers(start, n)))
        related = [
            Related(doc.location(Span(s, s)), draw(st.text(max_size=20)))
            for s in draw(st.lists(st.integers(0, n), max_size=2))
        ]
        related.append(Related(Location("ledger.yaml", 3, 1, 3, 9), "ledger: x"))
        fix = None
        if draw(st.booleans()):
            fix = Fix(span, draw(st.text(max_size=10)))
        findings.append(
            ctx.finding(
                RULE.id,
                doc,
                span,
                draw(st.text(min_size=1, max_size=60)),
                related=related,
                fix=fix,
                key=draw(st.text(max_size=10)),
            )
        )
    errors = [
        dataclasses.replace(e, message=draw(st.text(max_size=30)))
        for e in draw(st.lists(st.sampled_from([_error()]), max_size=1))
    ]
    result = RunResult(findings=findings, errors=errors, files=1)
    return result, {path: doc.text}


def _error() -> Any:
    from factlint.model import FileError

    return FileError("bad.md", "cannot read", 2)


@PROPERTY
@given(results())
def test_every_reporter_renders_anything(drawn: tuple[RunResult, dict[str, str]]) -> None:
    result, sources = drawn
    for name in FORMATS:
        stream = io.StringIO()
        get(name)(result, {RULE.id: RULE}, stream, sources=sources)
        out = stream.getvalue()
        if name in ("json", "sarif", "codequality"):
            out.encode("utf-8")  # valid UTF-8 whatever the file names
        if name == "json":
            data = json.loads(out)
            assert len(data["findings"]) == len(result.findings)
        elif name == "sarif":
            sarif_validator().validate(json.loads(out))
        elif name == "github":
            assert all(line.startswith("::") for line in out.split("\n") if line)


# --- broken inputs on disk -------------------------------------------------------------


def check_json(*args: str) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", *args])
    return result.exit_code, json.loads(result.stdout), result.output


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("globs")
    for name in ("a.md", "sub/b.md", ".hidden/c.md", "sub/deep/d.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x\n")
    return root


glob_text = st.text(alphabet=st.sampled_from(list("/*?[]!.~ab\\ \x00{}-")), max_size=12)


@PROPERTY
@given(st.lists(glob_text | st.text(max_size=8), min_size=1, max_size=3))
def test_any_corpus_pattern_is_read_or_a_config_error(tree: Path, patterns: list[str]) -> None:
    try:
        config = parse_config({"corpus": patterns}, tree / "factlint.yaml", {"corpus": 3})
    except ConfigError as exc:
        assert exc.line == 3
        return
    for name in corpus_files(config, set()):
        assert (tree / name).is_file() or Path(name).is_file()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "factlint.yaml").write_text("shipped-ledger: false\n")
    monkeypatch.chdir(tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.md").write_text("The council met on Tuesday.\n")
    return articles


def test_symlink_loops_and_dangling_links_are_reported_not_fatal(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.md").write_text("Inner article.\n")
    os.symlink("..", folder / "sub" / "back")  # a directory loop
    os.symlink("loop.md", folder / "loop.md")  # a file that points at itself
    os.symlink("missing-target.md", folder / "dangling.md")
    code, report, output = check_json("articles")
    assert code == 2
    assert "Traceback" not in output
    assert report["summary"]["files"] == 2  # good.md and sub/inner.md, once each
    where = sorted(e["path"] for e in report["errors"])
    assert where == ["articles/dangling.md", "articles/loop.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_skipped_not_waited_on(folder: Path) -> None:
    """Opening a pipe waits for a writer: in a walked folder it is skipped with a
    notice, with the cache on and off; named on the command line, or as the ledger,
    it is an error. Each run is a process with a time limit, so a hang fails."""
    import subprocess
    import sys

    def factlint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", "from factlint.cli import entry; entry()", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        )

    os.mkfifo(folder / "pipe.md")
    for extra in ([], ["--no-cache"], []):  # filling the cache, without it, from it
        done = factlint("check", *extra, "--format", "json", "articles")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["summary"]["files"] == 1
        assert "factlint: articles/pipe.md: skipped, not a regular file" in done.stderr
    code, report, _ = check_json("articles/pipe.md", "articles/good.md")
    assert code == 2
    assert report["summary"]["files"] == 1
    assert [(e["path"], e["message"]) for e in report["errors"]] == [
        ("articles/pipe.md", "not a regular file or folder")
    ]
    os.mkfifo("ledger.yaml")
    Path("factlint.yaml").write_text("shipped-ledger: false\nledger: [ledger.yaml]\n")
    done = factlint("check", "articles")
    assert done.returncode == 2
    assert done.stderr == "factlint: ledger.yaml: cannot read ledger: not a regular file\n"


def test_a_loop_named_on_the_command_line_is_an_error(folder: Path) -> None:
    os.symlink("self.md", folder / "self.md")
    code, report, _ = check_json("articles/self.md", "articles/good.md")
    assert code == 2
    assert report["summary"]["files"] == 1
    assert [e["path"] for e in report["errors"]] == ["articles/self.md"]


def test_a_file_name_that_is_not_utf8_is_checked_cached_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every output names the file by its bytes: as they are in the text formats,
    percent-encoded in SARIF's URI, as a \\u escape inside JSON (valid UTF-8)."""
    name = b"caf\xe9.md"
    try:
        (Path(os.fsdecode(tmp_path)) / os.fsdecode(name)).write_bytes(b"It was the the best.\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for _ in range(2):  # filling the cache, then answered from it
        result = runner.invoke(main, ["check", "-o", "out.txt", "."])
        assert result.exit_code == 1, result.output
        assert (tmp_path / "out.txt").read_bytes().splitlines()[0] == (
            name + b":1:8: FL605 [doubled-word] doubled word 'the the'"
        )
    for fmt in ("json", "sarif", "codequality"):
        written = runner.invoke(main, ["check", "--format", fmt, "-o", f"out.{fmt}", "."])
        assert written.exit_code == 1
        data = json.loads((tmp_path / f"out.{fmt}").read_bytes().decode("utf-8"))
        if fmt == "json":
            assert data["findings"][0]["path"] == os.fsdecode(name)
        elif fmt == "sarif":
            uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            assert uri["artifactLocation"]["uri"] == "caf%E9.md"
            sarif_validator().validate(data)
    claims = runner.invoke(main, ["claims", "--format", "jsonl", "."])
    assert claims.exit_code == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_reported(folder: Path) -> None:
    secret = folder / "secret.md"
    secret.write_text("Hidden.\n")
    secret.chmod(0)
    try:
        code, report, _ = check_json("articles")
    finally:
        secret.chmod(0o644)
    assert code == 2
    assert [e["path"] for e in report["errors"]] == ["articles/secret.md"]


CATASTROPHIC_RULE = """\
id: FL799
name: runaway-pattern
category: style
kind: pattern
severity: warning
summary: A pattern that backtracks forever on a long run of a's
message: "runaway {match}"
pattern: '(a+)+$'
examples:
  fail: ["aaa"]
  pass: ["b"]
"""


def test_a_catastrophic_user_regex_is_a_rule_error_not_a_hang(folder: Path) -> None:
    rules = folder.parent / "my-rules"
    rules.mkdir()
    (rules / "FL799-runaway-pattern.yaml").write_text(CATASTROPHIC_RULE)
    (folder.parent / "factlint.yaml").write_text(
        "shipped-ledger: false\nrule-paths: [my-rules]\nregex-timeout: 0.3\n"
    )
    (folder / "good.md").write_text("a" * 5000 + "!\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "concise", "articles"])
    assert result.exit_code == 2
    assert "FL799-runaway-pattern.yaml" in result.output
    assert "timed out after 0.3 s on articles/good.md" in result.output


# Tens of thousands of nested collections overflow libyaml's C stack (a crash no
# handler sees) and Python's recursion limit: each place factlint reads YAML or JSON
# from a user's file reports them instead. Each run is a process: a crash fails it.
DEEP_BRACKETS = "[" * 40_000 + "]" * 40_000
DEEP_DASHES = "- " * 40_000 + "x"


@pytest.mark.parametrize(
    ("files", "args", "shown"),
    [
        (
            {"articles/deep.md": f"---\nx: {DEEP_BRACKETS}\n---\nBody.\n"},
            ["articles"],
            "articles/deep.md:2: error: malformed front matter: values nested too deeply",
        ),
        (
            {"articles/deep.md": f"---\nx:\n  {DEEP_DASHES}\n---\nBody.\n"},
            ["articles"],
            "articles/deep.md:2: error: malformed front matter: values nested too deeply",
        ),
        (
            {"articles/sources.yaml": f"good.md: {DEEP_BRACKETS}\n"},
            ["articles"],
            "articles/sources.yaml: error: cannot read metadata: values nested too deeply",
        ),
        (
            # Deep brackets behind quoted closers ("']'"), which a count of open
            # brackets would be fooled by, among enough marks to need the bound.
            {"articles/sources.yaml": "good.md: " + "[']', " * 40_000 + "]" * 40_000 + "\n"},
            ["articles"],
            "articles/sources.yaml: error: cannot read metadata: values nested too deeply",
        ),
        (
            {"factlint.yaml": f"x:\n  {DEEP_DASHES}\n"},
            ["articles"],
            "factlint.yaml: invalid YAML: values nested too deeply",
        ),
        (
            {"factlint.yaml": "ledger: [l.yaml]\n", "l.yaml": f"facts: {DEEP_BRACKETS}\n"},
            ["articles"],
            "factlint: l.yaml: invalid YAML: values nested too deeply",
        ),
        (
            {"factlint.yaml": "rule-paths: [r]\n", "r/FL901-deep.yaml": f"x: {DEEP_BRACKETS}\n"},
            ["articles"],
            "FL901-deep.yaml: YAML values nested too deeply",
        ),
        (
            {"base.json": DEEP_BRACKETS},
            ["--baseline", "base.json", "articles"],
            "base.json:1: error: bad baseline: not valid JSON: values nested too deeply",
        ),
    ],
)
def test_deeply_nested_yaml_or_json_is_reported_not_a_crash(
    folder: Path, files: dict[str, str], args: list[str], shown: str
) -> None:
    _reported_in_a_process(folder.parent, files, args, shown)


def _reported_in_a_process(root: Path, files: dict[str, str], args: list[str], shown: str) -> None:
    """`factlint check ARGS` in its own process (a crash or a hang fails it, with the
    cache as a user runs it) over `files` written under `root`: exit 2, `shown` in the
    output, no traceback."""
    import subprocess
    import sys

    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    done = subprocess.run(
        [sys.executable, "-c", "from factlint.cli import entry; entry()", "check", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-2000:]
    assert shown in output
    assert "Traceback" not in output


def _alias_bomb(indent: str = "") -> str:
    """Nine lines of anchors that stand for 9**9 strings (the "billion laughs"); `&i`
    names the largest."""
    lines = [f'{indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{indent}{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


ALIAS_BOMB = "bomb:\n" + _alias_bomb("  ")  # the first large value is on line 7 (&f)


@pytest.mark.parametrize(
    ("files", "shown"),
    [
        (
            # printed by FL601 (str of the language) before aliases were bounded: a hang
            {"articles/bomb.md": f"---\n{ALIAS_BOMB}lang: *i\n---\nBody.\n"},
            "articles/bomb.md:8: error: malformed front matter: aliases expand this value "
            "to 597,871 values",
        ),
        (
            # keyed by the cache with repr() before: a hang
            {"articles/sources.yaml": f"{ALIAS_BOMB}good.md:\n  title: *i\n"},
            "articles/sources.yaml:7: error: cannot read metadata: aliases expand this value",
        ),
        (
            {"articles/sources.yaml": "good.md: &own\n  title: x\n  again: *own\n"},
            "articles/sources.yaml:1: error: cannot read metadata: this value contains "
            "itself through an alias",
        ),
        (
            {"factlint.yaml": f"{ALIAS_BOMB}select: *i\n"},
            "factlint.yaml:7: invalid YAML: aliases expand this value",
        ),
        (
            {"factlint.yaml": "ledger: [l.yaml]\n", "l.yaml": f"{ALIAS_BOMB}facts: *i\n"},
            "factlint: l.yaml:7: invalid YAML: aliases expand this value",
        ),
        (
            # read_value walked every alias before: a hang
            {
                "factlint.yaml": "rule-paths: [r]\n",
                "r/FL901-bomb.yaml": f"{ALIAS_BOMB}id: FL901\nmessage: *i\n",
            },
            "FL901-bomb.yaml:7: YAML syntax error: aliases expand this value",
        ),
    ],
)
def test_aliases_that_expand_without_bound_are_reported_not_a_hang(
    folder: Path, files: dict[str, str], shown: str
) -> None:
    _reported_in_a_process(folder.parent, files, ["articles"], shown)


def test_aliases_that_repeat_a_value_within_reason_are_read() -> None:
    import yaml

    from factlint.yamlload import checked_node, load

    text = "base: &base {unit: yuan, scale: billion}\nfund: {<<: *base, value: 60}\n"
    text += "list: &l [1, 2, 3]\n" + "".join(f"copy{n}: *l\n" for n in range(50))
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert checked_node(node) is node
    data = load(text)
    assert data["fund"] == {"unit": "yuan", "scale": "billion", "value": 60}
    assert data["copy49"] == [1, 2, 3]


def test_metadata_keys_that_are_not_text_do_not_break_the_cache(folder: Path) -> None:
    (folder / "sources.yaml").write_text("good.md:\n  1: one\n  date: 2024-01-02\n  title: x\n")
    (folder / "other.md").write_text("The council met on Wednesday, 3 January 2024.\n")
    runs = [CliRunner().invoke(main, ["check", "articles"]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    assert runs[0].output == runs[1].output
    assert (folder.parent / ".factlint_cache").is_dir()


LONG_NUMBER = "9" * 5_000  # more digits than Python converts to an int (4,300)


@pytest.mark.parametrize(
    ("files", "args", "shown"),
    [
        (
            {"articles/long.md": f"---\ntitle: x\nn: {LONG_NUMBER}\n---\nBody.\n"},
            ["articles"],
            "articles/long.md:3: error: malformed front matter: a number of 5,000 digits "
            "(at most 4,300 are read)",
        ),
        (
            {"articles/sources.yaml": f"good.md:\n  n: {LONG_NUMBER}\n"},
            ["articles"],
            "articles/sources.yaml:2: error: cannot read metadata: a number of 5,000 digits",
        ),
        (
            # json.loads raised a bare ValueError: a traceback
            {"base.json": f'{{"version": 1,\n"entries": [{LONG_NUMBER}]}}'},
            ["--baseline", "base.json", "articles"],
            "base.json:2: error: bad baseline: not valid JSON: a number of 5,000 digits",
        ),
    ],
)
def test_numbers_longer_than_python_reads_are_located(
    folder: Path, files: dict[str, str], args: list[str], shown: str
) -> None:
    for name, text in files.items():
        (folder.parent / name).write_text(text)
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 2, result.output
    assert shown in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "head",
    [
        "Published: 0000-11-08\n\n",  # year 0: was a ValueError in every date and number rule
        "---\ndate: 9999-12-31\n---\n",  # the slack after it: an OverflowError in FL202-FL204
        "---\ndate: 0001-01-01\n---\n",
    ],
)
def test_a_publication_date_at_the_ends_of_the_calendar_loses_no_finding(
    folder: Path, head: str
) -> None:
    (folder / "odd.md").write_text(
        head + "The council said 42 people attended yesterday, and meets early next year.\n"
    )
    (folder / "one.md").write_text("The National AI Fund holds $70 billion, officials said.\n")
    (folder / "two.md").write_text("The National AI Fund holds $700 billion, officials said.\n")
    result = CliRunner().invoke(
        main, ["check", "--select", "ALL", "--format", "concise", "articles"]
    )
    assert result.exit_code == 1, result.output  # findings, and no rule failed (2)
    assert (
        "articles/two.md:1:28: FL102 [magnitude-slip] $700 billion here is ten times $70 billion"
        in result.output
    )
    # the odd article has no usable publication date: its relative dates are reported so
    assert "articles/odd.md" in result.output and "FL202" in result.output


def test_widening_a_date_stops_at_the_first_and_last_day_datetime_holds() -> None:
    import datetime

    from factlint.extract.dates import _interval

    assert _interval("0001", "APPROX") == (
        datetime.date.min,
        datetime.date(1, 12, 31) + datetime.timedelta(days=182),
    )
    assert _interval("9999", "APPROX") == (
        datetime.date(9999, 1, 1) - datetime.timedelta(days=182),
        datetime.date.max,
    )
