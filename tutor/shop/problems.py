"""Production and measuring word problems read out of a question: TRS, Taylor, cost per part, expansion, Cp/Cpk.

Same rule as `numeric`: a problem is computed only when the question asks for that figure and gives every
number it needs, each read once; otherwise nothing is computed and the retrieval answer runs. The 1.5B model
gets these sums wrong (a TRS of « 250 % »), so leaving them to it is worse than leaving them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from tutor.shop import calc, production
from tutor.shop.calc import Result

NUM = r"(\d+(?:\.\d+)?)"  # on text normalised by `numeric.normalise` (decimal point, lower case)
_START = r"(?<![\w.,/])"
_DURATION = (
    rf"{_START}{NUM}\s*(h|heures?|hours?|min|minutes?|mn|s|sec|secondes?|seconds?)(?:\s*{NUM}\s*(s|sec)\b)?(?![\w/])"
)
_PERCENT = rf"{_START}{NUM}\s*%"

Problem = tuple[str, Callable[[], tuple[Result, ...]]]


class Unreadable(Exception):
    """The question gives a figure twice or in a way read two ways: nothing is computed."""


def problems(lowered: str) -> Iterator[Problem]:
    """(calculator name, thunk giving its results) for each word problem the question asks and fully feeds."""
    for reader in (_oee, _taylor, _cost, _expansion, _capability):
        found = reader(lowered)
        if found is not None:
            yield found


# ---------------------------------------------------------------- TRS / OEE

OEE_ASKED = re.compile(r"\btrs\b|\boee\b|taux de rendement synth")
RATES = {
    "d": r"disponibilit[ée]|availability",
    "p": r"performance|taux de (?:performance|marche)",
    "q": r"qualit[ée]|quality",
}
REQUIRED = (
    rf"{_DURATION}\s*(?:d'ouverture|de temps (?:requis|d'ouverture)|requis|(?:de )?poste|shift|d'ouverture)",
    rf"(?:temps (?:requis|d'ouverture)|ouverture|poste|shift(?: of)?|planned (?:production )?time(?: of)?)"
    rf"\s*(?:de|:|=)?\s*{_DURATION}",
)
STOPS = (
    rf"{_DURATION}\s*(?:d'arr[êe]ts?|of (?:stops?|downtime|stoppages?)|downtime|stops?\b)",
    rf"(?:arr[êe]ts?|downtime|stops?|stoppages?)\s*(?:de|:|=|of)?\s*{_DURATION}",
)
CYCLE = (
    rf"(?:temps de )?cycle(?: th[ée]orique| id[ée]al| de base)?\s*(?:de|:|=|of)?\s*{_DURATION}",
    rf"{_DURATION}\s*(?:de )?(?:ideal |theoretical )?cycle",
    rf"(?:ideal|theoretical) cycle(?: time)?\s*(?:of|:|=)?\s*{_DURATION}",
)
_NOT_PRODUCED = r"(?!\s*(?:bonnes|good|rebut|mauvaise|non|scrap|defect|ko\b|par|per|chacune|each))"
PRODUCED = (rf"{_START}(\d+)\s*(?:pi[èe]ces?|parts?|pcs)\b{_NOT_PRODUCED}",)
GOOD = (rf"{_START}(\d+)\s*(?:pi[èe]ces?\s*)?bonnes", rf"{_START}(\d+)\s*good(?: parts?)?")
REJECTS = (
    r"dont\s*(\d+)\s*(?:rebut|mauvais|non.?conforme|d[ée]fectueu|ko\b)",
    rf"{_START}(\d+)\s*(?:rebuts?|pi[èe]ces? (?:rebut[ée]es|mauvaises|non.?conformes)|rebut[ée]es|scrapped|rejects?"
    rf"|scrap\b|bad parts?|defective)",
)


def _oee(lowered: str) -> Problem | None:
    if not OEE_ASKED.search(lowered):
        return None
    rates = {key: _one(lowered, (rf"(?:{words})\s*(?:de|:|=|of|à|at)?\s*{NUM}\s*%", rf"{_PERCENT}\s*(?:de |d')?(?:{words})"))
             for key, words in RATES.items()}  # fmt: skip
    if all(value is not None for value in rates.values()):
        d, p, q = (rates[k] / 100 for k in "dpq")  # type: ignore[operator]
        return "TRS", lambda: (production.oee_from_rates(d, p, q),)
    required, stops, cycle = (_one_duration(lowered, patterns) for patterns in (REQUIRED, STOPS, CYCLE))
    produced, rejects, good = _one(lowered, PRODUCED), _one(lowered, REJECTS), _one(lowered, GOOD)
    if required is None or stops is None or cycle is None or produced is None or (rejects and good):
        return None
    made = int(produced)
    bad = int(rejects) if rejects else made - int(good) if good else 0
    return "TRS", lambda: production.oee_from_times(required, stops, cycle, made, bad)


# ---------------------------------------------------------------- Taylor

TAYLOR_ASKED = re.compile(
    r"taylor|dur[ée]e de vie|tool life|combien de temps.{0,40}(?:dur|tien)|how long.{0,40}last|(?:dure|durera|tiendra)"
)
EXPONENT = (
    rf"\bn\s*=\s*{NUM}",
    rf"exposant(?: de taylor)?\s*(?:n\s*)?(?:=|de|:)?\s*{NUM}",
    rf"exponent\s*(?:n\s*)?(?:=|of|:)?\s*{NUM}",
)
SPEED = rf"{_START}{NUM}\s*m/min\b"
LIFE = rf"{_START}{NUM}\s*(?:min|minutes?|mn)\b(?!\s*de cycle)"
SPEED_ASKED = re.compile(r"vitesse|\bvc\b|cutting speed|quelle v\b|what speed")


def _taylor(lowered: str) -> Problem | None:
    if not TAYLOR_ASKED.search(lowered):
        return None
    n = _one(lowered, EXPONENT)
    if n is None:
        return None
    speeds = [(m.start(), float(m.group(1))) for m in re.finditer(SPEED, lowered)]
    lives = [(m.start(), float(m.group(1))) for m in re.finditer(LIFE, lowered)]
    if len(speeds) == 2 and len(lives) == 1:
        pair = _nearest_first(lives[0], speeds)
        if pair is not None:
            (life, speed), new_speed = pair
            return "loi de Taylor", lambda: (production.taylor_life(life, speed, new_speed, n),)
    if len(speeds) == 1 and len(lives) == 2 and SPEED_ASKED.search(lowered):
        pair = _nearest_first(speeds[0], lives)
        if pair is not None:
            (speed, life), new_life = pair
            return "loi de Taylor", lambda: (production.taylor_speed(life, speed, new_life, n),)
    return None


def _nearest_first(lone: tuple[int, float], two: list[tuple[int, float]]) -> tuple[tuple[float, float], float] | None:
    """((the lone value, the one of the two written nearest it), the other): « dure 15 min à 200 m/min … à 160 »
    pairs 15 min with 200. None when both are as near: which one goes with it is a guess."""
    where, value = lone
    near, far = sorted(two, key=lambda t: abs(t[0] - where))
    if abs(near[0] - where) == abs(far[0] - where):
        return None
    return (value, near[1]), far[1]


# ---------------------------------------------------------------- cost per part

COST_ASKED = re.compile(r"co[ûu]t|combien co[ûu]te|\bcost|prix de revient|price per part")
HOURLY = (
    rf"{_START}{NUM}\s*(?:€|euros?)\s*(?:/|par|de l'|per)\s*(?:h\b|heure|hour)",
    rf"{_START}(?:€|\$)\s*{NUM}\s*/\s*h\b",
)
TOOL_PRICE = (
    rf"(?:plaquette|insert|outil|arête|fraise|foret)s?[^€.;]{{0,20}}?{_START}{NUM}\s*(?:€|euros?)(?!\s*/\s*h)",
)
EDGES = (rf"{_START}(\d+)\s*(?:ar[êe]tes|edges|coins|corners)",)
PER_EDGE = (
    rf"(?:chacune|chaque ar[êe]te|each|par ar[êe]te|per edge)\D{{0,20}}?{_START}(\d+)\s*(?:pi[èe]ces?|parts?)",
    rf"{_START}(\d+)\s*(?:pi[èe]ces?|parts?)\s*(?:par ar[êe]te|per edge|chacune|each)",
)


def _cost(lowered: str) -> Problem | None:
    if not COST_ASKED.search(lowered):
        return None
    rate, cycle = _one(lowered, HOURLY), _one_duration(lowered, CYCLE)
    if rate is None or cycle is None:
        return None
    price, edges, per_edge = _one(lowered, TOOL_PRICE), _one(lowered, EDGES), _one(lowered, PER_EDGE)
    if price is not None and per_edge is None:
        return None  # a tool cost with no tool life: half the answer would be missing
    tool = (price, int(edges or 1), int(per_edge)) if price and per_edge else (0.0, 1, 0)
    return "coût par pièce", lambda: (production.part_cost(rate, cycle, *tool),)


# ---------------------------------------------------------------- thermal expansion

EXPANSION_ASKED = re.compile(
    r"dilat|expansion|allong|grandi|gonfl|diff[èe]re|de combien|combien de plus|plus (?:grand|long)|[ée]cart.{0,30}(?:cote|dimension|mesure)|how much.{0,30}(?:grow|bigger|larger|longer)"
)
MATERIALS = {
    "acier": r"\bacier|\bsteel",
    "fonte": r"\bfonte|cast iron",
    "inox": r"\binox|stainless|316|304",
    "laiton": r"\blaiton|\bbrass",
    "aluminium": r"\balu\b|alumin|\b[67]0[0-9]{2}\b",
}
TEMPERATURE = rf"(?<![\w.,/−-]){NUM}\s*°\s*c?\b"
DELTA = (rf"(?:[ée]cart|diff[ée]rence|delta|δt|Δt|variation)(?: de temp[ée]rature)?\s*(?:de|:|=|of)?\s*{NUM}\s*°",)
LENGTH = (
    rf"ø\s*{NUM}",
    rf"{_START}{NUM}\s*mm\b",
    rf"(?:longueur|long de|length|diam[èe]tre)\s*(?:de|:|=|of)?\s*{NUM}",
)
ALPHA = (rf"(?:α|alpha|coefficient)[^0-9]{{0,25}}{NUM}",)


def _expansion(lowered: str) -> Problem | None:
    if not EXPANSION_ASKED.search(lowered) or "°" not in lowered:
        return None
    length = _one(lowered, LENGTH)
    if length is None:
        return None
    named = [name for name, pattern in MATERIALS.items() if re.search(pattern, lowered)]
    alpha = _one(lowered, ALPHA)
    if alpha is None and len(named) != 1:
        return None
    coefficient = alpha if alpha is not None else production.EXPANSION[named[0]]
    delta = _one(lowered, DELTA)
    if delta is None:
        temperatures = sorted({float(m.group(1)) for m in re.finditer(TEMPERATURE, lowered)})
        if len(temperatures) == 1 and temperatures[0] != production.REFERENCE_TEMPERATURE:
            temperatures.append(production.REFERENCE_TEMPERATURE)
        if len(temperatures) != 2:
            return None
        delta = abs(temperatures[1] - temperatures[0])
    material = named[0] if alpha is None else ""
    return "dilatation thermique", lambda: (production.thermal_expansion(length, coefficient, delta, material),)


# ---------------------------------------------------------------- capability from a mean and a σ

CAPABILITY_ASKED = re.compile(r"\bcpk?\b|\bcmk?\b|capabilit|capability")
MEAN = (rf"(?:moyenne|mean|average|μ|\bx ?barre)\s*(?:mesur[ée]e|measured|de la s[ée]rie)?\s*(?:de|=|:|of|à)?\s*{NUM}",)
STD = (rf"(?:[ée]cart.?type|sigma|σ|standard deviation|std)\s*(?:de|=|:|of|estim[ée])?\s*{NUM}",)
SYMMETRIC = rf"{_START}{NUM}\s*(?:mm\s*)?(?:±|\+/-|\+-)\s*{NUM}"
LIMITS = (rf"\bti\s*(?:=|:)?\s*{NUM}", rf"\bts\s*(?:=|:)?\s*{NUM}")


def _capability(lowered: str) -> Problem | None:
    if not CAPABILITY_ASKED.search(lowered):
        return None
    mean, std = _one(lowered, MEAN), _one(lowered, STD)
    if mean is None or std is None:
        return None
    tolerances = {(float(m.group(1)), float(m.group(2))) for m in re.finditer(SYMMETRIC, lowered)}
    lower, upper = _one(lowered, LIMITS[:1]), _one(lowered, LIMITS[1:])
    if len(tolerances) == 1 and lower is None and upper is None:
        nominal, half = tolerances.pop()
        lower, upper = nominal - half, nominal + half
    if lower is None or upper is None:
        return None
    machine = re.search(r"\bcmk?\b|capabilit[ée] machine|machine capability", lowered) is not None
    return "capabilité", lambda: _capability_results(
        calc.capability_from_stats(mean, std, lower, upper, machine=machine)
    )


def _capability_results(found: calc.Capability) -> tuple[Result, ...]:
    cp, cpk = found.labels
    return (
        Result(cp, found.cp, "", f"{cp} = (Ts − Ti) / (6σ)", found.lines[:3]),
        Result(cpk, found.cpk, "", f"{cpk} = min[(Ts − μ) / (3σ) ; (μ − Ti) / (3σ)]",
               (*found.lines[3:], f"Verdict : {found.verdict}")),
    )  # fmt: skip


# ---------------------------------------------------------------- reading


def _one(lowered: str, patterns: tuple[str, ...] | list[str]) -> float | None:
    """The value the patterns find, when they find exactly one; None when none; Unreadable when several."""
    found = {float(m.group(1)) for pattern in patterns for m in re.finditer(pattern, lowered)}
    if len(found) > 1:
        raise Unreadable
    return found.pop() if found else None


UNIT_MINUTES = {"h": 60.0, "s": 1 / 60}


def _one_duration(lowered: str, patterns: tuple[str, ...]) -> float | None:
    """A duration in minutes (« 8 h », « 4 min 30 s », « 90 s »), read once."""
    found = set()
    for pattern in patterns:
        for m in re.finditer(pattern, lowered):
            value, unit, extra = float(m.group(1)), m.group(2)[0], m.group(3)
            minutes = value * UNIT_MINUTES.get(unit, 1.0) + (float(extra) / 60 if extra else 0.0)
            found.add(round(minutes, 6))
    if len(found) > 1:
        raise Unreadable
    return found.pop() if found else None
