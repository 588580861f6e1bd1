"""Real PDF files for tests, made with reportlab (text) and pypdf (encryption, blank pages)."""

from __future__ import annotations

import io
from pathlib import Path


def text_pdf(path: Path, pages: list[str], title: str = "") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    if title:
        pdf.setTitle(title)
    for text in pages:
        y = 800
        for line in text.splitlines():
            pdf.drawString(50, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


def drawing_only_pdf(path: Path) -> Path:
    """A page with shapes and no text layer, like a scanned drawing."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(100, 100, 300, 200, fill=1)
    pdf.circle(300, 600, 80)
    pdf.showPage()
    pdf.save()
    return path


def encrypted_pdf(path: Path, source: Path, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def blank_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def corrupt_pdf(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3] + b"\x00garbage\xff" * 50)
    return path


CATALOGUE_ROWS = [
    ("Matière", "Groupe ISO", "Plaquette", "Vc (m/min)", "f (mm/tr)", "ap (mm)"),
    ("Acier non allié", "P", "CNMG 120408", "250", "0,25", "2,0"),
    ("Acier inoxydable", "M", "CNMG 120408", "180", "0,20", "1,5"),
    ("Fonte grise", "K", "CNMG 120412", "220", "0,30", "2,5"),
    ("Aluminium", "N", "CCGT 09T304", "600", "0,15", "2,0"),
    ("Acier non allié", "P", "DCMT 11T304", "230", "0,12", "0,8"),
]


def catalogue_pdf(path: Path) -> Path:
    """A supplier's cutting-data page: a title, a sentence, and a ruled table of cutting conditions."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    table = Table(CATALOGUE_ROWS)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [
        Paragraph("Conditions de coupe de départ en tournage", styles["Title"]),
        Paragraph("Valeurs de départ pour plaquettes carbure revêtues, à ajuster selon la machine.", styles["Normal"]),
        table,
    ]
    SimpleDocTemplate(str(path), pagesize=A4, title="Catalogue plaquettes").build(story)
    return path
