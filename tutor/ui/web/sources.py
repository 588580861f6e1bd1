"""The sources under an answer: the cards, and a cited PDF page shown at its page with the passage highlighted.

The page is drawn by PDFium (`tutor.knowledge.pages`, from a wheel) and shown as an image by the app itself:
nothing leaves the PC, nothing is fetched from the network.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from tutor.answering.citations import Citation
from tutor.knowledge.pages import PageError, highlighted_page


def source_cards(citations: Sequence[Citation], heading: str = "Sources") -> str:
    if not citations:
        return ""
    cards = []
    for c in citations:
        cards.append(
            f'<div class="source-card"><b>[{c.n}] {html.escape(c.title)}</b>'
            f'<div class="where">{html.escape(c.where)}</div>'
            f'<div class="excerpt">{html.escape(c.excerpt)}</div></div>'
        )
    return f"<h4>{html.escape(heading)}</h4>" + "".join(cards)


def page_choices(citations: Sequence[Citation]) -> list[tuple[str, int]]:
    """(label, position) of the citations that can be opened at a page: PDF documents."""
    return [
        (f"[{c.n}] {c.title} — page {c.page}", index)
        for index, c in enumerate(citations)
        if c.page and Path(c.source).suffix.lower() == ".pdf"
    ]


def cited_page(citation: Citation, path: Path):
    """(image or None, French caption): the cited page of the file at `path`, the passage painted in yellow."""
    try:
        image, found = highlighted_page(path, citation.page or 0, citation.excerpt)
    except (PageError, OSError) as exc:
        return None, f"❌ Page impossible à afficher : {exc}"
    where = f"{citation.title} — page {citation.page}"
    if found:
        return image, f"{where} : le passage cité est surligné."
    return image, f"{where} : passage non surligné (page scannée lue par OCR, ou texte mis en page autrement)."
