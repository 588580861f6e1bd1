"""The numpy query encoder must give the sentence-transformers vectors of the same model."""

import numpy as np
import pytest

from tutor.encoder import NumpyEncoder, supports

TEXTS = [
    "query: à quoi sert G50 au tour ?",
    "query: Ø25 H7/g6",
    "passage: " + "Le contrat de phase précise la mise en position et les conditions de coupe. " * 12,
    "passage: " + "mot " * 700,  # longer than 512 tokens: both truncate
    "query: tabulation\tet\nretour   espaces",
]


@pytest.mark.model
def test_numpy_encoder_matches_sentence_transformers(model_dir, real_embedder):
    assert supports(model_dir)
    encoder = NumpyEncoder(model_dir)
    ours = np.vstack([encoder.encode(t) for t in TEXTS])
    reference = real_embedder._load().encode(TEXTS, normalize_embeddings=True)
    cosines = np.sum(ours * reference, axis=1)
    assert cosines.min() > 0.9999, cosines


@pytest.mark.model
def test_query_path_uses_prompt(real_embedder, model_dir):
    from tutor.embeddings import SentenceTransformerEmbedder

    fresh = SentenceTransformerEmbedder(model_dir)  # ST not loaded: the numpy path answers
    fast = fresh.embed_query("régler un étau")
    assert fresh._model is None and fresh._query_encoder is not None
    slow = real_embedder._encode(["régler un étau"], "query: ")[0]
    assert float(fast @ slow) > 0.9999
    passage = real_embedder.embed_passages(["régler un étau"])[0]
    assert float(fast @ passage) < 0.9999  # query and passage prompts differ


def test_unsupported_directory(tmp_path):
    assert not supports(tmp_path)
