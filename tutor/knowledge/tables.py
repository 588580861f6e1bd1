"""Tables of PDF pages kept as tables: each row written with its column headings, so that « Vc acier P pour une
plaquette CNMG » finds the row whose cells say so (pdfplumber, imported here only).

pdfplumber reads a page ten times slower than pypdf, so only pages whose text looks like a table (several lines
made mostly of short cells and numbers) are given to it: a 2,000-page manual of prose is not slowed down.
"""

from __future__ import annotations

import io
import re

_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")


def looks_tabular(text: str) -> bool:
    """The marks of a data table in pypdf's text: three lines of three numbers or more (a row per line), or
    six short lines holding a number (pypdf often writes a ruled table one cell per line)."""
    lines = text.splitlines()
    rows = sum(1 for line in lines if len(_NUMBERS.findall(line)) >= 3)
    cells = sum(1 for line in lines if len(line.strip()) <= 25 and _NUMBERS.search(line))
    return rows >= 3 or cells >= 6


def _cell(value: object) -> str:
    return " ".join(str(value or "").split())


def labelled(headings: list[str], cells: list[str]) -> list[str]:
    """A row's cells each with its column heading (« Vc : 200 »), empty cells left out: a row read alone, in a
    passage or a quote, still says what each figure is."""
    return [f"{h} : {v}" if h else v for h, v in zip(headings, cells, strict=False) if v]


def table_lines(data: bytes, numbers: list[int]) -> dict[int, list[str]]:
    """For each given page (1-based), one line per table row: « heading : value ; heading : value ... »."""
    import pdfplumber

    found: dict[int, list[str]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in numbers:
            lines: list[str] = []
            for table in pdf.pages[number - 1].extract_tables():
                rows = [[_cell(c) for c in row] for row in table if any(_cell(c) for c in row)]
                if len(rows) < 2 or len(rows[0]) < 2:
                    continue
                header = rows[0]
                for row in rows[1:]:
                    cells = labelled(header, row)
                    if cells:
                        lines.append(" ; ".join(cells))
            if lines:
                found[number] = lines
    return found
