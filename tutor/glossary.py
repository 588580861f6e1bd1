"""The French-English glossary of the corpus, used to bring English questions to the French documents.

Entries are Markdown lines `- **Terme français** (EN: english term, other term) : définition`. An
English term found in a question adds its French term to the query, so that BM25 and the embedder
see the words the sheets are written with. Shop-floor words (`tutor.lexicon`) are expanded the same
way; matching ignores case and accents, since technicians type « ca broute » as often as « ça broute ».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tutor.lexical import fold
from tutor.lexicon import LexiconEntry, load_lexicon, load_lexicons

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


class QueryExpander:
    """Adds the corpus's words for every English glossary term or shop-floor phrase found in a question."""

    def __init__(self, terms: Iterable[Term], lexicon: Iterable[LexiconEntry] = ()) -> None:
        pairs = [(_typed(en), term.french) for term in terms for en in term.english]
        pairs += [(_typed(said), ", ".join(entry.means)) for entry in lexicon for said in entry.said]
        self._pairs = sorted(dict.fromkeys(pairs), key=lambda pair: -len(pair[0]))
        self._patterns = [
            (re.compile(rf"(?<![\w-]){re.escape(typed)}s?(?![\w-])", re.IGNORECASE), words)
            for typed, words in self._pairs
        ]

    @classmethod
    def from_file(cls, path: Path, lexicon: Path | None = None, lexicons: Iterable[Path] = ()) -> QueryExpander:
        """`lexicons`: the shop-floor files (French slang, English shop words); `lexicon`: one file, as before."""
        terms = parse_glossary(path.read_text(encoding="utf-8")) if path.exists() else []
        entries = (load_lexicon(lexicon) if lexicon is not None else []) + load_lexicons(lexicons)
        return cls(terms, entries)

    def __len__(self) -> int:
        return len(self._pairs)

    def french_terms(self, query: str) -> list[str]:
        found: list[str] = []
        remaining = _typed(query)
        for pattern, french in self._patterns:  # longest terms first: "tool length offset" before "tool"
            if pattern.search(remaining):
                remaining = pattern.sub(" ", remaining)
                if french not in found:
                    found.append(french)
        return found

    def expand(self, query: str) -> str:
        extra = self.french_terms(query)
        return f"{query} ({'; '.join(extra)})" if extra else query
