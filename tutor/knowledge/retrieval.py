"""Hybrid retrieval: dense vectors (Chroma) and BM25, fused by weighted reciprocal rank.

Dense search finds paraphrases; BM25 finds the exact codes and numbers technicians type (G83, H7).
The BM25 index is built from the store's chunks on first use and rebuilt when the set of documents
changes (the manifest's hashes are its key).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from tutor.documents import Chunk, Hit
from tutor.knowledge.embeddings import Embedder
from tutor.knowledge.glossary import QueryExpander
from tutor.knowledge.lexical import LexicalIndex, replace_dir
from tutor.knowledge.store import ChromaStore, where_filter

# Bump when what the lexical index is built from changes: cached indexes of other versions are rebuilt.
LEXICAL_FORMAT = 4


def lexical_text(chunk: Chunk) -> str:
    """Headings count twice for BM25 (a simple field boost): questions name the topic a section is about."""
    return f"{chunk.title} {chunk.section}\n{chunk.search_text}"


@dataclass(frozen=True)
class FusionPolicy:
    candidates: int = 40
    rrf_k: int = 10
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    max_per_doc: int = 0  # 0: no cap; else at most this many passages of one document in the results
    # Glossary passages are dense lists of French and English terms: they match many queries (all the
    # more once an English query is expanded) yet only translate. One is enough to give the term; more
    # crowd out the sheets that explain it. 0: no cap.
    max_glossary: int = 1


class Retriever:
    def __init__(
        self,
        store: ChromaStore,
        embedder: Embedder,
        policy: FusionPolicy = FusionPolicy(),
        cache_dir: Path | None = None,
        expander: QueryExpander | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.policy = policy
        self.cache_dir = cache_dir
        self.expander = expander
        self._stamp: str | None = None
        self._chunks: Sequence[Chunk] = []
        self._positions: dict[str, int] = {}
        self._lexical: LexicalIndex | None = None

    def _manifest_stamp(self) -> str:
        records = sorted((r.doc_id, r.content_hash) for r in self.store.documents().values())
        key = (LEXICAL_FORMAT, self.store.location, self.store.name, records)
        return hashlib.sha256(repr(key).encode()).hexdigest()

    def _cache_path(self) -> Path | None:
        if self.cache_dir is None:
            return None
        where = hashlib.sha256(f"{self.store.location}|{self.store.name}".encode()).hexdigest()[:12]
        return self.cache_dir / f"lexical-{where}"

    def refresh(self) -> None:
        """Rebuild the lexical side if documents changed since it was built (or load it from disk)."""
        stamp = self._manifest_stamp()
        if stamp == self._stamp and self._lexical is not None:
            return
        cached = self._cache_path()
        if cached is not None and (cached / "stamp").exists() and (cached / "stamp").read_text() == stamp:
            lines = (cached / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
            ids = json.loads((cached / "ids.json").read_text())
            self._chunks = _ParsedOnDemand(lines)
            self._lexical = LexicalIndex.load(cached)
        else:
            self._chunks = self.store.chunks()
            ids = [c.chunk_id for c in self._chunks]
            self._lexical = LexicalIndex([lexical_text(c) for c in self._chunks])
            if cached is not None and self._chunks:  # an empty index is not worth a cache (bm25s cannot save it)
                self._save_cache(cached, stamp)
        self._positions = {cid: i for i, cid in enumerate(ids)}
        self._stamp = stamp

    def _save_cache(self, target: Path, stamp: str) -> None:
        fresh = target.with_name(target.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        self._lexical.save(fresh)
        lines = (json.dumps(asdict(c), ensure_ascii=False) for c in self._chunks)
        (fresh / "chunks.jsonl").write_text("\n".join(lines), encoding="utf-8")
        (fresh / "ids.json").write_text(json.dumps([c.chunk_id for c in self._chunks]))
        (fresh / "stamp").write_text(stamp)
        replace_dir(fresh, target)

    def passages(self) -> Sequence[Chunk]:
        """Every indexed passage, as searched now: the topic check counts its word frequencies on them."""
        self.refresh()
        return self._chunks

    def _mask(self, capacity: str | None, kind: str | None) -> np.ndarray | None:
        if not capacity and not kind:
            return None
        return np.array(
            [(not capacity or capacity.upper() in c.capacities) and (not kind or c.kind == kind) for c in self._chunks],
            dtype=bool,
        )

    def search(self, query: str, k: int = 5, *, capacity: str | None = None, kind: str | None = None) -> list[Hit]:
        self.refresh()
        query = query.strip()
        if not query or not self._chunks:
            return []
        if self.expander is not None:
            query = self.expander.expand(query)
        policy = self.policy
        dense: list[Chunk] = []
        similarity: dict[str, float] = {}
        if policy.dense_weight > 0:
            vector = self.embedder.embed_query(query)
            found = self.store.dense_search(vector, policy.candidates, where_filter(capacity, kind))
            dense = [self._chunks[self._positions[cid]] for cid, _ in found if cid in self._positions]
            similarity = dict(found)
        lexical: list[Chunk] = []
        if policy.lexical_weight > 0 and self._lexical is not None:
            ranked = self._lexical.search(query, policy.candidates, self._mask(capacity, kind))
            lexical = [self._chunks[i] for i, _ in ranked]
        return fuse(dense, lexical, k, policy, similarity)


class _ParsedOnDemand(Sequence[Chunk]):
    """The cached passages, each parsed from its JSON line when first needed: a search reads a few dozen,
    and parsing all 10,000 would cost a cold `tutor search` 0.2 s."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._parsed: list[Chunk | None] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        chunk = self._parsed[index]
        if chunk is None:
            chunk = self._parsed[index] = _chunk_from_json(self._lines[index])
        return chunk


def _chunk_from_json(line: str) -> Chunk:
    data = json.loads(line)
    data["capacities"] = tuple(data["capacities"])
    data["aliases"] = tuple(data.get("aliases", ()))
    return Chunk(**data)


def fuse(
    dense: list[Chunk],
    lexical: list[Chunk],
    k: int,
    policy: FusionPolicy,
    similarity: dict[str, float] | None = None,
) -> list[Hit]:
    """Weighted reciprocal rank fusion; ties keep the dense order.

    `similarity` (chunk id -> cosine) rides along so answers can judge how well a question is supported:
    fused scores only rank, they say nothing absolute.
    """
    similarity = similarity or {}
    scores: dict[str, float] = {}
    by_id: dict[str, Chunk] = {}
    ranks: dict[str, dict[str, int]] = {}
    for source, weight, ranking in (("dense", policy.dense_weight, dense), ("lexical", policy.lexical_weight, lexical)):
        for rank, chunk in enumerate(ranking, start=1):
            scores[chunk.chunk_id] = scores.get(chunk.chunk_id, 0.0) + weight / (policy.rrf_k + rank)
            by_id.setdefault(chunk.chunk_id, chunk)
            ranks.setdefault(chunk.chunk_id, {})[source] = rank
    order = []
    per_doc: dict[str, int] = {}
    glossary = 0
    for cid in sorted(scores, key=lambda cid: -scores[cid]):
        doc_id = by_id[cid].doc_id
        if policy.max_per_doc and per_doc.get(doc_id, 0) >= policy.max_per_doc:
            continue
        if by_id[cid].kind == "glossaire":
            if policy.max_glossary and glossary >= policy.max_glossary:
                continue
            glossary += 1
        per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        order.append(cid)
        if len(order) == k:
            break
    return [
        Hit(
            rank=position,
            score=scores[cid],
            chunk=by_id[cid],
            dense_rank=ranks[cid].get("dense"),
            lexical_rank=ranks[cid].get("lexical"),
            dense_score=similarity.get(cid),
        )
        for position, cid in enumerate(order, start=1)
    ]
