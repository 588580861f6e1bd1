"""Word and OpenDocument procedures: sections by heading, tables row by row with their headings, bad files refused."""

import io
import zipfile

import pytest

from tutor.knowledge.loaders import SkipDocument, load_document

CONTENT_XML = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
 <office:body><office:text>
  <text:h text:outline-level="1">Changement de plaquette</text:h>
  <text:p>Arrêter la broche et ouvrir le carter.</text:p>
  <text:list><text:list-item><text:p>Desserrer la vis de bridage au tournevis Torx.</text:p></text:list-item></text:list>
  <text:h text:outline-level="1">Couples de serrage</text:h>
  <table:table>
   <table:table-row><table:table-cell><text:p>Vis</text:p></table:table-cell>
    <table:table-cell><text:p>Couple (N·m)</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>M3.5 Torx 15</text:p></table:table-cell>
    <table:table-cell><text:p>3,5</text:p></table:table-cell></table:table-row>
  </table:table>
 </office:text></office:body>
</office:document-content>"""


def odt_bytes(content: str = CONTENT_XML) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Mise en route du centre d'usinage", level=1)
    document.add_paragraph("Vérifier la pression d'air : 6 bar au manomètre.")
    document.add_heading("Conditions de coupe", level=2)
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Matière", "Plaquette", "Vc (m/min)"), ("Acier P", "CNMG", "250"),
                                        ("Inox M", "CNMG", "180")], strict=True):  # fmt: skip
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def load(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return load_document(path, name, max_bytes=10_000_000)


def test_docx_sections_and_table_rows(tmp_path):
    document = load(tmp_path, "mise-en-route.docx", docx_bytes())
    assert document.kind == "document" and document.title == "Mise en route du centre d'usinage"
    headings = [s.heading for s in document.sections]
    assert headings == ["Mise en route du centre d'usinage", "Conditions de coupe"]
    rows = document.sections[1].text.splitlines()
    assert rows == [
        "Matière : Acier P ; Plaquette : CNMG ; Vc (m/min) : 250",
        "Matière : Inox M ; Plaquette : CNMG ; Vc (m/min) : 180",
    ]


def test_odt_sections_lists_and_tables(tmp_path):
    document = load(tmp_path, "plaquette.odt", odt_bytes())
    assert document.title == "Changement de plaquette"
    first, second = document.sections
    assert first.heading == "Changement de plaquette" and "Desserrer la vis de bridage" in first.text
    assert second.text == "Vis : M3.5 Torx 15 ; Couple (N·m) : 3,5"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("ancien.docx", b"\xd0\xcf\x11\xe0 old Word 97 file", "ce n'est pas un fichier Word"),
        ("casse.odt", b"PK\x03\x04 not really a zip", "illisible ou corrompu"),
        (
            "vide.odt",
            odt_bytes(
                CONTENT_XML.replace("Changement", "").split("<office:body>")[0]
                + "<office:body/></office:document-content>"
            ),
            "sans texte",
        ),
    ],
)
def test_bad_office_files_are_refused_in_one_line(tmp_path, name, data, says):
    with pytest.raises(SkipDocument, match=says) as refused:
        load(tmp_path, name, data)
    assert "\n" not in str(refused.value)
