"""The model's text made readable, and the rules a clean answer is checked by.

A 1.5B model pastes what it read: a source's heading on its own line, « [2] » at the start of a sentence, list
items of two words, Markdown headings, a « Sources : » tail. A trainer's answer has none of that: 2 to 6 short
sentences or a short list, each [n] at the end of the sentence it supports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.knowledge.lexical import fold

MAX_SENTENCES = 6
_LEADING_MARKERS = re.compile(r"^(\s*(?:[-*•]|\d+[.)])?\s*)((?:\[\d{1,2}\]\s*)+)(.+)$")
_MARKERS = re.compile(r"\s*((?:\[\d{1,2}\]\s*)+)")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SOURCES_TAIL = re.compile(r"^\s*(\*\*)?(sources?|références?|references?)(\*\*)?\s*:", re.IGNORECASE)
_EMPTY_LABEL = re.compile(r"^\s*[^.!?]{0,40}:\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_EMPTY_NUMBERS = re.compile(r"^(?:\d{1,2}[.)]\s+)+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«(\[])")
_WORDS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+")
# « La source [1] explique que X », « [2] ajoute que X », « Les sources [1] et [2] indiquent que X »: the reader
# wants X, with its markers at the end.
_META = re.compile(
    r"^(?:(?:la|les|cette|ces|une|l')\s*(?:sources?|r[èe]gles?|valeurs?|exemples?|documents?|fiches?|passages?)\s*)?"
    r"((?:\[\d{1,2}\]\s*(?:,|et)?\s*)*)"
    r"(?:explique|indique|dit|pr[ée]cise|ajoute|montre|mentionne|affirme|rappelle|souligne)(?:nt)?\s+(?:que|qu')\s*",
    re.IGNORECASE,
)


def _end_markers(line: str) -> str:
    """« [2] La broche... » becomes « La broche... [2] »: the number goes after what it supports."""
    match = _LEADING_MARKERS.match(line)
    if not match:
        return line
    prefix, markers, rest = match.groups()
    markers = " ".join(markers.split())
    rest = rest.rstrip()
    end = len(rest.rstrip(".!?:;"))
    return f"{prefix}{rest[:end]} {markers}{rest[end:]}"


# « La règle est simple : X », « La réponse est que X »: the model announcing its answer; the reader wants X.
_ANNOUNCE = re.compile(
    r"^(?:la|une) (?:r[èe]gle|r[ée]ponse) est (?:(?:simple|claire)\s*)?(?::|que\b|qu')\s*", re.IGNORECASE
)


def _fact_first(sentence: str) -> str:
    """« La source [1] explique que la broche tourne. » becomes « La broche tourne [1]. »"""
    announced = _ANNOUNCE.match(sentence)
    if announced and len(sentence) - announced.end() >= 12:
        rest = sentence[announced.end() :]
        sentence = rest[0].upper() + rest[1:]
    match = _META.match(sentence)
    if not match or len(sentence) - match.end() < 12:
        return sentence
    rest = sentence[match.end() :]
    markers = " ".join(re.findall(r"\[\d{1,2}\]", match.group(1)))
    rest = rest[0].upper() + rest[1:]
    if not markers:
        return rest
    end = len(rest.rstrip().rstrip(".!?"))
    return f"{rest[:end].rstrip()} {markers}{rest[end:]}"


def _is_heading_of(line: str, headings: Sequence[str]) -> bool:
    bare = fold(_MARKERS.sub(" ", line)).strip(" *_:.-—")
    return bool(bare) and any(bare == fold(h).strip(" *_:.-—") for h in headings if h)


def _words(text: str) -> int:
    return len(_WORDS.findall(_MARKERS.sub(" ", text)))


def _key(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORDS.findall(fold(_MARKERS.sub(" ", _BULLET.sub("", text)))) if len(w) > 2)


def _repeats(text: str, seen: list[frozenset[str]]) -> bool:
    """The same sentence again, word for word or nearly (a small model loops on its last idea)."""
    key = _key(text)
    return bool(key) and any(len(key & other) >= 0.8 * max(len(key), len(other)) for other in seen)


def _loops(sentence: str, n: int = 4) -> bool:
    """A sentence that repeats itself (« elle est [2] bloc 1, elle est [3] bloc 1, elle est [4] bloc 1 ») is a
    model stuck in a loop, not a sentence: the same four words come back twice more inside it."""
    words = [_MARKERS.sub("", w).lower() for w in sentence.split()]
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        counts[gram] = counts.get(gram, 0) + 1
        if counts[gram] >= 3:
            return True
    return False


def tidy(text: str, headings: Sequence[str] = ()) -> str:
    """Drop pasted headings, Markdown headings, list fragments and a sources tail; move [n] to sentence ends;
    keep at most MAX_SENTENCES sentences of prose (lists are kept whole up to that many items)."""
    kept: list[str] = []
    seen: list[frozenset[str]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            if kept and kept[-1]:
                kept.append("")
            continue
        if _SOURCES_TAIL.match(line):
            break
        if _HEADING.match(line):
            line = _HEADING.sub("", line)
            if _words(line) < 6:  # a title, not a sentence written with a '#'
                continue
        if _is_heading_of(line, headings):
            continue
        if _BULLET.match(line) and _words(_BULLET.sub("", line)) < 3:
            continue
        if _EMPTY_LABEL.match(_MARKERS.sub(" ", line)):  # « Causes probables : [1] [2] » holds nothing
            continue
        if line.count("**") % 2:
            line = line.replace("**", "")
        bullet = _BULLET.match(line)
        lead, line = (bullet.group(0), line[bullet.end() :]) if bullet else ("", line)
        line = _EMPTY_NUMBERS.sub("", line)  # « 1. 2. 3. Utiliser … »: the numbers of items the model left empty
        if not line.strip():
            continue
        sentences = [
            part
            for part in _SENTENCE_END.split(line)
            if part.strip() and not _loops(part) and not part.lstrip().startswith("…")  # pasted from a source's gap
        ]
        fresh = [
            part for i, part in enumerate(sentences) if not _repeats(part, seen + [_key(p) for p in sentences[:i]])
        ]
        if not fresh:
            continue
        seen.extend(_key(part) for part in fresh)
        kept.append(lead + " ".join(_end_markers(_fact_first(part)) for part in fresh))  # « … [1]. [3] Dissiper » too
    body = "\n".join(kept).strip()
    return _finished(_limit(body))


_ENDED = (".", "!", "?", ":", ";", "]", ")", "»", "…")


def _finished(body: str) -> str:
    """Without its last sentence when the model stopped in the middle of it (« … par un lot [2]. Ils »): the
    length limit cuts a rambling answer mid-word; the sentences before it stand alone."""
    lines = body.split("\n")
    if not _unfinished([line for line in lines if line.strip()]):
        return body
    sentences = [s for s in _SENTENCE_END.split(lines[-1]) if s.strip()]
    lines = [*lines[:-1], " ".join(sentences[:-1])] if len(sentences) > 1 else lines[:-1]
    return "\n".join(lines).strip()


def _unfinished(lines: Sequence[str]) -> bool:
    """The last line is prose stopped mid-sentence, after at least one finished sentence (list items often go
    without a full stop)."""
    if not lines or _BULLET.match(lines[-1]) or lines[-1].rstrip().endswith(_ENDED):
        return False
    return len([s for line in lines for s in _SENTENCE_END.split(line) if s.strip()]) > 1


def _limit(body: str) -> str:
    """At most MAX_SENTENCES sentences or list items, cut at a sentence end."""
    out: list[str] = []
    count = 0
    for line in body.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        if _BULLET.match(line):
            count += 1
            if count > MAX_SENTENCES:
                break
            out.append(line)
            continue
        sentences = [s for s in _SENTENCE_END.split(line) if s.strip()]
        room = MAX_SENTENCES - count
        if room <= 0:
            break
        out.append(" ".join(sentences[:room]))
        count += min(len(sentences), room)
    return "\n".join(out).strip()


def problems(text: str, headings: Sequence[str] = ()) -> list[str]:
    """What makes an answer unclean, by checkable rules (the bench counts them; an empty list is clean)."""
    found = []
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(">")]
    if any(_LEADING_MARKERS.match(part) for line in lines for part in _SENTENCE_END.split(line)):
        found.append("marqueur [n] en début de phrase")
    if any(_HEADING.match(line) for line in lines):
        found.append("titre Markdown")
    if any(_is_heading_of(line, headings) for line in lines):
        found.append("titre de source recopié")
    if any(_BULLET.match(line) and _words(_BULLET.sub("", line)) < 3 for line in lines):
        found.append("fragment de liste")
    if any(line.count("**") % 2 for line in lines):
        found.append("gras non fermé")
    if any(part.lstrip().startswith("…") for line in lines for part in _SENTENCE_END.split(line)):
        found.append("fragment de source recopié")
    if _unfinished(lines):
        found.append("phrase inachevée")
    if any(_SOURCES_TAIL.match(line) for line in lines):
        found.append("liste de sources recopiée")
    if any(_META.match(part) for line in lines for part in _SENTENCE_END.split(line)):
        found.append("« la source dit » au lieu du fait")
    prose = [
        s
        for line in lines
        if not _BULLET.match(line) and not line.rstrip().endswith(":")  # a list's heading is not prose
        for s in _SENTENCE_END.split(line)
        if s.strip()
    ]
    runs, run = [], 0
    for line in lines:
        run = run + 1 if _BULLET.match(line) else 0
        runs.append(run)
    if len(prose) > MAX_SENTENCES or max(runs, default=0) > MAX_SENTENCES:  # 2 to 6 sentences, or short lists
        found.append("trop long")
    return found
