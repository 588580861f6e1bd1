"""`tutor gcode check|explain` through its runner: exit codes, exact output, the stable JSON, stdin."""

import json
from pathlib import Path

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
    assert result.output == f"{path} : 0 erreur(s), 0 avertissement(s), 0 information(s)\n"


def test_check_errors_exit_1_with_hints():
    result = run("check", "-", stdin=BROKEN)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "entrée standard : 1 erreur(s), 1 avertissement(s), 1 information(s)"
    assert lines[1] == "ligne 2 [erreur] SPINDLE_STOPPED : Usinage (G01) avec la broche arrêtée."
    assert lines[2] == "    conseil : Mettez la broche en rotation (S... M03 ou M04) avant d'usiner."
    assert lines[3].startswith("ligne 2 [avertissement] NO_DECIMAL_POINT : X10 sans point décimal")
    assert (
        lines[5] == "ligne 2 [info] NO_COOLANT : Usinage sans arrosage : M08 n'a pas été programmé avant cette passe."
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
    assert lines[at + 2] == "       ligne 2 [erreur] SPINDLE_STOPPED : Usinage (G01) avec la broche arrêtée."


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
    assert "[info] UNSUPPORTED_DIALECT : Dialecte non pris en charge" in result.output
