"""Program flow: the main program, sub-programs called by M98 / G65, G71 profiles skipped and replayed by G70.

`run` executes a program the way the control does, with the repeat counts. Blocks never reached
(sub-programs never called, a profile without G70) are run last, from an unknown state, so their
geometry is still checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from tutor.gcode.parse import Block, Machine, Program, is_o_word, word_int
from tutor.gcode.state import Interpreter, Step

MAX_STEPS_FACTOR = 20  # sub-program calls may not execute more than this many times the file's blocks


def units_of(blocks: tuple[Block, ...]) -> list[tuple[int, int, int | None]]:
    """(first index, end index, program number): a unit starts at an O word and ends after M30/M02/M99."""
    units: list[tuple[int, int, int | None]] = []
    start, number = 0, None
    for i, block in enumerate(blocks):
        words = block.words
        if words and words[0][0] == "O":
            if i > start:
                units.append((start, i, number))
                start = i
            number = word_int(words[0][1])
        if "M" not in block.text and "m" not in block.text:
            continue
        for letter, raw in words:
            if letter == "M" and raw.lstrip("0") in ("2", "30", "99", "2.", "30.", "99.", "17"):
                units.append((start, i + 1, number))
                start, number = i + 1, None
                break
    if start < len(blocks):
        units.append((start, len(blocks), number))
    return units


def run(
    program: Program, machine: Machine, *, rapid_rate: float = 10_000.0
) -> Iterator[tuple[Step, Interpreter, bool]]:
    """Yield (step, interpreter, main) for every executed block; `main` is False for blocks run out of context.

    One flat loop over a stack of frames (unit, sub-program repetition, G70 profile) rather than nested
    generators: every block goes through it.
    """
    blocks = program.blocks
    units = units_of(blocks)
    if not units:
        return
    by_number = {number: (lo, hi) for lo, hi, number in units if number is not None}
    numbers = _BlockNumbers(blocks)
    executed = bytearray(len(blocks))
    budget = MAX_STEPS_FACTOR * len(blocks) + 10_000

    def is_sub(unit: tuple[int, int, int | None]) -> bool:
        last = blocks[unit[1] - 1]
        return any(letter == "M" and raw.lstrip("0") in ("99", "17", "99.") for letter, raw in last.words)

    definitions = o_word_definitions(blocks)
    main = next((u for u in units if not is_sub(u)), units[0])
    interp = Interpreter(machine, program.dialect, known=not is_sub(main), rapid_rate=rapid_rate)
    # frame: [next index, first, end, depth, is a G70 profile, repetitions left, unit first, unit end]
    stack: list[list] = [[main[0], main[0], main[1], 0, False, 1, main[0], main[1]]]
    interp.profile_lookup = lambda p, q: numbers.between(p, q, stack[-1][6], stack[-1][7])
    execute = interp.execute
    while stack:
        frame = stack[-1]
        i = frame[0]
        if i >= frame[2]:
            _frame_done(stack, interp)
            continue
        if budget <= 0:
            interp.totals.note("trop d'appels de sous-programmes : simulation arrêtée")
            break
        budget -= 1
        if definitions and i in definitions:  # a LinuxCNC sub-program defined here runs when called, not here
            frame[0] = definitions[i]
            continue
        step = execute(blocks[i])
        executed[i] = 1
        frame[0] = i + 1
        yield step, interp, True
        if step.ends:
            break
        if step.returns:
            if frame[3] == 0:  # M99 in a main program loops forever: one pass is enough
                break
            frame[0] = frame[2]
            continue
        if step.call is not None:
            target = by_number.get(step.call[0])
            if target is not None and frame[3] < 8 and step.call[1] > 0:
                stack.append([target[0], target[0], target[1], frame[3] + 1, False, step.call[1], *target])
        elif step.profile is not None:
            first, last = (
                numbers.find(step.profile[0], frame[6], frame[7]),
                numbers.find(step.profile[1], frame[6], frame[7]),
            )
            if first is not None and last is not None and first <= last:
                stack.append([first, first, last + 1, frame[3], True, 1, frame[6], frame[7]])
            else:
                interp.end_profile()
        elif step.skip_to is not None:
            target_index = numbers.find(step.skip_to, i, frame[7])
            if target_index is not None:
                frame[0] = target_index + 1
    orphan: Interpreter | None = None
    for i, block in enumerate(blocks):
        if not executed[i]:
            if orphan is None:
                orphan = Interpreter(machine, program.dialect, known=False, rapid_rate=rapid_rate)
            yield orphan.execute(block), orphan, False


def o_word_definitions(blocks: tuple[Block, ...]) -> dict[int, int]:
    """LinuxCNC `oN sub` ... `oN endsub`: the index of each definition's first line -> the index after its end.

    Their blocks are left out of the main flow; they are then checked from an unknown state, like a sub-program
    that is never called, so nothing in them is judged against the state of the lines around the definition."""
    found: dict[int, int] = {}
    open_at: dict[str, int] = {}
    for index, block in enumerate(blocks):
        if not block.extras or not is_o_word(block.extras[0]):
            continue
        name, _, keyword = block.extras[0].rpartition(" ")
        if keyword == "SUB":
            open_at[name] = index
        elif keyword == "ENDSUB" and name in open_at:
            found[open_at.pop(name)] = index + 1
    return found


def _frame_done(stack: list[list], interp: Interpreter) -> None:
    frame = stack[-1]
    if frame[4]:
        interp.end_profile()
    if frame[5] > 1:  # the sub-program is called again
        frame[5] -= 1
        frame[0] = frame[1]
    else:
        stack.pop()


class _BlockNumbers:
    """N numbers to block indexes, built on first use: only G70..G73 profiles need it."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks
        self.index: dict[int, list[int]] | None = None

    def find(self, n: int, lo: int, hi: int) -> int | None:
        if self.index is None:
            self.index = {}
            for i, block in enumerate(self.blocks):
                if block.words and block.words[0][0] == "N":
                    number = word_int(block.words[0][1])
                    if number is not None:
                        self.index.setdefault(number, []).append(i)
        return next((i for i in self.index.get(n, ()) if lo <= i < hi), None)

    def between(self, p: int, q: int, lo: int, hi: int) -> list[Block]:
        first, last = self.find(p, lo, hi), self.find(q, lo, hi)
        return list(self.blocks[first : last + 1]) if first is not None and last is not None and first <= last else []
