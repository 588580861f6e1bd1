"""Calculated exercises: answers equal to the calculators', realistic values, rebuilt from their ids."""

from __future__ import annotations

import random
import re

import pytest

from tutor.learning.quiz.bank import QuizError, check_sources, grade
from tutor.learning.quiz.numeric import FIT_OPTIONS, TEMPLATES, numeric_question, numeric_questions
from tutor.settings import PROJECT_ROOT
from tutor.shop import calc, fits

ROOT = PROJECT_ROOT
NUMBER = r"(\d[\d\s]*(?:,\d+)?)"


def number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, (pattern, text)
    return calc.parse_number(match[1])


def many(template: str, count: int = 40) -> list:
    return [numeric_question(f"{TEMPLATES[template].capacity}-calc-{template}-{seed}") for seed in range(count)]


def test_spindle_speed_matches_the_calculator_and_stays_within_machine_limits():
    for q in many("vitesse-rotation"):
        vc, d = number(r"Vc = " + NUMBER + " m/min", q.stem), number(r"(?:Ø|diamètre de )" + NUMBER + " mm", q.stem)
        assert q.value == calc.spindle_speed(vc, d).value
        assert 10 <= vc <= 400 and 4 <= d <= 120 and 20 < q.value <= 15000
        assert q.unit == "tr/min" and 1 <= q.tolerance <= 0.006 * q.value + 1
        assert q.capacity == "C1" and q.origin == "calcul" and "N = 1000 × Vc / (π × D)" in q.explanation


def test_feed_rates_match_the_calculators():
    for q in many("avance-tournage"):
        f, n = number(r"f = " + NUMBER, q.stem), number(r"N = " + NUMBER, q.stem)
        assert q.value == calc.feed_rate(f, n).value and 0.1 <= f <= 0.3 and 400 <= n <= 3000
    for q in many("avance-fraisage"):
        fz, z = number(r"fz = " + NUMBER, q.stem), int(number(r"à " + NUMBER + " dents", q.stem))
        n = number(r"N = " + NUMBER, q.stem)
        assert q.value == calc.milling_feed_rate(fz, z, n).value and q.value <= 5000


def test_removal_rate_matches_either_formula():
    for q in many("debit-copeaux"):
        ap = number(r"ap = " + NUMBER, q.stem)
        if "chariotage" in q.stem:
            expected = calc.removal_rate_turning(
                number(r"Vc = " + NUMBER, q.stem), ap, number(r"f = " + NUMBER, q.stem)
            )
        else:
            expected = calc.removal_rate_milling(
                ap, number(r"ae = " + NUMBER, q.stem), number(r"Vf = " + NUMBER, q.stem)
            )
        assert q.value == expected.value and q.unit == "cm³/min" and q.difficulty == 2


def test_fit_exercises_match_iso_286():
    for q in many("ecart-iso286"):
        designation = re.search(r"Ø(\d+) (\w+\d+)", q.stem)
        tolerance = fits.tolerance(designation[1] + designation[2])
        expected = tolerance.upper if re.search(r"\b(ES|es)\b", q.stem.split(":")[1]) else tolerance.lower
        assert q.value == expected and q.unit == "µm" and q.capacity == "C2"
    for q in many("type-ajustement"):
        fit = fits.fit(re.search(r"Ø(\d+ \w+/\w+)", q.stem)[1].replace(" ", ""))
        assert q.kind == "single" and q.options == FIT_OPTIONS
        assert q.options[q.correct[0]] == fit.label and grade(q, fit.label).correct


def test_cpk_and_roughness_match_the_calculators():
    for q in many("cpk"):
        nominal, half = number(r"Ø" + NUMBER, q.stem), number(r"± " + NUMBER, q.stem)
        mean, std = number(r"μ = " + NUMBER, q.stem), number(r"σ = " + NUMBER, q.stem)
        assert q.value == calc.capability_from_stats(mean, std, nominal - half, nominal + half).cpk
        assert 0.2 < q.value < 4 and q.tolerance == 0.01 and q.difficulty == 3
    for q in many("rugosite-ra"):
        f, radius = number(r"f = " + NUMBER, q.stem), number(r"rε = " + NUMBER, q.stem)
        assert q.value == calc.roughness(f, radius)[1].value and 0.1 < q.value < 10 and q.capacity == "C5"


def test_program_exercises_match_the_calculators():
    for q in many("diametre-limite-g96"):
        vc, ceiling = number(r"Vc = " + NUMBER, q.stem), number(r"G50 S(\d+)", q.stem)
        assert q.value == calc.limit_diameter(vc, ceiling).value and q.capacity == "C4"
    for q in many("temps-usinage"):
        length, vf = number(r"passe de " + NUMBER, q.stem), number(r"Vf = " + NUMBER, q.stem)
        assert q.value == calc.machining_time(length, vf).value
    for q in many("avant-trou"):
        nominal, pitch = number(r"M(\d+)", q.stem), number(r"× " + NUMBER, q.stem)
        assert q.value == calc.tap_drill(nominal, pitch).value


def test_a_rounded_answer_is_accepted_and_a_wrong_one_is_not():
    for template in TEMPLATES:
        for q in many(template, 10):
            if q.kind != "numeric":
                continue
            decimals = len(str(q.tolerance).split(".")[1].rstrip("0")) if q.tolerance % 1 else 0
            shown = calc.fr_number(q.value, decimals)
            assert grade(q, f"{shown} {q.unit}".strip()).correct, (q.id, shown)
            assert not grade(q, q.value + 3 * q.tolerance + 1).correct


def test_numeric_questions_cover_the_capacities_asked_and_rebuild_from_their_ids():
    questions = numeric_questions(["C1", "C2", "C3", "C4", "C5"], 30, random.Random(7))
    assert len(questions) == 30 and len({q.id for q in questions}) == 30
    assert {q.capacity for q in questions} == {"C1", "C2", "C4", "C5"}
    assert {q.id.split("-calc-")[1].rsplit("-", 1)[0] for q in questions} == set(TEMPLATES)
    assert all(numeric_question(q.id) == q for q in questions)
    assert numeric_questions(["C6", "C7"], 5, random.Random(0)) == []
    assert numeric_questions(["C1"], 5, random.Random(3)) == numeric_questions(["C1"], 5, random.Random(3))


def test_cited_sources_exist_and_contain_the_formula():
    questions = [q for template in TEMPLATES for q in many(template, 2)]
    assert check_sources(questions, ROOT) == []


@pytest.mark.parametrize("question_id", ["C1-calc-nope-1", "C2-calc-vitesse-rotation-1", "C1-001"])
def test_unknown_exercise_ids_are_refused(question_id):
    with pytest.raises(QuizError, match="exercice calculé inconnu"):
        numeric_question(question_id)
