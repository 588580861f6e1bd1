"""The troubleshooting guide: schema, passage shape, and the built-in guide in corpus/depannage/."""

from pathlib import Path

import pytest

from tutor.knowledge.troubleshooting import MAX_PASSAGE_CHARS, OPERATIONS, GuideError, parse_guide
from tutor.settings import PROJECT_ROOT

GUIDES = sorted((PROJECT_ROOT / "corpus" / "depannage").glob("*.yaml"))

SAMPLE = """
title: "Dépannage en tournage"
capacities: [C7, C4]
sources:
  - id: cat
    ref: "Catalogue, guide de dépannage"
    url: "https://example.org/guide"
    covers: "porte-à-faux 4 × D"
symptoms:
  - id: vibrations-alesage
    symptom: "Vibrations en alésage"
    said: ["ça broute", "chatter"]
    operations: [alésage]
    causes: ["Porte-à-faux trop grand", "Rayon de bec trop grand"]
    remedies: ["Raccourcir la barre (4 × D maxi en acier)", "Rayon de bec 0,4 mm"]
    sources: [cat]
"""


def test_a_symptom_becomes_one_passage_in_the_answer_shape():
    guide = parse_guide(SAMPLE)
    (section,) = guide.sections()
    assert section.heading == "Vibrations en alésage"
    assert section.text == (
        "Symptôme : Vibrations en alésage.\n"
        "On dit aussi : ça broute, chatter.\n"
        "Opérations : alésage.\n"
        "Causes probables (la plus fréquente d'abord) :\n"
        "1. Porte-à-faux trop grand.\n"
        "2. Rayon de bec trop grand.\n"
        "À essayer, dans l'ordre :\n"
        "1. Raccourcir la barre (4 × D maxi en acier).\n"
        "2. Rayon de bec 0,4 mm."
    )


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("sources: [cat]", "sources: [autre]", "source non déclarée autre"),
        ("operations: [alésage]", "operations: [soudage]", "opération inconnue soudage"),
        ('said: ["ça broute", "chatter"]', 'said: ["ça broute"]', "« said » doit avoir de 2 à 12"),
        ("id: vibrations-alesage", "id: Vibrations Alésage", "minuscules et tirets"),
        ("capacities: [C7, C4]", "capacities: [C9]", "capacités inconnues"),
        ('causes: ["Porte-à-faux trop grand", "Rayon de bec trop grand"]', "causes: []", "« causes » doit avoir"),
        ("Rayon de bec 0,4 mm", "x" * MAX_PASSAGE_CHARS, "caractères (limite"),
        ("title:", "titre:", "« title » manque"),
        ("symptoms:", "symptoms: [\n", "YAML invalide"),
    ],
)
def test_schema_errors_name_the_symptom_and_the_rule(old, new, reason):
    with pytest.raises(GuideError, match=reason.replace("(", r"\(")):
        parse_guide(SAMPLE.replace(old, new))


def test_duplicate_ids_refused():
    twice = SAMPLE + SAMPLE[SAMPLE.index("  - id: vibrations-alesage") :]
    with pytest.raises(GuideError, match="en double"):
        parse_guide(twice)


def test_built_in_guide_holds_sixty_symptoms_with_unique_ids():
    symptoms = [s for path in GUIDES for s in parse_guide(path.read_text(encoding="utf-8")).symptoms]
    assert len(symptoms) >= 60
    assert len({s.id for s in symptoms}) == len(symptoms)
    covered = {op for s in symptoms for op in s.operations}
    assert set(OPERATIONS) - {"machine"} <= covered, set(OPERATIONS) - covered


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_built_in_guide_sources_are_real_references(path: Path):
    guide = parse_guide(path.read_text(encoding="utf-8"))
    for source in guide.sources:
        assert source.url.startswith("https://") or source.url.startswith("http://") or not source.url
        assert len(source.covers) > 10
    assert any(source.url for source in guide.sources)


def test_a_symptom_passage_reads_back():
    from tutor.knowledge.troubleshooting import read_passage

    symptom = parse_guide(SAMPLE).symptoms[0]
    advice = read_passage(symptom.passage())
    assert advice is not None and advice.symptom == symptom.symptom.rstrip(".")
    assert advice.causes == tuple(c.rstrip(".") for c in symptom.causes)
    assert advice.remedies == tuple(r.rstrip(".") for r in symptom.remedies)
    assert advice.operations == symptom.operations
    assert read_passage("Une fiche ordinaire.") is None


def test_a_question_about_getting_a_broken_tool_out_prefers_the_extraction_entry_of_that_tool():
    from tutor.knowledge.troubleshooting import after_the_fact

    entries = [
        "casse du taraud pendant le taraudage\nle taraud a pete",
        "foret casse dans le trou : le sortir ou rebuter la piece\nforet pete dans le trou",
        "taraud casse reste dans la piece : comment le sortir\ntaraud pete dans le trou",
    ]
    assert after_the_fact("le taraud a pete dans le trou, comment je le sors ?", entries) == 2
    assert after_the_fact("pourquoi mes tarauds cassent ?", entries) is None


def test_the_operation_named_in_the_question_beats_a_closer_entry_of_another_operation():
    from tutor.knowledge.troubleshooting import named_operations, same_operation

    entries = [
        ("vibrations en filetage : flancs marques", ("filetage",)),
        ("vibrations en finition sur piece elancee", ("tournage",)),
        ("vibrations en alesage au tour : barre qui chante", ("alésage",)),
    ]
    assert same_operation("ca broute en finition d'alesage", entries) == 2
    assert same_operation("ca vibre en filetage", entries) is None  # the closest is already right
    assert same_operation("ca vibre", entries) is None
    drift = [
        ("la cote derive lentement au fil de la journee", ("tournage",)),
        ("la barre d'alesage frotte", ("alésage",)),
    ]
    assert same_operation("la cote de mon alesage part doucement", drift) is None  # another symptom
    assert named_operations("avance de 0,2 mm par tour") == set()
