"""Word (.docx, python-docx) and OpenDocument (.odt) procedures: one section per heading, tables row by row with
their column headings, as for PDF tables.

python-docx is imported here only. An .odt is a zip whose `content.xml` holds headings (`text:h`), paragraphs
(`text:p`, lists included) and tables; the standard library reads it, so no stale ODF package is needed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from tutor.documents import Document, Section
from tutor.knowledge.reading import SkipDocument, first_line

ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
HEADING_STYLES = ("heading", "titre", "title")


def load_office(path: Path, data: bytes, doc_id: str, digest: str) -> Document:
    suffix = path.suffix.lower()
    try:
        blocks = _docx_blocks(data) if suffix == ".docx" else _odt_blocks(data)
    except SkipDocument:
        raise
    except Exception as exc:  # a damaged zip or XML fails in many ways: never stop the run
        raise SkipDocument(f"document {suffix} illisible ou corrompu ({type(exc).__name__})") from exc
    sections = _sections(blocks)
    if not sections:
        raise SkipDocument(f"document {suffix} sans texte")
    title = next((text for heading, text in blocks if heading), "") or first_line(sections[0].text) or path.stem
    return Document(doc_id=doc_id, title=title, kind="document", content_hash=digest, sections=tuple(sections))


def _sections(blocks: list[tuple[bool, str]]) -> list[Section]:
    """(is a heading, text) blocks in order -> one section per heading with the text under it."""
    sections: list[Section] = []
    heading, lines = "", []
    for is_heading, text in blocks:
        if is_heading:
            if lines:
                sections.append(Section("\n".join(lines), heading=heading))
            heading, lines = text, []
        else:
            lines.append(text)
    if lines:
        sections.append(Section("\n".join(lines), heading=heading))
    return sections


def table_rows(rows: list[list[str]]) -> list[str]:
    """A table as lines « heading : value ; heading : value » (the first row holds the headings)."""
    rows = [[" ".join(cell.split()) for cell in row] for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        return [" ; ".join(cell for cell in row if cell) for row in rows]
    header = rows[0]
    return [" ; ".join(f"{h} : {v}" if h else v for h, v in zip(header, row, strict=False) if v) for row in rows[1:]]


def _docx_blocks(data: bytes) -> list[tuple[bool, str]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SkipDocument("document .docx illisible (ce n'est pas un fichier Word : ancien .doc ?)")
    document = docx.Document(io.BytesIO(data))
    blocks: list[tuple[bool, str]] = []
    for item in document.iter_inner_content():  # paragraphs and tables in document order
        if isinstance(item, Paragraph):
            text = item.text.strip()
            style = (item.style.name if item.style is not None else "").lower()
            if text:
                blocks.append((style.startswith(HEADING_STYLES), text))
        elif isinstance(item, Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            blocks.extend((False, line) for line in table_rows(rows) if line)
    return blocks


def _odt_blocks(data: bytes) -> list[tuple[bool, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    blocks: list[tuple[bool, str]] = []

    def text_of(node: ElementTree.Element) -> str:
        return " ".join("".join(node.itertext()).split())

    def walk(node: ElementTree.Element) -> None:
        for child in node:
            if child.tag == f"{{{ODF_TEXT}}}h":
                if text := text_of(child):
                    blocks.append((True, text))
            elif child.tag == f"{{{ODF_TEXT}}}p":
                if text := text_of(child):
                    blocks.append((False, text))
            elif child.tag == f"{{{ODF_TABLE}}}table":
                rows = [
                    [text_of(cell) for cell in row.iter(f"{{{ODF_TABLE}}}table-cell")]
                    for row in child.iter(f"{{{ODF_TABLE}}}table-row")
                ]
                blocks.extend((False, line) for line in table_rows(rows) if line)
            else:
                walk(child)  # lists, sections, frames hold paragraphs too

    walk(root)
    return blocks
