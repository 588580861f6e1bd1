"""A cited PDF page shown at its page with the passage highlighted; other sources are not offered."""

from pdfs import text_pdf

from tutor.answering.citations import Citation
from tutor.ui.web.sources import cited_page, page_choices

G41 = "Correction de rayon G41 a gauche du profil."


def test_pdf_citations_open_at_their_page_with_the_passage_highlighted(tmp_path):
    pdf = text_pdf(tmp_path / "fiche.pdf", ["Sommaire", f"Ligne un du texte.\n{G41}\nFin de page."])
    cited = (
        Citation(1, "Fiche G41", str(pdf), 2, "", G41),
        Citation(2, "Glossaire", "corpus/glossaire.md", None, "G41", "G41 : correction à gauche"),
    )
    assert page_choices(cited) == [("[1] Fiche G41 — page 2", 0)]
    image, caption = cited_page(cited[0], pdf)
    assert image is not None and caption == "Fiche G41 — page 2 : le passage cité est surligné."
    yellow = sum(1 for r, g, b in image.getdata() if r > 240 and 190 < g < 235 and b < 150)
    assert yellow > 200  # the highlight is painted (the letters cover part of it)


def test_missing_page_or_file_gives_a_french_line(tmp_path):
    pdf = text_pdf(tmp_path / "fiche.pdf", ["Une seule page."])
    image, caption = cited_page(Citation(1, "Fiche", str(pdf), 4, "", "x"), pdf)
    assert image is None and caption == "❌ Page impossible à afficher : page 4 absente : le document en a 1"
    image, caption = cited_page(Citation(1, "Fiche", "absent.pdf", 1, "", "x"), tmp_path / "absent.pdf")
    assert image is None and caption.startswith("❌ Page impossible à afficher")
