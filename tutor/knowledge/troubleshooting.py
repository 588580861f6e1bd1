"""The troubleshooting guide (`corpus/depannage/*.yaml`): symptoms as the shop says them, causes, remedies.

A technician at the machine asks from a symptom (« ça broute en finition »), not from a topic. Each
symptom is one passage: its name, the ways people say it, the operations, the probable causes (most
likely first) and what to try, in the order to try it. The passage layout is the answer shape the
tutor gives for troubleshooting, so it is fixed here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from tutor.documents import CAPACITIES, Section

OPERATIONS = (
    "tournage",
    "fraisage",
    "perçage",
    "taraudage",
    "alésage",
    "filetage",
    "tronçonnage",
    "contrôle",
    "machine",
)
# Lines of a symptom's passage that serve the search or frame the list, not the reader: never quoted as evidence.
UNQUOTABLE = ("On dit aussi :", "Opérations :", "Causes probables (", "À essayer, dans l'ordre")
MAX_PASSAGE_CHARS = 1200  # one symptom must stay one search passage (the chunker's size)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WORD = re.compile(r"[a-z]{4,}")
_NAME_WORD = re.compile(r"[a-z]{5,}")
GENERAL = {"tournage", "fraisage", "machine", "contrôle"}
# How a question names an operation (accents folded). « tour » is not « par tour » nor « mm/tour ».
OPERATION_WORDS = {
    "tournage": re.compile(r"(?<!par )(?<!/)\btour\b|\btourn|\bchariot|\bdress|\blathe|\bturning|\bfacing"),
    "fraisage": re.compile(r"\bfrais(?:e|age|euse)|centre d.usinage|\bmill(?:ing)?\b|\bend ?mill"),
    "perçage": re.compile(r"\bperc|\bforet|\bdrill"),
    "taraudage": re.compile(r"\btaraud|\btap\b|\btapping"),
    "alésage": re.compile(r"\bales(?:age|er|oir)|\bboring|\bbore\b|\bream"),
    "filetage": re.compile(r"\bfilet|\bthread"),
    "tronçonnage": re.compile(r"\btronconn|\bgorge|\bparting|\bgroov"),
}
# What a question asks to do once the harm is done, and how an entry for that is named. « comment je le sors ? »
# about a broken tap wants the extraction entry, which the search ranks below « Casse du taraud » (same words).
AFTER_THE_FACT = (
    (
        re.compile(
            r"\b(?:sor[st]|sortir|retir|enlev|extrai|extract|recuper|degag|remov|get (?:it )?out|take (?:it )?out)"
        ),
        re.compile(r"sortir|extraction|extrai|retir"),
    ),
)


class GuideError(ValueError):
    """The guide file breaks the schema; str(exc) is the French reason, naming the symptom."""


@dataclass(frozen=True)
class GuideSource:
    id: str
    ref: str
    url: str
    covers: str


@dataclass(frozen=True)
class Symptom:
    id: str
    symptom: str
    said: tuple[str, ...]
    operations: tuple[str, ...]
    causes: tuple[str, ...]
    remedies: tuple[str, ...]
    sources: tuple[str, ...]

    def passage(self) -> str:
        """One line per item, each ended as a sentence: quotes are cut at them even when a passage is flattened."""
        lines = [f"Symptôme : {self.symptom}", f"On dit aussi : {', '.join(self.said)}"]
        lines.append(f"Opérations : {', '.join(self.operations)}")
        lines.append("Causes probables (la plus fréquente d'abord) :")
        lines += [f"{n}. {cause}" for n, cause in enumerate(self.causes, start=1)]
        lines.append("À essayer, dans l'ordre :")
        lines += [f"{n}. {remedy}" for n, remedy in enumerate(self.remedies, start=1)]
        return "\n".join(line if line.endswith((".", ":", "?", "!")) else f"{line}." for line in lines)


@dataclass(frozen=True)
class Advice:
    """A symptom passage read back from the index: what a troubleshooting answer is built from."""

    symptom: str
    operations: tuple[str, ...]
    causes: tuple[str, ...]
    remedies: tuple[str, ...]
    said: tuple[str, ...] = ()  # the shop's wordings of the symptom


def read_passage(text: str) -> Advice | None:
    """The inverse of `Symptom.passage`; None for any other text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not lines[0].startswith("Symptôme : "):
        return None
    symptom = lines[0].removeprefix("Symptôme : ").rstrip(".")
    operations: tuple[str, ...] = ()
    said: tuple[str, ...] = ()
    causes: list[str] = []
    remedies: list[str] = []
    into: list[str] | None = None
    for line in lines[1:]:
        if line.startswith("On dit aussi : "):
            said = tuple(w.strip() for w in line.removeprefix("On dit aussi : ").rstrip(".").split(","))
        elif line.startswith("Opérations : "):
            operations = tuple(o.strip() for o in line.removeprefix("Opérations : ").rstrip(".").split(","))
        elif line.startswith("Causes probables ("):
            into = causes
        elif line.startswith("À essayer, dans l'ordre"):
            into = remedies
        elif into is not None and re.match(r"\d+\. ", line):
            into.append(line.split(". ", 1)[1].rstrip("."))
    if not causes or not remedies:
        return None
    return Advice(symptom, operations, tuple(causes), tuple(remedies), said)


@dataclass(frozen=True)
class Guide:
    title: str
    capacities: tuple[str, ...]
    sources: tuple[GuideSource, ...]
    symptoms: tuple[Symptom, ...]

    def sections(self) -> tuple[Section, ...]:
        return tuple(Section(text=s.passage(), heading=s.symptom) for s in self.symptoms)


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GuideError(f"{where} : « {key} » manque ou est vide")
    return value.strip()


def _texts(item: dict, key: str, where: str, least: int, most: int) -> tuple[str, ...]:
    value = item.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GuideError(f"{where} : « {key} » doit être une liste de textes")
    if not least <= len(value) <= most:
        raise GuideError(f"{where} : « {key} » doit avoir de {least} à {most} éléments (il en a {len(value)})")
    return tuple(v.strip() for v in value)


def _source(item: object, number: int) -> GuideSource:
    if not isinstance(item, dict):
        raise GuideError(f"source {number} : ce n'est pas une table")
    where = f"source {number}"
    url = str(item.get("url") or "")
    if url and not url.startswith(("http://", "https://")):
        raise GuideError(f"{where} : adresse invalide ({url})")
    return GuideSource(_text(item, "id", where), _text(item, "ref", where), url, _text(item, "covers", where))


def _symptom(item: object, number: int, source_ids: set[str]) -> Symptom:
    if not isinstance(item, dict):
        raise GuideError(f"symptôme {number} : ce n'est pas une table")
    ident = _text(item, "id", f"symptôme {number}")
    where = f"symptôme « {ident} »"
    if not _ID.match(ident):
        raise GuideError(f"{where} : identifiant en minuscules et tirets attendu")
    symptom = Symptom(
        id=ident,
        symptom=_text(item, "symptom", where),
        said=_texts(item, "said", where, 2, 12),
        operations=_texts(item, "operations", where, 1, len(OPERATIONS)),
        causes=_texts(item, "causes", where, 1, 6),
        remedies=_texts(item, "remedies", where, 2, 7),
        sources=_texts(item, "sources", where, 1, 6),
    )
    unknown = [op for op in symptom.operations if op not in OPERATIONS]
    if unknown:
        raise GuideError(f"{where} : opération inconnue {', '.join(unknown)} (attendu : {', '.join(OPERATIONS)})")
    missing = [s for s in symptom.sources if s not in source_ids]
    if missing:
        raise GuideError(f"{where} : source non déclarée {', '.join(missing)}")
    length = len(symptom.passage())
    if length > MAX_PASSAGE_CHARS:
        raise GuideError(f"{where} : passage de {length} caractères (limite {MAX_PASSAGE_CHARS})")
    return symptom


def after_the_fact(folded_question: str, folded_entries: Sequence[str]) -> int | None:
    """Index of the entry that answers what the question asks to do after the fact (`AFTER_THE_FACT`), among
    the guide's closest (symptom and shop wordings, accents folded): the one sharing most words with the
    question, so that a broken tap is not answered with the broken drill's extraction. None when the question
    asks no such thing or no entry names it."""
    for asks, names in AFTER_THE_FACT:
        if not asks.search(folded_question):
            continue
        words = set(_WORD.findall(folded_question))
        shared = {i: len(words & set(_WORD.findall(entry))) for i, entry in enumerate(folded_entries)
                  if names.search(entry.split("\n", 1)[0])}  # fmt: skip
        if shared:
            return max(shared, key=lambda i: (shared[i], -i))
    return None


def named_operations(folded_question: str) -> set[str]:
    """The operations a question names (« en finition d'alésage » names alésage), accents folded."""
    return {operation for operation, words in OPERATION_WORDS.items() if words.search(folded_question)}


def same_operation(folded_question: str, entries: Sequence[tuple[str, tuple[str, ...]]]) -> int | None:
    """Index of the first of the guide's closest entries ((symptom, operations), best first, accents folded) that
    is the closest's symptom in the operation the question names, when the closest is in another: « ça broute
    en finition d'alésage » ranked the threading chatter first. Only the same symptom (a word of five letters
    shared by the symptoms' names): « alésage » also names the bore, whose size drifts for other reasons. A
    named specific operation (alésage, filetage...) counts twice a general one."""
    named = named_operations(folded_question)
    if not named or not entries:
        return None
    weights = [sum(1 if o in GENERAL else 2 for o in named.intersection(ops)) for _, ops in entries]
    top = _NAME_WORD.findall(entries[0][0].split(":")[0])
    for i, (symptom, _) in enumerate(entries):
        if weights[i] > weights[0] and set(top) & set(_NAME_WORD.findall(symptom.split(":")[0])):
            return i
    return None


def parse_guide(text: str) -> Guide:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise GuideError(f"YAML invalide{f' (ligne {line + 1})' if line is not None else ''}") from exc
    if not isinstance(data, dict):
        raise GuideError("le guide doit être une table avec title, capacities, sources et symptoms")
    title = _text(data, "title", "guide")
    capacities = _texts(data, "capacities", "guide", 1, len(CAPACITIES))
    if not set(capacities) <= set(CAPACITIES):
        raise GuideError(f"guide : capacités inconnues {sorted(set(capacities) - set(CAPACITIES))}")
    sources = tuple(_source(item, n) for n, item in enumerate(data.get("sources") or [], start=1))
    if not sources:
        raise GuideError("guide : aucune source")
    ids = {s.id for s in sources}
    raw = data.get("symptoms")
    if not isinstance(raw, list) or not raw:
        raise GuideError("guide : aucun symptôme")
    symptoms = tuple(_symptom(item, n, ids) for n, item in enumerate(raw, start=1))
    seen: set[str] = set()
    for symptom in symptoms:
        if symptom.id in seen:
            raise GuideError(f"symptôme « {symptom.id} » : identifiant en double")
        seen.add(symptom.id)
    return Guide(title, capacities, sources, symptoms)
