"""The French-English glossary of the corpus, used to bring English questions to the French documents.

Entries are Markdown lines `- **Terme français** (EN: english term, other term) : définition`. An
English term found in a question adds its French term to the query, so that BM25 and the embedder
see the words the sheets are written with. Shop-floor words (`tutor.knowledge.lexicon`) are expanded the same
way; matching ignores case and accents, since technicians type « ca broute » as often as « ça broute ».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tutor.knowledge.lexical import fold
from tutor.knowledge.lexicon import LexiconEntry, load_lexicons

_ENTRY = re.compile(r"^\s*[-*]\s+\*\*(?P<fr>[^*]+)\*\*\s*\(\s*EN\s*:\s*(?P<en>[^)]*)\)", re.MULTILINE)


@dataclass(frozen=True)
class Term:
    french: str
    english: tuple[str, ...]


def parse_glossary(text: str) -> list[Term]:
    terms = []
    for match in _ENTRY.finditer(text):
        english = tuple(
            t.strip().lower()
            for t in re.split(r"[,;/]", match.group("en"))
            if len(t.strip()) >= 3 and re.search(r"[a-zA-Z]{3}", t)
        )
        if english:
            terms.append(Term(french=match.group("fr").strip(), english=english))
    return terms


def _typed(text: str) -> str:
    return fold(text).replace("\u2019", "'")


# Function words that tell an English question from a French one: the English lexicon's forms
# (« pendant », « fai », « tolerance ») are French words or stems too, and must not fire on French text.
_ENGLISH = frozenset(
    "the a an is are my what how do does did should can could why when which to of and with on in it i "
    "this that for from at by be was your you there after before too way like".split()
)
_FRENCH = frozenset(
    "le la les de du des je j est et a en un une pour que qui quoi c ce mon ma mes on pas au aux sur avec "
    "comment pourquoi quand il elle faut dans par se ne plus ou quel quelle".split()
)


def looks_english(text: str) -> bool:
    """More English function words than French ones: enough for a question typed at a machine."""
    words = re.findall(r"[a-z]+", _typed(text))
    return sum(w in _ENGLISH for w in words) > sum(w in _FRENCH for w in words)


# A question that asks for a word (a translation, a term): the glossary's lines then answer it.
_ASKS_TERM = re.compile(
    r"\b(anglais|english|fran[cç]ais|french|tradu\w*|translat\w*|comment (on|ça|ca) (dit|s.appelle)|how do you say|"
    r"what do you call|what does .{1,40} mean|(terme|mot|vocabulaire|abr[eé]viation|sigle|acronyme)s?\b)",
    re.IGNORECASE,
)


def asks_for_term(question: str) -> bool:
    """The question wants a word or its translation, which only the glossary's lines give."""
    return bool(_ASKS_TERM.search(question))


class QueryExpander:
    """Adds the corpus's words for every English glossary term or shop-floor phrase found in a question."""

    def __init__(self, terms: Iterable[Term], lexicon: Iterable[LexiconEntry] = ()) -> None:
        pairs = [(_typed(en), term.french, False) for term in terms for en in term.english]
        pairs += [(_typed(said), ", ".join(e.means), e.english) for e in lexicon for said in e.said]
        self._pairs = sorted(dict.fromkeys(pairs), key=lambda pair: -len(pair[0]))
        self._compiled: dict[str, re.Pattern] = {}  # compiled on first need: thousands of them cost a cold start 0.6 s

    def _pattern(self, typed: str) -> re.Pattern:
        if typed not in self._compiled:
            self._compiled[typed] = re.compile(rf"(?<![\w-]){re.escape(typed)}s?(?![\w-])", re.IGNORECASE)
        return self._compiled[typed]

    @classmethod
    def from_file(cls, path: Path, lexicons: Iterable[Path] = ()) -> QueryExpander:
        """`lexicons`: the shop-floor files (French slang, English shop words)."""
        terms = parse_glossary(path.read_text(encoding="utf-8")) if path.exists() else []
        return cls(terms, load_lexicons(lexicons))

    def __len__(self) -> int:
        return len(self._pairs)

    def french_terms(self, query: str) -> list[str]:
        found: list[str] = []
        remaining = _typed(query)
        english = looks_english(query)
        for typed, french, english_only in self._pairs:  # longest first: "tool length offset" before "tool"
            if (english_only and not english) or typed not in remaining:  # both folded: a plain substring test
                continue
            pattern = self._pattern(typed)
            if pattern.search(remaining):
                remaining = pattern.sub(" ", remaining)
                if french not in found:
                    found.append(french)
        return found

    def expand(self, query: str) -> str:
        extra = self.french_terms(query)
        return f"{query} ({'; '.join(extra)})" if extra else query
