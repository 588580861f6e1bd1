"""Lexer, dialect and machine detection, the modal state block by block, and the program flow."""

import math

import pytest

from tutor.gcode.flow import run, units_of
from tutor.gcode.parse import Block, detect_dialect, detect_machine, parse


def words(text: str) -> list[tuple[tuple[str, str], ...]]:
    return [block.words for block in parse(text).blocks]


def states(text: str, machine: str = "mill") -> dict[int, dict]:
    """State after each executed block, by line (first execution)."""
    seen: dict[int, dict] = {}
    for step, interp, _main in run(parse(text), machine):
        seen.setdefault(
            step.block.line,
            {
                "units": interp.scale,
                "plane": interp.plane,
                "incremental": interp.incremental,
                "feed_mode": interp.feed_mode,
                "motion": interp.motion,
                "cutter": interp.cutter,
                "d": interp.d,
                "length": interp.length,
                "h": interp.h,
                "work": interp.work,
                "spindle": interp.spindle,
                "rpm": interp.rpm,
                "coolant": interp.coolant,
                "tool": interp.tool,
                "cycle": interp.cycle,
                "css": interp.css,
                "vc": interp.vc,
                "clamp": interp.clamp,
                "feed": interp.feed,
                "pos": (interp.x, interp.y, interp.z),
            },
        )
    return seen


# ---------------------------------------------------------------- lexing


def test_tape_marks_program_and_block_numbers_comments():
    program = parse("%\nO1008 (ALESAGE)\nN10 G21 G17 ; securite\n(commentaire seul)\n\nN20 G00 X1. (A) Y2. (B)\n%\n")
    assert [b.line for b in program.blocks] == [2, 3, 6]
    first, second, third = program.blocks
    assert first.words == (("O", "1008"),) and first.comment == "ALESAGE"
    assert second.words == (("N", "10"), ("G", "21"), ("G", "17")) and second.comment == "securite"
    assert third.words == (("N", "20"), ("G", "00"), ("X", "1."), ("Y", "2.")) and third.comment == "A B"
    assert program.lines[3] == "(commentaire seul)"


def test_whitespace_case_and_numbers_as_written():
    assert words("g1x10y-2.5  z .5\tf100") == [
        (("G", "1"), ("X", "10"), ("Y", "-2.5"), ("Z", ".5"), ("F", "100")),
    ]
    assert words("G0 1 X 1 0.") == [(("G", "01"), ("X", "10."))]  # blanks mean nothing in ISO
    assert words("X+3.") == [(("X", "+3."),)]


def test_block_delete():
    (block,) = parse("/N10 G00 X5.\n").blocks
    assert block.deleted and block.words == (("N", "10"), ("G", "00"), ("X", "5."))
    (block,) = parse("/2 M01\n").blocks
    assert block.deleted and block.words == (("M", "01"),)


def test_bad_text_and_macros_are_kept_apart():
    (block,) = parse("G01 X1.2.3 F100.\n").blocks
    assert block.words[:2] == (("G", "01"), ("X", "1.2")) and block.bad == (".3",)
    (block,) = parse("#1=10.\n").blocks
    assert block.words == () and block.extras == ("#1=10.",)
    (block,) = parse("G01 X#1 Y[#2+1.] F100.\n").blocks
    assert block.words == (("G", "01"), ("X", "#1"), ("Y", "[#2+1.]"), ("F", "100."))


def test_siemens_tokens():
    text = 'N80 MCALL CYCLE81(50.0, 0.0, 2.0, -4.75, )\nN90 G2 X8.0 Y50.0 CR=8.0\nT="FRAISE" D1 LIMS=3000\n'
    program = parse(text, "sinumerik")
    mcall, arc, tool = program.blocks
    assert mcall.extras == ("MCALL", "CYCLE81(50.0, 0.0, 2.0, -4.75,)")
    assert arc.words == (("N", "90"), ("G", "2"), ("X", "8.0"), ("Y", "50.0")) and arc.extras == ("CR=8.0",)
    assert tool.extras == ('T="FRAISE"', "LIMS=3000") and tool.words == (("D", "1"),)


def test_heidenhain_is_not_parsed():
    program = parse("0 BEGIN PGM X MM\n1 L X+10 R0 FMAX\n2 END PGM X MM\n")
    assert program.dialect == "heidenhain" and program.blocks == () and len(program.lines) == 3


def test_nested_brackets_stay_one_word():
    (block,) = parse("G01 X[#1+[#2*2.]] Y[1] F100.\n").blocks
    assert block.words == (("G", "01"), ("X", "[#1+[#2*2.]]"), ("Y", "[1]"), ("F", "100.")) and block.bad == ()


@pytest.mark.parametrize("line", ["o100 sub", "O101 WHILE [#1 LT 3]", "o<probe> call [2]", "o100 endsub"])
def test_o_word_control_lines_are_no_program_number(line):
    (block,) = parse(line + "\n").blocks
    assert block.words == () and block.extras == (" ".join(line.upper().split()),) and block.bad == ()


def test_block_value():
    block = Block(1, "G01 X1.", (("G", "01"), ("X", "1.")))
    assert block.value("X") == "1." and block.value("Y") is None


@pytest.mark.parametrize(
    ("text", "suffix", "dialect"),
    [
        ("G00 X0.\n", "", "iso"),
        ("G00 X0.\n", ".mpf", "sinumerik"),
        ("N10 MCALL CYCLE81(1,2,3,4,)\n", "", "sinumerik"),
        ("G2 X1 Y1 CR=5\n", ".nc", "sinumerik"),
        ("0 BEGIN PGM P MM\n", "", "heidenhain"),
        ("anything", ".h", "heidenhain"),
        # A CAM post's tool line: Siemens-looking words inside an ISO comment decide nothing.
        ("%\nO1001\n(T1 D=0.5 CR=0. - ZMIN=-0.45 - flat end mill)\nG90 G54 G00 X0. Y0.\n", "", "iso"),
        ("G17 G90 ; MSG(pas un appel) CR=1\nG00 X0.\n", "", "iso"),
        ('N10 MSG ("Ebauche")\nG0 X0\n', "", "sinumerik"),
        # LinuxCNC: o-words, named parameters, its own G codes and comment commands, the .ngc suffix.
        ("o100 sub\nG1 X[#1*2] F100\no100 endsub\no100 call [2]\nM2\n", "", "linuxcnc"),
        ("#<depth> = 2.5\nG1 Z-#<depth> F100\nM2\n", "", "linuxcnc"),
        ("G17 G21 G64 P0.01\nG0 X0 Y0\nM2\n", "", "linuxcnc"),
        ("G38.2 Z-10 F50\nM2\n", "", "linuxcnc"),
        ("(MSG, Ebauche terminée)\nG0 X0\nM2\n", "", "linuxcnc"),
        ("G18 G7\nG0 X20 Z2\nM2\n", "", "linuxcnc"),
        ("G0 X0\n", ".ngc", "linuxcnc"),
        # ... but not in a Fanuc comment, nor Fanuc's own G07 (an axis word follows) or G07.1.
        ("O1000 (o100 sub #<x> G64 P1)\nG0 X0.\nM30\n", "", "iso"),
        ("G07 C10.\nG07.1 C20.\nM30\n", "", "iso"),
    ],
)
def test_dialect(text, suffix, dialect):
    assert detect_dialect(text, suffix) == dialect


@pytest.mark.parametrize(
    ("text", "machine"),
    [
        ("G21 G18 G40 G80 G99\nT0101\nG96 S200 M03\n", "lathe"),
        ("G28 U0. W0.\nT0202\n", "lathe"),
        ("G71 P100 Q200 U0.4 W0.1 F0.25\n", "lathe"),
        ("G21 G17 G40 G49 G80 G90\nT1 M06\nG43 H1 Z50.\n", "mill"),
        ("G00 X10. Y10.\n", "mill"),
        ("", "mill"),
        ("G18 G7 G21\nT1 M6\nG0 X20 Z2\nM2\n", "lathe"),  # LinuxCNC: diameter mode means a lathe
        ("G8\nG0 X10 Z2\nM2\n", "lathe"),
    ],
)
def test_machine(text, machine):
    assert detect_machine(parse(text)) == machine


# ---------------------------------------------------------------- modal state

MILL = """%
O1
N10 G21 G17 G40 G49 G80 G90 G94
N20 T5 M06
N30 G54 G00 X0. Y0. S1200 M03
N40 G43 H5 Z50. M08
N50 G91 G01 Z-10. F200.
N60 G90 G41 D5 X10.
N70 G02 X20. Y10. I0. J10.
N80 G18
N90 G40 G17 G01 X0. Y0.
N100 G98 G83 X5. Y5. Z-20. R2. Q5. F80.
N110 G80
N120 G20 G55
N130 G95 M05 M09
N140 M30
%
"""


def test_modal_state_block_by_block():
    s = states(MILL)
    assert s[3]["units"] == 1.0 and s[3]["plane"] == 170 and s[3]["cutter"] == 400 and s[3]["length"] == 490
    assert s[4]["tool"] == "T05" and s[4]["spindle"] == 5
    assert s[5]["work"] == 540 and s[5]["motion"] == 0 and s[5]["spindle"] == 3 and s[5]["rpm"] == 1200
    assert s[5]["pos"][:2] == (0.0, 0.0) and math.isnan(s[5]["pos"][2])
    assert s[6]["length"] == 430 and s[6]["h"] == 5 and s[6]["coolant"] is True and s[6]["pos"][2] == 50.0
    assert s[7]["incremental"] and s[7]["motion"] == 10 and s[7]["feed"] == 200.0 and s[7]["pos"][2] == 40.0
    assert not s[8]["incremental"] and s[8]["cutter"] == 410 and s[8]["d"] == 5 and s[8]["pos"][0] == 10.0
    assert s[9]["motion"] == 20 and s[9]["pos"][:2] == (20.0, 10.0)
    assert s[10]["plane"] == 180
    assert s[11]["plane"] == 170 and s[11]["cutter"] == 400
    assert s[12]["cycle"] == 830 and s[12]["pos"] == (5.0, 5.0, 40.0)  # G98: back to the initial level
    assert s[13]["cycle"] is None
    assert s[14]["units"] == 25.4 and s[14]["work"] == 550
    assert s[15]["feed_mode"] == "rev" and s[15]["spindle"] == 5 and s[15]["coolant"] is False


LATHE = """%
O2
N10 G21 G18 G40 G80 G99
N20 G28 U0. W0.
N30 T0303
N40 G50 S2500
N50 G96 S200 M04
N60 G00 X50. Z2.
N70 G01 U-4. W-10. F0.2
N80 G97 S800
N90 M30
%
"""


def test_lathe_state_css_clamp_and_incremental_words():
    s = states(LATHE, "lathe")
    assert s[3]["feed_mode"] == "rev" and s[3]["plane"] == 180
    assert s[5]["tool"] == "T03"
    assert s[6]["clamp"] == 2500 and not s[6]["css"]
    assert s[7]["css"] and s[7]["vc"] == 200 and s[7]["spindle"] == 4
    assert s[9]["pos"] == (46.0, s[9]["pos"][1], -8.0) and s[9]["feed"] == 0.2
    assert not s[10]["css"] and s[10]["rpm"] == 800


# ---------------------------------------------------------------- program flow

SUB = """%
O1
G21 G17 G40 G80 G90
T1 M06
G54 G00 X0. Y0. S1000 M03
G43 H1 Z2. M08
M98 P39001
G90 G00 Z50.
M30
%
O9001
G91 G01 Z-3. F100.
X10.
G00 Z3.
M99
%
"""


def test_units_and_subprogram_repeats():
    blocks = parse(SUB).blocks
    assert [(lo, hi, n) for lo, hi, n in units_of(blocks)] == [(0, 8, 1), (8, 13, 9001)]
    lines = [step.block.line for step, _, _ in run(parse(SUB), "mill")]
    assert lines.count(13) == 3  # "X10." three times
    assert lines.index(13) > lines.index(7) and lines[-1] == 9  # back in the main program to M30


def test_subprogram_position_accumulates_in_g91():
    final = None
    for _step, interp, _main in run(parse(SUB), "mill"):
        final = (interp.x, interp.z)
    assert final == (30.0, 50.0)


PROFILE = """%
O3
N10 G21 G18 G40 G80 G99
N20 T0101
N30 G50 S2000
N40 G97 S1000 M03
N50 G00 X40. Z2. M08
N60 G71 U1. R0.5
N70 G71 P100 Q120 U0.4 W0.1 F0.2
N100 G00 X20.
N110 G01 Z-10. F0.1
N120 X40.
N130 G70 P100 Q120
N140 G00 X100. Z100.
N150 M30
%
"""


def test_g71_skips_its_profile_and_g70_replays_it():
    lines = [step.block.line for step, _, main in run(parse(PROFILE), "lathe")]
    assert lines == [2, 3, 4, 5, 6, 7, 8, 9, 13, 10, 11, 12, 14, 15]


def test_never_called_subprogram_is_run_out_of_context():
    text = "G21 G17 G40 G80 G90\nM30\n%\nO9\nG02 X1. Y1.\nM99\n"
    result = [(step.block.line, main, interp.known) for step, interp, main in run(parse(text), "mill")]
    assert result[-2:] == [(5, False, False), (6, False, False)]


def test_recursive_calls_stop():
    text = "O1\nM98 P1\nM30\n"
    steps = list(run(parse(text), "mill"))
    assert 0 < len(steps) < 100
