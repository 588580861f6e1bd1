"""Cut documents into retrievable chunks along their structure (sections, pages, operations).

A section that fits stays whole; a longer one is cut at paragraph, line, then sentence
boundaries with a small overlap; a tiny one is merged into the next so no chunk is a bare heading.
A tiny piece left by the cut (a lone `%`, a one-line intro before a long list) joins its neighbour
for the same reason: on its own it only repeats the heading and crowds better passages out.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.documents import Chunk, Document, Section


@dataclass(frozen=True)
class ChunkingPolicy:
    max_chars: int = 1200
    overlap_chars: int = 150
    min_chars: int = 120


def _merge_small(sections: tuple[Section, ...], min_chars: int) -> list[Section]:
    merged: list[Section] = []
    carry: Section | None = None
    for section in sections:
        if carry is not None:
            if carry.page == section.page:
                heading = " / ".join(h for h in (carry.heading, section.heading) if h)
                section = Section(text=f"{carry.text}\n\n{section.text}", heading=heading, page=section.page)
            else:
                merged.append(carry)
            carry = None
        if len(section.text) < min_chars:
            carry = section
        else:
            merged.append(section)
    if carry is not None:
        if merged and merged[-1].page == carry.page:
            last = merged.pop()
            heading = " / ".join(h for h in (last.heading, carry.heading) if h)
            merged.append(Section(text=f"{last.text}\n\n{carry.text}", heading=heading, page=last.page))
        else:
            merged.append(carry)
    return merged


def _splitter(policy: ChunkingPolicy):
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=policy.max_chars,
        chunk_overlap=policy.overlap_chars,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )


def _join_tiny(parts: list[str], min_chars: int) -> list[str]:
    """Glue each piece shorter than `min_chars` to the next one (the last one to the previous)."""
    joined: list[str] = []
    carry = ""
    for part in parts:
        part = f"{carry}\n\n{part}" if carry else part
        carry = ""
        if len(part) < min_chars:
            carry = part
        else:
            joined.append(part)
    if carry:
        if joined:
            joined[-1] = f"{joined[-1]}\n\n{carry}"
        else:
            joined.append(carry)
    return joined


def chunk_document(document: Document, policy: ChunkingPolicy = ChunkingPolicy()) -> list[Chunk]:
    pieces: list[Section] = []
    splitter = None
    for section in _merge_small(document.sections, policy.min_chars):
        if len(section.text) <= policy.max_chars:
            pieces.append(section)
            continue
        splitter = splitter or _splitter(policy)
        parts = [part.strip() for part in splitter.split_text(section.text) if part.strip()]
        for part in _join_tiny(parts, policy.min_chars):
            pieces.append(Section(text=part, heading=section.heading, page=section.page))
    return [
        Chunk(
            chunk_id=f"{document.doc_id}#{number}",
            doc_id=document.doc_id,
            text=piece.text,
            title=document.title,
            kind=document.kind,
            content_hash=document.content_hash,
            section=piece.heading,
            page=piece.page,
            capacities=document.capacities,
        )
        for number, piece in enumerate(pieces)
    ]
