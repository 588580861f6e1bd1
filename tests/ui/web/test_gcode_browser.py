"""The "G-code" tab of the real app in Debian's Chromium, driven by Playwright: check a program, see its toolpath
drawn by plotly, change the view, pick a block and see it highlighted, hover the path and read the block.

The whole app is served as `tutor serve` does (real embedding model, no language model: the tab needs none).
A screenshot lands in tests/artifacts/ (gitignored) so a failure can be looked at.
"""

from __future__ import annotations

import re

import pytest
from conftest import ARTIFACTS, write

from tutor.answering.llm import free_port
from tutor.facade import Tutor
from tutor.settings import load_settings
from tutor.ui.web.app import serve_app

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

# No M03 before cutting: line 4 is an error; line 6 is a half circle.
PROGRAM = """G21 G17 G40 G80 G90
T1 M06
G00 X0. Y0. Z5.
G01 Z-1. F100.
G01 X40. Y0.
G03 X40. Y20. I0. J10.
G01 X0.
G00 Z50.
M30
"""
HIGHLIGHT = "rgb(255, 0, 255)"  # tutor.gcode.plot.HIGHLIGHT as the browser writes it


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, model_dir):
    root = tmp_path_factory.mktemp("web-gcode")
    (root / "corpus").mkdir()
    settings = load_settings(
        home=root / "home", corpus_dir=root / "corpus", embedding_model=model_dir, llm_backend="none"
    )
    tutor = Tutor.from_settings(settings)
    port = free_port()
    demo = serve_app(tutor, port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_check_a_program_and_explore_its_toolpath(app_url, browser, tmp_path):
    program = write(tmp_path / "contour.nc", PROGRAM)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    page.get_by_role("tab", name="G-code").click()
    page.locator("#gcode-upload input[type=file]").set_input_files(str(program))
    page.wait_for_selector("#gcode-loaded:has-text('Programme chargé : contour.nc')", timeout=30_000)
    page.click("#gcode-check")

    # the plot is drawn by plotly (an SVG), next to the unchanged listing and counts
    page.wait_for_selector("#gcode-plot svg.main-svg", timeout=60_000)
    assert page.locator("#gcode-plot .scatterlayer .trace").count() >= 2  # the tool's cuts, its rapids
    assert "vue de dessus (XY)" in page.text_content("#gcode-plot .gtitle")
    assert "2 erreur(s)" in page.inner_text("#gcode-counts")
    assert "G03 X40. Y20. I0. J10." in page.inner_text("#gcode-listing")

    # another view
    page.locator("#gcode-view").get_by_text("XZ", exact=True).click()
    page.wait_for_selector("#gcode-plot .gtitle:has-text('vue de face (XZ)')", timeout=30_000)
    assert page.text_content("#gcode-plot .ytitle") == "Z (mm)"
    page.locator("#gcode-view").get_by_text("XY", exact=True).click()
    page.wait_for_selector("#gcode-plot .gtitle:has-text('vue de dessus (XY)')", timeout=30_000)

    # a finding picked in the list: its block is highlighted and its line number filled in
    page.click("#gcode-finding input")
    page.locator("[role=option]").filter(has_text="ligne 4 — Erreur : Usinage (G01) avec la broche arrêtée.").click()
    page.wait_for_selector("#gcode-plot .legendtext:has-text('ligne 4')", timeout=30_000)
    assert page.input_value("#gcode-line input") == "4"
    assert "Ligne 4 : G01 Z-1. F100. — 1 déplacement(s) en magenta." in page.inner_text("#gcode-plot-note")

    # a line typed in: the half circle drawn thick in magenta; hovering it shows its block
    page.fill("#gcode-line input", "6")
    page.press("#gcode-line input", "Enter")
    page.wait_for_selector("#gcode-plot .legendtext:has-text('ligne 6')", timeout=30_000)
    path = page.locator(f"#gcode-plot .scatterlayer path.js-line[style*='{HIGHLIGHT}']")
    points = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path.get_attribute("d"))]
    box = path.bounding_box()
    x, y = points[len(points) // 2]  # the middle of the arc, in the path's coordinates
    page.mouse.move(box["x"] + x - min(p[0] for p in points), box["y"] + y - min(p[1] for p in points))
    shown = "() => document.querySelector('#gcode-plot .hoverlayer')?.textContent.includes('ligne 6 : ')"
    page.wait_for_function(shown, timeout=10_000)
    hover = page.text_content("#gcode-plot .hoverlayer")  # before the screenshot, which moves the page
    page.screenshot(path=str(ARTIFACTS / "gcode.png"), full_page=True)
    assert "ligne 6 : G03 X40. Y20. I0. J10." in hover
    page.close()
