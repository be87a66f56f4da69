"""Which files a run reads, and the paths it shows for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint import discover as discover_module
from factlint.config import Config
from factlint.discover import _matches, corpus_files, discover, walk_keys

FILES = (
    "articles/a.md",
    "articles/b.txt",
    "articles/skip.json",
    "articles/.hidden.md",
    "articles/.drafts/c.md",
    "articles/sub/d.md",
    "articles/sub/deep/e.markdown",
    "articles/sources.yaml",
    "top.md",
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


NESTED = ["a.md", "b.txt", "sub/d.md", "sub/deep/e.markdown"]


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("articles", [f"articles/{n}" for n in NESTED]),
        ("articles/", [f"articles/{n}" for n in NESTED]),
        ("./articles", [f"articles/{n}" for n in NESTED]),
        ("articles/sub", ["articles/sub/d.md", "articles/sub/deep/e.markdown"]),
        (".", ["top.md", *(f"articles/{n}" for n in NESTED)]),  # a folder's files first
        ("articles/skip.json", ["articles/skip.json"]),  # named: read whatever its extension
    ],
)
def test_paths_are_shown_as_given_and_sorted(tree: Path, given: str, shown: list[str]) -> None:
    config = Config(root=tree, metadata_file="sources.yaml")
    assert discover([given], config) == (shown, [])


def test_the_run_order_is_the_walk_order_whatever_the_paths_are_named_by(tree: Path) -> None:
    # A folder's files before its subfolders', as discover walks: the order a run's
    # articles are put in, however they were named (given, or from the corpus).
    walked, _ = discover(["."], Config(root=tree, metadata_file="sources.yaml"))
    assert walked[:2] == ["top.md", "articles/a.md"]
    key = walk_keys(str(tree))
    named = [f"./{walked[3]}", f"{tree}/{walked[0]}", *reversed(walked[1:3]), *walked[4:]]
    assert sorted(named, key=key) == [
        named[1],
        *walked[1:3],
        named[0],
        *walked[4:],
    ]
    assert sorted(walked, key=key) == walked


def test_an_absolute_folder_gives_absolute_paths(tree: Path) -> None:
    found, errors = discover([str(tree / "articles" / "sub")], Config(root=tree))
    assert found == [
        f"{tree.as_posix()}/articles/sub/d.md",
        f"{tree.as_posix()}/articles/sub/deep/e.markdown",
    ]
    assert errors == []


def test_excludes_apply_to_walked_and_named_files(tree: Path) -> None:
    config = Config(root=tree, exclude=("articles/sub/**",), metadata_file="sources.yaml")
    assert discover(["articles"], config)[0] == ["articles/a.md", "articles/b.txt"]
    assert discover(["articles/sub/d.md"], config)[0] == []


def test_a_missing_path_is_an_error_and_the_rest_is_read(tree: Path) -> None:
    found, errors = discover(["nope", "top.md", "top.md"], Config(root=tree))
    assert found == ["top.md"]
    assert [(e.path, e.message) for e in errors] == [("nope", "no such file or directory")]


def test_under_the_current_folder_a_symlinked_file_is_shown_by_its_target(tree: Path) -> None:
    # Plain files keep the walk's path; a link inside the tree shows where it leads,
    # one leading outside shows as walked.
    (tree / "articles" / "link.md").symlink_to(tree / "top.md")
    outside = tree.parent / f"{tree.name}-outside.md"
    outside.write_text("x\n")
    (tree / "articles" / "out.md").symlink_to(outside)
    found, errors = discover(["."], Config(root=tree, metadata_file="sources.yaml"))
    shown = ["top.md", "articles/a.md", "articles/b.txt", "articles/out.md", "articles/sub/d.md"]
    assert found == [*shown, "articles/sub/deep/e.markdown"]
    assert errors == []


def test_a_walked_folder_reads_a_symlinked_file_once(tree: Path) -> None:
    # `latest.md -> a.md` beside a.md: counted twice, one article would outvote others
    # in the cross-article checks. The file is read under its own name; a link to a file
    # found nowhere else, and a dangling link (reported when read), are kept.
    articles = tree / "articles"
    (articles / "latest.md").symlink_to(articles / "a.md")
    (articles / "again.md").symlink_to(articles / "sub" / "d.md")
    (articles / "top-link.md").symlink_to(tree / "top.md")
    (articles / "top-again.md").symlink_to(tree / "top.md")
    (articles / "broken.md").symlink_to(tree / "missing.md")
    found, errors = discover(["articles"], Config(root=tree, metadata_file="sources.yaml"))
    assert found == [
        "articles/a.md",
        "articles/b.txt",
        "articles/broken.md",
        "articles/top-again.md",
        "articles/sub/d.md",
        "articles/sub/deep/e.markdown",
    ]
    assert errors == []


def test_a_walked_folder_reads_hard_links_to_one_file_once(tree: Path) -> None:
    # Hard links are the same file under two names, as a symlink is: read under the
    # name walked first. A copy with the same text is another file, and is read.
    articles = tree / "articles"
    (articles / "sub" / "z.md").hardlink_to(articles / "a.md")
    (articles / "copy.md").write_text("x\n")
    (tree / "top-link.md").hardlink_to(articles / "sub" / "d.md")
    found, errors = discover(["articles"], Config(root=tree, metadata_file="sources.yaml"))
    assert found == [
        "articles/a.md",
        "articles/b.txt",
        "articles/copy.md",
        "articles/sub/d.md",
        "articles/sub/deep/e.markdown",
    ]
    found, _ = discover(["."], Config(root=tree, metadata_file="sources.yaml"))
    assert "articles/sub/z.md" not in found and "articles/a.md" in found
    # a folder's own files are walked before its subfolders'
    assert "top-link.md" in found and "articles/sub/d.md" not in found
    assert errors == []


def test_files_a_listing_numbers_alike_are_read_unless_they_are_one(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A union file system (a container's overlay) may list files of two layers with
    # one inode number: only a file that is the same file is read once.
    walk = discover_module._walk

    def one_number(top: str):  # type: ignore[no-untyped-def]
        for folder, files, linked, inodes in walk(top):
            yield folder, files, linked, {name: (1, 1) for name in inodes}

    monkeypatch.setattr(discover_module, "_walk", one_number)
    found, _ = discover(["articles"], Config(root=tree, metadata_file="sources.yaml"))
    assert found == [f"articles/{n}" for n in NESTED]
    (tree / "articles" / "sub" / "z.md").hardlink_to(tree / "articles" / "a.md")
    found, _ = discover(["articles"], Config(root=tree, metadata_file="sources.yaml"))
    assert found == [f"articles/{n}" for n in NESTED]


def test_the_corpus_is_every_matching_file_not_given_already(tree: Path) -> None:
    config = Config(root=tree, corpus=("articles/**/*",), metadata_file="sources.yaml")
    # Given as "./articles/a.md": the same file, so not read twice. Hidden files and
    # folders are skipped, as when a folder is walked.
    assert corpus_files(config, {"./articles/a.md", "top.md"}) == [
        "articles/b.txt",
        "articles/sub/d.md",
        "articles/sub/deep/e.markdown",
    ]


def test_a_run_that_names_the_whole_corpus_reads_no_file_twice(tree: Path) -> None:
    # `factlint check articles` with the articles as its corpus: the given files are
    # passed over by the name they are read at, before anything is resolved.
    config = Config(root=tree, corpus=("articles/*",), metadata_file="sources.yaml")
    given = discover(["articles"], config)[0]
    assert given[:2] == ["articles/a.md", "articles/b.txt"]
    assert corpus_files(config, set(given)) == []
    assert corpus_files(config, set(given[1:])) == ["articles/a.md"]
    assert corpus_files(config, {"articles/./b.txt"}) == ["articles/a.md"]


def test_the_corpus_from_a_subfolder_and_with_excludes(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(root=tree, corpus=("articles/*", "*.md"), exclude=("articles/b.*",))
    monkeypatch.chdir(tree / "articles" / "sub")
    # Outside the current folder: shown as the config root's glob gives them.
    assert corpus_files(config, set()) == [
        f"{tree.as_posix()}/{n}" for n in ("articles/a.md", "top.md")
    ]


def test_a_corpus_link_to_a_file_given_or_listed_is_not_read_twice(tree: Path) -> None:
    (tree / "articles" / "link.md").symlink_to(tree / "top.md")
    (tree / "articles" / "again.md").symlink_to(tree / "articles" / "a.md")
    config = Config(root=tree, corpus=("articles/*.md",))
    assert corpus_files(config, {"top.md"}) == ["articles/a.md"]
    outside = tree.parent / f"{tree.name}-elsewhere.md"
    outside.write_text("x\n")
    (tree / "articles" / "out.md").symlink_to(outside)
    # A link shows where it leads (as discover shows one under "."); one leading out of
    # the current folder shows as the glob gave it.
    assert corpus_files(config, set()) == [
        "articles/a.md",
        "top.md",
        f"{tree.as_posix()}/articles/out.md",
    ]


def test_a_corpus_reads_hard_links_to_one_file_once(tree: Path) -> None:
    # One file under two names would vote twice in the cross-article checks: read under
    # the name listed first, and not at all when it is a file given to the run.
    articles = tree / "articles"
    (articles / "z.md").hardlink_to(articles / "a.md")
    (articles / "copy.md").write_text("x\n")  # the same text, another file: read
    (articles / "given-twin.md").hardlink_to(tree / "top.md")
    config = Config(root=tree, corpus=("articles/*.md",))
    assert corpus_files(config, {"top.md"}) == ["articles/a.md", "articles/copy.md"]
    # A pattern matched by glob (not one folder listing) gets the same answer.
    config = Config(root=tree, corpus=("articles/**/*.md",))
    assert corpus_files(config, {"top.md"}) == [
        "articles/a.md",
        "articles/copy.md",
        "articles/sub/d.md",
    ]


def test_corpus_files_a_listing_numbers_alike_are_read_unless_they_are_one(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As for walked folders: an overlay may list two files with one inode number.
    matches = discover_module._matches

    def one_number(base: Path, relative: str):  # type: ignore[no-untyped-def]
        return [(n, k, (1, 1) if i else None) for n, k, i in matches(base, relative)]

    monkeypatch.setattr(discover_module, "_matches", one_number)
    (tree / "articles" / "c.md").write_text("y\n")
    config = Config(root=tree, corpus=("articles/*.md",))
    assert corpus_files(config, {"top.md"}) == ["articles/a.md", "articles/c.md"]


def test_a_corpus_in_a_symlinked_folder_is_shown_as_walked(tree: Path) -> None:
    # The name `factlint check linked` gives the same files: one cache row for both.
    (tree / "linked").symlink_to(tree / "articles" / "sub", target_is_directory=True)
    config = Config(root=tree, corpus=("linked/*.md",))
    assert corpus_files(config, set()) == ["linked/d.md"]
    assert discover(["linked"], config)[0][0] == "linked/d.md"


def test_an_absolute_corpus_pattern_is_matched_from_its_anchor(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(root=tree, corpus=(f"{tree.as_posix()}/articles/sub/**/*.md",))
    assert corpus_files(config, set()) == ["articles/sub/d.md"]
    monkeypatch.chdir(tree / "articles")
    assert corpus_files(config, set()) == ["sub/d.md"]


@pytest.mark.parametrize(
    "pattern",
    ["articles/*.md", "articles/*", "articles/[ab].*", "articles/a.md", "articles/sub/*", "*.md"],
)
def test_a_corpus_pattern_lists_what_pathlib_glob_lists(tree: Path, pattern: str) -> None:
    # The folder listing the usual pattern is matched on, against glob itself, with a
    # folder named like an article, a link to a file, a broken link and a hidden file.
    (tree / "articles" / "folder.md").mkdir()
    (tree / "articles" / "link.md").symlink_to(tree / "top.md")
    (tree / "articles" / "broken.md").symlink_to(tree / "missing.md")
    listed = sorted(name for name, *_ in _matches(tree, pattern))
    assert listed == sorted(str(p) for p in tree.glob(pattern))
    config = Config(root=tree, corpus=(pattern,))
    shown = {"articles/*.md": ["articles/a.md", "articles/link.md"], "*.md": ["top.md"]}
    if pattern in shown:  # no folder, no broken link, no hidden file; a link by its target
        assert corpus_files(config, set()) == [
            n if n != "articles/link.md" else "top.md" for n in shown[pattern]
        ]
