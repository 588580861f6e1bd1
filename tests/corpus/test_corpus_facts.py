"""Figures printed in the sheets, recomputed by the calculators (`tutor.shop.calc`, `tutor.shop.fits`).

A sheet and a calculator that disagree are both suspect: each check states the figure as the sheet prints it.
"""

import math
import re

import pytest

from tutor.settings import PROJECT_ROOT
from tutor.shop import calc, fits
from tutor.shop.calc import fr_number

FICHES = PROJECT_ROOT / "corpus" / "fiches"


def text(name: str) -> str:
    raw = (FICHES / name).read_text(encoding="utf-8")
    return re.sub(r"[\u00a0\u202f]", " ", raw)  # non-breaking spaces print like spaces


@pytest.mark.parametrize(
    ("sheet", "vc", "diameter", "expected"),
    [
        ("conditions-de-coupe.md", 200, 50, "1273"),
        ("conditions-de-coupe.md", 120, 16, "2387"),
        ("vitesse-coupe-constante-g96-g50.md", 200, 50, "1273"),
        ("vitesse-coupe-constante-g96-g50.md", 200, 10, "6366"),
        ("vitesse-coupe-constante-g96-g50.md", 200, 2, "31 831"),
        ("outils-percage.md", 20, 10, "637"),
        ("outils-fraisage.md", 250, 50, "1592"),
        ("vitesses-de-coupe-usuelles.md", 20, 8, "796"),
        ("vitesses-de-coupe-usuelles.md", 1000, 20, "15 915"),
    ],
)
def test_spindle_speeds(sheet, vc, diameter, expected):
    assert round(calc.spindle_speed(vc, diameter).value) == int(expected.replace(" ", ""))
    assert expected in text(sheet)


def test_feed_rates():
    n = calc.spindle_speed(200, 50).value
    assert round(calc.feed_rate(0.2, n).value) == 255 and "255" in text("conditions-de-coupe.md")
    drill = round(calc.spindle_speed(20, 10).value)
    assert round(calc.feed_rate(0.15, drill).value) == 96 and "96 mm/min" in text("outils-percage.md")
    mill = round(calc.spindle_speed(250, 50).value)
    assert round(calc.milling_feed_rate(0.1, 4, mill).value) == 637 and "637 mm/min" in text("outils-fraisage.md")
    cutter = round(calc.spindle_speed(120, 16).value)
    assert round(calc.milling_feed_rate(0.05, 4, cutter).value) == 477 and "477 mm/min" in text(
        "conditions-de-coupe.md"
    )
    assert calc.feed_rate(1.25, 400).value == 500 and "500 mm/min" in text("taraudage.md")
    assert calc.feed_rate(1.5, 300).value == 450 and "450 mm/min" in text("cycles-percage-taraudage.md")


def test_css_clamp_diameter():
    diameter = calc.limit_diameter(200, 3000).value
    assert fr_number(diameter, 1) == "21,2" and "21,2" in text("vitesse-coupe-constante-g96-g50.md")


def test_removal_rate_turning():
    assert round(calc.removal_rate_turning(200, 2, 0.2).value) == 80  # Q = Vc·ap·f in cm³/min
    assert re.search(r"\b80 cm", text("debit-copeaux-puissance.md"))


def test_removal_rates_and_power():
    sheet = text("debit-copeaux-puissance.md")
    turning = calc.turning_power(200, 2, 0.2, 1950, efficiency=0.8)
    assert fr_number(turning.value, 1) == "2,6" and "**2,6 kW**" in sheet
    assert math.isclose(turning.value / 0.8, 3.3, abs_tol=0.05) and "3,3 kW au moteur" in sheet
    heavier = calc.turning_power(200, 5, 0.2, 1950)
    assert calc.removal_rate_turning(200, 5, 0.2).value == 200 and fr_number(heavier.value, 1) == "6,5"
    assert "Q = 200 cm³/min, Pc ≈ 6,5 kW" in sheet
    assert calc.removal_rate_milling(3, 40, 600).value == 72 and "**72 cm³/min**" in sheet
    milling = calc.milling_power(3, 40, 600, 2200, efficiency=0.8)
    assert fr_number(milling.value, 2) == "2,64" and "**2,64 kW**" in sheet
    assert fr_number(milling.value / 0.8, 1) == "3,3" and "environ 3,3 kW à la broche" in sheet


def test_machining_time():
    vf = calc.feed_rate(0.2, calc.spindle_speed(200, 50).value).value
    t = calc.machining_time(300, vf).value
    assert fr_number(t, 2) == "1,18" and round(t * 60) == 71
    assert "t = 300 / 255 ≈ **1,18 min**, soit environ **71 s**" in text("optimisation-temps-de-cycle.md")


@pytest.mark.parametrize(
    ("size", "pitch", "drill"), [(6, 1, "5,0"), (8, 1.25, "6,8"), (10, 1.5, "8,5"), (12, 1.75, "10,2")]
)
def test_tap_drills(size, pitch, drill):
    assert abs(calc.tap_drill(size, pitch).value - float(drill.replace(",", "."))) <= 0.05 + 1e-9
    assert re.search(rf"\| M{size} \| [\d,]+ \| {drill} \|", text("taraudage.md"))


def test_fit_h7_g6_25():
    fit = fits.fit("25H7/g6")
    assert (fit.hole.min_size, fit.hole.max_size) == (25.0, 25.021)  # H7, 18-30 mm: 0 / +21 µm
    assert (fit.shaft.min_size, fit.shaft.max_size) == (24.98, 24.993)  # g6, 18-30 mm: -20 / -7 µm
    assert fit.kind == "jeu"
    assert fr_number(fit.min_clearance / 1000, 3) == "0,007" and fr_number(fit.max_clearance / 1000, 3) == "0,041"
    sheet = text("ajustements-usuels.md")
    assert "0,007" in sheet and "0,041" in sheet
    assert "**25,000 à 25,021 mm**" in sheet and "**24,980 à 24,993 mm**" in sheet


@pytest.mark.parametrize(
    ("pair", "kind", "printed"),
    [
        ("H7/h6", "jeu", "jeu de **0 à 0,034 mm**"),
        ("H8/f7", "jeu", "jeu de **0,020 à 0,074 mm**"),
        ("H7/k6", "incertain", "de **0,019 de jeu à 0,015 de serrage**"),
        ("H7/n6", "incertain", "de **0,006 de jeu à 0,028 de serrage**"),
        ("H7/p6", "serré", "serrage de **0,001 à 0,035 mm**"),
    ],
)
def test_usual_fits_at_25(pair, kind, printed):
    fit = fits.fit(f"25{pair}")
    low, high = fr_number(abs(fit.min_clearance) / 1000, 3), fr_number(abs(fit.max_clearance) / 1000, 3)
    assert fit.kind == kind
    expected = {"jeu": f"{low.replace('0,000', '0')} à {high}", "incertain": f"{high} de jeu à {low} de serrage",
                "serré": f"{high} à {low}"}[kind]  # fmt: skip
    assert expected in printed
    assert f"- {pair} : {printed}" in text("ajustements-usuels.md")


def _deviations(designation: str) -> str:
    """As the sheet prints them: the fundamental deviation (nearest zero) first, in µm."""
    t = fits.tolerance(designation)
    first, second = sorted((t.lower, t.upper), key=abs)
    return " / ".join(f"+{v:g}" if v > 0 else fr_number(v, 0) for v in (first, second))


@pytest.mark.parametrize(("low", "high"), [(6, 10), (10, 18), (18, 30), (30, 50)])
def test_deviation_table_of_the_fits_sheet(low, high):
    cells = [_deviations(f"{high}{cls}") for cls in ("H7", "f7", "g6", "k6", "n6", "p6")]
    row = rf"\| de {low} à {high} \| " + " \\| ".join(map(re.escape, cells)) + r" \|"
    assert re.search(row, text("ajustements-usuels.md")), f"row {low}-{high} should read {cells}"


def test_other_tolerances_printed_in_the_sheets():
    fits_sheet = text("ajustements-usuels.md")
    assert _deviations("25h6") == "0 / −13" and "0 / −13 (IT6 = 13 µm)" in fits_sheet
    assert _deviations("25H8") == "0 / +33" and "0 / +33 (IT8 = 33 µm)" in fits_sheet
    grades = text("qualites-it-iso-286.md")
    for designation, printed in (("20H7", "Ø20 H7 = 20,000 à 20,021 mm"), ("8H11", "Ø8 H11 = 8,000 à 8,090 mm")):
        t = fits.tolerance(designation)
        assert printed.endswith(t.sizes_text()) and printed in grades
    assert fits.it_value(7, 40) == 25 and fits.it_value(9, 40) == 62 and "**25 µm**" in grades and "**62 µm**" in grades
    gauges = text("calibres-tampons-bagues.md")
    assert fits.tolerance("20H7").upper == 21 and "Ø20 H7 a pour écarts 0 / +0,021 mm" in gauges


def test_surface_finish():
    rt, ra = calc.roughness(0.2, 0.8)
    assert fr_number(rt.value, 2) == "6,25"
    assert fr_number(ra.value, 1) == "1,6"
    sheet = text("etat-de-surface-ra-rz.md")
    assert "6,25 µm" in sheet and "1,6 µm" in sheet
    rt, ra = calc.roughness(0.1, 0.8)
    assert (fr_number(rt.value, 2), fr_number(ra.value, 1)) == ("1,56", "0,4")
    assert "Rt ≈ 1,56 µm et Ra ≈ 0,4 µm" in sheet
    assert fr_number(calc.feed_for_roughness(0.8, 0.8).value, 2) == "0,14" and "**0,14 mm/tr**" in sheet
    assert fr_number(calc.feed_for_roughness(0.8, 0.4).value, 2) == "0,10" and "f ≈ 0,10 mm/tr" in sheet


def test_capability_example():
    cap = calc.capability_from_stats(30.005, 0.004, 29.98, 30.02)
    assert fr_number(cap.cp, 2) == "1,67" and fr_number(cap.cpk, 2) == "1,25"
    sheet = text("capabilite-cp-cpk.md")
    assert "**1,67**" in sheet and "**1,25**" in sheet
    assert "recentrer le réglage de −0,005" in cap.verdict and "correcteur d'usure de −0,005 mm" in sheet


def test_xbar_r_limits():
    sheet = text("msp-cartes-de-controle.md")
    ucl, lcl, r_ucl, _, sigma = calc.control_limits(25.010, 0.012, 5)
    for value, decimals in ((ucl.value, 3), (lcl.value, 3), (r_ucl.value, 3), (sigma.value, 4)):
        assert fr_number(value, decimals) in sheet
    a2, _, d4, d2 = calc.CHART_CONSTANTS[5]
    assert f"A2 = {fr_number(a2, 3)}" in sheet and f"D4 = {fr_number(d4, 3)}" in sheet and fr_number(d2, 3) in sheet


def test_dimension_chain():
    a, b = (49.9, 50.1), (19.95, 20.05)
    j = (a[0] - b[1], a[1] - b[0])
    assert (fr_number(j[0], 2), fr_number(j[1], 2)) == ("29,85", "30,15")
    sheet = text("cotes-fonctionnelles-chaines-de-cotes.md")
    assert "**30,15**" in sheet and "**29,85**" in sheet and "**20,05**" in sheet and "**19,95**" in sheet


# The IT rows printed in the sheet (3 to 120 mm, IT6 IT7 IT8 IT9 IT11), against the calculator's ISO 286 table.
IT_ROWS = [(3, 6), (6, 10), (10, 18), (18, 30), (30, 50), (50, 80), (80, 120)]
SHEET_GRADES = (6, 7, 8, 9, 11)


@pytest.mark.parametrize(("low", "high"), IT_ROWS)
def test_it_grades(low, high):
    values = [fits.it_value(grade, high) for grade in SHEET_GRADES]
    assert values == [fits.it_value(grade, (low + high) / 2) for grade in SHEET_GRADES]  # one value per range
    mean = math.sqrt(low * high)
    unit = 0.45 * mean ** (1 / 3) + 0.001 * mean  # ISO 286 tolerance unit i, in µm
    for factor, value in zip((10, 16, 25, 40, 100), values, strict=True):
        assert value == pytest.approx(factor * unit, rel=0.1, abs=1.0)  # ISO rounds to preferred numbers
    row = rf"\|\s*de {low} à {high}\s*\|\s*" + r"\s*\|\s*".join(f"{v:g}" for v in values) + r"\s*\|"
    assert re.search(row, text("qualites-it-iso-286.md")), f"row {low}-{high} differs from ISO 286"
