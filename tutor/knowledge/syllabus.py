"""The map of the trade's knowledge (`corpus/referentiel/programme.yaml`) and what covers each topic.

The map is built from public programmes of the trade (CQPM capacities, Bac Pro and BTS savoirs), not
from our sheets, so a topic nobody wrote about shows up as a gap instead of going unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from tutor.documents import CAPACITIES
from tutor.knowledge.troubleshooting import parse_guide

SYLLABUS_FILE = Path("referentiel") / "programme.yaml"  # under the corpus folder


class SyllabusError(ValueError):
    """The map file is malformed; str(exc) is the French reason."""


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    domain: str
    capacities: tuple[str, ...]
    sources: tuple[str, ...]  # ids of the public programmes that list it
    covered_by: tuple[str, ...]  # corpus paths, a guide symptom as `depannage/FILE.yaml#symptom-id`


@dataclass(frozen=True)
class Syllabus:
    domains: dict[str, str]  # id -> title
    sources: dict[str, str]  # id -> reference
    topics: tuple[Topic, ...]


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def load_syllabus(corpus_dir: Path) -> Syllabus:
    data = yaml.safe_load((corpus_dir / SYLLABUS_FILE).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise SyllabusError("carte des savoirs : la clé « topics » (liste) manque")
    domains = {str(d["id"]): str(d.get("title", "")) for d in data.get("domains") or []}
    sources = {str(s["id"]): str(s.get("ref", "")) for s in data.get("sources") or []}
    topics = tuple(
        Topic(
            id=str(t.get("id", "")),
            title=str(t.get("title", "")),
            domain=str(t.get("domain", "")),
            capacities=_tuple(t.get("capacities")),
            sources=_tuple(t.get("from")),
            covered_by=_tuple(t.get("covered_by")),
        )
        for t in data["topics"]
    )
    return Syllabus(domains, sources, topics)


def problems(syllabus: Syllabus, corpus_dir: Path) -> list[str]:
    """Every way the map is wrong or the corpus falls short of it, one French line each."""
    found: list[str] = []
    symptoms: dict[str, set[str]] = {}
    seen: set[str] = set()
    for topic in syllabus.topics:
        where = f"sujet « {topic.id or topic.title} »"
        if not topic.id or not topic.title:
            found.append(f"{where} : id ou titre manquant")
        if topic.id in seen:
            found.append(f"{where} : identifiant en double")
        seen.add(topic.id)
        if topic.domain not in syllabus.domains:
            found.append(f"{where} : domaine inconnu « {topic.domain} »")
        if not topic.capacities or not set(topic.capacities) <= set(CAPACITIES):
            found.append(f"{where} : capacités invalides {list(topic.capacities)}")
        if not topic.sources or not set(topic.sources) <= set(syllabus.sources):
            found.append(f"{where} : programme source inconnu ou absent {list(topic.sources)}")
        if not topic.covered_by:
            found.append(f"{where} : aucune fiche ne le traite")
        for target in topic.covered_by:
            path, _, symptom = target.partition("#")
            if not (corpus_dir / path).is_file():
                found.append(f"{where} : « {path} » n'existe pas")
            elif symptom:
                if path not in symptoms:
                    guide = parse_guide((corpus_dir / path).read_text(encoding="utf-8"))
                    symptoms[path] = {s.id for s in guide.symptoms}
                if symptom not in symptoms[path]:
                    found.append(f"{where} : symptôme « {symptom} » absent de {path}")
    return found
