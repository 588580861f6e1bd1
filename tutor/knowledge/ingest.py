"""Ingestion: files -> documents -> chunks -> vectors -> index, idempotent by content hash.

Unchanged files are skipped before parsing; changed ones are replaced whole; bad files are skipped
with a French reason and never stop the run. Each run first repairs what a killed run left behind.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tutor.documents import IngestReport, Skipped
from tutor.knowledge.chunking import ChunkingPolicy, chunk_document
from tutor.knowledge.embeddings import Embedder
from tutor.knowledge.loaders import SkipDocument, document_hash, is_supported, load_document
from tutor.knowledge.store import ChromaStore, DocRecord

# Sub-folders of the built-in corpus and the kind of document they hold.
CORPUS_KINDS = {"fiches": "fiche", "depannage": "depannage", "referentiel": "referentiel", "gcode": "gcode"}


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    chunks: int
    path: str


@dataclass(frozen=True)
class Candidate:
    path: Path
    doc_id: str
    kind_hint: str | None


class Ingestor:
    def __init__(
        self,
        store: ChromaStore,
        embedder: Embedder,
        *,
        policy: ChunkingPolicy,
        max_bytes: int,
        project_root: Path,
        corpus_dir: Path,
        embed_batch: int = 32,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.policy = policy
        self.max_bytes = max_bytes
        self.project_root = project_root.resolve()
        self.corpus_dir = corpus_dir.resolve()
        self.embed_batch = embed_batch

    def doc_id(self, path: Path) -> str:
        resolved = path.resolve()
        return (
            str(resolved.relative_to(self.project_root))
            if resolved.is_relative_to(self.project_root)
            else str(resolved)
        )

    def _kind_hint(self, path: Path) -> str | None:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.corpus_dir):
            return None
        parts = resolved.relative_to(self.corpus_dir).parts
        if parts == ("glossaire.md",):
            return "glossaire"
        return CORPUS_KINDS.get(parts[0]) if len(parts) > 1 else None

    def discover(self, paths: Iterable[Path]) -> tuple[list[Candidate], list[Skipped]]:
        found: dict[str, Candidate] = {}
        skipped: list[Skipped] = []
        for root in paths:
            if root.is_dir():
                files = sorted(
                    p
                    for p in root.rglob("*")
                    if p.is_file()
                    and is_supported(p, self._kind_hint(p))
                    and not any(part.startswith(".") for part in p.relative_to(root).parts)
                )
            elif root.is_file():
                files = [root]
            else:
                skipped.append(Skipped(str(root), "chemin introuvable"))
                continue
            for path in files:
                kind = self._kind_hint(path)
                if not is_supported(path, kind):
                    skipped.append(Skipped(str(path), f"format non pris en charge ({path.suffix or 'sans extension'})"))
                    continue
                doc_id = self.doc_id(path)
                found[doc_id] = Candidate(path, doc_id, kind)
        return list(found.values()), skipped

    def run(
        self,
        paths: Iterable[Path],
        *,
        prune: bool = False,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> IngestReport:
        started = time.perf_counter()
        roots = [Path(p) for p in paths]
        repaired = sorted(self.store.orphan_doc_ids())
        for doc_id in repaired:
            self.store.delete_document(doc_id)
        candidates, skipped = self.discover(roots)
        known = self.store.documents()
        indexed: list[str] = []
        unchanged: list[str] = []
        chunks_added = 0
        for done, candidate in enumerate(candidates, start=1):
            try:
                data = candidate.path.read_bytes() if candidate.path.stat().st_size <= self.max_bytes else b""
                record = known.get(candidate.doc_id)
                if data and record and record.content_hash == document_hash(data, candidate.kind_hint):
                    unchanged.append(candidate.doc_id)
                else:
                    chunks_added += self._index(candidate, data or None)
                    indexed.append(candidate.doc_id)
            except SkipDocument as exc:
                skipped.append(Skipped(str(candidate.path), str(exc)))
                if candidate.doc_id in known:  # the file went bad: do not keep serving its old text
                    self.store.delete_document(candidate.doc_id)
            except OSError as exc:
                skipped.append(Skipped(str(candidate.path), f"fichier illisible ({exc.strerror or exc})"))
            if on_progress:
                on_progress(Progress(done, len(candidates), chunks_added, candidate.doc_id))
        removed = self._prune(roots, {c.doc_id for c in candidates}, known) if prune else []
        return IngestReport(
            indexed=tuple(indexed),
            unchanged=tuple(unchanged),
            removed=tuple(removed),
            repaired=tuple(repaired),
            skipped=tuple(skipped),
            chunks_added=chunks_added,
            seconds=time.perf_counter() - started,
        )

    def remove(self, doc_id: str) -> bool:
        """Forget one document; False when the index does not know it."""
        if doc_id not in self.store.documents():
            return False
        self.store.delete_document(doc_id)
        return True

    def _index(self, candidate: Candidate, data: bytes | None) -> int:
        document = load_document(
            candidate.path, candidate.doc_id, max_bytes=self.max_bytes, kind_hint=candidate.kind_hint, data=data
        )
        chunks = chunk_document(document, self.policy)
        if not chunks:
            raise SkipDocument("document sans texte")
        vectors = self.embedder.embed_passages([c.search_text for c in chunks])
        record = DocRecord(
            doc_id=document.doc_id,
            content_hash=document.content_hash,
            chunks=len(chunks),
            title=document.title,
            kind=document.kind,
        )
        self.store.put_document(record, chunks, vectors)
        return len(chunks)

    def _prune(self, roots: list[Path], present: set[str], known: dict[str, DocRecord]) -> list[str]:
        """Remove documents that lived under the given folders and are gone now."""
        scopes = [self.doc_id(r) for r in roots if r.is_dir()]
        removed = []
        for doc_id in known:
            in_scope = any(
                doc_id == s or doc_id.startswith(s.rstrip("/") + "/") or (s == "." and not Path(doc_id).is_absolute())
                for s in scopes
            )
            if in_scope and doc_id not in present:
                self.store.delete_document(doc_id)
                removed.append(doc_id)
        return sorted(removed)


def safe_filename(name: str) -> str:
    """Keep a plain file name: no folders, no control or shell characters, no leading dot, bounded length."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" ._") or "document"
    suffix = re.sub(r"[^\w]+", "", suffix).lower()
    return f"{stem[:100]}.{suffix}" if suffix else stem[:100]
