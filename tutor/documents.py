"""The data that flows through the pipeline: documents, their sections, chunks and search hits."""

from __future__ import annotations

from dataclasses import dataclass, field

CAPACITIES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
KINDS = ("fiche", "depannage", "referentiel", "glossaire", "gcode", "pdf", "document")


@dataclass(frozen=True)
class Section:
    """A structural unit of a document: a Markdown section, a PDF page, a program operation."""

    text: str
    heading: str = ""
    page: int | None = None


@dataclass(frozen=True)
class Document:
    doc_id: str  # also the source shown to the user: path relative to the project, or absolute
    title: str
    kind: str
    content_hash: str
    sections: tuple[Section, ...]
    capacities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    text: str
    title: str
    kind: str
    content_hash: str
    section: str = ""
    page: int | None = None
    capacities: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other names of the same content (indexed once)

    @property
    def search_text(self) -> str:
        """What the retrievers see: the title and heading give a short passage its context."""
        header = " — ".join(part for part in (self.title, self.section) if part)
        return f"{header}\n{self.text}" if header else self.text


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float
    chunk: Chunk
    dense_rank: int | None = None
    lexical_rank: int | None = None
    dense_score: float | None = None  # cosine similarity when the dense retriever found it

    def as_json(self) -> dict:
        c = self.chunk
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "text": c.text,
            "title": c.title,
            "source": c.doc_id,
            "page": c.page,
            "section": c.section,
            "capacities": list(c.capacities),
            "kind": c.kind,
            "also": list(c.aliases),
        }


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str  # one line, French


@dataclass(frozen=True)
class IngestReport:
    indexed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    repaired: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (name, the document already holding the same content)
    chunks_added: int = 0
    seconds: float = 0.0

    @property
    def summary(self) -> str:
        rate = self.chunks_added / self.seconds if self.seconds > 0 else 0.0
        twins = f", {len(self.duplicates)} doublon(s)" if self.duplicates else ""
        return (
            f"{len(self.indexed)} document(s) indexé(s), {len(self.unchanged)} inchangé(s){twins}, "
            f"{len(self.removed)} retiré(s), {len(self.skipped)} ignoré(s) ; "
            f"{self.chunks_added} passage(s) ajouté(s) en {self.seconds:.1f} s ({rate:.0f} passages/s)"
        )


@dataclass(frozen=True)
class IndexStats:
    documents: int
    chunks: int
    per_kind: dict[str, int] = field(default_factory=dict)
    per_capacity: dict[str, int] = field(default_factory=dict)
    size_bytes: int = 0
    model: str = ""
    location: str = ""
