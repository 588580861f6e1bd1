"""The quoted sentence: candidates, choice by meaning and shared words, echoes."""

from tutor.answering import evidence
from tutor.answering.evidence import Evidence, best_sentences, candidates, echoes


def test_candidates_split_sentences_lines_and_focus_gaps_and_drop_markup_and_crumbs():
    found = candidates(
        ["Le **G80** annule le cycle. Court. … Le G81 perce en un coup.\n| --- | --- |", "Un\nDeux lignes, ici."]
    )
    assert found == [(1, "Le G80 annule le cycle."), (1, "Le G81 perce en un coup."), (2, "Deux lignes, ici.")]


def first(question, excerpts, similarity=None, **options):
    return best_sentences(question, excerpts, similarity, count=1, **options)[0]


def test_best_sentences_prefer_shared_words_then_the_better_ranked_passage():
    excerpts = [
        "Le contrat de phase vient du bureau des méthodes.",
        "La correction de rayon G41 se lance sur une droite.",
    ]
    assert best_sentences("Où lancer la correction de rayon G41 ?", excerpts) == (
        Evidence(2, "La correction de rayon G41 se lance sur une droite."),
        Evidence(1, "Le contrat de phase vient du bureau des méthodes."),
    )
    same = ["La broche tourne à droite en M03.", "La broche tourne à droite avec M03."]
    assert first("sens de rotation de la broche ?", same).n == 1


def test_the_same_line_in_two_passages_is_quoted_once_and_questions_are_never_quoted():
    excerpts = ["Le G80 annule le cycle fixe.", "Le G80 annule le cycle fixe. Quel code annule un cycle ?"]
    assert best_sentences("Quel code annule un cycle fixe ?", excerpts, count=3) == (
        Evidence(1, "Le G80 annule le cycle fixe."),
    )
    assert best_sentences("Quel code ?", excerpts, count=0) == ()


def test_similarity_breaks_what_shared_words_cannot():
    excerpts = ["Le comparateur se fixe sur la broche.", "Le palpeur touche le mors fixe de l'étau."]

    def similarity(question, sentences):
        return [0.1 if "comparateur" in s else 0.9 for s in sentences]

    assert first("comment dégauchir ?", excerpts, similarity).n == 2
    assert first("comment dégauchir ?", excerpts, novelty=0.0).n == 1  # no shared word: the first passage wins


def test_long_sentence_is_cut_on_a_word_and_nothing_found_gives_nothing():
    long = "Le mot " + "très " * 100 + "long."
    chosen = first("mot", [long], limit=60)
    assert len(chosen.text) <= 62 and chosen.text.endswith(" …")
    assert best_sentences("mot", ["", "…"]) == ()


def test_echoes_restating_the_question_but_not_an_answer():
    question = "le foret a pété au milieu du G83, je relance à partir de quelle ligne ?"
    assert echoes("Le foret a pété au milieu du G83, je relance à partir de la ligne.", question)
    assert not echoes("On relance au bloc du trou suivant, après avoir changé le foret.", question)
    assert not echoes("G83.", question)  # too short to judge


def test_troubleshooting_labels_are_never_quoted():
    passage = (
        "Symptôme : Usure en cratère sur la face de coupe\n"
        "On dit aussi : ça crame, la plaquette est creusée, crater wear\n"
        "Opérations : tournage\n"
        "Causes probables (la plus fréquente d'abord) :\n"
        "1. Vc trop haute : température de coupe élevée\n"
        "À essayer, dans l'ordre :\n"
        "1. Baisser Vc de 15 à 20 %"
    )
    quoted = [sentence for _, sentence in candidates([passage])]
    assert quoted == [
        "Symptôme : Usure en cratère sur la face de coupe",
        "Vc trop haute : température de coupe élevée",
        "Baisser Vc de 15 à 20 %",
    ]


def test_a_flattened_troubleshooting_passage_still_splits_into_its_items():
    from tutor.knowledge.troubleshooting import Symptom

    symptom = Symptom(
        "s",
        "Usure en cratère",
        ("ça crame", "crater wear"),
        ("tournage",),
        ("Vc trop haute",),
        ("Baisser Vc de 15 à 20 %", "Nuance revêtue CVD"),
        ("x",),
    )
    flattened = " ".join(symptom.passage().split())
    assert [sentence for _, sentence in candidates([flattened])] == [
        "Symptôme : Usure en cratère.",
        "Baisser Vc de 15 à 20 %.",
        "Nuance revêtue CVD.",
    ]


def test_a_list_of_sheet_files_is_never_quoted():
    from tutor.answering.evidence import candidates

    found = candidates(
        ["Fiches utiles : fiches/contrat-de-phase.md, fiches/gamme-usinage.md. La gamme ordonne les phases."]
    )
    assert [s for _, s in found] == ["La gamme ordonne les phases."]


def test_of_two_sentences_as_close_to_the_question_the_one_saying_more_is_quoted_first():
    excerpts = ["Le G80 est un code. Le G80 annule le cycle fixe de perçage en cours."]
    assert first("Que fait G80 ?", excerpts).text == "Le G80 annule le cycle fixe de perçage en cours."
    assert first("Que fait G80 ?", excerpts, novelty=0.0).text == "Le G80 est un code."


def test_a_mistake_is_quoted_after_an_equal_answer_unless_the_question_asks_about_mistakes(monkeypatch):
    passages = ["- À éviter : tenir le palmer à pleine main.\nTenir le palmer par son isolant thermique chaud."]
    first = best_sentences("Comment tenir le palmer ?", passages, count=1)
    assert first[0].text.startswith("Tenir le palmer")
    asked = best_sentences("Quelle erreur éviter pour tenir le palmer ?", passages, count=1)
    assert asked[0].text.startswith("À éviter")
    monkeypatch.setattr(evidence, "MISTAKE_PENALTY", 0.0)  # the two sentences score alike: the penalty decides
    assert best_sentences("Comment tenir le palmer ?", passages, count=1)[0].text.startswith("À éviter")
