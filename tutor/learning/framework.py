"""The competency framework of the CQPM (corpus/referentiel/*.yaml) as typed, frozen data.

Capacity ids (C1..C7) are fixed by the certification; their titles, blocs, situations and interview
questions are read from here only, so that correcting the YAML corrects the whole tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

FRAMEWORK_FILE = Path("referentiel") / "cqpm-technicien-usinage.yaml"


class FrameworkError(ValueError):
    """The framework file is missing or malformed; the message is French."""


@dataclass(frozen=True)
class Capacity:
    id: str
    title: str
    bloc: str
    activity: str
    description: str
    knowledge: tuple[str, ...]
    sheets: tuple[str, ...]
    situations: tuple[str, ...]
    assessor_focus: tuple[str, ...]  # the project's reading: official criteria are not public
    interview_questions: tuple[str, ...]


@dataclass(frozen=True)
class Bloc:
    id: str
    title: str
    capacities: tuple[str, ...]
    evaluation: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    rncp: str
    name: str
    disclaimer: str
    blocs: tuple[Bloc, ...]
    capacities: tuple[Capacity, ...]

    def capacity(self, capacity_id: str) -> Capacity:
        for capacity in self.capacities:
            if capacity.id == capacity_id.upper():
                return capacity
        raise KeyError(capacity_id)

    def bloc_of(self, capacity_id: str) -> Bloc:
        bloc_id = self.capacity(capacity_id).bloc
        return next(b for b in self.blocs if b.id == bloc_id)


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def load_framework(corpus_dir: Path) -> Framework:
    path = corpus_dir / FRAMEWORK_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FrameworkError(f"Référentiel introuvable : {path}") from exc
    except yaml.YAMLError as exc:
        raise FrameworkError(f"Référentiel illisible (YAML invalide) : {path}") from exc
    try:
        capacities = tuple(
            Capacity(
                id=str(c["id"]),
                title=str(c["title"]),
                bloc=str(c["bloc"]),
                activity=str(c.get("activity", "")),
                description=str(c.get("description", "")),
                knowledge=_strings(c.get("knowledge")),
                sheets=_strings(c.get("sheets")),
                situations=_strings(c.get("situations")),
                assessor_focus=_strings(c.get("assessor_focus")),
                interview_questions=_strings(c.get("interview_questions")),
            )
            for c in data["capacities"]
        )
        blocs = tuple(
            Bloc(
                id=str(b["id"]),
                title=str(b["title"]),
                capacities=_strings(b["capacities"]),
                evaluation=_strings(b.get("evaluation")),
            )
            for b in data["blocs"]
        )
        certification = data["certification"]
        framework = Framework(
            rncp=str(certification["rncp"]),
            name=str(certification["name"]),
            disclaimer=str(data.get("disclaimer", "")),
            blocs=blocs,
            capacities=capacities,
        )
    except (KeyError, TypeError) as exc:
        raise FrameworkError(f"Référentiel incomplet ({exc}) : {path}") from exc
    known = {c.id for c in capacities}
    for bloc in blocs:
        if unknown := set(bloc.capacities) - known:
            raise FrameworkError(f"Le bloc {bloc.id} cite des capacités inconnues : {sorted(unknown)}")
    return framework
