"""The "dossier de preuves" helper: one professional situation, written in five fields, checked against a capacity.

The check is first deterministic (stemmed, accent-folded keywords of each assessor point and knowledge item
looked up in the candidate's text) so that it is reproducible and testable; a model, when there is one, may
only add points it judges shown, marked as such, and one piece of advice. It is practice: nothing here is a
verdict, and any verdict wording a model writes is neutralised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Literal

from tutor.answering.llm import ChatModel, LLMUnavailable, Message, complete
from tutor.knowledge.lexical import FrenchAnalyzer
from tutor.knowledge.loaders import SkipDocument, parse_front_matter
from tutor.learning.framework import Capacity
from tutor.prompts import load_prompt
from tutor.settings import PROJECT_ROOT

PRACTICE_NOTICE = (
    "Entraînement uniquement : ce retour n'est pas un verdict. Seuls la commission d'évaluation et le jury "
    "paritaire de la certification se prononcent sur votre candidature."
)
NEUTRAL = "[appréciation réservée au jury]"
# Wording that sounds like a decision on the candidate; matched case-insensitively, replaced by NEUTRAL.
VERDICT = re.compile(
    r"\b(?:validée?s?|admise?s?|admissibles?|(?:êtes|serez|seriez|serait|sera|est|être)\s+reçue?s?|recalée?s?|ajournée?s?|certifiée?s?|diplômée?s?"
    r"|vous\s+(?:obtenez|obtiendrez|obtiendriez|avez\s+obtenu|auriez\s+obtenu|avez\s+réussi|avez\s+échoué)"
    r"|(?:validation|refus)\s+(?:totale|partielle)|\d{1,2}\s*/\s*20)(?!\w)",
    re.IGNORECASE,
)
# Words of the framework's phrasing that say nothing about the content ("Le candidat sait ...").
_FILLER = "candidat candidate sait savoir capable capacite adapte selon avant apres bon bonne bien il elle piece usiner usinage"

PointKind = Literal["focus", "knowledge"]


def neutral(text: str) -> str:
    """Replace verdict wording: the tool rehearses, the jury decides."""
    return VERDICT.sub(NEUTRAL, text)


def has_verdict(text: str) -> bool:
    return VERDICT.search(text) is not None


# ---------------------------------------------------------------- keyword matching


@cache
def _analyzer() -> FrenchAnalyzer:
    return FrenchAnalyzer()


@cache
def _filler() -> frozenset[str]:
    return frozenset(_analyzer().tokens(_FILLER))


def terms(text: str) -> frozenset[str]:
    """Stemmed, accent-folded content words of a text."""
    return frozenset(t for t in _analyzer().tokens(text) if len(t) >= 3 and t not in _filler())


def _same(a: str, b: str) -> bool:
    """Stems match when one extends the other ("serr" / "serrag"), never on short prefixes."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def matched_terms(point: str, text_terms: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(p for p in terms(point) if any(_same(p, t) for t in text_terms)))


def is_shown(point: str, text_terms: frozenset[str]) -> bool:
    """Two words in five of the point (two at least, unless it has only one) appear in the text."""
    wanted = terms(point)
    if not wanted:
        return False
    found = len(matched_terms(point, text_terms))
    return found >= min(2, len(wanted)) and found * 5 >= len(wanted) * 2


# ---------------------------------------------------------------- sheets


@dataclass(frozen=True)
class SheetLink:
    path: str  # as cited elsewhere in the tool: "corpus/fiches/x.md" when inside the project
    title: str

    def markdown(self) -> str:
        return f"[{self.title}]({self.path})"


def sheet_links(corpus_dir: Path, sheets: Sequence[str]) -> tuple[SheetLink, ...]:
    """Sheets of the framework with their titles; a missing or unreadable sheet keeps its file name."""
    links = []
    for sheet in sheets:
        path = corpus_dir / sheet
        title = Path(sheet).stem.replace("-", " ")
        try:
            meta, _ = parse_front_matter(path.read_text(encoding="utf-8"))
            title = str(meta.get("title") or title)
        except (OSError, SkipDocument):
            pass
        try:
            shown = path.resolve().relative_to(PROJECT_ROOT).as_posix()
        except ValueError:
            shown = path.as_posix()
        links.append(SheetLink(shown, title))
    return tuple(links)


def sheets_for(topic: str, links: Sequence[SheetLink]) -> tuple[SheetLink, ...]:
    """The sheets that cover a knowledge item: the best keyword overlap with file name and title, at most 3."""
    wanted = terms(topic)
    scored = []
    for link in links:
        have = terms(Path(link.path).stem.replace("-", " ") + " " + link.title)
        score = sum(1 for w in wanted if any(_same(w, h) for h in have))
        if score:
            scored.append((score, link))
    if not scored:
        return ()
    best = max(score for score, _ in scored)
    return tuple(link for score, link in sorted(scored, key=lambda s: -s[0]) if score == best or score >= 2)[:3]


# ---------------------------------------------------------------- the situation form


@dataclass(frozen=True)
class SituationForm:
    context: str = ""
    task: str = ""
    actions: str = ""
    result: str = ""
    learned: str = ""
    title: str = ""

    def text(self) -> str:
        return "\n".join(getattr(self, f.name) for f in fields(self))


FIELD_LABELS = {
    "context": "Contexte (entreprise, atelier, machine, pièce)",
    "task": "La tâche qui m'était confiée",
    "actions": "Ce que j'ai fait, et pourquoi",
    "result": "Le résultat (chiffres, contrôles, délais)",
    "learned": "Ce que j'en ai retenu",
}
SECTION_TITLES = {
    "context": "Contexte",
    "task": "La tâche",
    "actions": "Ce que j'ai fait et pourquoi",
    "result": "Le résultat",
    "learned": "Ce que j'en ai retenu",
}


@dataclass(frozen=True)
class PointCheck:
    point: str
    kind: PointKind
    shown: bool
    words: tuple[str, ...] = ()  # stems found in the text, so the candidate sees why
    by_model: bool = False


@dataclass(frozen=True)
class SituationCheck:
    capacity: str
    title: str
    form: SituationForm
    points: tuple[PointCheck, ...]
    sheets: tuple[SheetLink, ...]
    advice: str = ""  # from the model, neutralised

    @property
    def shown(self) -> tuple[PointCheck, ...]:
        return tuple(p for p in self.points if p.shown)

    @property
    def missing(self) -> tuple[PointCheck, ...]:
        return tuple(p for p in self.points if not p.shown)

    @property
    def empty_fields(self) -> tuple[str, ...]:
        return tuple(name for name in SECTION_TITLES if not getattr(self.form, name).strip())


CHECK_SCHEMA = {
    "type": "object",
    "properties": {
        "shown": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "advice": {"type": "string"},
    },
    "required": ["shown", "advice"],
}


def keyword_points(capacity: Capacity, text: str) -> tuple[PointCheck, ...]:
    have = terms(text)
    points = [(p, "focus") for p in capacity.assessor_focus] + [(k, "knowledge") for k in capacity.knowledge]
    return tuple(PointCheck(p, kind, is_shown(p, have), matched_terms(p, have)) for p, kind in points)


def _model_review(
    chat: ChatModel, capacity: Capacity, form: SituationForm, points: Sequence[PointCheck], max_tokens: int
) -> tuple[set[int], str]:
    """Indices (0-based) the model judges shown, and its advice; anything malformed counts as nothing."""
    prompt = load_prompt("dossier_check").render(
        capacity=f"{capacity.id} — {capacity.title}",
        situation=situation_markdown_body(form),
        points="\n".join(f"{n}. {p.point}" for n, p in enumerate(points, start=1)),
    )
    try:
        raw = complete(chat, [Message("user", prompt)], max_tokens=max_tokens, temperature=0.0, schema=CHECK_SCHEMA)
        data = json.loads(raw)
    except (LLMUnavailable, json.JSONDecodeError):
        return set(), ""
    if not isinstance(data, dict):
        return set(), ""
    shown = data.get("shown")
    indices = (
        {n - 1 for n in shown if isinstance(n, int) and 1 <= n <= len(points)} if isinstance(shown, list) else set()
    )
    advice = data.get("advice")
    return indices, neutral(" ".join(advice.split())) if isinstance(advice, str) else ""


def check_situation(
    capacity: Capacity,
    form: SituationForm,
    corpus_dir: Path,
    chat: ChatModel | None = None,
    *,
    max_tokens: int = 300,
) -> SituationCheck:
    """Which capacity points the situation shows; the model may add points, never remove a keyword match."""
    points = keyword_points(capacity, form.text())
    advice = ""
    if chat is not None and form.text().strip():
        extra, advice = _model_review(chat, capacity, form, points, max_tokens)
        points = tuple(
            PointCheck(p.point, p.kind, True, p.words, by_model=True) if i in extra and not p.shown else p
            for i, p in enumerate(points)
        )
    return SituationCheck(capacity.id, capacity.title, form, points, sheet_links(corpus_dir, capacity.sheets), advice)


# ---------------------------------------------------------------- Markdown


def situation_markdown_body(form: SituationForm) -> str:
    parts = []
    for name, heading in SECTION_TITLES.items():
        value = getattr(form, name).strip()
        parts.append(f"**{heading}**\n\n{value or '_(à compléter)_'}")
    return "\n\n".join(parts)


def situation_markdown(check: SituationCheck, level: int = 2) -> str:
    """One situation as the candidate would put it in the dossier, followed by the check."""
    h = "#" * level
    title = check.form.title.strip() or f"Situation professionnelle — {check.capacity}"
    lines = [f"{h} {title}", "", f"Capacité visée : **{check.capacity} — {check.title}**", ""]
    lines.append(situation_markdown_body(check.form))
    lines += ["", f"{h}# Points de la capacité que la situation montre", ""]
    for p in check.shown:
        why = " (selon le modèle, à vérifier)" if p.by_model else f" (mots repérés : {', '.join(p.words)})"
        lines.append(f"- ✅ {p.point}{why}")
    if not check.shown:
        lines.append("- Aucun point repéré pour l'instant : décrivez davantage ce que vous avez fait et pourquoi.")
    lines += ["", f"{h}# Points à développer ou à illustrer", ""]
    lines += [f"- ⬜ {p.point}" for p in check.missing] or ["- Tous les points de la capacité sont abordés."]
    if check.empty_fields:
        lines += ["", "Rubriques vides : " + ", ".join(SECTION_TITLES[f] for f in check.empty_fields) + "."]
    if check.advice:
        lines += ["", f"**Conseil du modèle** : {check.advice}"]
    if check.sheets:
        lines += ["", f"{h}# Fiches utiles", ""] + [f"- {s.markdown()}" for s in check.sheets]
    lines += ["", f"_{PRACTICE_NOTICE} Le repérage des points est automatique (mots-clés) : relisez-le._"]
    return "\n".join(lines)


def dossier_markdown(checks: Sequence[SituationCheck], learner: str = "") -> str:
    """The whole dossier as one Markdown file (no PDF: no maintained PDF library is a product dependency)."""
    head = ["# Dossier de preuves — entraînement VAE", ""]
    if learner.strip():
        head += [f"Candidat : {' '.join(learner.split())}", ""]
    body = [situation_markdown(c) for c in checks] or ["Aucune situation décrite."]
    return "\n".join(head) + "\n" + "\n\n---\n\n".join(body) + "\n"
