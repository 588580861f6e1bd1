"""Tidying the model's text, and the rules a clean answer is checked by."""

import pytest

from tutor.answering.tidy import problems, tidy


def test_markers_move_to_the_end_of_the_sentence():
    assert tidy("[2] La broche tourne à 1200 tr/min.") == "La broche tourne à 1200 tr/min [2]."
    assert tidy("1. [1] Mesurer la cale.") == "1. Mesurer la cale [1]."
    assert tidy("Séparer les énergies [1]. [3] Dissiper la pression.") == (
        "Séparer les énergies [1]. Dissiper la pression [3]."
    )


def test_pasted_headings_fragments_and_sources_tail_are_dropped():
    text = "## Usages courants\nUsages courants\nH7/k6 pour un roulement [1].\n- H7\n\n**Sources :** [1], [2]\nrien"
    assert tidy(text, ["Ajustements usuels", "Usages courants"]) == "H7/k6 pour un roulement [1]."


def test_repeated_sentences_and_loops_are_cut():
    looping = "Il est établi par les méthodes [1]. Si la pièce est [1] bloc 1 du CQPM, elle est [2] bloc 1 du CQPM, "
    looping += "elle est [3] bloc 1 du CQPM, elle est [4] bloc 1 du CQPM."
    assert tidy(looping) == "Il est établi par les méthodes [1]."
    steps = "1. Prendre la cale [1].\n2. Toucher la cale [2].\n3. Prendre la cale [1].\n4. Prendre la cale [1]."
    assert tidy(steps) == "1. Prendre la cale [1].\n2. Toucher la cale [2]."


def test_a_label_with_only_markers_is_dropped():
    assert tidy("Causes probables : [1] [2] [3]\nLa barre est trop sortie [1].") == "La barre est trop sortie [1]."


def test_at_most_six_sentences():
    words = ("broche", "tourelle", "étau", "fraise", "foret", "taraud", "alésoir", "comparateur", "palmer")
    text = " ".join(f"Le {word} se contrôle avant la série." for word in words)
    assert tidy(text).count(".") == 6


def test_problems_lists_what_is_unclean():
    assert problems("La broche tourne [1].") == []
    assert problems("La broche tourne [1]. [2] Elle chauffe.") == ["marqueur [n] en début de phrase"]
    found = problems("[1] La broche.\n## Titre\n- H7\nUn **gras\nSources : [1]", ["Titre"])
    assert {"marqueur [n] en début de phrase", "titre Markdown", "fragment de liste", "gras non fermé"} <= set(found)
    assert "liste de sources recopiée" in found
    assert problems("> - « citation » [1]\nRéponse [1].") == []  # quoted evidence is not the answer's prose


@pytest.mark.parametrize(
    ("written", "tidied"),
    [
        ("La source [1] explique que la commande refuse G41 sur un arc.", "La commande refuse G41 sur un arc [1]."),
        ("Les sources [1] et [2] indiquent que le palmer se lit au centième.", "Le palmer se lit au centième [1] [2]."),
        (
            "La règle indique que les mors doux se tournent serrés sur une bague.",
            "Les mors doux se tournent serrés sur une bague.",
        ),
    ],
)
def test_the_fact_comes_first_not_the_source_that_says_it(written, tidied):
    assert problems(written)
    assert tidy(written) == tidied
    assert problems(tidied) == []


def test_a_sentence_cut_by_the_length_limit_and_pasted_source_gaps_are_dropped():
    cut = "Le plan liste les contrôles [1]. Ils se font sur un lot [2]. Ils"
    assert tidy(cut) == "Le plan liste les contrôles [1]. Ils se font sur un lot [2]."
    listed = "- Brider la pièce au plus court [1]\n- Raccourcir la sortie de l'outil"
    assert tidy(listed) == listed and problems(listed) == []  # list items often go without a full stop
    assert tidy("Une seule phrase sans point") == "Une seule phrase sans point"  # nothing else to stand on
    pasted = "… … accepte ou refuse un lot d'après un échantillon. Le plan dit la fréquence [2]."
    assert tidy(pasted) == "Le plan dit la fréquence [2]."
    assert problems(cut) == ["phrase inachevée"] and problems(pasted) == ["fragment de source recopié"]


def test_numbers_of_items_left_empty_are_dropped():
    text = "1. 2. 3. Utiliser la formule du diamètre sur flancs [1].\n4. 5. La méthode donne une valeur [3]."
    assert tidy(text) == "1. Utiliser la formule du diamètre sur flancs [1].\n4. La méthode donne une valeur [3]."
