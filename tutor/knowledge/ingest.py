"""Ingestion: files -> documents -> chunks -> vectors -> index, idempotent by content hash.

Unchanged files are skipped before parsing; changed ones are replaced whole; bad files are skipped
with a French reason and never stop the run. A long document is embedded and stored batch by batch, so a
killed run loses at most the batch in flight: the next run keeps the stored batches of a file that did not
change and embeds only the rest. A document is served only once complete. The same content under a second
name is indexed once; the second name is recorded as a duplicate of the first.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
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
    """Where a run stands: documents done of total, passages embedded so far, and within the current document."""

    done: int
    total: int
    chunks: int
    path: str
    passages_done: int = 0
    passages_total: int = 0
    seconds: float = 0.0  # since the run started

    @property
    def rate(self) -> float:
        """Passages embedded per second so far."""
        return self.chunks / self.seconds if self.seconds > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        """Time left: for the document under way from its passages, otherwise from the documents done."""
        if self.passages_total and self.rate > 0:
            return (self.passages_total - self.passages_done) / self.rate
        if self.done and self.seconds > 0:
            return self.seconds / self.done * (self.total - self.done)
        return None

    @property
    def within(self) -> str:
        """« fichier : 1200/6000 passages » while a document is under way, else the empty string."""
        if not self.passages_total or self.passages_done >= self.passages_total:
            return ""
        return f"{Path(self.path).name} : {self.passages_done}/{self.passages_total} passages"

    @property
    def line(self) -> str:
        """One plain French line, for a log that is not a terminal and for the web app."""
        left = self.seconds_left
        parts = [
            f"{self.done}/{self.total} documents",
            f"{self.chunks} passages",
            f"{self.rate:.1f} passages/s",
            self.within,
            f"reste environ {_duration(left)}" if left is not None else "",
        ]
        return "Indexation : " + " · ".join(p for p in parts if p)


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


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
        embed_batch: int = 64,
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
        candidates, skipped = self.discover(roots)
        wanted = {c.doc_id for c in candidates}
        repaired = sorted(self.store.orphan_doc_ids())
        for doc_id in repaired:
            if doc_id in wanted:  # its file is still there: keep the stored batches, the run resumes from them
                self.store.unseal(doc_id)
            else:
                self.store.delete_document(doc_id)
        known = self.store.documents()
        by_hash = _originals(known)
        indexed: list[str] = []
        unchanged: list[str] = []
        duplicates: list[tuple[str, str]] = []
        self._run = _Run(started, on_progress, len(candidates))
        for done, candidate in enumerate(candidates, start=1):
            self._run.done = done - 1
            try:
                data = candidate.path.read_bytes() if candidate.path.stat().st_size <= self.max_bytes else b""
                digest = document_hash(data, candidate.kind_hint) if data else ""
                record = known.get(candidate.doc_id)
                original = self._original_of(digest, candidate.doc_id, by_hash) if digest else None
                if data and record and record.content_hash == digest and (not record.same_as or original):
                    unchanged.append(candidate.doc_id)
                elif original is not None:
                    self._release(candidate.doc_id, known)
                    self.store.seal(
                        DocRecord(candidate.doc_id, digest, 0, original.title, original.kind, same_as=original.doc_id)
                    )
                    duplicates.append((candidate.doc_id, original.doc_id))
                else:
                    self._release(candidate.doc_id, known)
                    self._index(candidate, data or None)
                    indexed.append(candidate.doc_id)
            except SkipDocument as exc:
                skipped.append(Skipped(str(candidate.path), str(exc)))
                if candidate.doc_id in known:  # the file went bad: do not keep serving its old text
                    self._forget(candidate.doc_id, known)
            except OSError as exc:
                skipped.append(Skipped(str(candidate.path), f"fichier illisible ({exc.strerror or exc})"))
            if not unchanged or unchanged[-1] != candidate.doc_id:  # something was written: read the manifest again
                known = self.store.documents()
                by_hash = _originals(known)
            self._run.done = done
            self._run.report(candidate.doc_id)
        removed = self._prune(roots, wanted, known) if prune else []
        return IngestReport(
            indexed=tuple(indexed),
            unchanged=tuple(unchanged),
            removed=tuple(removed),
            repaired=tuple(repaired),
            skipped=tuple(skipped),
            duplicates=tuple(duplicates),
            chunks_added=self._run.chunks,
            seconds=time.perf_counter() - started,
        )

    @staticmethod
    def _original_of(digest: str, doc_id: str, by_hash: dict[str, DocRecord]) -> DocRecord | None:
        """A complete document with this content under another name, if any."""
        original = by_hash.get(digest)
        return original if original is not None and original.doc_id != doc_id else None

    def _release(self, doc_id: str, known: dict[str, DocRecord]) -> None:
        """Before a document's content changes or goes: its first duplicate, if any, takes its chunks over."""
        record = known.get(doc_id)
        if record is None or record.same_as:
            return
        heirs = sorted(r.doc_id for r in known.values() if r.same_as == doc_id)
        if not heirs:
            self.store.unseal(doc_id)
            return
        heir = known[heirs[0]]
        self.store.move_document(doc_id, replace(record, doc_id=heir.doc_id))
        for other in heirs[1:]:
            self.store.seal(replace(known[other], same_as=heir.doc_id))

    def _forget(self, doc_id: str, known: dict[str, DocRecord]) -> None:
        self._release(doc_id, known)
        self.store.delete_document(doc_id)

    def remove(self, doc_id: str) -> bool:
        """Forget one document; False when the index does not know it."""
        known = self.store.documents()
        if doc_id not in known:
            return False
        self._forget(doc_id, known)
        return True

    def _index(self, candidate: Candidate, data: bytes | None) -> None:
        document = load_document(
            candidate.path, candidate.doc_id, max_bytes=self.max_bytes, kind_hint=candidate.kind_hint, data=data
        )
        chunks = chunk_document(document, self.policy)
        if not chunks:
            raise SkipDocument("document sans texte")
        stored = self.store.stored_chunk_ids(document.doc_id, document.content_hash)
        missing = [c for c in chunks if c.chunk_id not in stored]
        self._run.report(document.doc_id, len(chunks) - len(missing), len(chunks))
        for start in range(0, len(missing), self.embed_batch):
            batch = missing[start : start + self.embed_batch]
            self.store.add_chunks(batch, self.embedder.embed_passages([c.search_text for c in batch]))
            self._run.chunks += len(batch)
            self._run.report(document.doc_id, len(chunks) - len(missing) + start + len(batch), len(chunks))
        record = DocRecord(
            doc_id=document.doc_id,
            content_hash=document.content_hash,
            chunks=len(chunks),
            title=document.title,
            kind=document.kind,
        )
        self.store.seal(record)

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
                self._forget(doc_id, self.store.documents())
                removed.append(doc_id)
        return sorted(removed)


def _originals(known: dict[str, DocRecord]) -> dict[str, DocRecord]:
    """Content hash -> the first document (by name) holding that content; duplicates point to it."""
    by_hash: dict[str, DocRecord] = {}
    for record in sorted(known.values(), key=lambda r: r.doc_id):
        if not record.same_as:
            by_hash.setdefault(record.content_hash, record)
    return by_hash


class _Run:
    """One run's counters and its progress callback."""

    def __init__(self, started: float, on_progress: Callable[[Progress], None] | None, total: int) -> None:
        self.started, self.on_progress, self.total = started, on_progress, total
        self.done = 0
        self.chunks = 0

    def report(self, path: str, passages_done: int = 0, passages_total: int = 0) -> None:
        if self.on_progress is not None:
            seconds = time.perf_counter() - self.started
            self.on_progress(Progress(self.done, self.total, self.chunks, path, passages_done, passages_total, seconds))


def safe_filename(name: str) -> str:
    """Keep a plain file name: no folders, no control or shell characters, no leading dot, bounded length."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" ._") or "document"
    suffix = re.sub(r"[^\w]+", "", suffix).lower()
    return f"{stem[:100]}.{suffix}" if suffix else stem[:100]
