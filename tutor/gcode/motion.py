"""Geometry and time of the moves: lines, arcs, drilling and turning cycles, and the running totals.

Lengths are in mm with lathe X (a diameter) halved; times in seconds. Feed moves take their feed (G95/G99
mm/rev times the spindle speed; G96 with the speed at the diameter of each eighth of the move, capped by
the clamp), rapids a configurable rate without acceleration. Drilling cycles are counted hole by hole
(G83 pecks back to R included), G90/G92/G94 as their four legs, G76 from the constant-section rule
(passes = (height / first cut)^2 + finishing passes), G71 type I from its profile, pass by pass.
G72/G73 roughing is not estimated and says so in the summary notes.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from tutor.gcode.codes import g_name
from tutor.gcode.parse import Block, ToolUse
from tutor.gcode.step import Step

NAN = math.nan
TAU = 2 * math.pi
ARCS = (20, 30)
CUTTING_MOTIONS = frozenset({10, 20, 30, 320, 340, 330, 3310, 900, 920, 940})
PLANE_AXES = {170: {"X", "Y"}, 180: {"X", "Z"}, 190: {"Y", "Z"}}


class Totals:
    """Running figures for the summary, kept cheap: they are updated in the hot loop."""

    __slots__ = (
        "rapid_length", "feed_length", "rapid_time", "feed_time", "dwell", "unknown", "lo", "hi", "tools",
        "offsets", "works", "rpms", "vcs", "clamps", "feeds_min", "feeds_rev", "notes",
    )  # fmt: skip

    def __init__(self) -> None:
        self.rapid_length = self.feed_length = self.rapid_time = self.feed_time = self.dwell = 0.0
        self.unknown = 0
        self.lo = [math.inf, math.inf, math.inf]
        self.hi = [-math.inf, -math.inf, -math.inf]
        self.tools: dict[str, int] = {}
        self.offsets: dict[str, list[str]] = {}
        self.works: list[str] = []
        self.rpms = [math.inf, -math.inf]  # [min, max]
        self.vcs = [math.inf, -math.inf]
        self.clamps = [math.inf, -math.inf]
        self.feeds_min = [math.inf, -math.inf]
        self.feeds_rev = [math.inf, -math.inf]
        self.notes: list[str] = []

    def envelope(self, x: float, y: float, z: float) -> None:
        lo, hi = self.lo, self.hi
        if x < lo[0]:
            lo[0] = x
        if x > hi[0]:
            hi[0] = x
        if y < lo[1]:
            lo[1] = y
        if y > hi[1]:
            hi[1] = y
        if z < lo[2]:
            lo[2] = z
        if z > hi[2]:
            hi[2] = z

    def feed(self, value: float, mode: str) -> None:
        if mode != "inv":
            _widen(self.feeds_rev if mode == "rev" else self.feeds_min, value)

    def rpm(self, value: float) -> None:
        _widen(self.rpms, value)

    def vc(self, value: float) -> None:
        _widen(self.vcs, value)

    def clamp(self, value: float) -> None:
        _widen(self.clamps, value)

    def tool(self, tool: str, line: int) -> None:
        self.tools.setdefault(tool, line)

    def offset(self, tool: str, offset: str) -> None:
        offsets = self.offsets.setdefault(tool, [])
        if offset not in offsets:
            offsets.append(offset)

    def work(self, code: int, vals: dict[str, float]) -> None:
        name = g_name(code)
        if code == 541 and _int(vals.get("P", NAN)) is not None:
            name += f" P{_int(vals['P'])}"
        if name not in self.works:
            self.works.append(name)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def tool_uses(self) -> tuple[ToolUse, ...]:
        return tuple(ToolUse(t, line, tuple(self.offsets.get(t, ()))) for t, line in self.tools.items())


def _widen(span: list[float], value: float) -> None:
    if value > 0:  # False for NaN
        if value < span[0]:
            span[0] = value
        if value > span[1]:
            span[1] = value


def _profile_z(points: list[tuple[float, float]], diameter: float) -> float:
    """Where a type I profile (diameter rising along the path) first reaches `diameter`."""
    for (x0, z0), (x1, z1) in zip(points, points[1:], strict=False):
        if min(x0, x1) <= diameter <= max(x0, x1):
            if x1 == x0:
                return z0
            return z0 + (z1 - z0) * (diameter - x0) / (x1 - x0)
    return points[-1][1] if points else NAN


def _int(value: float | None) -> int | None:
    """int() that accepts NaN (an unevaluated expression) as unknown."""
    return int(value) if value is not None and value == value else None


class _Scratch:
    """Stands for a step when a move belongs to no block (the return after G70)."""

    __slots__ = ("length", "time")

    def __init__(self) -> None:
        self.length = self.time = 0.0


class MotionMixin:
    """The moves of `tutor.gcode.state.Interpreter`, kept apart from its modal bookkeeping."""

    __slots__ = ()
    # Owned by Interpreter (its slots); listed here for the reader and the type checker.
    x: float
    y: float
    z: float
    lathe: bool
    diameter: bool
    siemens: bool
    linuxcnc: bool
    scale: float
    plane: int
    incremental: bool
    ijk_absolute: bool
    feed: float | None
    feed_mode: str
    css: bool
    vc: float | None
    rpm: float | None
    clamp: float | None
    cycle: int | None
    cycle_z: float
    cycle_r: float
    cycle_q: float
    cycle_p: float
    cycle_initial: float
    cycle_siemens: tuple[float, ...]
    return_initial: bool
    comp_pending: str | None
    mr: dict[int, dict[str, float]]
    turn_start: tuple[float, float]
    turn_target: tuple[float, float]
    rapid_rate: float
    totals: Totals
    profile_lookup: Callable[[int, int], list[Block]]

    def _target(self, vals: dict[str, float]) -> tuple[float, float, float]:
        raise NotImplementedError

    def _axes_in(self, vals: dict[str, float]) -> str:
        raise NotImplementedError

    def _account(
        self,
        step: Step,
        target: tuple[float, float, float],
        *,
        rapid: bool,
        length: float | None = None,
        axes: str | None = None,
    ) -> None:
        """Move to `target` along `axes` (default: those whose known value changes): length, time, envelope."""
        sx, sy, sz = self.x, self.y, self.z
        tx, ty, tz = target
        if axes is None:
            axes = ""
            if tx != sx and (tx == tx or sx == sx):
                axes = "X"
            if ty != sy and (ty == ty or sy == sy):
                axes += "Y"
            if tz != sz and (tz == tz or sz == sz):
                axes += "Z"
        dx = tx - sx if "X" in axes else 0.0
        dy = ty - sy if "Y" in axes else 0.0
        dz = tz - sz if "Z" in axes else 0.0
        moved = (dx or dy or dz) or (dx != dx or dy != dy or dz != dz)
        if length is None:
            if self.diameter:
                dx *= 0.5
            length = math.sqrt(dx * dx + dy * dy + dz * dz)
        self.x, self.y, self.z = tx, ty, tz
        if not moved:
            return
        step.length += length
        totals = self.totals
        if length != length:
            totals.unknown += 1
            return
        totals.envelope(tx, ty, tz)
        if rapid:
            time = 60 * length / self.rapid_rate
            totals.rapid_length += length
            totals.rapid_time += time
        else:
            time = self._feed_time(length, sx, tx)
            totals.feed_length += length
            if time == time:
                totals.feed_time += time
            else:
                totals.unknown += 1
        step.time += time

    def dwell(self, block: Block, vals: dict[str, float]) -> float:
        """Seconds. Fanuc: P in ms, X/U in s with a decimal point (ms without); Siemens: F s, S revolutions."""
        if self.siemens:
            if "F" in vals:
                return vals["F"]
            return 60 * vals["S"] / self.rpm if "S" in vals and self.rpm else 0.0
        if "P" in vals:
            return vals["P"] if self.linuxcnc else vals["P"] / 1000
        for letter in ("X", "U"):
            raw = block.value(letter)
            if raw is not None:
                return vals[letter] if "." in raw else vals[letter] / 1000
        return 0.0

    def _feed_time(self, length: float, x0: float, x1: float) -> float:
        feed = self.feed
        if not feed or feed != feed:
            return NAN
        if self.feed_mode == "min":
            return 60 * length / feed
        if self.feed_mode == "inv":
            return 60 / feed
        if not self.css:
            return 60 * length / (feed * self.rpm) if self.rpm else NAN
        if not self.vc or not self.lathe or x0 != x0 or x1 != x1:
            return 60 * length / (feed * self.clamp) if self.clamp and not self.lathe else NAN
        # G96: the speed follows the diameter; eight slices at their mid diameter, capped by the clamp.
        time = 0.0
        for i in range(8):
            diameter = abs(x0 + (x1 - x0) * (i + 0.5) / 8) * (1 if self.diameter else 2)
            rpm = 1000 * self.vc / (math.pi * max(diameter, 1.0))
            if self.clamp:
                rpm = min(rpm, self.clamp)
            time += 60 * (length / 8) / (feed * rpm)
        return time

    def _arc(self, step: Step, vals: dict[str, float], target: tuple[float, float, float]) -> None:
        """Arc geometry in the active plane (lathe X as a radius); LinuxCNC's tolerance is applied by the check."""
        s = self.scale
        half = 0.5 if self.diameter else 1.0
        plane = self.plane
        if plane == 180:  # ZX: first axis Z, second X, as LinuxCNC
            a0, b0, a1, b1, ia, ib = self.z, self.x * half, target[2], target[0] * half, "K", "I"
        elif plane == 190:
            a0, b0, a1, b1, ia, ib = self.y, self.z, target[1], target[2], "J", "K"
        else:
            a0, b0, a1, b1, ia, ib = self.x, self.y, target[0], target[1], "I", "J"
        radius_word = step.radius_word if step.radius_word is not None else vals.get("R")
        has_center = ia in vals or ib in vals
        ccw = step.motion == 30
        problem = ""
        length = NAN
        r_start = r_end = NAN
        if radius_word is not None and not has_center:
            r = abs(radius_word) * s
            chord = math.hypot(a1 - a0, b1 - b0)
            r_start = r_end = r
            if chord == 0:
                problem = "full-circle-r"
            elif r == 0 or chord / 2 - r > 0.00127:
                problem = "r-too-small"
            elif chord == chord:
                small = 2 * math.asin(min(1.0, chord / 2 / r))
                length = r * (TAU - small if radius_word < 0 else small)
        elif has_center:
            if self.ijk_absolute:
                ca, cb = vals.get(ia, 0.0) * s, vals.get(ib, 0.0) * s
            else:
                ca, cb = a0 + vals.get(ia, 0.0) * s, b0 + vals.get(ib, 0.0) * s
            r_start, r_end = math.hypot(a0 - ca, b0 - cb), math.hypot(a1 - ca, b1 - cb)
            t0, t1 = math.atan2(b0 - cb, a0 - ca), math.atan2(b1 - cb, a1 - ca)
            sweep = (t1 - t0) % TAU if ccw else (t0 - t1) % TAU
            if sweep < 1e-9:
                sweep = TAU
            length = (r_start + r_end) / 2 * sweep
            if plane == 170 and r_start == r_start and sweep == sweep:
                self._arc_envelope(ca, cb, (r_start + r_end) / 2, t0, sweep, ccw, target[2])
        else:
            problem = "no-center"
        step.arc = (r_start, r_end, radius_word, problem)
        if length == length:
            helix = {170: target[2] - self.z, 180: target[1] - self.y, 190: target[0] - self.x}[plane]
            length = math.hypot(length, helix) if helix == helix and helix else length
        elif not problem:
            length = NAN
        else:  # an impossible arc: count the chord so the totals stay usable
            length = math.hypot((a1 - a0), (b1 - b0))
        step.start = (self.x, self.y, self.z)
        axes = "".join(sorted(PLANE_AXES[plane]))
        if (a1, b1) == (a0, b0):  # a full circle ends where it started but still cuts
            step.moved = step.moved or axes
            self._account_full_circle(step, length)
            self.x, self.y, self.z = target
        else:
            self._account(step, target, rapid=False, length=length, axes=axes + step.moved)

    def _account_full_circle(self, step: Step, length: float) -> None:
        step.length = length
        if length != length:
            self.totals.unknown += 1
            return
        time = self._feed_time(length, self.x, self.x)
        self.totals.feed_length += length
        if time == time:
            self.totals.feed_time += time
            step.time = time
        else:
            self.totals.unknown += 1

    def _arc_envelope(self, ca: float, cb: float, r: float, t0: float, sweep: float, ccw: bool, z: float) -> None:
        for k in range(4):
            angle = k * math.pi / 2
            offset = (angle - t0) % TAU if ccw else (t0 - angle) % TAU
            if offset <= sweep:
                self.totals.envelope(ca + r * math.cos(angle), cb + r * math.sin(angle), z)

    def cycle_levels(self) -> tuple[float, float, float]:
        """(R level, bottom, retract level) of the active ISO drilling cycle: G91 and G98 / G99 applied."""
        initial = self.cycle_initial
        r_level = initial + self.cycle_r if self.incremental else self.cycle_r
        bottom = r_level + self.cycle_z if self.incremental else self.cycle_z
        return r_level, bottom, initial if self.return_initial else r_level

    def _hole(self, step: Step, vals: dict[str, float]) -> None:
        """One drilling cycle: position at the current level, rapid to R, feed to the bottom, retract."""
        code = self.cycle or 810
        s = self.scale
        if self.cycle_siemens:
            rtp, rfp, sdis, dp, dpr = self.cycle_siemens
            r_level = rfp + (sdis if sdis == sdis else 0.0)
            bottom = dp if dp == dp else rfp - dpr
            retract = rtp
        else:
            if "R" in vals:
                self.cycle_r = vals["R"] * s
            if "Z" in vals:
                self.cycle_z = vals["Z"] * s
            if "Q" in vals:
                self.cycle_q = vals["Q"] * s
            if "P" in vals:
                self.cycle_p = vals["P"]
            r_level, bottom, retract = self.cycle_levels()
        position = self._target({k: v for k, v in vals.items() if k in "XY"} if not self.lathe else {})
        step.motion = code
        step.cutting = True
        axes = self._axes_in(vals)
        step.moved = axes if "Z" in axes else axes + "Z"
        count = 1
        if ("K" in vals or "L" in vals) and not self.siemens:
            count = min(_int(vals.get("K", vals.get("L"))) or 0, 100)
        if count <= 0:
            self._account(step, position, rapid=True)
            return
        for _ in range(count):
            self._account(step, (position[0], position[1], self.z), rapid=True)
            self._account(step, (self.x, self.y, r_level), rapid=True)
            self._account(step, (self.x, self.y, bottom), rapid=False, axes="Z")
            q = self.cycle_q
            if code == 830 and q > 0 and abs(bottom - r_level) / q < 10_000:
                pecks = math.ceil(abs(bottom - r_level) / q - 1e-9)
                extra = q * pecks * (pecks - 1)  # each peck k goes back up to R and down again: 2 k q
                self.totals.rapid_length += extra
                self.totals.rapid_time += 60 * extra / self.rapid_rate
            if code in (820, 880, 890) and self.cycle_p == self.cycle_p:
                self.totals.dwell += self.cycle_p / 1000
            feed_out = code in (740, 840, 850, 890)
            self._account(step, (self.x, self.y, retract), rapid=not feed_out)
            if self.incremental and not self.siemens:
                position = self._target({k: v for k, v in vals.items() if k in "XY"})

    def _turning_cycle(self, step: Step, motion: int, vals: dict[str, float]) -> None:
        """G90 / G92 / G94 (lathe, modal): one pass from the cycle's start point and back to it."""
        x0, z0 = self.turn_start
        self.x, self.z = x0, z0  # each pass starts from the start point; U and W are relative to it
        tx, _, tz = self._target(vals)
        if not ("X" in vals or "U" in vals):
            tx = self.turn_target[0]
        if not ("Z" in vals or "W" in vals):
            tz = self.turn_target[1]
        self.turn_target = (tx, tz)
        if motion == 940:  # facing: rapid Z, feed X, feed Z back, rapid X back
            legs = (((x0, tz), True), ((tx, tz), False), ((tx, z0), False), ((x0, z0), True))
        else:  # turning and threading: rapid X, feed Z, out, rapid Z back
            legs = (((tx, z0), True), ((tx, tz), False), ((x0, tz), motion == 920), ((x0, z0), True))
        for (x, z), rapid in legs:
            self._account(step, (x, self.y, z), rapid=rapid)

    def _lathe_cycle(self, step: Step, code: int, vals: dict[str, float]) -> None:
        """G70..G76: first block stores parameters; the second one cuts (estimated, see Summary.notes)."""
        s = self.scale
        has_profile = "P" in vals and "Q" in vals and code in (700, 710, 720, 730)
        cuts = has_profile or (code in (740, 750, 760) and bool({"X", "Z", "U", "W"} & vals.keys()))
        if not cuts:
            self.mr[code] = dict(vals)
            return
        step.motion, step.cutting = code, True
        if has_profile and vals["P"] == vals["P"] and vals["Q"] == vals["Q"]:
            p, q = int(vals["P"]), int(vals["Q"])
            if code == 700:
                step.profile = (p, q)
                self.turn_start = (self.x, self.z)
                return
            step.skip_to = q
            if code == 710:
                self._estimate_g71(step, vals, p, q)
            else:
                self.totals.note(f"cycle {g_name(code)} (ligne {step.block.line}) non chiffré")
            return
        start = (self.x, self.y, self.z)
        target = self._target(vals)
        step.moved = self._axes_in(vals)
        if code == 760:
            height = vals.get("P", NAN) / 1000 * s
            first = vals.get("Q", NAN) / 1000 * s
            params = self.mr.get(760, {})
            finish = (_int(params["P"] // 10000) or 0) if "P" in params else 1
            ratio = (height / first) * (height / first) if first > 0 and height > 0 else 0.0
            passes = math.ceil(ratio) + finish if ratio < 1000 else 1
            for _ in range(passes):
                self._account(step, (target[0], start[1], start[2]), rapid=True)
                self._account(step, (target[0], start[1], target[2]), rapid=False)
                self._account(step, (start[0], start[1], target[2]), rapid=True)
                self._account(step, start, rapid=True)
        else:  # G74 axial / G75 radial pecking: the cut and the way back
            self._account(step, target, rapid=False)
            self._account(step, start, rapid=True)

    def _estimate_g71(self, step: Step, vals: dict[str, float], p: int, q: int) -> None:
        """Type I roughing: one pass per depth of cut, along Z up to the profile, and back in rapid."""
        x0, z0 = self.x, self.z
        params = self.mr.get(710, {})
        depth = params.get("U", vals.get("D", NAN) / 1000 if "D" in vals else NAN) * self.scale
        allowance = vals.get("U", 0.0) * self.scale
        points = self._profile_points(p, q, x0, z0)
        if not points or depth != depth or depth <= 0 or x0 != x0:
            self.totals.note(f"cycle G71 (ligne {step.block.line}) non chiffré")
            return
        smallest = min(x for x, _ in points) + allowance
        radius = x0 / 2 - depth
        passes = 0
        retract = 2 * params.get("R", 0.5) * self.scale
        while radius > smallest / 2 - 1e-9 and passes < 1000:
            z_end = _profile_z(points, radius * 2)
            if z_end == z_end:
                self._account(step, (radius * 2, self.y, z0), rapid=True)
                self._account(step, (radius * 2, self.y, z_end), rapid=False)
                self._account(step, (radius * 2 + retract, self.y, z_end), rapid=True)
                self._account(step, (radius * 2 + retract, self.y, z0), rapid=True)
            radius -= depth
            passes += 1
        self._account(step, (x0, self.y, z0), rapid=True)

    def _profile_points(self, p: int, q: int, x: float, z: float) -> list[tuple[float, float]]:
        points = []
        for block in self.profile_lookup(p, q):
            values = dict(block.words)
            try:
                if "X" in values:
                    x = float(values["X"]) * self.scale
                if "U" in values:
                    x += float(values["U"]) * self.scale
                if "Z" in values:
                    z = float(values["Z"]) * self.scale
                if "W" in values:
                    z += float(values["W"]) * self.scale
            except ValueError:
                return []
            points.append((x, z))
        return points

    def end_profile(self) -> None:
        """After G70 has replayed its profile, the tool goes back to the cycle's start point in rapid."""
        x0, z0 = self.turn_start
        self._account(_Scratch(), (x0, self.y, z0), rapid=True)
