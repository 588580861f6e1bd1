"""Figures the model wrote that no source, no quote and not the question gives: the sentence holding one goes.

A 1.5B model computes badly and invents codes with confidence: on blind-5 it gave a TRS of « 250 % », a tool
life of 30 min where Taylor's law gives 36,6, and « G08 » for a part counter. A figure or a code in an answer
must be one the reader can find in a cited passage (or one they typed); a sentence whose figure comes from
nowhere is worse than a shorter answer, because it reads exactly like a right one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}(?!\d))")
# A code as a program writes it (G41, M06, T0101, H05; not the fit classes H7/g6) or a number; [n] citation markers are taken out before.
_TOKEN = re.compile(r"(?<![\w.,/])(?:([GM])(\d{1,4})|([TH])(\d{2,4})|(\d+(?:[.,]\d+)?))(?![\w])")
_MARKER = re.compile(r"\[\d{1,2}\]")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=\S)")
SMALL = 10  # « 2 passes », « 3 étapes »: small counts are often written in words in the sources


def figures(text: str) -> set[str]:
    """The figures and codes of a text, in one spelling: « 0,80 » and « 0.8 » are one figure, « G01 » is « G1 »."""
    text = _THOUSANDS.sub("", _MARKER.sub(" ", text))
    found = set()
    for m in _TOKEN.finditer(text):
        letter, digits = m.group(1) or m.group(3), m.group(2) or m.group(4)
        if letter:
            found.add(f"{letter.upper()}{int(digits)}")
        else:
            number = m.group(5).replace(",", ".")
            if "." in number:
                number = number.rstrip("0").rstrip(".")
            found.add(number.lstrip("0") or "0" if "." not in number else number)
    return found


def _needs_source(figure: str) -> bool:
    """Codes always; numbers from SMALL up, or with decimals."""
    return figure[0].isalpha() or "." in figure or float(figure) >= SMALL


def unsupported(sentence: str, known: set[str]) -> set[str]:
    """The figures of a sentence that are not among the known ones."""
    return {f for f in figures(sentence) if _needs_source(f) and f not in known}


def keep_supported(text: str, given: Iterable[str]) -> str:
    """The text without the sentences (or list items) holding a figure none of the given texts holds."""
    known: set[str] = set()
    for piece in given:
        known |= figures(piece)
    lines = []
    for line in text.splitlines():
        kept = [s for s in _SENTENCE.split(line) if not unsupported(s, known)]
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
