"""The GitHub Action: action.yml's shape, and its script run in a scratch pull request.

The script (scripts/action-run.sh) runs here as the action runs it, in a shallow clone of a
repository whose pull-request branch adds a contradiction, with environment variables
standing in for the action's inputs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factlint.cache import CACHE_DIR
from tests.paths import SARIF_SCHEMA as SCHEMA_PATH
from tests.pr_repo import commit, git, git_env, make_repo, write

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "scripts" / "action-run.sh"

NEW_ARTICLE = {"articles/c.md": "# Council\n\nThe city budget was 7 million, the mayor said.\n"}


def test_action_metadata() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert set(inputs) >= {"paths", "config", "fail-on", "diff-base", "sarif", "version"}
    assert inputs["diff-base"]["default"] == "${{ github.event.pull_request.base.sha }}"
    assert inputs["sarif"]["default"] == "false"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    runs = [s["run"] for s in steps if "run" in s]
    assert runs == [
        'bash "$GITHUB_ACTION_PATH/scripts/action-run.sh" install',
        'bash "$GITHUB_ACTION_PATH/scripts/action-run.sh" cache-dir',
        'bash "$GITHUB_ACTION_PATH/scripts/action-run.sh" check',
    ]
    assert "github.action_path" in steps[1]["env"]["FACTLINT_INSTALL"]
    assert all(s["shell"] == "bash" for s in steps if "run" in s)
    # The cache folder the script names is kept between runs, unless `cache` is "false".
    assert inputs["cache"]["default"] == "true"
    locate, restore, check, save = steps[2:6]
    assert locate["id"] == "cache-dir"
    assert locate["env"]["FACTLINT_CONFIG"] == "${{ inputs.config }}"
    assert restore["uses"].startswith("actions/cache/restore@")
    assert save["uses"].startswith("actions/cache/save@")
    for step in (locate, restore, save):
        assert "inputs.cache == 'true'" in step["if"]
    for step in (restore, save):
        assert step["with"]["path"] == "${{ steps.cache-dir.outputs.dir }}"
    # A new entry per run, restored by its prefix: the newest entry is the one restored.
    key = restore["with"]["key"]
    assert key.startswith(restore["with"]["restore-keys"])
    assert "${{ github.run_id }}" in key
    assert save["with"]["key"] == "${{ steps.cache-restore.outputs.cache-primary-key }}"
    # Saved also when the check fails the job (findings on the pull request).
    assert save["if"].startswith("${{ always() &&")
    upload = steps[-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.sarif == 'true'" in upload["if"]
    # Every input reaches the script.
    env = check["env"]
    for name in ("paths", "config", "fail-on", "diff-base", "baseline", "sarif"):
        assert f"${{{{ inputs.{name} }}}}" in env.values()


def test_script_is_valid_bash() -> None:
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True)


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A shallow clone of a pull-request branch, and the base commit it does not have."""
    origin = tmp_path / "origin"
    base = make_repo(origin)
    git(origin, "checkout", "--quiet", "-b", "pr")
    write(origin, NEW_ARTICLE)
    write(origin, {"articles/a.md": "Updated.\n\n" + (origin / "articles/a.md").read_text()})
    commit(origin, "new article")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", "--branch", "pr", origin.as_uri(), str(clone)],
        env=git_env(tmp_path),
        check=True,
    )
    return clone, base


def run_action(
    clone: Path, step: str = "check", **inputs: str
) -> tuple[int, str, str, dict[str, str]]:
    """Exit status, stdout, stderr and the step outputs of one step of the script."""
    outputs = clone.parent / "github_output"
    outputs.write_text("")
    env = {
        **git_env(clone.parent),
        "PYTHONPATH": str(ROOT),
        "FACTLINT": f"{sys.executable} -m factlint.cli",
        "GITHUB_OUTPUT": str(outputs),
        **inputs,
    }
    done = subprocess.run(
        ["bash", str(SCRIPT), step],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = outputs.read_text().splitlines()
    return done.returncode, done.stdout, done.stderr, dict(x.split("=", 1) for x in lines)


def test_pull_request_annotates_only_the_new_finding_and_writes_sarif(
    pull_request: tuple[Path, str],
) -> None:
    clone, base = pull_request
    code, out, err, outputs = run_action(
        clone, FACTLINT_PATHS="articles", FACTLINT_DIFF_BASE=base, FACTLINT_SARIF="true"
    )
    assert code == 1, err
    assert out.splitlines() == [
        "::error file=articles/c.md,line=3,endLine=3,col=1,endColumn=30,"
        "title=FL791 budget-contradiction::city budget: 7 million here, 5 million in "
        "articles/a.md%0Aarticles/a.md:5:1: 5 million here"
    ]
    assert f"fetching base revision {base}" in err
    assert outputs == {"sarif": "factlint.sarif"}
    sarif = json.loads((clone / "factlint.sarif").read_text(encoding="utf-8"))
    if SCHEMA_PATH.is_file():
        import jsonschema

        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(schema).validate(sarif)
    assert sarif["version"] == "2.1.0"
    # SARIF carries every finding: code scanning tracks what is new by fingerprint.
    results = sarif["runs"][0]["results"]
    assert sorted(
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in results
    ) == [
        ("FL790", "articles/a.md"),
        ("FL791", "articles/b.md"),
        ("FL791", "articles/c.md"),
    ]
    assert all(r["partialFingerprints"]["factlint/v1"] for r in results)


def test_without_a_base_every_finding_is_annotated(pull_request: tuple[Path, str]) -> None:
    clone, _ = pull_request
    code, out, _, outputs = run_action(clone, FACTLINT_PATHS="articles")
    assert code == 1
    assert [line.split(",")[0] for line in out.splitlines()] == [
        "::warning file=articles/a.md",
        "::error file=articles/b.md",
        "::error file=articles/c.md",
    ]
    assert outputs == {}
    assert not (clone / "factlint.sarif").exists()


def test_fail_on_and_baseline_inputs(pull_request: tuple[Path, str]) -> None:
    clone, _ = pull_request
    subprocess.run(
        [sys.executable, "-m", "factlint.cli", "baseline", "articles", "-o", "baseline.json"],
        cwd=clone,
        env={**git_env(clone.parent), "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
    )
    code, out, _, _ = run_action(
        clone, FACTLINT_PATHS="articles", FACTLINT_BASELINE="baseline.json"
    )
    assert (code, out) == (0, "")
    write(clone, {"articles/d.md": "A fnord.\n"})
    code, out, _, _ = run_action(
        clone, FACTLINT_PATHS="articles", FACTLINT_BASELINE="baseline.json"
    )
    assert code == 1
    assert out.startswith("::warning file=articles/d.md,line=1,")
    code, out, _, _ = run_action(
        clone,
        FACTLINT_PATHS="articles",
        FACTLINT_BASELINE="baseline.json",
        FACTLINT_FAIL_ON="error",
    )
    assert code == 0
    assert out.startswith("::warning file=articles/d.md,line=1,")


def test_an_unknown_base_fails_the_step(pull_request: tuple[Path, str]) -> None:
    clone, _ = pull_request
    missing = "0" * 40
    code, out, err, _ = run_action(clone, FACTLINT_PATHS="articles", FACTLINT_DIFF_BASE=missing)
    assert code == 2
    assert f"unknown revision '{missing}'" in out + err


def test_gitlab_example_job_writes_a_code_quality_report() -> None:
    config = yaml.safe_load((ROOT / ".gitlab-ci.example.yml").read_text(encoding="utf-8"))
    job = config["factlint"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    script = "\n".join(job["script"])
    assert "--format codequality -o gl-code-quality-report.json --exit-zero" in script
    assert '--diff-base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"' in script
    # The cache folder at the project root (no config elsewhere) outlives the job.
    assert job["cache"]["paths"] == [f"{CACHE_DIR}/"]


def test_the_cache_step_names_the_folder_a_check_fills(pull_request: tuple[Path, str]) -> None:
    clone, base = pull_request
    code, out, err, outputs = run_action(clone, "cache-dir")
    assert (code, out, err) == (0, "", "")
    assert outputs == {"dir": str(clone / CACHE_DIR)}
    run_action(clone, FACTLINT_PATHS="articles", FACTLINT_DIFF_BASE=base)
    assert (clone / CACHE_DIR / "results.sqlite").is_file()
    # With --config, the folder beside that config file; a config that does not load
    # leaves the cache out (the check step reports it).
    (clone / "site").mkdir()
    (clone / "site" / "factlint.yaml").write_text("select: [FL1]\n")
    code, _, _, outputs = run_action(clone, "cache-dir", FACTLINT_CONFIG="site/factlint.yaml")
    assert (code, outputs) == (0, {"dir": str(clone / "site" / CACHE_DIR)})
    (clone / "site" / "factlint.yaml").write_text("select: [\n")
    code, _, err, outputs = run_action(clone, "cache-dir", FACTLINT_CONFIG="site/factlint.yaml")
    assert (code, outputs) == (0, {})
    assert "factlint.yaml" in err
