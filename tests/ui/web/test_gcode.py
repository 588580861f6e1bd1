"""The pure functions behind the "G-code" tab's toolpath: no browser, no server."""

from tutor.gcode.parse import Finding
from tutor.ui.web import tools
from tutor.ui.web.gcode import VIEWS, chosen_line, finding_choices, gcode_view, toolpath_plot

PROGRAM = "G21 G17 G40 G80 G90\nT1 M06\nG00 X0. Y0. Z5.\nG01 Z-1. F100.\nG02 X20. Y0. R10.\nG00 Z50.\nM30\n"


def test_checking_a_program_keeps_its_toolpath_and_findings():
    view = gcode_view(PROGRAM, "Fraisage")
    assert view.drawn is not None and len(view.drawn.toolpath) == 3
    assert view.drawn.findings and all(f.line > 0 for f in view.drawn.findings)
    assert gcode_view("   ").drawn is None and gcode_view("G01\x00\x01").drawn is None


def test_plot_with_the_view_and_the_highlighted_block():
    drawn = gcode_view(PROGRAM).drawn
    figure, note = toolpath_plot(drawn, "Automatique")
    assert figure.layout.title.text.startswith("Trajectoire d'outil — vue de dessus (XY)")
    assert note.startswith("Rapides en pointillés") and "Ligne" not in note
    figure, note = toolpath_plot(drawn, "Profil tour", 5.0)
    assert "profil de tournage" in figure.layout.title.text
    assert [t.name for t in figure.data if t.name == "ligne 5"] == ["ligne 5"]
    assert "**Ligne 5** : `G02 X20. Y0. R10.` — 1 déplacement(s) en magenta." in note
    _, note = toolpath_plot(drawn, "3D", "2")
    assert "**Ligne 2** : `T1 M06` — aucun déplacement tracé pour ce bloc." in note
    assert list(VIEWS) == ["Automatique", "XY", "XZ", "YZ", "Profil tour", "3D"]


def test_nothing_to_draw():
    assert toolpath_plot(None) == (None, "")
    figure, note = toolpath_plot(gcode_view("G21 G90\nM30\n").drawn)
    assert figure is None and note.startswith("Aucun déplacement à tracer")


def test_findings_to_pick_one_per_line():
    findings = (
        Finding(4, "error", "SPINDLE_STOPPED", "Broche arrêtée", ""),
        Finding(4, "info", "NO_COOLANT", "Pas d'arrosage", ""),
        Finding(7, "warning", "MISSING_END", "Pas de M30", ""),
    )
    assert finding_choices(findings) == [
        ("ligne 4 — Erreur : Broche arrêtée", 4),
        ("ligne 7 — Avertissement : Pas de M30", 7),
    ]


def test_line_numbers_typed_or_picked():
    assert chosen_line(12.0) == 12 and chosen_line("7") == 7
    assert chosen_line(None) is None and chosen_line(0) is None and chosen_line("abc") is None
    assert chosen_line(float("inf")) is None


def test_the_tab_moved_but_its_names_still_import_from_tools():
    assert tools.gcode_view is gcode_view and tools.build_gcode_tab.__module__ == "tutor.ui.web.gcode"
