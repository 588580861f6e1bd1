import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import SHEET, write
from pdfs import corrupt_pdf, text_pdf

from tutor.knowledge.embeddings import FakeEmbedder
from tutor.knowledge.store import IndexMismatch


def corpus(root: Path) -> Path:
    write(root / "fiches" / "g41.md", SHEET)
    write(
        root / "fiches" / "etau.md",
        "---\ntitle: Étau\ncapacities: [C3]\n---\n# Étau\n\n## Serrage\n"
        + "Serrer la pièce dans l'étau sur cales parallèles. " * 8,
    )
    write(root / "gcode" / "p.nc", "%\n(TITRE : Programme)\nG21 G90\nT1 M06\nG01 X10. F100.\nM30\n%\n")
    write(root / "notes.txt", "Notes d'atelier : contrôler le serrage du mandrin avant chaque série.")
    return root


def test_ingest_then_search_with_metadata(make_tutor, tmp_path: Path):
    tutor = make_tutor(corpus_dir=corpus(tmp_path / "corpus"))
    report = tutor.ingest()
    assert len(report.indexed) == 4 and not report.skipped
    hits = tutor.search("G41 sur un arc", 3)
    assert hits[0].chunk.title == "Correction de rayon G41 G42"
    assert hits[0].chunk.kind == "fiche" and hits[0].chunk.capacities == ("C4",)
    assert tutor.search("étau", 5, capacity="C3")[0].chunk.title == "Étau"
    assert all(h.chunk.kind == "gcode" for h in tutor.search("programme", 5, kind="gcode"))
    assert tutor.search("programme", 5, capacity="C7") == []


def test_second_run_changes_nothing(make_tutor, tmp_path: Path):
    embedder = FakeEmbedder()
    tutor = make_tutor(embedder, corpus_dir=corpus(tmp_path / "corpus"))
    first = tutor.ingest()
    calls = len(embedder.calls)
    second = tutor.ingest()
    assert second.indexed == () and len(second.unchanged) == 4
    assert len(embedder.calls) == calls  # nothing re-embedded
    assert tutor.store.chunk_count() == first.chunks_added


def test_changed_document_replaced_and_prune(make_tutor, tmp_path: Path):
    root = corpus(tmp_path / "corpus")
    tutor = make_tutor(corpus_dir=root)
    tutor.ingest()
    before = tutor.store.chunk_count()
    write(root / "notes.txt", "Nouvelles notes : purger l'air du circuit.")
    (root / "fiches" / "etau.md").unlink()
    report = tutor.ingest(prune=True)
    assert report.indexed == (str(root / "notes.txt"),)
    assert report.removed == (str(root / "fiches" / "etau.md"),)
    texts = [c.text for c in tutor.store.chunks()]
    assert any("purger" in t for t in texts) and not any("contrôler le serrage" in t for t in texts)
    assert tutor.store.chunk_count() < before
    assert tutor.store.orphan_doc_ids() == set()


def test_without_prune_nothing_removed_and_prune_scoped(make_tutor, tmp_path: Path):
    root = corpus(tmp_path / "corpus")
    other = write(tmp_path / "ailleurs" / "doc.txt", "Document d'un formateur sur le taraudage.")
    tutor = make_tutor(corpus_dir=root)
    tutor.ingest([root, other])
    (root / "notes.txt").unlink()
    assert tutor.ingest([root]).removed == ()
    assert tutor.ingest([root], prune=True).removed == (str(root / "notes.txt"),)
    assert str(other) in tutor.store.documents()  # outside the pruned folder: kept


def test_bad_files_skipped_rest_indexed(make_tutor, tmp_path: Path):
    root = corpus(tmp_path / "corpus")
    good_pdf = text_pdf(root / "guide.pdf", ["Guide du mandrin", "Serrage des mors doux"])
    corrupt_pdf(root / "casse.pdf", good_pdf)
    write(root / "latin.txt", "Réglage".encode("latin-1"))
    write(root / "gros.txt", "x" * 3_000_000)
    tutor = make_tutor(corpus_dir=root, max_file_mb=1)
    report = tutor.ingest()
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"casse.pdf", "latin.txt", "gros.txt"}
    assert "UTF-8" in reasons["latin.txt"] and "volumineux" in reasons["gros.txt"]
    assert all("\n" not in r for r in reasons.values())
    assert str(root / "guide.pdf") in report.indexed
    pdf_hits = tutor.search("mors doux", 3, kind="pdf")
    assert pdf_hits and pdf_hits[0].chunk.page == 2


def test_lexicons_are_read_not_indexed(make_tutor, tmp_path: Path):
    root = corpus(tmp_path / "corpus")
    write(root / "lexique-atelier.yaml", 'entries:\n  - said: ["ça broute"]\n    means: [vibrations]\n')
    write(root / "lexique-anglais.yaml", 'entries:\n  - said: ["vise jaws"]\n    means: [étau]\n')
    tutor = make_tutor(corpus_dir=root)
    report = tutor.ingest()
    assert len(report.indexed) == 4 and not report.skipped  # neither a passage nor a skipped file
    assert sorted(tutor.retriever.expander.french_terms("ça broute dans les vise jaws")) == ["vibrations", "étau"]


def test_document_that_goes_bad_is_withdrawn(make_tutor, tmp_path: Path):
    root = corpus(tmp_path / "corpus")
    tutor = make_tutor(corpus_dir=root)
    tutor.ingest()
    write(root / "notes.txt", b"\xff\xfe\x00binary")
    report = tutor.ingest()
    assert len(report.skipped) == 1
    assert str(root / "notes.txt") not in tutor.store.documents()


def test_model_change_refused_until_rebuild(make_tutor, tmp_path: Path):
    root = corpus(tmp_path / "corpus")
    make_tutor(FakeEmbedder(name="model-a"), corpus_dir=root).ingest()
    with pytest.raises(IndexMismatch, match="tutor ingest --rebuild"):
        make_tutor(FakeEmbedder(name="model-b"), corpus_dir=root)
    from tutor.facade import Tutor

    rebuilt = Tutor.from_settings(
        make_tutor(FakeEmbedder(name="model-a"), corpus_dir=root).settings,
        embedder=FakeEmbedder(name="model-b"),
        rebuild=True,
    )
    assert rebuilt.store.chunk_count() == 0
    assert len(rebuilt.ingest().indexed) == 4


def test_orphan_chunks_invisible_then_repaired(make_tutor, tmp_path: Path):
    """What a run killed between storing chunks and writing the manifest leaves behind."""
    root = corpus(tmp_path / "corpus")
    tutor = make_tutor(corpus_dir=root)
    tutor.ingest()
    doc_id = str(root / "notes.txt")
    tutor.store._docs.delete(ids=[doc_id])  # the manifest record never got written
    tutor.store._chunks.add(
        ids=["ghost#0"],
        embeddings=[FakeEmbedder().embed_query("fantôme")],
        documents=["fantôme"],
        metadatas=[{"doc_id": "ghost", "content_hash": "x", "title": "G", "kind": "fiche"}],
    )
    assert tutor.store.orphan_doc_ids() == {doc_id, "ghost"}
    assert all(h.chunk.doc_id not in {doc_id, "ghost"} for h in tutor.search("fantôme notes mandrin", 10))
    report = tutor.ingest()
    assert set(report.repaired) == {doc_id, "ghost"}
    assert doc_id in report.indexed
    assert tutor.store.orphan_doc_ids() == set()


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tutor.knowledge.embeddings import FakeEmbedder
    from tutor.facade import Tutor
    from tutor.settings import load_settings
    settings = load_settings(home=Path(sys.argv[1]), corpus_dir=Path(sys.argv[2]))
    tutor = Tutor.from_settings(settings, embedder=FakeEmbedder())
    report = tutor.ingest(on_progress=lambda p: print(p.done, flush=True))
    print("DONE", len(report.indexed), flush=True)
    """
)


def test_killed_run_is_repaired_by_the_next(settings_for, tmp_path: Path):
    root = tmp_path / "corpus"
    for i in range(150):
        write(root / f"doc{i:03}.md", f"# Fiche {i}\n\n## Partie\n" + f"Texte numéro {i} sur l'usinage. " * 40)
    settings = settings_for(corpus_dir=root)
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(settings.home), str(root)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    for line in child.stdout:  # wait until it is well into the run, then kill it hard
        if line.strip() == "20":
            break
    time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    from tutor.facade import Tutor

    tutor = Tutor.from_settings(settings, embedder=FakeEmbedder())
    served = {c.doc_id for c in tutor.store.chunks()}
    assert served <= set(tutor.store.documents())  # nothing half-indexed is ever served
    report = tutor.ingest()
    assert len(report.indexed) + len(report.unchanged) == 150
    assert tutor.store.orphan_doc_ids() == set()
    records = tutor.store.documents()
    assert tutor.store.chunk_count() == sum(r.chunks for r in records.values())


def test_lexical_cache_reused_then_invalidated(make_tutor, tmp_path: Path, monkeypatch):
    root = corpus(tmp_path / "corpus")
    tutor = make_tutor(corpus_dir=root)
    tutor.ingest()
    expected = [h.chunk for h in tutor.search("serrage mandrin étau", 3)]
    assert any((tutor.settings.home / "cache").glob("lexical-*/stamp"))

    again = make_tutor(corpus_dir=root)
    monkeypatch.setattr(again.store, "chunks", lambda: pytest.fail("cache not used"))
    assert [h.chunk for h in again.search("serrage mandrin étau", 3)] == expected
    monkeypatch.undo()

    write(root / "notes.txt", "Le mandrin se graisse chaque semaine.")
    again.ingest()
    assert "graisse" in again.search("graisser le mandrin", 1)[0].chunk.text  # stale cache not served
