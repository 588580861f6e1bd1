from tutor.documents import Document, Section
from tutor.knowledge.chunking import ChunkingPolicy, chunk_document


def doc(*sections: Section, doc_id: str = "d.md") -> Document:
    return Document(doc_id=doc_id, title="Titre", kind="fiche", content_hash="h", sections=sections, capacities=("C1",))


def test_sections_that_fit_stay_whole_and_carry_metadata():
    chunks = chunk_document(doc(Section("a" * 300, "Un"), Section("b" * 300, "Deux")))
    assert [c.section for c in chunks] == ["Un", "Deux"]
    assert [c.chunk_id for c in chunks] == ["d.md#0", "d.md#1"]
    assert all(c.capacities == ("C1",) and c.kind == "fiche" and c.content_hash == "h" for c in chunks)


def test_long_section_is_cut_at_paragraphs_with_overlap_limit():
    paragraphs = [f"Paragraphe {i} " + "mot " * 60 for i in range(10)]
    chunks = chunk_document(
        doc(Section("\n\n".join(paragraphs), "Long")), ChunkingPolicy(max_chars=700, overlap_chars=100)
    )
    assert len(chunks) > 3
    assert all(len(c.text) <= 700 for c in chunks)
    assert all(c.section == "Long" for c in chunks)
    assert chunks[0].text.startswith("Paragraphe 0")


def test_tiny_section_merges_into_next():
    chunks = chunk_document(doc(Section("Intro courte.", "Intro"), Section("x" * 400, "Corps")))
    assert len(chunks) == 1
    assert chunks[0].section == "Intro / Corps"
    assert chunks[0].text.startswith("Intro courte.")


def test_tiny_last_section_joins_previous_and_pages_never_mix():
    chunks = chunk_document(doc(Section("x" * 400, "A"), Section("fin", "B")))
    assert len(chunks) == 1 and chunks[0].text.endswith("fin") and chunks[0].section == "A / B"
    pages = chunk_document(doc(Section("p1", page=1), Section("y" * 400, page=2)))
    assert [c.page for c in pages] == [1, 2]


def test_search_text_gives_context():
    chunk = chunk_document(doc(Section("x" * 200, "Erreurs")))[0]
    assert chunk.search_text.startswith("Titre — Erreurs\n")


def test_tiny_piece_left_by_a_cut_joins_its_neighbour():
    intro = "Une ligne d'introduction."
    items = "\n".join(f"- entrée {i} : " + "mot " * 12 for i in range(40))
    chunks = chunk_document(doc(Section(f"%\n\n{intro}\n\n{items}", "Liste")), ChunkingPolicy(max_chars=700))
    assert len(chunks) > 1
    assert all(len(c.text) >= 120 for c in chunks)
    assert chunks[0].text.startswith(f"%\n\n{intro}")
