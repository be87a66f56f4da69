"""Read, parse, run the document rules and extract claims, over worker processes.

`analyse(items, ...)` turns the files of a run into analysed documents plus their raw
document-rule findings. Chunks of files go to a `ProcessPoolExecutor` (fork start
method: the workers inherit the loaded checks, whose YAML closures cannot be pickled);
each worker returns its Documents, findings and the claims the corpus rules need, and
the parent pre-populates each `Analysis` with them, so corpus rules never re-extract.
Small runs stay in-process: starting workers costs more than they save.

A corpus rule's own per-article work (an index key, an event signature) can move to
the workers too: decorate a pure function of one Analysis with `@per_document(ids)`
and it is computed in the workers, kept in the cache with the file, and answered from
there when the corpus rule calls it in the parent.

Results are collected in file order and the engine sorts findings, so the output is
the same whatever the number of jobs. A cache (factlint.cache) answers for unchanged
files before any work is sent out.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from factlint import startup_store
from factlint.analysis import Analysis, DeferredAnalysis
from factlint.config import Config
from factlint.document import Document
from factlint.engine import Plan, Reader, document_findings, finish
from factlint.model import FileError, Finding
from factlint.rule import Check, Context

if TYPE_CHECKING:
    from factlint.cache import ClaimRows, Packed

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

# Below this many files to analyse, worker start-up costs more than it saves.
MIN_PARALLEL = 20
# Files per task: small enough to balance the workers, large enough to amortise pickling.
CHUNK = 32
# What a corpus check that does not say what it reads (Check.reads) gets from the workers.
EXTRACTS = ("blocks", "paragraphs", "sentences", "quantities", "dates", "published", "attributions")


@dataclass(frozen=True, slots=True)
class PerDocument:
    """A memoised per-article function and the corpus rules it serves."""

    key: str  # where the value is kept in the Analysis instance dict
    function: Callable[..., Any]  # the memoising wrapper: (analysis) or (analysis, ctx)
    rule_ids: frozenset[str]
    with_context: bool = False


PER_DOCUMENT: dict[str, PerDocument] = {}


def per_document(*rule_ids: str, with_context: bool = False) -> Callable[[F], F]:
    """Memoise a pure function of one Analysis, and compute it in the workers when one of
    the corpus rules `rule_ids` runs.

    The function must depend on the Analysis only and return a picklable value: it is
    computed where the article is analysed, shipped to the parent with the claims and
    stored in the cache with the file. With `with_context` it also takes the Context of
    the check serving `rule_ids` (its options, the ledger): the cache key covers both.

        @per_document("FL201")
        def event_claims(analysis: Analysis) -> tuple[EventClaim, ...]: ...
    """

    def decorate(function: F) -> F:
        key = claim_name(function)

        @functools.wraps(function)
        def memo(analysis: Analysis, *ctx: Any) -> Any:
            store = analysis.__dict__
            if key in store:
                return store[key]
            value = store[key] = function(analysis, *ctx)
            return value

        PER_DOCUMENT[key] = PerDocument(key, memo, frozenset(rule_ids), with_context)
        return memo  # type: ignore[return-value]

    return decorate


def claim_name(function: Callable[..., Any]) -> str:
    """The name a `per_document` function's value is kept under (in the Analysis, the
    cache and the groups)."""
    return f"{function.__module__}.{function.__qualname__}"


def _corpus_reads(p: Plan) -> list[tuple[Check, tuple[str, ...]]]:
    """Each active corpus check and what it reads: claims and its own per-article values."""
    corpus = [c for c in p.checks if c.scope == "corpus" and p.enabled.intersection(c.ids)]
    corpus_ids = {i for c in corpus for i in c.ids if i in p.enabled}
    out = []
    for check in corpus:
        reads = EXTRACTS if check.reads is None else check.reads
        mine = corpus_ids.intersection(check.ids)
        own = (k for k, d in sorted(PER_DOCUMENT.items()) if d.rule_ids & mine)
        out.append((check, (*reads, *own)))
    return out


def claim_groups(p: Plan) -> dict[str, str]:
    """What only one active corpus check reads -> that check's group (its first rule id).

    The cache keeps each group apart from its file's row, and the process that runs the
    check loads it (`Pending`): whatever two checks share stays with the file."""
    readers: dict[str, set[str]] = {}
    links: dict[str, str] = {}  # a check's keys are loaded before, and apart from, its claims
    for check, reads in _corpus_reads(p):
        for name in reads:
            readers.setdefault(name, set()).add(group_of(check))
        if check.links is not None:
            links[claim_name(check.links)] = links_group(check)
    return {name: links.get(name, group) for name, (group, *more) in readers.items() if not more}


def group_of(check: Check) -> str:
    """The name of the group of claims only this check reads."""
    return check.ids[0]


LINKS_SUFFIX = " links"


def links_group(check: Check) -> str:
    """The name of the group that holds a check's keys (factlint.links)."""
    return group_of(check) + LINKS_SUFFIX


@dataclass(slots=True)
class Pending:
    """Cache hits whose groups of claims are still in the cache: position in the run's
    analyses -> the row keeping them. A corpus check loads its group (`load`) in the
    process that runs it, and lets it go after (`release`)."""

    rows: ClaimRows
    groups: Mapping[str, str]  # claim name -> group, as stored (claim_groups)
    at: dict[int, str] = field(default_factory=dict)
    # Position -> the groups that came pickled with the file's row (its checks' keys).
    held: dict[int, Mapping[str, bytes]] = field(default_factory=dict)

    def load(
        self, analyses: Sequence[Analysis], group: str, only: Iterable[int] | None = None
    ) -> None:
        """Put `group`'s claims back into the analyses that kept them apart (of those
        at the positions `only`, if given)."""
        at = self._at(only)
        if group.endswith(LINKS_SUFFIX):  # a check's keys: they came with the rows
            self._unpickle_held(analyses, group, at)
            return
        for position in at:  # what the check reads beyond its keys: the claims kept
            if isinstance(stored := analyses[position], DeferredAnalysis):
                stored.load()
        if not at or group not in self.groups.values():
            return
        found = self.rows.read(sorted(set(at.values())), group)
        for position, row in at.items():
            claims = found.get(row)
            if claims:
                analyses[position].__dict__.update(claims)

    def release(
        self, analyses: Sequence[Analysis], group: str, only: Iterable[int] | None = None
    ) -> None:
        """Drop `group`'s claims again: no other check reads them."""
        names = [name for name, g in self.groups.items() if g == group]
        for position in self._at(only):
            store = analyses[position].__dict__
            for name in names:
                store.pop(name, None)

    def _unpickle_held(self, analyses: Sequence[Analysis], group: str, at: Iterable[int]) -> None:
        """Put the keys that came with the rows back (none when the rows were read
        without them: a run that reports every article does not link)."""
        import pickle

        for position in at:
            blob = self.held.get(position, {}).get(group)
            if blob is not None:
                with contextlib.suppress(Exception):  # damaged: worked out again
                    analyses[position].__dict__.update(pickle.loads(blob))

    def _at(self, only: Iterable[int] | None) -> Mapping[int, str]:
        if only is None:
            return self.at
        return {n: self.at[n] for n in only if n in self.at}


def wanted_extracts(p: Plan) -> tuple[str, ...]:
    """What the active corpus rules read from each Analysis: claims and their own keys.

    Only these are shipped to the parent and cached: the less, the less memory a large
    run holds and the faster a re-run reads its cache.
    """
    names = {name for _, reads in _corpus_reads(p) for name in reads}
    own = sorted(name for name in names if name in PER_DOCUMENT)
    return (*sorted(names.difference(own)), *own)


@dataclass(frozen=True, slots=True)
class Item:
    """One file of a run: its name, whether findings on it are reported, its bytes if known."""

    name: str
    reported: bool
    data: bytes | None = None
    keyed: bool = False  # a miss the cache keeps: a worker packs it (cache.pack)


@dataclass(slots=True)
class Outcome:
    """What reading and analysing one file produced (picklable, sent back by workers)."""

    name: str
    doc: Document | None
    extracted: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    read_errors: list[FileError] = field(default_factory=list)
    rule_errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # The findings are final (filtered and suppressed) and the document was dropped:
    # no corpus rule runs, so nothing else needs it.
    final: bool = False
    # From the cache: the row that keeps this file's groups of claims apart (see
    # `claim_groups`); they are read where their corpus check runs.
    apart_row: str | None = None
    # From the cache: the claims kept with the document and the document itself, still
    # pickled (see DeferredAnalysis), and its path (`doc` and `extracted` are then empty).
    packed: bytes | None = None
    stored_path: str | None = None
    # From the cache: the checks' keys, each group pickled (see Cache.add).
    held: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def path(self) -> str | None:
        """The document's path; None when the file gave no document to keep."""
        return self.doc.path if self.doc is not None else self.stored_path

    def analysis(self, deferred: bool = False) -> Analysis:
        """The Analysis with every property the worker computed already in place;
        `deferred`: a cache hit's stays pickled until read (see DeferredAnalysis)."""
        if self.packed is not None:
            assert self.stored_path is not None
            stored = DeferredAnalysis(self.stored_path, self.packed)
            if not deferred:
                stored.load()
            return stored
        assert self.doc is not None
        analysis = Analysis(self.doc)
        # cached_property stores in the instance dict: pre-filling it skips re-extraction.
        analysis.__dict__.update(self.extracted)
        return analysis


@dataclass(slots=True)
class Batch:
    """Every analysed document of a run, in file order, with what was found on the way."""

    analyses: list[Analysis] = field(default_factory=list)
    reported: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)  # raw, from document rules
    final_findings: list[Finding] = field(default_factory=list)  # filtered and suppressed
    read_errors: list[FileError] = field(default_factory=list)
    rule_errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    pending: Pending | None = None  # cache hits' claims still in the cache


@dataclass(frozen=True)
class State:
    """What every worker needs; inherited through fork, never pickled."""

    config: Config
    plan: Plan
    contexts: Mapping[int, Context]
    metadata: Mapping[Path, dict[str, Any]]
    prefetch: bool  # a corpus check is active: extract its claims in the worker
    keep_all: bool  # in-process: keep every computed property (nothing is pickled)
    wanted: tuple[str, ...] = ()  # what to compute and ship for the corpus rules
    # With a cache: the claims' groups (claim_groups), and whether a file read back
    # holds its checks' keys. Workers pack keyed items for it.
    groups: Mapping[str, str] | None = None
    links: bool = False

    @property
    def finish_here(self) -> bool:
        """No corpus rule: each file's findings are final where it is analysed."""
        return not self.prefetch


_STATE: State | None = None

# Frozen slotted dataclasses that cross process boundaries and the cache by the
# thousand. The default pickling of a slotted dataclass calls dataclasses.fields() per
# object; rebuilding through the constructor is several times faster. Module -> names.
_COMPACT = {
    "factlint.model": ("Span", "Location", "Related", "Fix", "Finding", "FileError"),
    "factlint.claims": ("Subject", "Quantity", "DateMention", "Person", "Quote", "QuoteProblem"),
    "factlint.blocks": ("Block",),
    "factlint.extract.attribution": ("Attributions",),
    # per_document values of the built-in corpus rules
    "factlint.checks.numbers": ("Figure", "_OwnSentence"),
    "factlint.checks.attributions": ("_Unit", "_Quotes"),
    "factlint.checks._events": ("EventSig",),
    "factlint.checks.ledger_figures": ("LedgerHit",),
    "factlint.ledger": ("Source", "Fact"),
}
_registered: set[type] = set()


def register_pickling() -> None:
    """Compact pickling for the loaded claim and finding types (idempotent, cheap)."""
    import copyreg

    for module_name, names in _COMPACT.items():
        module = sys.modules.get(module_name)
        for name in names:
            cls = getattr(module, name, None)
            if cls is None or cls in _registered:
                continue
            _registered.add(cls)
            # Only slotted classes whose every field is a constructor argument can be
            # rebuilt so (`_builder` sets their slots).
            if all(f.init for f in dataclasses.fields(cls)) and "__slots__" in vars(cls):
                fields = tuple(f.name for f in dataclasses.fields(cls))
                # Findings are few and not kept long: only claims (and their spans,
                # half a million at 10,000 articles) share their words and numbers.
                share = module_name != "factlint.model" or name == "Span"
                copyreg.pickle(cls, _field_reducer(fields, share=share))


def _field_reducer(fields: tuple[str, ...], *, share: bool) -> Any:
    def reduce(obj: Any) -> tuple[Any, tuple[Any, ...]]:
        values = tuple(getattr(obj, name) for name in fields)
        if share:
            sets = tuple(i for i, v in enumerate(values) if type(v) is frozenset)
            words = tuple(i for i, v in enumerate(values) if type(v) is str)
            numbers = tuple(i for i, v in enumerate(values) if _shareable_number(v))
            if sets or words or numbers:
                where = _POSITIONS.setdefault((sets, words, numbers), (sets, words, numbers))
                return _rebuild, (type(obj), values, where)
        return type(obj), values  # nothing to share (a finding)

    return reduce


def _shareable_number(value: Any) -> bool:
    """An int Python does not already share, or a float that is not 0 (-0.0 == 0.0) or NaN."""
    kind = type(value)
    if kind is int:
        return not -5 <= value <= 256
    return kind is float and value == value and value != 0.0


# One object for each distinct frozenset of words the claims hold. Figures alone hold
# eight small sets each, 40% of them empty, over a few thousand distinct words; quotes
# and sentences of wire copy repeat across articles. Sharing the sets and the strings
# more than halves what the parent keeps per article. Offsets and values repeat too:
# a million ints at 10,000 articles, a few thousand of them distinct.
_SETS: dict[frozenset[str], frozenset[str]] = {}
_INTS: dict[int, int] = {}
_FLOATS: dict[float, float] = {}  # apart: 1 == 1.0
# Where a class's sets, strings and numbers are among its fields, one tuple per pattern.
_POSITIONS: dict[tuple[tuple[int, ...], ...], tuple[Any, ...]] = {}


def _rebuild(cls: type, values: tuple[Any, ...], where: tuple[Any, ...]) -> Any:
    """An unpickled claim whose sets of words, strings and numbers are shared with
    equal ones."""
    build = _BUILDERS.get((cls, where))
    if build is None:
        build = _BUILDERS[cls, where] = _builder(cls, where)
    return build(values)


# (class, positions) -> a function of the pickled field values that rebuilds one object.
_BUILDERS: dict[tuple[type, tuple[Any, ...]], Callable[[tuple[Any, ...]], Any]] = {}


def _builder(cls: type, where: tuple[Any, ...]) -> Callable[[tuple[Any, ...]], Any]:
    """A function that rebuilds a `cls` from its field values, sharing what `where` names.

    A frozen dataclass's __init__ sets each field through object.__setattr__, which is
    half the cost of loading claims from the cache: the function sets the slots
    directly, one line per field, written out the way `dataclasses` writes __init__
    (18% less time loading 10,000 articles' figures). __post_init__ is not run again:
    it checked these values when they were first built.
    """
    sets, words, numbers = where
    names = [f.name for f in dataclasses.fields(cls)]
    scope: dict[str, Any] = {"cls": cls, "new": object.__new__, "share_set": _shared_set}
    scope |= {"intern": sys.intern, "share_number": _shared_number}
    lines = ["def build(values):", "    obj = new(cls)"]
    for i, name in enumerate(names):
        scope[f"set_{i}"] = getattr(cls, name).__set__  # the slot's member descriptor
        value = f"values[{i}]"
        if i in sets:
            value = f"share_set({value})"
        elif i in words:
            value = f"intern({value})"
        elif i in numbers:
            value = f"share_number({value})"
        lines.append(f"    set_{i}(obj, {value})")
    lines.append("    return obj")
    exec("\n".join(lines), scope)
    return scope["build"]  # type: ignore[no-any-return]


def _shared_number(value: int | float) -> int | float:
    return (_INTS if type(value) is int else _FLOATS).setdefault(value, value)


def _shared_set(value: frozenset[Any]) -> frozenset[Any]:
    found = _SETS.get(value)
    if found is None:
        found = frozenset(sys.intern(v) if type(v) is str else v for v in value)
        _SETS[found] = found
    return found


def analyse_item(item: Item, state: State) -> Outcome:
    """Read one file, run the document rules on it and extract what corpus rules need."""
    reader = Reader(state.config)
    reader.metadata = dict(state.metadata)  # read once by the parent; no duplicate errors
    doc = reader.read(item.name, item.data)
    if doc is None or (state.finish_here and not item.reported):
        return Outcome(item.name, None, read_errors=reader.errors, notices=reader.notices)
    analysis = Analysis(doc)
    rule_errors: list[FileError] = []
    findings = (
        document_findings(analysis, state.plan, state.contexts, rule_errors)
        if item.reported
        else []
    )
    if state.finish_here:
        # Memory stays flat and the cache stores only what the report needs.
        final = finish([analysis], {doc.path}, findings, state.plan, state.config)
        return Outcome(
            item.name,
            None,
            findings=final,
            read_errors=reader.errors,
            rule_errors=rule_errors,
            notices=reader.notices,
            final=True,
        )
    for name in state.wanted:
        try:
            if name in PER_DOCUMENT:
                own = PER_DOCUMENT[name]
                own.function(analysis, *(_context_of(own, state) if own.with_context else ()))
            else:
                getattr(analysis, name)
        except Exception:  # an extractor not written yet, or failing: the rule reports it
            continue
    computed = {k: v for k, v in analysis.__dict__.items() if k != "doc"}
    if not state.keep_all:
        computed = {k: v for k, v in computed.items() if k in state.wanted}
    return Outcome(
        item.name,
        doc,
        extracted=computed,
        findings=findings,
        read_errors=reader.errors,
        rule_errors=rule_errors,
        notices=reader.notices,
    )


def _context_of(own: PerDocument, state: State) -> list[Context]:
    """The Context of the check that serves a per-document function's rules."""
    for check in state.plan.checks:
        if own.rule_ids.intersection(check.ids):
            return [state.contexts[id(check)]]
    return []


def _analyse_chunk(chunk: Sequence[Item]) -> tuple[list[Outcome | Packed], dict[Any, Any]]:
    """Worker entry point: the state came with the fork. Returns the outcomes (packed
    for the cache where it keeps them) and what the worker added to the start-up store
    (patterns, values), for the parent to keep."""
    assert _STATE is not None, "worker started without state"
    register_pickling()  # before the results are pickled, for the cache or the parent
    return [_for_parent(item, _STATE) for item in chunk], startup_store.take_new()


def _for_parent(item: Item, state: State) -> Outcome | Packed:
    outcome = analyse_item(item, state)
    if state.groups is None or not item.keyed:
        return outcome
    from factlint.cache import pack

    return pack(_for_cache(outcome, state.wanted), state.groups, state.links) or outcome


def _chunks(pairs: Iterator[tuple[int, Item]], size: int) -> Iterator[list[tuple[int, Item]]]:
    chunk: list[tuple[int, Item]] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_jobs() -> int:
    return os.cpu_count() or 1


# Workers per core, at most: more only wait for a core, each a forked copy of the run.
MAX_WORKERS_PER_CORE = 4


def worker_count(jobs: int) -> int:
    """The processes `--jobs` asks for, within reason: `--jobs 100000` once forked a
    hundred thousand (a run that never ended)."""
    return max(1, min(jobs, MAX_WORKERS_PER_CORE * default_jobs()))


def _fork_context() -> Any:
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: run in-process
        return None


def analyse(
    items: Sequence[Item],
    config: Config,
    p: Plan,
    contexts: Mapping[int, Context],
    *,
    jobs: int = 1,
    cache: Any = None,
    reader: Reader | None = None,
    keys: Sequence[str | None] | None = None,
) -> Batch:
    """Analyse every item, from the cache where possible, in `jobs` processes otherwise.

    `reader` has read the folders' metadata and `keys` are the items' cache keys, when
    the caller has worked them out already.
    """
    _SETS.clear()  # shared within one run; a library caller's earlier runs are let go
    _INTS.clear()
    _FLOATS.clear()
    meta_reader = reader or folder_metadata(items, config)
    prefetch = any(c.scope == "corpus" for c in p.checks)
    wanted = wanted_extracts(p) if prefetch else ()
    apart = claim_groups(p) if prefetch else {}
    metadata = dict(meta_reader.metadata)
    outcomes: list[Outcome | None] = [None] * len(items)
    new_keys: dict[int, str] = {}
    # The checks' keys serve only a run that reports some articles: when every article
    # is reported they are worked out for the cache alone, and let go once it has them
    # (10,000 articles' keys are ~25 MB), and hits are read without them.
    every = all(item.reported for item in items)
    links = prefetch and not every

    def misses() -> Iterator[tuple[int, Item]]:
        """Items the cache cannot answer, read lazily so few file contents are held at once."""
        if cache is None:
            yield from enumerate(items)
            return
        for index, item, key, hit in cache.lookup(items, metadata, keys, links=links):
            if hit is not None:
                outcomes[index] = hit
                continue
            if key is not None:
                new_keys[index] = key
                item = dataclasses.replace(item, keyed=True)
            yield index, item

    unused_links: list[str] = []
    if every:
        unused_links = [claim_name(c.links) for c in p.checks if c.links is not None]
        if cache is None:
            wanted = tuple(name for name in wanted if name not in unused_links)
    groups = apart if cache is not None else None
    state = State(
        config,
        p,
        contexts,
        metadata,
        prefetch,
        keep_all=True,
        wanted=wanted,
        groups=groups,
        links=links,
    )
    for index, done in _run(misses(), state, jobs):
        # A file the cache keeps is held as a hit is, its claims read back where each
        # check runs: holding 10,000 articles' claims at once made the run's peak.
        if isinstance(done, Outcome):
            outcome = done
            if cache is not None and index in new_keys:
                stored = cache.add(new_keys[index], _for_cache(done, wanted), apart, links)
                outcome = stored or done
        else:
            outcome = cache.keep(new_keys[index], done)
        outcomes[index] = outcome
        for name in unused_links:
            outcome.extracted.pop(name, None)
    if cache is not None:
        cache.flush()

    batch = Batch(read_errors=list(meta_reader.errors))
    pending = Pending(cache.claim_rows(), apart) if cache is not None and apart else None
    for item, outcome in zip(items, outcomes, strict=True):
        assert outcome is not None
        batch.read_errors += outcome.read_errors
        batch.rule_errors += outcome.rule_errors
        batch.notices += outcome.notices
        if outcome.final:
            batch.final_findings += outcome.findings
            if item.reported:
                batch.reported.add(outcome.name)
            continue
        path = outcome.path
        if path is None:
            continue
        # A hit whose claims are partly kept apart is loaded where its checks run.
        apart = pending is not None and outcome.apart_row is not None
        if apart:
            pending.at[len(batch.analyses)] = outcome.apart_row
            if outcome.held:
                pending.held[len(batch.analyses)] = outcome.held
        batch.analyses.append(outcome.analysis(deferred=apart))
        batch.findings += outcome.findings
        if item.reported:
            batch.reported.add(path)
    if pending is not None and pending.at:
        batch.pending = pending
    return batch


# What `side_by_side` shares with its forked workers: the tasks (closures over a corpus
# of claims: never pickled) and a counter of the next task to take.
_TASKS: Sequence[Callable[[], Any]] = ()
_NEXT: Any = None


def side_by_side(tasks: Sequence[Callable[[], T]], jobs: int) -> list[T] | None:
    """Each task's result, in order, the tasks shared between this process and up to
    `jobs` - 1 forked workers.

    The corpus checks each index every article's claims, which this process holds: a
    forked worker reads them where they are, and only its findings come back. Each
    worker copies the pages it touches, so this process works too, and fewer workers
    keep memory down. Whoever is free takes the next task. None when this platform
    cannot fork or a worker failed (killed, out of memory, a result that does not
    pickle): the caller then runs the tasks itself.
    """
    global _TASKS, _NEXT
    context = _fork_context()
    if context is None or jobs < 2 or len(tasks) < 2:
        return None
    from concurrent.futures import ProcessPoolExecutor

    try:
        counter = context.Value("i", 0)
    except OSError:  # no shared memory for its lock (a sandbox without /dev/shm)
        return None
    _TASKS, _NEXT = tasks, counter
    try:
        workers = min(worker_count(jobs) - 1, len(tasks) - 1)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_work_in_worker) for _ in range(workers)]
            done = _take_tasks()
            for future in futures:
                theirs, learnt = future.result()
                done.update(theirs)
                startup_store.merge(learnt)
    except Exception:  # a worker died, or its result did not pickle: running here is
        return None  # the same work (and a task that fails here fails there again)
    finally:
        _TASKS, _NEXT = (), None
    return [done[i] for i in range(len(tasks))]


def _take_tasks() -> dict[int, Any]:
    """Run the next task not taken yet, until none is left: {task index: result}."""
    done = {}
    while True:
        with _NEXT.get_lock():
            index = _NEXT.value
            _NEXT.value = index + 1
        if index >= len(_TASKS):
            return done
        done[index] = _TASKS[index]()


def _work_in_worker() -> tuple[dict[int, Any], dict[Any, Any]]:
    """Worker entry point of `side_by_side`: its results, and what its tasks added to
    the start-up store (patterns compiled on the way), for the parent to keep."""
    done = _take_tasks()
    register_pickling()  # before the results are pickled back to the parent
    return done, startup_store.take_new()


def folder_metadata(items: Sequence[Item], config: Config) -> Reader:
    """A reader that has read the metadata file of every folder the items are in."""
    reader = Reader(config)
    for folder in dict.fromkeys(os.path.dirname(item.name) or "." for item in items):
        reader.folder_metadata(Path(folder))
    return reader


def _for_cache(outcome: Outcome, wanted: tuple[str, ...]) -> Outcome:
    """Only what a later run needs: what the corpus rules read, when any corpus rule runs."""
    kept = {k: v for k, v in outcome.extracted.items() if k in wanted}
    return dataclasses.replace(outcome, extracted=kept)


def _run(
    todo: Iterator[tuple[int, Item]], state: State, jobs: int
) -> Iterator[tuple[int, Outcome | Packed]]:
    """(index, outcome) for every item, in order; a pool only once enough work is waiting."""
    first = list(itertools.islice(todo, MIN_PARALLEL)) if jobs > 1 else []
    # (multiprocessing is imported only then: ~8 ms a one-article run need not pay)
    if len(first) < MIN_PARALLEL or _fork_context() is None:
        for index, item in [*first, *todo]:
            yield index, analyse_item(item, state)
        return
    yield from _pooled(
        itertools.chain(first, todo), dataclasses.replace(state, keep_all=False), jobs
    )


def _pooled(
    todo: Iterator[tuple[int, Item]], state: State, jobs: int
) -> Iterator[tuple[int, Outcome | Packed]]:
    """Chunks in flight on `jobs` forked workers, a bounded number at a time, in order.

    A worker that dies (killed, out of memory) breaks the pool: what was not collected
    yet is analysed in this process instead, so the run still completes.
    """
    global _STATE
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    jobs = worker_count(jobs)
    Chunk = list[tuple[int, Item]]
    in_flight: deque[tuple[Chunk, Future[tuple[list[Outcome | Packed], dict[Any, Any]]]]] = deque()
    pending: Chunk = []  # a chunk taken from `todo` but not in flight yet
    _STATE = state
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_fork_context()) as pool:
            for chunk in _chunks(todo, CHUNK):
                pending = chunk
                in_flight.append((chunk, pool.submit(_analyse_chunk, [i for _, i in chunk])))
                pending = []
                while len(in_flight) >= jobs * 3 or (in_flight and in_flight[0][1].done()):
                    done, future = in_flight[0]
                    outcomes, learnt = future.result()
                    in_flight.popleft()
                    startup_store.merge(learnt)
                    yield from zip((index for index, _ in done), outcomes, strict=True)
            while in_flight:
                done, future = in_flight[0]
                outcomes, learnt = future.result()
                in_flight.popleft()
                startup_store.merge(learnt)
                yield from zip((index for index, _ in done), outcomes, strict=True)
    except BrokenProcessPool:
        left = [pair for chunk, _ in in_flight for pair in chunk]
        for index, item in itertools.chain(left, pending, todo):
            yield index, analyse_item(item, dataclasses.replace(state, keep_all=True))
    finally:
        _STATE = None
