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


def test_same_content_under_two_names_is_indexed_once(make_tutor, tmp_path: Path):
    root = corpus(tmp_path / "corpus")
    write(root / "copie" / "g41-bis.md", SHEET)
    tutor = make_tutor(corpus_dir=root)
    report = tutor.ingest()
    [(twin, original)] = report.duplicates  # files are taken in path order: copie/ comes first
    assert twin.endswith("fiches/g41.md") and original.endswith("copie/g41-bis.md")
    records = tutor.store.documents()
    assert records[twin].same_as == original and records[twin].chunks == 0
    hits = tutor.search("G41 sur un arc", 3)
    assert [h.chunk.doc_id for h in hits].count(original) >= 1
    assert twin not in {h.chunk.doc_id for h in hits}  # its passages are not there twice
    assert hits[0].chunk.aliases == (twin,)
    assert tutor.ingest().unchanged and not tutor.ingest().indexed  # and a second run changes nothing


def test_a_duplicate_takes_over_when_the_original_goes(make_tutor, tmp_path: Path):
    root = tmp_path / "corpus"
    write(root / "a.md", SHEET)
    write(root / "b.md", SHEET)
    tutor = make_tutor(corpus_dir=root)
    report = tutor.ingest()
    (twin, original) = report.duplicates[0]
    chunks = tutor.store.chunk_count()
    assert tutor.remove(original)
    assert tutor.store.orphan_doc_ids() == set() and tutor.store.chunk_count() == chunks
    assert {h.chunk.doc_id for h in tutor.search("G41 sur un arc", 3)} == {twin}
    assert tutor.store.documents()[twin].same_as == ""


def test_a_changed_original_leaves_its_duplicate_the_old_content(make_tutor, tmp_path: Path):
    root = tmp_path / "corpus"
    write(root / "a.md", SHEET)
    write(root / "b.md", SHEET)
    tutor = make_tutor(corpus_dir=root)
    twin, original = tutor.ingest().duplicates[0]
    write(root / original.rsplit("/", 1)[-1], "# Autre fiche\n\nLe surfaçage se fait en avalant pour un bon état.")
    report = tutor.ingest()
    assert report.indexed == (original,)
    assert tutor.store.orphan_doc_ids() == set()
    records = tutor.store.documents()
    assert records[twin].same_as == "" and records[twin].chunks > 0
    assert tutor.search("G41 sur un arc", 1)[0].chunk.doc_id == twin
    assert tutor.search("surfaçage en avalant", 1)[0].chunk.doc_id == original


class CountingEmbedder(FakeEmbedder):
    @property
    def embedded(self) -> int:
        return sum(self.calls)


RESUME_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tutor.knowledge.embeddings import FakeEmbedder
    from tutor.facade import Tutor
    from tutor.settings import load_settings
    settings = load_settings(home=Path(sys.argv[1]), corpus_dir=Path(sys.argv[2]), embed_batch=10)
    tutor = Tutor.from_settings(settings, embedder=FakeEmbedder())
    tutor.ingest(on_progress=lambda p: print(p.passages_done, flush=True))
    print("DONE", flush=True)
    """
)


def long_manual(root: Path, sections: int = 120) -> Path:
    body = "".join(
        f"## Section {i}\n" + f"Réglage numéro {i} de la broche et du fourreau. " * 12 + "\n" for i in range(sections)
    )
    return write(root / "manuel.md", "# Manuel de la machine\n\n" + body)


def test_killed_long_document_resumes_where_it_stopped(settings_for, tmp_path: Path):
    root = tmp_path / "corpus"
    long_manual(root)
    settings = settings_for(corpus_dir=root, embed_batch=10)
    child = subprocess.Popen(
        [sys.executable, "-c", RESUME_SCRIPT, str(settings.home), str(root)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    for line in child.stdout:  # five batches stored, then killed hard
        if line.strip() == "50":
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    from tutor.facade import Tutor

    embedder = CountingEmbedder()
    tutor = Tutor.from_settings(settings, embedder=embedder)
    assert tutor.store.chunks() == []  # the half-indexed manual is not served
    kept = tutor.store.chunk_count()
    assert 50 <= kept < 120
    report = tutor.ingest()
    assert len(report.indexed) == 1 and report.indexed[0].endswith("manuel.md")
    total = tutor.store.documents()[report.indexed[0]].chunks
    assert embedder.embedded == total - kept == report.chunks_added  # only what was missing was embedded
    assert max(embedder.calls) <= 10
    assert tutor.store.orphan_doc_ids() == set() and len(tutor.store.chunks()) == total


def test_progress_inside_a_long_document(make_tutor, tmp_path: Path):
    root = tmp_path / "corpus"
    long_manual(root, sections=30)
    tutor = make_tutor(corpus_dir=root, embed_batch=8)
    steps = []
    tutor.ingest(on_progress=steps.append)
    inside = [s for s in steps if s.passages_total]
    assert [s.passages_done for s in inside][:3] == [0, 8, 16]
    assert inside[-1].passages_done == inside[-1].passages_total
    assert "passages/s" in inside[1].line and "manuel.md : 8/" in inside[1].line
    assert steps[-1].done == steps[-1].total == 1
