"""Unit conversions between the metric units of the shop and the inch units of American documents and machines:
one table of sizes, so a conversion never mixes a length with a speed."""

from __future__ import annotations

import math

from tutor.shop.calc import CalcError, Result, fmt, fr_number

# unit -> (quantity, size in the metric unit of that quantity, label, decimals worth showing)
UNITS = {
    "mm": ("longueur", 1.0, "mm", 3),
    "in": ("longueur", 25.4, "in", 4),
    "m/min": ("vitesse de coupe", 1.0, "m/min", 1),
    "sfm": ("vitesse de coupe", 0.3048, "SFM", 0),
    "mm/tr": ("avance par tour", 1.0, "mm/tr", 3),
    "ipr": ("avance par tour", 25.4, "IPR", 4),
    "mm/min": ("vitesse d'avance", 1.0, "mm/min", 0),
    "ipm": ("vitesse d'avance", 25.4, "IPM", 1),
}
ALIASES = {
    "inch": "in", "po": "in", "pouce": "in", "pouces": "in", '"': "in",
    "ft/min": "sfm", "sfpm": "sfm", "pi/min": "sfm",
    "mm/rev": "mm/tr", "in/tr": "ipr", "in/rev": "ipr", "po/tr": "ipr",
    "in/min": "ipm", "po/min": "ipm",
}  # fmt: skip
FACTORS = {
    "longueur": "1 in = 25,4 mm",
    "vitesse de coupe": "1 SFM = 1 ft/min = 0,3048 m/min",
    "avance par tour": "1 IPR = 1 in/tr = 25,4 mm/tr",
    "vitesse d'avance": "1 IPM = 1 in/min = 25,4 mm/min",
}


def _unit(text: str) -> str:
    key = ALIASES.get(text.strip().lower(), text.strip().lower())
    if key not in UNITS:
        raise CalcError(f"unité inconnue « {text} » (connues : {', '.join(UNITS)})")
    return key


def convert(value: float, source: str, target: str) -> Result:
    """Inch and imperial shop units to metric and back; any sign is accepted (a coordinate may be negative)."""
    (quantity, to_metric, src, _), (other, from_metric, dst, decimals) = UNITS[_unit(source)], UNITS[_unit(target)]
    if quantity != other:
        raise CalcError(f"conversion impossible de {src} en {dst} : grandeurs différentes")
    if not math.isfinite(value):
        raise CalcError("valeur à convertir invalide")
    converted = value * to_metric / from_metric
    line = (
        f"{fmt(value)} {src} = {fmt(value)} × {fmt(to_metric / from_metric)} ≈ {fr_number(converted, decimals)} {dst}"
    )
    return Result(f"Conversion ({quantity})", converted, dst, FACTORS[quantity], (line,), decimals)
