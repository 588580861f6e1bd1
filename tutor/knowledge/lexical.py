"""BM25 over French shop text: accents folded, stopwords dropped, words stemmed, codes kept whole.

Machine codes (G41, M06, T0101, H7, CNMG120408, Ø20) are what technicians type, so they must survive
tokenisation intact; G/M codes are normalised so that G1 and G01 match. Small numbers spelled out
(« cinq normales ») become digits, as technicians type them (« 5 points »).
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np

STOPWORDS = frozenset(
    """
    a au aux avec ce ces cet cette c ca dans de des du d elle elles en et eux il ils je j la le les l leur
    leurs lui ma mais me meme mes moi mon m ne n nos notre nous on ou par pas pour qu que qui sa se ses son
    sur s ta te tes toi ton tu t un une vos votre vous y est sont etre ete avoir ai as avons avez ont eu
    fait faire faut quel quelle quels quelles comment combien pourquoi quand quoi dont ou donc or ni car
    si plus moins tres tout tous toute toutes autre autres entre aussi bien peut peux doit dois the of and
    to in is are for on with what how which do does an be it this that as by from at or can i my
    """.split()
)

# Technicians type digits ("5 points", "3 mors"), the sheets often spell small numbers out ("cinq normales").
# "neuf" is left alone: it also means new ("programme neuf").
_NUMBER_WORDS = {
    "deux": "2",
    "trois": "3",
    "quatre": "4",
    "cinq": "5",
    "six": "6",
    "sept": "7",
    "huit": "8",
    "dix": "10",
}
_TOKEN = re.compile(r"ø\s?\d+(?:\.\d+)?|[a-z]+\d[a-z0-9]*|\d+(?:\.\d+)?[a-z]*|[a-z]+")
_GM_CODE = re.compile(r"^([gm])0*(\d+)$")


def fold(text: str) -> str:
    """Lowercase without accents; Ø stays (it has no decomposition) because Ø20 is a diameter."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class FrenchAnalyzer:
    def __init__(self) -> None:
        import Stemmer

        self._stemmer = Stemmer.Stemmer("french")
        self._stems: dict[str, str] = {}  # a corpus repeats its words: stem each once

    def _stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    def tokens(self, text: str) -> list[str]:
        folded = fold(text).replace(",", ".")
        out: list[str] = []
        for token in _TOKEN.findall(folded):
            token = token.replace(" ", "").strip(".")
            if not token or token in STOPWORDS:
                continue
            token = _NUMBER_WORDS.get(token, token)
            if token.isalpha():
                if len(token) > 1:
                    out.append(self._stem(token))
                continue
            code = _GM_CODE.match(token)
            out.append(f"{code.group(1)}{code.group(2)}" if code else token)
        return out


class LexicalIndex:
    """A BM25 index over chunk texts, scored with a mask for filters."""

    def __init__(self, texts: Sequence[str], analyzer: FrenchAnalyzer | None = None, *, _bm25=None) -> None:
        import bm25s

        self.analyzer = analyzer or FrenchAnalyzer()
        self.size = len(texts)
        self._bm25 = _bm25 or bm25s.BM25()
        if texts and _bm25 is None:
            self._bm25.index([self.analyzer.tokens(t) or ["∅"] for t in texts], show_progress=False)

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), show_progress=False)
        (directory / "size.json").write_text(json.dumps({"size": self.size}))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Read a saved index with numpy alone: bm25s pulls in scipy (0.2 s), which a cold search cannot afford."""
        size = json.loads((directory / "size.json").read_text())["size"]
        index = cls.__new__(cls)
        index.analyzer = FrenchAnalyzer()
        index.size = size
        index._bm25 = _SavedScores(directory) if size else None
        return index

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top k (position, score) with a positive score, among positions allowed by the mask."""
        tokens = self.analyzer.tokens(query)
        if not self.size or not tokens or self._bm25 is None:
            return []
        scores = self._bm25.get_scores(tokens)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


class _SavedScores:
    """The query side of a saved bm25s index (lucene scoring): one column of precomputed scores per word,
    summed over the query's words in the order bm25s sums them, so the scores are the same (tested)."""

    def __init__(self, directory: Path) -> None:
        params = json.loads((directory / "params.index.json").read_text())
        if params.get("method", "lucene") not in {"lucene", "robertson", "atire"}:
            raise ValueError(f"unsupported BM25 variant {params['method']}")  # those add a non-occurrence term
        self._dtype = np.dtype(params.get("dtype", "float32"))
        self._docs = int(params["num_docs"])
        self._data = np.load(directory / "data.csc.index.npy")
        self._indices = np.load(directory / "indices.csc.index.npy")
        self._indptr = np.load(directory / "indptr.csc.index.npy")
        self._vocab: dict[str, int] = json.loads((directory / "vocab.index.json").read_text())

    def get_scores(self, tokens: Sequence[str]) -> np.ndarray:
        scores = np.zeros(self._docs, dtype=self._dtype)
        for token in tokens:
            column = self._vocab.get(token)
            if column is not None:
                start, end = self._indptr[column], self._indptr[column + 1]
                np.add.at(scores, self._indices[start:end], self._data[start:end])
        return scores


def replace_dir(source: Path, target: Path) -> None:
    """Swap a freshly written directory into place, so readers never see half a cache."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    source.rename(target)
    shutil.rmtree(old, ignore_errors=True)
