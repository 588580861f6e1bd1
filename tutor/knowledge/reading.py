"""What every file reader shares: the refusal with its French reason, and the title taken from a first line."""

from __future__ import annotations


class SkipDocument(Exception):
    """The file cannot be indexed; str(exc) is the French reason."""


def first_line(text: str) -> str:
    """The first non-empty line, without Markdown's #, as a fallback title (120 characters at most)."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:120]
    return ""
