"""The one place where objects are wired from settings; the CLI and the web app only call this."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tutor.chunking import ChunkingPolicy
from tutor.documents import Hit, IndexStats, IngestReport
from tutor.embeddings import Embedder, SentenceTransformerEmbedder
from tutor.glossary import QueryExpander
from tutor.ingest import Ingestor, Progress
from tutor.retrieval import FusionPolicy, Retriever
from tutor.settings import PROJECT_ROOT, Settings
from tutor.store import ChromaStore


def offline_environment() -> None:
    """Make sure no library reaches for the network: models and index are provisioned at set-up."""
    for name, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
        "TOKENIZERS_PARALLELISM": "false",
        "TRANSFORMERS_VERBOSITY": "error",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    }.items():
        os.environ.setdefault(name, value)


class ModelMissing(RuntimeError):
    """The embedding model is not provisioned; the message is French."""


@dataclass
class Tutor:
    settings: Settings
    store: ChromaStore
    embedder: Embedder
    retriever: Retriever
    ingestor: Ingestor

    @classmethod
    def from_settings(cls, settings: Settings, *, embedder: Embedder | None = None, rebuild: bool = False) -> Tutor:
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
            expander=QueryExpander.from_file(settings.corpus_dir / "glossaire.md"),
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
        return cls(settings, store, embedder, retriever, ingestor)

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
