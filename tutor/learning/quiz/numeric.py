"""Calculated practice exercises: realistic shop values drawn at random, answers computed by the calculators.

Each exercise is rebuilt from its id ("C1-calc-vitesse-rotation-123456": capacity, template, seed), so a missed
exercise comes back with the same numbers when spaced repetition asks for it. The answer always comes from
`tutor.shop.calc` or `tutor.shop.fits`, never from a formula written a second time here.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tutor.learning.quiz.bank import Question, QuizError, QuizSource
from tutor.shop import calc, fits
from tutor.shop.calc import Result, fmt, fr_number

FICHES = "corpus/fiches/"
SPEED = QuizSource(FICHES + "conditions-de-coupe.md", "L'essentiel", None, "N = 1000 × Vc / (π × D)")
FEED_TURNING = QuizSource(FICHES + "conditions-de-coupe.md", "L'essentiel", None, "Vf = f × N")
FEED_MILLING = QuizSource(FICHES + "conditions-de-coupe.md", "L'essentiel", None, "Vf = fz × Z × N")
REMOVAL = QuizSource(FICHES + "debit-copeaux-puissance.md", "L'essentiel", None, "Q = Vc × ap × f")
REMOVAL_MILLING = QuizSource(FICHES + "debit-copeaux-puissance.md", "L'essentiel", None, "Q = ap × ae × Vf / 1000")
TAP = QuizSource(FICHES + "taraudage.md", "Tableau des avant-trous (taraud à couper, pas normal)", None,
                 "Tableau des avant-trous (taraud à couper, pas normal)")  # fmt: skip
LIMITS = QuizSource(FICHES + "ajustements-usuels.md", "Écarts usuels (µm)", None, "Écarts usuels (µm)")
FIT_KIND = QuizSource(FICHES + "ajustements-usuels.md", "L'essentiel", None,
                      "C'est la lettre de l'arbre qui donne le comportement")  # fmt: skip
CAPABILITY = QuizSource(FICHES + "capabilite-cp-cpk.md", "L'essentiel", None,
                        "Cpk = min[(Ts − μ) / (3σ) ; (μ − Ti) / (3σ)]")  # fmt: skip
ROUGHNESS = QuizSource(FICHES + "etat-de-surface-ra-rz.md", "Rugosité théorique en tournage", None,
                       "Ra ≈ f² / (32 · rε)")  # fmt: skip
G96 = QuizSource(FICHES + "vitesse-coupe-constante-g96-g50.md", "Pourquoi : N explose près de l'axe", None,
                 "N = 1000 × Vc / (π × D)")  # fmt: skip
CYCLE_TIME = QuizSource(FICHES + "optimisation-temps-de-cycle.md", "L'essentiel", None, "t = L / Vf")

# Starting cutting speeds from corpus/fiches/vitesses-de-coupe-usuelles.md: (material, low, high) in m/min.
TURNING = (("un acier non allié (groupe ISO P)", 220, 320), ("un inox jusqu'à 220 HB (groupe ISO M)", 120, 200),
           ("une fonte grise (groupe ISO K)", 270, 400), ("un alliage base nickel (groupe ISO S)", 35, 60))  # fmt: skip
MILLING = (("un acier P1", 210, 300), ("un inox austénitique (groupe ISO M)", 60, 110),
           ("une fonte grise (groupe ISO K)", 150, 270), ("un titane (groupe ISO S)", 60, 90),
           ("un acier trempé à 55 HRC (groupe ISO H)", 40, 80))  # fmt: skip
DRILLING_HSS = (("une fonte", 10), ("un acier de résistance inférieure à 900 MPa", 20), ("un laiton", 40),
                ("un aluminium", 100))  # fmt: skip
METRIC_PITCH = {5: 0.8, 6: 1.0, 8: 1.25, 10: 1.5, 12: 1.75, 16: 2.0, 20: 2.5}
NOMINALS = (8, 10, 12, 16, 20, 25, 30, 40, 50, 60, 80, 100)
HOLE_CLASSES = ("H6", "H7", "H8")
SHAFT_CLASSES = ("e8", "f7", "g6", "h6", "k6", "m6", "n6", "p6", "s6")
FITS = ("H7/f7", "H7/g6", "H7/h6", "H7/k6", "H7/m6", "H7/n6", "H7/p6", "H7/s6", "H8/e8", "H8/f7", "H6/g5", "H7/js6")
FIT_OPTIONS = tuple(fits.FIT_LABELS.values())  # jeu, incertain, serré: the order never changes


@dataclass(frozen=True)
class Template:
    name: str
    capacity: str
    build: Callable[[random.Random, str], Question]


def _pick(rng: random.Random, low: float, high: float, step: float) -> float:
    return round(low + step * rng.randint(0, round((high - low) / step)), 6)


def _tolerance(value: float, relative: float, minimum: float, decimals: int) -> float:
    """Wide enough for a trainee's rounding (π ≈ 3,14, intermediate values rounded), no wider."""
    scale = 10**decimals
    return max(minimum, math.ceil(abs(value) * relative * scale) / scale)


def _explain(result: Result) -> str:
    return f"Formule : {result.formula}. " + " ; ".join(line.rstrip(".") for line in result.lines) + "."


def _numeric(qid: str, stem: str, result: Result, tolerance: float, difficulty: int, source: QuizSource,
             tags: Sequence[str]) -> Question:  # fmt: skip
    return Question(
        id=qid, kind="numeric", stem=stem, capacity=qid.split("-")[0], difficulty=difficulty,
        explanation=_explain(result), tags=("calcul", *tags), source=source, value=result.value,
        tolerance=tolerance, unit=result.unit, origin="calcul",
    )  # fmt: skip


def spindle_speed(rng: random.Random, qid: str) -> Question:
    operation = rng.choice(("tournage", "fraisage", "perçage"))
    while True:
        if operation == "tournage":
            material, low, high = rng.choice(TURNING)
            vc, d, limit = _pick(rng, low, high, 5), _pick(rng, 20, 120, 5), 4000
            what = f"Tournage d'{material} au carbure, sur un diamètre de {fmt(d)} mm"
        elif operation == "fraisage":
            material, low, high = rng.choice(MILLING)
            vc, d, limit = _pick(rng, low, high, 5), rng.choice((6, 8, 10, 12, 16, 20)), 15000
            what = f"Fraisage d'{material} avec une fraise carbure monobloc de Ø{fmt(d)} mm"
        else:
            material, vc = rng.choice(DRILLING_HSS)
            d, limit = rng.choice((4, 5, 6, 8, 10, 12, 14, 16)), 8000
            what = f"Perçage d'{material} au foret en acier rapide (HSS) de Ø{fmt(d)} mm"
        result = calc.spindle_speed(vc, d)
        if result.value <= limit:
            break
    stem = f"{what}, à Vc = {fmt(vc)} m/min. Quelle vitesse de rotation N programmer (en tr/min, à l'unité près) ?"
    return _numeric(qid, stem, result, _tolerance(result.value, 0.005, 1, 0), 1, SPEED, ("vitesse de rotation",))


def feed_turning(rng: random.Random, qid: str) -> Question:
    f, n = rng.choice((0.1, 0.12, 0.15, 0.2, 0.25, 0.3)), _pick(rng, 400, 3000, 10)
    result = calc.feed_rate(f, n)
    stem = (f"En tournage, avec une avance f = {fmt(f)} mm/tr et N = {fmt(n)} tr/min, quelle est la vitesse "
            "d'avance Vf (en mm/min, à l'unité près) ?")  # fmt: skip
    return _numeric(qid, stem, result, _tolerance(result.value, 0.005, 1, 0), 1, FEED_TURNING, ("vitesse d'avance",))


def feed_milling(rng: random.Random, qid: str) -> Question:
    while True:
        fz, z = rng.choice((0.03, 0.05, 0.08, 0.1, 0.12, 0.15)), rng.choice((2, 3, 4, 5, 6))
        n = _pick(rng, 2000, 12000, 50)
        result = calc.milling_feed_rate(fz, z, n)
        if result.value <= 5000:
            break
    stem = (f"Une fraise à {z} dents tourne à N = {fmt(n)} tr/min avec une avance par dent fz = {fmt(fz)} mm/dent. "
            "Quelle vitesse d'avance Vf programmer (en mm/min, à l'unité près) ?")  # fmt: skip
    return _numeric(qid, stem, result, _tolerance(result.value, 0.005, 1, 0), 1, FEED_MILLING, ("vitesse d'avance",))


def removal_rate(rng: random.Random, qid: str) -> Question:
    if rng.random() < 0.5:
        vc, ap = _pick(rng, 150, 300, 10), rng.choice((0.5, 1, 1.5, 2, 2.5, 3))
        f = rng.choice((0.1, 0.15, 0.2, 0.25, 0.3))
        result, source = calc.removal_rate_turning(vc, ap, f), REMOVAL
        stem = (f"En chariotage, Vc = {fmt(vc)} m/min, ap = {fmt(ap)} mm et f = {fmt(f)} mm/tr. Quel est le débit "
                "de copeaux Q (en cm³/min, à 0,1 près) ?")  # fmt: skip
    else:
        d = rng.choice((16, 20, 25, 32, 40, 50))
        ap, ae, vf = rng.choice((1, 2, 3, 4, 5, 6, 8)), _pick(rng, 2, d * 0.75, 1), _pick(rng, 200, 2000, 50)
        result, source = calc.removal_rate_milling(ap, ae, vf), REMOVAL_MILLING
        stem = (f"En fraisage avec une fraise de Ø{d} mm : ap = {fmt(ap)} mm, ae = {fmt(ae)} mm et "
                f"Vf = {fmt(vf)} mm/min. Quel est le débit de copeaux Q (en cm³/min, à 0,1 près) ?")  # fmt: skip
    return _numeric(qid, stem, result, _tolerance(result.value, 0.01, 0.1, 1), 2, source, ("débit de copeaux",))


def tap_drill(rng: random.Random, qid: str) -> Question:
    nominal = rng.choice(tuple(METRIC_PITCH))
    result = calc.tap_drill(nominal, METRIC_PITCH[nominal])
    stem = (f"Quel diamètre de foret prendre avant de tarauder un M{nominal} × {fmt(METRIC_PITCH[nominal])} (pas "
            "normal) avec un taraud à couper (en mm) ?")  # fmt: skip
    return _numeric(qid, stem, result, 0.05, 1, TAP, ("taraudage", "perçage"))


def limit_deviation(rng: random.Random, qid: str) -> Question:
    nominal = rng.choice(NOMINALS)
    if rng.random() < 0.4:
        designation, names = f"{nominal}{rng.choice(HOLE_CLASSES)}", ("ES",)
    else:
        designation, names = f"{nominal}{rng.choice(SHAFT_CLASSES)}", ("es", "ei")
    tolerance = fits.tolerance(designation)
    name = rng.choice(names)
    value = tolerance.upper if name.lower() == "es" else tolerance.lower
    which = "supérieur" if name.lower() == "es" else "inférieur"
    stem = (f"{tolerance.part} {tolerance.designation} : quel est l'écart {which} {name}, en µm "
            "(avec son signe) ?")  # fmt: skip
    result = Result(f"Écart {which} {name}", value, "µm", f"{tolerance.designation} selon ISO 286", tolerance.lines, 0)
    return _numeric(qid, stem, result, 0.0, 2, LIMITS, ("ajustement", "ISO 286"))


def fit_kind(rng: random.Random, qid: str) -> Question:
    designation = f"{rng.choice(NOMINALS)}{rng.choice(FITS)}"
    fit = fits.fit(designation)
    return Question(
        id=qid, kind="single", stem=f"Quel est le type de l'ajustement {fit.designation} ?",
        capacity=qid.split("-")[0], difficulty=2,
        explanation=f"{fit.designation} : {fit.label}. " + " ; ".join(fit.lines) + ".",
        tags=("calcul", "ajustement", "ISO 286"), source=FIT_KIND, options=FIT_OPTIONS,
        correct=(FIT_OPTIONS.index(fit.label),), origin="calcul",
    )  # fmt: skip


def capability_index(rng: random.Random, qid: str) -> Question:
    nominal, half = rng.choice((20, 25, 30, 40, 50)), rng.choice((0.02, 0.025, 0.03, 0.05))
    spreads = (0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.012)
    std = rng.choice([s for s in spreads if 0.9 <= half / (3 * s) <= 2.5])  # Cp from 0,9 to 2,5, as in a shop
    mean = round(nominal + half * rng.uniform(-0.5, 0.5), 3)
    result = calc.capability_from_stats(mean, std, nominal - half, nominal + half)
    stem = (
        f"Une cote Ø{fmt(nominal)} ± {fr_number(half, 3)} mm est produite avec une moyenne μ = "
        f"{fr_number(mean, 3)} mm et un écart-type σ = {fr_number(std, 3)} mm. Quel est le Cpk (à 0,01 près) ?"
    )
    explanation = ("Formule : Cpk = min[(Ts − μ) / (3σ) ; (μ − Ti) / (3σ)]. " + " ; ".join(result.lines[1:4]) +
                   f". {result.verdict[0].upper()}{result.verdict[1:]}.")  # fmt: skip
    return Question(
        id=qid, kind="numeric", stem=stem, capacity=qid.split("-")[0], difficulty=3, explanation=explanation,
        tags=("calcul", "capabilité"), source=CAPABILITY, value=result.cpk, tolerance=0.01, unit="", origin="calcul",
    )  # fmt: skip


def roughness(rng: random.Random, qid: str) -> Question:
    f, radius = rng.choice((0.08, 0.1, 0.12, 0.15, 0.2, 0.25)), rng.choice((0.4, 0.8, 1.2))
    _, ra = calc.roughness(f, radius)
    stem = (f"En finition de tournage, avance f = {fmt(f)} mm/tr et rayon de bec rε = {fmt(radius)} mm. Quel est le "
            "Ra théorique (en µm, à 0,01 près) ?")  # fmt: skip
    return _numeric(qid, stem, ra, _tolerance(ra.value, 0.03, 0.02, 2), 2, ROUGHNESS, ("état de surface", "Ra"))


def limit_diameter(rng: random.Random, qid: str) -> Question:
    vc, ceiling = _pick(rng, 150, 300, 10), rng.choice((2000, 2500, 3000, 3500, 4000))
    result = calc.limit_diameter(vc, ceiling)
    stem = (f"En G96 à Vc = {fmt(vc)} m/min avec un plafond G50 S{ceiling}, en dessous de quel diamètre la broche "
            "reste-t-elle au plafond (en mm, à 0,1 près) ?")  # fmt: skip
    return _numeric(qid, stem, result, _tolerance(result.value, 0.01, 0.1, 1), 2, G96, ("G96", "G50"))


def machining_time(rng: random.Random, qid: str) -> Question:
    length, vf = _pick(rng, 50, 400, 10), _pick(rng, 100, 1500, 10)
    result = calc.machining_time(length, vf)
    stem = (f"Une passe de {fmt(length)} mm est usinée à Vf = {fmt(vf)} mm/min. Quel est le temps de coupe "
            "(en min, à 0,01 près) ?")  # fmt: skip
    return _numeric(qid, stem, result, _tolerance(result.value, 0.01, 0.01, 2), 1, CYCLE_TIME, ("temps de cycle",))


TEMPLATES = {
    t.name: t
    for t in (
        Template("vitesse-rotation", "C1", spindle_speed),
        Template("avance-tournage", "C1", feed_turning),
        Template("avance-fraisage", "C1", feed_milling),
        Template("debit-copeaux", "C1", removal_rate),
        Template("avant-trou", "C1", tap_drill),
        Template("ecart-iso286", "C2", limit_deviation),
        Template("type-ajustement", "C2", fit_kind),
        Template("cpk", "C2", capability_index),
        Template("rugosite-ra", "C5", roughness),
        Template("diametre-limite-g96", "C4", limit_diameter),
        Template("temps-usinage", "C4", machining_time),
    )
}
ID = re.compile(r"^(C[1-7])-calc-([a-z0-9-]+)-(\d+)$")


def numeric_question(question_id: str) -> Question:
    """Rebuild an exercise from its id, with the same values as when it was first drawn."""
    match = ID.match(question_id)
    template = TEMPLATES.get(match[2]) if match else None
    if template is None or match[1] != template.capacity:
        raise QuizError(f"exercice calculé inconnu : {question_id}")
    return template.build(random.Random(int(match[3])), question_id)


def numeric_questions(capacities: Sequence[str], n: int, rng: random.Random) -> list[Question]:
    """n exercises for the capacities that have calculations (C1, C2, C4, C5), templates taken in turn."""
    wanted = {c.upper() for c in capacities}
    templates = [t for t in TEMPLATES.values() if t.capacity in wanted]
    if not templates:
        return []
    rng.shuffle(templates)
    questions: list[Question] = []
    seen: set[str] = set()
    while len(questions) < n:
        template = templates[len(questions) % len(templates)]
        question_id = f"{template.capacity}-calc-{template.name}-{rng.randrange(1_000_000)}"
        if question_id not in seen:
            seen.add(question_id)
            questions.append(numeric_question(question_id))
    return questions
