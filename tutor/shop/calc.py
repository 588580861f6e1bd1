"""Shop-floor calculators: cutting conditions, surface finish, capability, control charts, unit conversions.

The numbers are computed here rather than guessed by a language model; every result carries its formula, its
units and the substituted values in French, so a technician can check it by hand. ISO 286 fits are in `fits`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

MINUS = "\u2212"  # the sheets print negative numbers with a true minus sign


class CalcError(ValueError):
    """Bad input to a calculator; the message is one French line meant for the user."""


@dataclass(frozen=True)
class Result:
    name: str  # French, e.g. "Vitesse de rotation"
    value: float
    unit: str
    formula: str  # the symbolic formula, e.g. "N = 1000 × Vc / (π × D)"
    lines: tuple[str, ...] = ()  # the data and the substituted computation, in French
    decimals: int = 2  # how many decimals the value deserves on screen

    def as_json(self) -> dict:
        keys = ("name", "value", "unit", "formula")
        return {**{key: getattr(self, key) for key in keys}, "lines": list(self.lines)}

    def as_text(self) -> str:
        head = f"{self.name} : {fr_number(self.value, self.decimals)} {self.unit}".rstrip()
        return "\n".join([head, f"Formule : {self.formula}", *(f"  {line}" for line in self.lines)])


def _result(name: str, value: float, unit: str, formula: str, decimals: int, *lines: str) -> Result:
    return Result(name, value, unit, formula, lines, decimals)


def fr_number(value: float, decimals: int = 2) -> str:
    """French notation as the sheets print it: space between thousands, decimal comma, true minus sign."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    if text.startswith("-"):
        text = MINUS + text[1:] if any(c not in "0, " for c in text[1:]) else text[1:]  # no "−0,00"
    return text


def fmt(value: float) -> str:
    """A value echoed in a formula: as many decimals as it needs (up to 6), no trailing zeros."""
    text = fr_number(value, 6)
    return text.rstrip("0").rstrip(",") if "," in text else text


def parse_number(text: str) -> float:
    """Read a number typed at the shop: decimal comma or point, spaces between thousands allowed."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(text)).replace(",", ".").replace(MINUS, "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise CalcError(f"nombre invalide : « {text} »") from None
    if not math.isfinite(value):
        raise CalcError(f"nombre invalide : « {text} »")
    return value


def parse_measurements(text: str) -> list[float]:
    """Measurements pasted or exported by an instrument: separated by spaces, tabs, new lines or semicolons."""
    return [parse_number(token) for token in re.split(r"[\s;]+", text) if token]


def positive(value: float, label: str, unit: str = "") -> float:
    """The value, or a one-line French CalcError naming it when it is not strictly positive."""
    if not math.isfinite(value) or value <= 0:
        shown = f"{fmt(value)} {unit}".strip() if math.isfinite(value) else str(value)
        raise CalcError(f"valeur invalide pour {label} : {shown} (attendu : nombre strictement positif)")
    return value


def _efficiency(value: float | None) -> None:
    if value is not None and (not math.isfinite(value) or not 0 < value <= 1):
        raise CalcError(f"rendement η invalide : {fmt(value)} (attendu : entre 0 et 1, par exemple 0,8)")


# --- Cutting conditions -------------------------------------------------------------------------------------


def spindle_speed(vc: float, diameter: float) -> Result:
    positive(vc, "la vitesse de coupe Vc", "m/min")
    positive(diameter, "le diamètre D", "mm")
    n = 1000 * vc / (math.pi * diameter)
    return _result(
        "Vitesse de rotation", n, "tr/min", "N = 1000 × Vc / (π × D)", 0,
        f"Vc = {fmt(vc)} m/min ; D = {fmt(diameter)} mm",
        f"N = 1000 × {fmt(vc)} / (π × {fmt(diameter)}) ≈ {fr_number(n, 0)} tr/min",
    )  # fmt: skip


def cutting_speed(n: float, diameter: float) -> Result:
    positive(n, "la vitesse de rotation N", "tr/min")
    positive(diameter, "le diamètre D", "mm")
    vc = math.pi * diameter * n / 1000
    return _result(
        "Vitesse de coupe", vc, "m/min", "Vc = π × D × N / 1000", 1,
        f"N = {fmt(n)} tr/min ; D = {fmt(diameter)} mm",
        f"Vc = π × {fmt(diameter)} × {fmt(n)} / 1000 ≈ {fr_number(vc, 1)} m/min",
    )  # fmt: skip


def limit_diameter(vc: float, max_speed: float) -> Result:
    """Below this diameter a G96 constant cutting speed is capped by the spindle clamp (G50 / G92 S)."""
    positive(vc, "la vitesse de coupe Vc", "m/min")
    positive(max_speed, "la vitesse de rotation maxi", "tr/min")
    d = 1000 * vc / (math.pi * max_speed)
    return _result(
        "Diamètre limite (broche au plafond)", d, "mm", "D = 1000 × Vc / (π × Nmaxi)", 1,
        f"Vc = {fmt(vc)} m/min ; Nmaxi = {fmt(max_speed)} tr/min",
        f"D = 1000 × {fmt(vc)} / (π × {fmt(max_speed)}) ≈ {fr_number(d, 1)} mm",
        "Sous ce diamètre, la broche reste au plafond et la vitesse de coupe baisse.",
    )  # fmt: skip


def feed_rate(feed: float, n: float) -> Result:
    """Turning, drilling, and tapping (where the feed per revolution is the pitch)."""
    positive(feed, "l'avance f", "mm/tr")
    positive(n, "la vitesse de rotation N", "tr/min")
    vf = feed * n
    return _result(
        "Vitesse d'avance", vf, "mm/min", "Vf = f × N", 0,
        f"f = {fmt(feed)} mm/tr ; N = {fmt(n)} tr/min",
        f"Vf = {fmt(feed)} × {fmt(n)} ≈ {fr_number(vf, 0)} mm/min",
    )  # fmt: skip


def milling_feed_rate(fz: float, teeth: int, n: float) -> Result:
    positive(fz, "l'avance par dent fz", "mm/dent")
    if not float(teeth).is_integer() or teeth < 1:
        raise CalcError(f"nombre de dents Z invalide : {fmt(teeth)} (attendu : nombre entier, au moins 1)")
    positive(n, "la vitesse de rotation N", "tr/min")
    vf = fz * teeth * n
    return _result(
        "Vitesse d'avance", vf, "mm/min", "Vf = fz × Z × N", 0,
        f"fz = {fmt(fz)} mm/dent ; Z = {int(teeth)} dents ; N = {fmt(n)} tr/min",
        f"Vf = {fmt(fz)} × {int(teeth)} × {fmt(n)} ≈ {fr_number(vf, 0)} mm/min",
    )  # fmt: skip


def removal_rate_turning(vc: float, ap: float, feed: float) -> Result:
    positive(vc, "la vitesse de coupe Vc", "m/min")
    positive(ap, "la profondeur de passe ap", "mm")
    positive(feed, "l'avance f", "mm/tr")
    q = vc * ap * feed
    return _result(
        "Débit de copeaux (tournage)", q, "cm³/min", "Q = Vc × ap × f", 1,
        f"Vc = {fmt(vc)} m/min ; ap = {fmt(ap)} mm ; f = {fmt(feed)} mm/tr",
        f"Q = {fmt(vc)} × {fmt(ap)} × {fmt(feed)} ≈ {fr_number(q, 1)} cm³/min",
    )  # fmt: skip


def removal_rate_milling(ap: float, ae: float, vf: float) -> Result:
    positive(ap, "la profondeur axiale ap", "mm")
    positive(ae, "la largeur engagée ae", "mm")
    positive(vf, "la vitesse d'avance Vf", "mm/min")
    q = ap * ae * vf / 1000
    return _result(
        "Débit de copeaux (fraisage)", q, "cm³/min", "Q = ap × ae × Vf / 1000", 1,
        f"ap = {fmt(ap)} mm ; ae = {fmt(ae)} mm ; Vf = {fmt(vf)} mm/min",
        f"Q = {fmt(ap)} × {fmt(ae)} × {fmt(vf)} / 1000 ≈ {fr_number(q, 1)} cm³/min",
    )  # fmt: skip


def cutting_power(removal_rate: float, kc: float, efficiency: float | None = None) -> Result:
    """Net power at the tool; with the machine efficiency η, also the power the spindle motor must give."""
    positive(removal_rate, "le débit de copeaux Q", "cm³/min")
    positive(kc, "la pression spécifique de coupe kc", "N/mm²")
    _efficiency(efficiency)
    pc = removal_rate * kc / 60_000
    lines = [
        f"Q = {fmt(removal_rate)} cm³/min ; kc = {fmt(kc)} N/mm²",
        f"Pc = {fmt(removal_rate)} × {fmt(kc)} / 60 000 ≈ {fr_number(pc, 2)} kW",
    ]
    if efficiency is not None:
        motor = pc / efficiency
        lines.append(
            f"Puissance au moteur = Pc / η = {fr_number(pc, 2)} / {fmt(efficiency)} ≈ {fr_number(motor, 2)} kW"
        )
    return _result("Puissance nette de coupe", pc, "kW", "Pc = Q × kc / 60 000", 2, *lines)


def cutting_force(ap: float, feed: float, kc: float) -> Result:
    """Tangential cutting force in turning: the chip section (ap × f) times the specific cutting force kc."""
    positive(ap, "la profondeur de passe ap", "mm")
    positive(feed, "l'avance f", "mm/tr")
    positive(kc, "la pression spécifique de coupe kc", "N/mm²")
    force = kc * ap * feed
    return _result(
        "Effort de coupe", force, "N", "Fc = kc × ap × f", 0,
        f"kc = {fmt(kc)} N/mm² ; ap = {fmt(ap)} mm ; f = {fmt(feed)} mm/tr",
        f"Fc = {fmt(kc)} × {fmt(ap)} × {fmt(feed)} ≈ {fr_number(force, 0)} N",
    )  # fmt: skip


def turning_power(vc: float, ap: float, feed: float, kc: float, efficiency: float | None = None) -> Result:
    q = removal_rate_turning(vc, ap, feed)
    p = cutting_power(q.value, kc, efficiency)
    return replace(p, formula="Pc = Vc × ap × f × kc / 60 000", lines=q.lines + p.lines)


def milling_power(ap: float, ae: float, vf: float, kc: float, efficiency: float | None = None) -> Result:
    q = removal_rate_milling(ap, ae, vf)
    p = cutting_power(q.value, kc, efficiency)
    return replace(p, formula="Pc = ap × ae × Vf × kc / (60 × 10⁶)", lines=q.lines + p.lines)


def machining_time(length: float, vf: float) -> Result:
    positive(length, "la longueur usinée L", "mm")
    positive(vf, "la vitesse d'avance Vf", "mm/min")
    t = length / vf
    return _result(
        "Temps d'usinage", t, "min", "t = L / Vf", 2,
        f"L = {fmt(length)} mm ; Vf = {fmt(vf)} mm/min",
        f"t = {fmt(length)} / {fmt(vf)} ≈ {fr_number(t, 2)} min, soit environ {fr_number(t * 60, 0)} s",
    )  # fmt: skip


# ISO 261 coarse pitches (mm) of the metric sizes a shop taps: « M8 » alone means M8 × 1,25.
COARSE_PITCH = {
    1.6: 0.35, 2: 0.4, 2.5: 0.45, 3: 0.5, 4: 0.7, 5: 0.8, 6: 1.0, 8: 1.25, 10: 1.5, 12: 1.75, 14: 2.0,
    16: 2.0, 18: 2.5, 20: 2.5, 22: 2.5, 24: 3.0, 27: 3.0, 30: 3.5, 36: 4.0,
}  # fmt: skip
# The drill sold for the coarse thread (mm), as in the sheet `taraudage.md`: d − P rounded to a drill that exists.
USUAL_TAP_DRILL = {(3, 0.5): 2.5, (4, 0.7): 3.3, (5, 0.8): 4.2, (6, 1.0): 5.0, (8, 1.25): 6.8, (10, 1.5): 8.5,
                   (12, 1.75): 10.2, (14, 2.0): 12.0, (16, 2.0): 14.0, (20, 2.5): 17.5, (24, 3.0): 21.0}  # fmt: skip


def tap_drill(nominal: float, pitch: float) -> Result:
    """Drill before tapping an ISO metric thread with a cutting tap: about the nominal diameter minus the pitch,
    and the drill the shop takes for it when the thread is a common coarse one."""
    positive(nominal, "le diamètre nominal d", "mm")
    positive(pitch, "le pas P", "mm")
    if pitch >= nominal:
        raise CalcError(f"pas de {fmt(pitch)} mm impossible pour un diamètre de {fmt(nominal)} mm")
    d = nominal - pitch
    usual = USUAL_TAP_DRILL.get((nominal, pitch))
    return _result(
        "Diamètre de perçage avant taraudage", d, "mm", "D ≈ d − P", 2,
        f"M{fmt(nominal)} × {fmt(pitch)} : d = {fmt(nominal)} mm ; P = {fmt(pitch)} mm",
        f"D ≈ {fmt(nominal)} − {fmt(pitch)} = {fmt(d)} mm",
        *([f"Foret courant : Ø{fr_number(usual, 1)} mm"] if usual is not None else []),
        "Valeur pour un taraud à coupe ; un taraud à refouler demande un perçage plus gros.",
    )  # fmt: skip


# --- Surface finish in turning ------------------------------------------------------------------------------
# Rt ≈ f²/(8·rε) is the height of the ideal scallop left by the nose radius. For Ra the project follows the sheet
# `etat-de-surface-ra-rz.md`: Ra ≈ f²/(32·rε) = Rt/4 (some calculators use 31,2; the difference is 2.5 %).

RA_DIVISOR = 32


def roughness(feed: float, nose_radius: float) -> tuple[Result, Result]:
    """Theoretical Rt and Ra in µm; real surfaces come out rougher (wear, built-up edge, vibration)."""
    positive(feed, "l'avance f", "mm/tr")
    positive(nose_radius, "le rayon de bec rε", "mm")
    data = f"f = {fmt(feed)} mm/tr ; rε = {fmt(nose_radius)} mm"
    rt = feed**2 / (8 * nose_radius) * 1000
    ra = feed**2 / (RA_DIVISOR * nose_radius) * 1000
    return (
        _result(
            "Rugosité théorique Rt", rt, "µm", "Rt ≈ f² / (8 × rε) × 1000", 2,
            data, f"Rt ≈ {fmt(feed)}² / (8 × {fmt(nose_radius)}) × 1000 ≈ {fr_number(rt, 2)} µm",
        ),
        _result(
            "Rugosité théorique Ra", ra, "µm", f"Ra ≈ f² / ({RA_DIVISOR} × rε) × 1000 ≈ Rt / 4", 2,
            data, f"Ra ≈ {fmt(feed)}² / ({RA_DIVISOR} × {fmt(nose_radius)}) × 1000 ≈ {fr_number(ra, 2)} µm",
            "Approximation (certains calculateurs divisent par 31,2) ; le Ra réel est plus élevé : usure, "
            "arête rapportée, vibrations.",
        ),
    )  # fmt: skip


def feed_for_roughness(target: float, nose_radius: float, parameter: str = "Ra") -> Result:
    """The largest feed giving a target Ra (or Rt), in µm, with a given nose radius."""
    divisor = {"RA": RA_DIVISOR, "RT": 8}.get(parameter.strip().upper())
    if divisor is None:
        raise CalcError(f"critère de rugosité inconnu « {parameter} » (attendu : Ra ou Rt)")
    name = "Ra" if divisor == RA_DIVISOR else "Rt"
    positive(target, f"le {name} visé", "µm")
    positive(nose_radius, "le rayon de bec rε", "mm")
    f = math.sqrt(target / 1000 * divisor * nose_radius)
    return _result(
        f"Avance maxi pour le {name} visé", f, "mm/tr", f"f ≈ √({name} × {divisor} × rε), {name} en mm", 3,
        f"{name} = {fmt(target)} µm = {fmt(target / 1000)} mm ; rε = {fmt(nose_radius)} mm",
        f"f ≈ √({fmt(target / 1000)} × {divisor} × {fmt(nose_radius)}) ≈ {fr_number(f, 3)} mm/tr",
        "Prendre un peu moins pour garder une marge, puis mesurer la première pièce au rugosimètre.",
    )  # fmt: skip


# --- Capability ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Capability:
    """Cp/Cpk (process) or Cm/Cmk (machine): the same formulas, only the data and the names differ.

    Machine capability is computed on a short run of consecutive parts from one machine (20 to 50 parts), process
    capability on parts spread over time. σ is the sample standard deviation (n − 1). The mean is called decentred
    when Cpk < 0,8 × Cp, that is when it sits more than 10 % of the tolerance away from the middle.
    """

    machine: bool
    n: int  # 0 when computed from a given mean and σ
    mean: float
    std: float
    lower: float
    upper: float
    cp: float
    cpk: float
    required: float  # the Cpk the customer asks for
    verdict: str
    lines: tuple[str, ...]
    counts: tuple[int, ...] = ()  # histogram of the measurements, for the web app's plot
    edges: tuple[float, ...] = ()

    @property
    def name(self) -> str:
        return "Capabilité machine" if self.machine else "Capabilité procédé"

    @property
    def labels(self) -> tuple[str, str]:
        return ("Cm", "Cmk") if self.machine else ("Cp", "Cpk")

    def as_json(self) -> dict:
        keys = ("n", "mean", "std", "lower", "upper", "cp", "cpk", "required", "verdict")
        return {"name": self.name, "indices": list(self.labels), **{key: getattr(self, key) for key in keys},
                "lines": list(self.lines), "histogram": {"counts": list(self.counts), "edges": list(self.edges)}}  # fmt: skip

    def as_text(self) -> str:
        cp, cpk = self.labels
        head = f"{self.name} : {cp} = {fr_number(self.cp, 2)} ; {cpk} = {fr_number(self.cpk, 2)}"
        formula = f"Formules : {cp} = (Ts − Ti) / (6σ) ; {cpk} = min[(Ts − μ) / (3σ) ; (μ − Ti) / (3σ)]"
        return "\n".join([head, formula, *(f"  {line}" for line in self.lines), f"Verdict : {self.verdict}"])


def capability_from_stats(
    mean: float, std: float, lower: float, upper: float, *, n: int = 0, machine: bool = False, required: float = 1.33
) -> Capability:
    """From a known mean and standard deviation, as in an exercise; `capability` starts from the measurements."""
    for value, label in ((mean, "la moyenne"), (lower, "la limite inférieure Ti"), (upper, "la limite supérieure Ts")):
        if not math.isfinite(value):
            raise CalcError(f"valeur invalide pour {label}")
    if upper <= lower:
        raise CalcError(f"tolérance nulle ou inversée : Ts = {fmt(upper)} doit être plus grand que Ti = {fmt(lower)}")
    if std == 0:
        raise CalcError("écart-type nul : toutes les mesures sont identiques (instrument trop peu résolu ?)")
    positive(std, "l'écart-type σ")
    positive(required, "le Cpk exigé")
    cp_name, cpk_name = ("Cm", "Cmk") if machine else ("Cp", "Cpk")
    subject = "machine" if machine else "procédé"
    cp = (upper - lower) / (6 * std)
    above, below = (upper - mean) / (3 * std), (mean - lower) / (3 * std)
    cpk = min(above, below)
    shown = round(cpk, 2)  # judged as printed: a Cpk shown as 1,33 must not be called below 1,33
    if shown >= required:
        verdict = f"{subject} capable ({cpk_name} ≥ {fmt(required)})"
    elif shown >= 1:
        verdict = f"capabilité limite ({cpk_name} entre 1 et {fmt(required)}) : une dérive donnera des pièces mauvaises"
    else:
        verdict = f"{subject} non capable ({cpk_name} < 1) : pièces hors tolérance, contrôle à 100 % et action"
    centre = (upper + lower) / 2
    if cpk < 0.8 * cp:
        shift = centre - mean
        verdict += f" ; moyenne décentrée : recentrer le réglage de {'+' if shift > 0 else ''}{fmt(shift)}"
        if cp >= required:
            verdict += f" (la dispersion suffit : {cp_name} = {fr_number(cp, 2)})"
    root2 = std * math.sqrt(2)
    outside = 0.5 * (math.erfc((upper - mean) / root2) + math.erfc((mean - lower) / root2))
    lines = (
        (f"{n} mesures ; " if n else "")
        + f"moyenne μ = {fmt(mean)} ; écart-type σ = {fmt(std)}"
        + (" (échantillon, n − 1)" if n else ""),
        f"Ti = {fmt(lower)} ; Ts = {fmt(upper)} ; IT = Ts − Ti = {fmt(upper - lower)} ; milieu = {fmt(centre)}",
        f"{cp_name} = {fmt(upper - lower)} / (6 × {fmt(std)}) ≈ {fr_number(cp, 2)}",
        f"{cpk_name} = min[{fr_number(above, 2)} ; {fr_number(below, 2)}] ≈ {fr_number(cpk, 2)}",
        f"Hors tolérance estimé (loi normale) : {fr_number(outside * 1e6, 0)} ppm",
    )
    return Capability(machine, n, mean, std, lower, upper, cp, cpk, required, verdict, lines)


def capability(
    values: Sequence[float],
    lower: float,
    upper: float,
    *,
    machine: bool = False,
    required: float = 1.33,
    bins: int | None = None,
) -> Capability:
    if len(values) < 2:
        raise CalcError(f"au moins 2 mesures sont nécessaires (reçu : {len(values)}) ; idéalement 50 ou plus")
    if not all(math.isfinite(v) for v in values):
        raise CalcError("mesure invalide (valeur non numérique ou infinie)")
    n = len(values)
    mean = math.fsum(values) / n
    std = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    result = capability_from_stats(mean, std, lower, upper, n=n, machine=machine, required=required)
    counts, edges = histogram(values, bins)
    notes = [f"Pièces hors tolérance dans l'échantillon : {sum(1 for v in values if not lower <= v <= upper)}"]
    if n < 25:
        notes.append(f"Attention : {n} mesures seulement ; au moins 25, idéalement 50 à 100, pour conclure.")
    return replace(result, lines=result.lines + tuple(notes), counts=counts, edges=edges)


def histogram(values: Sequence[float], bins: int | None = None) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Counts and edges over the range of the measurements; by default about √n classes, from 5 to 20."""
    count = bins if bins is not None else max(5, min(20, math.ceil(math.sqrt(len(values)))))
    if count < 1:
        raise CalcError(f"nombre de classes invalide : {count} (attendu : au moins 1)")
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 0.5, high + 0.5
    width = (high - low) / count
    counts = [0] * count
    for v in values:
        counts[min(count - 1, int((v - low) / width))] += 1
    return tuple(counts), (*(low + i * width for i in range(count)), high)


# --- Control charts X̄ / R -----------------------------------------------------------------------------------
# A2, D3, D4, d2 by subgroup size (the usual tables, e.g. Montgomery), for limits at 3 sigma.
CHART_CONSTANTS = {
    2: (1.880, 0.0, 3.267, 1.128),
    3: (1.023, 0.0, 2.574, 1.693),
    4: (0.729, 0.0, 2.282, 2.059),
    5: (0.577, 0.0, 2.114, 2.326),
    6: (0.483, 0.0, 2.004, 2.534),
    7: (0.419, 0.076, 1.924, 2.704),
    8: (0.373, 0.136, 1.864, 2.847),
    9: (0.337, 0.184, 1.816, 2.970),
    10: (0.308, 0.223, 1.777, 3.078),
}


def control_limits(grand_mean: float, mean_range: float, subgroup_size: int = 5) -> tuple[Result, ...]:
    """Upper and lower limits of the mean chart, then of the range chart, then the σ estimated from R̄."""
    if subgroup_size not in CHART_CONSTANTS:
        raise CalcError(f"taille de sous-groupe non prévue : {subgroup_size} (attendu : de 2 à 10)")
    if not math.isfinite(grand_mean):
        raise CalcError("valeur invalide pour la moyenne des moyennes X̄̄")
    positive(mean_range, "l'étendue moyenne R̄")
    a2, d3, d4, d2 = CHART_CONSTANTS[subgroup_size]
    data = f"X̄̄ = {fmt(grand_mean)} ; R̄ = {fmt(mean_range)} ; n = {subgroup_size}"
    return (
        _result("LSC des moyennes", grand_mean + a2 * mean_range, "", "LSC = X̄̄ + A2 × R̄", 3, data, f"A2 = {fmt(a2)}"),
        _result("LIC des moyennes", grand_mean - a2 * mean_range, "", "LIC = X̄̄ − A2 × R̄", 3, data, f"A2 = {fmt(a2)}"),
        _result("LSC des étendues", d4 * mean_range, "", "LSC = D4 × R̄", 3, data, f"D4 = {fmt(d4)}"),
        _result("LIC des étendues", d3 * mean_range, "", "LIC = D3 × R̄", 3, data, f"D3 = {fmt(d3)}"),
        _result("Écart-type estimé", mean_range / d2, "", "σ ≈ R̄ / d2", 4, data, f"d2 = {fmt(d2)}"),
    )
