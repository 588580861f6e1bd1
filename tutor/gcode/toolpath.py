"""The toolpath of a program as drawable segments in mm, and its reduction to a point budget for display.

Built from the interpreter's steps: `ToolpathBuilder` is an `on_step` hook, so the checker and the drawing
share one interpretation (`checked_toolpath`). Per step it only appends one flat tuple; the arcs are sampled
with numpy in `build`. Lines and arcs are computed here from the step; the cycles (drilling, G90/G92/G94,
G71..G76, G28) are replayed by `tutor.gcode.motion`'s own code on an interpreter that records its moves, so
the drawing cannot drift from the checker's geometry. An X read as a diameter (Fanuc lathes, LinuxCNC G7) is
stored as a radius, the true shape for the 3D view; `Toolpath.diameters` doubles it back for the turning profile.
Moves from or to an unknown position (NaN) are dropped, and blocks run out of context (a sub-program
never called) are not drawn: the machine never runs them. The checks never see `decimate`'s output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain
from typing import Literal

import numpy as np

from tutor.gcode.check import check_program
from tutor.gcode.codes import NON_MODAL
from tutor.gcode.flow import run
from tutor.gcode.parse import Dialect, Machine, Program, Report, detect_machine, parse
from tutor.gcode.state import AXIS_CONSUMERS, LATHE_ROUGHING, Interpreter
from tutor.gcode.step import Step

Kind = Literal["rapid", "feed", "arc"]
KINDS: tuple[Kind, ...] = ("rapid", "feed", "arc")
RAPID, FEED, ARC = 0, 1, 2
CHORD_TOLERANCE = 0.01  # mm between a sampled arc and the true one
MAX_ANGLE_STEP = math.radians(10)  # small arcs still look round
MAX_ARC_POINTS = 4096
MAX_SAMPLES = 5_000_000  # arc points in a whole toolpath
DISPLAY_BUDGET = 50_000
# (first, second, helical) axis of each plane, as motion.py: G18 takes Z first and X second.
PLANE_AXES = {170: (0, 1, 2), 180: (2, 0, 1), 190: (1, 2, 0)}
_AXES_TABLE = np.array([PLANE_AXES[170], PLANE_AXES[180], PLANE_AXES[190]], dtype=np.int64)
FEED_OUT = frozenset({740, 840, 850, 890})  # tapping and boring cycles come back up at the feed rate (motion.py)
Point = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Segment:
    kind: Kind
    start: Point  # mm; lathe X as a radius
    end: Point
    line: int  # 1-based line of the block in the file
    tool: str | None  # "T01", the Siemens tool name, or None before any tool
    points: tuple[Point, ...]  # start, the arc's samples, end


@dataclass(frozen=True, eq=False)
class Toolpath:
    """Flat arrays rather than one object per segment: a 100,000-block program stays cheap to build and draw.

    Segment i owns points[offsets[i]:offsets[i + 1]]; the arrays are read-only.
    """

    machine: Machine
    points: np.ndarray  # (N, 3) float
    offsets: np.ndarray  # (S + 1,) int
    kinds: np.ndarray  # (S,) int8: RAPID, FEED, ARC
    lines: np.ndarray  # (S,) int32
    tool_ids: np.ndarray  # (S,) int32, index into tool_names
    tool_names: tuple[str | None, ...]
    source: tuple[str, ...] = ()  # the program's lines, for the hover texts

    def __len__(self) -> int:
        return len(self.kinds)

    @property
    def lathe(self) -> bool:
        return self.machine == "lathe"

    def segment(self, i: int) -> Segment:
        pts = tuple(tuple(map(float, p)) for p in self.points[self.offsets[i] : self.offsets[i + 1]])
        tool = self.tool_names[self.tool_ids[i]]
        return Segment(KINDS[self.kinds[i]], pts[0], pts[-1], int(self.lines[i]), tool, pts)  # type: ignore[arg-type]

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self.segment(i) for i in range(len(self)))

    def at_line(self, line: int) -> np.ndarray:
        """Indexes of the segments drawn for a block (every execution of it)."""
        return np.flatnonzero(self.lines == line)

    def diameters(self, points: np.ndarray) -> np.ndarray:
        """Copy of `points` with X back to a diameter on a lathe, for the turning profile."""
        return points * np.array([2.0, 1.0, 1.0]) if self.lathe else points

    def block_text(self, line: int) -> str:
        return self.source[line - 1].strip() if 0 < line <= len(self.source) else ""

    def position_of(self, line: int) -> Point | None:
        """Where a finding of this line is shown: the end of the block's first drawn move (its last segment in
        that execution), else the end of the nearest block drawn before it, else the start of the first move."""
        lines = self.lines
        before = np.flatnonzero(lines <= line)
        if not len(before):
            return tuple(map(float, self.points[0])) if len(lines) else None  # type: ignore[return-value]
        i = int(before[np.argmax(lines[before])])
        while i + 1 < len(lines) and lines[i + 1] == lines[i]:
            i += 1
        return tuple(map(float, self.points[self.offsets[i + 1] - 1]))  # type: ignore[return-value]


# ---------------------------------------------------------------- building


class _Replay(Interpreter):
    """An interpreter that records its moves instead of counting them: the cycles keep motion.py's geometry."""

    __slots__ = ("moves",)

    def _account(self, step, target, *, rapid, length=None, axes=None) -> None:  # type: ignore[override]
        self.moves.append((self.x, self.y, self.z, target[0], target[1], target[2], rapid))
        self.x, self.y, self.z = target


# What the cycles read from the interpreter (the state after the block equals what they used, see motion.py).
_REPLAYED = (
    "scale", "incremental", "plane", "cycle", "cycle_name", "cycle_z", "cycle_r", "cycle_q", "cycle_p",
    "cycle_initial", "cycle_siemens", "return_initial", "mr", "turn_start", "turn_target", "profile_lookup",
)  # fmt: skip


class ToolpathBuilder:
    """The `on_step` hook recording the moves of the executed blocks; `build` makes the Toolpath."""

    def __init__(self, source: tuple[str, ...] = ()) -> None:
        # (kind, line, tool id, start xyz, end xyz, arc centre a, b, plane + ccw): one tuple per move
        self.rows: list[tuple] = []
        self.tools: dict[str | None, int] = {}
        self.source = source
        self.machine: Machine = "mill"
        self._tool: str | None = None
        self._tool_id = -1
        self._replay: _Replay | None = None
        self._g70: tuple[float, float, int, float] | None = None  # G70's start x, z, its line, the X scale
        self._last: Point = (math.nan, math.nan, math.nan)
        self.on_step = self._hook()

    def _hook(self):
        """The per-step work as a closure over local names: it runs for every block of the program."""
        append, after_g70, others = self.rows.append, self._after_g70, self._others

        def on_step(step: Step, interp: Interpreter, main: bool) -> None:
            if self._g70 is not None:
                after_g70(step, interp)
            motion = step.motion
            if motion is None or not main:
                return
            if interp.tool != self._tool or self._tool_id < 0:
                self._tool_changed(interp)
            # Lines first: the hot path. A G53 block also reports its modal motion, but ends at an unknown
            # position, so its row is dropped in `build` like any move to NaN.
            if (motion == 0 or motion == 10) and not interp.diameter:
                start = step.start
                append((motion // 10, step.block.line, self._tool_id, start[0], start[1], start[2], interp.x, interp.y, interp.z, 0, 0, 0))  # fmt: skip
            else:
                others(step, interp, motion)

        return on_step

    def _tool_changed(self, interp: Interpreter) -> None:
        self._tool = interp.tool
        self._tool_id = self.tools.setdefault(self._tool, len(self.tools))
        self.machine = interp.machine

    def _straight(self, kind: int, line: int, start: Point, end: Point, half: float) -> None:
        """A straight move; `half` turns a diameter into a radius (0.5 while X is a diameter)."""
        self.rows.append((kind, line, self._tool_id, start[0] * half, start[1], start[2], end[0] * half, end[1], end[2], 0, 0, 0))  # fmt: skip

    def _others(self, step: Step, interp: Interpreter, motion: int) -> None:
        if motion == 0 or motion == 10:  # a lathe's move, X as a diameter
            self._straight(motion // 10, step.block.line, step.start, (interp.x, interp.y, interp.z), 0.5)
            return
        if step.groups:  # then the same dispatch as Interpreter.execute
            non_modal = step.groups.get(NON_MODAL)
            if non_modal is not None:
                if interp.fanuc_lathe and non_modal in LATHE_ROUGHING:
                    self._replay_cycle(step, interp, "lathe", non_modal)
                    return
                if non_modal in AXIS_CONSUMERS:
                    self._replay_cycle(step, interp, "reference", non_modal)
                    return
        if motion == 20 or motion == 30:
            self._arc(step, interp)
        elif interp.cycle == motion:
            if not interp.cycle_siemens and "K" not in step.values and "L" not in step.values:
                self._hole(step, interp, motion)
            else:
                self._replay_cycle(step, interp, "hole", motion)
        elif 810 <= motion <= 890:
            self._replay_cycle(step, interp, "siemens", motion)
        elif interp.lathe and motion in (900, 920, 940):
            self._replay_cycle(step, interp, "turning", motion)
        else:  # threading G32/G33 and other straight cutting moves
            half = 0.5 if interp.diameter else 1.0
            self._straight(FEED, step.block.line, step.start, (interp.x, interp.y, interp.z), half)

    def _hole(self, step: Step, interp: Interpreter, code: int) -> None:
        """One ISO hole, as motion.py's `_hole` drills it (the replay is 3 times slower, and holes are common):
        rapid over the hole, rapid to R, feed to the bottom, back to the initial level (G98) or to R (G99)."""
        r_level, bottom, retract = interp.cycle_levels()
        half = 0.5 if interp.diameter else 1.0
        (sx, sy, sz), x, y = step.start, interp.x * half, interp.y  # the hole is where the block ends, above it
        line, tool, append = step.block.line, self._tool_id, self.rows.append
        append((RAPID, line, tool, sx * half, sy, sz, x, y, sz, 0, 0, 0))
        append((RAPID, line, tool, x, y, sz, x, y, r_level, 0, 0, 0))
        append((FEED, line, tool, x, y, r_level, x, y, bottom, 0, 0, 0))
        append((FEED if code in FEED_OUT else RAPID, line, tool, x, y, bottom, x, y, retract, 0, 0, 0))

    def _arc(self, step: Step, interp: Interpreter) -> None:
        """The centre in the plane's coordinates (lathe X as a radius), from I/J/K or from R as motion.py does."""
        line = step.block.line
        sx, sy, sz = step.start
        ex, ey, ez = interp.x, interp.y, interp.z
        if interp.diameter:
            sx, ex = sx * 0.5, ex * 0.5
        _, _, radius_word, problem = step.arc or (0.0, 0.0, None, "no-center")
        if problem:  # an impossible arc: its chord keeps the path connected
            if problem != "full-circle-r":
                self._straight(FEED, line, (sx, sy, sz), (ex, ey, ez), 1.0)
            return
        if interp.lathe:  # a lathe has no Y: the moves are in the XZ plane
            sy, ey = (0.0 if sy != sy else sy), (0.0 if ey != ey else ey)
        plane = interp.plane if interp.plane in PLANE_AXES else 170
        first, second, _ = PLANE_AXES[plane]
        start, end = (sx, sy, sz), (ex, ey, ez)
        a0, b0, a1, b1 = start[first], start[second], end[first], end[second]
        ia, ib = "IJK"[first], "IJK"[second]
        vals, s, ccw = step.values, interp.scale, step.motion == 30
        if radius_word is not None and ia not in vals and ib not in vals:
            r = abs(radius_word) * s
            da, db = a1 - a0, b1 - b0
            chord = math.hypot(da, db)
            if not chord > 0:
                return
            offset = math.sqrt(max(0.0, r * r - chord * chord / 4)) / chord
            side = offset if ccw == (radius_word > 0) else -offset  # left of the chord: a short CCW arc
            ca, cb = (a0 + a1) / 2 - db * side, (b0 + b1) / 2 + da * side
        elif interp.ijk_absolute:
            ca, cb = vals.get(ia, 0.0) * s, vals.get(ib, 0.0) * s
        else:
            ca, cb = a0 + vals.get(ia, 0.0) * s, b0 + vals.get(ib, 0.0) * s
        self.rows.append((ARC, line, self._tool_id, sx, sy, sz, ex, ey, ez, ca, cb, plane + ccw))

    def _replay_cycle(self, step: Step, interp: Interpreter, what: str, code: int) -> None:
        replay = self._replay
        if replay is None or replay.machine != interp.machine or replay.dialect != interp.dialect:
            replay = self._replay = _Replay(interp.machine, interp.dialect)
        for name in _REPLAYED:
            setattr(replay, name, getattr(interp, name))
        replay.x, replay.y, replay.z = step.start
        replay.moves = []
        scratch, vals = Step(step.block), step.values
        if what == "lathe":
            replay._lathe_cycle(scratch, code, vals)
            if scratch.profile is not None:
                self._g70 = (*interp.turn_start, step.block.line, 0.5 if interp.diameter else 1.0)
                self._last = (interp.x, interp.y, interp.z)
        elif what == "reference":
            replay._non_modal_axes(scratch, code, vals)
        elif what == "hole":
            replay._hole(scratch, vals)
        elif what == "turning":
            replay._turning_cycle(scratch, code, vals)
        else:  # a one-shot Siemens CYCLE8x(...): drilled before the block noted its start; from the last move
            last = self.rows[-1] if self.rows else (0,) * 12
            same = last[6] == interp.x * (0.5 if interp.diameter else 1.0) and last[7] == interp.y
            replay.x, replay.y, replay.z = interp.x, interp.y, last[8] if same else math.nan
            for extra in step.block.extras:
                if extra[:5] == "CYCLE" and extra[5:7].isdigit() and int(extra[5:7]) * 10 == code:
                    replay._siemens_cycle(scratch, extra, False)
                    break
        line, half = step.block.line, 0.5 if interp.diameter else 1.0
        for sx, sy, sz, ex, ey, ez, rapid in replay.moves:
            self._straight(RAPID if rapid else FEED, line, (sx, sy, sz), (ex, ey, ez), half)

    def _after_g70(self, step: Step, interp: Interpreter) -> None:
        """G70 ends with a rapid back to its start point between two blocks: drawn with the G70 line."""
        x0, z0, line, half = self._g70  # type: ignore[misc]
        last = self._last
        if step.start[0] == x0 and step.start[2] == z0 and (last[0] != x0 or last[2] != z0):
            self._straight(RAPID, line, last, (x0, last[1], z0), half)
            self._g70 = None
        self._last = (interp.x, interp.y, interp.z)

    def build(self, machine: Machine | None = None) -> Toolpath:
        return _assemble(self.rows, machine or self.machine, tuple(self.tools), self.source)


def build_toolpath(program: Program, machine: Machine | None = None) -> Toolpath:
    """The toolpath alone (no checks), for a program already checked elsewhere."""
    machine = machine or detect_machine(program)
    builder = ToolpathBuilder(program.lines)
    if program.dialect != "heidenhain":
        on_step = builder.on_step
        for step, interp, main in run(program, machine):
            on_step(step, interp, main)
    return builder.build(machine)


def checked_toolpath(
    text: str, machine: Machine | None = None, *, dialect: Dialect | None = None, suffix: str = ""
) -> tuple[Report, Toolpath]:
    """Check a program and draw it in one interpretation: the checker's `on_step` hook records the moves."""
    program = parse(text, dialect, suffix=suffix)
    builder = ToolpathBuilder(program.lines)
    report = check_program(program, machine, on_step=builder.on_step)
    return report, builder.build(report.summary.machine)


def _assemble(rows: list[tuple], machine: Machine, tool_names: tuple[str | None, ...], source) -> Toolpath:
    """Rows to arrays: unknown positions and null moves dropped, a lathe's missing Y set to 0, arcs sampled."""
    data = np.fromiter(chain.from_iterable(rows), dtype=np.float64, count=12 * len(rows)).reshape(-1, 12)
    if machine == "lathe":  # no Y axis: the moves are in the XZ plane
        data[:, [4, 7]] = np.nan_to_num(data[:, [4, 7]], nan=0.0, posinf=np.inf, neginf=-np.inf)
    with np.errstate(all="ignore"):
        data = data[np.isfinite(data[:, 3:11]).all(axis=1)]
        _straighten_degenerate_arcs(data)
        data = data[((data[:, 3:6] != data[:, 6:9]).any(axis=1)) | (data[:, 0] == ARC)]
        kinds = data[:, 0].astype(np.int8)
        arcs = _arc_geometry(data[kinds == ARC])
        counts = np.full(len(data), 2, dtype=np.int64)
        counts[kinds == ARC] = arcs["n"] + 1
        offsets = np.zeros(len(data) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        points = np.empty((int(offsets[-1]), 3))
        straight = np.flatnonzero(kinds != ARC)
        points[offsets[straight]] = data[straight, 3:6]
        points[offsets[straight] + 1] = data[straight, 6:9]
        _sample_arcs(points, offsets[:-1][kinds == ARC], data[kinds == ARC], arcs)
    arrays = (points, offsets, kinds, data[:, 1].astype(np.int32), data[:, 2].astype(np.int32))
    for array in arrays:
        array.setflags(write=False)
    return Toolpath(machine, *arrays, tool_names or (None,), tuple(source))


def _arc_frame(rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """Axes of each arc's plane, its direction, and its ends relative to the centre in that plane."""
    code = rows[:, 11].astype(np.int64)
    ccw = code % 2 == 1
    axes = _AXES_TABLE[np.clip((code - ccw - 170) // 10, 0, 2)]
    k = np.arange(len(rows))
    start, end = rows[:, 3:6], rows[:, 6:9]
    a0, b0 = start[k, axes[:, 0]] - rows[:, 9], start[k, axes[:, 1]] - rows[:, 10]
    a1, b1 = end[k, axes[:, 0]] - rows[:, 9], end[k, axes[:, 1]] - rows[:, 10]
    return axes, ccw, a0, b0, a1, b1


def _straighten_degenerate_arcs(data: np.ndarray) -> None:
    """An arc whose centre is one of its ends has no circle: drawn as its chord, a feed move (in place)."""
    which = np.flatnonzero(data[:, 0] == ARC)
    _, _, a0, b0, a1, b1 = _arc_frame(data[which])
    data[which[~(np.minimum(np.hypot(a0, b0), np.hypot(a1, b1)) > 1e-9)], 0] = FEED


def _arc_geometry(rows: np.ndarray) -> dict[str, np.ndarray]:
    """Radius at both ends, start angle, signed sweep (as motion.py: a null sweep is a full turn), point count."""
    axes, ccw, a0, b0, a1, b1 = _arc_frame(rows)
    r0, r1 = np.hypot(a0, b0), np.hypot(a1, b1)
    t0, t1 = np.arctan2(b0, a0), np.arctan2(b1, a1)
    sweep = np.where(ccw, (t1 - t0) % math.tau, (t0 - t1) % math.tau)
    sweep[sweep < 1e-9] = math.tau
    radius = np.maximum(r0, r1)
    step = np.minimum(2 * np.arccos(np.clip(1 - CHORD_TOLERANCE / radius, -1.0, 1.0)), MAX_ANGLE_STEP)
    n = np.clip(np.ceil(sweep / np.maximum(step, 1e-12)), 1, MAX_ARC_POINTS).astype(np.int64)
    if n.sum() > MAX_SAMPLES:  # huge arcs by the thousand: coarser, rather than gigabytes of points
        n = np.maximum(1, n * MAX_SAMPLES // n.sum())
    return {"axes": axes, "r0": r0, "r1": r1, "t0": t0, "sweep": np.where(ccw, sweep, -sweep), "n": n}


def _sample_arcs(points: np.ndarray, offsets: np.ndarray, rows: np.ndarray, arcs: dict[str, np.ndarray]) -> None:
    """Arc points in place: angle, radius (a spiral when the ends disagree) and helical axis move together."""
    n = arcs["n"]
    if not len(n):
        return
    owner = np.repeat(np.arange(len(n)), n + 1)
    local = np.arange(len(owner)) - np.repeat(np.cumsum(n + 1) - (n + 1), n + 1)
    u = local / n[owner]
    angle = arcs["t0"][owner] + arcs["sweep"][owner] * u
    radius = arcs["r0"][owner] + (arcs["r1"] - arcs["r0"])[owner] * u
    axes = arcs["axes"][owner]
    k = np.arange(len(owner))
    start, end = rows[:, 3:6], rows[:, 6:9]
    helix = np.arange(len(n)), arcs["axes"][:, 2]
    sampled = np.empty((len(owner), 3))
    sampled[k, axes[:, 0]] = rows[owner, 9] + radius * np.cos(angle)
    sampled[k, axes[:, 1]] = rows[owner, 10] + radius * np.sin(angle)
    sampled[k, axes[:, 2]] = start[helix][owner] + (end[helix] - start[helix])[owner] * u
    ends = np.cumsum(n + 1) - 1
    sampled[ends - n] = start  # exactly where the block starts and ends: the next move joins it
    sampled[ends] = end
    points[np.repeat(offsets, n + 1) + local] = sampled


# ---------------------------------------------------------------- display


@dataclass(frozen=True, eq=False)
class Drawing:
    """Polylines to draw: runs of one tool and one kind of move (rapid or cutting), never merged across."""

    points: np.ndarray  # (M, 3)
    lines: np.ndarray  # (M,) source line of each point
    runs: np.ndarray  # (R + 1,) run r is points[runs[r]:runs[r + 1]]
    cutting: np.ndarray  # (R,) bool: False for rapid runs
    tool_ids: np.ndarray  # (R,)
    total: int  # points before the reduction

    @property
    def reduced(self) -> bool:
        return len(self.points) < self.total


def decimate(toolpath: Toolpath, budget: int = DISPLAY_BUDGET) -> Drawing:
    """At most `budget` points for display. Each run's two ends are always kept (when the runs alone are too many,
    whole runs are dropped, evenly); then every segment's ends if they fit, the arcs' samples being thinned;
    else all the other points are thinned along the path (`_thin`). A run never takes points of another run:
    rapid and cutting moves are never merged."""
    budget = max(2, budget)
    size = len(toolpath)
    offsets, points = toolpath.offsets, toolpath.points
    if not size:
        empty = np.zeros(0, dtype=np.int64)
        return Drawing(np.zeros((0, 3)), empty, np.zeros(1, dtype=np.int64), np.zeros(0, dtype=bool), empty, 0)
    cutting = toolpath.kinds != RAPID
    tools = toolpath.tool_ids
    starts, ends = points[offsets[:-1]], points[offsets[1:] - 1]
    new_run = np.ones(size, dtype=bool)
    new_run[1:] = (cutting[1:] != cutting[:-1]) | (tools[1:] != tools[:-1]) | (starts[1:] != ends[:-1]).any(axis=1)
    run_end = np.append(new_run[1:], True)
    segment = np.repeat(np.arange(size), np.diff(offsets))
    first, last = np.zeros((2, len(points)), dtype=bool)
    first[offsets[:-1]] = last[offsets[1:] - 1] = True
    keep = ~first | new_run[segment]  # a joint is drawn once, as the end of the earlier segment
    run_of_point = (np.cumsum(new_run) - 1)[segment]
    total = int(keep.sum())
    if total > budget:
        boundary = keep & ((first & new_run[segment]) | (last & run_end[segment]))
        room = budget - int(boundary.sum())
        if room < 0:  # too many runs: keep whole runs, evenly spread
            chosen = _spread(np.ones(int(new_run.sum()), dtype=bool), budget // 2)
            keep = boundary & chosen[run_of_point]
        else:
            joints = keep & (first | last) & ~boundary
            if joints.sum() <= room:  # every segment keeps its ends; the arcs' samples are thinned
                keep = keep & (boundary | joints | _thin(points, keep, ~(first | last), room - int(joints.sum())))
            else:
                keep = boundary | _thin(points, keep, ~boundary, room)
    runs_kept = run_of_point[keep]
    cuts = np.flatnonzero(np.diff(runs_kept)) + 1
    run_ids = runs_kept[np.append(0, cuts)] if len(runs_kept) else runs_kept
    return Drawing(
        points[keep],
        toolpath.lines[segment[keep]],
        np.concatenate(([0], cuts, [len(runs_kept)])).astype(np.int64),
        cutting[new_run][run_ids],
        tools[new_run][run_ids],
        total,
    )


def _thin(points: np.ndarray, keep: np.ndarray, optional: np.ndarray, room: int) -> np.ndarray:
    """At most `room` of the kept `optional` points, spread along the path: one is taken each time the path has
    run one more step (length / room) since the previous kept point. A long move keeps its end (a zig-zag its
    corners); dense short moves and arc samples are thinned to one point per step."""
    sequence = np.flatnonzero(keep)
    travelled = np.concatenate(([0.0], np.cumsum(np.linalg.norm(np.diff(points[sequence], axis=0), axis=1))))
    chosen = np.zeros(len(keep), dtype=bool)
    step = travelled[-1] / max(room, 1)
    if room > 0 and step > 0:
        bucket = np.floor(travelled / step)
        entering = np.concatenate(([False], bucket[1:] > bucket[:-1]))  # at most `room` changes of bucket
        chosen[sequence[entering & optional[sequence]]] = True
    return chosen


def _spread(mask: np.ndarray, quota: int) -> np.ndarray:
    """`quota` of the True entries of `mask`, evenly spread."""
    where = np.flatnonzero(mask)
    if quota >= len(where):
        return mask
    chosen = np.zeros(len(mask), dtype=bool)
    if quota > 0:
        chosen[where[(np.arange(quota) * len(where)) // quota]] = True
    return chosen
