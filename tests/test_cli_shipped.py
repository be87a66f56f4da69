"""The check command with the shipped rules: --fix, local YAML rule folders, start-up."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_rewrites_only_safe_spans_and_leaves_clean_files_untouched(folder: Path) -> None:
    broken = folder / "broken.md"
    broken.write_text(
        "Beyond Speed,Towards a model.\n\nIt is the the best one.\n", encoding="utf-8"
    )
    broken.chmod(0o640)
    clean = folder / "clean.md"
    clean.write_text("A clean article, with nothing to fix.\n", encoding="utf-8")
    before = clean.stat().st_mtime_ns

    code, out, err = invoke("check", "--fix", "--no-cache", "--format", "json", ".")

    assert (
        broken.read_text(encoding="utf-8")
        == "Beyond Speed, Towards a model.\n\nIt is the best one.\n"
    )
    assert stat.S_IMODE(broken.stat().st_mode) == 0o640
    assert clean.stat().st_mtime_ns == before
    assert "broken.md: applied 2 fix(es)" in err
    assert json.loads(out)["findings"] == []  # what was fixed is no longer reported
    assert code == 0
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_fix_reports_the_findings_of_the_file_as_fixed(folder: Path) -> None:
    # The report after --fix is a check of the fixed text: the near-duplicate after the
    # comma that gained its space is one column further on, and more alike.
    article = folder / "a.md"
    article.write_text(
        "---\ndate: 2024-05-06\n---\nThe council said on Monday,that the library would open"
        " in the spring. The council said on Monday that the library would open in the"
        " spring.\n",
        encoding="utf-8",
    )
    _, before, _ = invoke("check", "--no-cache", "--format", "concise", "--select", "FL5,FL604")
    assert "a.md:4:21: FL604 [missing-space]" in before
    assert (
        "a.md:4:71: FL502 [near-duplicate] nearly repeats the sentence at line 4 (similarity 98)"
        in before
    )

    code, out, err = invoke(
        "check", "--fix", "--no-cache", "--format", "concise", "--select", "FL5,FL604"
    )

    assert out.splitlines()[:2] == [
        "a.md:4:72: FL502 [near-duplicate] nearly repeats the sentence at line 4 (similarity 99)",
        "    a.md:4:1: the similar sentence",
    ]
    assert "FL604" not in out
    assert err.count("a.md: applied 1 fix(es)") == 1
    _, again, _ = invoke("check", "--no-cache", "--format", "concise", "--select", "FL5,FL604")
    assert again == out
    assert code == 1


def test_fix_never_rewrites_a_file_it_cannot_write_back_faithfully(folder: Path) -> None:
    latin1 = folder / "latin1.txt"
    latin1.write_bytes(b"Caf\xe9 Speed,Towards it.\n")
    code, _, _ = invoke("check", "--fix", "--no-cache", "--format", "json", ".")
    assert latin1.read_bytes() == b"Caf\xe9 Speed,Towards it.\n"
    assert code == 2


WINDOWS = (
    "Markets rose.\r\n\r\nYou may also like\r\n\r\n"
    "The fund was launched on March 2024 after talks.\r\n"
)


def test_a_windows_article_is_read_and_fixed_as_any_other(folder: Path) -> None:
    # CR LF line ends: the same findings at the same lines and columns as with LF (the
    # leftover's whole-line pattern failed on the CR), and --fix keeps the CR LFs.
    (folder / "unix").mkdir()
    (folder / "windows").mkdir()
    (folder / "unix" / "a.md").write_bytes(WINDOWS.replace("\r\n", "\n").encode())
    (folder / "windows" / "a.md").write_bytes(WINDOWS.encode())
    shown = []
    for name in ("unix", "windows"):
        code, out, _ = invoke("check", "--no-cache", "--format", "json", name)
        assert code == 1
        shown.append([(f["rule"], f["line"], f["column"]) for f in json.loads(out)["findings"]])
    assert shown[0] == shown[1] == [("FL611", 3, 1), ("FL701", 5, 23)]
    invoke("check", "--fix", "--no-cache", "--format", "json", "windows")
    assert (folder / "windows" / "a.md").read_bytes() == WINDOWS.replace(
        "on March", "in March"
    ).encode()


def test_check_without_fix_never_writes(folder: Path) -> None:
    article = folder / "a.md"
    article.write_text("Beyond Speed,Towards a model.\n", encoding="utf-8")
    code, out, _ = invoke("check", "--no-cache", "--format", "concise", ".")
    assert article.read_text(encoding="utf-8") == "Beyond Speed,Towards a model.\n"
    assert "a.md:1:8: FL604 [missing-space]" in out
    assert code == 1


HOUSE_RULE = """\
id: FL791
name: house-no-utilize
category: style
kind: substitution
severity: warning
message: "Write '{suggestion}', not '{match}'"
summary: Prefer 'use' to 'utilize'
swap:
  '\\butilize\\b': use
examples:
  fail: ["We utilize it."]
  pass: ["We use it."]
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), [("FL791", 1, 4)]),
        (("--ignore", "FL791"), []),
        (("--ignore", "house-no-utilize"), []),
        (("--select", "FL791"), [("FL791", 1, 4)]),
        (("--select", "garbled"), []),
    ],
)
def test_local_yaml_rule_folder_runs_and_is_selectable(
    folder: Path, args: tuple[str, ...], expected: list[tuple[str, int, int]]
) -> None:
    (folder / "house").mkdir()
    (folder / "house" / "FL791-house-no-utilize.yaml").write_text(HOUSE_RULE)
    (folder / "factlint.yaml").write_text("rule-paths: [house]\n")
    (folder / "a.md").write_text("We utilize it.\n")
    _, out, _ = invoke("check", "--no-cache", "--format", "json", *args, "a.md")
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(out)["findings"]]
    assert found == expected


def test_malformed_local_yaml_rule_exits_two_naming_file_and_line(folder: Path) -> None:
    (folder / "house").mkdir()
    bad = HOUSE_RULE.replace("summary:", "sumary:")
    (folder / "house" / "FL791-house-no-utilize.yaml").write_text(bad)
    (folder / "factlint.yaml").write_text("rule-paths: [house]\n")
    (folder / "a.md").write_text("We utilize it.\n")
    code, _, err = invoke("check", "a.md")
    assert code == 2
    assert "FL791-house-no-utilize.yaml:7:" in err
    assert "sumary" in err


def test_default_check_of_a_small_article_does_not_import_dateparser(folder: Path) -> None:
    (folder / "small.md").write_text(
        "---\ndate: 2026-02-17\n---\nOn Monday the council said it spent $5 million last year.\n"
    )
    probe = (
        "import sys\n"
        "from factlint.cli import main\n"
        "for args in (['--version'], ['check', '--no-cache', 'small.md']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('dateparser' in sys.modules, 'rich' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        check=False,
    )
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr


def test_deselected_ledger_rules_do_not_swallow_cross_article_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    args = ("check", "--no-cache", "--format", "json", "seeds/")
    with_ledger = {
        (f["rule"], f["path"])
        for f in json.loads(invoke(*args, "--select", "FL1,FL4")[1])["findings"]
    }
    only_pairs = {
        (f["rule"], f["path"]) for f in json.loads(invoke(*args, "--select", "FL1")[1])["findings"]
    }
    assert ("FL402", "seeds/000_b2a1cf249883d228.txt") in with_ledger
    assert ("FL102", "seeds/001_3d07ea246869d68c.txt") not in with_ledger
    assert ("FL102", "seeds/001_3d07ea246869d68c.txt") in only_pairs
    assert ("FL103", "seeds/000_b2a1cf249883d228.txt") in only_pairs


def _shipped_rule_ids() -> list[str]:
    from factlint.config import Config
    from factlint.registry import load_checks

    return sorted(r.id for c in load_checks(Config(shipped_ledger=False)) for r in c.rules)


@pytest.mark.parametrize("rule_id", _shipped_rule_ids())
def test_every_shipped_rule_explains_itself_with_its_options(folder: Path, rule_id: str) -> None:
    from factlint.config import Config
    from factlint.registry import load_checks

    code, out, _ = invoke("rule", rule_id)
    assert code == 0
    assert out.startswith(f"# {rule_id} ")
    (check,) = [c for c in load_checks(Config(shipped_ledger=False)) if rule_id in c.ids]
    for name in check.options:
        assert f"    {name} (" in out
