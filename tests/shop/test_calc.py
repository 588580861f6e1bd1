"""The calculators against hand computations and published tables (ISO 286-2 limit deviations)."""

import math
import statistics

import pytest

from tutor.shop import calc, fits
from tutor.shop.calc import CalcError, fmt, fr_number, parse_number


def lines(result) -> str:
    return "\n".join(result.lines)


# --- French numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1273.2, 1, "1 273,2"),
        (1273.24, 0, "1 273"),
        (31830.99, 0, "31 831"),
        (1234567.891, 2, "1 234 567,89"),
        (0.007, 3, "0,007"),
        (-20, 0, "\u221220"),
        (-0.0001, 2, "0,00"),
        (6.25, 2, "6,25"),
    ],
)
def test_fr_number(value, decimals, expected):
    assert fr_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(0.2, "0,2"), (25.0, "25"), (1.25, "1,25"), (-7, "\u22127"), (0.00625, "0,00625"), (0, "0")]
)
def test_fmt_trims_zeros(value, expected):
    assert fmt(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("10,02", 10.02), ("1 273,5", 1273.5), ("0.2", 0.2), ("\u22123", -3.0), (" 25 ", 25.0)]
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "", "1,2,3", "nan", "inf"])
def test_parse_number_rejects(text):
    with pytest.raises(CalcError, match=r"^nombre invalide : « .* »$"):
        parse_number(text)


def test_parse_measurements():
    assert calc.parse_measurements("10,01 10,02\n10.00;9,99\t10,03\n") == [10.01, 10.02, 10.0, 9.99, 10.03]


# --- Cutting conditions -----------------------------------------------------------------------------------


def test_spindle_speed():
    r = calc.spindle_speed(200, 50)
    assert r.value == pytest.approx(1273.2395, abs=1e-4)
    assert (r.name, r.unit, r.formula, r.decimals) == ("Vitesse de rotation", "tr/min", "N = 1000 × Vc / (π × D)", 0)
    assert r.lines == ("Vc = 200 m/min ; D = 50 mm", "N = 1000 × 200 / (π × 50) ≈ 1 273 tr/min")
    assert r.as_text().splitlines()[0] == "Vitesse de rotation : 1 273 tr/min"
    assert r.as_json() == {"name": r.name, "value": r.value, "unit": "tr/min", "formula": r.formula,
                           "lines": list(r.lines)}  # fmt: skip


@pytest.mark.parametrize(("vc", "d"), [(200, 50), (20, 10), (250, 50), (1000, 20), (35.5, 3.2)])
def test_cutting_speed_inverts_spindle_speed(vc, d):
    assert calc.cutting_speed(calc.spindle_speed(vc, d).value, d).value == pytest.approx(vc)


def test_limit_diameter():
    r = calc.limit_diameter(200, 3000)
    assert r.value == pytest.approx(21.2207, abs=1e-4) and fr_number(r.value, 1) == "21,2"
    assert calc.spindle_speed(200, r.value).value == pytest.approx(3000)


def test_feed_rates():
    assert calc.feed_rate(0.2, 1273).value == pytest.approx(254.6)
    assert calc.feed_rate(1.25, 400).value == pytest.approx(500)  # tapping: the feed is the pitch
    milling = calc.milling_feed_rate(0.1, 4, 1592)
    assert milling.value == pytest.approx(636.8) and milling.formula == "Vf = fz × Z × N"
    assert milling.lines[1] == "Vf = 0,1 × 4 × 1 592 ≈ 637 mm/min"


@pytest.mark.parametrize("teeth", [0, 2.5, -3])
def test_milling_feed_rate_needs_whole_teeth(teeth):
    with pytest.raises(CalcError, match="nombre de dents Z invalide"):
        calc.milling_feed_rate(0.1, teeth, 1000)


def test_removal_rates_and_power():
    assert calc.removal_rate_turning(200, 2, 0.2).value == pytest.approx(80)
    assert calc.removal_rate_milling(3, 40, 600).value == pytest.approx(72)
    assert calc.cutting_power(80, 1950).value == pytest.approx(2.6)
    turning = calc.turning_power(200, 2, 0.2, 1950, efficiency=0.8)
    assert turning.value == pytest.approx(2.6) and turning.formula == "Pc = Vc × ap × f × kc / 60 000"
    assert turning.lines[-1] == "Puissance au moteur = Pc / η = 2,60 / 0,8 ≈ 3,25 kW"
    milling = calc.milling_power(3, 40, 600, 2200)
    assert milling.value == pytest.approx(2.64) and milling.unit == "kW"
    assert milling.value == pytest.approx(3 * 40 * 600 * 2200 / 60e6)


@pytest.mark.parametrize("eta", [0, 1.2, -0.5])
def test_power_rejects_bad_efficiency(eta):
    with pytest.raises(CalcError, match=r"^rendement η invalide"):
        calc.cutting_power(80, 1950, eta)


def test_machining_time():
    r = calc.machining_time(300, 255)
    assert r.value == pytest.approx(1.17647, abs=1e-5) and r.unit == "min"
    assert r.lines[1] == "t = 300 / 255 ≈ 1,18 min, soit environ 71 s"


def test_tap_drill():
    assert calc.tap_drill(8, 1.25).value == pytest.approx(6.75)
    with pytest.raises(CalcError, match="pas de 10 mm impossible pour un diamètre de 8 mm"):
        calc.tap_drill(8, 10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: calc.spindle_speed(200, -50), "valeur invalide pour le diamètre D : −50 mm (attendu : nombre strictement positif)"),
        (lambda: calc.spindle_speed(0, 50), "valeur invalide pour la vitesse de coupe Vc : 0 m/min (attendu : nombre strictement positif)"),
        (lambda: calc.cutting_speed(1000, math.nan), "valeur invalide pour le diamètre D : nan (attendu : nombre strictement positif)"),
        (lambda: calc.feed_rate(0.2, math.inf), "valeur invalide pour la vitesse de rotation N : inf (attendu : nombre strictement positif)"),
        (lambda: calc.machining_time(-1, 100), "valeur invalide pour la longueur usinée L : −1 mm (attendu : nombre strictement positif)"),
        (lambda: calc.removal_rate_milling(3, 0, 600), "valeur invalide pour la largeur engagée ae : 0 mm (attendu : nombre strictement positif)"),
    ],
)  # fmt: skip
def test_bad_input_messages(call, message):
    with pytest.raises(CalcError) as caught:
        call()
    assert str(caught.value) == message and "\n" not in message


# --- Surface finish ---------------------------------------------------------------------------------------


def test_roughness_matches_the_sheet_formulas():
    rt, ra = calc.roughness(0.2, 0.8)
    assert rt.value == pytest.approx(6.25) and ra.value == pytest.approx(1.5625)
    assert ra.value == pytest.approx(rt.value / 4)  # Ra ≈ f²/(32 rε) = Rt/4
    assert rt.unit == ra.unit == "µm" and "31,2" in lines(ra)


@pytest.mark.parametrize(("target", "radius"), [(0.8, 0.8), (1.6, 0.4), (3.2, 1.2)])
def test_feed_for_roughness_inverts_roughness(target, radius):
    feed = calc.feed_for_roughness(target, radius)
    assert calc.roughness(feed.value, radius)[1].value == pytest.approx(target)
    rt_feed = calc.feed_for_roughness(target, radius, "Rt")
    assert calc.roughness(rt_feed.value, radius)[0].value == pytest.approx(target)


def test_feed_for_target_ra_from_the_sheet():
    assert calc.feed_for_roughness(0.8, 0.8).value == pytest.approx(0.1431, abs=1e-4)
    assert round(calc.feed_for_roughness(0.8, 0.4).value, 2) == 0.10
    with pytest.raises(CalcError, match="critère de rugosité inconnu « Rz » \\(attendu : Ra ou Rt\\)"):
        calc.feed_for_roughness(1, 0.8, "Rz")


# --- Capability -------------------------------------------------------------------------------------------

SAMPLE = [10.004, 10.006, 10.003, 10.007, 10.005, 10.004, 10.006, 10.005, 10.002, 10.008, 10.005, 10.004]


def test_capability_against_statistics_module():
    cap = calc.capability(SAMPLE, 9.98, 10.02)
    mean, std = statistics.mean(SAMPLE), statistics.stdev(SAMPLE)  # stdev: sample, n − 1
    assert cap.n == 12 and cap.mean == pytest.approx(mean) and cap.std == pytest.approx(std)
    assert cap.cp == pytest.approx(0.04 / (6 * std))
    assert cap.cpk == pytest.approx(min(10.02 - mean, mean - 9.98) / (3 * std))
    assert cap.labels == ("Cp", "Cpk") and "procédé capable" in cap.verdict
    assert "Attention : 12 mesures seulement" in lines(cap)


def test_capability_example_of_the_sheet():
    cap = calc.capability_from_stats(30.005, 0.004, 29.98, 30.02)
    assert cap.cp == pytest.approx(0.04 / 0.024) and cap.cpk == pytest.approx(1.25)
    assert cap.verdict == (
        "capabilité limite (Cpk entre 1 et 1,33) : une dérive donnera des pièces mauvaises ; "
        "moyenne décentrée : recentrer le réglage de −0,005 (la dispersion suffit : Cp = 1,67)"
    )
    assert "Hors tolérance estimé (loi normale) : 88 ppm" in cap.lines


def test_capability_verdicts():
    centred = calc.capability_from_stats(10, 0.002, 9.98, 10.02)
    assert centred.verdict == "procédé capable (Cpk ≥ 1,33)"
    poor = calc.capability_from_stats(10, 0.02 / 3, 9.98, 10.02)  # Cp = Cpk = 1: 2 700 ppm out
    assert poor.cpk == pytest.approx(1) and poor.verdict.startswith("capabilité limite")
    assert "Hors tolérance estimé (loi normale) : 2 700 ppm" in poor.lines
    bad = calc.capability_from_stats(10.015, 0.004, 9.98, 10.02)
    assert bad.verdict.startswith("procédé non capable (Cpk < 1)") and "recentrer le réglage de −0,015" in bad.verdict
    stricter = calc.capability_from_stats(10, 0.005, 9.98, 10.02, required=1.67)
    assert stricter.verdict.startswith("capabilité limite (Cpk entre 1 et 1,67)")


def test_machine_capability_is_labelled_cm_cmk():
    cap = calc.capability(SAMPLE, 9.98, 10.02, machine=True)
    assert cap.labels == ("Cm", "Cmk") and cap.verdict.startswith("machine capable (Cmk ≥ 1,33)")
    assert cap.as_text().startswith("Capabilité machine : Cm = ")
    payload = cap.as_json()
    assert payload["name"] == "Capabilité machine" and payload["indices"] == ["Cm", "Cmk"]
    assert sum(payload["histogram"]["counts"]) == len(SAMPLE)


def test_histogram():
    counts, edges = calc.histogram(SAMPLE)
    assert len(counts) == 5 and len(edges) == 6  # √12 → 4 classes, at least 5
    assert sum(counts) == len(SAMPLE) and edges[0] == min(SAMPLE) and edges[-1] == max(SAMPLE)
    assert counts[-1] >= 1  # the largest value falls in the last class
    counts, edges = calc.histogram(list(range(400)), bins=None)
    assert len(counts) == 20 and sum(counts) == 400
    assert calc.histogram([1, 2, 3], bins=2) == ((1, 2), (1, 2, 3))


def test_capability_counts_parts_out_of_tolerance():
    cap = calc.capability([10.0, 10.01, 10.03, 9.97], 9.98, 10.02)
    assert "Pièces hors tolérance dans l'échantillon : 2" in cap.lines


@pytest.mark.parametrize(
    ("values", "low", "high", "message"),
    [
        ([10.0], 9.9, 10.1, "au moins 2 mesures sont nécessaires (reçu : 1) ; idéalement 50 ou plus"),
        ([], 9.9, 10.1, "au moins 2 mesures sont nécessaires (reçu : 0) ; idéalement 50 ou plus"),
        ([10.0, 10.0, 10.0], 9.9, 10.1, "écart-type nul : toutes les mesures sont identiques (instrument trop peu résolu ?)"),
        ([10.0, 10.1], 10.1, 10.1, "tolérance nulle ou inversée : Ts = 10,1 doit être plus grand que Ti = 10,1"),
        ([10.0, 10.1], 10.2, 9.8, "tolérance nulle ou inversée : Ts = 9,8 doit être plus grand que Ti = 10,2"),
        ([10.0, math.nan], 9.9, 10.1, "mesure invalide (valeur non numérique ou infinie)"),
    ],
)  # fmt: skip
def test_capability_bad_input(values, low, high, message):
    with pytest.raises(CalcError) as caught:
        calc.capability(values, low, high)
    assert str(caught.value) == message


# --- Control charts ---------------------------------------------------------------------------------------


def test_control_limits():
    ucl, lcl, r_ucl, r_lcl, sigma = calc.control_limits(25.010, 0.012, 5)
    assert ucl.value == pytest.approx(25.016924) and lcl.value == pytest.approx(25.003076)
    assert r_ucl.value == pytest.approx(0.025368) and r_lcl.value == 0
    assert sigma.value == pytest.approx(0.012 / 2.326)
    assert ucl.lines[1] == "A2 = 0,577"
    assert calc.control_limits(10, 0.01, 7)[3].value == pytest.approx(0.00076)  # D3 > 0 from n = 7
    with pytest.raises(CalcError, match="taille de sous-groupe non prévue : 11"):
        calc.control_limits(10, 0.01, 11)


# --- Unit conversions -------------------------------------------------------------------------------------


# --- ISO 286 ----------------------------------------------------------------------------------------------

# (designation, lower, upper) in µm, from the ISO 286-2 tables of limit deviations.
PUBLISHED = [
    ("25H7", 0, 21),
    ("25g6", -20, -7),
    ("50k6", 2, 18),
    ("30p6", 22, 35),
    ("10H7", 0, 15),
    ("40f7", -50, -25),
    ("100s6", 71, 93),
    ("18N7", -23, -5),
    ("40d6", -96, -80),
    ("100e6", -94, -72),
    ("200f7", -96, -50),
    ("300g5", -40, -17),
    ("350h9", -140, 0),
    ("60js6", -9.5, 9.5),
    ("25js7", -10.5, 10.5),
    ("200k5", 4, 24),
    ("120k7", 3, 38),
    ("8m6", 6, 15),
    ("350m7", 21, 78),
    ("150n5", 27, 45),
    ("70r6", 43, 62),
    ("250r6", 84, 113),
    ("10c11", -170, -80),
    ("40E7", 50, 75),
    ("16F8", 16, 43),
    ("5G7", 4, 16),
    ("100H11", 0, 220),
    ("60JS8", -23, 23),
    ("5K6", -6, 2),
    ("150K7", -28, 12),
    ("6M8", -16, 2),
    ("30M7", -21, 0),
    ("280M6", -41, -9),  # the special case of the standard (the Δ rule would give −11)
    ("20N6", -24, -11),
    ("400N8", -94, -5),
    ("9P6", -21, -12),
    ("200P8", -122, -50),
    ("60R7", -60, -30),
    ("395R6", -139, -103),
    ("25S7", -48, -27),
    ("2H7", 0, 10),
    ("3g6", -8, -2),
    ("2K7", -10, 0),
    ("2N9", -29, -4),  # up to 3 mm, N above IT8 keeps −4
    ("4N9", -30, 0),  # above 3 mm, N above IT8 has ES = 0
    ("20K9", -52, 0),
    ("2P7", -16, -6),
    ("1S7", -24, -14),
    ("450H7", 0, 63),
    ("500p6", 68, 108),
    ("460s6", 252, 292),
    ("420r6", 126, 166),
]


@pytest.mark.parametrize(("designation", "lower", "upper"), PUBLISHED)
def test_published_limit_deviations(designation, lower, upper):
    t = fits.tolerance(designation)
    assert (t.lower, t.upper) == (lower, upper)
    assert t.it == upper - lower


def test_tolerance_limits_and_text():
    t = fits.tolerance("Ø25 g6")
    assert (t.min_size, t.max_size) == (24.98, 24.993) and not t.is_hole and t.designation == "Ø25 g6"
    assert t.as_text().splitlines() == [
        "Arbre Ø25 g6 : 24,980 à 24,993 mm",
        "  ei = −20 µm ; es = −7 µm",
        "  IT6 = 13 µm (cote de 25 mm)",
        "  es = −7 µm (table) ; ei = es − IT = −20 µm",
    ]
    assert fits.tolerance("25js7").sizes_text() == "24,9895 à 25,0105 mm"
    assert (
        fits.tolerance("18N7").lines[2] == "ES = −ei(n) + Δ = −12 + 7 = −5 µm (Δ = IT7 − IT6) ; EI = ES − IT = −23 µm"
    )


@pytest.mark.parametrize(
    "designation", ["25H7", "Ø25H7", "ø25 H7", "25 H7", " 25H7 ", "25mm H7", "⌀25 H7", "25,0H7", "25.0 H7"]
)
def test_designation_forms(designation):
    t = fits.tolerance(designation)
    assert (t.nominal, t.letter, t.grade, t.upper) == (25, "H", "7", 21)


def test_it_values():
    assert fits.it_value(7, 25) == 21 and fits.it_value("IT7", 25) == 21
    assert fits.it_value("01", 2) == 0.3 and fits.it_value("0", 2) == 0.5 and fits.it_value(18, 500) == 9700
    assert fits.it_value(5, 3) == 4 and fits.it_value(5, 3.001) == 5  # each range includes its upper bound
    assert fits.it_value(6, 30) == 13 and fits.it_value(6, 30.5) == 16
    with pytest.raises(CalcError, match="^qualité IT19 hors table"):
        fits.it_value(19, 25)
    with pytest.raises(CalcError, match="^IT14 n'est pas prévue par la norme pour une cote de 1 mm ou moins$"):
        fits.it_value(14, 1)


def test_it_table_is_monotonic_and_close_to_the_tolerance_unit_formula():
    lows = (1, *fits.MAIN_STEPS[:-1])
    factors = {5: 7, 6: 10, 7: 16, 8: 25, 9: 40, 10: 64, 11: 100, 12: 160, 13: 250, 14: 400, 15: 640, 16: 1000,
               17: 1600, 18: 2500}  # fmt: skip
    for column, (low, high) in enumerate(zip(lows, fits.MAIN_STEPS, strict=True)):
        values = [fits.IT_TABLE[g][column] for g in fits.GRADES]
        assert values == sorted(values)
        if low < 3:
            continue  # the first range departs from the formula by up to 15 % in the standard itself
        mean = math.sqrt(low * high)
        unit = 0.45 * mean ** (1 / 3) + 0.001 * mean  # ISO 286 tolerance unit i, in µm
        for grade, factor in factors.items():
            assert fits.IT_TABLE[str(grade)][column] == pytest.approx(factor * unit, rel=0.1)
    for grade in fits.GRADES:
        assert list(fits.IT_TABLE[grade]) == sorted(fits.IT_TABLE[grade])


# Δ in µm for IT3 to IT8, as printed in ISO 286-1 Table 3.
DELTAS = {4: (1, 1.5, 1, 3, 4, 6), 25: (1.5, 2, 3, 4, 8, 12), 60: (2, 3, 5, 6, 11, 16), 200: (3, 4, 6, 9, 17, 26),
          450: (5, 5, 7, 13, 23, 34), 2: (0, 0, 0, 0, 0, 0)}  # fmt: skip


@pytest.mark.parametrize("nominal", list(DELTAS))
def test_delta_values(nominal):
    assert tuple(fits.delta(g, nominal) for g in range(3, 9)) == DELTAS[nominal]


@pytest.mark.parametrize(
    ("designation", "kind", "low", "high"),
    [
        ("25H7/g6", "jeu", 7, 41),
        ("25H7/h6", "jeu", 0, 34),  # a zero clearance is still a clearance fit
        ("25H8/f7", "jeu", 20, 74),
        ("25H7/k6", "incertain", -15, 19),
        ("25H7/n6", "incertain", -28, 6),
        ("25H7/p6", "serré", -35, -1),
        ("10H7/p6", "serré", -24, 0),  # the shaft minimum equals the hole maximum: still an interference fit
        ("100H7/s6", "serré", -93, -36),
        ("40H11/c11", "jeu", 120, 440),
    ],
)
def test_fit_types(designation, kind, low, high):
    fit = fits.fit(designation)
    assert (fit.kind, fit.min_clearance, fit.max_clearance) == (kind, low, high)
    assert fit.label == {"jeu": "ajustement avec jeu", "incertain": "ajustement incertain",
                         "serré": "ajustement serré"}[kind]  # fmt: skip


def test_fit_text_and_json():
    fit = fits.fit("25 H7/g6")
    assert fit.designation == "Ø25 H7/g6"
    assert fit.as_text().splitlines()[0] == "Ajustement Ø25 H7/g6 : ajustement avec jeu"
    assert fit.lines == ("Jeu mini = EI − es = 0 − (−7) = 7 µm (0,007 mm)",
                         "Jeu maxi = ES − ei = 21 − (−20) = 41 µm (0,041 mm)")  # fmt: skip
    assert fits.fit("25H7/p6").lines == ("Serrage mini = ei − ES = 22 − 21 = 1 µm (0,001 mm)",
                                         "Serrage maxi = es − EI = 35 − 0 = 35 µm (0,035 mm)")  # fmt: skip
    assert fits.fit("25H7/k6").lines == ("Jeu maxi = ES − ei = 21 − 2 = 19 µm (0,019 mm)",
                                         "Serrage maxi = es − EI = 15 − 0 = 15 µm (0,015 mm)")  # fmt: skip
    payload = fit.as_json()
    assert set(payload) == {"designation", "kind", "label", "min_clearance_um", "max_clearance_um", "hole", "shaft",
                            "lines"}  # fmt: skip
    assert payload["hole"]["max"] == 25.021 and payload["shaft"]["min"] == 24.98 and payload["shaft"]["kind"] == "shaft"


def test_lookup_picks_tolerance_or_fit():
    assert isinstance(fits.lookup("25H7"), fits.Tolerance) and isinstance(fits.lookup("25H7/g6"), fits.Fit)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: fits.tolerance("25Q7"), "écart fondamental « Q » inconnu ou non pris en charge (alésages : C D E F G H JS K M N P R S ; arbres : c d e f g h js k m n p r s)"),
        (lambda: fits.tolerance("25Js7"), "écart fondamental « Js » inconnu ou non pris en charge"),
        (lambda: fits.tolerance("25H19"), "qualité IT19 hors table (attendu : IT01, IT0, IT1 à IT18)"),
        (lambda: fits.tolerance("600H7"), "cote nominale hors du domaine traité : 600 mm (attendu : de 0 à 500 mm)"),
        (lambda: fits.tolerance("0H7"), "cote nominale hors du domaine traité : 0 mm"),
        (lambda: fits.tolerance("H7"), "désignation illisible « H7 » (exemples : 25H7, Ø25 g6, 25 H7/g6)"),
        (lambda: fits.tolerance("25H7/g6"), "« 25H7/g6 » est un ajustement : utiliser fit()"),
        (lambda: fits.fit("25g6/H7"), "ajustement attendu : alésage (majuscule) puis arbre (minuscule), par exemple 25H7/g6 ; reçu « 25g6/H7 »"),
        (lambda: fits.fit("25H7"), "ajustement attendu : alésage (majuscule) puis arbre (minuscule)"),
        (lambda: fits.tolerance("25K2"), "qualité IT2 non prévue pour l'écart K (Δ défini de IT3 à IT8)"),
        (lambda: fits.tolerance("1N9"), "N au-delà de IT8 n'est pas prévu par la norme pour une cote de 1 mm ou moins"),
        (lambda: fits.delta(9, 25), "Δ n'est défini que de IT3 à IT8 (reçu : IT9)"),
    ],
)  # fmt: skip
def test_fit_errors(call, message):
    with pytest.raises(CalcError) as caught:
        call()
    assert str(caught.value).startswith(message)
