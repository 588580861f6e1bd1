"""A numpy forward pass of a BERT / XLM-RoBERTa sentence encoder, for embedding one query fast.

Importing sentence-transformers and torch costs seconds, too much for a command that embeds a single
query. This reads the same safetensors weights lazily (only the embedding rows a query uses) and
computes the same encoder in numpy. Tests hold it to the sentence-transformers output.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

SUPPORTED_TYPES = {"xlm-roberta", "bert"}


def supports(model_dir: Path) -> bool:
    """True for a post-LayerNorm BERT-family encoder with mean pooling, as we provision."""
    try:
        config = json.loads((model_dir / "config.json").read_text())
        modules = json.loads((model_dir / "modules.json").read_text())
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return False
    types = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    return (
        config.get("model_type") in SUPPORTED_TYPES
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and types[:2] == ["Transformer", "Pooling"]
        and pooling.get("pooling_mode_mean_tokens") is True
        and not any(pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens"))
        and (model_dir / "model.safetensors").exists()
        and (model_dir / "tokenizer.json").exists()
    )


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf, and scipy costs an import.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class NumpyEncoder:
    def __init__(self, model_dir: Path) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        self.config = json.loads((model_dir / "config.json").read_text())
        self._file = safe_open(str(model_dir / "model.safetensors"), framework="np")
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._max_tokens = int(self.config.get("max_position_embeddings", 514)) - 2
        self._tokenizer.enable_truncation(self._max_tokens)
        keys = set(self._file.keys())
        self._base = next((p for p in ("", "roberta.", "bert.") if f"{p}embeddings.word_embeddings.weight" in keys), "")
        self._layers = [self._layer(i) for i in range(int(self.config["num_hidden_layers"]))]
        self._positions = self._tensor("embeddings.position_embeddings.weight")
        self._type = self._tensor("embeddings.token_type_embeddings.weight")[0]
        self._ln = (self._tensor("embeddings.LayerNorm.weight"), self._tensor("embeddings.LayerNorm.bias"))
        self._words = self._file.get_slice(f"{self._base}embeddings.word_embeddings.weight")
        self.dim = int(self.config["hidden_size"])

    def _tensor(self, name: str) -> np.ndarray:
        return self._file.get_tensor(self._base + name).astype(np.float32)

    def _layer(self, i: int) -> dict[str, np.ndarray]:
        p = f"encoder.layer.{i}."
        names = {
            "q": "attention.self.query",
            "k": "attention.self.key",
            "v": "attention.self.value",
            "o": "attention.output.dense",
            "i": "intermediate.dense",
            "f": "output.dense",
        }
        layer = {}
        for short, long in names.items():
            layer[short + "w"] = np.ascontiguousarray(self._tensor(p + long + ".weight").T)
            layer[short + "b"] = self._tensor(p + long + ".bias")
        for short, long in (("a", "attention.output.LayerNorm"), ("z", "output.LayerNorm")):
            layer[short + "lw"] = self._tensor(p + long + ".weight")
            layer[short + "lb"] = self._tensor(p + long + ".bias")
        return layer

    def encode(self, text: str) -> np.ndarray:
        """Mean-pooled, L2-normalised embedding of one text (any prompt must already be prepended)."""
        ids = self._tokenizer.encode(text.strip()).ids
        eps = float(self.config.get("layer_norm_eps", 1e-12))
        heads = int(self.config["num_attention_heads"])
        offset = int(self.config.get("pad_token_id", 1)) + 1 if self.config["model_type"] == "xlm-roberta" else 0
        words = np.vstack([self._words[i : i + 1] for i in ids]).astype(np.float32)
        x = words + self._positions[offset : offset + len(ids)] + self._type
        x = _layer_norm(x, *self._ln, eps)
        length, hidden = x.shape
        size = hidden // heads
        for layer in self._layers:
            q = (x @ layer["qw"] + layer["qb"]).reshape(length, heads, size).transpose(1, 0, 2)
            k = (x @ layer["kw"] + layer["kb"]).reshape(length, heads, size).transpose(1, 0, 2)
            v = (x @ layer["vw"] + layer["vb"]).reshape(length, heads, size).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(size)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(length, hidden)
            x = _layer_norm(x + context @ layer["ow"] + layer["ob"], layer["alw"], layer["alb"], eps)
            inner = x @ layer["iw"] + layer["ib"]
            inner = 0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))
            x = _layer_norm(x + inner @ layer["fw"] + layer["fb"], layer["zlw"], layer["zlb"], eps)
        pooled = x.mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)
