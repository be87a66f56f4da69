"""YAML rule types: each module defines one `Kind` (its keys, scopes and builder).

The regex time budget is `factlint.kinds.base.MATCH_TIMEOUT` (seconds per rule per
document).
"""

from __future__ import annotations

from factlint.kinds import conditional, consistency, pattern, substitution
from factlint.kinds.base import Kind, RuleTimeout

KINDS: dict[str, Kind] = {
    k.name: k for k in (pattern.KIND, substitution.KIND, consistency.KIND, conditional.KIND)
}

__all__ = ["KINDS", "Kind", "RuleTimeout"]
