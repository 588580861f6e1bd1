"""Model sentences holding a figure no source gives are dropped; sourced figures, in any spelling, stay."""

from tutor.answering.figures import figures, keep_supported, unsupported


def test_one_spelling_for_numbers_and_codes():
    assert figures("Vc 0,80 mm et 1 592 tr/min, G01 puis M06 [2]") == {"0.8", "1592", "G1", "M6"}


def test_markers_and_words_with_digits_are_not_figures():
    assert figures("[1] [12] IT7, E60 et H7/g6") == set()
    assert figures("T0101 et H05") == {"T101", "H5"}


def test_small_counts_need_no_source():
    assert unsupported("Faites 2 passes puis 3 contrôles.", set()) == set()


def test_invented_percentage_and_code_are_found():
    known = figures("TRS = D × P × Q ; disponibilité 0,85")
    assert unsupported("Le TRS vaut 250 %.", known) == {"250"}
    assert unsupported("Utilisez G08 pour compter.", known) == {"G8"}


def test_keep_supported_drops_only_the_sentence_with_the_invented_figure():
    sources = ["Le taux de disponibilité est de 85 % sur ce poste.", "Le cycle théorique dure 2 min."]
    text = "La disponibilité est de 85 % [1]. Le TRS est donc de 250 % [2].\n- Cycle de 2 min [2]."
    assert keep_supported(text, sources) == "La disponibilité est de 85 % [1].\n- Cycle de 2 min [2]."


def test_a_figure_from_the_question_is_supported():
    assert keep_supported("À 200 m/min, la vie baisse [1].", ["Que se passe-t-il à 200 m/min ?"]) == (
        "À 200 m/min, la vie baisse [1]."
    )


def test_an_answer_of_only_invented_figures_becomes_empty():
    assert keep_supported("Le résultat est 36,6 min [1].", ["La loi de Taylor V × T^n = C."]) == ""
