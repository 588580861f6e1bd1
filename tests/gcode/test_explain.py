"""French explanations of blocks, and the summary figures checked against hand computations."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.gcode.explain import explain, summary_lines

TINY = """%
O1 (PETIT PROGRAMME)
G21 G17 G40 G49 G80 G90 G94 (LIGNE DE SECURITE)
T1 M06
G54 G00 X0. Y0. S1000 M03
G43 H1 Z10. M08
G01 Z0. F100.
X30. F300.
G02 X30. Y-20. I0. J-10.
G04 P1500
G00 Z10.
X0. Y0.
M09
M05
M30
%
"""


def sentences(text: str, machine=None, suffix: str = "") -> dict[int, str]:
    return {line.line: line.explanation for line in explain(text, machine=machine, suffix=suffix).lines}


def test_block_wording():
    said = sentences(TINY)
    assert said[1] == "Début ou fin de bande (%)."
    assert said[2] == "Programme O1 ; commentaire : PETIT PROGRAMME."
    assert said[3] == (
        "Cotes en millimètres (G21) ; plan XY (G17) ; annulation de la correction de rayon (G40) ; "
        "annulation de la correction de longueur (G49) ; annulation du cycle (G80) ; cotes absolues (G90) ; "
        "avance en mm/min (G94) ; commentaire : LIGNE DE SECURITE."
    )
    assert said[4] == "Changement d'outil (M06) : l'outil T01 est monté."
    assert (
        said[5]
        == "Origine pièce (G54) ; broche en sens horaire (M03) à 1000 tr/min ; déplacement rapide (G00) vers X0 Y0."
    )
    assert said[6] == (
        "Correction de longueur d'outil positive (G43) avec le correcteur H01 ; arrosage (M08) ; "
        "déplacement rapide (G00) vers Z10."
    )
    assert said[7] == "Interpolation linéaire (G01) vers Z0, avance 100 mm/min."
    assert said[8] == "Interpolation linéaire (G01) vers X30, avance 300 mm/min."
    assert said[9] == (
        "Interpolation circulaire sens horaire (G02) dans le plan XY vers X30 Y-20, centre relatif I0 J-10 "
        "(rayon 10), avance 300 mm/min."
    )
    assert said[10] == "Temporisation de 1.5 s (G04)."
    assert said[13] == "Arrêt de l'arrosage (M09)."
    assert said[15] == "Fin de programme et retour au début (M30)."


def test_summary_figures_by_hand():
    summary = explain(TINY).report.summary
    half_circle = math.pi * 10
    assert summary.feed_length == pytest.approx(10 + 30 + half_circle)
    assert summary.rapid_length == pytest.approx(10 + math.hypot(30, 20))
    assert summary.feed_time == pytest.approx(60 * (10 / 100 + (30 + half_circle) / 300))
    assert summary.rapid_time == pytest.approx(60 * (10 + math.hypot(30, 20)) / 10_000)
    assert summary.dwell_time == pytest.approx(1.5)
    assert summary.cycle_time == pytest.approx(20.0595, abs=1e-3)
    assert summary.moves_not_estimated == 2  # G00 X0 Y0 and G43 Z10: from an unknown position
    # The arc passes through X40 (east of its centre X30 Y-10).
    assert summary.envelope == (("X", 0.0, 40.0), ("Y", -20.0, 0.0), ("Z", 0.0, 10.0))
    assert [(t.tool, t.line, t.offsets) for t in summary.tools] == [("T01", 4, ("H01",))]
    assert summary.work_offsets == ("G54",) and summary.rpm == (1000.0, 1000.0)
    assert summary.feed_per_min == (100.0, 300.0) and summary.feed_per_rev is None


def test_rapid_rate_is_configurable():
    slow = explain(TINY, rapid_rate=5_000).report.summary
    assert slow.rapid_time == pytest.approx(2 * explain(TINY).report.summary.rapid_time)
    assert slow.as_json()["rapid_rate_mm_min"] == 5000.0


def test_summary_lines():
    lines = summary_lines(explain(TINY).report.summary)
    assert lines[:7] == [
        "Commande : ISO (Fanuc) ; machine : fraisage (détecté) ; 14 bloc(s)",
        "Outils : T01 (H01)",
        "Origines : G54",
        "Broche : 1000 tr/min",
        "Avances : 100 à 300 mm/min",
        "Enveloppe des déplacements : X 0 à 40, Y -20 à 0, Z 0 à 10 (mm)",
        "Longueur de trajet : 117.5 mm (travail 71.4 mm, rapide 46.1 mm)",
    ]
    assert lines[7] == "Temps de cycle estimé : 20 s (travail 18 s, rapide 0 s, temporisations 2 s)"


def test_feed_per_revolution_uses_the_spindle_speed():
    text = "G21 G17 G40 G80 G90 G95\nG54 G00 X0. Y0. Z0. S1000 M03\nG01 X10. F0.1\nM30\n"
    summary = explain(text).report.summary
    assert summary.feed_time == pytest.approx(6.0)  # 10 mm at 0.1 mm/tr x 1000 tr/min = 100 mm/min
    assert summary.feed_per_rev == (0.1, 0.1)


def test_constant_surface_speed_facing_time():
    text = "G21 G18 G40 G80 G99\nG50 S2000\nG96 S100 M03\nG00 X40. Z0.\nG01 X0. F0.1\nM30\n"
    summary = explain(text, machine="lathe").report.summary
    # Exact integral: pi (D1^2 - Dc^2) / (4 f 1000 Vc) above the clamp diameter Dc, then constant 2000 tr/min.
    clamp_diameter = 1000 * 100 / (math.pi * 2000)
    exact = 60 * (math.pi * (40**2 - clamp_diameter**2) / (4 * 0.1 * 1000 * 100) + (clamp_diameter / 2) / (0.1 * 2000))
    assert summary.feed_time == pytest.approx(exact, rel=0.01)
    assert summary.feed_length == pytest.approx(20.0)  # X is a diameter: 20 mm of radial travel
    assert summary.cutting_speed == (100.0, 100.0) and summary.spindle_clamp == 2000.0


def test_subprogram_calls_count_in_the_totals():
    text = """G21 G17 G40 G80 G90
T1 M06
G54 G00 X0. Y0. S1000 M03
G43 H1 Z2. M08
M98 P39001
G90 G00 Z50.
M30
%
O9001
G91 G01 Z-3. F100.
X10.
G00 Z3.
M99
"""
    result = explain(text)
    summary = result.report.summary
    assert summary.feed_length == pytest.approx(3 * 13) and summary.rapid_length == pytest.approx(3 * 3 + 48)
    assert summary.feed_time == pytest.approx(60 * 39 / 100)
    said = {line.line: line.explanation for line in result.lines}
    assert said[5] == "Appel du sous-programme O9001, 3 fois (M98 P39001)."
    assert (
        said[10] == "Cotes relatives (G91) ; interpolation linéaire (G01) vers Z-3 en relatif (G91), avance 100 mm/min."
    )
    assert said[13] == "Fin de sous-programme (M99)."


def test_drilling_cycle_wording():
    text = "G21 G17 G40 G80 G90\nT1 M06\nG54 G00 X0. Y0. S800 M03\nG43 H1 Z20. M08\nG98 G83 X5. Y5. Z-20. R2. Q5. F80.\nX15.\nG80\nM30\n"
    said = sentences(text)
    assert said[5] == (
        "Cycle de perçage profond avec débourrage (G83) au point X5 Y5 : plan R 2, fond Z-20, "
        "incrément Q5, avance 80 mm/min, retour au plan initial (G98)."
    )
    assert said[6] == "Nouveau trou du cycle G83 au point X15."
    assert said[7] == "Annulation du cycle (G80)."


def test_drilling_cycle_time():
    text = "G21 G17 G40 G80 G90\nT1 M06\nG54 G00 X0. Y0. S800 M03\nG43 H1 Z20. M08\nG99 G81 X10. Y0. Z-8. R2. F60.\nG80\nM30\n"
    summary = explain(text).report.summary
    # Rapid X0->X10 at Z20, rapid Z20->R2, feed R2->Z-8 (10 mm at 60 mm/min), rapid back to R2 (G99).
    assert summary.feed_length == pytest.approx(10.0) and summary.feed_time == pytest.approx(10.0)
    assert summary.rapid_length == pytest.approx(10 + 18 + 10)


def test_lathe_wording():
    text = """G21 G18 G40 G80 G99
T0505
G97 S800 M03
G00 X24. Z5. M08
G76 P020060 Q100 R0.05
G76 X16.933 Z-30. P1534 Q400 F2.5
G92 X15.3 Z-25. F2.
X14.8
G00 X100. Z100.
M30
"""
    said = sentences(text)
    assert said[2] == "Outil T05, correcteur 05 (T0505)."
    assert said[3] == "Vitesse de broche constante en tr/min (G97) : 800 tr/min ; broche en sens horaire (M03)."
    assert said[5] == (
        "Cycle de filetage à passes multiples (G76), 1er bloc : 2 passe(s) de finition, sortie en 0 pas, "
        "angle 60°, passe mini 0.1 mm, surépaisseur 0.05 mm."
    )
    assert said[6] == (
        "Cycle de filetage à passes multiples (G76) jusqu'à X16.933 Z-30, hauteur de filet 1.534 mm, "
        "1re passe 0.4 mm, pas 2.5 mm."
    )
    assert said[7] == "Cycle de filetage simple (G92) : passe jusqu'à X15.3 Z-25, pas 2 mm, retour au point de départ."
    assert said[8] == "Passe suivante du cycle de filetage simple (G92) : X14.8."


def test_lathe_css_and_roughing_wording():
    text = """G21 G18 G40 G80 G99
T0101
G50 S2500
G96 S200 M03
G00 X62. Z2. M08
G71 U2. R0.5
G71 P100 Q120 U0.4 W0.1 F0.25
N100 G00 X18.
N110 G01 Z-15. F0.1
N120 X62.
G70 P100 Q120
M30
"""
    said = sentences(text)
    assert said[3] == "Limitation de la vitesse de broche à 2500 tr/min (G50 S2500)."
    assert said[4] == (
        "Vitesse de coupe constante (G96) à 200 m/min, limitée à 2500 tr/min ; broche en sens horaire (M03)."
    )
    assert said[6] == "Cycle d'ébauche en chariotage (G71), 1er bloc : prise de passe 2 mm au rayon, dégagement 0.5 mm."
    assert said[7] == (
        "Cycle d'ébauche en chariotage (G71) sur le profil N100 à N120, surépaisseur 0.4 mm au diamètre "
        "et 0.1 mm en Z, avance 0.25 mm/tr."
    )
    assert said[11] == "Cycle de finition de profil (G70) sur le profil N100 à N120."
    summary = explain(text).report.summary
    assert summary.feed_length > 15 and summary.machine == "lathe"


def test_sinumerik_wording():
    text = "G17 G40 G90 G71 G94\nT1 M6\nD1\nF60.0\nMCALL CYCLE81(50.0, 0.0, 2.0, -4.75, )\nX15.0 Y15.0\nMCALL\nG2 X8.0 Y50.0 CR=8.0\nM30\n"
    said = sentences(text, suffix=".mpf")
    assert said[3] == "Longueur et rayon de l'outil actifs D1."
    assert said[4] == "Avance 60 mm/min."
    assert said[5] == (
        "Cycle de perçage CYCLE81 rendu modal (MCALL) : il se répète à chaque position ; plan de retrait 50, "
        "plan de référence 0, distance de sécurité 2, profondeur finale -4.75."
    )
    assert said[6] == "Perçage CYCLE81 au point X15 Y15."
    assert said[7] == "Fin de l'appel modal du cycle (MCALL)."
    assert said[8].startswith("Interpolation circulaire sens horaire (G02) dans le plan XY vers X8 Y50, de rayon 8")


def test_heidenhain_lines_are_listed_without_explanation():
    result = explain("0 BEGIN PGM P MM\n1 L X+10 R0 FMAX\n", suffix=".h")
    assert [line.explanation for line in result.lines] == ["", ""]
    assert result.lines[0].findings[0].code == "UNSUPPORTED_DIALECT"


def test_findings_attached_to_their_line():
    result = explain("G21 G17 G40 G80 G90\nG01 X10 F100.\nM30\n")
    (line,) = [line for line in result.lines if line.line == 2]
    assert {f.code for f in line.findings} >= {"NO_DECIMAL_POINT", "SPINDLE_STOPPED"}


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="GMXYZIJKRFSTNOPQUW0123456789.-# ()%;/[]=\n", max_size=300))
def test_explain_never_raises(text):
    result = explain(text)
    assert len(result.lines) == len(text.splitlines())  # every line listed, explained or not
