"""Read files into `Document`s: Markdown with front matter, plain text, PDF (`tutor.knowledge.pdf`), Word and
OpenDocument procedures (`tutor.knowledge.office`), CNC programs.

Every refusal is a `SkipDocument` carrying a one-line French reason, so ingestion can report it and
go on with the other files.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from tutor.documents import CAPACITIES, Document, Section
from tutor.knowledge.office import load_office
from tutor.knowledge.pdf import load_pdf
from tutor.knowledge.reading import SkipDocument, first_line
from tutor.knowledge.troubleshooting import GuideError, parse_guide

MARKDOWN = {".md", ".markdown"}
TEXT = {".txt"}
PDF = {".pdf"}
GCODE = {".nc", ".ngc", ".tap", ".iso", ".h", ".mpf", ".spf"}
OFFICE = {".docx", ".odt"}
SUPPORTED = MARKDOWN | TEXT | PDF | GCODE | OFFICE
GUIDE = {".yaml", ".yml"}  # the built-in troubleshooting guide only (kind "depannage"), never an upload


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Kinds whose passages are rendered by our code, not read as written: bump the tag when the rendering
# changes, so an index built with the old passages re-indexes those files (their bytes did not change).
_RENDERED = {"depannage": b"depannage-passage-2\n"}


def document_hash(data: bytes, kind_hint: str | None = None) -> str:
    """The hash an index keeps for a file: its bytes, plus the rendering version for rendered kinds."""
    return content_hash(_RENDERED.get(kind_hint or "", b"") + data)


def is_supported(path: Path, kind_hint: str | None = None) -> bool:
    suffix = path.suffix.lower()
    return suffix in SUPPORTED or (kind_hint == "depannage" and suffix in GUIDE)


def load_document(
    path: Path, doc_id: str, *, max_bytes: int, kind_hint: str | None = None, data: bytes | None = None
) -> Document:
    """`data`, when given, is the file's content the caller already read (to hash it)."""
    suffix = path.suffix.lower()
    if not is_supported(path, kind_hint):
        raise SkipDocument(f"format non pris en charge ({suffix or 'sans extension'})")
    try:
        size = len(data) if data is not None else path.stat().st_size
        if size > max_bytes:
            raise SkipDocument(f"fichier trop volumineux ({size / 1e6:.1f} Mo, limite {max_bytes / 1e6:.0f} Mo)")
        data = data if data is not None else path.read_bytes()
    except OSError as exc:
        raise SkipDocument(f"fichier illisible ({exc.strerror or exc})") from exc
    if not data.strip():
        raise SkipDocument("fichier vide")
    digest = document_hash(data, kind_hint)
    if suffix in PDF:
        return load_pdf(path, data, doc_id, digest)
    if suffix in OFFICE:
        return load_office(path, data, doc_id, digest)
    text = _decode_text(data)
    if suffix in MARKDOWN:
        return _load_markdown(path, text, doc_id, digest, kind_hint)
    if suffix in GCODE:
        return _load_gcode(path, text, doc_id, digest)
    if suffix in GUIDE:
        return _load_guide(text, doc_id, digest)
    return Document(
        doc_id=doc_id,
        title=first_line(text) or path.stem,
        kind=kind_hint or "document",
        content_hash=digest,
        sections=(Section(text=text.strip()),),
    )


def _decode_text(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise SkipDocument("fichier binaire avec une extension de texte")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkipDocument(
            f"texte non encodé en UTF-8 (octet invalide en position {exc.start}) : réenregistrez-le en UTF-8"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _capacities(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value or ""))
    found = {str(item).strip().upper() for item in items}
    return tuple(c for c in CAPACITIES if c in found)


# ---------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,4})\s+(.+?)\s*#*\s*$")


def parse_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (ligne {line + 2})" if line is not None else ""
        raise SkipDocument(f"en-tête YAML invalide{where}") from exc
    if not isinstance(meta, dict):
        raise SkipDocument("en-tête YAML invalide (ce n'est pas une table clé : valeur)")
    return meta, text[match.end() :]


def markdown_sections(body: str) -> list[Section]:
    """Split at headings (outside code fences); each section is headed by its heading path."""
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []
    fenced = False

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            sections.append(Section(text=text, heading=" > ".join(h for _, h in path)))
        lines.clear()

    for line in body.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            flush()
            level = len(match.group(1))
            path = [(lvl, h) for lvl, h in path if lvl < level] + [(level, match.group(2).strip())]
        else:
            lines.append(line)
    flush()
    return sections


def _load_markdown(path: Path, text: str, doc_id: str, digest: str, kind_hint: str | None) -> Document:
    meta, body = parse_front_matter(text)
    sections = markdown_sections(body)
    if not sections:
        raise SkipDocument("document sans texte")
    # The document title (a level-1 heading) is already the title: drop it from heading paths.
    title = str(meta.get("title") or "").strip()
    first = _HEADING.match(body.lstrip().splitlines()[0]) if body.strip() else None
    h1 = first.group(2).strip() if first and len(first.group(1)) == 1 else ""
    title = title or h1 or path.stem
    if h1:
        sections = [
            Section(text=s.text, heading=s.heading.removeprefix(h1).removeprefix(" > "), page=s.page) for s in sections
        ]
    tags = meta.get("tags") or []
    return Document(
        doc_id=doc_id,
        title=title,
        kind=str(meta.get("kind") or kind_hint or "document"),
        content_hash=digest,
        sections=tuple(sections),
        capacities=_capacities(meta.get("capacities")),
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (str(tags),),
    )


def _load_guide(text: str, doc_id: str, digest: str) -> Document:
    try:
        guide = parse_guide(text)
    except GuideError as exc:
        raise SkipDocument(f"guide de dépannage invalide : {exc}") from exc
    return Document(
        doc_id=doc_id,
        title=guide.title,
        kind="depannage",
        content_hash=digest,
        sections=guide.sections(),
        capacities=guide.capacities,
        tags=tuple(sorted({said for s in guide.symptoms for said in s.said})),
    )


# ---------------------------------------------------------------- CNC programs

_TITLE = re.compile(r"^\s*[(;]\s*TITRE\s*:\s*(.+?)\s*\)?\s*$", re.IGNORECASE | re.MULTILINE)
_CAPS = re.compile(r"^\s*[(;]\s*CAPACIT[EÉ]S?\s*:\s*(.+?)\s*\)?\s*$", re.IGNORECASE | re.MULTILINE)
_COMMENT_ONLY = re.compile(r"^\s*(?:N\d+\s*)?(\(.*\)|;.*)\s*$")
# A tool change starts an operation: Fanuc T.. M06 / T0101, Heidenhain TOOL CALL, Siemens T="..".
_TOOL = re.compile(r"(?:^|\s)(?:T\d+|T\s*=\s*\"?[\w.-]+\"?)(?:\s|$)|TOOL\s+CALL", re.IGNORECASE)


def _load_gcode(path: Path, text: str, doc_id: str, digest: str) -> Document:
    lines = text.splitlines()
    title_match = _TITLE.search(text)
    caps_match = _CAPS.search(text)
    header: list[str] = []
    index = 0
    while index < len(lines) and (
        not lines[index].strip() or _COMMENT_ONLY.match(lines[index]) or lines[index].strip() in {"%"}
    ):
        header.append(lines[index])
        index += 1
    sections = (
        [Section(text="\n".join(header).strip(), heading="En-tête du programme")] if "".join(header).strip() else []
    )
    current: list[str] = []
    heading = "Début du programme"
    pending_comments: list[str] = []
    for line in lines[index:]:
        if _COMMENT_ONLY.match(line):
            pending_comments.append(line)
            continue
        if _TOOL.search(line.split(";")[0].split("(")[0]) and any(_code_lines(current)):
            sections.append(Section(text="\n".join(current).strip(), heading=heading))
            current = []
        if not current:
            heading = _operation_heading(pending_comments, line)
        current.extend(pending_comments)
        pending_comments = []
        current.append(line)
    current.extend(pending_comments)
    if "\n".join(current).strip():
        sections.append(Section(text="\n".join(current).strip(), heading=heading))
    if not sections:
        raise SkipDocument("programme vide")
    return Document(
        doc_id=doc_id,
        title=title_match.group(1) if title_match else path.stem,
        kind="gcode",
        content_hash=digest,
        sections=tuple(sections),
        capacities=_capacities(caps_match.group(1)) if caps_match else ("C4",),
    )


def _code_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() and not _COMMENT_ONLY.match(line)]


def _operation_heading(comments: list[str], line: str) -> str:
    for comment in reversed(comments):
        name = comment.strip().strip("();").strip(" -=*")
        if name:
            return name[:100]
    return f"Opération ({line.strip()[:40]})"
