"""The map of the trade's knowledge: every topic covered by a file that exists."""

from collections import Counter

from tutor.documents import CAPACITIES
from tutor.knowledge.syllabus import load_syllabus, problems
from tutor.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
DOMAINS = {
    "procedes",
    "outils-conditions",
    "mise-en-position-reglage",
    "programmation",
    "fao",
    "metrologie-controle",
    "qualite-msp",
    "maintenance",
    "securite-environnement",
    "organisation-production",
    "communication",
    "certification-vae",
}


def test_map_is_broad_and_built_from_public_programmes():
    syllabus = load_syllabus(CORPUS)
    assert len(syllabus.topics) >= 250
    assert set(syllabus.domains) >= DOMAINS
    per_capacity = Counter(c for t in syllabus.topics for c in t.capacities)
    assert all(per_capacity[c] >= 15 for c in CAPACITIES), per_capacity
    assert len(syllabus.sources) >= 3


def test_every_topic_is_covered_by_files_that_exist():
    found = problems(load_syllabus(CORPUS), CORPUS)
    assert not found, "\n".join(found)


def test_problems_are_reported(tmp_path):
    (tmp_path / "referentiel").mkdir()
    (tmp_path / "referentiel" / "programme.yaml").write_text(
        "domains: [{id: d, title: D}]\nsources: [{id: s, ref: S}]\ntopics:\n"
        "  - {id: a, title: A, domain: d, capacities: [C1], from: [s], covered_by: []}\n"
        "  - {id: b, title: B, domain: x, capacities: [C9], from: [s], covered_by: [fiches/absente.md]}\n",
        encoding="utf-8",
    )
    found = problems(load_syllabus(tmp_path), tmp_path)
    assert "sujet « a » : aucune fiche ne le traite" in found
    assert "sujet « b » : « fiches/absente.md » n'existe pas" in found
    assert any("domaine inconnu" in line for line in found) and any("capacités invalides" in line for line in found)
