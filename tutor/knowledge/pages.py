"""PDF pages as images (PDFium, from the pypdfium2 wheel: imported here only): for OCR, and to show a cited page
with the cited passage highlighted, offline, inside the web app.

The passage is found in the page's own text layer: its lines (and, failing that, its longer runs of words) are
searched by PDFium, and each match is painted over in translucent yellow. A scanned page has no text layer: it
is shown without highlight, and the caller says so.
"""

from __future__ import annotations

import re
from pathlib import Path

HIGHLIGHT = (255, 214, 0, 110)  # translucent yellow, RGBA
MIN_FRAGMENT = 12  # shorter fragments match anywhere ("de la", "mm")


class PageError(ValueError):
    """The page cannot be shown; the message is French."""


def render(source: Path | bytes, page: int, dpi: int = 110, *, grayscale: bool = False):
    """Page `page` (1-based) as a PIL image."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(source)
    except Exception as exc:  # PDFium refuses damaged or locked files in its own ways
        raise PageError(f"PDF illisible ({type(exc).__name__})") from exc
    try:
        if not 1 <= page <= len(document):
            raise PageError(f"page {page} absente : le document en a {len(document)}")
        return document[page - 1].render(scale=dpi / 72, grayscale=grayscale).to_pil()
    finally:
        document.close()


def fragments(passage: str) -> list[str]:
    """What to search for: the passage's lines, then runs of eight words of the longer ones."""
    lines = [" ".join(line.split()) for line in passage.splitlines()]
    found = [line for line in lines if len(line) >= MIN_FRAGMENT]
    for line in lines:
        words = line.split()
        found.extend(" ".join(words[i : i + 8]) for i in range(0, max(0, len(words) - 7), 8))
    return list(dict.fromkeys(f for f in found if len(f) >= MIN_FRAGMENT))


def highlighted_page(path: Path, page: int, passage: str, dpi: int = 110):
    """(image, number of highlighted areas): the cited page with the passage painted over."""
    import pypdfium2
    from PIL import Image, ImageDraw

    scale = dpi / 72
    try:
        document = pypdfium2.PdfDocument(path)
    except Exception as exc:
        raise PageError(f"PDF illisible ({type(exc).__name__})") from exc
    try:
        if not 1 <= page <= len(document):
            raise PageError(f"page {page} absente : le document en a {len(document)}")
        pdf_page = document[page - 1]
        image = pdf_page.render(scale=scale).to_pil().convert("RGBA")
        height = pdf_page.get_height()
        text = pdf_page.get_textpage()
        boxes = []
        for fragment in fragments(passage):
            searcher = text.search(re.sub(r"\s+", " ", fragment), match_case=False)
            while (hit := searcher.get_next()) is not None:
                start, count = hit
                for index in range(text.count_rects(start, count)):
                    left, bottom, right, top = text.get_rect(index)
                    boxes.append((left * scale, (height - top) * scale, right * scale, (height - bottom) * scale))
            searcher.close()
        text.close()
    finally:
        document.close()
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for box in dict.fromkeys(boxes):
        draw.rectangle(box, fill=HIGHLIGHT)
    return Image.alpha_composite(image, overlay).convert("RGB"), len(set(boxes))
