"""Scanned pages made from known French text, for the OCR tests and `python -m bench.scans` (run by `make bench`).

A page is drawn at 200 dpi with DejaVu Sans (shipped inside matplotlib), turned by up to 1.5°, blurred a little
and speckled, as a photocopy fed crooked into a scanner; the pages are saved as an image-only PDF. The bench
then indexes nothing: it reads the pages back by OCR and prints the character accuracy (1 - edits / length,
edits counted by difflib, which never counts fewer than the true edit distance: a cautious figure) and the pages
per minute, against reading the same text from a PDF that has a text layer (pypdf), in the same run.
"""

from __future__ import annotations

import argparse
import difflib
import random
import textwrap
import time
from pathlib import Path

DPI = 200
PAGE = (1654, 2339)  # A4 at 200 dpi
MARGIN = 140
FONT_PX = 34  # about 12 pt at 200 dpi

PROCEDURE = [
    "Procédure de réglage d'un tour CN\n"
    "1. Vérifier la pression d'air et le niveau d'huile de graissage avant la mise sous tension.\n"
    "2. Faire la prise d'origine machine sur les deux axes, X puis Z.\n"
    "3. Monter les mors doux et les usiner au diamètre de la pièce, serrage à 20 bar.\n"
    "4. Mesurer les correcteurs d'outils au palpeur et les saisir dans la table des jauges.\n"
    "5. Charger le programme O1234 et le simuler en mode graphique avant tout usinage.",
    "Contrôle de la première pièce\n"
    "6. Usiner la première pièce en mode bloc à bloc, avance réduite à 50 %.\n"
    "7. Contrôler le diamètre 40 h7 au micromètre et la longueur 62 au pied à coulisse.\n"
    "8. Corriger l'usure de l'outil T0303 si l'écart dépasse la moitié de la tolérance.\n"
    "9. Faire valider la première pièce par le contrôle avant de lancer la série.\n"
    "10. Noter les corrections sur la fiche de suivi du poste.",
]


def scanned_page(text: str, rng: random.Random):
    from matplotlib import get_data_path
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(str(Path(get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), FONT_PX)
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    y = MARGIN
    for paragraph in text.splitlines():
        for line in textwrap.wrap(paragraph, width=62) or [""]:
            draw.text((MARGIN, y), line, fill=rng.randint(10, 50), font=font)
            y += int(FONT_PX * 1.5)
        y += FONT_PX // 2
    page = page.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = page.load()
    for _ in range(PAGE[0] * PAGE[1] // 400):  # speckles, as a dusty glass leaves
        x, y = rng.randrange(PAGE[0]), rng.randrange(PAGE[1])
        pixels[x, y] = rng.choice((0, 90, 255))
    return page


def scanned_pdf(path: Path, texts: list[str], seed: int = 5) -> Path:
    """An image-only PDF, one scanned page per text."""
    rng = random.Random(seed)
    pages = [scanned_page(text, rng).convert("RGB") for text in texts]
    pages[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return path


def accuracy(read: str, truth: str) -> float:
    """1 - edits / length on whitespace-normalised text; edits from difflib's opcodes (never an underestimate)."""
    a, b = " ".join(read.split()), " ".join(truth.split())
    edits = sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    )  # fmt: skip
    return max(0.0, 1 - edits / max(1, len(b)))


def corpus_texts(count: int) -> list[str]:
    """Running French text from the built-in sheets (tables, headings and code left out), one page each."""
    from tutor.settings import PROJECT_ROOT

    texts = []
    for sheet in sorted((PROJECT_ROOT / "corpus" / "fiches").glob("*.md")):
        body = sheet.read_text(encoding="utf-8").split("\n---", 2)[-1]
        prose = [  # the running text of the sheet: no tables, no headings, no code
            line
            for line in body.splitlines()
            if line.strip() and not line.lstrip().startswith(("|", "#", "```", "---"))
        ]
        words = [w for w in " ".join(prose).replace("*", " ").replace("`", " ").split() if w.isprintable()]
        if len(words) > 180:
            texts.append(" ".join(words[:180]))
        if len(texts) == count:
            break
    return texts


def text_layer_pdf(path: Path, texts: list[str]) -> Path:
    """The same pages with a text layer (reportlab): the baseline reading, by pypdf."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for text in texts:
        y = 800
        for line in (w for paragraph in text.splitlines() for w in textwrap.wrap(paragraph, width=90) or [""]):
            pdf.drawString(50, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return path


def main() -> None:
    import statistics
    import tempfile

    from pypdf import PdfReader

    from tutor.knowledge.ocr import read_pages

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10, help="Scanned pages to read (default 10).")
    args = parser.parse_args()
    texts = corpus_texts(args.pages)
    with tempfile.TemporaryDirectory() as folder:
        scan = scanned_pdf(Path(folder) / "scan.pdf", texts)
        started = time.perf_counter()
        read = read_pages(scan.read_bytes(), list(range(1, len(texts) + 1)))
        ocr_seconds = time.perf_counter() - started
        plain = text_layer_pdf(Path(folder) / "text.pdf", texts)
        started = time.perf_counter()
        layer = [page.extract_text() or "" for page in PdfReader(plain).pages]
        text_seconds = time.perf_counter() - started
    scores = [accuracy(read[n + 1], text) for n, text in enumerate(texts)]
    baseline = [accuracy(got, text) for got, text in zip(layer, texts, strict=True)]
    per_minute = 60 * len(texts) / ocr_seconds
    print(
        "| OCR (tesseract fra, pages scannées générées, 2 cœurs) | valeur | lecture pypdf d'une couche texte | rapport |"
    )
    print("|---|---:|---:|---:|")
    print(
        f"| exactitude des caractères, moyenne (min) sur {len(texts)} pages (objectif >= 95 %) "
        f"| {100 * statistics.mean(scores):.1f} % ({100 * min(scores):.1f} %) "
        f"| {100 * statistics.mean(baseline):.1f} % | |"
    )
    print(
        f"| pages par minute | {per_minute:.1f} | {60 * len(texts) / text_seconds:.0f} "
        f"| {per_minute / (60 * len(texts) / text_seconds):.3f}x |"
    )


if __name__ == "__main__":
    main()
