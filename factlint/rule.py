"""The rule API: a check is metadata plus a pure function over analysed documents.

A Python rule module (built-in, from the `factlint.rules` entry point, or a local
file the config names) defines:

    RULES = (RuleMeta(id="FL501", name="duplicate-paragraph", ...), ...)
    SCOPE = "document"              # or "corpus"
    OPTIONS = {"threshold": float}  # optional: option name -> type (or a tuple of the
                                    # values it may take), checked against the config
    DEFAULTS = {"threshold": 92.0}  # optional
    READS = ("quantities", "published")  # optional, corpus scope: the Analysis
                                         # properties check() reads (default: all claims)
    LINKS = links_of                     # optional, corpus scope: Analysis -> Links, the
                                         # keys its pairs are formed by (factlint.links)

    def check(analysis: Analysis, ctx: Context) -> Iterable[Finding]      # document scope
    def check(corpus: Sequence[Analysis], ctx: Context) -> Iterable[Finding]  # corpus scope

One module may report several related rules (one pass, several ids); the engine runs
it when any of them is selected and drops findings of the others. Checks never read
files or the environment: options and the ledger arrive in `ctx`. A finding the check
is less sure of than the rule's usual case (`ctx.finding(..., sure=False)`) is reported
one severity lower than the rule's, after the config's overrides.

A corpus check's READS names what the workers compute, ship and cache for it; a
property it reads without naming is still computed, in the parent, at a cost. With
LINKS, a run that reports only some articles gives the check those and the articles
sharing a key with them, and `ctx.totals` counts the keys over the whole run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from factlint.errors import RuleLoadError
from factlint.model import Finding, Fix, Related, RuleMeta, Severity, Span

if TYPE_CHECKING:
    from factlint.analysis import Analysis
    from factlint.document import Document
    from factlint.ledger import Ledger
    from factlint.links import Links, Totals


@dataclass(frozen=True)
class Check:
    """A loaded rule module: its rules, scope, check function, options and what it reads."""

    rules: tuple[RuleMeta, ...]
    scope: str
    run: Callable[..., Iterable[Finding]]
    options: Mapping[str, Any] = field(default_factory=dict)  # a type or its values
    defaults: Mapping[str, Any] = field(default_factory=dict)
    # What a corpus check reads from each Analysis (None: every claim; see READS).
    reads: tuple[str, ...] | None = None
    # A corpus check's keys for one article (see LINKS), or None.
    links: Callable[[Analysis], Links] | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


def less_sure(severity: Severity) -> Severity:
    """The severity one step below `severity` (info stays info)."""
    return Severity(max(Severity.INFO, severity - 1))


@dataclass(frozen=True)
class Context:
    """What a check may use. `rules` carries severities after config overrides."""

    rules: Mapping[str, RuleMeta]
    options: Mapping[str, Any] = field(default_factory=dict)
    ledger: Ledger | None = None
    # The rules selected for this run (None: all), for checks that report several
    # rules and must not let a deselected one absorb another's evidence.
    enabled: frozenset[str] | None = None
    # A corpus check's articles being reported, by position in the corpus (None: all).
    # Findings on the others are dropped, so a check may skip comparisons that touch
    # none of these: a pre-commit hook reports one article against a whole archive.
    reported: frozenset[int] | None = None
    # Given with `reported` to a check that has LINKS, run on part of the corpus: how
    # many items of the whole run have each of its counted keys.
    totals: Totals | None = None
    # Seconds of matching a YAML rule's regexes may take per 100,000 characters of an
    # article (the config's `regex-timeout`).
    regex_timeout: float = 1.0

    def is_enabled(self, rule_id: str) -> bool:
        return self.enabled is None or rule_id in self.enabled

    def concerns(self, *docs: int) -> bool:
        """Whether a finding on, or a comparison between, these articles is reported."""
        return self.reported is None or any(d in self.reported for d in docs)

    def finding(
        self,
        rule_id: str,
        doc: Document,
        span: Span,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        key: str = "",
        sure: bool = True,
    ) -> Finding:
        """A finding at the rule's severity; one step lower when the check is less `sure`
        of it than of the rule's usual case (an error becomes a warning)."""
        meta = self.rules[rule_id]
        return Finding(
            rule_id=meta.id,
            rule_name=meta.name,
            category=meta.category,
            severity=meta.severity if sure else less_sure(meta.severity),
            message=message,
            location=doc.location(span),
            span=span,
            related=tuple(related),
            fix=fix,
            key=key,
        )

    @staticmethod
    def related(doc: Document, span: Span, message: str) -> Related:
        return Related(doc.location(span), message)

    @staticmethod
    def clip(text: str, limit: int = 90) -> str:
        """A passage quoted in a message: spaces collapsed, cut at `limit` with "…"."""
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def with_options(self, options: Mapping[str, Any]) -> Context:
        return replace(self, options=options)


def check_from_module(module: ModuleType, source: str) -> Check:
    """Validate a rule module's declarations and wrap it as a Check."""
    rules = getattr(module, "RULES", None)
    run = getattr(module, "check", None)
    scope = getattr(module, "SCOPE", "document")
    if not rules or not all(isinstance(r, RuleMeta) for r in rules):
        raise RuleLoadError(source, None, "a rule module needs RULES, a tuple of RuleMeta")
    if not callable(run):
        raise RuleLoadError(source, None, "a rule module needs a check() function")
    if scope not in ("document", "corpus"):
        raise RuleLoadError(source, None, f"SCOPE must be 'document' or 'corpus', not {scope!r}")
    reads = getattr(module, "READS", None)
    if reads is not None:
        from factlint.analysis import Analysis

        if not isinstance(reads, tuple) or not all(
            isinstance(r, str) and not r.startswith("_") and hasattr(Analysis, r) for r in reads
        ):
            raise RuleLoadError(source, None, "READS must be a tuple of Analysis property names")
    links = getattr(module, "LINKS", None)
    if links is not None and not callable(links):
        raise RuleLoadError(source, None, "LINKS must be a function of one Analysis")
    return Check(
        rules=tuple(rules),
        scope=scope,
        run=run,
        options=getattr(module, "OPTIONS", {}),
        defaults=getattr(module, "DEFAULTS", {}),
        reads=reads,
        links=links,
    )
