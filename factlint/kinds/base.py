"""What every YAML rule kind shares: strict reading, the header, messages, quotes, timeouts.

A rule file is read from YAML *nodes*, not from `yaml.safe_load`'s plain values, so
every value keeps the line it came from: an unknown key, a wrong type or a bad regex
is reported at its own line. String fields take a scalar's text as written, so YAML
1.1 surprises (`no` -> False, `1.10` -> 1.1) cannot change a word or a regex.
"""

from __future__ import annotations

import difflib
import string
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from factlint import fastre
from factlint.errors import RuleLoadError
from factlint.model import CATEGORIES, Finding, Severity, Span

if TYPE_CHECKING:
    import yaml

    from factlint.analysis import Analysis
    from factlint.rule import Context

# The text a budget of `regex-timeout` seconds is for: a longer document has more.
BUDGET_CHARS = 100_000

ID_PATTERN = fastre.compile_regex(r"FL\d{3}")
NAME_PATTERN = fastre.compile_regex(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
TEXT_SCOPES = ("sentence", "paragraph", "document")

# Keys every kind accepts; the kind modules add their own.
COMMON_KEYS = frozenset(
    {
        "id",
        "name",
        "category",
        "kind",
        "severity",
        "scope",
        "message",
        "summary",
        "rationale",
        "ignore_case",
        "skip_quotes",
        "default_enabled",
        "link",
        "examples",
    }
)
REQUIRED_KEYS = ("id", "name", "category", "kind", "message", "summary", "examples")


class RuleTimeout(RuleLoadError):
    """A rule's regex ran out of time on a document; located at that regex's line."""


# --- reading YAML nodes with their lines ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Value:
    """One YAML node: its plain value (scalars), items (sequences) or pairs (mappings).

    Plain data, no yaml objects: a rule file's tree is kept in the start-up store, and
    reading it back must not import yaml (~12 ms).
    """

    kind: str  # "mapping", "list" or "scalar"
    line: int  # 1-based line where the node starts
    text: str  # a scalar as written in the file ("a list", "a mapping" otherwise)
    scalar: Any = None
    items: tuple[Value, ...] = ()
    pairs: tuple[tuple[Value, Value], ...] = ()


def read_value(node: yaml.Node, path: str, loader: yaml.SafeLoader | None = None) -> Value:
    from yaml import MappingNode, SafeLoader, SequenceNode

    loader = loader or SafeLoader("")
    line = node.start_mark.line + 1
    if isinstance(node, SequenceNode):
        items = tuple(read_value(n, path, loader) for n in node.value)
        return Value("list", line, "a list", items=items)
    if isinstance(node, MappingNode):
        pairs = tuple(
            (read_value(k, path, loader), read_value(v, path, loader)) for k, v in node.value
        )
        return Value("mapping", line, "a mapping", pairs=pairs)
    try:
        scalar = loader.construct_object(node, deep=True)
    except Exception:  # e.g. an explicit !!int tag on a non-number
        raise RuleLoadError(path, line, f"cannot read the value {node.value!r}") from None
    return Value("scalar", line, str(node.value), scalar=scalar)


def compose(text: str, path: str) -> Value:
    """The root node of a rule file, with located syntax errors."""
    try:
        return _compose(text, path)
    except RecursionError:  # composing or reading values nested thousands deep
        raise RuleLoadError(path, None, "YAML values nested too deeply") from None


def _compose(text: str, path: str) -> Value:
    import yaml

    from factlint.yamlload import checked_node, located

    try:
        root = checked_node(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        line, problem = located(exc)
        raise RuleLoadError(path, line, f"YAML syntax error: {problem}") from None
    if root is None:
        raise RuleLoadError(path, 1, "empty rule file")
    return read_value(root, path)


class RuleFile:
    """The top-level mapping of one rule file, read strictly and with locations."""

    def __init__(self, path: str, root: Value) -> None:
        self.path = path
        if root.kind != "mapping":
            raise RuleLoadError(path, root.line, "a rule file must be a mapping of keys to values")
        self.line = root.line
        self.keys: dict[str, Value] = {}
        self.values: dict[str, Value] = {}
        for key, value in root.pairs:
            if key.kind != "scalar" or not isinstance(key.scalar, str):
                shown = repr(key.text) if key.kind == "scalar" else key.text
                raise RuleLoadError(path, key.line, f"keys must be words, not {shown}")
            if key.scalar in self.keys:
                first = self.keys[key.scalar].line
                raise RuleLoadError(
                    path, key.line, f"duplicate key {key.scalar!r} (first at line {first})"
                )
            self.keys[key.scalar] = key
            self.values[key.scalar] = value

    def error(self, key: str, message: str, *, at_value: bool = False) -> RuleLoadError:
        where = self.values[key] if at_value else self.keys[key]
        return RuleLoadError(self.path, where.line, message)

    def has(self, key: str) -> bool:
        return key in self.values

    def check_keys(self, allowed: frozenset[str], required: Iterable[str]) -> None:
        for key, node in self.keys.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise RuleLoadError(self.path, node.line, f"unknown key {key!r}{hint}")
        for key in required:
            if key not in self.values:
                raise RuleLoadError(self.path, self.line, f"missing required key {key!r}")

    # Typed access. Each names the key and the line of its value when it is wrong.

    def string(self, key: str, default: str | None = None) -> str:
        if key not in self.values:
            if default is None:
                raise RuleLoadError(self.path, self.line, f"missing required key {key!r}")
            return default
        return as_string(self.values[key], self.path, key)

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self.values:
            return default
        value = self.values[key]
        if value.kind != "scalar" or not isinstance(value.scalar, bool):
            raise RuleLoadError(self.path, value.line, f"{key!r} must be true or false")
        return value.scalar

    def choice(self, key: str, choices: Sequence[str], default: str | None = None) -> str:
        text = self.string(key, default)
        if text not in choices:
            raise self.error(
                key, f"{key!r} must be one of {', '.join(choices)}, not {text!r}", at_value=True
            )
        return text

    def regex(self, key: str, flags: int) -> Rx:
        return compile_rx(self.values[key], self.path, key, flags)


def as_string(value: Value, path: str, what: str) -> str:
    if value.kind != "scalar" or value.scalar is None:
        raise RuleLoadError(path, value.line, f"{what!r} must be a string")
    if isinstance(value.scalar, str):
        return value.scalar
    return value.text


def as_list(value: Value, path: str, what: str, *, min_items: int = 1) -> tuple[Value, ...]:
    if value.kind != "list":
        raise RuleLoadError(path, value.line, f"{what!r} must be a list")
    if len(value.items) < min_items:
        raise RuleLoadError(path, value.line, f"{what!r} needs at least {min_items} item(s)")
    return value.items


# --- regexes ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rx:
    """A compiled rule regex and where it was written (for located errors)."""

    pattern: regex.Pattern[str]
    source: str
    line: int
    required: str = ""  # a string every match holds (fastre.required_text)


def compile_rx(value: Value, path: str, what: str, flags: int) -> Rx:
    source = as_string(value, path, what)
    return compile_source(source, value.line, path, what, flags)


def compile_source(source: str, line: int, path: str, what: str, flags: int) -> Rx:
    size = expanded_size(source)
    if size > len(source) + MAX_EXPANDED:
        raise RuleLoadError(
            path,
            line,
            f"bad regex in {what!r}: its counted repeats write it out to {size:,} items "
            f"(at most {MAX_EXPANDED:,} more than written)",
        )
    try:
        pattern = fastre.compile_regex(source, flags)
    except regex.error as exc:
        raise RuleLoadError(path, line, f"bad regex in {what!r}: {exc}") from None
    return Rx(pattern, source, line, fastre.required_text(pattern))


# `regex` writes out a counted repeat when it compiles it: "(?:a{1000}){10000}" took
# 2.7 GB and "a{1000000}" 270 MB before a rule ran, beyond the reach of any timeout.
# A long list of words is long as written, and compiles as such.
MAX_EXPANDED = 100_000
_COUNT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
_GROUP_OPENING = regex.compile(r"\?(?:P?<[^>=!]*>|P=\w+|<[=!]|[:=!>|]|[a-zA-Z^-]*:?)")
_BRACED_ESCAPE = regex.compile(r"\\[pPxNuUg]\{[^}]{0,64}\}|\\.", regex.S)


def expanded_size(source: str) -> int:
    """How many items a regex holds once its counted repeats ({m}, {m,n}) are written
    out: the items of a group count once for each repeat of every group around them.
    An estimate from the text (lazy and possessive marks, alternation: as written)."""
    sizes = [0]  # the items of each open group, innermost last
    last = 0  # the size of the item just read, which a repeat multiplies
    i = 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            m = _BRACED_ESCAPE.match(source, i)
            i, last = (m.end() if m else len(source)), 1
            sizes[-1] += 1
            continue
        if c == "[":
            i = _class_end(source, i)
            last = 1
            sizes[-1] += 1
            continue
        if c == "(":
            sizes.append(0)
            m = _GROUP_OPENING.match(source, i + 1)  # "?:", "?P<name>", "?<=", "?i:" ...
            i = m.end() if m else i + 1
            continue
        if c == ")" and len(sizes) > 1:
            last = sizes.pop()
            sizes[-1] += last
            i += 1
            continue
        m = _COUNT.match(source, i) if c == "{" else None
        if m is not None and (m[1] or m[2]):
            count = max(_count(m[1]), _count(m[2]))
            sizes[-1] += last * (count - 1)  # the item is there once already
            last *= count
            i = m.end()
            continue
        last = 1 if c not in "*+?|" else 0
        sizes[-1] += last
        i += 1
    return sum(sizes)


def _count(digits: str | None) -> int:
    """A repeat count as written; past nine digits it is over any bound (and `int` of
    thousands of digits is refused)."""
    if not digits:
        return 0
    return int(digits) if len(digits) <= 9 else 10**10


def _class_end(source: str, i: int) -> int:
    """The position after the character class that opens at `i` (nested sets too)."""
    depth, j = 0, i
    while j < len(source):
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
            j += 1
            if source.startswith("^", j):
                j += 1
            if source.startswith("]", j):  # a "]" first in a class is itself
                j += 1
            continue
        if c == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(source)


def regex_flags(ignore_case: bool) -> int:
    return regex.IGNORECASE if ignore_case else 0


class Budget:
    """The time one rule may spend matching in one document: `seconds` (the config's
    `regex-timeout`) for every 100,000 characters, and at least that. Only the matching
    calls count (with what the rule does between the matches of one call), not what
    comes before them: a document's quotations are found on first use, and on a long
    article that extraction, charged to the first rule that asked, took a shipped rule
    past its budget.

    The `regex` module stops a match by the wall clock. On a busy machine (more
    processes than cores, a shared CI runner) that clock runs on while the process
    waits for a core, and a rule that needs microseconds could be reported as timing
    out. So a call stopped when this thread has had under half the matching time on a
    core is charged only the CPU time it could have had, and runs again (from its last
    match on) on what is left. The CPU clock is read only then and at the first call:
    reading it around each of the million calls of a large run would cost 1.5%.
    """

    # Calls run again at most so many times: a process stopped for good still ends.
    RETRIES = 3

    def __init__(self, path: str, doc_path: str, seconds: float, chars: int) -> None:
        self.path = path
        self.doc_path = doc_path
        self.limit = seconds * max(1.0, chars / BUDGET_CHARS)
        self.spent = 0.0
        self._cpu_start: float | None = None  # this thread's CPU clock at the first call
        self._prose = ""  # the text `holds` was last asked about, and its answers
        self._holds: dict[str, bool] = {}

    def holds(self, required: str, prose: str) -> bool:
        """Whether `prose` holds `required`, asked once an article: a rule matches each
        sentence or paragraph of one prose, and most regexes of a rule are for words
        most articles never use."""
        if prose is not self._prose:
            self._prose, self._holds = prose, {}
        found = self._holds.get(required)
        if found is None:
            found = self._holds[required] = required in prose
        return found

    def _remaining(self, rx: Rx) -> float:
        if self._cpu_start is None:
            self._cpu_start = time.thread_time()
        left = self.limit - self.spent
        if left <= 0:
            raise self._timeout(rx)
        return left

    def _timeout(self, rx: Rx) -> RuleTimeout:
        return RuleTimeout(
            self.path,
            rx.line,
            f"regex {rx.source!r} timed out after {self.limit:g} s on {self.doc_path}",
        )

    def _starved(self, attempt: int) -> bool:
        """After a call stopped by the wall clock: whether it may run again, because the
        thread had under half the time `spent` on a core. What it did have (matching and
        all else since the first call: at least the matching) is charged instead."""
        assert self._cpu_start is not None
        used = time.thread_time() - self._cpu_start
        if attempt >= self.RETRIES or used >= self.spent / 2:
            return False
        self.spent = used
        return used < self.limit

    def finditer(self, rx: Rx, text: str) -> Iterator[regex.Match[str]]:
        """Non-empty matches of `rx` in `text`."""
        pos = 0  # where a call run again starts: the end of the last match given
        for attempt in range(self.RETRIES + 1):
            start = time.monotonic()
            try:
                for m in rx.pattern.finditer(text, pos, timeout=self._remaining(rx)):
                    if m.end() > m.start():
                        pos = m.end()
                        yield m
                return
            except TimeoutError:
                pass
            finally:
                self.spent += time.monotonic() - start
            if not self._starved(attempt):
                raise self._timeout(rx)
        raise AssertionError("unreachable: the last attempt is never run again")

    def search(self, rx: Rx, text: str) -> regex.Match[str] | None:
        return self._timed(rx, rx.pattern.search, text)

    def match_at(self, rx: Rx, text: str, pos: int) -> regex.Match[str] | None:
        return self._timed(rx, rx.pattern.match, text, pos)

    def _timed(self, rx: Rx, call: Any, *args: Any) -> regex.Match[str] | None:
        """One matching call on what is left of the budget, its time counted."""
        for attempt in range(self.RETRIES + 1):
            start = time.monotonic()
            try:
                return call(*args, timeout=self._remaining(rx))  # type: ignore[no-any-return]
            except TimeoutError:
                pass
            finally:
                self.spent += time.monotonic() - start
            if not self._starved(attempt):
                raise self._timeout(rx)
        raise AssertionError("unreachable: the last attempt is never run again")


def budget_for(rule: RuleFile, analysis: Analysis, ctx: Context) -> Budget:
    """What `rule` may spend matching in this article."""
    doc = analysis.doc
    return Budget(rule.path, doc.path, ctx.regex_timeout, len(doc.text))


# --- the header every kind shares ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Header:
    """The keys every rule kind shares, validated, with the line of `id`."""

    id: str
    name: str
    category: str
    kind: str
    severity: Severity
    scope: str
    message: str
    summary: str
    rationale: str
    ignore_case: bool
    skip_quotes: bool
    default_enabled: bool
    link: str
    examples_fail: tuple[str, ...]
    examples_pass: tuple[str, ...]
    id_line: int

    @property
    def flags(self) -> int:
        return regex_flags(self.ignore_case)


# A built rule: (run, fixable); run(analysis, ctx) or run(corpus, ctx) yields findings.
Built = tuple[Callable[..., Iterable[Finding]], bool]


@dataclass(frozen=True)
class Kind:
    """A rule type: its own keys, its scopes, and how to build a run function."""

    name: str
    keys: frozenset[str]
    required: tuple[str, ...]
    scopes: tuple[str, ...]
    default_scope: str
    build: Callable[[RuleFile, Header], Built]


def read_header(rule: RuleFile, kind: Kind) -> Header:
    rule_id = rule.string("id")
    if not ID_PATTERN.fullmatch(rule_id):
        raise rule.error("id", f"'id' must look like FL123, not {rule_id!r}", at_value=True)
    name = rule.string("name")
    if not NAME_PATTERN.fullmatch(name):
        raise rule.error("name", f"'name' must be kebab-case, not {name!r}", at_value=True)
    category = rule.choice("category", CATEGORIES)
    severity = Severity.parse(rule.choice("severity", ("error", "warning", "info"), "warning"))
    scope = rule.choice("scope", kind.scopes, kind.default_scope)
    message = rule.string("message")
    summary = rule.string("summary")
    if not summary.strip():
        raise rule.error("summary", "'summary' must not be empty", at_value=True)
    fail, passing = read_examples(rule)
    return Header(
        id=rule_id,
        name=name,
        category=category,
        kind=kind.name,
        severity=severity,
        scope=scope,
        message=message,
        summary=" ".join(summary.split()),
        rationale=rule.string("rationale", "").strip(),
        ignore_case=rule.boolean("ignore_case", False),
        skip_quotes=rule.boolean("skip_quotes", False),
        default_enabled=rule.boolean("default_enabled", True),
        link=rule.string("link", "").strip(),
        examples_fail=fail,
        examples_pass=passing,
        id_line=rule.values["id"].line,
    )


def read_examples(rule: RuleFile) -> tuple[tuple[str, ...], tuple[str, ...]]:
    value = rule.values["examples"]
    if value.kind != "mapping":
        raise RuleLoadError(rule.path, value.line, "'examples' must map 'fail' and 'pass' to lists")
    found: dict[str, tuple[str, ...]] = {}
    for key, items in value.pairs:
        if key.scalar not in ("fail", "pass"):
            raise RuleLoadError(
                rule.path, key.line, f"unknown key {key.text!r} in 'examples' (fail, pass)"
            )
        if key.scalar in found:
            raise RuleLoadError(rule.path, key.line, f"duplicate key {key.text!r} in 'examples'")
        what = f"examples.{key.scalar}"
        found[key.scalar] = tuple(
            as_string(v, rule.path, what) for v in as_list(items, rule.path, what)
        )
    for side in ("fail", "pass"):
        if side not in found:
            raise RuleLoadError(rule.path, value.line, f"'examples' needs a '{side}' list")
    return found["fail"], found["pass"]


# --- messages ---------------------------------------------------------------------------


def check_message(rule: RuleFile, message: str, fields: Iterable[str]) -> None:
    """Reject a message template naming a field this rule cannot fill."""
    allowed = set(fields)
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise rule.error("message", f"bad message template: {exc}", at_value=True) from None
    for _literal, field, _spec, _conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier():
            raise rule.error(
                "message",
                f"message fields must be names like {{match}}, not {{{field}}}",
                at_value=True,
            )
        if field not in allowed:
            known = ", ".join(f"{{{f}}}" for f in sorted(allowed))
            raise rule.error(
                "message",
                f"unknown message field {{{field}}} (this rule has {known})",
                at_value=True,
            )
    try:
        message.format_map(dict.fromkeys(allowed, "x"))
    except (ValueError, TypeError) as exc:
        raise rule.error("message", f"bad message template: {exc}", at_value=True) from None


def group_names(*rxs: Rx) -> set[str]:
    return {name for rx in rxs for name in rx.pattern.groupindex}


def format_message(template: str, m: regex.Match[str], **fields: str) -> str:
    values = {name: value or "" for name, value in m.groupdict().items()}
    values.update(fields)
    values.setdefault("match", " ".join(m.group().split()))
    return template.format_map(values)


# --- units, quotes and keys ---------------------------------------------------------------


def units(analysis: Analysis, scope: str) -> tuple[Span, ...]:
    """The text units a rule is evaluated in."""
    if scope == "sentence":
        return analysis.sentences
    if scope == "paragraph":
        return analysis.paragraphs
    doc = analysis.doc
    return (Span(doc.body_start, len(doc.prose)),)


def in_quotes(quotes: Sequence[Span], start: int) -> bool:
    return any(q.start < start < q.end for q in quotes)


def finding_key(analysis: Analysis, span: Span, *parts: str) -> str:
    """The matched text and its sentence, normalised: stable under edits elsewhere."""
    doc = analysis.doc
    sentence = next((s for s in analysis.sentences if s.contains(span)), span)
    context = " ".join(doc.text[sentence.start : sentence.end].lower().split())
    return "|".join([*(" ".join(p.lower().split()) for p in parts), context])


def matches_in(
    budget: Budget, rx: Rx, prose: str, unit: Span
) -> Iterator[tuple[Span, regex.Match[str]]]:
    """Matches of `rx` inside one unit (the unit is its own string: `^`/`$` are its edges)."""
    if rx.required and not budget.holds(rx.required, prose):
        return  # no match can be in a piece of a text that lacks what every match holds
    for m in budget.finditer(rx, prose[unit.start : unit.end]):
        yield Span(unit.start + m.start(), unit.start + m.end()), m
