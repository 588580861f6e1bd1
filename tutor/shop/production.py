"""Production and measuring calculators: TRS (OEE), Taylor tool life, cost per part, thermal expansion.

Like `calc`, each result carries its formula and the substituted numbers in French, so that a figure a
technician reads was computed here and can be checked by hand, never produced by the language model.
"""

from __future__ import annotations

import math

from tutor.shop.calc import CalcError, Result, fmt, fr_number, positive

REFERENCE_TEMPERATURE = 20.0  # ISO 1: a drawing's sizes hold at 20 °C

# Linear expansion coefficients in µm/m/°C (10⁻⁶/°C), the values of the measuring-conditions sheet.
EXPANSION = {"acier": 11.5, "fonte": 11.4, "inox": 17.3, "laiton": 19.0, "aluminium": 23.1}


def _rate(value: float, label: str) -> float:
    if not math.isfinite(value) or not 0 < value <= 1:
        raise CalcError(f"taux invalide pour {label} : {fmt(value * 100)} % (attendu : entre 0 et 100 %)")
    return value


def _percent(value: float, decimals: int = 1) -> str:
    return f"{fr_number(value * 100, decimals)} %"


def oee_from_rates(availability: float, performance: float, quality: float) -> Result:
    """TRS = D × P × Q, the three rates given as fractions (0,9 for 90 %)."""
    d, p, q = (_rate(v, name) for v, name in ((availability, "la disponibilité"),
                                              (performance, "la performance"), (quality, "la qualité")))  # fmt: skip
    trs = d * p * q
    return Result(
        "TRS (OEE)", trs * 100, "%", "TRS = Disponibilité × Performance × Qualité",
        (f"TRS = {fmt(d)} × {fmt(p)} × {fmt(q)} = {fmt(round(trs, 4))}, soit {_percent(trs, 2)}",),
        2,
    )  # fmt: skip


def oee_from_times(required: float, stops: float, cycle: float, produced: int, rejects: int) -> tuple[Result, ...]:
    """The three rates and the TRS from a shift's figures (times in minutes, the cycle the theoretical one)."""
    positive(required, "le temps requis", "min")
    positive(cycle, "le temps de cycle", "min")
    positive(produced, "le nombre de pièces produites")
    if not 0 <= stops < required:
        raise CalcError(f"arrêts invalides : {fmt(stops)} min pour {fmt(required)} min de temps requis")
    if not 0 <= rejects <= produced:
        raise CalcError(f"rebuts invalides : {rejects} pour {produced} pièces produites")
    running = required - stops
    good = produced - rejects
    availability, performance, quality = running / required, produced * cycle / running, good / produced
    if performance > 1:
        raise CalcError(
            f"données incohérentes : {produced} pièces à {fmt(cycle)} min demandent "
            f"{fmt(produced * cycle)} min, plus que les {fmt(running)} min de fonctionnement"
        )
    trs = good * cycle / required
    return (
        Result("Disponibilité", availability * 100, "%", "D = temps de fonctionnement / temps requis",
               (f"temps de fonctionnement = {fmt(required)} − {fmt(stops)} = {fmt(running)} min",
                f"D = {fmt(running)} / {fmt(required)} ≈ {_percent(availability)}"), 1),
        Result("Performance", performance * 100, "%", "P = (pièces produites × cycle théorique) / temps de fonctionnement",
               (f"P = ({produced} × {fmt(cycle)}) / {fmt(running)} = {fmt(produced * cycle)} / {fmt(running)}"
                f" ≈ {_percent(performance)}",), 1),
        Result("Qualité", quality * 100, "%", "Q = pièces bonnes / pièces produites",
               (f"pièces bonnes = {produced} − {rejects} = {good}", f"Q = {good} / {produced} ≈ {_percent(quality)}"),
               1),
        Result("TRS (OEE)", trs * 100, "%", "TRS = D × P × Q = temps utile / temps requis",
               (f"temps utile = {good} pièces bonnes × {fmt(cycle)} min = {fmt(good * cycle)} min",
                f"TRS = {fmt(good * cycle)} / {fmt(required)} ≈ {_percent(trs, 2)}"), 2),
    )  # fmt: skip


def _exponent(n: float) -> float:
    if not math.isfinite(n) or not 0 < n < 1:
        raise CalcError(f"exposant de Taylor invalide : n = {fmt(n)} (attendu : entre 0 et 1, par exemple 0,25)")
    return n


def taylor_life(life: float, speed: float, new_speed: float, n: float) -> Result:
    """Tool life at another cutting speed, from V × Tⁿ = C: T₂ = T₁ × (V₁ / V₂)^(1/n)."""
    positive(life, "la durée de vie T₁", "min")
    positive(speed, "la vitesse de coupe V₁", "m/min")
    positive(new_speed, "la vitesse de coupe V₂", "m/min")
    _exponent(n)
    new_life = life * (speed / new_speed) ** (1 / n)
    return Result(
        "Durée de vie à la nouvelle vitesse", new_life, "min", "loi de Taylor V × Tⁿ = C, d'où T₂ = T₁ × (V₁ / V₂)^(1/n)",
        (f"T₁ = {fmt(life)} min à V₁ = {fmt(speed)} m/min ; V₂ = {fmt(new_speed)} m/min ; n = {fmt(n)}",
         f"T₂ = {fmt(life)} × ({fmt(speed)} / {fmt(new_speed)})^{fmt(round(1 / n, 3))} ≈ {fr_number(new_life, 1)} min"),
        1,
    )  # fmt: skip


def taylor_speed(life: float, speed: float, new_life: float, n: float) -> Result:
    """The cutting speed that gives a wanted tool life: V₂ = V₁ × (T₁ / T₂)ⁿ."""
    positive(life, "la durée de vie T₁", "min")
    positive(speed, "la vitesse de coupe V₁", "m/min")
    positive(new_life, "la durée de vie visée T₂", "min")
    _exponent(n)
    new_speed = speed * (life / new_life) ** n
    return Result(
        "Vitesse de coupe pour la durée de vie visée", new_speed, "m/min",
        "loi de Taylor V × Tⁿ = C, d'où V₂ = V₁ × (T₁ / T₂)ⁿ",
        (f"T₁ = {fmt(life)} min à V₁ = {fmt(speed)} m/min ; T₂ = {fmt(new_life)} min ; n = {fmt(n)}",
         f"V₂ = {fmt(speed)} × ({fmt(life)} / {fmt(new_life)})^{fmt(n)} ≈ {fr_number(new_speed, 0)} m/min"),
        0,
    )  # fmt: skip


def part_cost(
    hourly_rate: float, cycle: float, tool_price: float = 0.0, edges: int = 1, parts_per_edge: int = 0
) -> Result:
    """Machine cost of one part (hourly rate × cycle time) plus, when given, the tool cost shared over its parts."""
    positive(hourly_rate, "le taux horaire", "€/h")
    positive(cycle, "le temps de cycle", "min")
    machine = hourly_rate * cycle / 60
    lines = [f"machine : {fmt(hourly_rate)} €/h × {fmt(cycle)} min / 60 = {fr_number(machine, 2)} €"]
    tool = 0.0
    if tool_price:
        positive(edges, "le nombre d'arêtes")
        positive(parts_per_edge, "le nombre de pièces par arête")
        tool = tool_price / (edges * parts_per_edge)
        lines.append(
            f"outil : {fmt(tool_price)} € / ({edges} arêtes × {parts_per_edge} pièces) = {fr_number(tool, 3)} €"
        )
    total = machine + tool
    if tool_price:
        lines.append(f"coût pièce = {fr_number(machine, 2)} + {fr_number(tool, 3)} ≈ {fr_number(total, 2)} €")
    formula = "coût = taux horaire × temps de cycle" + (" + prix de l'outil / pièces par outil" if tool_price else "")
    return Result("Coût par pièce", total, "€", formula, tuple(lines), 2)


def thermal_expansion(length: float, alpha: float, delta_t: float, material: str = "") -> Result:
    """ΔL = L × α × ΔT, with α in µm/m/°C; the answer in mm and in µm."""
    positive(length, "la longueur L", "mm")
    positive(alpha, "le coefficient de dilatation α", "µm/m/°C")
    if not math.isfinite(delta_t) or delta_t == 0:
        raise CalcError("écart de température invalide : il faut un écart non nul en °C")
    growth = length * alpha * 1e-6 * delta_t
    of = f" ({material})" if material else ""
    return Result(
        "Dilatation thermique ΔL", growth, "mm", "ΔL = L × α × ΔT",
        (f"L = {fmt(length)} mm ; α = {fmt(alpha)} × 10⁻⁶ /°C{of} ; ΔT = {fmt(delta_t)} °C",
         f"ΔL = {fmt(length)} × {fmt(alpha)} × 10⁻⁶ × {fmt(delta_t)} ≈ {fr_number(growth, 4)} mm, "
         f"soit {fr_number(growth * 1000, 1)} µm"),
        4,
    )  # fmt: skip
