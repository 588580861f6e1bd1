"""ISO 286 limits and fits, nominal sizes up to 500 mm: the limits of a hole or a shaft, and the fit of a pair.

Standard tolerances IT01 to IT18 come from the ISO 286-1 table (not the rounded tolerance-unit formula).
Fundamental deviations are tabulated for shafts c d e f g h js k m n p r s and holes C D E F G H JS K M N P R S,
with the rules of ISO 286-1: holes C to H mirror the shafts; K, M, N up to IT8 and P, R, S up to IT7 add
Δ = ITn − IT(n−1); K and N above IT8 have ES = 0 (except up to 3 mm); M6 from 250 to 315 mm is −9 µm;
js and JS are ± IT/2, without the optional rounding of odd values (as ISO 286-2 prints ±10,5 for js7 at 25 mm).
All deviations are in µm.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from tutor.shop.calc import CalcError, fmt, fr_number

# Upper bounds of the size ranges (mm); each range is "above the previous bound, up to and including this one".
MAIN_STEPS = (3, 6, 10, 18, 30, 50, 80, 120, 180, 250, 315, 400, 500)
FINE_STEPS = (3, 6, 10, 14, 18, 24, 30, 40, 50, 65, 80, 100, 120, 140, 160, 180, 200, 225, 250, 280, 315, 355, 400,
              450, 500)  # fmt: skip
GRADES = ("01", "0", *map(str, range(1, 19)))

# Standard tolerances in µm, one row per grade IT01 ... IT18, one column per main range.
IT_TABLE = {
    "01": (0.3, 0.4, 0.4, 0.5, 0.6, 0.6, 0.8, 1, 1.2, 2, 2.5, 3, 4),
    "0": (0.5, 0.6, 0.6, 0.8, 1, 1, 1.2, 1.5, 2, 3, 4, 5, 6),
    "1": (0.8, 1, 1, 1.2, 1.5, 1.5, 2, 2.5, 3.5, 4.5, 6, 7, 8),
    "2": (1.2, 1.5, 1.5, 2, 2.5, 2.5, 3, 4, 5, 7, 8, 9, 10),
    "3": (2, 2.5, 2.5, 3, 4, 4, 5, 6, 8, 10, 12, 13, 15),
    "4": (3, 4, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20),
    "5": (4, 5, 6, 8, 9, 11, 13, 15, 18, 20, 23, 25, 27),
    "6": (6, 8, 9, 11, 13, 16, 19, 22, 25, 29, 32, 36, 40),
    "7": (10, 12, 15, 18, 21, 25, 30, 35, 40, 46, 52, 57, 63),
    "8": (14, 18, 22, 27, 33, 39, 46, 54, 63, 72, 81, 89, 97),
    "9": (25, 30, 36, 43, 52, 62, 74, 87, 100, 115, 130, 140, 155),
    "10": (40, 48, 58, 70, 84, 100, 120, 140, 160, 185, 210, 230, 250),
    "11": (60, 75, 90, 110, 130, 160, 190, 220, 250, 290, 320, 360, 400),
    "12": (100, 120, 150, 180, 210, 250, 300, 350, 400, 460, 520, 570, 630),
    "13": (140, 180, 220, 270, 330, 390, 460, 540, 630, 720, 810, 890, 970),
    "14": (250, 300, 360, 430, 520, 620, 740, 870, 1000, 1150, 1300, 1400, 1550),
    "15": (400, 480, 580, 700, 840, 1000, 1200, 1400, 1600, 1850, 2100, 2300, 2500),
    "16": (600, 750, 900, 1100, 1300, 1600, 1900, 2200, 2500, 2900, 3200, 3600, 4000),
    "17": (1000, 1200, 1500, 1800, 2100, 2500, 3000, 3500, 4000, 4600, 5200, 5700, 6300),
    "18": (1400, 1800, 2200, 2700, 3300, 3900, 4600, 5400, 6300, 7200, 8100, 8900, 9700),
}

# Shaft fundamental deviations in µm: the upper deviation es for c to h, the lower deviation ei for k to s.
UPPER = {
    "d": (-20, -30, -40, -50, -65, -80, -100, -120, -145, -170, -190, -210, -230),
    "e": (-14, -20, -25, -32, -40, -50, -60, -72, -85, -100, -110, -125, -135),
    "f": (-6, -10, -13, -16, -20, -25, -30, -36, -43, -50, -56, -62, -68),
    "g": (-2, -4, -5, -6, -7, -9, -10, -12, -14, -15, -17, -18, -20),
    "h": (0,) * 13,
}
LOWER = {
    "k": (0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5),  # grades IT4 to IT7 only; 0 for the others
    "m": (2, 4, 6, 7, 8, 9, 11, 13, 15, 17, 20, 21, 23),
    "n": (4, 8, 10, 12, 15, 17, 20, 23, 27, 31, 34, 37, 40),
    "p": (6, 12, 15, 18, 22, 26, 32, 37, 43, 50, 56, 62, 68),
}
UPPER_FINE = {
    "c": (-60, -70, -80, -95, -95, -110, -110, -120, -130, -140, -150, -170, -180, -200, -210, -230, -240, -260,
          -280, -300, -330, -360, -400, -440, -480),
}  # fmt: skip
LOWER_FINE = {
    "r": (10, 15, 19, 23, 23, 28, 28, 34, 34, 41, 43, 51, 54, 63, 65, 68, 77, 80, 84, 94, 98, 108, 114, 126, 132),
    "s": (14, 19, 23, 28, 28, 35, 35, 43, 43, 53, 59, 71, 79, 92, 100, 108, 122, 130, 140, 158, 170, 190, 208, 232,
          252),
}  # fmt: skip
SHAFTS = ("c", "d", "e", "f", "g", "h", "js", "k", "m", "n", "p", "r", "s")
HOLES = tuple(letter.upper() for letter in SHAFTS)

FIT_LABELS = {"jeu": "ajustement avec jeu", "incertain": "ajustement incertain", "serré": "ajustement serré"}

DESIGNATION = re.compile(
    r"^\s*[Øø⌀]?\s*(?P<size>\d+(?:[.,]\d+)?)\s*(?:mm\s*)?"
    r"(?P<l1>[A-Za-z]{1,2})\s*(?P<g1>\d{1,2})(?:\s*/\s*(?P<l2>[A-Za-z]{1,2})\s*(?P<g2>\d{1,2}))?\s*$"
)


@dataclass(frozen=True)
class Tolerance:
    nominal: float  # mm
    letter: str  # upper case for a hole, lower case for a shaft
    grade: str  # "01", "0", "1" ... "18"
    upper: float  # ES or es, µm
    lower: float  # EI or ei, µm
    it: float  # µm
    lines: tuple[str, ...] = ()

    @property
    def is_hole(self) -> bool:
        return self.letter.isupper()

    @property
    def designation(self) -> str:
        return f"Ø{fmt(self.nominal)} {self.letter}{self.grade}"

    @property
    def max_size(self) -> float:
        return round(self.nominal + self.upper / 1000, 6)

    @property
    def min_size(self) -> float:
        return round(self.nominal + self.lower / 1000, 6)

    @property
    def part(self) -> str:
        return "Alésage" if self.is_hole else "Arbre"

    def sizes_text(self) -> str:
        decimals = 3 if float(self.upper).is_integer() and float(self.lower).is_integer() else 4
        return f"{fr_number(self.min_size, decimals)} à {fr_number(self.max_size, decimals)} mm"

    def as_json(self) -> dict:
        return {"designation": self.designation, "kind": "hole" if self.is_hole else "shaft",
                "nominal": self.nominal, "letter": self.letter, "grade": self.grade, "it_um": self.it,
                "upper_um": self.upper, "lower_um": self.lower, "max": self.max_size, "min": self.min_size,
                "lines": list(self.lines)}  # fmt: skip

    def as_text(self) -> str:
        return "\n".join([f"{self.part} {self.designation} : {self.sizes_text()}", *(f"  {x}" for x in self.lines)])


@dataclass(frozen=True)
class Fit:
    hole: Tolerance
    shaft: Tolerance
    kind: str  # "jeu", "incertain" or "serré"
    min_clearance: float  # EI − es, µm; negative: the largest interference
    max_clearance: float  # ES − ei, µm; negative: the smallest interference
    lines: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return FIT_LABELS[self.kind]

    @property
    def designation(self) -> str:
        return f"Ø{fmt(self.hole.nominal)} {self.hole.letter}{self.hole.grade}/{self.shaft.letter}{self.shaft.grade}"

    def as_json(self) -> dict:
        return {"designation": self.designation, "kind": self.kind, "label": self.label,
                "min_clearance_um": self.min_clearance, "max_clearance_um": self.max_clearance,
                "hole": self.hole.as_json(), "shaft": self.shaft.as_json(), "lines": list(self.lines)}  # fmt: skip

    def as_text(self) -> str:
        return "\n".join(
            [f"Ajustement {self.designation} : {self.label}", self.hole.as_text(), self.shaft.as_text(),
             *self.lines]
        )  # fmt: skip


def _range(nominal: float, steps: tuple[int, ...]) -> int:
    return bisect_left(steps, nominal)


def _check_nominal(nominal: float) -> None:
    if not 0 < nominal <= 500:
        raise CalcError(f"cote nominale hors du domaine traité : {fmt(nominal)} mm (attendu : de 0 à 500 mm)")


def _check_grade(grade: str) -> str:
    grade = str(grade).strip().upper().removeprefix("IT")
    if grade not in GRADES:
        raise CalcError(f"qualité IT{grade} hors table (attendu : IT01, IT0, IT1 à IT18)")
    return grade


def it_value(grade: str | int, nominal: float) -> float:
    """The standard tolerance ITn in µm for a nominal size."""
    grade = _check_grade(str(grade))
    _check_nominal(nominal)
    if nominal <= 1 and int(grade) >= 14:
        raise CalcError(f"IT{grade} n'est pas prévue par la norme pour une cote de 1 mm ou moins")
    return IT_TABLE[grade][_range(nominal, MAIN_STEPS)]


def delta(grade: str, nominal: float) -> float:
    """Δ = ITn − IT(n−1), the correction of K, M, N (to IT8) and P to ZC (to IT7); zero up to 3 mm."""
    grade = _check_grade(str(grade))
    if not 3 <= int(grade) <= 8:
        raise CalcError(f"Δ n'est défini que de IT3 à IT8 (reçu : IT{grade})")
    if nominal <= 3:
        return 0
    return it_value(grade, nominal) - it_value(str(int(grade) - 1), nominal)


def _shaft_deviation(letter: str, grade: str, nominal: float) -> tuple[str, float]:
    """("es" or "ei", value): the deviation that the table fixes."""
    if letter in UPPER:
        return "es", UPPER[letter][_range(nominal, MAIN_STEPS)]
    if letter in UPPER_FINE:
        return "es", UPPER_FINE[letter][_range(nominal, FINE_STEPS)]
    if letter == "k":
        return "ei", LOWER["k"][_range(nominal, MAIN_STEPS)] if grade in ("4", "5", "6", "7") else 0
    if letter in LOWER:
        return "ei", LOWER[letter][_range(nominal, MAIN_STEPS)]
    return "ei", LOWER_FINE[letter][_range(nominal, FINE_STEPS)]


def _unknown_letter(letter: str) -> CalcError:
    return CalcError(
        f"écart fondamental « {letter} » inconnu ou non pris en charge (alésages : {' '.join(HOLES)} ; "
        f"arbres : {' '.join(SHAFTS)})"
    )


def deviations(letter: str, grade: str | int, nominal: float) -> tuple[float, float, tuple[str, ...]]:
    """(lower, upper) deviations in µm of a tolerance class, and the French lines that explain them."""
    grade = _check_grade(str(grade))
    _check_nominal(nominal)
    if letter not in SHAFTS and letter not in HOLES:
        raise _unknown_letter(letter)
    it = it_value(grade, nominal)
    it_line = f"IT{grade} = {fmt(it)} µm (cote de {fmt(nominal)} mm)"
    if letter in ("js", "JS"):
        return -it / 2, it / 2, (it_line, f"{letter} : écarts ± IT/2 = ± {fmt(it / 2)} µm")
    if letter.islower():
        name, value = _shaft_deviation(letter, grade, nominal)
        if name == "es":
            return value - it, value, (it_line, f"es = {fmt(value)} µm (table) ; ei = es − IT = {fmt(value - it)} µm")
        return value, value + it, (it_line, f"ei = {fmt(value)} µm (table) ; es = ei + IT = {fmt(value + it)} µm")
    shaft = letter.lower()
    name, value = _shaft_deviation(shaft, "6", nominal)  # k4..k7 value: the one K uses
    if name == "es":  # C to H mirror c to h
        ei = -value
        return ei, ei + it, (it_line, f"EI = −es({shaft}) = {fmt(ei)} µm ; ES = EI + IT = {fmt(ei + it)} µm")
    limit = 8 if letter in ("K", "M", "N") else 7
    if int(grade) < 3:
        raise CalcError(f"qualité IT{grade} non prévue pour l'écart {letter} (Δ défini de IT3 à IT{limit})")
    if letter == "N" and int(grade) > 8 and nominal <= 1:
        raise CalcError("N au-delà de IT8 n'est pas prévu par la norme pour une cote de 1 mm ou moins")
    if int(grade) <= limit:
        correction = delta(grade, nominal)
        es = -value + correction
        why = "Δ = 0 jusqu'à 3 mm" if nominal <= 3 else f"Δ = IT{grade} − IT{int(grade) - 1}"
        rule = f"ES = −ei({shaft}) + Δ = {fmt(-value)} + {fmt(correction)} = {fmt(es)} µm ({why})"
        if letter == "M" and grade == "6" and 250 < nominal <= 315:
            es, rule = -9, "ES = −9 µm (cas particulier de la norme pour M6 de 250 à 315 mm)"
    elif letter in ("K", "N") and nominal > 3:
        es, rule = 0, f"ES = 0 ({letter} au-delà de IT8, cote de plus de 3 mm)"
    else:
        es, rule = -value, f"ES = −ei({shaft}) = {fmt(-value)} µm"
    return es - it, es, (it_line, f"{rule} ; EI = ES − IT = {fmt(es - it)} µm")


def _parse(designation: str) -> tuple[float, list[tuple[str, str]]]:
    match = DESIGNATION.match(designation)
    if not match:
        raise CalcError(f"désignation illisible « {designation.strip()} » (exemples : 25H7, Ø25 g6, 25 H7/g6)")
    nominal = float(match["size"].replace(",", "."))
    classes = [(match["l1"], match["g1"])] + ([(match["l2"], match["g2"])] if match["l2"] else [])
    for letter, _ in classes:
        if letter not in SHAFTS and letter not in HOLES:
            raise _unknown_letter(letter)
    return nominal, classes


def _tolerance(nominal: float, letter: str, grade: str) -> Tolerance:
    lower, upper, lines = deviations(letter, grade, nominal)
    names = ("EI", "ES") if letter.isupper() else ("ei", "es")
    limits = f"{names[0]} = {_signed(lower)} µm ; {names[1]} = {_signed(upper)} µm"
    return Tolerance(nominal, letter, _check_grade(grade), upper, lower, upper - lower, (limits, *lines))


def _signed(value: float) -> str:
    return f"+{fmt(value)}" if value > 0 else fmt(value)


def tolerance(designation: str) -> Tolerance:
    """The limits of one hole or shaft, e.g. "25H7" or "Ø25 g6"."""
    nominal, classes = _parse(designation)
    if len(classes) != 1:
        raise CalcError(f"« {designation.strip()} » est un ajustement : utiliser fit()")
    return _tolerance(nominal, *classes[0])


def fit(designation: str) -> Fit:
    """The fit of a hole and a shaft, e.g. "25H7/g6": the hole is written first, in upper case."""
    nominal, classes = _parse(designation)
    if len(classes) != 2 or not classes[0][0].isupper() or not classes[1][0].islower():
        raise CalcError(
            f"ajustement attendu : alésage (majuscule) puis arbre (minuscule), par exemple 25H7/g6 ; "
            f"reçu « {designation.strip()} »"
        )  # fmt: skip
    hole, shaft = _tolerance(nominal, *classes[0]), _tolerance(nominal, *classes[1])
    low, high = hole.lower - shaft.upper, hole.upper - shaft.lower
    kind = "jeu" if low >= 0 else "serré" if high <= 0 else "incertain"
    clearance_min = f"EI − es = {_term(hole.lower)} − {_term(shaft.upper)}"
    clearance_max = f"ES − ei = {_term(hole.upper)} − {_term(shaft.lower)}"
    interference_max = f"es − EI = {_term(shaft.upper)} − {_term(hole.lower)}"
    if kind == "jeu":
        lines = (f"Jeu mini = {clearance_min} = {_um_mm(low)}", f"Jeu maxi = {clearance_max} = {_um_mm(high)}")
    elif kind == "serré":
        interference_min = f"ei − ES = {_term(shaft.lower)} − {_term(hole.upper)}"
        lines = (f"Serrage mini = {interference_min} = {_um_mm(-high)}",
                 f"Serrage maxi = {interference_max} = {_um_mm(-low)}")  # fmt: skip
    else:
        lines = (f"Jeu maxi = {clearance_max} = {_um_mm(high)}", f"Serrage maxi = {interference_max} = {_um_mm(-low)}")
    return Fit(hole, shaft, kind, low, high, lines)


def _term(value: float) -> str:
    return f"({fmt(value)})" if value < 0 else fmt(value)


def _um_mm(value: float) -> str:
    decimals = 3 if float(value).is_integer() else 4
    return f"{fmt(value)} µm ({fr_number(value / 1000, decimals)} mm)"


def lookup(designation: str) -> Tolerance | Fit:
    """A tolerance or a fit, whichever the designation names ("25H7" or "25H7/g6")."""
    return fit(designation) if "/" in designation else tolerance(designation)
