"""Programs in the styles met in workshops (CAM posts, Haas, Macro B, LinuxCNC o-words, lathes, Sinumerik), written
for this test set by an author who never read the checker (tests/gcode/programs/README.md): the clean ones must
give no error and no warning, the one with planted defects exactly those defects."""

from pathlib import Path

import pytest

from tutor.gcode.check import check

PROGRAMS = Path(__file__).parent / "programs"
CLEAN = {
    "fanuc_cam_pocket.nc": ("iso", "mill"),
    "fanuc_cam_inch.nc": ("iso", "mill"),
    "haas_mill_contour.nc": ("iso", "mill"),
    "fanuc_lathe_cam.nc": ("iso", "lathe"),
    "fanuc_lathe_manual.nc": ("iso", "lathe"),
    "macro_b_bolt_circle.nc": ("iso", "mill"),
    "macro_b_params.nc": ("iso", "mill"),
    "linuxcnc_mill_subs.ngc": ("linuxcnc", "mill"),
    "linuxcnc_mill_probe.ngc": ("linuxcnc", "mill"),
    "linuxcnc_lathe.ngc": ("linuxcnc", "lathe"),
    "linuxcnc_lathe_radius.ngc": ("linuxcnc", "lathe"),
    "sinumerik_mill.mpf": ("sinumerik", "mill"),
}
PLANTED = {
    (20, "FEED_MISSING"),
    (22, "ARC_END_MISMATCH"),
    (33, "TOOL_CHANGE_SPINDLE_ON"),
    (50, "NO_LENGTH_COMP"),
    (52, "PECK_NO_Q"),
    (62, "MISSING_END"),
}


def test_every_program_of_the_set_is_listed():
    assert {p.name for p in PROGRAMS.iterdir() if p.suffix != ".md"} == {*CLEAN, "fanuc_mill_with_errors.nc"}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_programs_give_no_error_nor_warning(name):
    path = PROGRAMS / name
    text = path.read_text(encoding="utf-8")
    report = check(text, suffix=path.suffix)
    assert (report.summary.dialect, report.summary.machine) == CLEAN[name]
    alarms = [(f.line, f.code, f.message) for f in report.findings if f.severity != "info"]
    assert alarms == []
    # the dialect found without the file's suffix too (a program pasted in the web app has none)
    assert (check(text).summary.dialect, check(text).summary.machine) == CLEAN[name]
    assert report.summary.feed_length > 0 and report.summary.cycle_time > 0


def test_planted_defects_are_found_and_nothing_else():
    report = check((PROGRAMS / "fanuc_mill_with_errors.nc").read_text(encoding="utf-8"))
    found = {(f.line, f.code) for f in report.findings}
    assert found == PLANTED
    defect_lines = {
        number
        for number, line in enumerate((PROGRAMS / "fanuc_mill_with_errors.nc").read_text().splitlines(), start=1)
        if "DEFECT" in line
    }
    assert {line for line, _ in PLANTED} == defect_lines
