"""Hybrid retrieval: dense vectors (Chroma) and BM25, fused by weighted reciprocal rank.

Dense search finds paraphrases; BM25 finds the exact codes and numbers technicians type (G83, H7).
The BM25 index is built from the store's chunks on first use and rebuilt when the set of documents
changes (the manifest's hashes are its key).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from tutor.documents import Chunk, Hit
from tutor.embeddings import Embedder
from tutor.lexical import LexicalIndex
from tutor.store import ChromaStore, where_filter


@dataclass(frozen=True)
class FusionPolicy:
    candidates: int = 40
    rrf_k: int = 60
    dense_weight: float = 1.0
    lexical_weight: float = 1.0


class Retriever:
    def __init__(self, store: ChromaStore, embedder: Embedder, policy: FusionPolicy = FusionPolicy()) -> None:
        self.store = store
        self.embedder = embedder
        self.policy = policy
        self._stamp: str | None = None
        self._chunks: list[Chunk] = []
        self._positions: dict[str, int] = {}
        self._lexical: LexicalIndex | None = None

    def _manifest_stamp(self) -> str:
        records = sorted((r.doc_id, r.content_hash) for r in self.store.documents().values())
        return hashlib.sha256(repr(records).encode()).hexdigest()

    def refresh(self) -> None:
        """Rebuild the lexical side if documents changed since it was built."""
        stamp = self._manifest_stamp()
        if stamp == self._stamp and self._lexical is not None:
            return
        self._chunks = self.store.chunks()
        self._positions = {c.chunk_id: i for i, c in enumerate(self._chunks)}
        self._lexical = LexicalIndex([c.search_text for c in self._chunks])
        self._stamp = stamp

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
        policy = self.policy
        dense: list[Chunk] = []
        if policy.dense_weight > 0:
            vector = self.embedder.embed_query(query)
            found = self.store.dense_search(vector, policy.candidates, where_filter(capacity, kind))
            dense = [chunk for chunk, _ in found if chunk.chunk_id in self._positions]
        lexical: list[Chunk] = []
        if policy.lexical_weight > 0 and self._lexical is not None:
            ranked = self._lexical.search(query, policy.candidates, self._mask(capacity, kind))
            lexical = [self._chunks[i] for i, _ in ranked]
        return fuse(dense, lexical, k, policy)


def fuse(dense: list[Chunk], lexical: list[Chunk], k: int, policy: FusionPolicy) -> list[Hit]:
    """Weighted reciprocal rank fusion; ties keep the dense order."""
    scores: dict[str, float] = {}
    by_id: dict[str, Chunk] = {}
    ranks: dict[str, dict[str, int]] = {}
    for source, weight, ranking in (("dense", policy.dense_weight, dense), ("lexical", policy.lexical_weight, lexical)):
        for rank, chunk in enumerate(ranking, start=1):
            scores[chunk.chunk_id] = scores.get(chunk.chunk_id, 0.0) + weight / (policy.rrf_k + rank)
            by_id.setdefault(chunk.chunk_id, chunk)
            ranks.setdefault(chunk.chunk_id, {})[source] = rank
    order = sorted(scores, key=lambda cid: -scores[cid])[:k]
    return [
        Hit(
            rank=position,
            score=scores[cid],
            chunk=by_id[cid],
            dense_rank=ranks[cid].get("dense"),
            lexical_rank=ranks[cid].get("lexical"),
        )
        for position, cid in enumerate(order, start=1)
    ]
