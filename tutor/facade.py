"""The one place where objects are wired from settings; the CLI and the web app only call this."""

from __future__ import annotations

import contextlib
import os
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.answering.queue import FairQueue, Waiting, waiting_event
from tutor.centre.centre import Centre
from tutor.documents import Hit, IndexStats, IngestReport, Skipped
from tutor.knowledge.chunking import ChunkingPolicy
from tutor.knowledge.embeddings import Embedder, SentenceTransformerEmbedder
from tutor.knowledge.glossary import QueryExpander
from tutor.knowledge.ingest import Ingestor, Progress, safe_filename
from tutor.knowledge.lexicon import LEXICON_FILES
from tutor.knowledge.loaders import is_supported
from tutor.knowledge.retrieval import FusionPolicy, Retriever
from tutor.knowledge.store import ChromaStore, DocRecord
from tutor.learning.framework import FrameworkError, load_framework
from tutor.learning.progress import Mastery, Missed
from tutor.learning.progress import Progress as ProgressStore
from tutor.learning.quiz.bank import Grade, Question, Quiz, QuizError, assemble, grade, load_bank
from tutor.learning.quiz.export import to_csv, to_gift, to_json, to_markdown, to_moodle_xml
from tutor.learning.quiz.numeric import numeric_question, numeric_questions
from tutor.offline import offline_environment
from tutor.provision import LLM_FILE
from tutor.settings import PROJECT_ROOT, Settings

# The answering and learning stacks are imported where they are first used, not here: a cold `tutor search`
# (index, encoder, retrieval only) then does not pay their 0.3 s of imports (httpx, the prompt templates). The names below are for types.
if TYPE_CHECKING:
    from tutor.answering.answer import Answer, Answerer, Event, Turn
    from tutor.answering.llm import BackendStatus, ChatModel
    from tutor.backends import Backend
    from tutor.learning.dossier import SituationCheck, SituationForm
    from tutor.learning.interview import Interview, Transcript
    from tutor.learning.quiz.generation import Generation


class ModelMissing(RuntimeError):
    """The embedding model is not provisioned; the message is French."""


@dataclass
class Tutor:
    settings: Settings
    store: ChromaStore
    embedder: Embedder
    retriever: Retriever
    ingestor: Ingestor
    chat: ChatModel | None = None  # given by tests; otherwise chosen from the settings at first use
    backend_choice: Backend | None = None
    _wired: tuple[Answerer, BackendStatus] | None = field(default=None, init=False, repr=False)
    _wiring: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _queue: FairQueue | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        rebuild: bool = False,
        chat: ChatModel | None = None,
        backend: Backend | None = None,
    ) -> Tutor:
        """Wire the knowledge side now; the answerer on first use. `chat` (tests) bypasses backend selection;
        `backend` overrides the setting."""
        offline_environment()
        if embedder is None:
            model_dir = settings.embedding_dir
            if not model_dir.exists():
                raise ModelMissing(
                    f"Modèle d'embeddings absent ({model_dir}) : lancez « tutor models » (ou « make run »)."
                )
            embedder = SentenceTransformerEmbedder(model_dir, batch_size=settings.embed_batch)
        store = ChromaStore.open(
            path=settings.index_dir,
            url=settings.chroma_url,
            name=settings.collection,
            model=embedder.name,
            dim=embedder.dim,
            rebuild=rebuild,
        )
        retriever = Retriever(
            store,
            embedder,
            FusionPolicy(
                candidates=settings.candidates,
                rrf_k=settings.rrf_k,
                dense_weight=settings.dense_weight,
                lexical_weight=settings.lexical_weight,
                max_per_doc=settings.max_per_doc,
            ),
            cache_dir=settings.home / "cache",
            expander=QueryExpander.from_file(
                settings.corpus_dir / "glossaire.md", lexicons=[settings.corpus_dir / name for name in LEXICON_FILES]
            ),
        )
        ingestor = Ingestor(
            store,
            embedder,
            policy=ChunkingPolicy(max_chars=settings.chunk_max_chars, overlap_chars=settings.chunk_overlap_chars),
            max_bytes=int(settings.max_file_mb * 1_000_000),
            project_root=PROJECT_ROOT,
            corpus_dir=settings.corpus_dir,
            embed_batch=settings.embed_batch,
        )
        return cls(settings, store, embedder, retriever, ingestor, chat, backend)

    @property
    def centre(self) -> Centre:
        return Centre.from_settings(self.settings)

    @property
    def answerer(self) -> Answerer:
        return self._wire()[0]

    @property
    def backend(self) -> BackendStatus:
        return self._wire()[1]

    def _wire(self) -> tuple[Answerer, BackendStatus]:
        """The answering side, built once, on the first question (or the first look at the backend)."""
        with self._wiring:
            if self._wired is None:
                self._wired = self._build_answerer()
            return self._wired

    def _build_answerer(self) -> tuple[Answerer, BackendStatus]:
        from tutor.answering.answer import Answerer, AnswerPolicy
        from tutor.answering.llm import BackendStatus
        from tutor.answering.program_reading import read_program
        from tutor.answering.routing import Router
        from tutor.answering.scope import ScopeFilter
        from tutor.answering.topicality import TopicJudge
        from tutor.backends import choose_chat
        from tutor.shop.numeric import answer_numeric

        settings, embedder, retriever, chat = self.settings, self.embedder, self.retriever, self.chat
        if chat is not None:
            status = BackendStatus(chat.backend, chat.model, "modèle fourni")
        else:
            chat, status = choose_chat(settings, self.backend_choice)
        policy = AnswerPolicy(
            sources=settings.answer_sources,
            source_chars=settings.answer_source_chars,
            min_support=settings.min_support,
            min_support_english=settings.min_support_english,
            max_tokens=settings.llm_max_tokens,
            temperature=settings.llm_temperature,
            quotes=settings.answer_quotes,
        )
        topic = TopicJudge(retriever.passages, retriever.expander.expand if retriever.expander else None)
        scope = (
            ScopeFilter(
                embedder.embed_query,
                embedder.name,
                settings.corpus_dir / "scope",
                settings.home / "cache",
                recall=settings.scope_recall,
                unknown_share=topic.unknown_share,
            )
            if settings.scope_filter
            else None
        )
        answerer = Answerer(
            lambda query, k, capacity: retriever.search(query, k, capacity=capacity),
            chat,
            policy,
            answer_numeric,
            scope,
            lambda question, texts: embedder.embed_sentences(texts) @ embedder.embed_query(question),
            router=Router(
                embedder.embed_query,
                embedder.name,
                settings.corpus_dir / "routage",
                settings.home / "cache",
                computes=lambda question: answer_numeric(question) is not None,
            ),
            topic=topic.judge,
            read_program=read_program,
            guide=lambda question: retriever.search(question, 8, kind="depannage"),
        )
        return answerer, status

    def ingest(
        self,
        paths: Sequence[Path] = (),
        *,
        prune: bool = False,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> IngestReport:
        return self.ingestor.run(paths or [self.settings.corpus_dir], prune=prune, on_progress=on_progress)

    def search(
        self, query: str, k: int | None = None, *, capacity: str | None = None, kind: str | None = None
    ) -> list[Hit]:
        return self.retriever.search(query, k or self.settings.search_k, capacity=capacity, kind=kind)

    def ask(self, question: str, history: Sequence[Turn] = (), *, capacity: str | None = None) -> Answer:
        return self.answerer.ask(question, history, capacity=capacity)

    def ask_stream(
        self, question: str, history: Sequence[Turn] = (), *, capacity: str | None = None, user: str = ""
    ) -> Iterator[Event | Waiting]:
        """Stream one answer. While other users' questions hold the model, `Waiting` events come first (position,
        estimated wait); the place is given up if the stream is closed (the page was left)."""
        ticket = self.queue.join(user or "local")
        try:
            waited = 0.0  # say where the request stands at once, then every second
            while not ticket.wait(waited):
                yield waiting_event(ticket)
                waited = 1.0
            yield from self.answerer.stream(question, history, capacity=capacity)
        finally:
            ticket.release()

    @property
    def queue(self) -> FairQueue:
        """One queue for the whole app: `llm_slots` answers at once with a model, one per core without one."""
        has_model = self.answerer.chat is not None  # wired first: the wiring takes the same lock
        with self._wiring:
            if self._queue is None:
                slots = self.settings.llm_slots
                # without a model an answer is CPU work (retrieval, quotes): one per core
                self._queue = FairQueue(slots if has_model else max(slots, os.cpu_count() or 2))
            return self._queue

    def prepare_scope(self) -> str | None:
        """Train (or load) the scope filter now, so the first question does not wait for it; a line to show."""
        from tutor.answering.routing import Router
        from tutor.answering.scope import ScopeFilter

        router = self.answerer.router
        routed = isinstance(router, Router) and router.model() is not None
        scope = self.answerer.in_scope
        if not isinstance(scope, ScopeFilter) or scope.model() is None:
            return "Routeur de questions prêt." if routed else None
        ready = "Filtre de domaine prêt (questions hors usinage refusées avant la recherche)"
        return f"{ready} ; routeur de questions prêt." if routed else f"{ready}."

    def warm_up(self) -> None:
        """Start the embedded model, have it read the answer rules, and load the scope filter, in the background,
        so the first question does not pay for them."""
        # One thread, one model after the other: the query encoder is not used from two threads at once.
        threading.Thread(target=self.prepare_scope, daemon=True, name="scope-warm-up").start()
        server = getattr(self.answerer.chat, "server", None)
        if server is not None and (self.settings.models_dir / LLM_FILE).exists():

            def start() -> None:
                from tutor.answering.llm import LLMUnavailable

                with contextlib.suppress(LLMUnavailable):  # reported again, in French, at the first question
                    server.base_url()
                    self.answerer.prime()

            threading.Thread(target=start, daemon=True, name="llm-warm-up").start()

    @property
    def uploads_dir(self) -> Path:
        return self.settings.home / "uploads"

    def add_upload(
        self, filename: str, data: bytes, *, on_progress: Callable[[Progress], None] | None = None
    ) -> IngestReport:
        """Store an uploaded file under the data directory (sanitised name) and index it.

        A file that cannot be indexed is not kept, so the uploads folder mirrors the index.
        """
        name = safe_filename(filename)
        limit = int(self.settings.max_file_mb * 1_000_000)
        if not is_supported(Path(name)):
            return IngestReport(
                skipped=(Skipped(name, f"format non pris en charge ({Path(name).suffix or 'sans extension'})"),)
            )
        if len(data) > limit:
            return IngestReport(
                skipped=(Skipped(name, f"fichier trop volumineux (plus de {self.settings.max_file_mb:g} Mo)"),)
            )
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        target = self.uploads_dir / name
        existed = target.exists()
        previous = target.read_bytes() if existed else None
        target.write_bytes(data)
        report = self.ingest([target], on_progress=on_progress)
        if report.skipped:
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
        return report

    def documents(self) -> list[DocRecord]:
        return sorted(self.store.documents().values(), key=lambda r: r.doc_id)

    @staticmethod
    def document_path(doc_id: str) -> Path:
        """Where an indexed document lies: an upload's absolute path, or a path under the project."""
        path = Path(doc_id)
        return path if path.is_absolute() else PROJECT_ROOT / doc_id

    def remove(self, doc_id: str) -> bool:
        """Forget a document; an uploaded file is deleted too, a corpus file stays on disk."""
        removed = self.ingestor.remove(doc_id)
        path = self.document_path(doc_id)
        if removed and path.resolve().parent == self.uploads_dir.resolve():
            path.unlink(missing_ok=True)
        return removed

    # ------------------------------------------------------------------ quizzes

    def quiz_bank(self) -> list[Question]:
        return load_bank(self.settings.corpus_dir / "quiz")

    def capacity_titles(self) -> dict[str, str]:
        try:
            return {c.id: c.title for c in load_framework(self.settings.corpus_dir).capacities}
        except (FrameworkError, OSError):
            return {}

    def build_quiz(
        self,
        capacities: Sequence[str],
        n: int = 10,
        difficulty: int | None = None,
        *,
        use_model: bool = True,
        learner: str | None = None,
        seed: int | None = None,
        on_item: Callable[[Generation], None] | None = None,
    ) -> tuple[Quiz, Generation | None]:
        """Bank + calculated exercises + (with a model) grounded generated items; due questions first."""
        from tutor.learning.quiz.generation import Generation, generate

        rng = random.Random(seed)
        bank = self.quiz_bank()
        extra = numeric_questions(capacities, max(1, n // 3), rng)
        generation = None
        chat = self.answerer.chat
        if use_model and chat is not None:
            generation = Generation()
            share = max(1, -(-n // (3 * len(capacities))))  # about a third of the quiz, spread over capacities
            chunks = self.store.chunks()
            for capacity in capacities:
                part = generate(chat, chunks, capacity, share, bank=bank, rng=rng, on_item=on_item)
                generation.kept.extend(part.kept)
                generation.rejected.update(part.rejected)
                generation.log.extend(part.log)
            extra.extend(generation.kept)
        notes = []
        if generation is not None:
            rejected = ", ".join(f"{code} {count}" for code, count in sorted(generation.rejected.items()))
            notes.append(
                f"Questions générées par le modèle : {len(generation.kept)} gardées sur {generation.tried}"
                + (f" (rejetées : {rejected})" if rejected else "")
            )
        due = self.due_questions(learner) if learner else []
        quiz = assemble(bank, extra + due, capacities, n, difficulty, rng, [q.id for q in due], notes)
        return quiz, generation

    def due_questions(self, learner: str) -> list[Question]:
        """Questions this learner should see again now (missed first), rebuilt from their ids."""
        by_id = {q.id: q for q in self.quiz_bank()}
        with ProgressStore.open(self.settings.home) as progress:
            ids = progress.due(learner, datetime.now(UTC))
        due = []
        for qid in ids:
            if qid in by_id:
                due.append(by_id[qid])
            elif "-calc-" in qid:
                with contextlib.suppress(QuizError):
                    due.append(numeric_question(qid))
        return due

    def record_answer(self, learner: str, question: Question, response: object) -> Grade:
        """Grade (exact, tolerance, normalised text; a refused short answer gets the model's second look)."""
        result = grade(question, response)
        if not result.correct and self.answerer.chat is not None and isinstance(response, str):
            from tutor.learning.quiz.generation import rubric_grade

            result = rubric_grade(self.answerer.chat, question, response) or result
        if learner.strip():
            with ProgressStore.open(self.settings.home) as progress:
                progress.record(learner, question, result, datetime.now(UTC))
        return result

    def mastery(self, learner: str) -> tuple[dict[str, Mastery], list[Missed]]:
        with ProgressStore.open(self.settings.home) as progress:
            return progress.mastery(learner), progress.most_missed(learner, 10)

    def export_quiz(self, questions: Sequence[Question], fmt: str, notes: Sequence[str] = ()) -> str:
        titles = self.capacity_titles()
        match fmt:
            case "gift":
                return to_gift(questions, titles)
            case "xml":
                return to_moodle_xml(questions, titles)
            case "md":
                return to_markdown(questions, titles, notes=notes)
            case "csv":
                return to_csv(questions)
            case "json":
                return to_json(questions)
        raise QuizError(f"format d'export inconnu « {fmt} » (gift, xml, md, csv, json)")

    # ------------------------------------------------------------------ interview practice and dossier

    def start_interview(
        self,
        capacities: Sequence[str],
        situations: str = "",
        learner: str = "",
        *,
        exchanges: int = 6,
        use_model: bool = True,
    ) -> Interview:
        """A practice `Interview` (tutor.learning.interview); scripted when there is no model or `use_model` is False.

        Raises FrameworkError (framework unreadable), KeyError (unknown capacity), ValueError (none chosen).
        """
        from tutor.learning.interview import Interview, InterviewSetup

        settings = self.settings
        return Interview(
            load_framework(settings.corpus_dir),
            InterviewSetup(tuple(c.upper() for c in capacities), situations, learner),
            self.answerer.chat if use_model else None,
            corpus_dir=settings.corpus_dir,
            exchanges=exchanges,
            max_tokens=min(settings.llm_max_tokens, 150),  # one or two sentences
            feedback_tokens=max(2 * settings.llm_max_tokens, 300) * len(capacities),  # JSON per capacity
            temperature=max(settings.llm_temperature, 0.3),  # a jury varies its wording
        )

    def save_transcript(self, transcript: Transcript) -> Path:
        """Save a `Transcript` under `<home>/interviews/<learner>/<timestamp>.json`."""
        from tutor.learning.interview import save_transcript

        return save_transcript(self.settings.home, transcript)

    def list_transcripts(self, learner: str) -> list[Path]:
        from tutor.learning.interview import list_transcripts

        return list_transcripts(self.settings.home, learner)

    def load_transcript(self, path: Path) -> Transcript:
        """The `Transcript` saved at `path`."""
        from tutor.learning.interview import load_transcript

        return load_transcript(path)

    def vae_blocs(self) -> dict[str, tuple[str, ...]]:
        """Bloc label ("BC2 — title") to its capacity ids, to pick a whole bloc; empty if the framework is unreadable."""
        try:
            blocs = load_framework(self.settings.corpus_dir).blocs
        except (FrameworkError, OSError):
            return {}
        return {f"{b.id} — {b.title}": b.capacities for b in blocs}

    def check_situation(self, capacity: str, form: SituationForm, *, use_model: bool = True) -> SituationCheck:
        """A `SituationCheck` (tutor.learning.dossier) of one `SituationForm` against a capacity's points."""
        from tutor.learning.dossier import check_situation

        return check_situation(
            load_framework(self.settings.corpus_dir).capacity(capacity),
            form,
            self.settings.corpus_dir,
            self.answerer.chat if use_model else None,
            max_tokens=max(self.settings.llm_max_tokens, 200),
        )

    def stats(self) -> IndexStats:
        chunks = self.store.chunks()
        per_kind: dict[str, int] = {}
        per_capacity: dict[str, int] = {}
        for chunk in chunks:
            per_kind[chunk.kind] = per_kind.get(chunk.kind, 0) + 1
            for capacity in chunk.capacities:
                per_capacity[capacity] = per_capacity.get(capacity, 0) + 1
        return IndexStats(
            documents=len(self.store.documents()),
            chunks=len(chunks),
            per_kind=dict(sorted(per_kind.items())),
            per_capacity=dict(sorted(per_capacity.items())),
            size_bytes=self.store.size_bytes(),
            model=self.embedder.name,
            location=self.store.location,
        )
