"""The toolpath: segments, true arcs, lathe diameters, drilling and turning cycles, unknown positions skipped,
sub-programs followed, the display reduction, and never a crash."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.gcode.check import check
from tutor.gcode.parse import parse
from tutor.gcode.toolpath import (
    CHORD_TOLERANCE,
    build_toolpath,
    checked_toolpath,
    decimate,
)

HEAD = "%\nO1000\nG21 G17 G40 G49 G80 G90\nT1 M06\nG54 G00 X0. Y0. S1000 M03\nG43 H1 Z5. M08\n"  # lines 1-6
TAIL = "G00 Z50. M09\nM05\nM30\n%\n"
LATHE = "%\nO2000\nG21 G18 G40 G80 G99\nG28 U0. W0.\nT0101\nG97 S1000 M03\nG00 X40. Z2. M08\n"  # lines 1-7


def path_of(body: str, head: str = HEAD, tail: str = TAIL, **options):
    return checked_toolpath(head + body + tail, **options)[1]


def moves(toolpath, line: int) -> list[tuple[str, tuple, tuple]]:
    return [(s.kind, s.start, s.end) for s in toolpath.segments if s.line == line]


def on_circle(points, centre, radius) -> np.ndarray:
    return np.hypot(np.asarray(points)[:, 0] - centre[0], np.asarray(points)[:, 1] - centre[1]) - radius


def test_lines_rapids_tools_and_source_lines():
    toolpath = path_of("G01 Z-1. F100.\nX10. Y5.\nG00 Z5.\n")
    assert [(s.kind, s.line, s.tool) for s in toolpath.segments] == [
        ("feed", 7, "T01"),
        ("feed", 8, "T01"),
        ("rapid", 9, "T01"),
        ("rapid", 10, "T01"),
    ]
    assert moves(toolpath, 8) == [("feed", (0.0, 0.0, -1.0), (10.0, 5.0, -1.0))]
    assert toolpath.segment(1).points == ((0.0, 0.0, -1.0), (10.0, 5.0, -1.0))
    assert toolpath.block_text(8) == "X10. Y5."
    assert toolpath.machine == "mill" and not toolpath.lathe
    with pytest.raises(ValueError):
        toolpath.points[0, 0] = 1.0  # read-only: the checks and the plots share it


@pytest.mark.parametrize(
    ("arc", "centre", "ccw"),
    [
        ("G03 X0. Y10. I-10. J0.", (0.0, 0.0), True),
        ("G03 X0. Y10. R10.", (0.0, 0.0), True),
        ("G02 X0. Y10. I0. J10.", (10.0, 10.0), False),
        ("G02 X0. Y10. R10.", (10.0, 10.0), False),
    ],
)
def test_quarter_circles_lie_on_their_circle_and_end_at_the_target(arc, centre, ccw):
    toolpath = path_of(f"G01 Z-1. F100.\nG01 X10. Y0.\n{arc}\n")
    (segment,) = [s for s in toolpath.segments if s.line == 9]
    points = np.array(segment.points)
    assert segment.kind == "arc" and segment.start == (10.0, 0.0, -1.0) and segment.end == (0.0, 10.0, -1.0)
    assert np.abs(on_circle(points, centre, 10.0)).max() < 1e-9
    middles = (points[1:] + points[:-1]) / 2  # the chord's worst point, at its middle
    assert np.abs(on_circle(middles, centre, 10.0)).max() < CHORD_TOLERANCE
    assert len(points) > 10 and np.allclose(points[:, 2], -1.0)
    angles = np.unwrap(np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0]))
    assert (np.diff(angles) > 0).all() if ccw else (np.diff(angles) < 0).all()
    assert abs(abs(angles[-1] - angles[0]) - math.pi / 2) < 1e-9


def test_full_circle_and_helix():
    toolpath = path_of("G01 Z-1. F100.\nG01 X10.\nG02 X10. Y0. I-10. J0. Z-3.\n")
    (helix,) = [s for s in toolpath.segments if s.line == 9]
    points = np.array(helix.points)
    assert np.abs(on_circle(points, (0.0, 0.0), 10.0)).max() < 1e-9
    assert helix.end == (10.0, 0.0, -3.0) and points[len(points) // 2][2] == pytest.approx(-2.0, abs=0.05)
    assert np.all(np.diff(points[:, 2]) < 0)  # Z goes down all the way round


def test_arcs_in_the_other_planes():
    toolpath = path_of("G01 Z0. F100.\nG18 G02 X10. Z-10. I10. K0.\nG19 G03 Y10. Z0. J10. K0.\n")
    zx = np.array(next(s for s in toolpath.segments if s.line == 8).points)  # centre X10 Z0, in the ZX plane
    assert np.abs(np.hypot(zx[:, 0] - 10.0, zx[:, 2]) - 10.0).max() < 1e-9 and np.allclose(zx[:, 1], 0.0)
    yz = np.array(next(s for s in toolpath.segments if s.line == 9).points)  # centre Y10 Z-10
    assert np.abs(np.hypot(yz[:, 1] - 10.0, yz[:, 2] + 10.0) - 10.0).max() < 1e-9 and np.allclose(yz[:, 0], 10.0)


def test_impossible_arcs_are_drawn_as_their_chord():
    toolpath = path_of("G01 X10. F100.\nG02 X30. Y0. R5.\nG02 X40.\n")
    assert moves(toolpath, 8) == [("feed", (10.0, 0.0, 5.0), (30.0, 0.0, 5.0))]  # R too small
    assert moves(toolpath, 9) == [("feed", (30.0, 0.0, 5.0), (40.0, 0.0, 5.0))]  # no centre


def test_inch_values_are_converted():
    toolpath = path_of("G20\nG01 X1. F10.\n")
    assert moves(toolpath, 8) == [("feed", (0.0, 0.0, 5.0), (25.4, 0.0, 5.0))]


def test_lathe_x_is_a_radius_in_3d_and_a_diameter_in_the_profile():
    text = LATHE + "G01 Z-20. F0.2\nX50.\nG02 X60. Z-25. R5.\nG00 X100. Z100.\nM30\n"
    toolpath = path_of("", head=text, tail="")
    assert toolpath.lathe
    assert moves(toolpath, 8) == [("feed", (20.0, 0.0, 2.0), (20.0, 0.0, -20.0))]
    arc = np.array(next(s for s in toolpath.segments if s.line == 10).points)
    # a true R5 in radius; G02 turns clockwise with Z across and X up (motion.py's plane G18)
    assert np.abs(np.hypot(arc[:, 0] - 30.0, arc[:, 2] + 20.0) - 5.0).max() < 1e-9
    profile = toolpath.diameters(arc)
    assert profile[0, 0] == 50.0 and profile[-1, 0] == 60.0 and arc[-1, 0] == 30.0


@pytest.mark.parametrize(("mode", "radius"), [("G8", 10.0), ("G7", 5.0)])
def test_linuxcnc_lathe_reads_x_as_a_radius_unless_g7(mode, radius):
    text = f"G18 G21 G90 {mode}\nT1 M6\nG0 X10 Z2\nG1 Z-5 F100\nM2\n"
    toolpath = checked_toolpath(text, "lathe", dialect="linuxcnc")[1]
    assert moves(toolpath, 4) == [("feed", (radius, 0.0, 2.0), (radius, 0.0, -5.0))]


def test_drilling_cycle_moves_g98_and_g99():
    body = "G98 G81 X20. Y10. Z-8. R2. F100.\nG99 X30.\nG80\n"
    toolpath = path_of("G00 Z10.\n" + body)
    assert moves(toolpath, 8) == [
        ("rapid", (0.0, 0.0, 10.0), (20.0, 10.0, 10.0)),  # over the hole, at the initial level
        ("rapid", (20.0, 10.0, 10.0), (20.0, 10.0, 2.0)),  # down to R
        ("feed", (20.0, 10.0, 2.0), (20.0, 10.0, -8.0)),  # drilled
        ("rapid", (20.0, 10.0, -8.0), (20.0, 10.0, 10.0)),  # G98: back to the initial level
    ]
    assert moves(toolpath, 9)[-1] == ("rapid", (30.0, 10.0, -8.0), (30.0, 10.0, 2.0))  # G99: back to R


def test_tapping_comes_back_at_feed_and_repeats_follow_the_increment():
    toolpath = path_of("G00 Z10.\nG91 G99 G81 X10. Z-8. R-8. K3 F100.\nG90 G80\nG84 X0. Y0. Z-5. R2. F100.\nG80\n")
    drilled = [end for kind, _, end in moves(toolpath, 8) if kind == "feed"]
    assert drilled == [(10.0, 0.0, -6.0), (20.0, 0.0, -6.0), (30.0, 0.0, -6.0)]  # R = 10 - 8, bottom 2 - 8
    assert moves(toolpath, 10)[-1] == ("feed", (0.0, 0.0, -5.0), (0.0, 0.0, 2.0))


def test_siemens_cycles_drill_where_the_tool_is():
    text = "G17 G90 G54\nT1 D1 M6\nG0 X10 Y10 Z50\nCYCLE81(10, 0, 2, -5, )\nMCALL CYCLE81(10, 0, 2, -8, )\nX20\nMCALL\nM30\n"
    toolpath = checked_toolpath(text, "mill", suffix=".mpf")[1]
    assert moves(toolpath, 4) == [
        ("rapid", (10.0, 10.0, 50.0), (10.0, 10.0, 2.0)),
        ("feed", (10.0, 10.0, 2.0), (10.0, 10.0, -5.0)),
        ("rapid", (10.0, 10.0, -5.0), (10.0, 10.0, 10.0)),
    ]
    assert moves(toolpath, 6) == [
        ("rapid", (10.0, 10.0, 10.0), (20.0, 10.0, 10.0)),
        ("rapid", (20.0, 10.0, 10.0), (20.0, 10.0, 2.0)),
        ("feed", (20.0, 10.0, 2.0), (20.0, 10.0, -8.0)),
        ("rapid", (20.0, 10.0, -8.0), (20.0, 10.0, 10.0)),
    ]


def test_lathe_cycles_are_drawn_pass_by_pass():
    profile = "N90 G00 X20.\nN100 G01 Z-20.\nN110 X40.\n"
    text = LATHE + f"G71 U2. R0.5\nG71 P90 Q110 U0. W0. F0.2\n{profile}G70 P90 Q110\nG90 X36. Z-10. F0.2\nM30\n"
    toolpath = path_of("", head=text, tail="")
    roughing = [(start, end) for kind, start, end in moves(toolpath, 9) if kind == "feed"]
    assert len(roughing) == 4 and roughing[0] == ((18.0, 0.0, 2.0), (18.0, 0.0, -20.0))  # Ø36, 32, 28, 24
    assert moves(toolpath, 13) == [("rapid", (20.0, 0.0, -20.0), (20.0, 0.0, 2.0))]  # G70 back to its start
    assert [kind for kind, _, _ in moves(toolpath, 14)] == ["rapid", "feed", "feed", "rapid"]  # G90's 4 legs


def test_unknown_positions_are_skipped():
    toolpath = path_of("G91 G28 Z0.\nG90\nG00 X50. Y50.\nZ10.\nG01 Z-1. F100.\n", head="G21 G17 G90\n", tail="M30\n")
    assert moves(toolpath, 4) == [] and moves(toolpath, 5) == []  # nothing is known yet
    assert moves(toolpath, 6) == [("feed", (50.0, 50.0, 10.0), (50.0, 50.0, -1.0))]
    assert np.isfinite(toolpath.points).all()
    after_g28 = path_of("G91 G28 Z0.\nG90 G00 X5.\n")  # Z is lost at the reference point
    assert moves(after_g28, 7) == [] and moves(after_g28, 8) == []


def test_g28_in_absolute_mode_draws_its_move_through_the_intermediate_point():
    toolpath = path_of("G28 Z0.\n")
    assert moves(toolpath, 7) == [("rapid", (0.0, 0.0, 5.0), (0.0, 0.0, 0.0))]


def test_sub_programs_are_followed_and_never_called_ones_not_drawn():
    text = (
        "O1\nG21 G17 G90 G54\nT1 M6\nG0 X0 Y0 Z5\nM98 P100 L2\nM30\n"
        "O100\nG91 G1 X10. F100.\nG90 M99\n"
        "O200\nG0 X99. Y99. Z99.\nG1 X0.\nM99\n"
    )
    toolpath = checked_toolpath(text, "mill")[1]
    assert moves(toolpath, 8) == [
        ("feed", (0.0, 0.0, 5.0), (10.0, 0.0, 5.0)),
        ("feed", (10.0, 0.0, 5.0), (20.0, 0.0, 5.0)),
    ]
    assert moves(toolpath, 12) == []


def test_toolpath_alone_equals_the_checked_one():
    text = HEAD + "G01 Z-1. F100.\nG02 X10. Y10. R10.\nG81 X5. Z-3. R1.\nG80\n" + TAIL
    alone = build_toolpath(parse(text), "mill")
    checked = checked_toolpath(text)[1]
    assert np.array_equal(alone.points, checked.points) and np.array_equal(alone.lines, checked.lines)


def test_position_of_a_finding():
    toolpath = path_of("G01 Z-1. F100.\nX10. Y5.\nM01\n")
    assert toolpath.position_of(8) == (10.0, 5.0, -1.0)  # the end of its block
    assert toolpath.position_of(9) == (10.0, 5.0, -1.0)  # no move: where the tool is after the block before
    assert toolpath.position_of(1) == (0.0, 0.0, 5.0)  # before any move: the first one's start
    assert checked_toolpath("G21\nM30\n")[1].position_of(1) is None


def test_empty_and_heidenhain_programs_have_no_moves():
    assert len(checked_toolpath("")[1]) == 0
    assert len(checked_toolpath("BEGIN PGM 1 MM\nL X+10 R0 FMAX\nEND PGM 1 MM\n")[1]) == 0
    assert len(build_toolpath(parse("G21\nM30\n"))) == 0


# ---------------------------------------------------------------- decimation


def zigzag(passes: int, arcs: bool = True) -> str:
    """A pocket: rapid approach, plunge, zig-zag passes joined by half circles, rapid out, several times."""
    body = []
    for depth in range(1, 4):
        body.append(f"G00 X0. Y0.\nG01 Z-{depth}. F100.")
        for i in range(passes):
            y = 2.0 * i
            x = 50.0 if i % 2 == 0 else 0.0
            body.append(f"G01 X{x:.1f} Y{y:.1f}")
            if arcs:
                turn = "G03" if i % 2 == 0 else "G02"
                body.append(f"{turn} X{x:.1f} Y{y + 2:.1f} R1.")
            else:
                body.append(f"G01 Y{y + 2:.1f}")
        body.append("G00 Z5.")
    return HEAD + "\n".join(body) + "\n" + TAIL


def segment_ends(toolpath) -> set[tuple]:
    return {tuple(p) for i in range(len(toolpath)) for p in (toolpath.segment(i).start, toolpath.segment(i).end)}


def test_no_reduction_under_budget():
    toolpath = checked_toolpath(zigzag(10))[1]
    drawing = decimate(toolpath, 10**6)
    assert not drawing.reduced and len(drawing.points) == drawing.total
    assert segment_ends(toolpath) <= {tuple(p) for p in drawing.points}


def test_reduction_keeps_every_segment_end_when_it_can():
    toolpath = checked_toolpath(zigzag(40))[1]
    ends = segment_ends(toolpath)
    drawing = decimate(toolpath, len(ends) + 200)
    assert drawing.reduced and len(drawing.points) <= len(ends) + 200
    assert ends <= {tuple(p) for p in drawing.points}


@settings(max_examples=40, deadline=None)
@given(budget=st.integers(2, 3000))
def test_reduction_respects_the_budget_and_never_mixes_rapid_and_feed(budget):
    toolpath = checked_toolpath(zigzag(40))[1]
    drawing = decimate(toolpath, budget)
    assert len(drawing.points) <= budget
    rapid = {tuple(p) for i in range(len(toolpath)) if toolpath.kinds[i] == 0 for p in toolpath.segment(i).points}
    cut = {tuple(p) for i in range(len(toolpath)) if toolpath.kinds[i] != 0 for p in toolpath.segment(i).points}
    for r in range(len(drawing.runs) - 1):
        run = {tuple(p) for p in drawing.points[drawing.runs[r] : drawing.runs[r + 1]]}
        assert run <= (cut if drawing.cutting[r] else rapid)  # every point of a run is a move of its kind


def test_runs_keep_their_ends_when_the_budget_is_small():
    toolpath = checked_toolpath(zigzag(40, arcs=False))[1]
    whole = decimate(toolpath, 10**6)
    small = decimate(toolpath, 20)
    assert len(small.runs) == len(whole.runs)  # 6 runs: approach and plunge / cut / out, three times
    for r in range(len(whole.runs) - 1):
        assert np.array_equal(small.points[small.runs[r]], whole.points[whole.runs[r]])
        assert np.array_equal(small.points[small.runs[r + 1] - 1], whole.points[whole.runs[r + 1] - 1])


# ---------------------------------------------------------------- speed-independent scale and robustness


def test_large_program_is_reduced_to_the_budget():
    toolpath = checked_toolpath(zigzag(3000))[1]
    assert len(toolpath.points) > 100_000
    assert len(decimate(toolpath).points) <= 50_000


ALPHABET = "GMXYZIJKRFSTNOPQUWDHL0123456789.-+# ()%;/[]=\n\tCYCLE\"'"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=ALPHABET, max_size=400),
    machine=st.sampled_from([None, "mill", "lathe"]),
    suffix=st.sampled_from(["", ".mpf", ".ngc"]),
    budget=st.integers(2, 500),
)
def test_random_text_never_raises(text, machine, suffix, budget):
    report, toolpath = checked_toolpath(text, machine, suffix=suffix)
    assert report.findings == check(text, machine=machine, suffix=suffix).findings  # the hook changes nothing
    assert np.isfinite(toolpath.points).all()
    assert len(toolpath.offsets) == len(toolpath) + 1 and (np.diff(toolpath.offsets) >= 2).all()
    assert len(decimate(toolpath, budget).points) <= budget


WORDS = st.lists(
    st.tuples(
        st.sampled_from(list("GXYZIJKRUWFPQKL")),
        st.one_of(
            st.sampled_from(["0", "1", "2", "3", "17", "18", "19", "28", "70", "71", "81", "83", "90", "91", "98"]),
            st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: f"{f:.3f}"),
            st.sampled_from(["1e300", "9" * 40, "#1", "[#2]"]),
        ),
    ),
    max_size=7,
).map(lambda words: " ".join(letter + value for letter, value in words))


@settings(max_examples=150, deadline=None)
@given(blocks=st.lists(WORDS, max_size=25), machine=st.sampled_from(["mill", "lathe"]))
def test_extreme_words_never_raise(blocks, machine):
    toolpath = checked_toolpath("G21 G90\nG0 X0 Y0 Z0\n" + "\n".join(blocks), machine)[1]
    assert np.isfinite(toolpath.points).all()
    decimate(toolpath, 50)
