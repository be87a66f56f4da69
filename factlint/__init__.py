"""factlint: a fact-checking and source-consistency linter for articles."""

__version__ = "0.1.0"
