from pathlib import Path

import pytest
from conftest import SHEET, write

from tutor.knowledge.loaders import SkipDocument, load_document, markdown_sections, parse_front_matter

MB = 1_000_000


def test_markdown_front_matter_and_sections(tmp_path: Path):
    doc = load_document(write(tmp_path / "a.md", SHEET), "a.md", max_bytes=MB, kind_hint="fiche")
    assert doc.title == "Correction de rayon G41 G42"
    assert doc.capacities == ("C4",)
    assert doc.kind == "fiche"
    assert [s.heading for s in doc.sections] == ["L'essentiel", "Erreurs fréquentes"]
    assert doc.sections[1].text.startswith("Lancer G41 sur un arc")


def test_headings_inside_code_fences_are_text():
    sections = markdown_sections("## Programme\n```\n# pas un titre\nG01 X10.\n```\n## Suite\ntexte")
    assert [s.heading for s in sections] == ["Programme", "Suite"]
    assert "# pas un titre" in sections[0].text


def test_nested_heading_path():
    sections = markdown_sections("## Tour\nintro\n### Cycles\nG71\n## Fraisage\nG81")
    assert [s.heading for s in sections] == ["Tour", "Tour > Cycles", "Fraisage"]


def test_invalid_front_matter_is_skipped_with_line(tmp_path: Path):
    path = write(tmp_path / "bad.md", "---\ntitle: [oops\n---\ntexte\n")
    with pytest.raises(SkipDocument, match="en-tête YAML invalide"):
        load_document(path, "bad.md", max_bytes=MB)


def test_front_matter_absent():
    meta, body = parse_front_matter("# Titre\ntexte")
    assert meta == {} and body.startswith("# Titre")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("vide.txt", b"  \n", "fichier vide"),
        ("binaire.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binaire"),
        ("latin1.md", "Réglage de l'étau".encode("latin-1"), "UTF-8"),
        ("image.png", b"\x89PNG", "format non pris en charge"),
    ],
)
def test_bad_text_inputs(tmp_path: Path, name: str, content: bytes, reason: str):
    with pytest.raises(SkipDocument, match=reason):
        load_document(write(tmp_path / name, content), name, max_bytes=MB)


def test_size_limit(tmp_path: Path):
    path = write(tmp_path / "gros.txt", "a" * 5000)
    with pytest.raises(SkipDocument, match="trop volumineux"):
        load_document(path, "gros.txt", max_bytes=1000)


def test_gcode_split_by_tool_with_header(tmp_path: Path):
    program = """%
O1001
(TITRE : Platine percee)
(CAPACITES : C4, C3)
(MATIERE : S235)
N10 G21 G17 G40 G49 G80 G90
(--- T01 : SURFACAGE ---)
N20 T01 M06
N30 G43 H01 Z50.
N40 G01 X10. F300.
(--- T02 : PERCAGE ---)
N50 T02 M06
N60 G81 X10. Y10. Z-5. R2. F100.
N70 G80
N80 M30
%
"""
    doc = load_document(write(tmp_path / "p.nc", program), "p.nc", max_bytes=MB)
    assert doc.title == "Platine percee"
    assert doc.capacities == ("C3", "C4")
    assert doc.kind == "gcode"
    headings = [s.heading for s in doc.sections]
    assert headings[0] == "En-tête du programme"
    assert "T01 : SURFACAGE" in headings and "T02 : PERCAGE" in headings
    drilling = doc.sections[headings.index("T02 : PERCAGE")].text
    assert "G81" in drilling and "SURFACAGE" not in drilling


def test_heidenhain_tool_call_starts_an_operation(tmp_path: Path):
    program = "0 BEGIN PGM P1 MM\n; TITRE : Poche\n1 TOOL CALL 1 Z S2000\n2 L Z+50 R0 FMAX\n3 TOOL CALL 2 Z S900\n4 L Z+50 R0 FMAX\n5 END PGM P1 MM\n"
    doc = load_document(write(tmp_path / "p.h", program), "p.h", max_bytes=MB)
    assert doc.title == "Poche"
    assert sum("TOOL CALL" in s.text for s in doc.sections) == 2


GUIDE = """title: Dépannage
capacities: [C7]
sources: [{id: s, ref: Guide, url: "https://example.org", covers: "valeurs"}]
symptoms:
  - id: arete-rapportee
    symptom: Arête rapportée
    said: [ça colle, built-up edge]
    operations: [tournage]
    causes: [Vc trop basse]
    remedies: [Augmenter Vc, Arête plus vive]
    sources: [s]
"""


def test_troubleshooting_guide_is_one_section_per_symptom(tmp_path: Path):
    path = write(tmp_path / "depannage" / "tournage.yaml", GUIDE)
    doc = load_document(path, "depannage/tournage.yaml", max_bytes=MB, kind_hint="depannage")
    assert doc.kind == "depannage" and doc.title == "Dépannage" and doc.capacities == ("C7",)
    assert [s.heading for s in doc.sections] == ["Arête rapportée"]
    assert doc.sections[0].text.startswith("Symptôme : Arête rapportée.\nOn dit aussi : ça colle, built-up edge.")


def test_yaml_outside_the_guide_and_broken_guides_are_refused(tmp_path: Path):
    path = write(tmp_path / "notes.yaml", GUIDE)
    with pytest.raises(SkipDocument, match="format non pris en charge"):
        load_document(path, "notes.yaml", max_bytes=MB)
    broken = write(tmp_path / "depannage" / "x.yaml", GUIDE.replace("sources: [s]", "sources: [t]"))
    with pytest.raises(SkipDocument, match="guide de dépannage invalide : symptôme « arete-rapportee »"):
        load_document(broken, "x.yaml", max_bytes=MB, kind_hint="depannage")


def test_a_rendered_guide_is_hashed_with_its_rendering_version(tmp_path: Path):
    """Changing how symptoms are rendered must re-index the guide although its bytes did not change."""
    from tutor.knowledge.loaders import content_hash, document_hash

    data = GUIDE.encode()
    assert document_hash(data, "fiche") == document_hash(data) == content_hash(data)
    assert document_hash(data, "depannage") != content_hash(data)
    path = write(tmp_path / "depannage" / "t.yaml", GUIDE)
    doc = load_document(path, "t.yaml", max_bytes=MB, kind_hint="depannage")
    assert doc.content_hash == document_hash(data, "depannage")
