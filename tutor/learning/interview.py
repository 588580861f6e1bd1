"""VAE interview practice: the tutor plays the jury on chosen capacities, digs into the answers, then gives feedback.

The session is driven by explicit calls (`start`, `answer`, `feedback`) so the terminal, the web app and the tests
run the same flow. With a model, follow-ups are written from the candidate's last answer; without one (or when the
model fails) the questions come from the framework and the feedback from keyword matching, with the same
self-assessment checklist. It is practice: the output always says so and never carries verdict wording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from tutor.answering.llm import ChatModel, LLMUnavailable, Message, complete
from tutor.learning.dossier import PRACTICE_NOTICE, SheetLink, is_shown, neutral, sheet_links, sheets_for, terms
from tutor.learning.framework import Capacity, Framework
from tutor.prompts import load_prompt

MIN_EXCHANGES, MAX_EXCHANGES, DEFAULT_EXCHANGES = 5, 8, 6
# What a jury digs into after an answer, in turn (wording given to the model and used by the scripted mode).
ANGLES = (
    ("les choix faits et leurs raisons", "Dans ce que vous venez de décrire, quel choix avez-vous fait vous-même, et pourquoi celui-là ?"),
    ("ce qui s'est mal passé ou aurait pu mal se passer", "Qu'est-ce qui aurait pu mal tourner dans cette situation, et comment l'avez-vous vu venir ?"),
    ("ce qu'il ferait autrement aujourd'hui", "Avec le recul, que feriez-vous autrement aujourd'hui, et pourquoi ?"),
    ("la sécurité", "Quelles précautions de sécurité avez-vous prises à ce moment-là, pour vous et pour la machine ?"),
    ("la qualité et les contrôles", "Comment avez-vous vérifié que la pièce était conforme, avec quel instrument et à quel moment ?"),
)  # fmt: skip
Origin = Literal["modèle", "automatique"]


@dataclass(frozen=True)
class Exchange:
    question: str
    answer: str
    capacity: str = ""  # the capacity the question explored


@dataclass(frozen=True)
class InterviewSetup:
    capacities: tuple[str, ...]
    situations: str = ""  # pasted from the candidate's dossier, optional
    learner: str = ""


@dataclass(frozen=True)
class Review:
    topic: str  # a knowledge item of the framework
    sheets: tuple[SheetLink, ...]


@dataclass(frozen=True)
class Feedback:
    capacity: str
    title: str
    convincing: tuple[str, ...]
    missing: tuple[str, ...]
    to_review: tuple[Review, ...]
    checklist: tuple[str, ...]  # self-assessment, from the assessor focus
    origin: Origin = "automatique"


@dataclass(frozen=True)
class Transcript:
    setup: InterviewSetup
    exchanges: tuple[Exchange, ...]
    feedback: tuple[Feedback, ...]
    started: str  # ISO 8601, local time
    model: str = ""  # "" when the interview was scripted
    notice: str = PRACTICE_NOTICE


# No "maxLength": llama.cpp turns it into a bounded repetition that made the feedback ~6x slower on CPU.
FEEDBACK_SCHEMA_ITEM = {
    "type": "object",
    "properties": {
        "capacity": {"type": "string"},
        "convincing": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        "missing": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        "to_review": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
    },
    "required": ["capacity", "convincing", "missing", "to_review"],
}


def feedback_schema(capacities: Sequence[Capacity]) -> dict:
    """Constrain capacity ids and knowledge items to the framework's, so the answer maps back without guessing."""
    item = json.loads(json.dumps(FEEDBACK_SCHEMA_ITEM))
    item["properties"]["capacity"]["enum"] = [c.id for c in capacities]
    item["properties"]["to_review"]["items"]["enum"] = sorted({k for c in capacities for k in c.knowledge})
    return {
        "type": "object",
        "properties": {"capacities": {"type": "array", "items": item, "minItems": 1}},
        "required": ["capacities"],
    }


def checklist(capacity: Capacity) -> tuple[str, ...]:
    return tuple(f"{focus} — ai-je raconté un fait vécu qui le montre ?" for focus in capacity.assessor_focus)


def conversation_text(exchanges: Sequence[Exchange]) -> str:
    return "\n".join(f"Jury : {e.question}\nCandidat : {e.answer}" for e in exchanges) or "(début de l'entretien)"


def clean_question(raw: str) -> str:
    """One question from the model's text: no speaker label, no quotes, no verdict, bounded length."""
    text = " ".join(raw.split())
    text = re.sub(
        r"^(?:\*\*)?(?:jury|question|examinateur|membre du jury)\s*(?:\d+\s*)?(?:\*\*)?\s*:\s*", "", text, flags=re.I
    )
    text = text.strip(' "«»*')
    if "?" in text:
        text = text[: text.index("?") + 1]
    return neutral(text[:400]).strip()


class Interview:
    """One practice interview; `start`, then `answer` until it returns None (or `stop`), then `feedback`."""

    def __init__(
        self,
        framework: Framework,
        setup: InterviewSetup,
        chat: ChatModel | None = None,
        *,
        corpus_dir: Path,
        exchanges: int = DEFAULT_EXCHANGES,
        max_tokens: int = 120,
        feedback_tokens: int = 600,
        temperature: float = 0.3,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        if not setup.capacities:
            raise ValueError("choisissez au moins une capacité")
        self.capacities = tuple(framework.capacity(c) for c in setup.capacities)  # KeyError on an unknown id
        self.setup = replace(setup, capacities=tuple(c.id for c in self.capacities))
        self.chat, self.corpus_dir = chat, corpus_dir
        self.planned = max(MIN_EXCHANGES, min(MAX_EXCHANGES, exchanges))
        self.max_tokens, self.feedback_tokens, self.temperature = max_tokens, feedback_tokens, temperature
        self.started = clock().isoformat(timespec="seconds")
        self.exchanges: tuple[Exchange, ...] = ()
        self.notes: list[str] = []  # French: model failures, so the candidate knows why a question is scripted
        self.current: str | None = None
        self._stopped = False
        self._feedback: tuple[Feedback, ...] | None = None
        self._asked: set[str] = set()

    @property
    def done(self) -> bool:
        return self._stopped or len(self.exchanges) >= self.planned

    def capacity_at(self, index: int) -> Capacity:
        """Capacities in turn, each for a run of consecutive questions, so the jury can dig into one at a time."""
        return self.capacities[min(len(self.capacities) - 1, index * len(self.capacities) // self.planned)]

    def start(self) -> str:
        if self.current is None and not self.exchanges:
            capacity = self.capacities[0]
            where = ", en vous appuyant sur votre dossier," if self.setup.situations.strip() else ""
            self.current = (
                "Bonjour. Pour commencer, présentez-vous en quelques mots (parcours, poste actuel), puis racontez-nous"
                f"{where} une situation de travail récente où vous avez dû « {capacity.title.lower()} » : "
                "le contexte, ce que vous avez fait vous-même et le résultat."
            )
        return self.current or ""

    def answer(self, text: str) -> str | None:
        """Record the answer to the current question; the next question, or None when the interview is over."""
        if self.current is None:
            self.start()
        if self.done:
            return None
        self.exchanges += (
            Exchange(self.current or "", " ".join(text.split()), self.capacity_at(len(self.exchanges)).id),
        )
        self._feedback = None
        if self.done:
            self.current = None
            return None
        self.current = self._next_question()
        return self.current

    def stop(self) -> None:
        """End early (the candidate's choice); the feedback covers what was said."""
        self._stopped, self.current = True, None

    # ------------------------------------------------------------ questions

    def _next_question(self) -> str:
        index = len(self.exchanges)
        capacity = self.capacity_at(index)
        angle, scripted_follow_up = ANGLES[(index - 1) % len(ANGLES)]
        if self.exchanges[-1].capacity != capacity.id:
            angle = "une situation vécue liée à cette nouvelle capacité (fais le lien avec ce qu'il vient de dire)"
        if self.chat is not None:
            prompt = load_prompt("interview_jury").render(
                capacity=f"{capacity.id} — {capacity.title}",
                description=capacity.description,
                focus="\n".join(f"- {f}" for f in capacity.assessor_focus),
                situations=self.setup.situations.strip(),
                conversation=conversation_text(self.exchanges[:-1]),
                last_answer=self.exchanges[-1].answer or "(pas de réponse)",
                angle=angle,
            )
            try:
                raw = complete(
                    self.chat, [Message("user", prompt)], max_tokens=self.max_tokens, temperature=self.temperature
                )
            except LLMUnavailable as exc:
                self.notes.append(f"Modèle indisponible, question tirée du référentiel : {exc}")
            else:
                question = clean_question(raw)
                if len(re.findall(r"\w+", question)) >= 4:
                    self._asked.add(question)
                    return question
                self.notes.append("Réponse du modèle inutilisable : question tirée du référentiel.")
        return self._scripted_question(capacity, index, scripted_follow_up)

    def _scripted_question(self, capacity: Capacity, index: int, follow_up: str) -> str:
        """Framework questions, with a follow-up after each real answer, as a jury digs in."""
        previous = self.exchanges[-1]
        new_capacity = previous.capacity != capacity.id
        if not new_capacity and index % 2 == 0 and previous.answer and follow_up not in self._asked:
            self._asked.add(follow_up)
            return follow_up
        for question in capacity.interview_questions:
            if question not in self._asked:
                self._asked.add(question)
                return question
        return next((a for _, a in ANGLES if a not in self._asked), ANGLES[0][1])

    # ------------------------------------------------------------ feedback

    def feedback(self) -> tuple[Feedback, ...]:
        """Per capacity: from the model when it answers with valid JSON, else from keyword matching."""
        if self._feedback is None:
            scripted = {c.id: self._scripted_feedback(c) for c in self.capacities}
            from_model = self._model_feedback(scripted) if self.chat is not None and self.exchanges else {}
            self._feedback = tuple(from_model.get(c.id, scripted[c.id]) for c in self.capacities)
        return self._feedback

    def _answers_for(self, capacity: Capacity) -> str:
        own = [e.answer for e in self.exchanges if e.capacity == capacity.id]
        return "\n".join(own or [e.answer for e in self.exchanges])

    def _reviews(self, capacity: Capacity, topics: Sequence[str]) -> tuple[Review, ...]:
        links = sheet_links(self.corpus_dir, capacity.sheets)
        return tuple(Review(topic, sheets_for(topic, links)) for topic in topics)

    def _scripted_feedback(self, capacity: Capacity) -> Feedback:
        have = terms(self._answers_for(capacity))
        shown = [f for f in capacity.assessor_focus if is_shown(f, have)]
        convincing = tuple(f"Vous avez abordé ce point : {f[0].lower()}{f[1:]}." for f in shown)
        missing = tuple(
            f"Point peu ou pas abordé : {f[0].lower()}{f[1:]}." for f in capacity.assessor_focus if f not in shown
        )
        topics = [k for k in capacity.knowledge if not is_shown(k, have)]
        return Feedback(
            capacity.id, capacity.title, convincing, missing, self._reviews(capacity, topics), checklist(capacity)
        )

    def _model_feedback(self, scripted: dict[str, Feedback]) -> dict[str, Feedback]:
        """Valid items only; a capacity the model skipped or garbled gets the scripted feedback.

        When the model names nothing missing, the keyword check's missing points are kept: a small model is lenient.
        """
        described = "\n\n".join(
            f"{c.id} — {c.title}\nCe qu'un évaluateur cherche :\n"
            + "\n".join(f"- {f}" for f in c.assessor_focus)
            + "\nConnaissances :\n"
            + "\n".join(f"- {k}" for k in c.knowledge)
            for c in self.capacities
        )
        prompt = load_prompt("interview_feedback").render(
            capacities=described, conversation=conversation_text(self.exchanges)
        )
        try:
            raw = complete(
                self.chat,  # type: ignore[arg-type]  # checked by the caller
                [Message("user", prompt)],
                max_tokens=self.feedback_tokens,
                temperature=0.0,
                schema=feedback_schema(self.capacities),
            )
            data = json.loads(raw)
        except LLMUnavailable as exc:
            self.notes.append(f"Modèle indisponible pour le retour : retour automatique ({exc})")
            return {}
        except json.JSONDecodeError:
            self.notes.append("Retour du modèle illisible (JSON invalide) : retour automatique.")
            return {}
        items = data.get("capacities") if isinstance(data, dict) else None
        result: dict[str, Feedback] = {}
        by_id = {c.id: c for c in self.capacities}
        for item in items if isinstance(items, list) else []:
            parsed = _parse_item(item, by_id)
            if parsed is not None and parsed[0].id not in result:
                capacity, convincing, missing, topics = parsed
                result[capacity.id] = Feedback(
                    capacity.id,
                    capacity.title,
                    convincing,
                    missing or scripted[capacity.id].missing,
                    self._reviews(capacity, topics),
                    checklist(capacity),
                    origin="modèle",
                )
        if len(result) < len(self.capacities):
            self.notes.append("Le modèle n'a pas couvert toutes les capacités : retour automatique pour les autres.")
        return result

    def transcript(self) -> Transcript:
        return Transcript(
            self.setup, self.exchanges, self.feedback(), self.started, self.chat.model if self.chat else ""
        )


def _strings(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(dict.fromkeys(neutral(" ".join(v.split())) for v in value if v.strip()))


def _parse_item(
    item: object, by_id: dict[str, Capacity]
) -> tuple[Capacity, tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    if not isinstance(item, dict) or str(item.get("capacity", "")).upper() not in by_id:
        return None
    capacity = by_id[str(item["capacity"]).upper()]
    convincing, missing, topics = (_strings(item.get(k)) for k in ("convincing", "missing", "to_review"))
    if convincing is None or missing is None or topics is None or not (convincing or missing):
        return None
    known = [k for k in capacity.knowledge if k in topics]  # invented topics are dropped, not trusted
    return capacity, convincing, missing, tuple(known)


# ---------------------------------------------------------------- persistence and export


def learner_folder(name: str) -> str:
    """A folder name for a learner: one per person whatever the case or spacing, nothing that escapes the folder."""
    name = " ".join(name.split()).casefold()
    return re.sub(r"[^\w\- ]+", "_", name).strip(" ._")[:80] or "anonyme"


def save_transcript(home: Path, transcript: Transcript) -> Path:
    """`<home>/interviews/<learner>/<timestamp>.json`; never overwrites an earlier one."""
    folder = home / "interviews" / learner_folder(transcript.setup.learner)
    folder.mkdir(parents=True, exist_ok=True)
    stem = transcript.started.replace(":", "-")
    path, n = folder / f"{stem}.json", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.json"
    path.write_text(json.dumps(asdict(transcript), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def list_transcripts(home: Path, learner: str) -> list[Path]:
    """Newest first."""
    folder = home / "interviews" / learner_folder(learner)

    def order(path: Path) -> tuple[str, int]:  # "<timestamp>", then "<timestamp>-2", "-3"...
        n = path.stem[20:]
        return path.stem[:19], int(n) if n.isdigit() else 1

    return sorted(folder.glob("*.json"), key=order, reverse=True) if folder.is_dir() else []


def load_transcript(path: Path) -> Transcript:
    data = json.loads(path.read_text(encoding="utf-8"))
    setup = data["setup"]
    return Transcript(
        InterviewSetup(tuple(setup["capacities"]), setup.get("situations", ""), setup.get("learner", "")),
        tuple(Exchange(**e) for e in data["exchanges"]),
        tuple(
            Feedback(
                f["capacity"],
                f["title"],
                tuple(f["convincing"]),
                tuple(f["missing"]),
                tuple(Review(r["topic"], tuple(SheetLink(**s) for s in r["sheets"])) for r in f["to_review"]),
                tuple(f["checklist"]),
                f.get("origin", "automatique"),
            )
            for f in data["feedback"]
        ),
        data["started"],
        data.get("model", ""),
        data.get("notice", PRACTICE_NOTICE),
    )


def feedback_markdown(feedback: Sequence[Feedback], level: int = 2) -> str:
    h = "#" * level
    lines = [f"> {PRACTICE_NOTICE}", ""]
    for f in feedback:
        origin = "rédigé par le modèle de langage" if f.origin == "modèle" else "automatique, par repérage de mots-clés"
        lines += [f"{h} {f.capacity} — {f.title}", "", f"_Retour {origin}._", "", "**Ce qui était convaincant**", ""]
        lines += [f"- {c}" for c in f.convincing] or ["- Rien de précis pour l'instant : racontez des faits vécus."]
        lines += ["", "**Ce qui manquait**", ""] + ([f"- {m}" for m in f.missing] or ["- Rien de signalé."])
        lines += ["", "**Connaissances à revoir**", ""]
        for review in f.to_review:
            sheets = ", ".join(s.markdown() for s in review.sheets)
            lines.append(f"- {review.topic}" + (f" : {sheets}" if sheets else ""))
        if not f.to_review:
            lines.append("- Rien de signalé.")
        lines += ["", "**Auto-évaluation**", ""] + [f"- [ ] {item}" for item in f.checklist] + [""]
    return neutral("\n".join(lines)).rstrip() + "\n"


def to_markdown(transcript: Transcript) -> str:
    """The transcript as a Markdown file the candidate can keep or show a trainer."""
    setup = transcript.setup
    lines = ["# Entretien VAE — entraînement", "", f"> {transcript.notice}", ""]
    lines.append(f"- Date : {transcript.started.replace('T', ' ')}")
    if setup.learner.strip():
        lines.append(f"- Candidat : {' '.join(setup.learner.split())}")
    lines.append(f"- Capacités : {', '.join(setup.capacities)}")
    lines.append(f"- Jury simulé : {'modèle ' + transcript.model if transcript.model else 'questions du référentiel'}")
    if setup.situations.strip():
        lines += ["", "## Situations du dossier", "", setup.situations.strip()]
    lines += ["", "## Échanges", ""]
    for n, e in enumerate(transcript.exchanges, start=1):
        lines += [
            f"**Jury ({n}, {e.capacity})** : {e.question}",
            "",
            f"**Candidat** : {e.answer or '_(pas de réponse)_'}",
            "",
        ]
    lines += ["## Retour d'entraînement", "", feedback_markdown(transcript.feedback, level=3)]
    return "\n".join(lines).rstrip() + "\n"
