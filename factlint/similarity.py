"""rapidfuzz's `ratio`, with rapidfuzz imported only for pairs that could reach the cutoff.

Importing rapidfuzz costs ~10 ms, a twentieth of checking one article from a cold
start, and most articles have no pair of passages close enough in length to be
near-copies. `ratio` is 100 * (1 - indel distance / total length), and the indel
distance is at least the difference in length: a pair below the cutoff by its
lengths alone scores 0 without rapidfuzz.
"""

from __future__ import annotations


def ratio(a: str, b: str, score_cutoff: float = 0.0) -> float:
    """`rapidfuzz.fuzz.ratio(a, b, score_cutoff=score_cutoff)`, the same number."""
    total = len(a) + len(b)
    # The margin keeps a pair whose bound rounds just under an exact cutoff.
    if total and 200 * min(len(a), len(b)) / total < score_cutoff - 1e-9:
        return 0.0
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b, score_cutoff=score_cutoff))
