"""PDF as they really are: scanned pages read by OCR (marked OCR in their citation), tables kept with headings."""

import pytest
from pdfs import catalogue_pdf, text_pdf

import tutor.knowledge.ocr as ocr
from bench.scans import PROCEDURE, accuracy, scanned_pdf
from tutor.knowledge.loaders import SkipDocument, load_document
from tutor.knowledge.pdf import OCR_HEADING, TABLE_HEADING
from tutor.knowledge.tables import looks_tabular


def load(path):
    return load_document(path, path.name, max_bytes=50_000_000)


def test_scanned_pages_are_read_by_ocr_and_keep_their_page(tmp_path):
    document = load(scanned_pdf(tmp_path / "procedure.pdf", PROCEDURE))
    assert [(s.page, s.heading) for s in document.sections] == [(1, OCR_HEADING), (2, OCR_HEADING)]
    for section, truth in zip(document.sections, PROCEDURE, strict=True):
        assert accuracy(section.text, truth) >= 0.95, section.text
    assert "micromètre" in document.sections[1].text


def test_without_tesseract_a_scanned_pdf_is_refused_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.check_available.cache_clear()
    try:
        with pytest.raises(SkipDocument, match="OCR indisponible|installez tesseract"):
            load(scanned_pdf(tmp_path / "procedure.pdf", PROCEDURE[:1]))
    finally:
        ocr.check_available.cache_clear()


def test_table_rows_keep_their_column_headings(tmp_path):
    document = load(catalogue_pdf(tmp_path / "catalogue.pdf"))
    tables = [s for s in document.sections if s.heading == TABLE_HEADING]
    assert len(tables) == 1 and tables[0].page == 1
    rows = tables[0].text.splitlines()
    assert rows[0] == (
        "Matière : Acier non allié ; Groupe ISO : P ; Plaquette : CNMG 120408 ; Vc (m/min) : 250 ; "
        "f (mm/tr) : 0,25 ; ap (mm) : 2,0"
    )
    assert len(rows) == 5


def test_only_tabular_pages_go_to_the_table_reader(tmp_path):
    assert not looks_tabular("Une page de texte courant.\nSans tableau, avec un seul nombre : 12.")
    assert looks_tabular("Acier 250 0,25 2,0\nInox 180 0,20 1,5\nFonte 220 0,30 2,5")
    prose = load(text_pdf(tmp_path / "texte.pdf", ["Régler la broche à 1200 tr/min.\nPuis contrôler."]))
    assert [s.heading for s in prose.sections] == [""]


@pytest.mark.model
def test_a_scanned_procedure_is_searchable_and_its_answer_cites_page_2(make_tutor, real_embedder, tmp_path):
    tutor = make_tutor(embedder=real_embedder, min_support=0.0)
    report = tutor.ingest([scanned_pdf(tmp_path / "procedure-reglage.pdf", PROCEDURE)])
    assert report.indexed and not report.skipped
    hits = tutor.search("Que faire si l'écart dépasse la moitié de la tolérance sur la première pièce ?", 3)
    assert hits[0].chunk.page == 2 and hits[0].chunk.section == OCR_HEADING
    answer = tutor.ask("Quand faut-il corriger l'usure de l'outil T0303 ?")
    assert answer.supported and answer.citations and answer.citations[0].page == 2, answer.text
    assert "OCR" in answer.citations[0].where  # the citation says the text was read by OCR


@pytest.mark.model
def test_a_catalogue_row_is_found_by_material_and_insert(make_tutor, real_embedder, tmp_path):
    tutor = make_tutor(embedder=real_embedder)
    tutor.ingest([catalogue_pdf(tmp_path / "catalogue.pdf")])
    best = tutor.search("Vc acier P pour une plaquette CNMG", 1)[0].chunk
    assert "Groupe ISO : P ; Plaquette : CNMG 120408 ; Vc (m/min) : 250" in best.text
