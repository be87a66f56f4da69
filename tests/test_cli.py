"""The check command end to end: exit codes, formats, config, suppressions, bad input.

A local Python rule (flagging the word "fnord") drives these tests, which also
exercises the opt-in loading of local rule files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint.cli import main

LOCAL_RULE = """
from factlint.model import RuleMeta, Severity, Span
import regex

RULES = (
    RuleMeta(id="FL790", name="no-fnord", category="style", severity=Severity.WARNING,
             summary="The word fnord", examples_fail=("a fnord",), examples_pass=("a word",)),
)
SCOPE = "document"


def check(analysis, ctx):
    doc = analysis.doc
    for m in regex.finditer(r"\\bfnord\\b", doc.prose):
        yield ctx.finding("FL790", doc, Span(m.start(), m.end()), "avoid 'fnord'", key="fnord")
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "fnord_rule.py").write_text(LOCAL_RULE)
    (tmp_path / "factlint.yaml").write_text(
        "python-rules: [fnord_rule.py]\nshipped-rules: false\nshipped-ledger: false\n"
    )
    (tmp_path / "articles").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    """Exit code and everything printed (stdout and stderr)."""
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def run_json(*args: str) -> tuple[int, dict]:
    """Exit code and the JSON report on stdout (notices go to stderr)."""
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def config_error(project: Path, config: str) -> str:
    """What `check` prints with this config over one article; it must exit 2."""
    (project / "factlint.yaml").write_text(config)
    write(project / "articles/a.md", "fnord\n")
    code, out = run("check", "articles")
    assert code == 2, out
    return out


def test_clean_file_exits_zero(project: Path) -> None:
    write(project / "articles/a.md", "A clean article.\n")
    code, out = run("check", "articles")
    assert code == 0
    assert "no findings" in out


def test_finding_is_reported_at_exact_line_and_column_and_exits_one(project: Path) -> None:
    write(project / "articles/a.md", "---\ntitle: T\n---\nFirst line.\nSome fnord here.\n")
    code, out = run("check", "--format", "concise", "articles")
    assert code == 1
    assert "articles/a.md:5:6: FL790 [no-fnord] avoid 'fnord'" in out


def test_json_output_follows_the_contract(project: Path) -> None:
    write(project / "articles/a.md", "Some fnord here.\n")
    code, data = run_json("articles")
    assert code == 1
    assert set(data) == {"version", "findings", "summary", "errors"}
    (f,) = data["findings"]
    assert (f["rule"], f["name"], f["path"], f["line"], f["column"]) == (
        "FL790",
        "no-fnord",
        "articles/a.md",
        1,
        6,
    )
    assert (f["end_line"], f["end_column"]) == (1, 11)
    assert data["summary"] == {
        "files": 1,
        "findings": 1,
        "by_severity": {"error": 0, "warning": 1, "info": 0},
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--fail-on", "error"), 0),
        (("--fail-on", "warning"), 1),
        (("--exit-zero",), 0),
        (("--ignore", "FL790"), 0),
        (("--ignore", "style"), 0),
        (("--ignore", "FL7"), 0),
        (("--select", "FL790"), 1),
        (("--select", "no-fnord"), 1),
        (("--select", "FL1"), 0),
    ],
)
def test_selection_and_fail_threshold(project: Path, args: tuple[str, ...], expected: int) -> None:
    write(project / "articles/a.md", "Some fnord here.\n")
    assert run("check", *args, "articles")[0] == expected


def test_unknown_selector_is_a_usage_error(project: Path) -> None:
    write(project / "articles/a.md", "Some fnord here.\n")
    code, out = run("check", "--select", "FL999", "articles")
    assert code == 2
    assert "FL999" in out


def test_severity_override_and_per_file_ignores_from_config(project: Path) -> None:
    (project / "factlint.yaml").write_text(
        "python-rules: [fnord_rule.py]\nshipped-rules: false\nshipped-ledger: false\n"
        "severity: {FL790: info}\nper-file-ignores: {'archive/*': [FL790]}\n"
    )
    write(project / "articles/a.md", "Some fnord here.\n")
    write(project / "archive/b.md", "Old fnord here.\n")
    code, data = run_json("articles", "archive")
    assert code == 0  # info is below the default fail-on (warning)
    assert [(f["path"], f["severity"]) for f in data["findings"]] == [("articles/a.md", "info")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!-- factlint-disable-next-line FL790 -->\nSome fnord.\n", []),
        ("<!-- factlint-disable-next-line no-fnord -- quoted -->\n\nSome fnord.\n", []),
        ("Some fnord. <!-- factlint-disable-line FL790 -->\n", []),
        (
            "<!-- factlint-disable FL7 -->\nfnord\n<!-- factlint-enable -->\nfnord\n",
            [("FL790", 4, 1)],
        ),
        ("Intro.\n<!-- factlint-disable-file style -->\nfnord\n", []),
        ("<!-- factlint-disable-next-line FL790 -->\nClean.\n", [("FL001", 1, 1)]),
        ("<!-- factlint-disable-next-line FL999 -->\nfnord\n", [("FL002", 1, 1), ("FL790", 2, 1)]),
        ("Some fnord [sic] here.\n", []),
        ("Some fnord here [sic].\n", [("FL790", 1, 6)]),
    ],
)
def test_suppression_comments(
    project: Path, text: str, expected: list[tuple[str, int, int]]
) -> None:
    write(project / "articles/a.md", text)
    _, data = run_json("articles")
    found = [(f["rule"], f["line"], f["column"]) for f in data["findings"]]
    assert found == expected


def test_bad_inputs_are_located_and_others_still_checked(project: Path) -> None:
    write(project / "articles/good.md", "Some fnord here.\n")
    (project / "articles/empty.md").write_text("")
    (project / "articles/latin1.txt").write_bytes(b"Caf\xe9 fnord\n")
    (project / "articles/bad_front.md").write_text("---\ntitle: [x\n---\nA fnord.\n")
    (project / "articles/blob.md").write_bytes(b"\x00\x01\x02binary")
    code, data = run_json("articles", "missing.md")
    assert code == 2
    errors = {(e["path"], e["line"]) for e in data["errors"]}
    assert ("missing.md", None) in errors
    assert any(p == "articles/bad_front.md" and line for p, line in errors)
    found = {(f["path"], f["rule"], f["line"], f["column"]) for f in data["findings"]}
    assert ("articles/good.md", "FL790", 1, 6) in found
    assert ("articles/bad_front.md", "FL790", 4, 3) in found
    assert ("articles/latin1.txt", "FL003", 1, 4) in found
    assert ("articles/latin1.txt", "FL790", 1, 6) in found
    assert not any(f["path"] == "articles/blob.md" for f in data["findings"])


def test_malformed_config_exits_two_naming_file_and_line(project: Path) -> None:
    out = config_error(project, "select: [FL790]\nselct: [x]\n")
    assert "factlint.yaml:2: unknown key 'selct'" in out


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("rule-paths: [house]", "rule folder not found: {root}/house"),
        ("python-rules: [house.py]", "python rule file not found: {root}/house.py"),
        ("ledger: [facts.yaml]", "ledger not found: {root}/facts.yaml"),
    ],
)
def test_a_missing_rule_or_ledger_path_is_an_error_on_the_line_naming_it(
    project: Path, line: str, said: str
) -> None:
    out = config_error(project, f"select: [FL790]\n{line}\nshipped-ledger: false\n")
    assert out == f"factlint: {project / 'factlint.yaml'}:2: {said.format(root=project)}\n"


@pytest.mark.parametrize(
    ("config", "said"),
    [
        (
            "select: [FL790]\nignore: [FL6]\nselect: [FL1]\n",
            "3: duplicate key 'select' (first on line 1)",
        ),
        (
            "select: [FL790]\noptions:\n  FL502: {threshold: 90, threshold: 80}\n",
            "3: duplicate key 'threshold' (first on line 3)",
        ),
    ],
)
def test_a_key_written_twice_in_the_config_is_an_error_not_the_last_one_silently(
    project: Path, config: str, said: str
) -> None:
    out = config_error(project, config)
    assert out == f"factlint: {project / 'factlint.yaml'}:{said}\n"


def test_a_config_yaml_syntax_error_is_one_line_where_the_quote_opened(project: Path) -> None:
    # PyYAML's own message spans six lines about a "<unicode string>", and finds an
    # unclosed quote at the end of the text.
    out = config_error(project, 'select: [FL790]\nignore: ["FL6]\nfail-on: warning\n')
    assert out == (
        f"factlint: {project / 'factlint.yaml'}:2: invalid YAML: found unexpected end of stream\n"
    )


def test_an_unknown_rule_is_an_error_on_its_config_line_or_on_the_command_line(
    project: Path,
) -> None:
    out = config_error(project, "select: [FL6]\nseverity: {FL999: info}\n")
    assert out == f"factlint: {project / 'factlint.yaml'}:2: unknown rule or category 'FL999'\n"
    (project / "factlint.yaml").write_text("select: [FL6]\n")
    code, out = run("check", "articles", "--ignore", "FL998")
    assert (code, out) == (2, "factlint: command line: unknown rule or category 'FL998'\n")


def test_a_file_that_is_no_config_leaves_no_cache_folder_beside_it(project: Path) -> None:
    write(project / "articles/a.md", "fnord\n")
    code, out = run("check", "articles", "--config", "articles/a.md")
    assert code == 2
    assert "a.md:1: the configuration must be a mapping of keys to values" in out
    assert not (project / "articles" / ".factlint_cache").exists()


def test_a_config_date_that_names_no_real_day_exits_two_naming_file_and_line(
    project: Path,
) -> None:
    out = config_error(project, "select: [FL790]\nnote: 2024-02-31\n")
    assert "factlint.yaml:2: invalid YAML: day is out of range for month" in out


def test_a_metadata_date_that_names_no_real_day_is_located_and_the_rest_checked(
    project: Path,
) -> None:
    write(project / "articles/sources.yaml", "a.md:\n  title: A\n  date: 2024-13-01\n")
    write(project / "articles/a.md", "A clean article.\n")
    write(project / "articles/b.md", "fnord here.\n")
    code, data = run_json("articles")
    assert code == 2
    assert [(e["path"], e["line"]) for e in data["errors"]] == [("articles/sources.yaml", 3)]
    assert "month must be in 1..12" in data["errors"][0]["message"]
    found = [(f["path"], f["rule"], f["line"], f["column"]) for f in data["findings"]]
    assert found == [("articles/b.md", "FL790", 1, 1)]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("regex-timeout: .inf", "'regex-timeout' must be a finite number"),
        ("regex-timeout: 86400", "'regex-timeout' must be at most 3600 seconds"),
        ("regex-timeout: 0", "'regex-timeout' must be a positive number"),
        ("regex-timeout: '1'", "'regex-timeout' must be a positive number"),
        ("max-file-size: .inf", "'max-file-size' must be a finite number"),
        ("max-file-size: .nan", "'max-file-size' must be a finite number"),
    ],
)
def test_a_limit_that_is_no_usable_number_is_a_config_error(
    project: Path, line: str, problem: str
) -> None:
    assert f"factlint.yaml:2: {problem}" in config_error(project, f"select: [FL790]\n{line}\n")


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ("{FL502: {threshold: ''}}", "options: FL502 'threshold' must be a number, not ''"),
        ("{FL502: {min_words: 5.0}}", "options: FL502 'min_words' must be a whole number, not 5.0"),
        ("{FL502: {min_words: true}}", "options: FL502 'min_words' must be a whole number"),
        ("{FL502: {scorer: x}}", "options: FL502 'scorer' must be one of ratio, partial_ratio"),
        ("{FL502: {treshold: 90}}", "options: FL502 has no option 'treshold' (min_words, scorer,"),
        ("{FL999: {a: 1}}", "options: unknown rule 'FL999'"),
        ("{FL604: {a: 1}}", "options: FL604 has no option 'a' (none)"),
    ],
)
def test_an_option_a_rule_cannot_take_is_a_config_error_on_its_line(
    project: Path, options: str, problem: str
) -> None:
    config = f"python-rules: [fnord_rule.py]\nshipped-ledger: false\noptions: {options}\n"
    assert f"factlint.yaml:3: {problem}" in config_error(project, config)


def test_options_of_the_right_type_are_taken(project: Path) -> None:
    (project / "factlint.yaml").write_text(
        "python-rules: [fnord_rule.py]\nshipped-ledger: false\nselect: [FL790]\n"
        "options: {FL502: {threshold: 90, scorer: token_set_ratio}}\n"
    )
    write(project / "articles/a.md", "fnord\n")
    code, out = run("check", "--format", "concise", "articles")
    assert (code, out.splitlines()[0]) == (1, "articles/a.md:1:1: FL790 [no-fnord] avoid 'fnord'")


@pytest.mark.parametrize(
    ("patterns", "problem"),
    [
        ("['']", "'corpus' pattern '' names no file"),
        ("['articles/*.md', ' ']", "'corpus' pattern ' ' names no file"),
        ("['.']", "'corpus' pattern '.' names no file"),
        ("['/']", "'corpus' pattern '/' names no file"),
        ("['articles/a**.md']", "'**' can only be an entire path component"),
    ],
)
def test_a_corpus_pattern_glob_cannot_take_is_a_config_error(
    project: Path, patterns: str, problem: str
) -> None:
    out = config_error(project, f"select: [FL790]\ncorpus: {patterns}\n")
    assert "factlint.yaml:2: " in out and problem in out


@pytest.mark.parametrize(
    "named",
    [("articles",), ("articles/b.md", "articles/c.md"), ("articles/c.md", "articles/b.md")],
)
def test_articles_given_among_a_corpus_are_judged_as_in_the_whole_archive(
    project: Path, named: tuple[str, ...]
) -> None:
    # FL303 reports a reworded quote on the later article, unless an earlier one gives
    # it word for word. A pre-commit run names the staged articles before the rest of
    # the corpus: "earlier" must not follow that order, nor the order they are named in.
    (project / "factlint.yaml").write_text("select: [FL303]\ncorpus: ['articles/*.md']\n")
    quote = '"If you love her {}don\'t have to hate me," Harry said on Monday.\n'
    for name, extra in (("a", ""), ("b", "you "), ("c", "")):
        write(project / f"articles/{name}.md", "---\ndate: 2025-03-04\n---\n" + quote.format(extra))
    code, out = run("check", "--no-cache", "--format", "concise", *named)
    assert code == 1
    assert [line.split(" [")[0] for line in out.splitlines() if ": FL" in line] == [
        "articles/b.md:4:2: FL303"
    ]
    assert "worded differently in a.md: nothing → 'you'" in out


def test_config_in_pyproject_is_found_walking_up(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "factlint.yaml").unlink()
    (project / "pyproject.toml").write_text(
        '[tool.factlint]\npython-rules = ["fnord_rule.py"]\nshipped-rules = false\n'
        'shipped-ledger = false\nfail-on = "error"\n'
    )
    write(project / "articles/a.md", "fnord\n")
    monkeypatch.chdir(project / "articles")
    code, out = run("check", "--format", "concise", "a.md")
    assert code == 0
    assert "a.md:1:1: FL790" in out


def test_excluded_files_stay_excluded_when_named_explicitly(project: Path) -> None:
    (project / "factlint.yaml").write_text(
        "python-rules: [fnord_rule.py]\nshipped-rules: false\nshipped-ledger: false\n"
        "exclude: ['drafts/*']\n"
    )
    write(project / "drafts/a.md", "fnord\n")
    assert run("check", "drafts/a.md")[0] == 0


def test_stdin_is_read_with_its_filename(project: Path) -> None:
    code, out = run(
        "check", "--format", "concise", "--stdin-filename", "in.md", "-", stdin=b"A fnord.\n"
    )
    assert code == 1
    assert "in.md:1:3: FL790" in out


def test_output_file(project: Path) -> None:
    write(project / "articles/a.md", "fnord\n")
    run("check", "--format", "json", "-o", "out.json", "articles")
    assert json.loads((project / "out.json").read_text())["summary"]["findings"] == 1


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["check", "-o", "articles/a.md", "articles"], "the report over articles/a.md"),
        # an article read only for the cross-article rules is an article too
        (["check", "-o", "corpus/c.md", "articles"], "the report over corpus/c.md"),
        (["check", "-o", "articles/latest.md", "articles"], "the report over articles/a.md"),
        (["baseline", "-o", "articles/a.md", "articles"], "the baseline over articles/a.md"),
    ],
)
def test_a_report_is_never_written_over_an_article(
    project: Path, args: list[str], shown: str
) -> None:
    write(project / "articles/a.md", "fnord\n")
    write(project / "corpus/c.md", "More fnord.\n")
    (project / "articles/latest.md").symlink_to("a.md")
    config = project / "factlint.yaml"
    config.write_text(config.read_text() + 'corpus: ["corpus/*.md"]\n')
    code, out = run(*args)
    assert code == 2
    assert f"factlint: refusing to write {shown}, an article this run reads" in out
    assert (project / "articles/a.md").read_text() == "fnord\n"
    assert (project / "corpus/c.md").read_text() == "More fnord.\n"


def test_rules_and_rule_explain(project: Path) -> None:
    code, out = run("rules")
    assert code == 0
    assert "FL790" in out and "no-fnord" in out and "FL001" in out
    code, out = run("rule", "no-fnord")
    assert code == 0
    assert "# FL790 no-fnord" in out and "a fnord" in out
    assert run("rule", "FL999")[0] == 2


def test_version_and_check_do_not_import_dateparser(project: Path) -> None:
    write(project / "articles/a.md", "A short article with fnord in it.\n")
    probe = (
        "import sys\n"
        "from factlint.cli import main\n"
        "for args in (['--version'], ['check', 'articles/a.md']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'dateparser' not in sys.modules, 'dateparser imported'\n"
        "print('OK')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=project,
        env={"PYTHONPATH": str(Path(__file__).parent.parent), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert out.stdout.strip().endswith("OK"), out.stderr


def _console(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The console script as installed (`factlint.cli:entry`), in a new process."""
    return subprocess.run(
        [sys.executable, "-c", "from factlint.cli import entry; entry()", *args],
        capture_output=True,
        text=True,
        cwd=project,
        env={"PYTHONPATH": str(Path(__file__).parent.parent), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_the_console_script_keeps_exit_codes_output_and_cache(project: Path) -> None:
    """It exits without tearing the interpreter down: nothing may be lost by that."""
    write(project / "articles/a.md", "Intro.\n\nA fnord here.\n")
    write(project / "articles/b.md", "Nothing to see.\n")
    found = _console(project, "check", "--format", "concise", "articles")
    assert found.returncode == 1
    assert found.stdout == (
        "articles/a.md:3:3: FL790 [no-fnord] avoid 'fnord'\n"
        "Found 1 finding (0 errors, 1 warning, 0 info) in 2 files.\n"
    )
    assert _console(project, "check", "articles/b.md").returncode == 0
    assert _console(project, "check", "--select", "FL999", "articles").returncode == 2
    assert _console(project, "check", "-o", "report.txt", "articles").returncode == 1
    assert (project / "report.txt").read_text() == found.stdout
    # The runs wrote their results to the cache before exiting.
    stats = _console(project, "cache", "info")
    assert stats.stdout.startswith(f"{project / '.factlint_cache'}: 2 results"), stats.stdout
    assert _console(project, "--version").stdout.startswith("factlint, version")
    assert _console(project, "no-such-command").returncode == 2


@pytest.mark.parametrize(
    ("text", "declares"),
    [
        ("[factlint.rules]\nfnord = fnord_plugin\n", True),
        ("[console_scripts]\nx = a:b\n\n[factlint.rules]\n\n", False),  # an empty section
        ("[factlint.rules]\n# fnord = fnord_plugin\n[other]\ny = c\n", False),
        ("", False),
    ],
)
def test_entry_point_files_are_read_for_rule_plugins(text: str, declares: bool) -> None:
    from factlint.registry import _declares_rules

    assert _declares_rules(text) is declares


def test_a_plugin_declared_by_an_installed_distribution_is_loaded(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "fnord_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "fnord_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fnord-plugin\nVersion: 1.0\n"
    )
    (site / "fnord_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[factlint.rules]\nfnord = fnord_plugin\n"
    )
    (site / "fnord_plugin.py").write_text(LOCAL_RULE)
    write(tmp_path / "a.md", "A fnord here.\n")
    root = str(Path(__file__).parent.parent)
    env = {"PATH": "/usr/bin:/bin"}
    with_plugin = subprocess.run(
        [sys.executable, "-c", "from factlint.cli import entry; entry()", "check", "a.md"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": f"{root}:{site}"},
        check=False,
    )
    assert "a.md:1:3: FL790 [no-fnord] avoid 'fnord'" in with_plugin.stdout, with_plugin.stderr
    without = _console(tmp_path, "check", "a.md")
    assert without.returncode == 0 and "FL790" not in without.stdout


def test_check_leaves_the_garbage_collector_as_it_found_it(project: Path) -> None:
    """check collects nothing while the rules load and freezes them; a caller in the
    same process (a library, these tests) gets the collector back as it was."""
    import gc

    write(project / "articles/a.md", "A fnord here.\n")
    before = (gc.isenabled(), gc.get_freeze_count())
    assert run("check", "articles")[0] == 1
    assert run("check", "--config", "missing.yaml", "articles")[0] == 2  # an early exit
    assert (gc.isenabled(), gc.get_freeze_count()) == before


@pytest.mark.parametrize("command", [("check", "--output"), ("baseline", "--output")])
def test_a_report_that_cannot_be_written_is_a_clear_error(
    project: Path, command: tuple[str, str]
) -> None:
    write(project / "articles/a.md", "fnord\n")
    target = project / "no-such-folder" / "out.json"
    code, out = run(*command, str(target), "articles")
    assert code == 2
    assert out.splitlines()[-1] == (
        f"factlint: cannot write the {'baseline' if command[0] == 'baseline' else 'report'}"
        f" to {target}: No such file or directory"
    )
    assert not target.parent.exists()


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_a_re_run_replaces_its_last_report_inside_the_folder_it_checks(
    project: Path, fmt: str
) -> None:
    write(project / "articles/a.md", "fnord\n")
    for _ in range(2):
        code, out = run("check", "--format", fmt, "-o", "articles/report.txt", "articles")
        assert code == 1, out
        assert "refusing" not in out
    # ... and does not read it as an article: it would be flagged for the text it quotes
    assert "factlint: articles/report.txt: skipped, a report factlint wrote" in out
    report = (project / "articles/report.txt").read_text()
    assert "FL790" in report and "articles/report.txt" not in report
