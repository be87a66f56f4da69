"""Fingerprints that identify a finding by what it is about, not by its line.

A fingerprint is a hash of the rule id, the file and the finding's `key` (the normalised
claims it is about, set by the rule), so it survives edits above or below the finding and
changes when the claim itself changes. A finding without a key falls back on its message,
with any line or column numbers it mentions taken out.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

import regex

from factlint import fastre
from factlint.model import Finding

# Places a message may mention, which move when text is added above them:
# "line 12", "lines 3-5", "paragraph 4", "a.md:12", "a.md:12:7".
_PLACE = fastre.compile_regex(
    r"\b(?:lines?|paragraphs?|para\.?|col(?:umn)?s?)\s+\d+(?:\s*(?:[-–]|to|and)\s*\d+)?"
    r"|(?<=\.[A-Za-z0-9]{1,8}):\d+(?::\d+)?\b",
    regex.IGNORECASE,
)


def normalise_path(path: str) -> str:
    """One spelling per file: forward slashes and no leading `./`."""
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def normalise_text(text: str) -> str:
    """Lower case with runs of white space as one space."""
    return " ".join(text.lower().split())


def about(finding: Finding) -> str:
    """What the fingerprint hashes besides rule and file."""
    if finding.key.strip():
        return "key:" + normalise_text(finding.key)
    return "message:" + normalise_text(_PLACE.sub(_place_word, finding.message))


def _place_word(match: regex.Match[str]) -> str:
    # Keep the word ("line"), drop the number, so "line 4" and "line 9" compare equal.
    text = match.group()
    return "" if text.startswith(":") else text.split()[0]


def fingerprint(finding: Finding) -> str:
    """Rule + file + normalised claim key; survives edits elsewhere in the file."""
    payload = f"{finding.rule_id}\0{normalise_path(finding.path)}\0{about(finding)}"
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def unique_fingerprints(findings: Iterable[Finding]) -> Iterator[str]:
    """Each finding's fingerprint, with an occurrence number hashed into repeats.

    Identical findings (say the same garbled word twice in one file) share a fingerprint;
    viewers that match results by fingerprint (GitHub code scanning, GitLab) would merge
    them, so the second and later ones get their occurrence number hashed in. The first
    keeps the plain fingerprint, which the baseline and JSON output use too.
    """
    seen: Counter[str] = Counter()
    for finding in findings:
        fp = fingerprint(finding)
        occurrence = seen[fp]
        seen[fp] += 1
        if occurrence:
            fp = hashlib.sha256(f"{fp}\0{occurrence}".encode()).hexdigest()[:32]
        yield fp
