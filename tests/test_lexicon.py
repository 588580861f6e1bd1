"""Shop-floor words: the lexicon's schema, its expansion, and the built-in lexicon pointing at real words."""

import re

import pytest

from tutor.glossary import QueryExpander
from tutor.lexical import fold
from tutor.lexicon import LEXICON_FILE, LexiconEntry, LexiconError, load_lexicon, parse_lexicon
from tutor.loaders import parse_front_matter
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


def test_built_in_lexicon_maps_to_words_the_corpus_uses():
    entries = load_lexicon(CORPUS / LEXICON_FILE)
    assert len(entries) >= 60
    text = corpus_text()
    unused = [m for e in entries for m in e.means if not re.search(rf"\b{re.escape(fold(m))}", text)]
    assert not unused, f"termes absents du corpus : {unused}"
    said = [fold(s) for e in entries for s in e.said]
    assert len(said) == len(set(said)), "une même expression dans deux entrées"
