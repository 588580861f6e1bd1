"""Numeric questions: the calculators answer what they cover, and nothing that is missing a number or ambiguous."""

import pytest

from tutor.shop.numeric import FOOTER, NumericAnswer, answer_numeric, normalise

# (question, calculator, text the answer must contain: the value as the sheets print it)
COMPUTED = [
    ("quelle vitesse de rotation pour une fraise de Ø50 à Vc 250 m/min", "vitesse de rotation", "1 592 tr/min"),
    ("N pour Vc=200 et D=50", "vitesse de rotation", "1 273 tr/min"),
    ("rpm for 80 m/min on a 12 mm drill", "vitesse de rotation", "2 122 tr/min"),
    ("Fréquence de rotation d'un foret de 8 mm à Vc = 25 m/min ?", "vitesse de rotation", "995 tr/min"),
    (
        "Quelle vitesse de rotation pour tourner un diamètre de 80 mm à Vc 180 m/min ?",
        "vitesse de rotation",
        "716 tr/min",
    ),
    ("spindle speed for Vc 120 m/min, diameter 10 mm", "vitesse de rotation", "3 820 tr/min"),
    ("quelle vitesse de coupe pour Ø50 à 1000 tr/min ?", "vitesse de coupe", "157,1 m/min"),
    ("vitesse d'avance pour f = 0,2 mm/tr à 1500 tr/min ?", "vitesse d'avance", "300 mm/min"),
    ("Vf avec fz 0,1, Z 4 et N 3000 ?", "vitesse d'avance", "1 200 mm/min"),
    ("feed rate for 0.05 mm/tooth, 4 flutes at 8000 rpm", "vitesse d'avance", "1 600 mm/min"),
    ("Quelle Vf pour une fraise 3 dents, fz = 0,08 mm/dent, N = 2500 tr/min ?", "vitesse d'avance", "600 mm/min"),
    ("Vf pour Vc 200, D=20, fz 0,05, Z 3", "vitesse d'avance", "477 mm/min"),
    ("quelle rugosité avec f = 0,2 mm/tr et rε = 0,8 mm ?", "rugosité théorique", "6,25 µm"),
    ("Ra théorique pour une avance de 0,15 et un rayon de bec de 0,4", "rugosité théorique", "1,76 µm"),
    ("surface roughness for a feed of 0.1 mm/rev with a 0.4 mm nose radius", "rugosité théorique", "3,13 µm"),
    (
        "quelle avance pour obtenir Ra 1,6 avec un rayon de bec de 0,8 ?",
        "avance pour une rugosité visée",
        "0,202 mm/tr",
    ),
    ("avance maxi pour Rt 6,3 µm avec r = 0,8", "avance pour une rugosité visée", "0,201 mm/tr"),
    ("Quel débit de copeaux avec Vc 200 m/min, ap 2 mm et f 0,25 mm/tr ?", "débit de copeaux", "100,0 cm³/min"),
    ("Surfaçage avec ap 3 mm, ae 40 mm, Vf 800 mm/min : débit de copeaux ?", "débit de copeaux", "96,0 cm³/min"),
    ("removal rate for ap 2 mm, ae 10 mm, 4 flutes, fz 0.1 mm, 3000 rpm?", "débit de copeaux", "24,0 cm³/min"),
    ("Puissance en fraisage : ap 3, ae 40, Vf 800 mm/min, kc 2000 N/mm² ?", "puissance de coupe", "3,20 kW"),
    ("ajustement 25 H7/g6", "ajustement ISO 286", "Jeu maxi = ES − ei = 21 − (−20) = 41 µm"),
    ("Ø25H7/g6 : quel jeu mini ?", "ajustement ISO 286", "Jeu mini = EI − es = 0 − (−7) = 7 µm"),
    ("H7/g6 pour un diamètre de 25 : jeu mini ?", "ajustement ISO 286", "ajustement avec jeu"),
    ("ajustement 40 H7/p6 : serré ?", "ajustement ISO 286", "ajustement serré"),
    ("tolérance de 40 f7", "tolérance ISO 286", "39,950 à 39,975 mm"),
    ("écarts de l'alésage Ø30 H7", "tolérance ISO 286", "30,000 à 30,021 mm"),
    ("cotes limites de l'arbre Ø12,5 h6", "tolérance ISO 286", "12,489 à 12,500 mm"),
    ("convertir 2 pouces en mm", "conversion d'unités", "50,800 mm"),
    ("combien de mm dans un pouce ?", "conversion d'unités", "25,400 mm"),
    ("how many mm in 3/8 inch?", "conversion d'unités", "9,525 mm"),
    ("25,4 mm en pouces", "conversion d'unités", "1,0000 in"),
    ("300 SFM en m/min", "conversion d'unités", "91,4 m/min"),
    ("convert 250 m/min to sfm", "conversion d'unités", "820 SFM"),
    ("je taraude du M8 et du M10, je perce a combien ?", "perçage avant taraudage", "Foret courant : Ø8,5 mm"),
    ("avant-trou pour tarauder M10 x 1 ?", "perçage avant taraudage", "D ≈ 10 − 1 = 9 mm"),
    ("What tap drill for M6?", "perçage avant taraudage", "Foret courant : Ø5,0 mm"),
    (
        "ap = 2 mm, f = 0,2 mm/tr, Kc = 2000 N/mm², Vc = 180 m/min : quel effort et quelle puissance de coupe ?",
        "effort et puissance de coupe",
        "Pc = 72 × 2 000 / 60 000 ≈ 2,40 kW",
    ),
    ("effort de coupe pour ap 3, f 0,25, kc 1800 et Vc 150 ?", "effort et puissance de coupe", "≈ 1 350 N"),
]


@pytest.mark.parametrize(("question", "calculator", "value"), COMPUTED)
def test_questions_a_calculator_covers_get_the_computed_value(question: str, calculator: str, value: str):
    answer = answer_numeric(question)
    assert isinstance(answer, NumericAnswer), question
    assert answer.calculator == calculator
    assert value in answer.text
    assert "Formule" in answer.text or "Jeu" in answer.text or "µm" in answer.text


NOT_COMPUTED = [
    "comment calculer la vitesse de rotation ?",
    "qu'est-ce qu'un ajustement H7/g6 ?",
    "quelle vitesse de rotation pour une fraise Ø50 ?",  # no Vc
    "quelle vitesse de rotation pour Vc 200 m/min ?",  # no diameter
    "pourquoi réduire la vitesse de rotation quand on passe de Ø50 à Ø100 à Vc 200 ?",  # two diameters
    "quelle plaquette pour usiner un Ø50 à Vc 250 m/min ?",  # asks for no number
    "percer 4 trous M8 : quel foret ?",  # clearance holes, not tapping
    "taraud à refouler M8, je perce à combien ?",  # a forming tap: the sheet answers
    "G84 en taraudage rigide avec M3 et M29 : je perce à combien ?",  # M3 is the spindle here
    "quelle puissance pour Vc 200, ap 3 et f 0,25 ?",  # no kc
    "taraudage M8 : quelle tolérance pour 6 H7 ?",  # a thread, not a fit
    "que signifie G01 X25 F0.2 dans un programme ?",
    "quelle avance pour un Ra 1,6 ?",  # no nose radius
    "quelle rugosité avec une avance de 0,2 mm/tr ?",  # no nose radius
    "vitesse d'avance pour fz 0,1 et Z 4 ?",  # no N, no Vc and D
    "vitesse d'avance avec f = 0,2, fz 0,1, Z 4 et N 1000",  # turning or milling?
    "H7/g6 ou H7/f7 pour un diamètre de 25 ?",  # two fits
    "ajustement 25h7/g6",  # which one is the hole?
    "combien de pouces ?",
    "convertir 1/2 en mm",  # no unit to convert from
    "la vitesse de rotation baisse quand le diamètre augmente",
    "quel jeu pour un ajustement glissant ?",
    "",
]


@pytest.mark.parametrize("question", NOT_COMPUTED)
def test_missing_or_ambiguous_numbers_leave_the_question_to_retrieval(question: str):
    assert answer_numeric(question) is None


def test_answer_states_formula_substitution_and_that_it_was_computed():
    answer = answer_numeric("N pour Vc=200 et D=50")
    assert answer is not None
    assert answer.text.startswith("**Vitesse de rotation : 1 273 tr/min**")
    assert "N = 1000 × Vc / (π × D)" in answer.text
    assert "N = 1000 × 200 / (π × 50)" in answer.text
    assert answer.text.endswith(FOOTER)
    assert "pas générée" in answer.text.splitlines()[-1]


def test_both_asked_values_are_given_when_chained():
    answer = answer_numeric("vitesse de rotation et vitesse d'avance pour Vc 200, D=20, fz 0,05, Z 3")
    assert answer is not None
    assert answer.calculator == "vitesse de rotation ; vitesse d'avance"
    assert answer.text.count("**Vitesse de rotation") == 1
    assert "3 183 tr/min" in answer.text and "477 mm/min" in answer.text


def test_invalid_numbers_are_left_to_retrieval():
    assert answer_numeric("N pour Vc=200 et D=0") is None
    assert answer_numeric("ajustement 600 H7/g6") is None  # beyond ISO 286's 500 mm


def test_normalise_reads_the_shop_spellings():
    assert normalise("Ø12,5 et ⌀8 à 0,2 mm/tr’s") == "ø12.5 et ø8 à 0.2 mm/tr's"
    assert normalise("D=50.") == "D=50"


def test_the_program_words_s_and_f_of_a_milling_question_are_computed():
    answer = answer_numeric("fraise carbure Ø16 4 dents, Vc 120 et fz 0,05 : je mets quoi en S et en F ?")
    assert answer is not None and "2 387 tr/min" in answer.text and "477 mm/min" in answer.text
    assert answer_numeric("au tour Ø50, Vc 200 et f 0,2 : je mets quoi en S ?") is None  # G96 or G97: not one value
    assert answer_numeric("en s'arrêtant, fraise Ø16 4 dents, Vc 120, fz 0,05") is None
