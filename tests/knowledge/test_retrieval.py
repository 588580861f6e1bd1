from tutor.documents import Chunk
from tutor.knowledge.retrieval import FusionPolicy, fuse


def chunk(name: str) -> Chunk:
    return Chunk(chunk_id=name, doc_id=name, text=name, title=name, kind="fiche", content_hash="h")


def test_rrf_rewards_agreement():
    a, b, c = chunk("a"), chunk("b"), chunk("c")
    hits = fuse([a, b, c], [b, c], 3, FusionPolicy(rrf_k=60))
    assert [h.chunk.chunk_id for h in hits] == ["b", "c", "a"]  # found by both beats first of one
    assert hits[0].dense_rank == 2 and hits[0].lexical_rank == 1
    assert [h.rank for h in hits] == [1, 2, 3]


def test_weights_and_ties():
    a, b = chunk("a"), chunk("b")
    assert [h.chunk.chunk_id for h in fuse([a], [b], 2, FusionPolicy())] == ["a", "b"]  # tie: dense first
    assert fuse([a], [b], 2, FusionPolicy(dense_weight=0.5))[0].chunk.chunk_id == "b"
    assert len(fuse([a], [b], 1, FusionPolicy())) == 1


def test_cap_per_document_makes_room_for_other_sources():
    one = [Chunk(chunk_id=f"a#{i}", doc_id="a", text="", title="", kind="fiche", content_hash="h") for i in range(4)]
    other = Chunk(chunk_id="b#0", doc_id="b", text="", title="", kind="fiche", content_hash="h")
    assert [h.chunk.chunk_id for h in fuse([*one, other], [], 3, FusionPolicy())] == ["a#0", "a#1", "a#2"]
    capped = fuse([*one, other], [], 3, FusionPolicy(max_per_doc=2))
    assert [h.chunk.chunk_id for h in capped] == ["a#0", "a#1", "b#0"]
    assert [h.rank for h in capped] == [1, 2, 3]


def test_one_glossary_passage_by_default():
    terms = [
        Chunk(chunk_id=f"g#{i}", doc_id="g", text="", title="", kind="glossaire", content_hash="h") for i in range(3)
    ]
    sheet = chunk("fiche")
    assert [h.chunk.chunk_id for h in fuse([*terms, sheet], [], 3, FusionPolicy())] == ["g#0", "fiche"]
    uncapped = fuse([*terms, sheet], [], 3, FusionPolicy(max_glossary=0))
    assert [h.chunk.chunk_id for h in uncapped] == ["g#0", "g#1", "g#2"]


def test_search_on_an_empty_index_finds_nothing_and_keeps_no_cache(make_tutor):
    """A fresh home before any ingestion: a search (a calculator's source look-up) returns nothing, no crash."""
    tutor = make_tutor()
    assert tutor.retriever.search("vitesse de rotation", 3) == []
    assert not any(tutor.retriever.cache_dir.glob("lexical-*")) if tutor.retriever.cache_dir.exists() else True
