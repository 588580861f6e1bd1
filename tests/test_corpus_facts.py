"""Figures printed in the sheets, recomputed from their formulas.

Until the calculators exist (their own issue), the formulas live here; the calculator tests will then
call the calculators on the same cases.
"""

import math
import re

import pytest

from tutor.settings import PROJECT_ROOT

FICHES = PROJECT_ROOT / "corpus" / "fiches"


def text(name: str) -> str:
    raw = (FICHES / name).read_text(encoding="utf-8")
    return re.sub(r"[\u00a0\u202f]", " ", raw)  # non-breaking spaces print like spaces


def fr(value: float, decimals: int) -> str:
    """French decimal notation with a space as thousands separator, as the sheets print numbers."""
    whole, _, frac = f"{value:,.{decimals}f}".partition(".")
    whole = whole.replace(",", " ")
    return f"{whole},{frac}" if decimals else whole


def spindle_speed(vc: float, diameter: float) -> float:
    return 1000 * vc / (math.pi * diameter)


@pytest.mark.parametrize(
    ("sheet", "vc", "diameter", "expected"),
    [
        ("conditions-de-coupe.md", 200, 50, "1273"),
        ("vitesse-coupe-constante-g96-g50.md", 200, 50, "1273"),
        ("vitesse-coupe-constante-g96-g50.md", 200, 10, "6366"),
        ("vitesse-coupe-constante-g96-g50.md", 200, 2, "31 831"),
        ("outils-percage.md", 20, 10, "637"),
        ("outils-fraisage.md", 250, 50, "1592"),
    ],
)
def test_spindle_speeds(sheet, vc, diameter, expected):
    assert round(spindle_speed(vc, diameter)) == int(expected.replace(" ", ""))
    assert expected in text(sheet)


def test_feed_rates():
    assert round(0.2 * spindle_speed(200, 50)) == 255 and "255" in text("conditions-de-coupe.md")
    assert round(0.15 * round(spindle_speed(20, 10))) == 96 and "96 mm/min" in text("outils-percage.md")
    assert round(0.1 * 4 * round(spindle_speed(250, 50))) == 637 and "637 mm/min" in text("outils-fraisage.md")
    assert 1.25 * 400 == 500 and "500 mm/min" in text("taraudage.md")


def test_css_clamp_diameter():
    diameter = 1000 * 200 / (math.pi * 3000)
    assert fr(diameter, 1) == "21,2" and "21,2" in text("vitesse-coupe-constante-g96-g50.md")


def test_removal_rate_turning():
    assert round(200 * 2 * 0.2) == 80  # Q = Vc·ap·f in cm³/min
    assert re.search(r"\b80 cm", text("debit-copeaux-puissance.md"))


@pytest.mark.parametrize(
    ("size", "pitch", "drill"), [(6, 1, "5,0"), (8, 1.25, "6,8"), (10, 1.5, "8,5"), (12, 1.75, "10,2")]
)
def test_tap_drills(size, pitch, drill):
    assert abs(size - pitch - float(drill.replace(",", "."))) <= 0.05 + 1e-9
    assert re.search(rf"\| M{size} \| [\d,]+ \| {drill} \|", text("taraudage.md"))


def test_fit_h7_g6_25():
    hole = (25.000, 25.021)  # H7, 18-30 mm: 0 / +21 µm
    shaft = (25 - 0.020, 25 - 0.007)  # g6, 18-30 mm: -20 / -7 µm
    assert fr(hole[0] - shaft[1], 3) == "0,007" and fr(hole[1] - shaft[0], 3) == "0,041"
    sheet = text("ajustements-usuels.md")
    assert "0,007" in sheet and "0,041" in sheet


def test_surface_finish():
    f, r = 0.2, 0.8
    assert fr(f**2 / (8 * r) * 1000, 2) == "6,25"
    assert fr(f**2 / (32 * r) * 1000, 1) == "1,6"
    sheet = text("etat-de-surface-ra-rz.md")
    assert "6,25 µm" in sheet and "1,6 µm" in sheet


def test_capability_example():
    upper, lower, mean, sigma = 30.02, 29.98, 30.005, 0.004
    cp = (upper - lower) / (6 * sigma)
    cpk = min(upper - mean, mean - lower) / (3 * sigma)
    assert fr(cp, 2) == "1,67" and fr(cpk, 2) == "1,25"
    sheet = text("capabilite-cp-cpk.md")
    assert "**1,67**" in sheet and "**1,25**" in sheet


def test_xbar_r_limits():
    grand_mean, mean_range, a2, d4 = 25.010, 0.012, 0.577, 2.114
    sheet = text("msp-cartes-de-controle.md")
    for value, decimals in ((grand_mean + a2 * mean_range, 3), (grand_mean - a2 * mean_range, 3), (d4 * mean_range, 3)):
        assert fr(value, decimals) in sheet


def test_dimension_chain():
    a, b = (49.9, 50.1), (19.95, 20.05)
    j = (a[0] - b[1], a[1] - b[0])
    assert (fr(j[0], 2), fr(j[1], 2)) == ("29,85", "30,15")
    sheet = text("cotes-fonctionnelles-chaines-de-cotes.md")
    assert "**30,15**" in sheet and "**29,85**" in sheet and "**20,05**" in sheet and "**19,95**" in sheet


# ISO 286 standard tolerances in µm (domain.md, from published tables), and the tolerance unit formula
IT_TABLE = {
    (3, 6): (8, 12, 18, 30, 75),
    (6, 10): (9, 15, 22, 36, 90),
    (10, 18): (11, 18, 27, 43, 110),
    (18, 30): (13, 21, 33, 52, 130),
    (30, 50): (16, 25, 39, 62, 160),
    (50, 80): (19, 30, 46, 74, 190),
    (80, 120): (22, 35, 54, 87, 220),
}


@pytest.mark.parametrize(("low", "high"), list(IT_TABLE))
def test_it_grades(low, high):
    values = IT_TABLE[(low, high)]
    mean = math.sqrt(low * high)
    unit = 0.45 * mean ** (1 / 3) + 0.001 * mean  # ISO 286 tolerance unit i, in µm
    for factor, value in zip((10, 16, 25, 40, 100), values, strict=True):
        assert value == pytest.approx(factor * unit, rel=0.1, abs=1.0)  # ISO rounds to preferred numbers
    row = rf"\|\s*de {low} à {high}\s*\|\s*" + r"\s*\|\s*".join(map(str, values)) + r"\s*\|"
    assert re.search(row, text("qualites-it-iso-286.md")), f"row {low}-{high} differs from ISO 286"
