"""Citation markers checked against the passages' words."""

from tutor.answering.citations import as_warnings, attribute, drop_echoes, plain, resolve_markers


def test_resolve_markers_orders_first_use():
    assert resolve_markers("x [3] y [1] z [3] [0]", 3) == ("x [3] y [1] z [3] ", (3, 1))


def test_attribute_fixes_a_wrong_or_missing_number_and_leaves_own_words_alone():
    excerpts = [
        "Le bureau des méthodes rédige le contrat de phase ; une erreur dans le contrat de phase se signale aux méthodes.",
        "La correction de rayon G41 se lance sur une droite d'approche, jamais sur un arc.",
    ]
    assert attribute("Le bureau des méthodes [2].", excerpts) == "Le bureau des méthodes [1]."
    assert (
        attribute("On lance G41 sur une droite d'approche.", excerpts) == "On lance G41 sur une droite d'approche [2]."
    )
    kept = "On lance G41 sur une droite [2]. Pensez à vérifier la simulation."
    assert attribute(kept, excerpts) == kept
    listed = "Deux règles :\n- G41 sur une droite d'approche\n- jamais sur un arc [1]"
    assert attribute(listed, excerpts) == "Deux règles :\n- G41 sur une droite d'approche [2]\n- jamais sur un arc [2]"


def test_drop_echoes_keeps_the_other_sentences_and_line_breaks():
    text = "Quelle vitesse pour le 316L ?\nOn prend Vc = 150 m/min [1].\n- Arrosage abondant [2]."
    said = ["quelle vitesse pour le 316L", "Arrosage abondant sur l'inox."]
    assert drop_echoes(text + " [2]", said) == "On prend Vc = 150 m/min [1]."


def test_plain_drops_markdown_links_bold_and_code_marks_but_keeps_their_words_and_the_markers():
    assert plain("Voir [AMDEC](amdec.md) [2] et [la fiche](../c/d.md#x).") == "Voir AMDEC [2] et la fiche."
    assert plain("Le **G80** annule `G81`.") == "Le G80 annule G81."


def test_markdown_tables_are_read_a_row_per_line_with_their_headings():
    text = "Le TRS :\n| Taux | Calcul |\n|---|---|\n| Disponibilité | fonctionnement / requis |\n| Qualité | bonnes / faites. |\nFin."
    assert plain(text) == (
        "Le TRS :\nTaux : Disponibilité — Calcul : fonctionnement / requis.\n"
        "Taux : Qualité — Calcul : bonnes / faites.\nFin."
    )
    assert plain("| a | b |\nsans règle") == "| a | b |\nsans règle"  # not a table without its rule line


def test_a_mistakes_section_is_read_as_mistakes_not_as_advice():
    text = "- Oublier la clé dans le mandrin.\n- MSP sans limites calculées.\n\nUne phrase hors liste."
    marked = as_warnings(text, "Erreurs fréquentes")
    assert marked.splitlines()[0] == "- À éviter : oublier la clé dans le mandrin."
    assert marked.splitlines()[1] == "- À éviter : MSP sans limites calculées."
    assert marked.endswith("Une phrase hors liste.")
    assert as_warnings(text, "Brides > Pièges à éviter").startswith("- À éviter : oublier")


def test_other_sections_and_merged_sections_are_left_as_written():
    text = "- Serrer la pièce au plus près de l'effort."
    assert as_warnings(text, "L'essentiel") == text
    assert as_warnings(text, "Exemple d'atelier / Erreurs fréquentes") == text
