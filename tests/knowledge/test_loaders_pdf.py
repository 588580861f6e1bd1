from pathlib import Path

import pytest
from pdfs import blank_pdf, corrupt_pdf, drawing_only_pdf, encrypted_pdf, text_pdf

from tutor.knowledge.loaders import SkipDocument, load_document

MB = 1_000_000


def test_pdf_pages_keep_their_number(tmp_path: Path):
    path = text_pdf(
        tmp_path / "guide.pdf",
        ["Guide de reglage du tour", "Page deux : le mandrin trois mors", "Page trois : la pince"],
        title="Guide de réglage",
    )
    doc = load_document(path, "guide.pdf", max_bytes=MB)
    assert doc.kind == "pdf"
    assert doc.title == "Guide de réglage"
    assert [s.page for s in doc.sections] == [1, 2, 3]
    assert "mandrin trois mors" in doc.sections[1].text


def test_pdf_with_empty_user_password_opens(tmp_path: Path):
    source = text_pdf(tmp_path / "s.pdf", ["Fiche de poste"])
    doc = load_document(encrypted_pdf(tmp_path / "e.pdf", source, password=""), "e.pdf", max_bytes=MB)
    assert "Fiche de poste" in doc.sections[0].text


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d, s: encrypted_pdf(d / "x.pdf", s), "mot de passe"),
        (lambda d, s: corrupt_pdf(d / "x.pdf", s), "PDF illisible ou corrompu|sans texte"),
        (lambda d, s: blank_pdf(d / "x.pdf"), "sans texte"),
        (lambda d, s: drawing_only_pdf(d / "x.pdf"), "sans texte"),
        (lambda d, s: (d / "x.pdf").write_bytes(b"%PDF-1.7\nnot really") and d / "x.pdf", "PDF illisible ou corrompu"),
    ],
    ids=["encrypted", "truncated", "blank", "image-only", "garbage"],
)
def test_bad_pdfs_are_skipped_with_a_reason(tmp_path: Path, make, reason: str):
    source = text_pdf(tmp_path / "source.pdf", ["Un texte pour la page", "et une autre page"])
    with pytest.raises(SkipDocument, match=reason):
        load_document(make(tmp_path, source), "x.pdf", max_bytes=MB)


def test_placeholder_pdf_title_falls_back_to_the_first_line(tmp_path: Path):
    path = text_pdf(tmp_path / "gamme.pdf", ["Gamme de la bride B12\nPhase 10 : dressage"], title="untitled")
    assert load_document(path, "gamme.pdf", max_bytes=10**6).title == "Gamme de la bride B12"
