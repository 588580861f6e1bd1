"""Word problems: computed when the question gives every figure once, left to retrieval otherwise."""

import pytest

from tutor.shop.numeric import answer_numeric

SOLVED = [
    ("Disponibilité 90 %, performance 80 %, qualité 95 % : quel TRS ?", "TRS", "68,40 %"),
    (
        "Calculez le TRS d'un tour : 8 h d'ouverture, 1 h d'arrêts, temps de cycle 2 min, 200 pièces produites "
        "dont 6 rebutées.",
        "TRS",
        "80,83 %",
    ),
    (
        "OEE check: 480 min shift, 72 min of stops, 2 min ideal cycle, 180 parts made, 9 scrapped. What is the OEE?",
        "TRS",
        "71,25 %",
    ),
    ("TRS avec 200 pièces dont 194 bonnes, poste de 8 h, 60 min d'arrêts, cycle 2 min ?", "TRS", "80,83 %"),
    (
        "Une plaquette dure 15 min à Vc 200 m/min ; avec un exposant de Taylor n = 0,25, combien de temps "
        "durera-t-elle à 160 m/min ?",
        "loi de Taylor",
        "36,6 min",
    ),
    ("Quelle Vc pour que l'outil tienne 30 min s'il dure 15 min à 200 m/min, n = 0,25 ?", "loi de Taylor", "168 m/min"),
    (
        "Machine à 60 €/h, temps de cycle 4 min 30 s, plaquette à 9 € avec 2 arêtes qui font chacune 40 pièces : "
        "combien coûte la pièce en machine plus outil ?",
        "coût par pièce",
        "4,61 €",
    ),
    (
        "Une bague en acier Ø100 est mesurée à 30 °C en sortie de machine : de combien diffère-t-elle de sa cote "
        "à 20 °C ?",
        "dilatation thermique",
        "11,5 µm",
    ),
    ("pièce alu de 300 mm mesurée à 28 °C, elle fait combien de plus qu'à 20 °C ?", "dilatation thermique", "55,4 µm"),
    (
        "Sur une série, moyenne 20,012 mm, écart-type 0,004 mm, tolérance 20 ± 0,02 : calculez le Cp et le Cpk.",
        "capabilité",
        "**Cpk : 0,67**",
    ),
    (
        "Cote 10 ± 0,05, moyenne mesurée 10,02, écart-type 0,01 : combien valent Cp et Cpk ?",
        "capabilité",
        "**Cp : 1,67**",
    ),
    ("Cmk avec Ti = 9,95, Ts = 10,05, moyenne 10, sigma 0,01 ?", "capabilité", "**Cmk : 1,67**"),
    (
        "Turning at Ø80, Vc 180 m/min, feed 0.25 mm/rev, 300 mm long pass: how long does the pass take?",
        "temps d'usinage",
        "1,68 min",
    ),
    ("chariotage sur 120 mm à 0,2 mm/tr et 1000 tr/min, combien de temps ?", "temps d'usinage", "36 s"),
]


@pytest.mark.parametrize("question, calculator, shown", SOLVED)
def test_word_problems_are_computed(question, calculator, shown):
    answer = answer_numeric(question)
    assert answer is not None and answer.calculator == calculator
    assert shown in answer.text


LEFT_TO_RETRIEVAL = [
    "le TRS de ma bécane est à 62 %, ça se calcule comment ce truc ?",  # asks the method, gives no shift
    "How is OEE calculated?",
    "Que dit la loi de Taylor sur la durée de vie des outils ?",
    "durée de vie à 160 m/min si elle dure 15 min à 200 m/min ?",  # no exponent: it is the user's to give
    "TRS : poste de 8 h, 1 h d'arrêts, 200 pièces",  # no cycle time
    "une pièce de 100 mm à 30 °C, de combien elle grandit ?",  # no material, no coefficient
    "TRS : poste de 8 h, 60 min d'arrêts, 30 min d'arrêts, cycle 2 min, 100 pièces",  # stops given twice
    "combien coûte une pièce à 60 €/h ?",  # no cycle time
    "Cp et Cpk pour une moyenne de 20,01 et une tolérance 20 ± 0,02 ?",  # no σ
    "chariotage sur 120 mm à 0,2 mm/tr, combien de temps ?",  # no speed
]


@pytest.mark.parametrize("question", LEFT_TO_RETRIEVAL)
def test_incomplete_or_ambiguous_problems_are_not_computed(question):
    assert answer_numeric(question) is None
