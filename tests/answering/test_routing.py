"""The question router: rules, the mixed-question split, and the classifier on a fake embedder (fast). Its real
accuracy, on the blind sets' own labels, is in test_routing_real."""

from __future__ import annotations

import pytest

from tutor.answering.routing import Router, knowledge_part, load_examples, pasted_program, rule_kind
from tutor.knowledge.embeddings import FakeEmbedder

EXAMPLES = {
    "depannage": ["ça broute en finition", "la plaquette casse au tour", "le taraud casse dans l'inox"],
    "procedure": ["comment régler la hauteur d'outil", "comment prendre l'origine en Z", "comment aligner l'étau"],
    "calcul": ["combien de tours pour Vc 200 et D 50", "quelle avance en mm/min pour fz 0,1", "temps de coupe"],
    "connaissance": ["c'est quoi un contrat de phase", "que veut dire IT7", "à quoi sert un comparateur"],
    "gcode": ["à quoi sert G43", "G71 P et Q sur Fanuc", "comment écrire un sous-programme M98"],
    "comparaison": ["avalant ou opposition", "HSK ou SK", "carbure ou ARS"],
    "certification": ["le jury du CQPM", "dossier VAE", "les blocs de compétences"],
}


def write_examples(folder, examples=EXAMPLES):
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"{kind}:\n" + "".join(f'  - "{q}"\n' for q in questions) for kind, questions in examples.items()]
    (folder / "questions.yaml").write_text("".join(lines), encoding="utf-8")
    return folder


def test_a_pasted_program_is_found_and_routed_to_the_checker(tmp_path):
    question = "Qu'est-ce qui cloche ?\nG00 X10. Y10.\nG01 Z-5. F100\nG02 X20. Y10. R5.\nM30"
    assert pasted_program(question).splitlines()[0] == "G00 X10. Y10."
    route = Router(FakeEmbedder().embed_query, "fake", tmp_path / "absent", tmp_path)(question)
    assert route.kind == "gcode" and route.by == "programme" and route.is_program
    assert pasted_program("c'est quoi G41 et G42 ?") == ""
    assert pasted_program("1 BLK FORM 0.1 Z X+0 Y+0 Z-20\n2 TOOL CALL 1 Z S3000\n3 L X+10 R0 FMAX")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Combien de temps dure l'entretien de VAE pour le CQPM ?", "certification"),
        ("c'est quoi la différence entre Cp et Cpk ?", "comparaison"),
        ("What's the difference between G94 and G95?", "comparaison"),
        ("Pourquoi mon alésage sort conique ?", None),
        ("Comparer le fraisage en avalant et en opposition", "comparaison"),
        ("mon comparateur donne pas pareil selon comment je le penche", None),  # an instrument, not a comparison
    ],
)
def test_rules_catch_only_the_unmistakable(question, kind):
    assert rule_kind(question) == kind


def test_the_knowledge_part_of_a_mixed_question():
    assert knowledge_part("Quel ajustement pour un roulement, et quels écarts pour Ø30 k6 ?") == (
        "Quel ajustement pour un roulement"
    )
    assert knowledge_part("Combien de tours pour une fraise de 50 à 200 m/min ?") == ""
    assert knowledge_part("N pour Vc 200 et D 50 ; pourquoi on baisse Vc en inox ?") == "pourquoi on baisse Vc en inox"


def test_the_classifier_learns_the_types_and_is_cached(tmp_path):
    folder = write_examples(tmp_path / "routage")
    embedder = FakeEmbedder()
    router = Router(embedder.embed_query, "fake", folder, tmp_path / "cache")
    route = router("la plaquette casse en finition au tour")
    assert route.by == "classifieur" and route.kind == "depannage" and 0 < route.confidence <= 1
    assert router("comment régler l'origine en Z").kind == "procedure"
    assert (tmp_path / "cache" / "router.pickle").exists()
    again = Router(embedder.embed_query, "fake", folder, tmp_path / "cache")
    assert again.model().classifier.classes == router.model().classifier.classes
    assert 0 < router.model().held_out_accuracy <= 1


def test_without_examples_the_router_falls_back(tmp_path):
    router = Router(FakeEmbedder().embed_query, "fake", tmp_path / "absent", tmp_path)
    assert router("ça broute").kind == "connaissance" and router("ça broute").by == "défaut"


def test_malformed_examples_are_refused_in_french(tmp_path):
    (tmp_path / "questions.yaml").write_text("cuisine:\n  - gigot\n", encoding="utf-8")
    with pytest.raises(ValueError, match="types parmi"):
        load_examples(tmp_path)


def test_the_built_in_examples_cover_every_type():
    from tutor.answering.routing import QUESTION_TYPES
    from tutor.settings import PROJECT_ROOT

    examples = load_examples(PROJECT_ROOT / "corpus" / "routage")
    assert set(examples) == set(QUESTION_TYPES) and all(len(v) >= 40 for v in examples.values())


def test_a_calculation_the_calculators_cannot_compute_goes_to_the_next_type(tmp_path):
    folder = write_examples(tmp_path / "routage")
    embedder = FakeEmbedder()
    question = "Combien de tours pour une fraise de 50 à 200 m/min ?"
    plain = Router(embedder.embed_query, "fake", folder, tmp_path / "cache")(question)
    assert plain.kind == "calcul"
    computes = Router(embedder.embed_query, "fake", folder, tmp_path / "cache", computes=lambda q: True)
    assert computes(question).kind == "calcul"
    cannot = Router(embedder.embed_query, "fake", folder, tmp_path / "cache", computes=lambda q: False)
    assert cannot(question).kind not in ("calcul", "") and cannot(question).by == "classifieur"
