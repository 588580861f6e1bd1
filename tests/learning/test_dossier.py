"""The dossier helper: deterministic point matching, the model's additions, Markdown export, verdict filter."""

from __future__ import annotations

import json

import pytest

from tutor.answering.llm import FakeChatModel, LLMUnavailable
from tutor.learning.dossier import (
    CHECK_SCHEMA,
    NEUTRAL,
    PRACTICE_NOTICE,
    SituationForm,
    check_situation,
    dossier_markdown,
    has_verdict,
    is_shown,
    neutral,
    sheet_links,
    sheets_for,
    situation_markdown,
    terms,
)
from tutor.learning.framework import load_framework
from tutor.prompts import load_prompt
from tutor.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
C3 = load_framework(CORPUS).capacity("C3")
FORM = SituationForm(
    context="Atelier de sous-traitance, centre d'usinage 3 axes, série de 200 brides en aluminium.",
    task="Lancer la série à partir du contrat de phase.",
    actions="J'ai aligne l'etau au comparateur (0,01 mm sur 200 mm), regle l'effort de serrage pour ne pas "
    "marquer la piece, puis defini l'origine piece au palpeur et je l'ai verifiee avant le premier usinage.",
    result="Première pièce conforme, aucune reprise.",
    learned="Toujours vérifier l'origine avant le cycle.",
    title="Lancement d'une série de brides",
)


def points(check, shown: bool) -> list[str]:
    return [p.point for p in (check.shown if shown else check.missing)]


def test_keywords_are_matched_with_accents_folded_and_stems():
    assert terms("Alignement de l'étau") == terms("aligner l'ETAU")
    text = terms("J'ai aligne l'etau et regle le serrage des pieces minces en mors doux.")
    assert is_shown("montage en étau et alignement de l'étau", text)
    assert is_shown("mandrin, mors doux, serrage des pièces minces", text)
    assert not is_shown("isostatisme, degrés de liberté, hyperstatisme", text)
    assert not is_shown("Le candidat sait", text)  # nothing but filler words: never shown


def test_a_situation_shows_some_points_and_not_others():
    check = check_situation(C3, FORM, CORPUS)
    assert check.capacity == "C3" and check.title == "Mettre en place le brut" and check.advice == ""
    assert "Il règle l'effort de serrage selon la pièce et le procédé" in points(check, True)
    assert "Il définit et vérifie l'origine pièce avant le premier usinage" in points(check, True)
    assert "montage en étau et alignement de l'étau" in points(check, True)
    assert "Le candidat sait nommer les appuis utilisés et les degrés de liberté supprimés" in points(check, False)
    assert "isostatisme, degrés de liberté, hyperstatisme" in points(check, False)
    assert not any(p.by_model for p in check.points) and check.empty_fields == ()


def test_the_markdown_is_structured_and_says_it_is_practice():
    markdown = situation_markdown(check_situation(C3, FORM, CORPUS))
    assert markdown.startswith(
        "## Lancement d'une série de brides\n\nCapacité visée : **C3 — Mettre en place le brut**"
    )
    order = ["**Contexte**", "**La tâche**", "**Ce que j'ai fait et pourquoi**", "**Le résultat**", "**Ce que j'en ai"]
    assert [markdown.index(h) for h in order] == sorted(markdown.index(h) for h in order)
    assert "- ✅ Il définit et vérifie l'origine pièce avant le premier usinage (mots repérés : " in markdown
    assert "- ⬜ isostatisme, degrés de liberté, hyperstatisme" in markdown
    assert "- [Aligner (dégauchir) un étau au comparateur](corpus/fiches/alignement-etau.md)" in markdown
    assert PRACTICE_NOTICE in markdown and not has_verdict(markdown)


def test_empty_fields_are_flagged_and_the_dossier_joins_situations():
    sparse = check_situation(C3, SituationForm(actions="J'ai pris l'origine pièce au palpeur."), CORPUS)
    assert sparse.empty_fields == ("context", "task", "result", "learned")
    markdown = dossier_markdown([check_situation(C3, FORM, CORPUS), sparse], learner=" Léa  Martin ")
    assert markdown.startswith("# Dossier de preuves — entraînement VAE\n\nCandidat : Léa Martin\n")
    assert markdown.count("\n---\n") == 1 and "## Situation professionnelle — C3" in markdown
    assert "Rubriques vides : Contexte, La tâche, Le résultat, Ce que j'en ai retenu." in markdown
    assert "_(à compléter)_" in markdown
    assert dossier_markdown([]).endswith("Aucune situation décrite.\n")


def test_the_model_may_add_points_but_never_remove_a_keyword_match():
    reply = json.dumps({"shown": [1, 2, 99, "3"], "advice": "Précisez les appuis. Vous êtes reçu !"})
    chat = FakeChatModel().enqueue(reply)
    check = check_situation(C3, FORM, CORPUS, chat)
    by_model = [p.point for p in check.points if p.by_model]
    assert by_model == list(C3.assessor_focus[:2])  # 99 is out of range, "3" is not a number
    assert "Il définit et vérifie l'origine pièce avant le premier usinage" in points(check, True)
    assert check.advice == f"Précisez les appuis. Vous {NEUTRAL} !" and not has_verdict(check.advice)
    assert chat.schemas == [CHECK_SCHEMA]
    prompt = chat.history[0][0].content
    assert "1. Le candidat sait nommer les appuis" in prompt and "au comparateur (0,01 mm sur 200 mm)" in prompt
    assert "(selon le modèle, à vérifier)" in situation_markdown(check)


@pytest.mark.parametrize("chat", [FakeChatModel().enqueue("pas du JSON"), FakeChatModel(error=LLMUnavailable("x"))])
def test_a_failing_model_leaves_the_keyword_check(chat):
    assert check_situation(C3, FORM, CORPUS, chat) == check_situation(C3, FORM, CORPUS)


def test_an_empty_form_does_not_call_the_model():
    chat = FakeChatModel()
    check = check_situation(C3, SituationForm(), CORPUS, chat)
    assert not chat.history and not check.shown


def test_sheets_are_linked_with_their_titles_and_matched_to_knowledge():
    links = sheet_links(CORPUS, C3.sheets)
    assert links[0].path == "corpus/fiches/isostatisme-degres-de-liberte.md" and links[0].title.startswith(
        "Isostatisme"
    )
    assert links[0].markdown() == f"[{links[0].title}](corpus/fiches/isostatisme-degres-de-liberte.md)"
    found = [s.path for s in sheets_for("montage en étau et alignement de l'étau", links)]
    assert found == ["corpus/fiches/montage-etau.md", "corpus/fiches/alignement-etau.md"]
    assert sheets_for("astronomie", links) == ()
    (missing,) = sheet_links(CORPUS, ["fiches/absente-du-corpus.md"])
    assert missing.title == "absente du corpus"


@pytest.mark.parametrize(
    "text",
    ["Vous êtes admis.", "Capacité validée", "vous obtenez le CQPM", "Vous êtes reçue", "Note : 14/20",
     "validation totale du bloc", "Vous avez réussi l'entretien", "Candidat ajourné"],
)  # fmt: skip
def test_verdict_wording_is_detected_and_replaced(text):
    assert has_verdict(text) and not has_verdict(neutral(text)) and NEUTRAL in neutral(text)


@pytest.mark.parametrize(
    "text", ["Il écoute et reformule les informations reçues", "un programme valide", "la validation du programme"]
)
def test_ordinary_shop_wording_is_left_alone(text):
    assert not has_verdict(text) and neutral(text) == text


def test_the_check_prompt_renders():
    text = load_prompt("dossier_check").render(capacity="C3 — Brut", situation="Situation", points="1. Point")
    assert "C3 — Brut" in text and "1. Point" in text and "JSON" in text
