"""Fingerprints that identify a finding by what it is about, not by its line."""

from __future__ import annotations

import hashlib

from factlint.model import Finding


def fingerprint(finding: Finding) -> str:
    """Rule + file + normalised claim key; survives edits elsewhere in the file."""
    about = finding.key or " ".join(finding.message.lower().split())
    digest = hashlib.sha256(f"{finding.rule_id}\0{finding.path}\0{about}".encode())
    return digest.hexdigest()[:32]
