from tutor.knowledge.glossary import QueryExpander, asks_for_term, parse_glossary

SAMPLE = """---
title: Glossaire
---
## Coupe
- **Avance par dent** (EN: feed per tooth, fz) : épaisseur de copeau par dent.
- **Correcteur de longueur** (EN: tool length offset / length offset) : jauge d'outil.
- **Tampon lisse** (EN: plug gauge) : calibre d'alésage.
- **Fraisage en avalant** (EN: climb milling, down milling) : sens de coupe.
- **Outil** (EN: tool) : terme général.
"""


def test_parse_keeps_words_and_drops_symbols():
    terms = parse_glossary(SAMPLE)
    assert terms[0].french == "Avance par dent"
    assert terms[0].english == ("feed per tooth",)  # "fz" is too short to match safely
    assert terms[1].english == ("tool length offset", "length offset")


def test_expansion_prefers_longest_terms_and_plurals():
    expander = QueryExpander(parse_glossary(SAMPLE))
    assert expander.french_terms("Which code activates the tool length offset?") == ["Correcteur de longueur"]
    assert expander.french_terms("the no-go side of the plug gauges") == ["Tampon lisse"]
    assert expander.expand("climb milling by default?") == "climb milling by default? (Fraisage en avalant)"
    assert expander.expand("vitesse de coupe") == "vitesse de coupe"


def test_missing_file_means_no_expansion(tmp_path):
    assert len(QueryExpander.from_file(tmp_path / "absent.md")) == 0


def test_a_question_asking_for_a_word_is_told_from_one_asking_how():
    assert asks_for_term("Comment on dit alésage en anglais ?")
    assert asks_for_term("What does « bridage » mean?")
    assert not asks_for_term("How do I sweep a bore to find its centre?")
    assert not asks_for_term("Pourquoi mon alésage sort conique ?")
