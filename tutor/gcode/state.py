"""The control's modal state, advanced block by block.

`Interpreter` is mutable on purpose: it is the hot loop of parse + check, and the checks and the
explanations read it between two blocks instead of copying a snapshot per block. Positions are kept in
mm (G20 values are converted) and are NaN while unknown: after G28, G53, a tool or origin change, at the
start of a program. NaN propagates through the geometry, so a check on an unknown position simply does
not fire and the move is counted as not estimated. The moves themselves are in `tutor.gcode.motion`,
the program flow (sub-programs, G70/G71 profiles) in `tutor.gcode.flow`.
"""

from __future__ import annotations

from collections.abc import Callable

from tutor.gcode.codes import (
    COOLANT_OFF,
    COOLANT_ON,
    CSS,
    CUTTER,
    CYCLE,
    DISTANCE,
    FEED_MODE,
    IJK,
    LATHE_MODE,
    LENGTH,
    M_GROUPS,
    MOTION,
    NON_MODAL,
    PLANE,
    PROGRAM_END,
    RETURN,
    SPINDLE_OFF,
    SPINDLE_ON,
    UNITS,
    WORK,
    g_name,
    g_table,
)
from tutor.gcode.macro import Parameters, evaluate, is_call
from tutor.gcode.motion import ARCS, CUTTING_MOTIONS, NAN, PLANE_AXES, MotionMixin, Totals, _int
from tutor.gcode.parse import Block, Machine, word_int
from tutor.gcode.step import Step, call_target

# Non-modal codes whose block's axis words are not a move of the modal motion.
AXIS_CONSUMERS = frozenset({40, 100, 280, 290, 300, 520, 650, 920, 500, 740, 750, 1530, 250, 260})
LATHE_ROUGHING = (700, 710, 720, 730, 740, 750, 760)
_SIEMENS_DRILLING = {f"{n}(" for n in range(81, 90)}
__all__ = ["ARCS", "LATHE_ROUGHING", "Interpreter", "Step"]


class Interpreter(MotionMixin):
    """One control, Fanuc-like by default: modal groups, tool, spindle, coolant, position, running totals."""

    __slots__ = (
        "machine", "dialect", "lathe", "siemens", "table", "known", "scale", "units_set", "plane", "incremental",
        "ijk_absolute", "feed_mode", "motion", "cycle", "cycle_name", "cycle_z", "cycle_r", "cycle_q", "cycle_p",
        "cycle_initial", "cycle_siemens", "return_initial", "cutter", "d", "comp_pending", "length", "h",
        "length_pending", "work", "spindle", "rpm", "css", "vc", "clamp", "coolant", "tool", "pending_tool",
        "tool_offset", "feed", "x", "y", "z", "mr", "turn_start", "turn_target", "rapid_rate", "totals",
        "profile_lookup", "linuxcnc", "fanuc_lathe", "diameter", "params",
    )  # fmt: skip

    def __init__(self, machine: Machine, dialect: str, *, known: bool = True, rapid_rate: float = 10_000.0) -> None:
        self.machine = machine
        self.dialect = dialect
        self.lathe = machine == "lathe"
        self.siemens = dialect == "sinumerik"
        self.linuxcnc = dialect == "linuxcnc"
        self.fanuc_lathe = self.lathe and dialect == "iso"  # U/W increments, T0101 turret, feed per rev
        self.diameter = self.lathe and not self.linuxcnc  # LinuxCNC reads X as a radius until G7
        self.params = Parameters()
        self.table = g_table(dialect, machine)  # type: ignore[arg-type]
        self.known = known  # False: a sub-program run without its caller, so its state is unknown
        self.scale = 1.0
        self.units_set = False
        self.plane = 180 if self.lathe else 170
        self.incremental = False
        self.ijk_absolute = False
        self.feed_mode = "rev" if self.fanuc_lathe else "min"
        self.motion: int | None = None
        self.cycle: int | None = None
        self.cycle_name = ""
        self.cycle_z = self.cycle_r = self.cycle_q = self.cycle_p = self.cycle_initial = NAN
        self.cycle_siemens: tuple[float, ...] = ()
        self.return_initial = True
        self.cutter = 400
        self.d: int | None = None
        self.comp_pending: str | None = None
        self.length = 490
        self.h: int | None = None
        self.length_pending = False
        self.work: int | None = None
        self.spindle: int | None = 5 if known else None
        self.rpm: float | None = None
        self.css = False
        self.vc: float | None = None
        self.clamp: float | None = None
        self.coolant: bool | None = False if known else None
        self.tool: str | None = None
        self.pending_tool: str | None = None
        self.tool_offset: str | None = None
        self.feed: float | None = None
        self.x = self.y = self.z = NAN
        self.mr: dict[int, dict[str, float]] = {}  # first-block parameters of G71..G76
        self.turn_start = (NAN, NAN)
        self.turn_target = (NAN, NAN)
        self.rapid_rate = rapid_rate
        self.totals = Totals()
        self.profile_lookup: Callable[[int, int], list[Block]] = lambda p, q: []

    # ------------------------------------------------------------ one block

    def execute(self, block: Block) -> Step:
        """Apply one block in the control's order: modes, F, S, T, M06, spindle, coolant, then the motion."""
        step = Step(block)
        gcodes, mcodes, vals = step.gcodes, step.mcodes, step.values
        for letter, raw in block.words:
            try:
                value = float(raw)
                if value > 1e9 or value < -1e9:  # absurd (or infinite) values are treated as unknown
                    value = NAN
                if letter == "G":
                    gcodes.append(int(value * 10 + 0.5))
                elif letter == "M":
                    mcodes.append(int(value))
                else:
                    if letter in vals:
                        step.duplicates = [*step.duplicates, letter]
                    vals[letter] = value
            except ValueError:  # "#1", "[#1+2]": a macro expression, evaluated when its parameters are known
                value = NAN if letter in "GMNO" else evaluate(raw, self.params.values)
                if value != value:
                    step.expressions = True
                if letter not in "GM":
                    vals[letter] = value
        groups = step.groups
        non_modal = None
        if gcodes:
            non_modal = self._group(step, gcodes, vals)
        if block.extras:
            self._extras(step)
        if "F" in vals and not (non_modal == 40 and self.siemens):
            self.feed = vals["F"] * self.scale
            if groups.get(MOTION) not in (320, 340, 920, 330) and non_modal != 760:  # a thread's F is its pitch
                self.totals.feed(self.feed, self.feed_mode)
        if "S" in vals and not (non_modal == 40 and self.siemens):
            self._speed(step, vals["S"], non_modal)
        if "T" in vals:  # a turret indexes on T; a milling machine selects on T and changes on M06
            self._tool_word(step, block)
        step.spindle_before = self.spindle
        if mcodes:
            if len(mcodes) > 1:
                self._m_conflicts(step)
            if 6 in mcodes:
                self._change_tool(step)
            for code in mcodes:
                if code in SPINDLE_ON:
                    self.spindle = SPINDLE_ON[code]
                elif code in SPINDLE_OFF:
                    self.spindle = 5
                if code in COOLANT_ON:
                    self.coolant = True
                elif code in COOLANT_OFF:
                    self.coolant = False
        if "D" in vals and not self.lathe:
            self.d = _int(vals["D"])
            if self.siemens:  # D1 activates the tool's length and radius on Siemens
                self.length, self.length_pending = 430, False
                self._offset_used(f"D{self.d}")
        step.cycle_before = self.cycle
        cycle = None
        if groups:
            cycle = self._modes(step, groups, vals, non_modal)
        step.start = (self.x, self.y, self.z)
        if non_modal is not None and self.fanuc_lathe and non_modal in LATHE_ROUGHING:
            self._lathe_cycle(step, non_modal, vals)
        elif non_modal is not None and non_modal in AXIS_CONSUMERS:
            self._non_modal_axes(step, non_modal, vals)
        elif self.cycle is not None and (cycle is not None or _has_axes(vals)):
            self._hole(step, vals)
        elif _has_axes(vals) or (self.motion in ARCS and ("I" in vals or "J" in vals or "K" in vals)):
            self._move(step, vals, self.motion if self.motion is not None else 0)
        if mcodes:
            for code in mcodes:
                if code in PROGRAM_END:
                    step.ends = True
                elif code in (99, 17):
                    step.returns = True
                elif code == 98:
                    step.call = call_target(vals)
        if non_modal == 650 and "P" in vals:
            step.call = call_target(vals)
        return step

    def _group(self, step: Step, gcodes: list[int], vals: dict[str, float]) -> int | None:
        """Sort the block's G codes into modal groups; apply the feed mode and G96/G97 (needed before F, S)."""
        groups = step.groups
        table = self.table
        for code in gcodes:
            entry = table.get(code)
            if entry is None:
                step.unknown_g = [*step.unknown_g, code]
                continue
            group = entry[0]
            previous = groups.get(group)
            if previous is None:
                groups[group] = code
            elif previous != code and 90 not in (previous, code):
                step.conflicts = [*step.conflicts, (group, g_name(previous), g_name(code))]
        if self.lathe and groups.get(MOTION) == 920 and "S" in vals and not ({"X", "Z", "U", "W"} & vals.keys()):
            del groups[MOTION]  # "G92 S3000": spindle clamp (Fanuc system B/C), not a threading cycle
            groups[NON_MODAL] = 500
        mode = groups.get(FEED_MODE)
        if mode is not None:
            self._feed_mode(mode)
        if LATHE_MODE in groups:
            self.diameter = self.lathe and groups[LATHE_MODE] == 70
        css = groups.get(CSS)
        if css is not None:
            self.css = css == 960
            if self.linuxcnc and self.css and "D" in vals:  # LinuxCNC: « G96 D2500 S200 », D is the speed limit
                self.clamp, step.clamp_set = vals["D"], True
                self.totals.clamp(self.clamp)
        return groups.get(NON_MODAL)

    def _speed(self, step: Step, speed: float, non_modal: int | None) -> None:
        if non_modal == 500 or (self.siemens and non_modal == 260):
            self.clamp = speed
            step.clamp_set = True
            self.totals.clamp(speed)
        elif self.css:
            self.vc = speed * (0.3048 if self.scale != 1.0 else 1.0)
            self.totals.vc(self.vc)
        else:
            self.rpm = speed
            self.totals.rpm(speed)

    def _modes(self, step: Step, groups: dict[str, int], vals: dict[str, float], non_modal: int | None) -> int | None:
        """Modal groups other than feed mode and CSS; returns the block's cycle code."""
        if non_modal == 40:
            self.totals.dwell += self.dwell(step.block, vals)
        plane = groups.get(PLANE)
        if plane is not None:
            self.plane = plane
        units = groups.get(UNITS)
        if units is not None:
            self.units_set = True
            self.scale = 25.4 if units in (200, 700, 7000) else 1.0
        cutter = groups.get(CUTTER)
        if cutter in (400, 410, 420):
            if cutter != 400 and self.cutter == 400:
                self.comp_pending = "start"
            elif cutter == 400 and self.cutter != 400:
                self.comp_pending = "stop"
            self.cutter = cutter
        length = groups.get(LENGTH)
        if length is not None:
            self.length = length
            if length != 490:
                if "H" in vals:
                    self.h = _int(vals["H"])
                elif self.linuxcnc and self.tool and self.tool[1:].isdigit():
                    self.h = int(self.tool[1:])  # LinuxCNC: G43 alone takes the loaded tool's offset
                self.length_pending = False
                self._offset_used(f"H{self.h:02d}" if self.h is not None else "H?")
            if "Z" not in vals:
                self.z = NAN  # the controlled point moved by the tool length
        work = groups.get(WORK)
        if work is not None:
            if work != self.work:
                self.x = self.y = self.z = NAN
            self.work = work
            self.totals.work(work, vals)
        distance = groups.get(DISTANCE)
        if distance is not None:
            self.incremental = distance == 910
        ijk = groups.get(IJK)
        if ijk is not None:
            self.ijk_absolute = ijk == 901
        ret = groups.get(RETURN)
        if ret is not None:
            self.return_initial = ret == 980
        # Cycles first (Fanuc: a group 01 code cancels a drilling cycle), then the modal motion.
        cycle = groups.get(CYCLE)
        if cycle is not None:
            if cycle == 800:
                self.cycle = None
            else:
                if self.cycle is None:
                    self.cycle_initial = self.z
                    self.cycle_q = self.cycle_p = NAN
                self.cycle, self.cycle_name = cycle, g_name(cycle)
        motion = groups.get(MOTION)
        if motion is not None:
            if self.cycle is not None and cycle is None:
                step.cycle_cancelled = True
                self.cycle = None
            self.motion = motion
            if motion in (900, 920, 940):
                self.turn_start = (self.x, self.z)
        return cycle

    # ------------------------------------------------------------ parts of a block

    def _m_conflicts(self, step: Step) -> None:
        codes = set(step.mcodes)
        for group in M_GROUPS:
            both = sorted(codes & group)
            if len(both) > 1:
                step.conflicts = [*step.conflicts, ("M", f"M{both[0]:02d}", f"M{both[1]:02d}")]
        if codes & COOLANT_OFF and codes & COOLANT_ON:
            on, off = min(codes & COOLANT_ON), min(codes & COOLANT_OFF)
            step.conflicts = [*step.conflicts, ("M", f"M{on:02d}", f"M{off:02d}")]

    def _extras(self, step: Step) -> None:
        """Siemens instructions the checks need; everything else is reported as not interpreted."""
        extras = step.block.extras
        for extra in extras:
            name, _, value = extra.partition("=")
            if name == "CR" and value:
                step.radius_word = _number(value)
            elif name == "LIMS" and value:
                self.clamp = _number(value)
                step.clamp_set = True
                if self.clamp == self.clamp:
                    self.totals.clamp(self.clamp)
            elif name == "T" and value:
                self.pending_tool = value.strip('"')
                if self.lathe:
                    self._select_turret(step, self.pending_tool, None)
            elif extra == "MCALL":
                if not any(e.startswith("CYCLE") for e in extras):
                    self.cycle, self.cycle_siemens = None, ()
            elif extra[:5] == "CYCLE" and extra[5:8] in _SIEMENS_DRILLING:
                self._siemens_cycle(step, extra, "MCALL" in extras)
            elif extra in ("RET", "M17"):
                step.returns = True
            elif self.params.statement(extra) and extra[0] == "#":
                continue  # an assignment whose value is now known
            else:
                if is_call(extra):  # the sub-program may move, set the length offset...: not known after it
                    self.x = self.y = self.z = NAN
                    self.length_pending = False
                step.extras_unknown = [*step.extras_unknown, extra]

    def _siemens_cycle(self, step: Step, extra: str, modal: bool) -> None:
        name, _, args = extra.partition("(")
        params = tuple(_number(a) for a in args.rstrip(")").split(","))
        params += (NAN,) * (5 - len(params))
        self.cycle, self.cycle_name, self.cycle_siemens = int(name[5:7]) * 10, name, params[:5]
        if not modal:  # a one-shot call drills at the current position
            self._hole(step, {})
            self.cycle, self.cycle_siemens = None, ()

    def _feed_mode(self, mode: int) -> None:
        if self.fanuc_lathe:
            self.feed_mode = "rev" if mode == 990 else "min"
        elif mode == 930:
            self.feed_mode = "inv"
        elif mode == 950:
            self.feed_mode = "rev"
        elif mode == 940:
            self.feed_mode = "min"
        if self.siemens and mode in (940, 950, 960, 970):
            self.css = mode == 960
            if mode == 960:
                self.feed_mode = "rev"

    def _tool_word(self, step: Step, block: Block) -> None:
        raw = block.value("T") or ""
        number = word_int(raw)
        if number is None or number < 0:
            return
        if self.lathe and not self.linuxcnc:  # LinuxCNC lathes change tools with M6, as mills do
            if len(raw) >= 3:
                tool, offset = divmod(number, 100)
                self._select_turret(step, f"T{tool:02d}", f"T{tool:02d}{offset:02d}")
            else:
                self._select_turret(step, f"T{number:02d}", None)
        else:
            self.pending_tool = f"T{number:02d}"

    def _select_turret(self, step: Step, tool: str, offset: str | None) -> None:
        step.tool_change = tool != self.tool or offset != self.tool_offset
        self.tool, self.tool_offset = tool, offset
        self.x = self.z = NAN  # the offset moves the controlled point
        self.totals.tool(tool, step.block.line)
        if offset:
            self._offset_used(offset)

    def _change_tool(self, step: Step) -> None:
        step.tool_change = True
        self.tool = self.pending_tool or self.tool
        self.length_pending = not self.siemens or "D" not in step.values
        self.z = NAN  # the spindle went to the tool-change position
        if self.tool is not None:
            self.totals.tool(self.tool, step.block.line)

    def _offset_used(self, offset: str) -> None:
        if self.tool is not None:
            self.totals.offset(self.tool, offset)

    def _non_modal_axes(self, step: Step, code: int, vals: dict[str, float]) -> None:
        """G28/G30/G53 end at a machine position (unknown here); G92/G50/G52 redefine the coordinates."""
        if code in (280, 300, 740):
            target = self._target(vals)
            axes = step.moved = self._axes_in(vals)
            self._account(step, target, rapid=True, axes=axes)
            self.x = NAN if "X" in axes else self.x
            self.y = NAN if "Y" in axes else self.y
            self.z = NAN if "Z" in axes else self.z
            step.motion = code
        elif code in (530, 1530):
            for axis in self._axes_in(vals):
                setattr(self, axis.lower(), NAN)
            step.motion = self.motion if self.motion is not None else 0
            step.moved = self._axes_in(vals)
        elif code in (920, 500) and _has_axes(vals):  # coordinate setting: the tool is now at these values
            s = self.scale
            if "X" in vals:
                self.x = vals["X"] * s
            if "Y" in vals:
                self.y = vals["Y"] * s
            if "Z" in vals:
                self.z = vals["Z"] * s
        elif code == 520:
            self.x = self.y = self.z = NAN

    def _axes_in(self, vals: dict[str, float]) -> str:
        axes = ""
        for axis, inc in (("X", "U"), ("Y", "V"), ("Z", "W")):
            if axis in vals or (self.fanuc_lathe and inc in vals):
                axes += axis
        return axes

    def _target(self, vals: dict[str, float]) -> tuple[float, float, float]:
        s = self.scale
        x, y, z = self.x, self.y, self.z
        if self.incremental and not self.fanuc_lathe:
            if "X" in vals:
                x += vals["X"] * s
            if "Y" in vals:
                y += vals["Y"] * s
            if "Z" in vals:
                z += vals["Z"] * s
            return x, y, z
        if "X" in vals:
            x = vals["X"] * s
        if "Y" in vals:
            y = vals["Y"] * s
        if "Z" in vals:
            z = vals["Z"] * s
        if self.fanuc_lathe:
            if "U" in vals:
                x += vals["U"] * s
            if "W" in vals:
                z += vals["W"] * s
        return x, y, z

    def _move(self, step: Step, vals: dict[str, float], motion: int) -> None:
        target = self._target(vals)
        step.motion = motion
        step.moved = self._axes_in(vals)
        if motion in ARCS:
            self._arc(step, vals, target)
        elif motion in (900, 920, 940) and self.lathe:
            self._turning_cycle(step, motion, vals)
        else:
            self._account(step, target, rapid=motion == 0, axes=step.moved)
        step.cutting = motion in CUTTING_MOTIONS
        if self.comp_pending and step.moved and PLANE_AXES[self.plane] & set(step.moved):
            step.comp_event, self.comp_pending = self.comp_pending, None


# ---------------------------------------------------------------- helpers


def _has_axes(vals: dict[str, float]) -> bool:
    return "X" in vals or "Y" in vals or "Z" in vals or "U" in vals or "W" in vals


def _number(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        return NAN
