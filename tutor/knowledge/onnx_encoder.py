"""Passage encoder for ingestion: the e5 model exported to ONNX at set-up, quantised to int8, run by onnxruntime.

sentence-transformers in fp32 embeds a few passages a second on two cores, so a long manual took half an hour.
onnxruntime (already installed with chromadb) runs the same network with int8 matrix products. The vectors stay within cosine 0.99 of
the fp32 ones (checked when the file is built and in the bench), so an index built by either engine answers
queries from the other.
"""

from __future__ import annotations

import atexit
import logging
import os
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

INT8_FILE = "model-int8.onnx"
INT8_FORMAT = 2  # how the file is quantised: a new value rebuilds it at the next `tutor models`
_FP32_FILE = "model-fp32.onnx"  # intermediate, removed once quantised
MAX_TOKENS = 512


def int8_path(model_dir: Path) -> Path:
    return model_dir / INT8_FILE


def build_int8(model_dir: Path, target: Path) -> Path:
    """Export the model directory's transformer to ONNX, quantise its matrix products to int8 into `target`.

    Runs once at set-up (`tutor models`): about half a minute on two cores. MatMul weights are quantised per
    output channel, except the feed-forward output projections: quantising those too cost 3 points of hit@5 on
    evals/ (cosine to fp32 min 0.981); kept in float, the cosine is >= 0.997 for some 15 % of the speed.
    The exporter's tracer warnings and the quantiser's advice are noise for a user, so they are silenced.
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    fp32 = target.with_name(_FP32_FILE)
    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

    class Hidden(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    sample = torch.ones(2, 16, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    quiet = logging.getLogger()
    level = quiet.level
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Hidden(model),
            (sample, sample),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
            opset_version=17,
            dynamo=False,
        )
    try:
        quiet.setLevel(logging.ERROR)
        quantize_dynamic(
            str(fp32),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            nodes_to_exclude=_feed_forward_outputs(fp32),
        )
    finally:
        quiet.setLevel(level)
        fp32.unlink(missing_ok=True)
    return target


def _feed_forward_outputs(path: Path) -> list[str]:
    """The MatMul nodes that project each layer's feed-forward back to the hidden size (`.../output/dense`)."""
    import onnx

    graph = onnx.load(str(path), load_external_data=False).graph
    return [
        n.name for n in graph.node if n.op_type == "MatMul" and "/output/dense" in n.name and "attention" not in n.name
    ]


class OnnxEncoder:
    """Mean-pooled, L2-normalised e5 vectors from the int8 file.

    One passage per run, one thread per run, as many runs at once as there are cores: measured on two cores,
    that beats batching (dynamic quantisation scales each batch's activations together, so padding and
    batch-mates would also nudge a passage's vector) and beats two threads on one run.
    """

    def __init__(self, model_dir: Path, prompt: str, *, path: Path | None = None, workers: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = path or int8_path(model_dir)
        if not path.exists():
            raise FileNotFoundError(f"Encodeur int8 introuvable ({path}) : lancez « tutor models ».")
        self.prompt = prompt
        self.workers = workers or max(1, len(os.sched_getaffinity(0)))
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="int8-encoder")
        atexit.register(self.close)

    def close(self) -> None:
        """Stop the workers and free the session while the interpreter is whole: onnxruntime's session freed
        during the interpreter's own teardown can crash the process on exit."""
        self._pool.shutdown(wait=True)
        self._session = None

    def _one(self, ids: list[int]) -> np.ndarray:
        tokens = np.asarray([ids], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": tokens, "attention_mask": np.ones_like(tokens)})[0][0]
        pooled = hidden.mean(axis=0)
        return pooled / np.linalg.norm(pooled)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch([self.prompt + text for text in texts])
        ids = [e.ids for e in encodings]
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))  # longest first: the workers finish together
        vectors = dict(zip(order, self._pool.map(lambda i: self._one(ids[i]), order), strict=True))
        if not vectors:
            return np.zeros((0, 0), np.float32)
        return np.vstack([vectors[i] for i in range(len(ids))]).astype(np.float32)
