"""YAML rule types: each module defines one `Kind` (its keys, scopes and builder).

A rule's regexes share a time budget per article (`factlint.kinds.base.Budget`): the
config's `regex-timeout` seconds for every 100,000 characters.
"""

from __future__ import annotations

from factlint.kinds import conditional, consistency, pattern, substitution
from factlint.kinds.base import Kind, RuleTimeout

KINDS: dict[str, Kind] = {
    k.name: k for k in (pattern.KIND, substitution.KIND, consistency.KIND, conditional.KIND)
}

__all__ = ["KINDS", "Kind", "RuleTimeout"]
