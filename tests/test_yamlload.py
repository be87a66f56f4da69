"""yamlload: when libyaml may load a text, keys written twice, errors in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factlint.engine import read_metadata
from factlint.yamlload import fast_loader_is_safe, located, repeated_key

ENTRIES = "".join(
    f'a{i:05d}.txt:\n  title: "Title {i}"\n  date: 2024-01-02\n  lang: en\n' for i in range(10_000)
)


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("a: [b, {c: d}]\n", True),  # short: cannot nest deep
        (ENTRIES, True),  # 30,000 marks, two levels: the bound lets libyaml read it
        ("- " * 40_000 + "x", False),  # one line, 40,000 levels
        ("[" * 40_000, False),
        ("x: " + "[']', " * 6_000, False),  # open brackets whose closers are quoted
        # A long line defeats the bound; libyaml's parser then measures the depth.
        (ENTRIES + "long: " + "y" * 2_600 + "\n", True),
        # Deeper than the limit: refused by the measure, or by libyaml itself (PyYAML
        # 6.0.4's refuses past 1,000 levels). Within it, and within libyaml's own.
        ("a: " + "[" * 6_000 + "]" * 6_000 + "\n" + "b: c\n" * 3_000, False),
        ("a: " + "[" * 900 + "y" * 3_000 + "]" * 900 + "\n" + "b: c\n" * 5_000, True),
    ],
)
def test_libyaml_reads_only_what_cannot_overflow_its_stack(text: str, safe: bool) -> None:
    assert fast_loader_is_safe(text) is safe


def test_a_key_written_twice_is_found_with_both_lines() -> None:
    node = yaml.compose("a: 1\nb:\n  c: 2\n  d: [{e: 3, e: 4}]\n", Loader=yaml.SafeLoader)
    assert repeated_key(node) == (4, "e", 4)
    node = yaml.compose("x: &n {k: 1}\ny: *n\nz: *n\n", Loader=yaml.SafeLoader)
    assert repeated_key(node) is None  # a node an alias repeats is no key written twice
    node = yaml.compose("1: a\n'1': b\n", Loader=yaml.SafeLoader)
    assert repeated_key(node) is None  # an int and a string: two keys


def test_a_metadata_entry_written_twice_is_an_error_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(
        "a.txt:\n  title: A\nb.txt:\n  title: B\na.txt:\n  date: 2024-01-02\n"
    )
    data, error = read_metadata(tmp_path, "sources.yaml")
    assert data == {}
    assert error is not None and (error.path, error.line) == (str(tmp_path / "sources.yaml"), 5)
    assert error.message == "cannot read metadata: duplicate key 'a.txt' (first on line 1)"


def test_a_yaml_error_is_one_line_where_an_unclosed_quote_opened() -> None:
    with pytest.raises(yaml.YAMLError) as info:
        yaml.safe_load('a: 1\nb: "open\nc: 3\n')
    assert located(info.value) == (2, "found unexpected end of stream")
