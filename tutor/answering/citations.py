"""Citations: the numbered sources shown under an answer, and the [n] markers that tie a sentence to one.

A small model cites loosely: markers to no source, the right sentence with the wrong number, sentences that
only repeat a quote. These functions check each marker against the passages' words and fix what is plainly
wrong; the excerpt shown is the part of the passage closest to the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.answering.evidence import MARKUP, SENTENCE_END, WARNING, clip, echoes
from tutor.documents import Hit
from tutor.knowledge.lexical import FrenchAnalyzer
from tutor.knowledge.tables import labelled

MARKER = re.compile(r"\[(\d{1,2})\]")
_ANALYZER = FrenchAnalyzer()


@dataclass(frozen=True)
class Citation:
    n: int
    title: str
    source: str
    page: int | None
    section: str
    excerpt: str
    also: tuple[str, ...] = ()  # the same document under other names

    @property
    def where(self) -> str:
        """Section, page and file, and the file's other names: the line a reader checks the source by."""
        names = self.source + (f" (aussi : {', '.join(self.also)})" if self.also else "")
        return " — ".join(p for p in (self.section, f"page {self.page}" if self.page else "", names) if p)

    def as_json(self) -> dict:
        return {
            "n": self.n,
            "title": self.title,
            "source": self.source,
            "page": self.page,
            "section": self.section,
            "also": list(self.also),
        }


def focus(text: str, question: str, limit: int) -> str:
    """The sentences of a passage that share most words with the question, in their order, within `limit`.

    A long passage cut at its start often loses the very line that answers; a small model then refuses.
    """
    text = text.strip()
    if len(" ".join(text.split())) <= limit:
        return " ".join(text.split())
    wanted = set(_ANALYZER.tokens(question))
    sentences = [" ".join(part.split()) for part in SENTENCE_END.split(text) if part.strip()]
    ranked = sorted(range(len(sentences)), key=lambda i: (-len(wanted & set(_ANALYZER.tokens(sentences[i]))), i))
    chosen, used = set(), 0
    for i in ranked:
        if used + len(sentences[i]) + 3 > limit and chosen:
            continue
        chosen.add(i)
        used += len(sentences[i]) + 3
    parts, previous = [], -1
    for i in sorted(chosen):
        if previous >= 0 and i != previous + 1:
            parts.append("…")
        parts.append(clip(sentences[i], limit))
        previous = i
    return " ".join(parts)


_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)")


_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def _cells(line: str) -> list[str]:
    return [" ".join(cell.split()) for cell in _ROW.match(line).group(1).split("|")]


def rows_as_text(text: str) -> str:
    """Markdown tables written a row per line, each cell with its heading (« Taux : Disponibilité — Calcul :
    temps de fonctionnement / temps requis. »), as PDF tables are (tutor.knowledge.tables): flattened, a table
    read « | Taux | Calcul | |---|---| | Disponibilité | … » on a card and in a quote."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if _ROW.match(lines[i]) and i + 1 < len(lines) and _RULE.match(lines[i + 1]):
            headings, i = _cells(lines[i]), i + 2
            while i < len(lines) and _ROW.match(lines[i]):
                # « — », not the PDF rows' « ; »: a quote is cut at « ; », and a row must stay one sentence
                out.append(" — ".join(labelled(headings, _cells(lines[i]))).rstrip(" .;") + ".")
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def plain(text: str) -> str:
    """A passage without its Markdown links (« [AMDEC](amdec.md) » is « AMDEC ») and bold or code marks: a card
    shows them as typed, and the model copied them into its answers. Tables come a row per line."""
    return rows_as_text(MARKUP.sub("", _LINK.sub(r"\1", text)))


# A section listing mistakes. Its lines are written as actions (« Oublier la clé dans le mandrin. »), and the
# small model passed them on as advice, in a blind answer on a part shifting in the vice.
_MISTAKES = re.compile(r"(erreurs? (fréquentes?|courantes?|classiques?)|pièges?( à éviter)?|à éviter|à ne pas faire)")
_ITEM = re.compile(r"^(\s*[-*+]\s+)(\S.*)$", re.MULTILINE)


def as_warnings(text: str, section: str) -> str:
    """Each item of a mistakes section read as one (« À éviter : oublier la clé dans le mandrin. »), on the card,
    in a quote and in the model's sources alike. A section merged with another (« A / B ») is left as it is."""
    last = section.split(" > ")[-1].strip().lower()
    if " / " in section or not _MISTAKES.fullmatch(last):
        return text

    def mark(match: re.Match) -> str:
        item = match.group(2)
        if len(item) > 1 and item[0].isupper() and item[1].islower():  # « MSP » keeps its capitals
            item = item[0].lower() + item[1:]
        return f"{match.group(1)}{WARNING} {item}"

    return _ITEM.sub(mark, text)


def citations_from(hits: Sequence[Hit], excerpt_chars: int, question: str = "") -> tuple[Citation, ...]:
    return tuple(
        Citation(
            n=n,
            title=h.chunk.title,
            source=h.chunk.doc_id,
            page=h.chunk.page,
            section=h.chunk.section,
            excerpt=focus(as_warnings(plain(h.chunk.text), h.chunk.section), question, excerpt_chars),
            also=h.chunk.aliases,
        )
        for n, h in enumerate(hits, start=1)
    )


def resolve_markers(text: str, available: int) -> tuple[str, tuple[int, ...]]:
    """Drop markers pointing at no source; return the cleaned text and the cited numbers in order."""
    cited: list[int] = []

    def keep(match: re.Match) -> str:
        n = int(match.group(1))
        if 1 <= n <= available:
            if n not in cited:
                cited.append(n)
            return match.group(0)
        return ""

    cleaned = MARKER.sub(keep, text)
    return cleaned, tuple(cited)


_PIECES = re.compile(r"((?<=[.!?])\s+|\n+)")
_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


def attribute(text: str, excerpts: Sequence[str], *, least: float = 0.34, keep: float = 0.6) -> str:
    """Check each sentence's [n] against the passages, by shared words, and fix what is plainly wrong.

    A small model often writes the right sentence with the wrong number, or no number at all. A sentence
    that shares at least `least` of its words (and two at least) with some passage is cited to the passage
    sharing most,
    unless the model's own choice shares at least `keep` as many. Sentences in the model's own words are
    left alone.
    """
    sources = [set(_ANALYZER.tokens(excerpt)) for excerpt in excerpts]
    if not sources:
        return text
    pieces = _PIECES.split(text)
    for i in range(0, len(pieces), 2):  # odd indices are the separators, kept as they are
        sentence = pieces[i]
        bare = MARKER.sub("", sentence)
        words = set(_ANALYZER.tokens(bare))
        shared = [len(words & source) for source in sources]
        best = max(range(len(sources)), key=lambda n: shared[n])
        if shared[best] < 2 or shared[best] < least * len(words):
            continue
        shares = [count / len(words) for count in shared]
        marked = [int(m) for m in MARKER.findall(sentence) if 1 <= int(m) <= len(sources)]
        if any(shares[m - 1] >= keep * shares[best] for m in marked):
            continue
        bare = _BEFORE_PUNCT.sub(r"\1", " ".join(bare.split()))
        end = len(bare.rstrip(".!?:;"))
        pieces[i] = f"{bare[:end]} [{best + 1}]{bare[end:]}"
    return "".join(pieces)


def drop_echoes(text: str, said: Sequence[str]) -> str:
    """Remove the sentences that only restate what the reader has already read (the question, the quoted
    sentences), and bare markers: a small model often repeats them word for word."""
    pieces = [*_PIECES.split(text), ""]  # sentence, separator, sentence, ..., separator
    kept = []
    for i in range(0, len(pieces) - 1, 2):
        bare = MARKER.sub("", pieces[i])
        if any(c.isalnum() for c in bare) and not any(echoes(bare, earlier) for earlier in said):
            kept.append(pieces[i] + pieces[i + 1])
    return "".join(kept).strip()
