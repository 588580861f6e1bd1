"""Parameters and bracket expressions: Fanuc Macro B (``#1 = 2.5``, ``X[#1*2]``) and LinuxCNC (``#<depth> = 3``).

Values are followed where a reader can be sure of them: an assignment at the top level of the program sets
its parameter; one inside a loop, a condition or a sub-program body (read inline, once) makes it unknown, as
does anything this module cannot evaluate. An unknown value is NaN, and the checks skip what depends on it.
Trigonometry is in degrees on both controls.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

NAN = math.nan

_TOKENS = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+))|(?P<named>#\s*<[^>]*>)|(?P<hash>#)|(?P<word>[A-Z_]+)"
    r"|(?P<op>\*\*|[-+*/\[\],]))"
)
_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "SIN": lambda v: math.sin(math.radians(v)),
    "COS": lambda v: math.cos(math.radians(v)),
    "TAN": lambda v: math.tan(math.radians(v)),
    "ASIN": lambda v: math.degrees(math.asin(v)),
    "ACOS": lambda v: math.degrees(math.acos(v)),
    "SQRT": math.sqrt,
    "ABS": abs,
    "EXP": math.exp,
    "LN": math.log,
    "FIX": math.floor,
    "FUP": math.ceil,
    "ROUND": lambda v: math.floor(v + 0.5) if v >= 0 else -math.floor(-v + 0.5),
}
_BINARY = {
    "**": (4, lambda a, b: a**b),
    "*": (3, lambda a, b: a * b),
    "/": (3, lambda a, b: a / b),
    "MOD": (3, lambda a, b: math.fmod(a, b) if a >= 0 else math.fmod(a, b) + abs(b)),
    "+": (2, lambda a, b: a + b),
    "-": (2, lambda a, b: a - b),
    "EQ": (1, lambda a, b: float(a == b)),
    "NE": (1, lambda a, b: float(a != b)),
    "GT": (1, lambda a, b: float(a > b)),
    "GE": (1, lambda a, b: float(a >= b)),
    "LT": (1, lambda a, b: float(a < b)),
    "LE": (1, lambda a, b: float(a <= b)),
    "AND": (0, lambda a, b: float(bool(a) and bool(b))),
    "OR": (0, lambda a, b: float(bool(a) or bool(b))),
    "XOR": (0, lambda a, b: float(bool(a) != bool(b))),
}


class _Unknown(Exception):
    """Raised inside the evaluator: the expression cannot be given a value."""


def parameter_name(text: str) -> str:
    """``#<Depth>`` -> ``<DEPTH>``, ``# 12`` -> ``12``: one key per parameter, whatever the spacing or case."""
    return "".join(text.lstrip("#").split()).upper()


def evaluate(text: str, params: dict[str, float]) -> float:
    """The value of a word's expression (``[#1+2]``, ``#<x>``, ``-#3``), NaN when it cannot be known."""
    tokens = _tokenize(text)
    if tokens is None:
        return NAN
    parser = _Parser(tokens, params)
    try:
        value = parser.expression(0)
        if parser.position != len(tokens):
            return NAN
        return value if math.isfinite(value) else NAN
    except (_Unknown, ArithmeticError, ValueError):
        return NAN


def _tokenize(text: str) -> list[str] | None:
    tokens: list[str] = []
    position = 0
    text = text.upper().strip()
    while position < len(text):
        match = _TOKENS.match(text, position)
        if match is None or match.end() == position:
            return None if text[position:].strip() else tokens
        position = match.end()
        tokens.append(match.group(match.lastgroup).strip())  # type: ignore[arg-type]
    return tokens


class _Parser:
    """Precedence climbing over the tokens; brackets group, as on both controls."""

    def __init__(self, tokens: list[str], params: dict[str, float]) -> None:
        self.tokens = tokens
        self.params = params
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise _Unknown
        self.position += 1
        return token

    def expect(self, token: str) -> None:
        if self.take() != token:
            raise _Unknown

    def expression(self, level: int) -> float:
        left = self.unary()
        while (token := self.peek()) in _BINARY and _BINARY[token][0] >= level:  # type: ignore[index]
            precedence, apply = _BINARY[self.take()]
            right = self.expression(precedence + 1)
            left = apply(left, right)
        return left

    def unary(self) -> float:
        token = self.peek()
        if token == "-":
            self.take()
            return -self.unary()
        if token == "+":
            self.take()
            return self.unary()
        return self.primary()

    def primary(self) -> float:
        token = self.take()
        if token == "[":
            value = self.expression(0)
            self.expect("]")
            return value
        if token[0].isdigit() or token[0] == ".":
            return float(token)
        if token.startswith("#") and len(token) > 1:  # #<name>
            return self.lookup(parameter_name(token))
        if token == "#":
            number = self.primary()  # #12, #[#1+1], ##1
            if number != int(number):
                raise _Unknown
            return self.lookup(str(int(number)))
        if token == "ATAN":  # ATAN[y]/[x] (both controls) or ATAN[y,x] (Fanuc)
            self.expect("[")
            y = self.expression(0)
            if self.peek() == ",":
                self.take()
                x = self.expression(0)
                self.expect("]")
            else:
                self.expect("]")
                self.expect("/")
                self.expect("[")
                x = self.expression(0)
                self.expect("]")
            return math.degrees(math.atan2(y, x))
        function = _FUNCTIONS.get(token)
        if function is not None:
            self.expect("[")
            value = self.expression(0)
            self.expect("]")
            return float(function(value))
        raise _Unknown

    def lookup(self, name: str) -> float:
        value = self.params.get(name, NAN)
        if value != value:
            raise _Unknown
        return value


# ---------------------------------------------------------------- statements

_ASSIGNMENT = re.compile(r"(#\s*(?:<[^>]*>|\d+|\[.*?\]))\s*=\s*(.+)")
_FANUC_OPEN = re.compile(r"(?:WHILE\s*\[.*\]\s*DO\s*\d|IF\s*\[.*\]\s*THEN)")
_FANUC_CLOSE = re.compile(r"END\s*\d")
_O_OPEN = re.compile(r"O\s*(?:\d+|<[^>]*>)\s*(SUB|WHILE|DO|IF|REPEAT)\b")
_O_CLOSE = re.compile(r"O\s*(?:\d+|<[^>]*>)\s*(ENDSUB|ENDWHILE|ENDIF|ENDREPEAT)\b")
_O_DO_WHILE = re.compile(r"O\s*(?:\d+|<[^>]*>)\s*WHILE\b")
_O_DO = re.compile(r"O\s*(?:\d+|<[^>]*>)\s*DO\b")
_O_CALL = re.compile(r"O\s*(?:\d+|<[^>]*>)\s*CALL\b")


def is_call(text: str) -> bool:
    """A LinuxCNC sub-program call (`o100 call [1] [2]`): whatever it does is not followed here."""
    return bool(_O_CALL.match(text))


class Parameters:
    """The parameters whose values are known at the current block, and the nesting that makes them unsure."""

    __slots__ = ("values", "depth", "do_loops")

    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.depth = 0  # open loops, conditions and sub-program bodies
        self.do_loops = 0  # LinuxCNC "o1 do" waiting for its closing "o1 while"

    def statement(self, text: str) -> bool:
        """Follow one macro or o-word statement (as the parser keeps it, upper case); True when it was an
        assignment whose value is now known."""
        if _O_OPEN.match(text):
            if _O_DO_WHILE.match(text) and self.do_loops:  # "o1 while [...]" closing an "o1 do"
                self.do_loops -= 1
                self.depth = max(0, self.depth - 1)
            else:
                self.do_loops += bool(_O_DO.match(text))
                self.depth += 1
            return False
        if _O_CLOSE.match(text) or _FANUC_CLOSE.fullmatch(text.strip()):
            self.depth = max(0, self.depth - 1)
            return False
        if _FANUC_OPEN.match(text):
            if "THEN" in text:  # IF [...] THEN #1 = ...: a conditional assignment
                self.forget(text.partition("THEN")[2])
            else:
                self.depth += 1
            return False
        assignment = _ASSIGNMENT.match(text)
        if assignment is None:
            return False
        name = self.target(assignment.group(1))
        if name is None:
            return False
        value = evaluate(assignment.group(2), self.values) if self.depth == 0 else NAN
        if value != value:
            self.values.pop(name, None)
            return False
        self.values[name] = value
        return True

    def target(self, text: str) -> str | None:
        text = text.strip()
        if text[1:].lstrip().startswith("["):
            index = evaluate(text[1:], self.values)
            return str(int(index)) if index == index and index == int(index) else None
        return parameter_name(text)

    def forget(self, text: str) -> None:
        assignment = _ASSIGNMENT.match(text.strip())
        if assignment is not None:
            name = self.target(assignment.group(1))
            if name is not None:
                self.values.pop(name, None)
