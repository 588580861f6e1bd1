"""CNC programs as data: lexing into blocks, dialect and machine detection, and the report types.

The lexer is hand-written around one compiled regex per block so that parse + check stays far above
50,000 blocks/s on a workshop PC: plain ISO blocks (the vast majority) are checked by `fullmatch`
and split by `findall`, which returns the (letter, number) pairs without building per-word objects.

Dialects (decided here, documented for the user):
- ``iso``: ISO / Fanuc-style programs (``.nc``, ``.iso``, ``.tap``...), milling and turning, fully checked.
- ``sinumerik``: Siemens programs (``.mpf``, ``.spf``) use the same address words; the ISO-like subset is
  checked and explained; Siemens-only instructions are tolerated (``CR=``, ``LIMS=``, ``MCALL CYCLE81(...)``,
  ``T="name"``, labels...). Parentheses are not comments there, and values are always decimal.
- ``linuxcnc``: LinuxCNC's RS274/NGC (``.ngc``): o-word sub-programs and loops, named parameters
  (``#<depth>``), its own G codes (G7/G8 diameter or radius mode on a lathe, G33.1, G38.x, G41.1, G43.1, G64 P).
  A plain number is a plain number there (``X10`` is 10 mm), and a lathe reads X as a radius unless G7.
- ``heidenhain``: conversational plain text (``BEGIN PGM``, ``L X+10 R0 FMAX``) is not ISO: no block is
  parsed and the checker reports one information finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Machine = Literal["mill", "lathe"]
Dialect = Literal["iso", "linuxcnc", "sinumerik", "heidenhain"]
DIALECTS: tuple[Dialect, ...] = ("iso", "linuxcnc", "sinumerik", "heidenhain")
Severity = Literal["error", "warning", "info"]
MACHINES: tuple[Machine, ...] = ("mill", "lathe")
RULE_NAMES = {"iso": "Fanuc", "linuxcnc": "LinuxCNC", "sinumerik": "Sinumerik", "heidenhain": "Heidenhain"}
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Block:
    """One executable line. `words` keep the numbers as written: the decimal-point check needs them."""

    line: int  # 1-based line number in the file
    text: str  # the line as written, without its end of line
    words: tuple[tuple[str, str], ...]  # (upper-case letter, number or expression as written), in order
    comment: str = ""
    deleted: bool = False  # starts with "/": skipped when the operator's block-delete switch is on
    extras: tuple[str, ...] = ()  # tokens that are not address words: Siemens calls, macro statements...
    bad: tuple[str, ...] = ()  # text that is neither a word nor a known construct

    def value(self, letter: str) -> str | None:
        for word, raw in self.words:
            if word == letter:
                return raw
        return None


@dataclass(frozen=True, slots=True)
class Program:
    dialect: Dialect
    lines: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    line: int
    severity: Severity
    code: str  # stable: outside tools read it (see tutor.gcode.check)
    message: str  # French
    hint: str  # French: what to do about it
    dialect: str = ""  # whose rules the finding applies: the program's dialect (or the one forced by the user)

    @property
    def rule(self) -> str:
        """The control family the finding's rule holds for, as a technician names it."""
        return RULE_NAMES.get(self.dialect, self.dialect)

    def as_json(self) -> dict:
        return {
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "dialect": self.dialect,
        }


@dataclass(frozen=True, slots=True)
class ToolUse:
    tool: str  # "T05", or the Siemens tool name
    line: int  # first line where it is called
    offsets: tuple[str, ...] = ()  # "H05", "D02", "T0101" (turret tool + offset)...


@dataclass(frozen=True, slots=True)
class Summary:
    """Figures of the whole program; lengths in mm, times in seconds, whatever the program's units."""

    dialect: Dialect
    machine: Machine
    machine_detected: bool
    blocks: int
    tools: tuple[ToolUse, ...] = ()
    work_offsets: tuple[str, ...] = ()
    rpm: tuple[float, float] | None = None
    cutting_speed: tuple[float, float] | None = None  # m/min under G96
    spindle_clamp: float | None = None  # highest G50 S / G92 S / LIMS
    feed_per_min: tuple[float, float] | None = None  # mm/min
    feed_per_rev: tuple[float, float] | None = None  # mm/rev
    envelope: tuple[tuple[str, float, float], ...] = ()  # (axis, min, max); lathe X is a diameter
    rapid_length: float = 0.0
    feed_length: float = 0.0
    rapid_time: float = 0.0
    feed_time: float = 0.0
    dwell_time: float = 0.0
    rapid_rate: float = 10_000.0  # mm/min
    moves_not_estimated: int = 0  # moves from an unknown position, or feed moves with no usable rate
    notes: tuple[str, ...] = ()  # French: what the estimate leaves out or approximates

    @property
    def path_length(self) -> float:
        return self.rapid_length + self.feed_length

    @property
    def cycle_time(self) -> float:
        return self.rapid_time + self.feed_time + self.dwell_time

    def as_json(self) -> dict:
        def span(pair: tuple[float, float] | None) -> dict | None:
            return None if pair is None else {"min": _round(pair[0]), "max": _round(pair[1])}

        return {
            "dialect": self.dialect,
            "machine": self.machine,
            "machine_detected": self.machine_detected,
            "blocks": self.blocks,
            "tools": [{"tool": t.tool, "line": t.line, "offsets": list(t.offsets)} for t in self.tools],
            "work_offsets": list(self.work_offsets),
            "spindle_rpm": span(self.rpm),
            "cutting_speed_m_min": span(self.cutting_speed),
            "spindle_clamp_rpm": None if self.spindle_clamp is None else _round(self.spindle_clamp),
            "feed_mm_min": span(self.feed_per_min),
            "feed_mm_rev": span(self.feed_per_rev),
            "envelope_mm": {axis: {"min": _round(lo), "max": _round(hi)} for axis, lo, hi in self.envelope},
            "path_length_mm": {
                "rapid": _round(self.rapid_length),
                "feed": _round(self.feed_length),
                "total": _round(self.path_length),
            },
            "cycle_time_s": {
                "rapid": round(self.rapid_time, 1),
                "feed": round(self.feed_time, 1),
                "dwell": round(self.dwell_time, 1),
                "total": round(self.cycle_time, 1),
            },
            "rapid_rate_mm_min": _round(self.rapid_rate),
            "moves_not_estimated": self.moves_not_estimated,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class Report:
    findings: tuple[Finding, ...]
    summary: Summary

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def as_json(self) -> dict:
        return {"findings": [f.as_json() for f in self.findings], "summary": self.summary.as_json()}


@dataclass(frozen=True, slots=True)
class ExplainedLine:
    line: int
    text: str
    explanation: str  # French; empty for blank lines and tape marks
    findings: tuple[Finding, ...] = field(default=())


def word_int(raw: str) -> int | None:
    """The integer a word's number stands for (N, O, P, T...), or None for expressions and absurd sizes."""
    try:
        value = float(raw)
    except ValueError:
        return None
    return int(value) if -1e9 <= value <= 1e9 else None  # False for NaN and infinities


def _round(value: float) -> float:
    return round(value, 3) + 0.0  # + 0.0 turns -0.0 into 0.0


# ---------------------------------------------------------------- lexing

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)"
# Blanks mean nothing in ISO code ("G0 1" is G01), so plain blocks are matched with the blanks removed.
_PLAIN = re.compile(rf"(?:[A-Z]{_NUMBER})*")
_WORD = re.compile(r"([A-Z])([^A-Z]+)")  # only applied to what _PLAIN accepted
_PAREN_COMMENT = re.compile(r"\(([^)]*)\)?")
_BLOCK_DELETE = re.compile(r"\s*/[1-9]?")
_MACRO_STATEMENT = re.compile(r"\s*(?:#|IF\b|IF\[|WHILE\b|WHILE\[|GOTO\b|GOTO\d|END\s*\d|DO\s*\d)")
_TOKEN = re.compile(
    rf"""\s*(?:
      (?P<assign>[A-Z_][A-Z0-9_]*)\s*=\s*(?P<aval>"[^"]*"|[^\s;]+)
    | (?P<call>[A-Z_][A-Z0-9_]*)\s*\((?P<args>[^)]*)\)?
    | (?P<letter>[A-Z])\s*(?P<num>{_NUMBER})
    | (?P<eletter>[A-Z])\s*(?P<expr>-?\#\s*(?:\d+|<[^>]*>)|-?\[[^\]]*\]?)
    | (?P<keyword>[A-Z_][A-Z0-9_]+:?)
    | :(?P<program>\d+)
    | (?P<bad>[^\sA-Z_]+|\S)
    )""",
    re.VERBOSE,
)


def parse(text: str, dialect: Dialect | None = None, *, suffix: str = "") -> Program:
    """Split a program into blocks; never raises, whatever the text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
    dialect = dialect or detect_dialect(text, suffix)
    lines = tuple(text.split("\n"))
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if dialect == "heidenhain":
        return Program(dialect, lines, ())
    siemens = dialect == "sinumerik"
    blocks = []
    append = blocks.append
    plain = _PLAIN.fullmatch
    findall = _WORD.findall
    for number, line in enumerate(lines, start=1):
        code = line
        comment = ""
        if ";" in code:
            code, _, comment = code.partition(";")
            comment = comment.strip()
        if not siemens and "(" in code:
            found = _PAREN_COMMENT.findall(code)
            code = _PAREN_COMMENT.sub(" ", code)
            comment = " ".join(part.strip() for part in (*found, comment) if part.strip())
        code = code.strip()
        if not code or code[0] == "%":
            continue
        deleted = False
        if code[0] == "/":
            deleted = True
            code = _BLOCK_DELETE.sub("", code, count=1)
        code = code.upper()
        if siemens and code.startswith("DEF "):  # a variable declaration: one statement, not address words
            append(Block(number, line, (), comment, deleted, (" ".join(code.split()),)))
            continue
        compact = code.replace(" ", "").replace("\t", "")
        if plain(compact):
            words = tuple(findall(compact))
            if words:
                append(Block(number, line, words, comment, deleted))
            continue
        append(_slow_block(number, line, code, comment, deleted))
    return Program(dialect, lines, tuple(blocks))


# LinuxCNC's o-word control lines (« o100 sub », « o101 while [#1 lt 3] », « o100 call [2] »): not program numbers.
_O_WORD = re.compile(
    r"O\s*(?:\d+|<[^>]*>)\s*(?:SUB|ENDSUB|CALL|WHILE|ENDWHILE|IF|ELSEIF|ELSE|ENDIF|DO|REPEAT|ENDREPEAT|BREAK|CONTINUE|"
    r"RETURN)\b"
)


def is_o_word(extra: str) -> bool:
    """A LinuxCNC o-word control line, as `_slow_block` keeps it."""
    return bool(_O_WORD.match(extra))


def _slow_block(number: int, line: str, code: str, comment: str, deleted: bool) -> Block:
    """Blocks with something else than address words: Siemens syntax, Fanuc macros, typing errors."""
    if _O_WORD.match(code):
        return Block(number, line, (), comment, deleted, (" ".join(code.split()),))
    words: list[tuple[str, str]] = []
    extras: list[str] = []
    bad: list[str] = []
    position = 0
    while position < len(code):
        if _MACRO_STATEMENT.match(code, position):
            extras.append(code[position:].strip())
            break
        match = _TOKEN.match(code, position)
        if match is None or match.end() == position:  # only trailing blanks are left
            break
        position = match.end()
        kind = match.lastgroup
        if kind in ("assign", "aval"):
            name, value = match.group("assign"), match.group("aval")
            if len(name) == 1 and name != "T" and not value.startswith('"'):
                words.append((name, value))  # Siemens "X=10", or "F=FEED_XY": the address is set, maybe to a variable
            else:
                extras.append(f"{name}={value}")
        elif kind in ("call", "args"):
            extras.append(f"{match.group('call')}({(match.group('args') or '').strip()})")
        elif kind in ("letter", "num"):
            words.append((match.group("letter"), match.group("num")))
        elif kind in ("eletter", "expr"):
            expr = match.group("expr")
            if expr.lstrip("-").startswith("["):  # nested brackets (Macro B, LinuxCNC): to the one closing the first
                end = _closing_bracket(code, code.index("[", match.start("expr")))
                expr, position = code[match.start("expr") : end], end
            words.append((match.group("eletter"), expr))
        elif kind == "keyword":
            extras.append(match.group("keyword"))
        elif kind == "program":
            words.append(("O", match.group("program")))
        else:
            bad.append(match.group("bad"))
    return Block(number, line, tuple(words), comment, deleted, tuple(extras), tuple(bad))


def _closing_bracket(code: str, start: int) -> int:
    """The index just past the bracket that closes the one at `start` (or the end of the block)."""
    depth = 0
    for index in range(start, len(code)):
        if code[index] == "[":
            depth += 1
        elif code[index] == "]":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(code)


# ---------------------------------------------------------------- detection

_HEIDENHAIN = re.compile(r"^\s*\d*\s*(?:BEGIN\s+PGM|TOOL\s+CALL|CYCL\s+DEF|BLK\s+FORM)\b", re.IGNORECASE | re.MULTILINE)
_SIEMENS = re.compile(
    r"\bMCALL\b|\bCYCLE\d+\s*\(|\bCR\s*=|\bT\s*=\s*\"|\bLIMS\s*=|\bDIAMON\b|\bG500\b|\bSUPA\b|\bTRANS\b|\bMSG\s*\(|"
    r"\bDEF\s+(?:REAL|INT)\b|^\s*%_N_",
    re.IGNORECASE | re.MULTILINE,
)


# A parenthesis group right after a name of two letters or more is a Siemens call (CYCLE81(...), MSG(...));
# any other one is an ISO comment, where a CAM post writes anything (« (T1 D=0.5 CR=0. - flat end mill) »).
_PAREN_GROUP = re.compile(r"(?P<name>\b[A-Z_][A-Z0-9_]*)?\s*\([^()\n]*\)", re.IGNORECASE)
_CALL_NAME = re.compile(r"[A-Z_]{2}", re.IGNORECASE)
_SEMICOLON_COMMENT = re.compile(r";[^\n]*")


def _without_comments(text: str) -> str:
    def keep_calls(match: re.Match) -> str:
        name = match.group("name") or ""
        return match.group(0) if _CALL_NAME.match(name) else name

    return _PAREN_GROUP.sub(keep_calls, _SEMICOLON_COMMENT.sub("", text))


# LinuxCNC only: o-word control lines, named parameters, G codes no Fanuc or Siemens control has.
_LINUXCNC = re.compile(
    r"^\s*(?:N\d+\s*)?O\s*(?:\d+|<[^>]*>)\s*(?:SUB|CALL|WHILE|DO|IF|REPEAT)\b|#\s*<|"
    r"\bG\s*0*(?:33\.1|38\.[2-5]|4[12]\.1|43\.[12]|64\s*P)|"
    # G7 / G8 (diameter / radius mode) among G codes only: Fanuc's rare G07 takes an axis word.
    r"^\s*(?:N\d+\s*)?(?:G\s*\d+(?:\.\d)?\s*)*G\s*0*[78](?![\d.])\s*(?:G\s*\d+(?:\.\d)?\s*)*$",
    re.IGNORECASE | re.MULTILINE,
)
# ... and its comment commands, the only comments detection reads.
_LINUXCNC_COMMENT = re.compile(r"\(\s*(?:MSG|DEBUG|PRINT|LOGOPEN|LOGAPPEND|PROBEOPEN)\s*,", re.IGNORECASE)


def detect_dialect(text: str, suffix: str = "") -> Dialect:
    """From the file's suffix, else from markers in its head (enough: they show up in the first blocks);
    comments are left out, since a CAM post writes tool descriptions there."""
    suffix = suffix.lower()
    raw = text[:20_000]
    head = _without_comments(raw)
    if suffix == ".h" or _HEIDENHAIN.search(head):
        return "heidenhain"
    if suffix in (".mpf", ".spf"):
        return "sinumerik"
    if suffix == ".ngc" or _LINUXCNC.search(head) or _LINUXCNC_COMMENT.search(raw):
        return "linuxcnc"
    if _SIEMENS.search(head):
        return "sinumerik"
    return "iso"


def detect_machine(program: Program) -> Machine:
    """Mill unless the program looks like turning: G18, T0101-style tools, G96, U/W words, G50 S, G71 P Q."""
    lathe = mill = 0
    linuxcnc = program.dialect == "linuxcnc"  # there lathes change tools with M6 and use G43 too
    for block in program.blocks[:2000]:  # the safety line and the first tools decide
        letters = {letter for letter, _ in block.words}
        gcodes = {raw.lstrip("0") or "0" for letter, raw in block.words if letter == "G"}
        for letter, raw in block.words:
            if letter == "T" and len(raw) == 4 and raw.isdigit():
                lathe += 3
            elif letter in ("U", "W") and not gcodes & {"70", "71", "72", "73", "74", "75", "76"}:
                lathe += 2
            elif letter in ("H", "Y") or letter == "M" and raw.lstrip("0") == "6" and not linuxcnc:
                mill += 2
        if "18" in gcodes:
            lathe += 2
        if gcodes & {"7", "8"} and linuxcnc:  # diameter / radius mode: a lathe
            lathe += 5
        if "17" in gcodes:
            mill += 2
        if "96" in gcodes:
            lathe += 2
        if gcodes & {"43", "44"} and not linuxcnc:
            mill += 3
        if "50" in gcodes and "S" in letters:
            lathe += 2
        if gcodes & {"70", "71", "72"} and {"P", "Q"} <= letters:
            lathe += 3
        if gcodes & {"81", "82", "83", "84", "85", "86", "73"} and "R" in letters:
            mill += 1
    return "lathe" if lathe > mill else "mill"
