"""Shop-floor words mapped to the words the sheets use.

Technicians describe a symptom the way the shop says it (« ça broute », « la cote part »), the sheets
name the defect (vibrations, dérive dimensionnelle). Each entry of a lexicon file lists the ways people
say a thing and the corpus's words for it; the query expander adds those words to a question that uses
one of the ways, as the glossary does for English terms. `lexique-atelier.yaml` holds French shop talk,
`lexique-anglais.yaml` the English an English-speaking machinist types, beyond the glossary's terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: the lexicons load 10x faster

LEXICON_FILES = ("lexique-atelier.yaml", "lexique-anglais.yaml")  # in the corpus folder, all loaded


class LexiconError(ValueError):
    """The lexicon file is malformed; str(exc) is the French reason."""


@dataclass(frozen=True)
class LexiconEntry:
    said: tuple[str, ...]  # as people type it
    means: tuple[str, ...]  # the corpus's words for it
    english: bool = False  # forms of an English file (`lang: en`): applied to English questions only


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"lexique : {where} doit être une liste de textes non vide")
    return tuple(v.strip() for v in value)


def parse_lexicon(text: str) -> list[LexiconEntry]:
    data = yaml.load(text, Loader=_LOADER) or {}
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LexiconError("lexique : la clé « entries » (liste) manque")
    lang = data.get("lang", "fr")
    if lang not in ("fr", "en"):
        raise LexiconError(f"lexique : « lang » vaut fr ou en, pas {lang!r}")
    parsed = []
    for number, item in enumerate(entries, start=1):
        if not isinstance(item, dict):
            raise LexiconError(f"lexique : l'entrée {number} n'est pas une table")
        parsed.append(
            LexiconEntry(
                _strings(item.get("said"), f"entrée {number}, said"),
                _strings(item.get("means"), f"entrée {number}, means"),
                english=lang == "en",
            )
        )
    return parsed


def load_lexicon(path: Path) -> list[LexiconEntry]:
    return parse_lexicon(path.read_text(encoding="utf-8")) if path.exists() else []


def load_lexicons(paths: Iterable[Path]) -> list[LexiconEntry]:
    """Every file's entries, in order; a missing file adds none, so a partial corpus still expands."""
    return [entry for path in paths for entry in load_lexicon(path)]
