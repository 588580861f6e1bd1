"""The vector index: Chroma, embedded on disk or behind a Chroma server (the scale-out path).

Two collections: chunks (with vectors) and a manifest with one record per document. A document's
manifest record is written only after all its chunks are stored, so a run killed half-way leaves
chunks without a matching record: those are "orphans", invisible to search; the next ingestion keeps the
ones that still match their file (it resumes there) and removes the rest.

The same content under a second name is stored once: the second name gets a record with no chunks that
points to the first (`same_as`), and each chunk lists the other names it is known by (`Chunk.aliases`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from tutor.documents import Chunk

_BATCH = 1000


class IndexMismatch(RuntimeError):
    """The index was built with another embedding model; the message is French."""


class StoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached; the message is French."""


@dataclass(frozen=True)
class DocRecord:
    doc_id: str
    content_hash: str
    chunks: int
    title: str
    kind: str
    same_as: str = ""  # for a duplicate: the document that holds the chunks


def _record_metadata(record: DocRecord) -> dict:
    meta = {"content_hash": record.content_hash, "chunks": record.chunks, "title": record.title, "kind": record.kind}
    return {**meta, "same_as": record.same_as} if record.same_as else meta


def _chunk_metadata(chunk: Chunk) -> dict:
    meta: dict = {
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "kind": chunk.kind,
        "content_hash": chunk.content_hash,
        "section": chunk.section,
        "page": chunk.page if chunk.page is not None else -1,
        "capacities": ",".join(chunk.capacities),
    }
    for capacity in chunk.capacities:  # booleans, because filters on them work everywhere
        meta[f"cap_{capacity}"] = True
    return meta


def _chunk_from(chunk_id: str, text: str, meta: dict, aliases: tuple[str, ...] = ()) -> Chunk:
    page = int(meta.get("page", -1))
    caps = str(meta.get("capacities") or "")
    return Chunk(
        chunk_id=chunk_id,
        doc_id=str(meta["doc_id"]),
        text=text,
        title=str(meta.get("title", "")),
        kind=str(meta.get("kind", "")),
        content_hash=str(meta.get("content_hash", "")),
        section=str(meta.get("section", "")),
        page=None if page < 0 else page,
        capacities=tuple(c for c in caps.split(",") if c),
        aliases=aliases,
    )


def where_filter(capacity: str | None = None, kind: str | None = None) -> dict | None:
    clauses = []
    if capacity:
        clauses.append({f"cap_{capacity.upper()}": True})
    if kind:
        clauses.append({"kind": kind})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ChromaStore:
    def __init__(
        self, client, name: str, model: str, dim: int, location: str, path: Path | None, *, rebuild: bool = False
    ) -> None:
        self._client = client
        self.name = name
        self.model = model
        self.dim = dim
        self.location = location
        self.path = path
        if rebuild:
            self._drop()
        self._open_collections()

    @classmethod
    def open(
        cls, *, path: Path, url: str | None, name: str, model: str, dim: int, rebuild: bool = False
    ) -> ChromaStore:
        chromadb = _import_chromadb()
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if url:
            parsed = urlparse(url)
            if not parsed.hostname:
                raise StoreUnavailable(f"Adresse de serveur Chroma invalide : {url}")
            try:
                client = chromadb.HttpClient(
                    host=parsed.hostname,
                    port=parsed.port or 8000,
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
                client.heartbeat()
            except Exception as exc:
                raise StoreUnavailable(
                    f"Serveur Chroma injoignable à {url} : démarrez-le (chroma run) ou retirez TUTOR_CHROMA_URL."
                ) from exc
            return cls(client, name, model, dim, url, None, rebuild=rebuild)
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        return cls(client, name, model, dim, str(path), path, rebuild=rebuild)

    def _open_collections(self) -> None:
        self._chunks = self._client.get_or_create_collection(
            f"{self.name}-chunks", embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        self._docs = self._client.get_or_create_collection(
            f"{self.name}-docs", embedding_function=None, metadata={"embedding_model": self.model, "dim": self.dim}
        )
        built_with = (self._docs.metadata or {}).get("embedding_model")
        if built_with != self.model:
            if self._chunks.count() or self._docs.count():
                raise IndexMismatch(
                    f"L'index a été construit avec le modèle « {built_with} » et le modèle configuré est "
                    f"« {self.model} » : reconstruisez l'index avec « tutor ingest --rebuild »."
                )
            self._docs.modify(metadata={"embedding_model": self.model, "dim": self.dim})

    # ------------------------------------------------------------ documents

    def documents(self) -> dict[str, DocRecord]:
        got = self._docs.get(include=["metadatas"])
        return {
            doc_id: DocRecord(
                doc_id=doc_id,
                content_hash=str(meta["content_hash"]),
                chunks=int(meta["chunks"]),
                title=str(meta.get("title", "")),
                kind=str(meta.get("kind", "")),
                same_as=str(meta.get("same_as", "")),
            )
            for doc_id, meta in zip(got["ids"], got["metadatas"], strict=True)
        }

    def put_document(self, record: DocRecord, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Replace a document: old chunks out, new chunks in, then (only then) its manifest record."""
        self.delete_document(record.doc_id)
        self.add_chunks(chunks, vectors)
        self.seal(record)

    def add_chunks(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Store chunks; they stay unserved until their document's record is sealed."""
        for start in range(0, len(chunks), _BATCH):
            part = chunks[start : start + _BATCH]
            self._chunks.add(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[start : start + _BATCH],
                documents=[c.text for c in part],
                metadatas=[_chunk_metadata(c) for c in part],
            )

    def seal(self, record: DocRecord) -> None:
        """Write the manifest record: from now on the document is served (or, for a duplicate, named)."""
        self._docs.upsert(ids=[record.doc_id], embeddings=[[0.0]], metadatas=[_record_metadata(record)])

    def unseal(self, doc_id: str) -> None:
        """Stop serving a document but keep its chunks, so that re-indexing the same content can resume."""
        self._docs.delete(ids=[doc_id])

    def stored_chunk_ids(self, doc_id: str, content_hash: str) -> set[str]:
        """Chunks already stored for this version of a document; any other version's are deleted."""
        self._chunks.delete(where={"$and": [{"doc_id": doc_id}, {"content_hash": {"$ne": content_hash}}]})
        return set(self._chunks.get(where={"doc_id": doc_id}, include=[])["ids"])

    def delete_document(self, doc_id: str) -> None:
        self._docs.delete(ids=[doc_id])  # first: from now on the chunks are orphans, never served
        self._chunks.delete(where={"doc_id": doc_id})

    def move_document(self, old: str, new: DocRecord) -> None:
        """Give a document's chunks to another name (a duplicate takes over when the original goes)."""
        got = self._chunks.get(where={"doc_id": old}, include=["documents", "metadatas", "embeddings"])
        self._docs.delete(ids=[old, new.doc_id])
        self._chunks.delete(where={"doc_id": new.doc_id})
        moved = [
            replace(
                _chunk_from(chunk_id, text, meta),
                chunk_id=f"{new.doc_id}#{chunk_id.rsplit('#', 1)[1]}",
                doc_id=new.doc_id,
                title=new.title,
            )
            for chunk_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        self.add_chunks(moved, np.asarray(got["embeddings"], dtype=np.float32).reshape(len(moved), -1))
        self.seal(replace(new, same_as="", chunks=len(moved)))
        self._chunks.delete(where={"doc_id": old})

    def orphan_doc_ids(self) -> set[str]:
        """Documents whose stored chunks do not match a complete manifest record."""
        records = self.documents()
        counts: dict[tuple[str, str], int] = {}
        for meta in self._chunks.get(include=["metadatas"])["metadatas"]:
            key = (str(meta["doc_id"]), str(meta["content_hash"]))
            counts[key] = counts.get(key, 0) + 1
        orphans = set()
        for (doc_id, digest), count in counts.items():
            record = records.get(doc_id)
            if record is None or record.content_hash != digest or record.chunks != count:
                orphans.add(doc_id)
        return orphans

    # ------------------------------------------------------------ chunks

    def chunks(self) -> list[Chunk]:
        """Every chunk that belongs to a complete document, in a stable order."""
        records = self.documents()
        aliases: dict[str, tuple[str, ...]] = {}
        for record in sorted(records.values(), key=lambda r: r.doc_id):
            if record.same_as:
                aliases[record.same_as] = (*aliases.get(record.same_as, ()), record.doc_id)
        got = self._chunks.get(include=["documents", "metadatas"])
        chunks = [
            _chunk_from(chunk_id, text, meta, aliases.get(str(meta["doc_id"]), ()))
            for chunk_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        valid = [c for c in chunks if (r := records.get(c.doc_id)) and r.content_hash == c.content_hash]
        return sorted(valid, key=lambda c: (c.doc_id, int(c.chunk_id.rsplit("#", 1)[1])))

    def dense_search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Nearest chunk ids with their cosine similarity; callers hold the chunks themselves."""
        total = self._chunks.count()
        if not total:
            return []
        got = self._chunks.query(
            query_embeddings=[vector.tolist()], n_results=min(k, total), where=where, include=["distances"]
        )
        return [(chunk_id, 1.0 - float(d)) for chunk_id, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def chunk_count(self) -> int:
        return self._chunks.count()

    def size_bytes(self) -> int:
        if self.path is None:
            return 0
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    def _drop(self) -> None:
        """Delete both collections (--rebuild): the only way out of a model mismatch."""
        existing = {c.name if hasattr(c, "name") else str(c) for c in self._client.list_collections()}
        for collection in (f"{self.name}-chunks", f"{self.name}-docs"):
            if collection in existing:
                self._client.delete_collection(collection)


def _import_chromadb():
    """Import chromadb without its import-time signature checks.

    chromadb marks some 160 methods with `overrides.override`, which inspects each signature against its base
    class while the module loads: a check for chromadb's own developers that costs a cold `tutor search`
    0.1 s. The marker is kept (EnforceOverrides reads it); the inspection is skipped.
    """
    if "chromadb" not in sys.modules:
        import overrides

        def mark(method=None, **_options):
            if method is None:
                return mark
            method.__override__ = True
            return method

        checked = overrides.override, overrides.overrides
        overrides.override = overrides.overrides = mark
        try:
            import chromadb
        finally:
            overrides.override, overrides.overrides = checked
    import chromadb

    return chromadb
