"""PDF files as they really are: text pages read by pypdf, scanned pages read by OCR (marked so in their
citation), data tables kept with their column headings.

Every refusal is a `SkipDocument` with a one-line French reason (encrypted, damaged, no text at all even by
OCR), so ingestion reports it and goes on.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from tutor.documents import Document, Section
from tutor.knowledge.reading import SkipDocument, first_line
from tutor.knowledge.tables import looks_tabular, table_lines  # pdfplumber itself is imported on use

PLACEHOLDER_TITLES = {"untitled", "sans titre", "document", "microsoft word", "(anonymous)"}
OCR_HEADING = "Texte reconnu par OCR"  # the section of an OCR'd page: the citation says where its text came from
TABLE_HEADING = "Tableau"
MIN_PAGE_CHARS = 20  # less than this on a page (a page number, a logo's caption): the page is an image


def load_pdf(path: Path, data: bytes, doc_id: str, digest: str) -> Document:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported ciphers
                raise SkipDocument("PDF chiffré : impossible de l'ouvrir sans mot de passe") from exc
            if not unlocked:
                raise SkipDocument("PDF protégé par un mot de passe")
        texts = {number: (page.extract_text() or "").strip() for number, page in enumerate(reader.pages, start=1)}
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except SkipDocument:
        raise
    except Exception as exc:  # pypdf fails in many ways on damaged files (PdfReadError, KeyError...)
        raise SkipDocument(f"PDF illisible ou corrompu ({type(exc).__name__})") from exc
    scanned = [n for n, text in texts.items() if len(text) < MIN_PAGE_CHARS]
    recognised = _ocr(data, scanned) if scanned else {}
    tabular = [n for n, text in texts.items() if n not in recognised and looks_tabular(text)]
    tables = _tables(data, tabular) if tabular else {}
    sections = []
    for number, text in texts.items():
        if len(recognised.get(number, "").strip()) >= MIN_PAGE_CHARS:
            sections.append(Section(_clean(recognised[number]), heading=OCR_HEADING, page=number))
        elif text:  # a short text layer (a page number, a title) when OCR found no more
            sections.append(Section(_clean(text), page=number))
        if number in tables:
            sections.append(Section("\n".join(tables[number]), heading=TABLE_HEADING, page=number))
    if not sections:
        raise SkipDocument(
            "PDF sans texte, même par OCR (pages blanches ou illisibles)"
            if recognised or not scanned
            else "PDF sans texte extractible (pages scannées) et OCR indisponible : installez tesseract (make)"
        )
    title = str(meta_title).strip()
    if title.lower() in PLACEHOLDER_TITLES:  # what PDF writers put when nobody set a title
        title = ""
    title = title or first_line(sections[0].text) or path.stem
    return Document(doc_id=doc_id, title=title, kind="pdf", content_hash=digest, sections=tuple(sections))


def _ocr(data: bytes, numbers: list[int]) -> dict[int, str]:
    from tutor.knowledge.ocr import OcrUnavailable, read_pages

    try:
        return read_pages(data, numbers)
    except OcrUnavailable:
        return {}
    except Exception as exc:  # PDFium or tesseract choking on one file must not stop the run
        raise SkipDocument(f"OCR impossible sur ce PDF ({type(exc).__name__})") from exc


def _tables(data: bytes, numbers: list[int]) -> dict[int, list[str]]:
    try:
        return table_lines(data, numbers)
    except Exception:  # the pypdf text is already there: a table that pdfplumber cannot read is only a loss
        return {}


def _clean(text: str) -> str:
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)  # words hyphenated across lines
    return re.sub(r"[ \t]+", " ", text).strip()
