"""Retrieval with the real French model on a small corpus: paraphrases, codes, filters."""

from pathlib import Path

import pytest
from conftest import write

SHEETS = {
    "vitesse.md": (
        "Vitesse de rotation",
        "C1",
        "La vitesse de rotation N en tr/min vaut 1000 fois Vc divisée par pi fois le diamètre D de l'outil ou de la pièce.",
    ),
    "etau.md": (
        "Dégauchissage de l'étau",
        "C3",
        "Pour aligner l'étau sur la table, on promène un comparateur le long du mors fixe et on tape l'étau au maillet jusqu'à lire moins d'un centième.",
    ),
    "refracto.md": (
        "Concentration du fluide",
        "C7",
        "La concentration de l'émulsion se lit au réfractomètre : quelques gouttes sur le prisme, lecture de l'échelle Brix, multipliée par le facteur du fabricant.",
    ),
    "g83.md": (
        "Cycle G83",
        "C4",
        "Le cycle G83 perce par débourrages successifs : l'outil remonte au plan R après chaque profondeur de passe Q pour évacuer les copeaux.",
    ),
    "cpk.md": (
        "Capabilité",
        "C5",
        "Le Cpk compare l'écart entre la moyenne et la tolérance la plus proche à trois écarts-types : il mesure le centrage du procédé.",
    ),
}


@pytest.fixture(scope="module")
def tutor(tmp_path_factory, real_embedder):
    from tutor.facade import Tutor
    from tutor.settings import load_settings

    root = tmp_path_factory.mktemp("corpus")
    for name, (title, capacity, body) in SHEETS.items():
        write(root / name, f"---\ntitle: {title}\ncapacities: [{capacity}]\n---\n# {title}\n\n## L'essentiel\n{body}\n")
    home = tmp_path_factory.mktemp("home")
    tutor = Tutor.from_settings(load_settings(home=home, corpus_dir=root), embedder=real_embedder)
    tutor.ingest()
    return tutor


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("combien de tours par minute pour une fraise de 50 ?", "vitesse.md"),
        ("comment je règle mon étau droit sur la machine", "etau.md"),
        ("doser l'huile soluble, on mesure comment ?", "refracto.md"),
        ("G83", "g83.md"),
        ("is my process centred? capability index", "cpk.md"),
    ],
)
def test_paraphrased_questions_find_the_right_passage(tutor, question, expected):
    hits = tutor.search(question, 3)
    assert expected in [Path(h.chunk.doc_id).name for h in hits[:2]], [h.chunk.doc_id for h in hits]


@pytest.mark.model
def test_capacity_filter_with_real_model(tutor):
    hits = tutor.search("mesurer", 5, capacity="C7")
    assert hits and all("C7" in h.chunk.capacities for h in hits)
