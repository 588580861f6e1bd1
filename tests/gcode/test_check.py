"""Every check: a minimal program that triggers it and one that does not; the corpus; never a crash."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tutor.gcode.findings as findings
from tutor.gcode.check import SEVERITY, check
from tutor.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus" / "gcode"

HEAD = """%
O1000
N10 G21 G17 G40 G49 G80 G90
N20 T1 M06
N30 G54 G00 X0. Y0. S1000 M03
N40 G43 H1 Z50. M08
N50 Z2.
"""
TAIL = """G00 Z50. M09
M05
G91 G28 Z0.
G90
M30
%
"""
LATHE_HEAD = """%
O2000
N10 G21 G18 G40 G80 G99
N20 G28 U0. W0.
N30 T0101
"""
LATHE_TAIL = """G00 X100. Z100. M09
M05
G28 U0. W0.
M30
%
"""


def mill(body: str = "", head: str = HEAD, tail: str = TAIL) -> str:
    return head + body + tail


def lathe(body: str) -> str:
    return LATHE_HEAD + body + LATHE_TAIL


def codes(text: str, machine: str | None = None, suffix: str = "") -> list[str]:
    return [f.code for f in check(text, machine=machine, suffix=suffix).findings]  # type: ignore[arg-type]


CASES = [
    ("MODAL_CONFLICT", mill("G00 G01 X10. F100.\n"), mill("G01 X10. F100.\n")),
    ("MODAL_CONFLICT", mill("M03 M05\n"), mill("M03 M08\n")),
    ("UNKNOWN_G", mill("G07 X10.\n"), mill("G00 X10.\n")),
    ("UNKNOWN_M", mill("M123\n"), mill("M01\n")),
    ("DUPLICATE_WORD", mill("G01 X10. X20. F100.\n"), mill("G01 X20. F100.\n")),
    ("BAD_WORD", mill("G01 X1.2.3 F100.\n"), mill("G01 X1.2 F100.\n")),
    ("BAD_WORD", mill("G01 X10. F100. ABC\n"), mill("G01 X10. F100.\n")),
    ("SPINDLE_STOPPED", mill("M05\nG01 Z-1. F100.\nM03\n"), mill("G01 Z-1. F100.\n")),
    (
        "SPINDLE_STOPPED",
        mill("M05\nG98 G81 X5. Y5. Z-3. R2. F80.\nG80\n"),
        mill("G98 G81 X5. Y5. Z-3. R2. F80.\nG80\n"),
    ),
    ("FEED_MISSING", mill("G01 Z-1.\n"), mill("G01 Z-1. F100.\n")),
    ("FEED_MISSING", mill("G01 Z-1. F0\n"), mill("G01 Z-1. F1.\n")),
    (
        "ARC_END_MISMATCH",
        mill("G01 X10. Y0. F100.\nG03 X0. Y10.1 I-10. J0.\n"),
        mill("G01 X10. Y0. F100.\nG03 X0. Y10. I-10. J0.\n"),
    ),
    (
        "ARC_RADIUS_INVALID",
        mill("G01 X0. Y0. F100.\nG02 X30. Y0. R5.\n"),
        mill("G01 X0. Y0. F100.\nG02 X10. Y0. R5.\n"),
    ),
    ("ARC_RADIUS_INVALID", mill("G01 X0. Y0. F100.\nG02 X0. Y0. R5.\n"), mill("G01 X0. Y0. F100.\nG02 I5. J0.\n")),
    ("ARC_NO_CENTER", mill("G01 X0. Y0. F100.\nG02 X10. Y0.\n"), mill("G01 X0. Y0. F100.\nG02 X10. Y0. R5.\n")),
    (
        "COMP_ON_ARC",
        mill("G01 X0. Y0. F100.\nG41 D1 G02 X10. Y0. R5.\nG40 G01 X0.\n"),
        mill("G01 X0. Y0. F100.\nG41 D1 G01 X10. Y0.\nG02 X20. Y0. R5.\nG40 G01 X30.\n"),
    ),
    (
        "COMP_ON_ARC",
        mill("G01 X0. Y0. F100.\nG41 D1 G01 X10. Y0.\nG40 G02 X20. Y0. R5.\n"),
        mill("G01 X0. Y0. F100.\nG41 D1 G01 X10. Y0.\nG40\nG01 X20.\n"),
    ),
    ("COMP_NO_D", mill("G41 G01 X10. F100.\nG40 G01 X0.\n"), mill("G41 D1 G01 X10. F100.\nG40 G01 X0.\n")),
    ("COMP_NO_D", mill("G41 D0 G01 X10. F100.\nG40 G01 X0.\n"), mill("G42 D1 G01 X10. F100.\nG40 G01 X0.\n")),
    (
        "COMP_PLANE_G19",
        mill("G19\nG41 D1 G01 Y10. F100.\nG40 G01 Y0.\nG17\n"),
        mill("G41 D1 G01 Y10. F100.\nG40 G01 Y0.\n"),
    ),
    (
        "G28_WITH_COMP",
        mill("G41 D1 G01 X10. F100.\nG91 G28 Z0.\nG90 G40\n"),
        mill("G41 D1 G01 X10. F100.\nG40 G01 X0.\nG91 G28 Z0.\nG90\n"),
    ),
    (
        "NO_LENGTH_COMP",
        mill("M05\nG91 G28 Z0.\nG90\nT2 M06\nG00 X0. Y0. S1000 M03\nZ50.\n"),
        mill("M05\nG91 G28 Z0.\nG90\nT2 M06\nG00 X0. Y0. S1000 M03\nG43 H2 Z50.\n"),
    ),
    (
        "NO_LENGTH_COMP",
        mill("M05\nT2 M06\nS1000 M03\nG98 G81 X5. Y5. Z-3. R2. F80.\nG80\n"),
        mill("M05\nT2 M06\nS1000 M03\nG43 H2 Z50.\nG98 G81 X5. Y5. Z-3. R2. F80.\nG80\n"),
    ),
    (
        "PECK_NO_Q",
        mill("G98 G83 X10. Y10. Z-20. R2. F100.\nG80\n"),
        mill("G98 G83 X10. Y10. Z-20. R2. Q5. F100.\nG80\n"),
    ),
    (
        "TAP_SPINDLE_DIRECTION",
        mill("S500 M04\nG98 G84 X10. Y10. Z-10. R5. F625.\nG80\n"),
        mill("S500 M03\nG98 G84 X10. Y10. Z-10. R5. F625.\nG80\n"),
    ),
    (
        "TAP_SPINDLE_DIRECTION",
        mill("S500 M03\nG98 G74 X10. Y10. Z-10. R5. F625.\nG80\n"),
        mill("S500 M04\nG98 G74 X10. Y10. Z-10. R5. F625.\nG80\n"),
    ),
    (
        "CSS_NO_CLAMP",
        lathe("G96 S200 M03\nG00 X40. Z2. M08\nG01 Z-10. F0.2\n"),
        lathe("G50 S2500\nG96 S200 M03\nG00 X40. Z2. M08\nG01 Z-10. F0.2\n"),
    ),
    ("MISSING_END", mill(tail="G00 Z50. M09\nM05\n"), mill()),
    (
        "CYCLE_NOT_CANCELLED",
        mill("G98 G81 X10. Y10. Z-5. R2. F100.\nG00 Z50.\n"),
        mill("G98 G81 X10. Y10. Z-5. R2. F100.\nG80\nG00 Z50.\n"),
    ),
    (
        "CYCLE_NOT_CANCELLED",
        mill("G98 G81 X10. Y10. Z-5. R2. F100.\nZ20.\nG80\n"),
        mill("G98 G81 X10. Y10. Z-5. R2. F100.\nX20.\nG80\n"),
    ),
    (
        "CYCLE_NOT_CANCELLED",
        mill("G98 G81 X10. Y10. Z-5. R2. F100.\nM05\nG80\n"),
        mill("G98 G81 X10. Y10. Z-5. R2. F100.\nG80\nM05\n"),
    ),
    ("NO_DECIMAL_POINT", mill("G01 X10 F100.\n"), mill("G01 X10. Y0 F100.\n")),
    ("NO_DECIMAL_POINT", mill("G04 X2\n"), mill("G04 X2.\nG04 P2000\n")),
    (
        "TOOL_CHANGE_SPINDLE_ON",
        mill("T2 M06\nG43 H2 Z50.\n"),
        mill("M05\nT2 M06\nS1000 M03\nG43 H2 Z50.\n"),
    ),
    ("TOOL_NO_M06", mill("G01 Z-1. F100.\n", head=HEAD.replace("T1 M06", "T1")), mill("G01 Z-1. F100.\n")),
    ("H_TOOL_MISMATCH", mill(head=HEAD.replace("H1", "H2")), mill()),
    ("MISSING_UNITS", mill(head=HEAD.replace("G21 ", "")), mill()),
    ("MISSING_SAFETY_LINE", mill(head=HEAD.replace("G40 G49 G80 ", "")), mill()),
    ("NO_COOLANT", mill("G01 Z-1. F100.\n", head=HEAD.replace(" M08", "")), mill("G01 Z-1. F100.\n")),
    (
        "EXTERNAL_SUBPROGRAM",
        mill("M98 P1234\n"),
        mill("M98 P1234\n") + "O1234\nG91 G01 X1. F100.\nG90\nM99\n%\n",
    ),
    (
        "MACRO_NOT_INTERPRETED",
        mill("WHILE [#1 LT 3] DO1\n#1=[#1+1]\nEND1\nG01 X#1 F100.\n"),
        mill("#1=10.\nG01 X#1 F100.\n"),
    ),
]


@pytest.mark.parametrize(("code", "bad", "good"), CASES, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_check_triggers_and_does_not(code, bad, good):
    machine = "lathe" if code == "CSS_NO_CLAMP" else "mill"
    report = check(bad, machine=machine)
    found = [f for f in report.findings if f.code == code]
    assert found, [f.code for f in report.findings]
    assert all(f.severity == SEVERITY[code] and f.message and f.hint for f in found)
    assert code not in codes(good, machine)


def test_base_programs_are_clean():
    assert check(mill()).findings == ()
    assert check(lathe("G50 S2500\nG96 S200 M03\nG00 X40. Z2. M08\nG01 Z-10. F0.2\n")).findings == ()


def test_dialect_findings():
    report = check("0 BEGIN PGM P MM\n1 L X+10 R0 FMAX\n2 END PGM P MM\n")
    assert [(f.line, f.severity, f.code) for f in report.findings] == [(1, "info", "UNSUPPORTED_DIALECT")]
    assert report.findings[0].message.startswith("Dialecte non pris en charge")
    assert codes("G17 G40 G90 G71\nTRANS X10\nM30\n", suffix=".mpf") == ["UNSUPPORTED_INSTRUCTION"]
    assert codes("G17 G40 G90 G71\nG0 X0 Y0\nM30\n", suffix=".mpf") == []
    assert codes("") == ["EMPTY_PROGRAM"] and codes("%\n(rien)\n%\n") == ["EMPTY_PROGRAM"]


def test_sinumerik_needs_no_g43_but_a_d():
    head = "G17 G40 G90 G71 G94\nG54\nT3 M6\n"
    good = head + "D1\nS5000 M3\nG0 X0 Y0 Z50 M8\nG1 Z-1 F100\nG0 Z50 M9\nM5\nM30\n"
    assert codes(good, suffix=".mpf") == []
    assert "NO_LENGTH_COMP" in codes(good.replace("D1\n", ""), suffix=".mpf")


@pytest.mark.parametrize(
    ("end", "radius", "error"),
    [
        ("X0. Y100.02", 100.0, False),  # 0.02 mm and 0.02 %: accepted
        ("X0. Y100.03", 100.0, False),  # 0.03 mm > 2 x 0.01 x sqrt(2) = 0.0283 mm, but only 0.03 % of the radius
        ("X0. Y10.02", 10.0, False),  # 0.2 % of the radius, but 0.02 mm < 0.0283 mm: both are needed
        ("X0. Y0.502", 0.5, False),  # a CAM post's rounding on a small fillet: 0.4 %, 0.002 mm
        ("X0. Y10.05", 10.0, True),  # 0.05 mm and 0.5 %
        ("X0. Y5003.", 5000.0, True),  # 3 mm, 0.06 %: more than 100 tolerances (2.83 mm) is refused anyway
        ("X0. Y58.9", 50.0, True),  # the 8.9 mm mistake found in a real program
    ],
)
def test_arc_tolerance_as_linuxcnc(end, radius, error):
    body = f"G01 X{radius:.1f} Y0. F100.\nG03 {end} I-{radius:.1f} J0.\n"
    assert ("ARC_END_MISMATCH" in codes(mill(body))) == error


def test_spindle_stopped_once_per_stretch():
    body = "M05\nG01 Z-1. F100.\nX10.\nY10.\nX0.\nM03\nG01 X20.\nM05\nG01 Y20.\nY30.\nM03\n"
    found = [f for f in check(mill(body)).findings if f.code == "SPINDLE_STOPPED"]
    assert [f.line for f in found] == [9, 16]  # the first cut of each stretch, not every block


def test_lathe_arc_in_radius_and_diameter():
    # From D30 Z-30 to D40 Z-35 with the centre 5 mm (radius) above: a true R5 fillet.
    body = "G50 S2000\nG96 S200 M03\nG00 X30. Z-30. M08\nG02 X40. Z-35. I5. K0. F0.1\n"
    assert "ARC_END_MISMATCH" not in codes(lathe(body))
    assert "ARC_END_MISMATCH" in codes(lathe(body.replace("X40.", "X42.")))


def test_decimal_point_message_and_exemptions():
    (finding,) = [f for f in check(mill("G01 X100 Y-25 F100.\n")).findings if f.code == "NO_DECIMAL_POINT"]
    assert finding.message.startswith("X100 Y-25 sans point décimal : une commande Fanuc lit X100 comme X0.1")
    lathe_cycle = (
        "G50 S2000\nG97 S800 M03\nG00 X24. Z5. M08\nG76 P020060 Q100 R0.05\nG76 X16.933 Z-30. P1534 Q400 F2.5\n"
    )
    assert "NO_DECIMAL_POINT" not in codes(lathe(lathe_cycle))
    assert "NO_DECIMAL_POINT" not in codes(mill("M98 P1000\n") + "O1000\nM99\n")


def test_findings_sorted_and_json():
    report = check(mill("G01 X10 F100.\nG06\n"))
    lines = [f.line for f in report.findings]
    assert lines == sorted(lines)
    payload = report.as_json()
    assert set(payload) == {"findings", "summary"}
    assert set(payload["findings"][0]) == {"line", "severity", "code", "message", "hint", "dialect"}


def test_every_code_documented_with_its_severity():
    doc = findings.__doc__ or ""
    for code, severity in SEVERITY.items():
        assert code in findings.HINT
        row = next(line for line in doc.splitlines() if line.startswith(code + " "))
        assert row.split()[1] == severity


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_corpus_programs_have_no_error(path: Path):
    report = check(path.read_text(encoding="utf-8"), suffix=path.suffix)
    assert not report.has_errors, [(f.line, f.code, f.message) for f in report.findings]
    if path.suffix == ".h":
        assert [f.code for f in report.findings] == ["UNSUPPORTED_DIALECT"]
    else:
        assert report.findings == ()


# ---------------------------------------------------------------- never a crash

ALPHABET = "GMXYZIJKRFSTNOPQUWDHL0123456789.-+# ()%;/[]=\n\tgxCYCLE\"'"
PROGRAMS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir())]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=400), machine=st.sampled_from([None, "mill", "lathe"]))
def test_random_text_never_raises(text, machine):
    report = check(text, machine=machine)
    assert all(f.severity in ("error", "warning", "info") for f in report.findings)
    report.as_json()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_unicode_never_raises(text):
    check(text)


@st.composite
def mutated(draw) -> str:
    lines = draw(st.sampled_from(PROGRAMS)).splitlines()
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "char", "insert"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "char" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(st.sampled_from(ALPHABET)) + lines[i][k + 1 :]
        else:
            lines.insert(i, draw(st.text(alphabet=ALPHABET, max_size=30)))
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated(), machine=st.sampled_from([None, "mill", "lathe"]), suffix=st.sampled_from(["", ".mpf"]))
def test_mutated_corpus_programs_never_raise(text, machine, suffix):
    report = check(text, machine=machine, suffix=suffix)
    line_count = max(1, len(text.splitlines()))
    assert all(1 <= f.line <= line_count for f in report.findings)
    report.as_json()


VALUES = st.one_of(
    st.integers(-99_999, 99_999).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(lambda f: f"{f:.3f}"),
    st.sampled_from(
        ["0", "01", "28", "41", "43", "70", "71", "76", "83", "84", "92", "96", "98", "9" * 400, "#1", "[#2]"]
    ),
)
BLOCK = st.lists(st.tuples(st.sampled_from(list("GMXYZIJKRFSTPQUWDHLNO")), VALUES), max_size=8).map(
    lambda words: " ".join(letter + value for letter, value in words)
)


@settings(max_examples=200, deadline=None)
@given(blocks=st.lists(BLOCK, max_size=25), machine=st.sampled_from([None, "mill", "lathe"]))
def test_extreme_words_never_raise(blocks, machine):
    check("\n".join(blocks), machine=machine)


def test_every_code_has_a_trigger_test():
    tested = {code for code, _, _ in CASES} | {"UNSUPPORTED_DIALECT", "UNSUPPORTED_INSTRUCTION", "EMPTY_PROGRAM"}
    assert tested == set(SEVERITY)


CAM_POST = """%
O1001 (CAM POST, INCH)
(T1 D=0.5 CR=0. - ZMIN=-0.45 - flat end mill)
N10 G90 G94 G17
N15 G20
N20 G53 G00 Z0.
N30 T1 M06
N35 S5000 M03
N40 G54
N45 M08
N50 G00 X1.25 Y0.5
N55 G43 Z0.6 H1
N60 G00 Z0.2
N65 G01 Z-0.1 F20.
N70 G01 X1.75 F40.
N75 G03 X2.183 Y1.25 I0. J0.5
N80 G01 Y1.5
N85 G00 Z0.6
N90 M09
N95 G53 G00 Z0.
N100 M05
N105 M30
%
"""


def test_a_clean_cam_program_with_a_tool_comment_has_no_error():
    report = check(CAM_POST)
    assert report.summary.dialect == "iso" and report.summary.machine == "mill"
    assert [f.code for f in report.findings if f.severity == "error"] == []
    assert "UNSUPPORTED_INSTRUCTION" not in [f.code for f in report.findings]


def test_nested_brackets_are_one_word():
    assert "BAD_WORD" not in codes(mill("#1=2.\n#2=3.\nG01 X[#1+[#2*2.]] F100.\n"))


LINUXCNC_SUB = """(LinuxCNC: a subroutine and a loop, ended by M2)
o100 sub
  G01 X[#1] F200.
o100 endsub
G21 G17 G40 G49 G80 G90
T1 M06
G54 G00 X0. Y0. S1000 M03
G43 H1 Z5. M08
#2 = 0
o101 while [#2 LT 3]
  o100 call [#2 * 5]
  #2 = [#2 + 1]
o101 endwhile
G00 Z50. M09
M05
M02
"""


def test_linuxcnc_o_words_are_not_program_numbers():
    found = check(LINUXCNC_SUB).findings
    assert "MISSING_END" not in [f.code for f in found]
    assert "BAD_WORD" not in [f.code for f in found]
    o_words = [f for f in found if f.code == "MACRO_NOT_INTERPRETED"]
    assert len(o_words) == 1 and o_words[0].severity != "error"


# ---------------------------------------------------------------- LinuxCNC

LINUXCNC_POCKET = """%
(MSG, Poche circulaire R10)
G21 G17 G40 G49 G80 G90 G94 G64 P0.01
#<r> = 10
#<depth> = [2 * 1.5]
T1 M6
G43
G54 G0 X0 Y0 S3000 M3
M8
G0 Z5
o100 sub
  G1 Z-#1 F200
o100 endsub
o100 call [#<depth>]
G1 X#<r> Y0 F600
G3 X-#<r> Y0 I-#<r> J0
G3 X[#<r>] Y0 I[#<r> * 1] J0
G0 Z5
G0 Z50 M9
M5
M2
%
"""


def test_linuxcnc_program_is_named_and_clean():
    report = check(LINUXCNC_POCKET)
    assert report.summary.dialect == "linuxcnc"
    assert not report.has_errors, [(f.code, f.message) for f in report.findings]
    codes = {f.code for f in report.findings}
    assert not codes & {"UNKNOWN_G", "NO_DECIMAL_POINT", "NO_LENGTH_COMP", "MISSING_END"}
    assert all(f.dialect == "linuxcnc" and f.rule == "LinuxCNC" for f in report.findings)


def test_bracketed_arc_centres_are_evaluated_and_checked():
    wrong = LINUXCNC_POCKET.replace("G3 X-#<r> Y0 I-#<r> J0", "G3 X-[#<r> + 2] Y0 I-#<r> J0")
    found = [f for f in check(wrong).findings if f.code == "ARC_END_MISMATCH"]
    assert found and found[0].line == LINUXCNC_POCKET.splitlines().index("G3 X-#<r> Y0 I-#<r> J0") + 1
    # An arc in a loop body depends on values that change: not checked, not a false alarm.
    looped = LINUXCNC_POCKET.replace("#<r> = 10\n", "o1 repeat [2]\n#<r> = [#<r> + 10]\no1 endrepeat\n")
    assert not [f for f in check(looped).findings if f.code == "ARC_END_MISMATCH"]


def test_linuxcnc_codes_are_known_there_and_unknown_to_fanuc():
    program = LINUXCNC_POCKET.replace("G1 X#<r> Y0 F600", "G41.1 D6 G1 X#<r> Y0 F600\nG43.1 Z0.5")
    assert not [f for f in check(program).findings if f.code == "UNKNOWN_G"]
    forced = check(program, dialect="iso")
    unknown = [f for f in forced.findings if f.code == "UNKNOWN_G"]
    assert unknown and all(f.dialect == "iso" and f.rule == "Fanuc" for f in forced.findings)
    assert {"G41.1", "G43.1"} <= {f.message.split(" ")[0] for f in unknown}


def test_percent_delimited_linuxcnc_program_needs_no_m2():
    program = LINUXCNC_POCKET.replace("M2\n", "")
    assert "MISSING_END" not in {f.code for f in check(program).findings}
    assert "MISSING_END" in {f.code for f in check(program.replace("%\n", "")).findings}


LINUXCNC_LATHE = """G18 {mode} G21 G90 G94 G40
T1 M6
G0 X10 Z2 S800 M3
M8
G1 X20 F100
G4 P2
G0 Z50 M9
M5
M2
"""


@pytest.mark.parametrize(("mode", "length"), [("G8", 10.0), ("G7", 5.0)])
def test_linuxcnc_lathe_reads_x_as_radius_until_g7(mode, length):
    report = check(LINUXCNC_LATHE.format(mode=mode))
    assert report.summary.machine == "lathe" and report.summary.dialect == "linuxcnc"
    assert report.summary.feed_length == pytest.approx(length)
    assert report.summary.dwell_time == pytest.approx(2.0)  # LinuxCNC's G4 P is in seconds
    assert not report.has_errors, [(f.code, f.message) for f in report.findings]


def test_fanuc_macro_b_values_are_followed():
    program = mill("#1 = 5.\n#2 = [#1 * 2.]\nG01 X#2 Y0. F100.\nG02 X[#2 + 10.] Y0. I5. J0.\n")
    report = check(program)
    assert "MACRO_NOT_INTERPRETED" not in {f.code for f in report.findings}
    assert [f.code for f in report.findings if f.severity == "error"] == []
    wrong = check(mill("#1 = 5.\nG01 X[#1 * 2.] Y0. F100.\nG02 X[#1 * 4.] Y0. I7. J0.\n"))
    assert "ARC_END_MISMATCH" in {f.code for f in wrong.findings}
