"""What one executed block did: the record the interpreter fills and the checks and explanations read.

Its own module so that the interpreter (`tutor.gcode.state`) and the moves (`tutor.gcode.motion`) both use it
without importing each other.
"""

from __future__ import annotations

import math

from tutor.gcode.parse import Block

NAN = math.nan


class Step:
    """What one executed block did, for the checks and the explanations.

    Class attributes are the defaults: a block only stores what it changes, which keeps the hot loop cheap.
    """

    gcodes: list[int]
    mcodes: list[int]
    values: dict[str, float]
    groups: dict[str, int]
    # The list defaults are shared and never mutated: a step that has one gets a new list.
    conflicts: list[tuple[str, str, str]] = []
    unknown_g: list[int] = []
    duplicates: list[str] = []
    extras_unknown: list[str] = []
    expressions = False  # a value is a macro expression ("#1", "[#1+2]"), not evaluated
    motion: int | None = None  # motion or cycle code executed by this block
    cutting = False
    moved = ""  # axis letters commanded by the move (X Y Z)
    start = (NAN, NAN, NAN)  # position before the block
    length = 0.0
    time = 0.0
    arc: tuple[float, float, float | None, str] | None = None  # r_start, r_end, R word, problem
    comp_event: str | None = None  # "start" / "stop": compensation starts or ends on this move
    tool_change = False
    spindle_before: int | None = None
    cycle_before: int | None = None
    cycle_cancelled = False  # a motion code replaced an active drilling cycle (no G80)
    call: tuple[int, int] | None = None  # (program number, repeats)
    skip_to: int | None = None
    profile: tuple[int, int] | None = None
    ends = False
    returns = False
    clamp_set = False
    radius_word: float | None = None

    def __init__(self, block: Block) -> None:
        self.block = block
        self.gcodes = []
        self.mcodes = []
        self.values = {}
        self.groups = {}


def call_target(vals: dict[str, float]) -> tuple[int, int] | None:
    """M98 P49009 = 4 times O9009 (Fanuc: repeats before the 4-digit number), or M98 P9009 L4."""
    p = _whole(vals.get("P"))
    if p is None or p < 0:
        return None
    if "L" in vals:
        return p, min(max(0, _whole(vals["L"]) or 0), 9999)
    if p >= 10_000:
        repeats, number = divmod(p, 10_000)
        return number, min(repeats, 9999)
    return p, 1


def _whole(value: float | None) -> int | None:
    return int(value) if value is not None and value == value and abs(value) < 1e9 else None
