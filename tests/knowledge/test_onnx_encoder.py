"""The int8 passage encoder built at set-up, against the fp32 model it was exported from."""

from pathlib import Path

import numpy as np
import pytest

from tutor.knowledge.embeddings import SentenceTransformerEmbedder
from tutor.knowledge.onnx_encoder import OnnxEncoder, int8_path

PASSAGES = [
    "Avant de lancer la série, contrôler le serrage du mandrin et la longueur de sortie de la pièce.",
    "Le cycle de perçage avec débourrage descend par pas successifs et remonte dégager les copeaux.",
    "Vibrations en finition d'alésage : réduire le porte-à-faux, augmenter l'avance, choisir un rayon de bec plus "
    "petit et vérifier le serrage de la barre. " * 3,
    "Ø25 H7/g6",
    "tournage",
]


@pytest.fixture(scope="module")
def int8(model_dir: Path) -> OnnxEncoder:
    if not int8_path(model_dir).exists():
        pytest.fail(f"int8 encoder missing in {model_dir}: run `make test` (it builds it) or `tutor models`.")
    return OnnxEncoder(model_dir, "passage: ")


@pytest.mark.model
def test_int8_vectors_agree_with_fp32(int8: OnnxEncoder, model_dir: Path):
    fp32 = SentenceTransformerEmbedder(model_dir, int8=False)
    assert fp32.engine == "fp32"
    cosines = np.sum(int8.encode(PASSAGES) * fp32.embed_passages(PASSAGES), axis=1)
    assert cosines.mean() >= 0.995 and cosines.min() >= 0.99, cosines


@pytest.mark.model
def test_a_vector_does_not_depend_on_its_neighbours(int8: OnnxEncoder):
    together = int8.encode(PASSAGES)
    alone = np.vstack([int8.encode([p]) for p in PASSAGES])
    assert together.shape == (len(PASSAGES), 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-6)  # one run per passage: no padding, no shared scale


@pytest.mark.model
def test_the_embedder_indexes_with_int8_when_built(real_embedder: SentenceTransformerEmbedder, int8: OnnxEncoder):
    assert real_embedder.engine == "int8"
    assert np.allclose(real_embedder.embed_passages(PASSAGES[:2]), int8.encode(PASSAGES[:2]), atol=1e-5)
