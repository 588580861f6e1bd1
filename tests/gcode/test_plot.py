"""Pictures of a toolpath: real PNG, SVG and HTML files, rapid moves dashed, the highlight, the findings, French."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from tutor.gcode.plot import (
    HIGHLIGHT,
    VIEWS,
    PlotError,
    axis_labels,
    interactive_figure,
    resolve_view,
    save_plot,
    static_figure,
    tool_label,
)
from tutor.gcode.toolpath import checked_toolpath

MILL = """%
O1000
G21 G17 G40 G49 G80 G90
T1 M06
G54 G00 X0. Y0. S1000 M03
G43 H1 Z5. M08
G01 Z-1. F100.
G01 X20. Y10.
G02 X30. Y0. R10.
G00 Z5.
T2 M06
G43 H2 Z5.
G81 X10. Y10. Z-5. R2. F80.
G80
G00 Z50. M09
M05
M30
%
"""
LATHE = """%
O2000
G21 G18 G40 G80 G99
T0101
G97 S1000 M03
G00 X40. Z2. M08
G01 Z-20. F0.2
X50.
G00 X100. Z100.
M05
M30
%
"""
# S without M03: the G01 of line 4 is cut with the spindle stopped (an error), with no coolant (information).
BROKEN = "G21 G17 G40 G80 G90\nT1 M06\nG00 X0. Y0. Z5.\nG01 Z-1. F100.\nG01 X10.\nM30\n"


@pytest.fixture(scope="module")
def mill():
    return checked_toolpath(MILL)


def test_png_file_is_a_real_png(tmp_path: Path, mill):
    report, toolpath = mill
    target = tmp_path / "piece.png"
    assert save_plot(toolpath, target, findings=report.findings, highlight=9) == "xy"
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10_000


def test_svg_is_valid_xml_with_dashed_rapid_moves(tmp_path: Path, mill):
    report, toolpath = mill
    target = tmp_path / "piece.svg"
    save_plot(toolpath, target, view="3d", findings=report.findings)
    root = ET.parse(target).getroot()
    assert root.tag.endswith("svg")
    styles = [element.get("style", "") for element in root.iter() if element.tag.endswith("path")]
    assert any("stroke-dasharray" in style for style in styles)  # the rapids
    assert "<!-- Trajectoire d'outil — vue 3D -->" in target.read_text(encoding="utf-8")  # text drawn as paths


def test_html_works_offline_with_its_hover_texts(tmp_path: Path, mill):
    report, toolpath = mill
    target = tmp_path / "piece.html"
    save_plot(toolpath, target, findings=report.findings)
    page = target.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page)  # plotly.js is embedded, no CDN
    assert "plotly.js v" in page and len(page) > 1_000_000
    assert "ligne 8 : G01 X20. Y10." in page and "window.PlotlyLocales" in page and '"locale": "fr"' in page


def test_each_tool_has_a_colour_and_rapids_are_dashed(mill):
    _, toolpath = mill
    figure = interactive_figure(toolpath)
    traces = {trace.name: trace for trace in figure.data}
    assert {"T1", "T1 rapides", "T2", "T2 rapides"} <= set(traces)
    assert traces["T1 rapides"].line.dash == "dash" and traces["T1"].line.dash is None
    assert traces["T1"].line.color != traces["T2"].line.color
    assert traces["T1"].line.color == traces["T1 rapides"].line.color
    hover = [text for text in traces["T1"].text if text]
    assert "ligne 9 : G02 X30. Y0. R10." in hover
    assert figure.layout.xaxis.title.text == "X (mm)" and figure.layout.yaxis.scaleanchor == "x"


def test_highlight_draws_the_block_thick_in_magenta(mill):
    _, toolpath = mill
    figure = interactive_figure(toolpath, highlight=9)
    (trace,) = [t for t in figure.data if t.name == "ligne 9"]
    arc = np.array(toolpath.segment(int(toolpath.at_line(9)[0])).points)
    assert trace.line.color == HIGHLIGHT and trace.line.width > 4
    assert np.allclose(np.array(trace.x, dtype=float), arc[:, 0]) and "G02 X30. Y0. R10." in trace.hovertemplate
    static = static_figure(toolpath, highlight=9)
    assert any(line.get_color() == HIGHLIGHT for line in static.axes[0].get_lines())
    assert not [t for t in interactive_figure(toolpath, highlight=3).data if t.name == "ligne 3"]  # no move there


def test_findings_are_marked_with_their_message():
    report, toolpath = checked_toolpath(BROKEN)
    assert report.count("error") >= 1
    figure = interactive_figure(toolpath, findings=report.findings)
    (errors,) = [t for t in figure.data if t.name.startswith("erreurs")]
    at = list(errors.text).index("ligne 4 — erreur : Usinage (G01) avec la broche arrêtée.")
    assert (errors.x[at], errors.y[at]) == (0.0, 0.0)  # where the tool is after line 4
    three_d = interactive_figure(toolpath, view="3d", findings=report.findings)
    (errors,) = [t for t in three_d.data if t.name.startswith("erreurs")]
    assert (errors.x[at], errors.y[at], errors.z[at]) == (0.0, 0.0, -1.0)
    static = static_figure(toolpath, findings=report.findings)
    texts = [text.get_text() for text in static.axes[0].texts]
    assert " 1" in texts and " 2" in texts  # numbered on the drawing, listed under it
    assert any(f"{at + 1}. ligne 4 (erreur) : Usinage (G01)" in text.get_text() for text in static.texts)
    infos = [f for f in report.findings if f.severity == "info"]
    assert infos and not any(f.message in (errors.text or ()) for f in infos)  # information is not marked


def test_lathe_profile_shows_the_diameter():
    _, toolpath = checked_toolpath(LATHE)
    assert resolve_view(toolpath, None) == "profil"
    assert axis_labels(toolpath, "profil") == ("Z (mm)", "X, diamètre (mm)")
    assert axis_labels(toolpath, "xz")[0] == "X, rayon (mm)"
    figure = interactive_figure(toolpath, view="profil")
    cut = next(t for t in figure.data if t.name == "T1")
    values = [v for v in cut.y if v == v]
    assert max(values) == 50.0 and 40.0 in values  # diameters, Z across
    radius = next(t for t in interactive_figure(toolpath, view="xz").data if t.name == "T1")
    assert max(v for v in radius.x if v == v) == 25.0


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_is_drawn_with_french_labels(view, mill, tmp_path: Path):
    _, toolpath = mill
    figure = static_figure(toolpath, view=view)
    axes = figure.axes[0]
    assert "Trajectoire d'outil" in axes.get_title() and axes.get_xlabel().endswith("(mm)")
    assert [text.get_text() for text in axes.get_legend().get_texts()][:2] == ["T1", "T2"]
    interactive = interactive_figure(toolpath, view=view)
    assert interactive.layout.title.text.startswith("Trajectoire d'outil")


def test_errors_are_french_plot_errors(tmp_path: Path, mill):
    _, toolpath = mill
    with pytest.raises(PlotError, match="format de sortie inconnu « .pdf »"):
        save_plot(toolpath, tmp_path / "x.pdf")
    with pytest.raises(PlotError, match="vue inconnue « dessus »"):
        save_plot(toolpath, tmp_path / "x.png", view="dessus")
    with pytest.raises(PlotError, match="aucun déplacement à tracer"):
        save_plot(checked_toolpath("G21\nM30\n")[1], tmp_path / "x.png")


def test_tool_labels():
    assert tool_label("T01") == "T1" and tool_label("T12") == "T12"
    assert tool_label("FRAISE_D10") == "FRAISE_D10" and tool_label(None) == "outil inconnu"


def test_a_reduced_drawing_says_so(mill):
    _, toolpath = mill
    figure = interactive_figure(toolpath, budget=10)
    assert "tracé simplifié : " in figure.layout.title.text
    assert sum(len([v for v in t.x if v == v]) for t in figure.data if t.mode == "lines") <= 10
