"""Shop-floor words: the lexicons' schema, their expansion, and the built-in lexicons pointing at real words."""

import re

import pytest

from tutor.knowledge.glossary import QueryExpander, looks_english, parse_glossary
from tutor.knowledge.lexical import fold
from tutor.knowledge.lexicon import (
    LEXICON_FILES,
    LexiconEntry,
    LexiconError,
    load_lexicon,
    load_lexicons,
    parse_lexicon,
)
from tutor.knowledge.loaders import parse_front_matter
from tutor.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"

SAMPLE = """
entries:
  - said: ["ça broute", "ça chante"]
    means: [vibrations, broutement]
  - said: ["la cote part"]
    means: [dérive de cote]
"""


def test_parse():
    assert parse_lexicon(SAMPLE)[0] == LexiconEntry(("ça broute", "ça chante"), ("vibrations", "broutement"))


@pytest.mark.parametrize(
    "text", ["[]", "entries: [1]", "entries:\n  - said: []\n    means: [x]", "entries:\n  - said: [a]\n"]
)
def test_malformed_lexicon_refused(text):
    with pytest.raises(LexiconError):
        parse_lexicon(text)


def test_slang_expands_without_accents_or_case():
    expander = QueryExpander([], parse_lexicon(SAMPLE))
    assert expander.expand("Ca broute en finition") == "Ca broute en finition (vibrations, broutement)"
    assert expander.french_terms("la cote part après 20 pièces") == ["dérive de cote"]
    assert expander.french_terms("Ça BROUTE") == ["vibrations, broutement"]
    assert expander.french_terms("une cote partielle") == []


def corpus_text() -> str:
    texts = []
    for path in [*CORPUS.glob("fiches/*.md"), CORPUS / "glossaire.md"]:
        texts.append(parse_front_matter(path.read_text(encoding="utf-8"))[1])
    texts += [p.read_text(encoding="utf-8") for p in CORPUS.glob("depannage/*.yaml")]
    return fold("\n".join(texts))


@pytest.mark.parametrize(("name", "minimum"), [("lexique-atelier.yaml", 60), ("lexique-anglais.yaml", 200)])
def test_built_in_lexicon_maps_to_words_the_corpus_uses(name, minimum):
    assert name in LEXICON_FILES  # loaded by the tutor, not only checked here
    entries = load_lexicon(CORPUS / name)
    assert len(entries) >= minimum
    text = corpus_text()
    unused = [m for e in entries for m in e.means if not re.search(rf"\b{re.escape(fold(m))}", text)]
    assert not unused, f"termes absents du corpus : {unused}"
    assert all(1 <= len(e.means) <= 4 for e in entries), "de 1 à 4 termes par entrée"


def test_a_said_form_belongs_to_one_entry_across_the_lexicons():
    said = [fold(s) for e in load_lexicons(CORPUS / name for name in LEXICON_FILES) for s in e.said]
    assert len(said) == len(set(said)), "une même expression dans deux entrées"


def test_english_lexicon_adds_forms_the_glossary_lacks():
    glossary = {
        fold(en) for t in parse_glossary((CORPUS / "glossaire.md").read_text(encoding="utf-8")) for en in t.english
    }
    said = [s for e in load_lexicon(CORPUS / "lexique-anglais.yaml") for s in e.said]
    assert not [s for s in said if fold(s) in glossary], "forme déjà dans le glossaire"
    assert all(s == s.lower() for s in said), "formes en minuscules"


def test_built_in_expander_reads_both_lexicons():
    expander = QueryExpander.from_file(CORPUS / "glossaire.md", lexicons=[CORPUS / name for name in LEXICON_FILES])
    assert "vibrations, broutement" in expander.french_terms("ça broute en finition")
    terms = expander.french_terms("Carbide end mill chipped on the first pass")
    assert terms[:1] == ["Fraise deux tailles"] and any("écaillage" in t for t in terms)
    assert expander.french_terms("How do I check an M12 thread") == ["filetage, filet"]
    assert expander.french_terms("thread plug gauge for M12")[0].startswith("tampon fileté")  # not « Tampon lisse »


def test_english_forms_fire_on_english_questions_only():
    """« fais », « pendant » or « tolérance » in a French question are not the English forms they look like."""
    expander = QueryExpander.from_file(CORPUS / "glossaire.md", lexicons=[CORPUS / name for name in LEXICON_FILES])
    assert expander.french_terms("tous les combien je mesure pendant une série, je fais quoi ?") == []
    assert expander.french_terms("What do I use as a pendant to jog the axis?")
    assert looks_english("Why does my insert chip?") and not looks_english("pourquoi ma plaquette casse ?")


def test_lexicon_language_is_checked():
    with pytest.raises(LexiconError, match="lang"):
        parse_lexicon("lang: de\nentries:\n  - {said: [a], means: [b]}\n")
