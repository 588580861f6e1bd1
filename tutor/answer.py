"""Grounded answers: retrieve, judge support, quote the closest sentence, prompt with numbered sources, stream,
map [n] to citations.

The answer is refused without asking the model when the best passage is too far from the question
(threshold calibrated on the eval set): a small local model answers from its own memory far too readily.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from tutor.documents import Hit
from tutor.evidence import SENTENCE_END, Similarity, best_sentences, clip, echoes
from tutor.lexical import FrenchAnalyzer
from tutor.llm import ChatModel, LLMUnavailable, Message, complete
from tutor.numeric import NumericAnswer
from tutor.prompts import load_prompt

REFUSAL = "Je ne trouve pas cela dans mes documents."
_MARKER = re.compile(r"\[(\d{1,2})\]")
_REFUSAL_START = re.compile(r"^\W*je (ne )?trouve pas", re.IGNORECASE)

Search = Callable[[str, int, str | None], list[Hit]]
Calculator = Callable[[str], NumericAnswer | None]
InScope = Callable[[str], bool]


@dataclass(frozen=True)
class Citation:
    n: int
    title: str
    source: str
    page: int | None
    section: str
    excerpt: str

    def as_json(self) -> dict:
        return {"n": self.n, "title": self.title, "source": self.source, "page": self.page, "section": self.section}


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str


@dataclass(frozen=True)
class Answer:
    text: str
    supported: bool
    citations: tuple[Citation, ...]
    backend: str
    question: str  # the standalone question actually searched

    def as_json(self) -> dict:
        """The stable shape of `tutor ask --json`."""
        return {
            "answer": self.text,
            "supported": self.supported,
            "citations": [c.as_json() for c in self.citations],
            "backend": self.backend,
        }


@dataclass(frozen=True)
class Retrieved:
    """First event: what was found, so a UI can show the sources while the answer streams."""

    question: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Delta:
    text: str
    generated: bool = True  # False for text the tutor wrote itself (the quoted sentence), not the model


@dataclass(frozen=True)
class Done:
    answer: Answer


Event = Retrieved | Delta | Done


@dataclass(frozen=True)
class AnswerPolicy:
    sources: int = 4
    source_chars: int = 600
    min_support: float = 0.83
    max_tokens: int = 400
    temperature: float = 0.1
    quotes: int = 2  # lead with the passages' closest sentences, quoted (see tutor.evidence); 0: none


_ANALYZER = FrenchAnalyzer()


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


def citations_from(hits: Sequence[Hit], excerpt_chars: int, question: str = "") -> tuple[Citation, ...]:
    return tuple(
        Citation(
            n=n,
            title=h.chunk.title,
            source=h.chunk.doc_id,
            page=h.chunk.page,
            section=h.chunk.section,
            excerpt=focus(h.chunk.text, question, excerpt_chars),
        )
        for n, h in enumerate(hits, start=1)
    )


def supported_by(hits: Sequence[Hit], threshold: float) -> bool:
    best = max((h.dense_score for h in hits if h.dense_score is not None), default=None)
    if best is None:  # lexical-only retrieval: no absolute score, trust the model's own refusal
        return bool(hits)
    return best >= threshold


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

    cleaned = _MARKER.sub(keep, text)
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
        bare = _MARKER.sub("", sentence)
        words = set(_ANALYZER.tokens(bare))
        shared = [len(words & source) for source in sources]
        best = max(range(len(sources)), key=lambda n: shared[n])
        if shared[best] < 2 or shared[best] < least * len(words):
            continue
        shares = [count / len(words) for count in shared]
        marked = [int(m) for m in _MARKER.findall(sentence) if 1 <= int(m) <= len(sources)]
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
        bare = _MARKER.sub("", pieces[i])
        if any(c.isalnum() for c in bare) and not any(echoes(bare, earlier) for earlier in said):
            kept.append(pieces[i] + pieces[i + 1])
    return "".join(kept).strip()


class Answerer:
    """Turns a question (and the conversation so far) into a stream of events ending with an `Answer`."""

    def __init__(
        self,
        search: Search,
        chat: ChatModel | None,
        policy: AnswerPolicy | None = None,
        calculator: Calculator | None = None,
        in_scope: InScope | None = None,
        similarity: Similarity | None = None,
    ) -> None:
        self.search, self.chat, self.policy, self.calculator = search, chat, policy or AnswerPolicy(), calculator
        self.in_scope, self.similarity = in_scope, similarity

    @property
    def backend(self) -> str:
        return self.chat.backend if self.chat is not None else "none"

    def ask(self, question: str, history: Sequence[Turn] = (), *, capacity: str | None = None) -> Answer:
        for event in self.stream(question, history, capacity=capacity):
            if isinstance(event, Done):
                return event.answer
        raise AssertionError("stream ended without an answer")

    def stream(self, question: str, history: Sequence[Turn] = (), *, capacity: str | None = None) -> Iterator[Event]:
        question = " ".join(question.split())
        if not question:
            text = "Posez une question sur l'usinage, la programmation, le contrôle ou le CQPM."
            yield Done(Answer(text, False, (), self.backend, ""))
            return
        standalone = self.standalone(question, history)
        computed = self.calculator(standalone) if self.calculator else None
        if computed is not None:  # numbers come from the calculators, never from the model
            yield Retrieved(standalone, ())
            yield Delta(computed.text, generated=False)
            yield Done(Answer(computed.text, True, (), "calculateur", standalone))
            return
        if self.in_scope is not None and not self.in_scope(standalone):
            yield from self._refuse(standalone)
            return
        hits = self.search(standalone, self.policy.sources, capacity)
        if not supported_by(hits, self.policy.min_support):
            yield from self._refuse(standalone)
            return
        citations = citations_from(hits, self.policy.source_chars, standalone)
        yield Retrieved(standalone, citations)
        evidence = best_sentences(standalone, [c.excerpt for c in citations], self.similarity, count=self.policy.quotes)
        lead = load_prompt("evidence").render(quotes=evidence).strip() + "\n\n" if evidence else ""
        if lead:
            yield Delta(lead, generated=False)
        if self.chat is None:
            yield from self._extractive(standalone, citations, self.backend, prefix=lead)
            return
        pieces: list[str] = []
        try:
            for piece in self.chat.stream(
                self._messages(standalone, citations),
                max_tokens=self.policy.max_tokens,
                temperature=self.policy.temperature,
            ):
                pieces.append(piece)
                yield Delta(piece)
        except LLMUnavailable as exc:
            yield Delta(f"\n\n{exc} ", generated=False)
            prefix = lead + "".join(pieces) + f"\n\n{exc}\n\n"
            yield from self._extractive(standalone, citations, "none", prefix=prefix)
            return
        written = "".join(pieces).strip()
        new = drop_echoes(written, [standalone, *(e.text for e in evidence)])  # not what the reader has read
        if _REFUSAL_START.match(written) or not (lead or new):
            yield Done(Answer(load_prompt("refusal").render(refusal=REFUSAL), False, (), self.backend, standalone))
            return
        body = attribute(new, [c.excerpt for c in citations])
        text, cited = resolve_markers((lead + body).strip(), len(citations))
        chosen = tuple(citations[n - 1] for n in cited) if cited else citations
        yield Done(Answer(text, True, chosen, self.backend, standalone))

    def prime(self) -> None:
        """Have the model read the fixed rules once (one token asked), so that the server's prompt cache already
        holds them at the first question: about 360 tokens, 7 s on two cores."""
        if self.chat is None:
            return
        system = load_prompt("answer_system").render(refusal=REFUSAL)
        with contextlib.suppress(LLMUnavailable):
            complete(self.chat, [Message("system", system), Message("user", "")], max_tokens=1)

    def standalone(self, question: str, history: Sequence[Turn]) -> str:
        """A follow-up ("et pour l'inox ?") rewritten so retrieval understands it alone."""
        if not history:
            return question
        recent = list(history)[-3:]
        if self.chat is None:
            return f"{recent[-1].question} {question}"
        prompt = load_prompt("condense").render(
            history=[Turn(t.question, t.answer[:400]) for t in recent], question=question
        )
        try:
            rewritten = complete(self.chat, [Message("user", prompt)], max_tokens=80)
        except LLMUnavailable:
            return f"{recent[-1].question} {question}"
        line = rewritten.strip().splitlines()[0].strip(" «»\"'") if rewritten.strip() else ""
        return line if 3 <= len(line) <= 400 else question

    def _messages(self, question: str, citations: Sequence[Citation]) -> list[Message]:
        system = load_prompt("answer_system").render(refusal=REFUSAL)
        sources = [
            {"n": c.n, "title": c.title, "section": c.section, "page": c.page, "text": c.excerpt} for c in citations
        ]
        user = load_prompt("answer_user").render(sources=sources, question=question)
        return [Message("system", system), Message("user", user)]

    def _refuse(self, question: str) -> Iterator[Event]:
        text = load_prompt("refusal").render(refusal=REFUSAL)
        yield Retrieved(question, ())
        yield Delta(text, generated=False)
        yield Done(Answer(text, False, (), self.backend, question))

    def _extractive(
        self, question: str, citations: Sequence[Citation], backend: str, prefix: str = ""
    ) -> Iterator[Event]:
        passages = [
            {"n": c.n, "title": c.title, "section": c.section, "excerpt": clip(c.excerpt, 320)} for c in citations
        ]
        text = load_prompt("extractive").render(passages=passages)
        yield Delta(text, generated=False)
        yield Done(Answer(prefix + text, True, tuple(citations), backend, question))
