"""`tutor gcode check|explain` through its runner: exit codes, exact output, the stable JSON, stdin."""

import json
from pathlib import Path

from conftest import write
from typer.testing import CliRunner

from tutor.settings import PROJECT_ROOT
from tutor.ui.cli.gcode import gcode_app

CORPUS = PROJECT_ROOT / "corpus" / "gcode"
CLEAN = "%\nO1\nG21 G17 G40 G49 G80 G90\nT1 M06\nG54 G00 X0. Y0. S1000 M03\nG43 H1 Z5. M08\nG01 Z-1. F100.\nG00 Z50. M09\nM05\nM30\n%\n"
BROKEN = "G21 G17 G40 G80 G90\nG01 X10 F100.\nM30\n"


def run(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(gcode_app, list(args), input=stdin)


def test_check_clean_file(tmp_path: Path):
    path = tmp_path / "propre.nc"
    path.write_text(CLEAN, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert result.output == f"{path} (ISO (Fanuc)) : 0 erreur(s), 0 avertissement(s), 0 information(s)\n"


def test_check_errors_exit_1_with_hints():
    result = run("check", "-", stdin=BROKEN)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "entrée standard (ISO (Fanuc)) : 1 erreur(s), 1 avertissement(s), 1 information(s)"
    assert lines[1] == "ligne 2 [erreur · règle Fanuc] SPINDLE_STOPPED : Usinage (G01) avec la broche arrêtée."
    assert lines[2] == "    conseil : Mettez la broche en rotation (S... M03 ou M04) avant d'usiner."
    assert lines[3].startswith("ligne 2 [avertissement · règle Fanuc] NO_DECIMAL_POINT : X10 sans point décimal")
    assert (
        lines[5]
        == "ligne 2 [info · règle Fanuc] NO_COOLANT : Usinage sans arrosage : M08 n'a pas été programmé avant cette passe."
    )


def test_check_json_is_stable():
    result = run("check", "-", "--json", stdin=BROKEN)
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert list(payload) == ["findings", "summary"]
    assert payload["findings"][0] == {
        "line": 2,
        "severity": "error",
        "code": "SPINDLE_STOPPED",
        "message": "Usinage (G01) avec la broche arrêtée.",
        "hint": "Mettez la broche en rotation (S... M03 ou M04) avant d'usiner.",
        "dialect": "iso",
    }
    summary = payload["summary"]
    assert list(summary) == [
        "dialect", "machine", "machine_detected", "blocks", "tools", "work_offsets", "spindle_rpm",
        "cutting_speed_m_min", "spindle_clamp_rpm", "feed_mm_min", "feed_mm_rev", "envelope_mm",
        "path_length_mm", "cycle_time_s", "rapid_rate_mm_min", "moves_not_estimated", "notes",
    ]  # fmt: skip
    assert (
        summary["machine"] == "mill"
        and summary["blocks"] == 3
        and summary["feed_mm_min"] == {"min": 100.0, "max": 100.0}
    )


def test_machine_option_and_rapid_rate():
    lathe = run(
        "check", "-", "--machine", "lathe", "--json", stdin="G21 G18 G40 G80\nG96 S200 M03\nG01 X10. F0.2\nM30\n"
    )
    assert json.loads(lathe.output)["summary"]["machine"] == "lathe"
    assert "CSS_NO_CLAMP" in [f["code"] for f in json.loads(lathe.output)["findings"]]
    french = run("check", "-", "-m", "tour", "--json", stdin="G00 X1.\n")
    assert json.loads(french.output)["summary"]["machine"] == "lathe"
    rapid = run("check", "-", "--json", "--rapid", "5000", stdin=CLEAN)
    assert json.loads(rapid.output)["summary"]["rapid_rate_mm_min"] == 5000.0


def flat(output: str) -> str:
    """Typer draws usage errors in a box that wraps lines: compare the words only."""
    return " ".join(output.replace("│", " ").split())


def test_bad_options_are_refused_in_french():
    result = run("check", "-", "--machine", "robot", stdin="")
    assert result.exit_code == 2 and "machine inconnue « robot » (attendu : mill ou lathe)" in flat(result.output)
    result = run("check", "-", "--rapid", "0", stdin="")
    assert result.exit_code == 2 and "la vitesse rapide doit être positive (mm/min)" in flat(result.output)


def test_unreadable_files_exit_2_in_one_line(tmp_path: Path):
    missing = run("check", str(tmp_path / "absent.nc"))
    assert missing.exit_code == 2 and missing.output == f"Erreur : fichier introuvable : {tmp_path / 'absent.nc'}\n"
    folder = run("explain", str(tmp_path))
    assert folder.exit_code == 2 and folder.output == f"Erreur : {tmp_path} est un dossier, pas un programme\n"
    binary = tmp_path / "image.nc"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    result = run("check", str(binary))
    assert (
        result.exit_code == 2
        and result.output == f"Erreur : {binary} est un fichier binaire, pas un programme CN en texte\n"
    )


def test_latin1_file_is_read(tmp_path: Path):
    path = tmp_path / "ancien.nc"
    path.write_bytes(CLEAN.replace("O1", "O1 (ÉBAUCHE)").encode("latin-1"))
    assert run("check", str(path)).exit_code == 0


def test_explain_output():
    result = run("explain", "-", stdin=CLEAN)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:4] == [
        "    1  %",
        "    2  O1",
        "       → Programme O1.",
        "    3  G21 G17 G40 G49 G80 G90",
    ]
    assert "       → Interpolation linéaire (G01) vers Z-1, avance 100 mm/min." in lines
    assert "Constats : 0 erreur(s), 0 avertissement(s), 0 information(s)" in lines
    assert "Outils : T01 (H01)" in lines


def test_explain_shows_findings_under_their_line_and_exits_1():
    result = run("explain", "-", stdin=BROKEN)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = lines.index("    2  G01 X10 F100.")
    assert lines[at + 1] == "       → Interpolation linéaire (G01) vers X10, avance 100 mm/min."
    assert (
        lines[at + 2] == "       ligne 2 [erreur · règle Fanuc] SPINDLE_STOPPED : Usinage (G01) avec la broche arrêtée."
    )


def test_explain_json_adds_the_lines():
    payload = json.loads(run("explain", "-", "--json", stdin=CLEAN).output)
    assert list(payload) == ["findings", "summary", "lines"]
    assert payload["lines"][1] == {"line": 2, "text": "O1", "explanation": "Programme O1."}


def test_every_corpus_program_passes_check():
    for path in sorted(CORPUS.iterdir()):
        result = run("check", str(path))
        assert result.exit_code == 0, result.output


def test_heidenhain_is_an_information():
    result = run("check", str(CORPUS / "heidenhain-contour-cc-c.h"))
    assert result.exit_code == 0
    assert "[info · règle Heidenhain] UNSUPPORTED_DIALECT : Dialecte non pris en charge" in result.output


PNG = b"\x89PNG\r\n\x1a\n"


def test_plot_writes_a_png_and_says_what_it_drew(tmp_path: Path):
    program = tmp_path / "propre.nc"
    program.write_text(CLEAN, encoding="utf-8")
    target = tmp_path / "propre.png"
    result = run("plot", str(program), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Tracé écrit : {target} (vue de dessus (XY), 2 déplacement(s) ; 0 erreur(s), 0 avertissement(s) marqué(s))\n"
    )
    assert target.read_bytes()[:8] == PNG


def test_plot_svg_and_html_with_view_machine_and_highlight(tmp_path: Path):
    svg = tmp_path / "tour.SVG"
    lathe = "G21 G18 G40 G80 G99\nT0101\nG97 S800 M03\nG00 X40. Z2.\nG01 Z-20. F0.2\nG00 X100. Z100.\nM30\n"
    result = run("plot", "-", "-o", str(svg), "--view", "PROFIL", "--machine", "tour", "--highlight", "5", stdin=lathe)
    assert result.exit_code == 0 and "(profil de tournage (Z, X), 2 déplacement(s)" in result.output
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    html = tmp_path / "broken.html"
    broken = "G21 G17 G40 G80 G90\nG00 X0. Y0. Z5.\nG01 X10 F100.\nM30\n"
    result = run("plot", "-", "-o", str(html), "--highlight", "1", stdin=broken)
    assert result.exit_code == 0  # a drawing was made, whatever the program's errors
    assert "(vue de dessus (XY), 1 déplacement(s) ; 1 erreur(s), 1 avertissement(s) marqué(s))" in result.output
    assert result.output.endswith("Attention : la ligne 1 n'a aucun déplacement tracé.\n")
    assert "ligne 3 — erreur : Usinage (G01) avec la broche arrêtée." in html.read_text(encoding="utf-8")


def test_plot_errors_are_one_french_line(tmp_path: Path):
    unknown = run("plot", "-", "-o", str(tmp_path / "x.pdf"), stdin=CLEAN)
    assert unknown.exit_code == 2
    assert unknown.output == "Erreur : format de sortie inconnu « .pdf » (attendu : .png, .svg ou .html)\n"
    empty = run("plot", "-", "-o", str(tmp_path / "x.png"), stdin="G21 G90\nM30\n")
    assert empty.exit_code == 2 and empty.output == "Erreur : aucun déplacement à tracer dans entrée standard\n"
    missing = run("plot", str(tmp_path / "absent.nc"), "-o", str(tmp_path / "x.png"))
    assert missing.exit_code == 2 and missing.output == f"Erreur : fichier introuvable : {tmp_path / 'absent.nc'}\n"
    folder = run("plot", "-", "-o", str(tmp_path / "nowhere" / "x.png"), stdin=CLEAN)
    assert folder.exit_code == 2 and folder.output.startswith("Erreur : écriture impossible : ")
    view = run("plot", "-", "-o", str(tmp_path / "x.png"), "--view", "dessus", stdin=CLEAN)
    assert view.exit_code == 2 and "vue inconnue « dessus »" in flat(view.output)
    line = run("plot", "-", "-o", str(tmp_path / "x.png"), "--highlight", "0", stdin=CLEAN)
    assert line.exit_code == 2 and "le numéro de ligne commence à 1" in flat(line.output)
    assert not (tmp_path / "x.png").exists()


def test_dialect_option_forces_the_rules_and_names_them(tmp_path):
    program = write(tmp_path / "prog.nc", "G21 G17 G90 G94 G40 G49 G80\nT1 M6\nG43 H1 Z50\nG64 P0.01\nG0 X0 Y0\nM30\n")
    detected = run("check", str(program))
    assert "(LinuxCNC (RS274/NGC))" in detected.output.splitlines()[0]  # G64 P: LinuxCNC
    forced = run("check", str(program), "--dialect", "fanuc")
    assert "(ISO (Fanuc))" in forced.output and "règle Fanuc" in forced.output
    assert json.loads(run("check", str(program), "-d", "fanuc", "--json").output)["findings"][0]["dialect"] == "iso"
    refused = run("check", str(program), "--dialect", "okuma")
    assert refused.exit_code == 2 and "dialecte inconnu" in refused.output
