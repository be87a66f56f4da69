"""YAML from users' files: libyaml where it is safe, and every failure located.

PyYAML raises more than YAMLError on text it parsed: its constructors raise plain
exceptions, unlocated, for a timestamp that names no real day ("2024-02-31":
ValueError) or a tagged value not of its type ("!!timestamp x": AttributeError),
and RecursionError for values nested too deeply. libyaml's composer recurses in C
once per nested collection: some 30,000 nested brackets or "- " overflow the stack,
a crash no handler sees, so deeply nestable text goes to the Python loader.

Aliases are refused where they make a value contain itself, or expand it far beyond
what was written: nine lines of anchors can stand for 400 million strings (the
"billion laughs"), harmless as shared objects until anything prints, hashes or walks
them, and then a run that never ends (`checked_node`, before anything is built).
"""

from __future__ import annotations

import datetime
from collections.abc import Container
from typing import Any

import regex

__all__ = [
    "checked_document",
    "checked_node",
    "construct_checked",
    "fast_loader_is_safe",
    "load",
    "load_document",
    "located",
    "repeated_in",
    "repeated_key",
    "too_long_number",
    "unreadable_value",
]

# A collection nests in another only after one of these; libyaml held 10,000 levels.
_NESTING_MARKS = "[{-?:"
_MAX_NESTING_MARKS = 5_000


def fast_loader_is_safe(text: str) -> bool:
    """Whether libyaml may load the text: it cannot nest deep enough to overflow its
    stack. Few nesting marks in all; or a bound on the depth (a block collection nests
    in another only by indenting further or by another mark on the same line, so no
    deeper than twice the longest line, and a flow one only inside an open bracket);
    or else the depth itself, from libyaml's parser. (A 10,000-entry metadata file has
    70,000 marks and is two levels deep: the pure-Python loader took 2.7 s over it.)"""
    if len(text) <= _MAX_NESTING_MARKS:
        return True
    if sum(text.count(mark) for mark in _NESTING_MARKS) <= _MAX_NESTING_MARKS:
        return True
    openers = text.count("[") + text.count("{")  # closers may hide in quotes: not counted
    longest = max(map(len, text.splitlines()), default=0)
    if 2 * longest + openers <= _MAX_NESTING_MARKS:
        return True
    return _nesting(text) <= _MAX_NESTING_MARKS


def _nesting(text: str) -> int:
    """How deep the text's collections nest, from libyaml's events: its parser is a
    state machine (the composer is what recurses), so this cannot overflow. Stops
    counting past the limit; a text libyaml cannot parse is not for it anyway."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    opened = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    closed = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, opened):
                depth += 1
                if depth > deepest:
                    deepest = depth
                    if deepest > _MAX_NESTING_MARKS:
                        break
            elif isinstance(event, closed):
                depth -= 1
    except yaml.YAMLError:
        return _MAX_NESTING_MARKS + 1
    return deepest


def load(text: str) -> Any:
    """YAML through libyaml when present and safe (ten times faster); its errors are
    worded and located by the pure-Python loader, which users' messages and tests expect."""
    return load_document(text)[1]


def load_document(text: str) -> tuple[Any, Any]:
    """`load`, with the composed document: (node, value)."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and fast_loader_is_safe(text):
        try:
            return _load(fast, text)
        except yaml.YAMLError:
            pass
    return _load(yaml.SafeLoader, text)


def _load(loader_class: Any, text: str) -> tuple[Any, Any]:
    loader = loader_class(text)
    try:
        return checked_document(loader)
    finally:
        loader.dispose()


def construct_checked(loader: Any) -> Any:
    """A loader's single document, as `get_single_data` builds it, once its nodes have
    passed `checked_node`."""
    return checked_document(loader)[1]


def checked_document(loader: Any) -> tuple[Any, Any]:
    """(node, value) of a loader's single document, the value built from the node once
    it has passed `checked_node` (None and None for an empty document)."""
    node = checked_node(loader.get_single_node())
    return node, None if node is None else loader.construct_document(node)


# An alias may repeat what it names, within reason: a document may stand for this many
# values more than it writes, and a hundred times what it writes.
_MAX_EXPANSION = 100_000
_EXPANSION_FACTOR = 100


def checked_node(root: Any) -> Any:
    """`root` (a composed YAML node, or None) if its aliases neither make a value contain
    itself nor expand it past the bound above; else a located yaml.YAMLError.

    Linear in the nodes written: each node's expanded size is worked out once."""
    import yaml

    if root is None:
        return None
    sizes: dict[int, int] = {}
    done: list[Any] = []  # each node once, children before parents
    open_: set[int] = set()  # the nodes being expanded, from the root down
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            done.append(node)
            continue
        if key in sizes:
            continue
        if key in open_:
            raise yaml.composer.ComposerError(
                None, None, "this value contains itself through an alias", node.start_mark
            )
        open_.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    limit = _MAX_EXPANSION + _EXPANSION_FACTOR * len(done)
    if sizes[id(root)] <= limit:
        return root
    first = next(node for node in done if sizes[id(node)] > limit)
    raise yaml.composer.ComposerError(
        None,
        None,
        f"aliases expand this value to {sizes[id(first)]:,} values, more than the "
        f"{limit:,} allowed for {len(done):,} written",
        first.start_mark,
    )


def located(exc: Exception) -> tuple[int | None, str]:
    """(line, problem) of a YAML error, in one line: PyYAML's own message spans several,
    quoting a "<unicode string>". An unclosed quote or bracket is found at the end of
    the text: the line given is then where it opened."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    mark = problem_mark or context_mark
    if context_mark is not None and "end of stream" in str(problem or ""):
        mark = context_mark
    line = mark.line + 1 if mark is not None else None
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
    return line, problem or getattr(exc, "context", None) or first


def repeated_key(node: Any) -> tuple[int, str, int] | None:
    """(line, key, its first line) of a key written twice in one mapping of a composed
    document, or None. YAML keeps the last value silently: a config's `select:` written
    twice would drop the first without a word, a metadata file's entry for an article
    written twice the first entry. (Rule files and ledgers find theirs as they read
    their nodes.)"""
    import yaml

    stack = [node]
    visited: set[int] = set()  # a node an alias repeats is looked at once
    while stack:
        current = stack.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            if (repeated := repeated_in(current)) is not None:
                return repeated
            stack.extend(value for _, value in current.value)
    return None


def repeated_in(mapping: Any, keys: Container[str] | None = None) -> tuple[int, str, int] | None:
    """`repeated_key` for one mapping node's own keys (only those in `keys`, if given)."""
    import yaml

    seen: dict[tuple[str, str], int] = {}
    for key_node, _ in mapping.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
            continue
        if keys is not None and key_node.value not in keys:
            continue
        key, line = (key_node.tag, key_node.value), key_node.start_mark.line + 1
        if key in seen:
            return line, key_node.value, seen[key]
        seen[key] = line
    return None


def _children(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


_DATE = regex.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_TAG = regex.compile(r"(?<![\w'\"])!")


def unreadable_value(text: str, exc: Exception) -> tuple[int | None, str]:
    """Where (a line from 1, if found) and why a YAML text that parsed could not be
    read (see the module docstring)."""
    if isinstance(exc, RecursionError):
        return None, "values nested too deeply"
    if (found := too_long_number(text, exc)) is not None:
        return found
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        for m in _DATE.finditer(line):
            try:
                datetime.date(*(int(g) for g in m.groups()))
            except ValueError:
                return n, str(exc)
    tagged = next((n for n, line in enumerate(lines, 1) if _TAG.search(line)), None)
    if isinstance(exc, ValueError | OverflowError):
        return tagged, str(exc)
    return tagged, "a value YAML cannot read (a tag on a value not of its type?)"


def too_long_number(text: str, exc: Exception) -> tuple[int, str] | None:
    """(line, problem) when `exc` is Python refusing to read an integer of more digits
    than `sys.get_int_max_str_digits()` (a guard against quadratic conversion), which
    YAML and JSON readers raise unlocated; else None."""
    import sys

    limit = sys.get_int_max_str_digits()
    if not isinstance(exc, ValueError) or not limit or "integer string conversion" not in str(exc):
        return None
    m = regex.search(rf"\d{{{limit + 1},}}", text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    return line, f"a number of {len(m[0]):,} digits (at most {limit:,} are read)"
